// `assess` with a wetlands section on the real Landsat 8 Level-1 sample (data/landsat: 41 x 41
// pixels of 30 m, B3 green and B6 SWIR1, TOA reflectance with the sun-elevation correction): its
// water mask must agree pixel for pixel with the MNDWI that `greengauge index` writes.
#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>

#include "gis/gdal_setup.hpp"
#include "gis/history_store.hpp"
#include "support/gdal_fixtures.hpp"
#include "support/imagery_fixtures.hpp"
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

// Band 1 of a raster, row-major: nothing where nodata.
std::vector<std::optional<double>> band_of(const std::string& path) {
    init_gdal();
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER));
    EXPECT_TRUE(ds) << path;
    if (!ds) return {};
    GDALRasterBand* band = ds->GetRasterBand(1);
    int has_nodata = 0;
    const double nodata = band->GetNoDataValue(&has_nodata);
    const int cols = ds->GetRasterXSize(), rows = ds->GetRasterYSize();
    std::vector<double> v(static_cast<size_t>(cols) * static_cast<size_t>(rows));
    EXPECT_EQ(band->RasterIO(GF_Read, 0, 0, cols, rows, v.data(), cols, rows, GDT_Float64, 0, 0),
              CE_None);
    std::vector<std::optional<double>> out(v.size());
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

    // The persistence COGs in the output folder hold the same per pixel.
    const auto occurrence = band_of(dir.file("out/t_water_occurrence.tif"));
    const auto count = band_of(dir.file("out/t_water_observations.tif"));
    ASSERT_EQ(occurrence.size(), a.size());
    ASSERT_EQ(count.size(), a.size());
    for (size_t i = 0; i < a.size(); ++i) {
        const int valid = (a[i] ? 1 : 0) + (b[i] ? 1 : 0);
        const int water = (a[i] && *a[i] > 0 ? 1 : 0) + (b[i] && *b[i] > 0 ? 1 : 0);
        EXPECT_EQ(count[i], valid) << i;
        if (valid == 0)
            EXPECT_FALSE(occurrence[i]) << i;
        else
            EXPECT_NEAR(occurrence[i].value_or(-9), static_cast<double>(water) / valid, 1e-7) << i;
    }
}

TEST(AssessWetlands, RealChangeFromLandsat7To8AndItsTransitionCog) {
    // Baseline: Landsat 7 (2001) alone; current: Landsat 8 (2013) alone; the same 41 x 41 grid
    // of 30 m. Per pixel, from the MNDWI `index` writes for each: water where > 0; compared where
    // both have a value. Gain, loss and the baseline's water are counts x 900 m2; the COG's
    // classes (0 stable land, 1 stable water, 2 gain, 3 loss, 255 no data) follow pixel by pixel.
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
                   kMtl +
                   "]\nareas: planar\nwetlands:\n  change:\n    baseline: {label: \"2001\", "
                   "products: [" +
                   l7 + "]}\n    current: {label: \"2013\", products: [" + kMtl + "]}\n");
    const auto r = run_greengauge({"assess", dir.file("p.yaml"), "-o", dir.file("out")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const Table t = read_table(dir.file("out/t.gpkg"), "zones");
    const auto before = mndwi_of(dir, l7, "l7.tif"), now = mndwi_of(dir, kMtl, "l8.tif");
    const auto classes = band_of(dir.file("out/t_wetland_transition.tif"));
    ASSERT_EQ(classes.size(), before.size());
    double both = 0, base = 0, gain = 0, loss = 0;
    std::map<int, int> seen;
    for (size_t i = 0; i < before.size(); ++i) {
        int want = 255;
        if (before[i] && now[i]) {
            ++both;
            const bool b = *before[i] > 0, c = *now[i] > 0;
            base += b;
            gain += !b && c;
            loss += b && !c;
            want = b && c ? 1 : c ? 2 : b ? 3 : 0;
        }
        ++seen[want];
        if (want == 255)
            EXPECT_FALSE(classes[i]) << i;
        else
            EXPECT_EQ(classes[i].value_or(-1), want) << i;
    }
    ASSERT_GT(both, 0);
    EXPECT_GT(seen[1] + seen[2] + seen[3], 0) << "no water on either date: a weak check";
    EXPECT_NEAR(column_value(t, 0, "wetland_baseline_area_m2"), base * 900, 1e-6);
    EXPECT_NEAR(column_value(t, 0, "wetland_gain_m2"), gain * 900, 1e-6);
    EXPECT_NEAR(column_value(t, 0, "wetland_loss_m2"), loss * 900, 1e-6);
    EXPECT_NEAR(column_value(t, 0, "wetland_change_valid_share"), both / (41 * 41), 1e-9);
    ASSERT_GT(base, 0) << "no water in the baseline: the percent change is empty";
    EXPECT_NEAR(column_value(t, 0, "wetland_change_pct"), (gain - loss) / base * 100, 1e-9);
    EXPECT_TRUE(r.out.find("t_wetland_transition.tif") != std::string::npos) << r.out;
}

TEST(AssessWetlands, APeriodNeverObservedIsOneLineNonZeroExitAndNoOutput) {
    // A land-cover baseline whose every pixel is nodata: nothing to compare. assess exits
    // non-zero with one line naming the project, the key and the period, and writes nothing.
    TempDir dir;
    LayerFixture zones;
    zones.crs = "EPSG:32647";
    zones.fields = {{"code", OFTString}};
    zones.features = {
        {"POLYGON ((500000 999940,500060 999940,500060 1000000,500000 1000000,"
         "500000 999940))",
         {"Z"}}};
    write_vector(dir.file("zones.gpkg"), "GPKG", {zones});
    RasterFixture lc = utm_raster(2, 2, 30, {0, 0, 0, 0}, GDT_Byte);
    lc.nodata = 0;
    write_raster(dir.file("empty.tif"), lc);
    write_raster(dir.file("lc.tif"), utm_raster(2, 2, 30, {80, 80, 10, 10}, GDT_Byte));
    write_text(dir.file("p.yaml"),
               "name: t\nzones:\n  source: zones.gpkg\n  id_field: code\nimagery: {source: "
               "lc.tif, red_band: 1, nir_band: 1}\nwetlands:\n  change:\n    baseline: {label: "
               "\"2015\", landcover: {source: empty.tif}}\n    current: {landcover: {source: "
               "lc.tif}}\n");
    const auto r = run_greengauge({"assess", dir.file("p.yaml"), "-o", dir.file("out")});
    EXPECT_NE(r.exit_code, 0);
    EXPECT_TRUE(r.err.find("wetlands.change.baseline (2015 (land cover") != std::string::npos)
        << r.err;
    EXPECT_TRUE(r.err.find("no valid observation in any zone") != std::string::npos) << r.err;
    size_t lines = 0;
    for (char ch : r.err) lines += ch == '\n';
    EXPECT_EQ(lines, 1u) << r.err;
    std::error_code ec;
    EXPECT_TRUE(!std::filesystem::exists(dir.file("out"), ec) ||
                std::filesystem::is_empty(dir.file("out"), ec));
}

}  // namespace
}  // namespace gg::test
