// Population-weighted LST (core/exposure.hpp).
#include "core/exposure.hpp"

namespace gg {

const std::vector<std::string>& exposure_channel_names() {
    static const std::vector<std::string> names = {"residents", "residents_lst", "residents_x_lst"};
    return names;
}

void derive_exposure_channels(const ChannelBuffer& lst, const ChannelBuffer& people,
                              std::span<ChannelBuffer> out) {
    const size_t n = lst.values.size();
    out[0] = people;
    for (size_t k = 1; k < kExposureChannels; ++k) {
        out[k].values.assign(n, 0.0);
        out[k].valid.assign(n, 0);
    }
    for (size_t i = 0; i < n; ++i) {
        if (!lst.valid[i] || !people.valid[i]) continue;
        out[1].values[i] = people.values[i];
        out[2].values[i] = people.values[i] * lst.values[i];
        out[1].valid[i] = out[2].valid[i] = 1;
    }
}

void derive_people_in_hotspots(const ChannelBuffer& z, const ChannelBuffer& people,
                               double threshold, ChannelBuffer& out) {
    const size_t n = z.values.size();
    out.values.assign(n, 0.0);
    out.valid.assign(n, 0);
    for (size_t i = 0; i < n; ++i) {
        if (!z.valid[i] || !people.valid[i]) continue;
        out.valid[i] = 1;
        if (z.values[i] >= threshold) out.values[i] = people.values[i];
    }
}

ExposureZoneMetrics exposure_zone_metrics(const std::vector<ZoneAccumulator>& c) {
    ExposureZoneMetrics m;
    const double all = c[0].sum(), on_lst = c[1].sum();
    if (!c[0].has_values()) {
        const char* why =
            "no population pixel in the zone (outside the population raster or nodata)";
        m.lst_pop_weighted_k.reason = m.lst_pop_valid_share.reason = why;
        return m;
    }
    if (!(all > 0)) {
        m.lst_pop_weighted_k.reason = m.lst_pop_valid_share.reason =
            "no residents in the zone (population 0)";
        return m;
    }
    m.lst_pop_valid_share.value = on_lst / all;
    if (on_lst > 0)
        m.lst_pop_weighted_k.value = c[2].sum() / on_lst;
    else
        m.lst_pop_weighted_k.reason =
            "no resident on a pixel with a valid land surface temperature";
    return m;
}

}  // namespace gg
