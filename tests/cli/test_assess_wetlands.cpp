// `assess` with a wetlands section on the real Landsat 8 Level-1 sample (data/landsat: 41 x 41
// pixels of 30 m, B3 green and B6 SWIR1, TOA reflectance with the sun-elevation correction): its
// water mask must agree pixel for pixel with the MNDWI that `greengauge index` writes.
#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>

#include "gis/gdal_setup.hpp"
#include "gis/history_store.hpp"
#include "support/gdal_fixtures.hpp"
#include "support/run_command.hpp"

namespace gg::test {
namespace {

const std::string kData = GG_DATA_DIR;
const std::string kMtl = kData + "/landsat/LC08_L1TP_195025_20130707_20170503_01_T1_MTL.txt";

double column_value(const Table& t, size_t row, const std::string& name) {
    for (size_t c = 0; c < t.columns.size(); ++c)
        if (t.columns[c].name == name) return std::get<double>(t.rows[row][c]);
    ADD_FAILURE() << "no column " << name;
    return -1;
}

TEST(AssessWetlands, RealLandsat8WaterShareIsTheShareOfValidPixelsWithMndwiAboveZero) {
    TempDir dir;
    // One zone on the scene's 41 x 41 pixels exactly (UTM 32N, origin 483285, 5628525).
    LayerFixture zones;
    zones.crs = "EPSG:32632";
    zones.fields = {{"code", OFTString}};
    zones.features = {
        {"POLYGON ((483285 5627295,484515 5627295,484515 5628525,483285 5628525,"
         "483285 5627295))",
         {"S"}}};
    write_vector(dir.file("zones.gpkg"), "GPKG", {zones});
    write_text(dir.file("p.yaml"),
               "name: t\nzones:\n  source: zones.gpkg\n  id_field: code\nimagery:\n  products: [" +
                   kMtl + "]\nareas: planar\nwetlands:\n  water: {threshold: 0}\n");
    const auto r = run_greengauge({"assess", dir.file("p.yaml"), "-o", dir.file("out")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const Table t = read_table(dir.file("out/t.gpkg"), "zones");

    // The same index by the `index` command, counted by hand: every pixel is inside the zone
    // with coverage 1 and the same area, so the water share is (pixels with MNDWI > 0) / (valid
    // pixels) and the valid share (valid pixels) / 1681.
    const auto ix = run_greengauge(
        {"index", "--product", kMtl, "--index", "mndwi", "-o", dir.file("mndwi.tif")});
    ASSERT_EQ(ix.exit_code, 0) << ix.err;
    init_gdal();
    GDALDatasetUniquePtr ds(GDALDataset::Open(dir.file("mndwi.tif").c_str(), GDAL_OF_RASTER));
    ASSERT_TRUE(ds);
    GDALRasterBand* band = ds->GetRasterBand(1);
    int has_nodata = 0;
    const double nodata = band->GetNoDataValue(&has_nodata);
    std::vector<double> v(41 * 41);
    ASSERT_EQ(band->RasterIO(GF_Read, 0, 0, 41, 41, v.data(), 41, 41, GDT_Float64, 0, 0), CE_None);
    double valid = 0, water = 0;
    for (double x : v) {
        if (has_nodata && x == nodata) continue;
        ++valid;
        if (x > 0) ++water;
    }
    ASSERT_GT(valid, 0);
    EXPECT_NEAR(column_value(t, 0, "water_valid_share"), valid / (41 * 41), 1e-9);
    EXPECT_NEAR(column_value(t, 0, "water_share"), water / valid, 1e-9);
    EXPECT_NEAR(column_value(t, 0, "water_area_m2"), water * 900, 1e-6);
    // The sweep brackets the figure at 0.
    EXPECT_LE(column_value(t, 0, "water_share_sweep_min"), water / valid);
    EXPECT_GE(column_value(t, 0, "water_share_sweep_max"), water / valid);
}

// The MNDWI of one product as `greengauge index` writes it (41 x 41, nodata where none).
std::vector<std::optional<double>> mndwi_of(const TempDir& dir, const std::string& mtl,
                                            const std::string& name) {
    const auto ix =
        run_greengauge({"index", "--product", mtl, "--index", "mndwi", "-o", dir.file(name)});
    EXPECT_EQ(ix.exit_code, 0) << ix.err;
    init_gdal();
    GDALDatasetUniquePtr ds(GDALDataset::Open(dir.file(name).c_str(), GDAL_OF_RASTER));
    std::vector<std::optional<double>> out(41 * 41);
    if (!ds) return out;
    GDALRasterBand* band = ds->GetRasterBand(1);
    int has_nodata = 0;
    const double nodata = band->GetNoDataValue(&has_nodata);
    std::vector<double> v(41 * 41);
    EXPECT_EQ(band->RasterIO(GF_Read, 0, 0, 41, 41, v.data(), 41, 41, GDT_Float64, 0, 0), CE_None);
    for (size_t i = 0; i < v.size(); ++i)
        if (!(has_nodata && v[i] == nodata)) out[i] = v[i];
    return out;
}

TEST(AssessWetlands, RealPersistenceOverLandsat7And8IsTheMeanOfEachDatesWaterMask) {
    // The two real Level-1 samples of path 195 row 25 (Landsat 7 in 2001, Landsat 8 in 2013)
    // share one grid. Per pixel, occurrence = water dates / valid dates, water where that date's
    // MNDWI > 0 as `index` writes it: the zone's mean occurrence, permanent (>= 0.75: water on
    // both valid dates, or on the only one) and seasonal (0.25 <= o < 0.75: one of two) areas and
    // the fewest valid dates follow by counting.
    const std::string l7 = kData + "/landsat/LE07_L1TP_195025_20010730_20170204_01_T1_MTL.txt";
    TempDir dir;
    LayerFixture zones;
    zones.crs = "EPSG:32632";
    zones.fields = {{"code", OFTString}};
    zones.features = {
        {"POLYGON ((483285 5627295,484515 5627295,484515 5628525,483285 5628525,"
         "483285 5627295))",
         {"S"}}};
    write_vector(dir.file("zones.gpkg"), "GPKG", {zones});
    write_text(dir.file("p.yaml"),
               "name: t\nzones:\n  source: zones.gpkg\n  id_field: code\nimagery:\n  products: [" +
                   kMtl + ", " + l7 +
                   "]\n  max_span_days: 10000\nareas: planar\nwetlands:\n  persistence: {}\n");
    const auto r = run_greengauge({"assess", dir.file("p.yaml"), "-o", dir.file("out")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const Table t = read_table(dir.file("out/t.gpkg"), "zones");

    const auto a = mndwi_of(dir, kMtl, "l8.tif"), b = mndwi_of(dir, l7, "l7.tif");
    double observed = 0, sum = 0, permanent = 0, seasonal = 0;
    int fewest = 2;
    for (size_t i = 0; i < a.size(); ++i) {
        const int valid = (a[i] ? 1 : 0) + (b[i] ? 1 : 0);
        const int water = (a[i] && *a[i] > 0 ? 1 : 0) + (b[i] && *b[i] > 0 ? 1 : 0);
        fewest = std::min(fewest, valid);
        if (valid == 0) continue;
        const double o = static_cast<double>(water) / valid;
        ++observed;
        sum += o;
        if (o >= 0.75) ++permanent;
        if (o >= 0.25 && o < 0.75) ++seasonal;
    }
    ASSERT_GT(observed, 0);
    EXPECT_NEAR(column_value(t, 0, "water_observed_share"), observed / (41 * 41), 1e-9);
    EXPECT_NEAR(column_value(t, 0, "water_occurrence_mean"), sum / observed, 1e-9);
    EXPECT_NEAR(column_value(t, 0, "permanent_water_m2"), permanent * 900, 1e-6);
    EXPECT_NEAR(column_value(t, 0, "seasonal_water_m2"), seasonal * 900, 1e-6);
    EXPECT_NEAR(column_value(t, 0, "observations_min"), fewest, 1e-12);
}

}  // namespace
}  // namespace gg::test
