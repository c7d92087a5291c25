// Radiometry (core/radiometry.hpp) on real pixels of data/landsat/. The digital numbers were read
// with GDAL 3.6.2 (x = column, y = row, 0-based):
//   gdallocationinfo -valonly data/landsat/<product>_<band>.TIF X Y
//   LC08 B4 : (0,0) 8321   (20,20) 9271   (40,10) 7603
//   LC08 B10: (0,0) 29283  (20,20) 28581  (40,10) 29602
//   LE07 B3 : (0,0) 52     (20,20) 75     (40,10) 46
//   LE07 B6_VCID_1: (0,0) 140  (20,20) 140  (40,10) 137
// The expected values were computed by hand with Python's mpmath at 30 digits, from the
// constants in the MTL files (checked below), e.g.
//   (mpf('2.0000E-05')*8321 + mpf('-0.1')) / sin(radians(mpf('58.99675180')))
//   L = mpf('3.3420E-04')*29283 + mpf('0.1'); mpf('1321.0789') / log(mpf('774.8853')/L + 1)
#include "core/radiometry.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "core/error.hpp"
#include "core/landsat_mtl.hpp"

namespace {

std::string mtl_path(const std::string& product) {
    const std::string here = __FILE__;
    const std::string tail = "tests/core/test_radiometry.cpp";
    EXPECT_TRUE(here.ends_with(tail)) << here;
    std::string path = here.substr(0, here.size() - tail.size());
    path.append("data/landsat/").append(product).append("_MTL.txt");
    return path;
}

const gg::LandsatMtl& landsat8() {
    static const auto mtl = gg::load_mtl_file(mtl_path("LC08_L1TP_195025_20130707_20170503_01_T1"));
    return mtl;
}
const gg::LandsatMtl& landsat7() {
    static const auto mtl = gg::load_mtl_file(mtl_path("LE07_L1TP_195025_20010730_20170204_01_T1"));
    return mtl;
}

TEST(Radiometry, TheMtlCoefficientsAreTheOnesUsedByHand) {
    const auto& l8 = landsat8();
    EXPECT_EQ(l8.number("REFLECTANCE_MULT_BAND_4"), 2.0000E-05);
    EXPECT_EQ(l8.number("REFLECTANCE_ADD_BAND_4"), -0.100000);
    EXPECT_EQ(l8.number("SUN_ELEVATION"), 58.99675180);
    EXPECT_EQ(l8.number("RADIANCE_MULT_BAND_10"), 3.3420E-04);
    EXPECT_EQ(l8.number("RADIANCE_ADD_BAND_10"), 0.10000);
    EXPECT_EQ(l8.number("K1_CONSTANT_BAND_10"), 774.8853);
    EXPECT_EQ(l8.number("K2_CONSTANT_BAND_10"), 1321.0789);
    const auto& l7 = landsat7();
    EXPECT_EQ(l7.number("REFLECTANCE_MULT_BAND_3"), 1.3198E-03);
    EXPECT_EQ(l7.number("REFLECTANCE_ADD_BAND_3"), -0.011935);
    EXPECT_EQ(l7.number("SUN_ELEVATION"), 53.87765310);
    EXPECT_EQ(l7.number("RADIANCE_MULT_BAND_6_VCID_1"), 6.7087E-02);
    EXPECT_EQ(l7.number("RADIANCE_ADD_BAND_6_VCID_1"), -0.06709);
    EXPECT_EQ(l7.number("K1_CONSTANT_BAND_6_VCID_1"), 666.09);
    EXPECT_EQ(l7.number("K2_CONSTANT_BAND_6_VCID_1"), 1282.71);
}

TEST(Radiometry, Landsat8ToaReflectanceOfRealPixels) {
    const auto& m = landsat8();
    const double mult = m.number("REFLECTANCE_MULT_BAND_4");
    const double add = m.number("REFLECTANCE_ADD_BAND_4");
    const double sun = m.sun_elevation_deg();
    EXPECT_NEAR(gg::toa_reflectance(8321, mult, add, sun), 0.07749042999079360127, 1e-9);
    EXPECT_NEAR(gg::toa_reflectance(9271, mult, add, sun), 0.09965721965994564018, 1e-9);
    EXPECT_NEAR(gg::toa_reflectance(7603, mult, add, sun), 0.06073700369347658660, 1e-9);
    // Without the sun-elevation correction the value would be 0.06642 (a 14 % error).
    EXPECT_GT(std::abs(gg::toa_reflectance(8321, mult, add, sun) - (mult * 8321 + add)), 0.01);
}

TEST(Radiometry, Landsat8BrightnessTemperatureOfRealPixels) {
    const auto& m = landsat8();
    const double ml = m.number("RADIANCE_MULT_BAND_10");
    const double al = m.number("RADIANCE_ADD_BAND_10");
    const double k1 = m.number("K1_CONSTANT_BAND_10");
    const double k2 = m.number("K2_CONSTANT_BAND_10");
    EXPECT_NEAR(gg::toa_radiance(29283, ml, al), 9.8863786, 1e-12);
    EXPECT_NEAR(gg::toa_radiance(28581, ml, al), 9.6517702, 1e-12);
    EXPECT_NEAR(*gg::brightness_temperature(gg::toa_radiance(29283, ml, al), k1, k2),
                302.01370693282869796, 1e-9);
    EXPECT_NEAR(*gg::brightness_temperature(gg::toa_radiance(28581, ml, al), k1, k2),
                300.38498696531912015, 1e-9);
    EXPECT_NEAR(*gg::brightness_temperature(gg::toa_radiance(29602, ml, al), k1, k2),
                302.74665066829779902, 1e-9);
    // The common mistake K2 / (ln(K1/L) + 1) is far off (246.398 K here, mpmath).
    const double l = gg::toa_radiance(29283, ml, al);
    EXPECT_GT(std::abs(*gg::brightness_temperature(l, k1, k2) - k2 / (std::log(k1 / l) + 1)), 5);
}

TEST(Radiometry, Landsat7ReflectanceAndBrightnessTemperatureOfRealPixels) {
    const auto& m = landsat7();
    const double mult = m.number("REFLECTANCE_MULT_BAND_3");
    const double add = m.number("REFLECTANCE_ADD_BAND_3");
    const double sun = m.sun_elevation_deg();
    EXPECT_NEAR(gg::toa_reflectance(52, mult, add, sun), 0.070187430175220461171, 1e-9);
    EXPECT_NEAR(gg::toa_reflectance(75, mult, add, sun), 0.10776715589761531336, 1e-9);
    EXPECT_NEAR(gg::toa_reflectance(46, mult, add, sun), 0.06038402346503049973, 1e-9);
    const double ml = m.number("RADIANCE_MULT_BAND_6_VCID_1");
    const double al = m.number("RADIANCE_ADD_BAND_6_VCID_1");
    const double k1 = m.number("K1_CONSTANT_BAND_6_VCID_1");
    const double k2 = m.number("K2_CONSTANT_BAND_6_VCID_1");
    EXPECT_NEAR(gg::toa_radiance(140, ml, al), 9.32509, 1e-12);
    EXPECT_NEAR(*gg::brightness_temperature(gg::toa_radiance(140, ml, al), k1, k2),
                299.51533162328376604, 1e-9);
    EXPECT_NEAR(*gg::brightness_temperature(gg::toa_radiance(137, ml, al), k1, k2),
                298.01773203080124382, 1e-9);
}

TEST(Radiometry, ReferenceThermalConstantsOfMethods) {
    // docs/methods.md 2: Landsat 9 B10 K1 799.0284, K2 1329.2405. L = 10: 1329.2405 / ln(80.90284)
    // (mpmath: 302.56434853304021894).
    EXPECT_NEAR(*gg::brightness_temperature(10.0, 799.0284, 1329.2405), 302.56434853304021894,
                1e-9);
}

TEST(Radiometry, NoTemperatureForNonPositiveRadiance) {
    EXPECT_EQ(gg::brightness_temperature(0.0, 774.8853, 1321.0789), std::nullopt);
    EXPECT_EQ(gg::brightness_temperature(-0.5, 774.8853, 1321.0789), std::nullopt);
    EXPECT_EQ(
        gg::brightness_temperature(std::numeric_limits<double>::quiet_NaN(), 774.8853, 1321.0789),
        std::nullopt);
    EXPECT_THROW(gg::brightness_temperature(9.0, 0.0, 1321.0789), gg::Error);
    EXPECT_THROW(gg::brightness_temperature(9.0, 774.8853, -1.0), gg::Error);
}

TEST(Radiometry, SunElevationMustBeAboveTheHorizon) {
    EXPECT_THROW(gg::toa_reflectance(8321, 2e-5, -0.1, 0.0), gg::Error);
    EXPECT_THROW(gg::toa_reflectance(8321, 2e-5, -0.1, -3.0), gg::Error);
    EXPECT_THROW(gg::toa_reflectance(8321, 2e-5, -0.1, 90.5), gg::Error);
    // Sun at the zenith: no correction.
    EXPECT_NEAR(gg::toa_reflectance(10000, 2e-5, -0.1, 90.0), 0.1, 1e-15);
    // 30 degrees: divide by sin(30) = 0.5.
    EXPECT_NEAR(gg::toa_reflectance(10000, 2e-5, -0.1, 30.0), 0.2, 1e-12);
}

TEST(Radiometry, Collection2Level2AndSentinel2Scales) {
    // 10000 * 0.0000275 - 0.2 = 0.075; 44000 * 0.00341802 + 149 = 299.39288 K.
    EXPECT_NEAR(gg::kLandsatC2SurfaceReflectance.apply(10000), 0.075, 1e-15);
    EXPECT_NEAR(gg::kLandsatC2SurfaceTemperature.apply(44000), 299.39288, 1e-10);
    // (2000 - 1000) / 10000 = 0.1 from baseline 04.00 on; 2000 / 10000 = 0.2 before.
    EXPECT_NEAR(gg::sentinel2_reflectance(2000, -1000), 0.1, 1e-15);
    EXPECT_NEAR(gg::sentinel2_reflectance(2000, 0), 0.2, 1e-15);
}

}  // namespace
