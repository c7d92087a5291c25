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
        if (population && *population > 0) m.green_m2_per_capita = *m.green_area_m2 / *population;
    }
    return m;
}

}  // namespace gg
