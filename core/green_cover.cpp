#include "core/green_cover.hpp"

#include "core/spectral.hpp"

namespace gg {

void derive_ndvi_green(const ChannelBuffer& red, const ChannelBuffer& nir, double threshold,
                       ChannelBuffer& ndvi_out, ChannelBuffer& green) {
    const size_t n = red.values.size();
    ndvi_out.values.resize(n);
    ndvi_out.valid.resize(n);
    green.values.resize(n);
    green.valid.resize(n);
    for (size_t i = 0; i < n; ++i) {
        const auto v =
            (red.valid[i] && nir.valid[i]) ? ndvi(red.values[i], nir.values[i]) : std::nullopt;
        ndvi_out.valid[i] = green.valid[i] = v.has_value();
        ndvi_out.values[i] = v.value_or(0.0);
        green.values[i] = (v && *v >= threshold) ? 1.0 : 0.0;
    }
}

GreenCoverMetrics green_cover_metrics(const ZoneAccumulator& ndvi_acc, const ZoneAccumulator& green,
                                      std::optional<double> population) {
    GreenCoverMetrics m;
    if (ndvi_acc.area_m2() <= 0) {
        m.population = population;
        return m;
    }
    m.area_m2 = ndvi_acc.area_m2();
    m.valid_share = ndvi_acc.valid_share();
    m.ndvi_mean = ndvi_acc.mean();
    m.population = population;
    if (green.valid_area_m2() > 0) {
        // The green channel is 1 or 0, so sum(c * A * x) is the green area itself.
        m.green_area_m2 = green.area_weighted_sum();
        m.green_share = green.area_weighted_sum() / green.valid_area_m2();
        if (population && *population > 0) {
            m.green_m2_per_capita = *m.green_area_m2 / *population;
            // ISO 37120:2018 indicator: green area (ha) per 100 000 population.
            m.green_ha_per_100k = (*m.green_area_m2 / 1e4) / (*population / 1e5);
        }
    }
    return m;
}

std::map<std::string, double> metric_values(const GreenCoverMetrics& m) {
    std::map<std::string, double> values;
    auto put = [&](const char* id, const std::optional<double>& v) {
        if (v) values[id] = *v;
    };
    put("area_m2", m.area_m2);
    put("valid_share", m.valid_share);
    put("ndvi_mean", m.ndvi_mean);
    put("green_share", m.green_share);
    put("green_area_m2", m.green_area_m2);
    put("population", m.population);
    put("green_m2_per_capita", m.green_m2_per_capita);
    put("green_ha_per_100k", m.green_ha_per_100k);
    put("population_covered_share", m.population_covered_share);
    return values;
}

}  // namespace gg
