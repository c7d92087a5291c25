// Land surface temperature (core/lst.hpp, docs/methods.md 7). Expected values are computed by
// hand from the formulas of the sources, not by the code under test:
//   Collection 2 Level-2 ST: K = DN x 0.00341802 + 149.0 (USGS LSDS-1619 / LSDS-1618), e.g.
//     DN 44000: 44000 x 0.00341802 = 150.39288, + 149 = 299.39288 K.
//   Sobrino et al. 2004 NDVI thresholds: NDVI 0.1, red 0.2 (soil): 0.979 - 0.035 x 0.2 = 0.972;
//     NDVI 0.35: Pv = (0.15 / 0.3)^2 = 0.25, e = 0.004 x 0.25 + 0.986 = 0.987; NDVI 0.7: 0.99.
//   Single channel, BT 300 K, lambda 10.895 um, e 0.97 (Python 3, float64):
//     300 / (1 + (10.895 * 300 / 14388) * math.log(0.97)) = 302.0902748914582
#include "core/lst.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/radiometry.hpp"

namespace {

TEST(Lst, CollectionTwoLevelTwoDnToKelvinByHand) {
    EXPECT_NEAR(gg::kLandsatC2SurfaceTemperature.apply(44000), 299.39288, 1e-9);
    EXPECT_NEAR(gg::kLandsatC2SurfaceTemperature.apply(1), 149.00341802, 1e-9);
}

TEST(Lst, NdviThresholdEmissivityOfSoilMixtureAndVegetation) {
    EXPECT_NEAR(gg::ndvi_threshold_emissivity(0.1, 0.2), 0.972, 1e-12);
    EXPECT_NEAR(gg::ndvi_threshold_emissivity(0.35, 0.1), 0.987, 1e-12);
    EXPECT_NEAR(gg::ndvi_threshold_emissivity(0.7, 0.05), 0.99, 1e-12);
    // The mixture meets full vegetation at NDVI 0.5 (Pv = 1: 0.004 + 0.986).
    EXPECT_NEAR(gg::ndvi_threshold_emissivity(0.5, 0.0), 0.99, 1e-12);
    EXPECT_NEAR(gg::ndvi_threshold_emissivity(0.2, 0.0), 0.986, 1e-12);
    EXPECT_NEAR(gg::vegetation_proportion(0.35), 0.25, 1e-12);
    EXPECT_EQ(gg::vegetation_proportion(-0.3), 0.0);
    EXPECT_EQ(gg::vegetation_proportion(0.9), 1.0);
}

TEST(Lst, SingleChannelAgainstTheClosedFormByHand) {
    EXPECT_NEAR(*gg::single_channel_lst(300, gg::kLandsat89Band10WavelengthUm, 0.97),
                302.0902748914582, 1e-9);
    // A black body: LST = BT.
    EXPECT_DOUBLE_EQ(*gg::single_channel_lst(300, 10.895, 1.0), 300.0);
    // Lambda in metres (a unit mistake seen in public code) would make the correction vanish:
    // with micrometres it is about 2 K here.
    EXPECT_GT(*gg::single_channel_lst(300, 10.895, 0.97) - 300, 1.9);
    EXPECT_FALSE(gg::single_channel_lst(0, 10.895, 0.97));
    EXPECT_FALSE(gg::single_channel_lst(300, 10.895, 0));
    EXPECT_FALSE(gg::single_channel_lst(300, 10.895, 1.2));
}

}  // namespace
