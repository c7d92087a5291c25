#include "core/green_cover.hpp"

#include <algorithm>

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

size_t green_channel_count(const GreenParams& params) {
    return 3 + params.sweep.size();
}

void derive_green_channels(const ChannelBuffer& red, const ChannelBuffer& nir,
                           const GreenParams& params, std::vector<ChannelBuffer>& out) {
    out.resize(green_channel_count(params));
    derive_green_channels(red, nir, params, std::span<ChannelBuffer>(out));
}

void derive_green_channels(const ChannelBuffer& red, const ChannelBuffer& nir,
                           const GreenParams& params, std::span<ChannelBuffer> out) {
    derive_ndvi_green(red, nir, params.ndvi_threshold, out[0], out[1]);
    const ChannelBuffer& ndvi_values = out[0];
    const size_t n = ndvi_values.values.size();
    auto mask = [&](ChannelBuffer& dst, double threshold) {
        dst.values.resize(n);
        dst.valid = ndvi_values.valid;
        for (size_t i = 0; i < n; ++i)
            dst.values[i] = ndvi_values.valid[i] && ndvi_values.values[i] >= threshold ? 1.0 : 0.0;
    };
    mask(out[2], params.tree_ndvi_threshold);
    for (size_t k = 0; k < params.sweep.size(); ++k) mask(out[3 + k], params.sweep[k]);
}

GreenCoverMetrics green_cover_metrics(const std::vector<ZoneAccumulator>& channels,
                                      const GreenParams& params, std::optional<double> population) {
    GreenCoverMetrics m = green_cover_metrics(channels[0], channels[1], population);
    const ZoneAccumulator& tree = channels[2];
    if (tree.valid_area_m2() > 0) {
        m.tree_canopy_share = tree.area_weighted_sum() / tree.valid_area_m2();
        // The "30" of 3-30-300: at least 30 % tree canopy (Konijnendijk 2023; docs/methods.md 5).
        m.canopy_30_met = *m.tree_canopy_share >= 0.30 ? 1.0 : 0.0;
    }
    for (size_t k = 0; k < params.sweep.size(); ++k) {
        const ZoneAccumulator& g = channels[3 + k];
        if (g.valid_area_m2() <= 0) continue;
        const double share = g.area_weighted_sum() / g.valid_area_m2();
        m.green_share_sweep_min = std::min(m.green_share_sweep_min.value_or(share), share);
        m.green_share_sweep_max = std::max(m.green_share_sweep_max.value_or(share), share);
        if (population && *population > 0) {
            const double per_capita = g.area_weighted_sum() / *population;
            m.green_m2_per_capita_sweep_min =
                std::min(m.green_m2_per_capita_sweep_min.value_or(per_capita), per_capita);
            m.green_m2_per_capita_sweep_max =
                std::max(m.green_m2_per_capita_sweep_max.value_or(per_capita), per_capita);
        }
    }
    return m;
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

}  // namespace gg
