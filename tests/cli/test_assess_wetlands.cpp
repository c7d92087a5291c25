// `assess` with a wetlands section on the real Landsat 8 Level-1 sample (data/landsat: 41 x 41
// pixels of 30 m, B3 green and B6 SWIR1, TOA reflectance with the sun-elevation correction): its
// water mask must agree pixel for pixel with the MNDWI that `greengauge index` writes.
#include <gdal_priv.h>
#include <gtest/gtest.h>

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
                   kMtl + "]\nwetlands:\n  water: {threshold: 0}\n");
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

}  // namespace
}  // namespace gg::test
