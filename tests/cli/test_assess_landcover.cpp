// `assess` with a land-cover raster: class lists -> green and tree shares with exact coverage.
#include <gdal_priv.h>
#include <gtest/gtest.h>

#include "gis/gdal_setup.hpp"
#include "gis/history_store.hpp"
#include "support/gdal_fixtures.hpp"
#include "support/run_command.hpp"

namespace gg::test {
namespace {

const std::string kData = GG_DATA_DIR;

// A number, whether the column is real or integer (0/1 flags, counts).
double column_value(const Table& t, size_t row, const std::string& name) {
    for (size_t c = 0; c < t.columns.size(); ++c) {
        if (t.columns[c].name != name) continue;
        if (const auto* i = std::get_if<int64_t>(&t.rows[row][c])) return static_cast<double>(*i);
        return std::get<double>(t.rows[row][c]);
    }
    ADD_FAILURE() << "no column " << name;
    return -1;
}

void write_project(const TempDir& dir, const std::string& zones, const std::string& image,
                   const std::string& landcover, const std::string& classes) {
    write_text(
        dir.file("p.yaml"),
        "name: t\nzones:\n  source: " + zones + "\n  id_field: code\nimagery:\n  source: " + image +
            "\n  red_band: 1\n  nir_band: 1\nlandcover:\n  source: " + landcover + "\n" + classes);
}

TEST(AssessLandcover, ClassSharesWithExactCoverage) {
    // 4 x 4 pixels of 10 m in UTM 47N from (500000, 1500040), classes (row by row):
    //   10 10 50 50 / 10 30 50 50 / 80 80 40 40 / 80 80 40 40.
    // The zone x 500000..500025, y 1500020..1500040 covers columns 0-1 of rows 0-1 fully and half
    // of column 2: 10, 10, 10, 30 whole and two halves of 50 -> 500 m2, green (10, 20, 30)
    // 400 m2 = 0.8, tree (10) 300 m2 = 0.6 >= 0.30. Class 20 is listed but absent: a warning.
    // Those are plane m2: on the central meridian (x = 500000) UTM's scale is k0 = 0.9996 both
    // ways (Snyder 1987, USGS PP 1395, ch. 8), so the ground area is 400 / k0^2 m2.
    TempDir dir;
    RasterFixture lc;
    lc.crs = "EPSG:32647";
    lc.geotransform = {500000, 10, 0, 1500040, 0, -10};
    lc.cols = lc.rows = 4;
    lc.values = {10, 10, 50, 50, 10, 30, 50, 50, 80, 80, 40, 40, 80, 80, 40, 40};
    write_raster(dir.file("lc.tif"), lc);
    LayerFixture zones;
    zones.crs = "EPSG:32647";
    zones.fields = {{"code", OFTString}};
    zones.features = {
        {"POLYGON ((500000 1500020,500025 1500020,500025 1500040,500000 1500040,"
         "500000 1500020))",
         {"A"}}};
    write_vector(dir.file("zones.gpkg"), "GPKG", {zones});
    // The land-cover raster doubles as the (single-band) image: NDVI is not under test here.
    write_project(dir, "zones.gpkg", "lc.tif", "lc.tif",
                  "  green_classes: [10, 20, 30]\n  tree_classes: [10]\n");
    const auto r = run_greengauge({"assess", dir.file("p.yaml"), "-o", dir.file("out")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("class code(s) 20 of the project's class lists occur in no zone"),
              std::string::npos)
        << r.err;
    const Table t = read_table(dir.file("out/t.gpkg"), "zones");
    EXPECT_NEAR(column_value(t, 0, "landcover_green_area_m2"), 400.0 / (0.9996 * 0.9996), 1e-7);
    EXPECT_NEAR(column_value(t, 0, "landcover_green_share"), 0.8, 1e-12);
    EXPECT_NEAR(column_value(t, 0, "landcover_tree_share"), 0.6, 1e-12);
    EXPECT_NEAR(column_value(t, 0, "tree_canopy_share"), 0.6, 1e-12);  // the class map wins
    EXPECT_EQ(column_value(t, 0, "canopy_30_met"), 1.0);
}

TEST(AssessLandcover, RealLandCoverSample) {
    // data/landcover/lc.tif (NLCD codes, 84 x 46 cells of 3 km, Albers): one zone covering the
    // whole grid. Class counts by numpy (np.unique on ReadAsArray): 42 evergreen forest 456,
    // 52 shrub 37, 71 grassland 270, of 3864 cells (no nodata value is set, so class 0 counts).
    TempDir dir;
    const std::string lc = kData + "/landcover/lc.tif";
    init_gdal();
    GDALDatasetUniquePtr ds(GDALDataset::Open(lc.c_str(), GDAL_OF_RASTER));
    ASSERT_TRUE(ds);
    LayerFixture zones;
    zones.crs = ds->GetProjectionRef();
    zones.fields = {{"code", OFTString}};
    zones.features = {
        {"POLYGON ((3092415 -78585,3344415 -78585,3344415 59415,3092415 59415,"
         "3092415 -78585))",
         {"all"}}};
    write_vector(dir.file("zones.gpkg"), "GPKG", {zones});
    write_project(dir, "zones.gpkg", lc, lc,
                  "  green_classes: [42, 52, 71]\n  tree_classes: [42]\n");
    const auto r = run_greengauge({"assess", dir.file("p.yaml"), "-o", dir.file("out")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const Table t = read_table(dir.file("out/t.gpkg"), "zones");
    EXPECT_NEAR(column_value(t, 0, "landcover_green_share"), (456.0 + 37 + 270) / 3864, 1e-12);
    EXPECT_NEAR(column_value(t, 0, "landcover_tree_share"), 456.0 / 3864, 1e-12);
    // Albers is an equal-area projection: ground and plane areas agree (to PROJ's numerical
    // derivatives of the areal scale, 5e-11 here).
    EXPECT_NEAR(column_value(t, 0, "landcover_green_area_m2") / (763 * 3000.0 * 3000.0), 1.0, 1e-9);
}

}  // namespace
}  // namespace gg::test
