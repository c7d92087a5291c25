// Surface urban heat island intensity (core/suhi.hpp; docs/methods.md 7.4).
#include "core/suhi.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "core/number_format.hpp"
#include "core/wetlands.hpp"

namespace gg {

namespace {

bool is_rural_class(double v, const std::vector<long long>& classes) {
    // Class codes are whole numbers; a fractional value (a resampled map) is no class.
    if (!(std::abs(v) < 9e15) || v != std::round(v)) return false;
    return std::find(classes.begin(), classes.end(), std::llround(v)) != classes.end();
}

}  // namespace

std::string ReferenceRing::label() const {
    return plain_number(inner_km) + "-" + plain_number(outer_km) + " km";
}

const std::vector<std::string>& suhi_channel_names() {
    static const std::vector<std::string> names = {"suhi_lst_land", "suhi_lst_rural"};
    return names;
}

void derive_suhi_channels(const ChannelBuffer& lst, const ChannelBuffer& nir,
                          const ChannelBuffer& green, const ChannelBuffer& swir1,
                          const ChannelBuffer* classes, const SuhiParams& params,
                          std::span<ChannelBuffer> out) {
    const size_t n = lst.values.size();
    for (auto& ch : out) {
        ch.values.assign(n, 0.0);
        ch.valid.assign(n, 0);
    }
    const bool by_class = !params.rural_classes.empty();
    if (by_class && !classes) throw Error("internal: heat.suhi.rural_classes without the classes");
    for (size_t p = 0; p < n; ++p) {
        // Rural by land cover: the map says what is rural, whatever the indices say.
        if (by_class && lst.valid[p] && classes->valid[p] &&
            is_rural_class(classes->values[p], params.rural_classes)) {
            out[1].values[p] = lst.values[p];
            out[1].valid[p] = 1;
        }
        if (!lst.valid[p] || !green.valid[p] || !swir1.valid[p] || !nir.valid[p]) continue;
        const auto mndwi = water_index(green.values[p], swir1.values[p]);
        // NDBI = (SWIR1 - NIR) / (SWIR1 + NIR) (Zha et al. 2003): the same normalized
        // difference as MNDWI's with the bands swapped.
        const auto ndbi = water_index(swir1.values[p], nir.values[p]);
        if (!mndwi || !ndbi || *mndwi > params.water_mndwi) continue;  // water: in neither
        out[0].values[p] = lst.values[p];
        out[0].valid[p] = 1;
        if (by_class || *ndbi > params.builtup_ndbi) continue;  // built-up: not rural
        out[1].values[p] = lst.values[p];
        out[1].valid[p] = 1;
    }
}

HeatValue reference_lst(const ZoneAccumulator& rural, const SuhiParams& params,
                        const std::string& what) {
    HeatValue v;
    if (rural.count() < params.min_reference_pixels) {
        v.reason = "the rural reference " + what + " has " +
                   plain_number(std::round(rural.count())) +
                   " rural pixels with LST, fewer than heat.suhi.min_reference_pixels (" +
                   plain_number(params.min_reference_pixels) + ")";
        return v;
    }
    v.value = rural.mean();
    return v;
}

HeatValue suhi_of(const ZoneAccumulator& zone_land, const HeatValue& reference) {
    HeatValue v;
    if (!reference.value) {
        v.reason = reference.reason;
        return v;
    }
    const auto urban = zone_land.mean();
    if (!urban) {
        v.reason = "no land pixel of the zone (not water) has a valid LST";
        return v;
    }
    v.value = *urban - *reference.value;
    return v;
}

HeatRange range_of(const std::vector<HeatValue>& values) {
    HeatRange r;
    for (const HeatValue& v : values) {
        if (!v.value) continue;
        if (!r.min.value || *v.value < *r.min.value) r.min.value = v.value;
        if (!r.max.value || *v.value > *r.max.value) r.max.value = v.value;
    }
    if (!r.min.value) {
        const auto missing =
            std::find_if(values.begin(), values.end(), [](const HeatValue& v) { return !v.value; });
        r.min.reason = r.max.reason =
            missing == values.end() ? "no reference ring" : missing->reason;
    }
    return r;
}

}  // namespace gg
