#include "core/wetlands.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace gg {

const std::vector<WetlandType>& wetland_types() {
    // Ramsar Classification System for Wetland Type (docs/methods.md 6.1): the codes in the
    // descriptions are the Ramsar types each GreenGauge type gathers.
    static const std::vector<WetlandType> types = {
        {"open_water", "inland",
         "open water: permanent rivers, streams and lakes (Ramsar inland M, O) and other open "
         "water; a water-index mask counts here"},
        {"marsh", "inland",
         "herbaceous marshes, permanent or seasonal (Ramsar inland Tp, Ts; ESA WorldCover 90)"},
        {"swamp_forest", "inland",
         "freshwater tree-dominated wetlands, swamp forests (Ramsar inland Xf)"},
        {"mangrove", "marine/coastal",
         "intertidal forested wetlands, mangrove swamps (Ramsar marine/coastal I; ESA WorldCover "
         "95)"},
        {"rice_paddy", "human-made", "irrigated land and rice fields (Ramsar human-made 3)"},
        {"other", "-", "any other wetland type, and inventory values the project does not map"},
    };
    return types;
}

std::optional<size_t> wetland_type_index(const std::string& id) {
    const auto& types = wetland_types();
    for (size_t i = 0; i < types.size(); ++i)
        if (id == types[i].id) return i;
    return std::nullopt;
}

std::string normalised_value(const std::string& s) {
    size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    std::string out = s.substr(b, e - b);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

size_t WetlandTypeMapping::type_of(const std::string& value, bool* unmapped) const {
    const auto it = values.find(normalised_value(value));
    const std::string& type = it == values.end() ? std::string(kOtherWetlandType) : it->second;
    if (unmapped) *unmapped = it == values.end();
    const auto pos = std::find(types.begin(), types.end(), type);
    if (pos != types.end()) return static_cast<size_t>(pos - types.begin());
    // Not in the list (the reader always adds "other"): the last type.
    return types.empty() ? 0 : types.size() - 1;
}

const char* water_index_name(WaterIndex index) {
    return index == WaterIndex::Mndwi ? "mndwi" : "ndwi";
}

std::optional<double> water_index(double green, double other) {
    const double denominator = green + other;
    if (denominator == 0 || !std::isfinite(denominator)) return std::nullopt;
    return (green - other) / denominator;
}

size_t water_channel_count(const WaterParams& params) {
    return 2 + params.sweep.size();
}

void derive_water_channels(const ChannelBuffer& green, const ChannelBuffer& other,
                           const WaterParams& params, std::span<ChannelBuffer> out) {
    const size_t n = green.values.size();
    ChannelBuffer& index = out[0];
    index.values.resize(n);
    index.valid.resize(n);
    for (size_t i = 0; i < n; ++i) {
        const auto v = (green.valid[i] && other.valid[i])
                           ? water_index(green.values[i], other.values[i])
                           : std::nullopt;
        index.valid[i] = v.has_value();
        index.values[i] = v.value_or(0.0);
    }
    auto mask = [&](ChannelBuffer& dst, double threshold) {
        dst.values.resize(n);
        dst.valid = index.valid;
        for (size_t i = 0; i < n; ++i)
            dst.values[i] = index.valid[i] && index.values[i] > threshold ? 1.0 : 0.0;
    };
    mask(out[1], params.threshold);
    for (size_t k = 0; k < params.sweep.size(); ++k) mask(out[2 + k], params.sweep[k]);
}

WaterMetrics water_metrics(const std::vector<ZoneAccumulator>& channels,
                           const WaterParams& params) {
    WaterMetrics m;
    const ZoneAccumulator& water = channels[1];
    if (water.area_m2() <= 0) return m;
    m.valid_share = water.valid_share();
    if (water.valid_area_m2() <= 0) return m;
    // The mask is 1 or 0, so sum(c * A * x) is the water area itself.
    m.water_area_m2 = water.area_weighted_sum();
    m.water_share = water.area_weighted_sum() / water.valid_area_m2();
    for (size_t k = 0; k < params.sweep.size(); ++k) {
        const ZoneAccumulator& w = channels[2 + k];
        if (w.valid_area_m2() <= 0) continue;
        const double share = w.area_weighted_sum() / w.valid_area_m2();
        m.water_share_sweep_min = std::min(m.water_share_sweep_min.value_or(share), share);
        m.water_share_sweep_max = std::max(m.water_share_sweep_max.value_or(share), share);
    }
    return m;
}

void derive_persistence_channels(const ChannelBuffer& occurrence, const PersistenceParams& params,
                                 std::span<ChannelBuffer> out) {
    const size_t n = occurrence.values.size();
    out[0] = occurrence;
    for (size_t k = 1; k < kPersistenceChannels; ++k) {
        out[k].values.assign(n, 0.0);
        out[k].valid = occurrence.valid;
    }
    for (size_t i = 0; i < n; ++i) {
        if (!occurrence.valid[i]) continue;
        const double o = occurrence.values[i];
        out[1].values[i] = o >= params.permanent ? 1.0 : 0.0;
        out[2].values[i] = o >= params.seasonal && o < params.permanent ? 1.0 : 0.0;
    }
}

PersistenceMetrics persistence_metrics(const ZoneAccumulator& occurrence,
                                       const ZoneAccumulator& permanent,
                                       const ZoneAccumulator& seasonal,
                                       const ZoneAccumulator& count) {
    PersistenceMetrics m;
    if (occurrence.area_m2() <= 0) return m;
    m.observed_share = occurrence.valid_share();
    m.observations_min = count.min();
    if (occurrence.valid_area_m2() <= 0) return m;
    m.occurrence_mean = occurrence.mean();
    m.permanent_m2 = permanent.area_weighted_sum();
    m.seasonal_m2 = seasonal.area_weighted_sum();
    return m;
}

void derive_wetland_class_channels(const ChannelBuffer& classes, const WetlandClassMap& map,
                                   std::span<ChannelBuffer> out) {
    const size_t n = classes.values.size();
    for (auto& c : out) {
        c.values.assign(n, 0.0);
        c.valid = classes.valid;
    }
    ChannelBuffer& any = out.back();
    for (size_t i = 0; i < n; ++i) {
        if (!classes.valid[i]) continue;
        const auto it = map.find(std::llround(classes.values[i]));
        if (it == map.end() || it->second + 1 >= out.size()) continue;
        out[it->second].values[i] = 1.0;
        any.values[i] = 1.0;
    }
}

WetlandFigures combine_wetland_sources(const WetlandSources& s) {
    WetlandFigures f;
    f.type_area_m2.assign(s.types, std::nullopt);
    f.type_share.assign(s.types, std::nullopt);
    double polygons = 0;
    for (double a : s.polygon_m2) polygons += a;
    double observed = 0;
    if (s.raster) {
        observed = polygons + s.raster_valid_outside_m2;
        if (observed <= 0) {
            f.reason = s.inventory ? "no inventory polygon and no valid pixel in the zone"
                                   : "no valid pixel in the zone (nodata or masked)";
            return f;
        }
    } else {
        if (!s.zone_area_m2 || *s.zone_area_m2 <= 0) {
            f.reason = "the zone has no area";
            return f;
        }
        observed = *s.zone_area_m2;
    }
    double total = polygons + (s.raster ? s.raster_outside_total_m2 : 0);
    for (size_t t = 0; t < s.types; ++t) {
        double a = t < s.polygon_m2.size() ? s.polygon_m2[t] : 0;
        if (s.raster && t < s.raster_outside_m2.size()) a += s.raster_outside_m2[t];
        f.type_area_m2[t] = a;
        f.type_share[t] = std::min(1.0, a / observed);
    }
    f.observed_m2 = observed;
    f.area_m2 = total;
    f.share = std::min(1.0, total / observed);
    return f;
}

std::optional<double> percent_change(double baseline, double current) {
    if (!(baseline > 0)) return std::nullopt;
    return (current - baseline) / baseline * 100;
}

}  // namespace gg
