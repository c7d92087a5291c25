// Green cover, tree canopy proxy and the NDVI threshold sweep on pixels whose NDVI is known.
#include <gtest/gtest.h>

#include "core/green_cover.hpp"

namespace gg {
namespace {

// Five pixels of area 100 m2, fully covered, with red/NIR chosen so that NDVI = (n - r)/(n + r)
// is 0.1, 0.25, 0.35, 0.45 and 0.6: with r = 1, n = (1 + v) / (1 - v).
std::vector<ZoneAccumulator> accumulate(const GreenParams& params) {
    const std::vector<double> ndvi = {0.1, 0.25, 0.35, 0.45, 0.6};
    ChannelBuffer red, nir;
    for (double v : ndvi) {
        red.values.push_back(1);
        nir.values.push_back((1 + v) / (1 - v));
        red.valid.push_back(1);
        nir.valid.push_back(1);
    }
    std::vector<ChannelBuffer> channels;
    derive_green_channels(red, nir, params, channels);
    std::vector<ZoneAccumulator> acc(channels.size());
    for (size_t k = 0; k < channels.size(); ++k)
        for (size_t i = 0; i < ndvi.size(); ++i) acc[k].add(channels[k].values[i], 1.0, 100.0);
    return acc;
}

TEST(GreenCover, SharesCanopyAndSweepByHand) {
    const GreenParams params;  // 0.3 green, 0.5 tree, sweep 0.2 / 0.3 / 0.4
    const auto m = green_cover_metrics(accumulate(params), params, 10.0);
    // NDVI >= 0.3: 0.35, 0.45, 0.6 -> 3 of 5 pixels, 300 m2, 30 m2 per person for 10 people.
    EXPECT_NEAR(*m.green_share, 0.6, 1e-12);
    EXPECT_NEAR(*m.green_area_m2, 300.0, 1e-9);
    EXPECT_NEAR(*m.green_m2_per_capita, 30.0, 1e-9);
    // Tree proxy, NDVI >= 0.5: only 0.6 -> 1 of 5 = 0.2 < 0.30, so the "30" is not met.
    EXPECT_NEAR(*m.tree_canopy_share, 0.2, 1e-12);
    EXPECT_EQ(*m.canopy_30_met, 0.0);
    // Sweep: 0.2 -> 4/5, 0.3 -> 3/5, 0.4 -> 2/5; per capita 40, 30, 20 m2.
    EXPECT_NEAR(*m.green_share_sweep_min, 0.4, 1e-12);
    EXPECT_NEAR(*m.green_share_sweep_max, 0.8, 1e-12);
    EXPECT_NEAR(*m.green_m2_per_capita_sweep_min, 20.0, 1e-9);
    EXPECT_NEAR(*m.green_m2_per_capita_sweep_max, 40.0, 1e-9);
}

TEST(GreenCover, GreenShareNeverRisesWithTheThreshold) {
    GreenParams params;
    params.sweep.clear();
    for (int t = -10; t <= 10; ++t) params.sweep.push_back(t / 10.0);
    const auto acc = accumulate(params);
    double previous = 2;
    for (size_t k = 0; k < params.sweep.size(); ++k) {
        const double share = acc[3 + k].area_weighted_sum() / acc[3 + k].valid_area_m2();
        EXPECT_LE(share, previous) << "threshold " << params.sweep[k];
        previous = share;
    }
}

TEST(GreenCover, ZeroPopulationLeavesPerCapitaEmpty) {
    const GreenParams params;
    const auto m = green_cover_metrics(accumulate(params), params, 0.0);
    EXPECT_TRUE(m.green_share.has_value());
    EXPECT_FALSE(m.green_m2_per_capita.has_value());
    EXPECT_FALSE(m.green_m2_per_capita_sweep_min.has_value());
}

}  // namespace
}  // namespace gg
