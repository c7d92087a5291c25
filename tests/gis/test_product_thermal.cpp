// The thermal role of Landsat products (gis/product_landsat.cpp; docs/methods.md 7): which band,
// which conversion, which wavelength, and the Landsat 7 gain choice.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/lst.hpp"
#include "gis/product.hpp"
#include "support/imagery_fixtures.hpp"

namespace gg::test {
namespace {

TEST(ProductThermal, Landsat8LevelOneIsBand10BrightnessTemperatureNeverBand11) {
    const Product p = recognise_product(kL8Mtl);
    const BandSource& t = p.band("thermal");
    EXPECT_EQ(t.label, "B10");
    EXPECT_EQ(t.conversion.kind, Conversion::Kind::BrightnessTemperature);
    EXPECT_FALSE(t.surface_temperature);
    ASSERT_TRUE(t.wavelength_um);
    EXPECT_EQ(*t.wavelength_um, kLandsat89Band10WavelengthUm);
    // K1, K2 of band 10 (the MTL's), not of band 11 (480.8883 / 1201.1442).
    EXPECT_EQ(t.conversion.k1, 774.8853);
    EXPECT_EQ(t.conversion.k2, 1321.0789);
}

TEST(ProductThermal, Landsat7LowGainByDefaultHighGainWhenAsked) {
    const Product low = recognise_product(kL7Mtl);
    EXPECT_EQ(low.band("thermal").label, "B6_VCID_1");
    EXPECT_EQ(low.band("thermal").conversion.mult, 6.7087E-02);
    EXPECT_EQ(*low.band("thermal").wavelength_um, kLandsat7Band6WavelengthUm);
    RecogniseOptions o;
    o.landsat7_thermal_gain = ThermalGain::High;
    const Product high = recognise_product(kL7Mtl, o);
    EXPECT_EQ(high.band("thermal").label, "B6_VCID_2");
    EXPECT_EQ(high.band("thermal").conversion.mult, 3.7205E-02);
    EXPECT_EQ(high.band("thermal").conversion.add, 3.16280);
    EXPECT_EQ(parse_thermal_gain("VCID_2"), ThermalGain::High);
    EXPECT_EQ(parse_thermal_gain("Low"), ThermalGain::Low);
    EXPECT_THROW(parse_thermal_gain("medium"), Error);
}

TEST(ProductThermal, CollectionTwoLevelTwoStBandIsSurfaceTemperatureWithItsQa) {
    TempDir dir;
    const std::string mtl = write_c2_l2(dir.path(), {1, 1, 1, 1}, {1, 1, 1, 1}, {0, 0, 0, 0});
    const std::string id = "LC08_L2SP_129050_20230101_20230110_02_T1";
    // Without ST_B10 (an L2SR download) there is no thermal role at all.
    EXPECT_FALSE(recognise_product(mtl).has("thermal"));
    write_raster(dir.file(id + "_ST_B10.TIF"), utm_raster(2, 2, 30, {44000, 1, 1, 1}));
    write_raster(dir.file(id + "_ST_QA.TIF"), utm_raster(2, 2, 30, {150, 1, 1, 1}, GDT_Int16));
    const Product p = recognise_product(mtl);
    const BandSource& t = p.band("thermal");
    EXPECT_EQ(t.label, "ST_B10");
    EXPECT_TRUE(t.surface_temperature);
    EXPECT_NEAR(*t.conversion.apply(44000), 299.39288, 1e-9);  // 44000 x 0.00341802 + 149
    EXPECT_FALSE(t.conversion.apply(0));                       // fill
    ASSERT_TRUE(p.has(kThermalQaRole));
    EXPECT_NEAR(*p.band(kThermalQaRole).conversion.apply(150), 1.5, 1e-12);  // x 0.01 K
    EXPECT_FALSE(p.band(kThermalQaRole).conversion.apply(-9999));
    // ST_QA is not a role of expressions and listings.
    for (const auto& r : p.roles()) EXPECT_NE(r, kThermalQaRole);
}

}  // namespace
}  // namespace gg::test
