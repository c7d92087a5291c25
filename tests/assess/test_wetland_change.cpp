// wetlands.change (two periods of imagery or land cover, pixel by pixel), the transition COG and
// the water persistence COGs, every expected value worked out by hand in the comment beside it.
//
// Every grid is UTM 47N with its origin at (500000, 1000000) (tests/support/imagery_fixtures.hpp)
// and the projects say `areas: planar`: a 30 m pixel is 900 m2, a 10 m pixel 100 m2.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogr_spatialref.h>

#include <cmath>
#include <filesystem>
#include <memory>

#include "assess/assessment.hpp"
#include "assess/families.hpp"
#include "assess/outputs.hpp"
#include "core/error.hpp"
#include "gis/gdal_setup.hpp"
#include "support/imagery_fixtures.hpp"
#include "synthetic_city.hpp"

namespace gg::assess {
namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

double value(const AssessmentResult& r, size_t zone, const std::string& id) {
    const auto v = r.metrics.value(zone, id);
    EXPECT_TRUE(v) << id << " of zone " << zone << ": " << r.metrics.cell(zone, id).reason;
    return v.value_or(-1);
}

// Zones A (x 500000..500060) and B (x 500060..500090), both y 999940..1000000.
void write_zones(const test::TempDir& dir) {
    test::LayerFixture zones;
    zones.crs = "EPSG:32647";
    zones.fields = {{"code", OFTString}};
    zones.features = {{test::rectangle(500000, 999940, 500060, 1000000), {"A"}},
                      {test::rectangle(500060, 999940, 500090, 1000000), {"B"}}};
    test::write_vector(dir.file("zones.gpkg"), "GPKG", {zones});
}

// Every project has an imagery section: the wetlands change reads its own periods.
const std::string kHead =
    "name: t\nzones:\n  source: zones.gpkg\n  id_field: code\nareas: planar\n";
std::string head_with(const std::string& imagery) {
    return kHead + "imagery: {" + imagery + "}\n";
}
const std::string kLandCoverHead = head_with("source: lc2015.tif, red_band: 1, nir_band: 1");

// Band 1 of a raster, row-major, and its nodata value.
struct Band {
    std::vector<double> values;
    double nodata = 0;
    bool has_nodata = false;
    std::string metadata(const char* key) const { return meta.count(key) ? meta.at(key) : ""; }
    std::map<std::string, std::string> meta;
};
Band read_band(const std::string& path) {
    init_gdal();
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER));
    EXPECT_TRUE(ds) << path;
    Band b;
    if (!ds) return b;
    GDALRasterBand* band = ds->GetRasterBand(1);
    int has = 0;
    b.nodata = band->GetNoDataValue(&has);
    b.has_nodata = has != 0;
    const int cols = ds->GetRasterXSize(), rows = ds->GetRasterYSize();
    b.values.resize(static_cast<size_t>(cols) * static_cast<size_t>(rows));
    EXPECT_EQ(
        band->RasterIO(GF_Read, 0, 0, cols, rows, b.values.data(), cols, rows, GDT_Float64, 0, 0),
        CE_None);
    if (char** md = ds->GetMetadata())
        for (char** p = md; *p; ++p) {
            const std::string kv = *p;
            const auto eq = kv.find('=');
            if (eq != std::string::npos) b.meta[kv.substr(0, eq)] = kv.substr(eq + 1);
        }
    return b;
}

// Baseline land cover: 3 x 2 pixels of 30 m; current: 9 x 6 pixels of 10 m over the same
// extent (another grid: read on the baseline's by nearest neighbour, each 30 m cell taking the
// 10 m pixel at its centre, (3r + 1, 3c + 1), as every 3 x 3 block holds one class here).
//   baseline  row 0: 80 80 10    current  row 0: 80 10 80
//             row 1: 10 10 10             row 1: 90 95 10
// Classes (ESA WorldCover default map): 80 open_water, 90 marsh, 95 mangrove, 10 (trees) none.
// Zone A (columns 0-1): (0,0) 80 -> 80 stable water; (0,1) 80 -> 10 loss; (1,0) 10 -> 90 gain;
// (1,1) 10 -> 95 gain. Baseline 2 x 900 = 1,800, gain 1,800, loss 900, current 2,700, net
// +900, change 900 / 1,800 x 100 = +50 %. Per type: open_water 1,800 -> 900 = -50 %; marsh and
// mangrove had none in the baseline: empty with a reason, never 0.
// Zone B (column 2): (0,2) 10 -> 80 gain, (1,2) 10 -> 10 stable land. Baseline 0: the change is
// empty with its reason; gain 900, loss 0, net +900.
// Transition classes (0 stable land, 1 stable water, 2 gain, 3 loss): 1 3 2 / 2 2 0.
void write_landcover_periods(const test::TempDir& dir) {
    test::write_raster(dir.file("lc2015.tif"),
                       test::utm_raster(3, 2, 30, {80, 80, 10, 10, 10, 10}, GDT_Byte));
    const int now[2][3] = {{80, 10, 80}, {90, 95, 10}};
    std::vector<double> fine;
    for (int r = 0; r < 6; ++r)
        for (int c = 0; c < 9; ++c) fine.push_back(now[r / 3][c / 3]);
    test::write_raster(dir.file("lc2024.tif"), test::utm_raster(9, 6, 10, fine, GDT_Byte));
}

const char* kLandCoverChange =
    "wetlands:\n  change:\n"
    "    baseline: {label: \"2015\", landcover: {source: lc2015.tif}}\n"
    "    current: {label: \"2024\", landcover: {source: lc2024.tif}}\n";

TEST(WetlandChange, LandCoverPeriodsOnDifferentGridsGiveGainLossAndPerTypeChange) {
    test::TempDir dir;
    write_zones(dir);
    write_landcover_periods(dir);
    test::write_text(dir.file("p.yaml"), kLandCoverHead + kLandCoverChange);
    const Project p = load_project(dir.file("p.yaml"), builtin_families());
    const AssessmentResult r = run_assessment(p);
    EXPECT_NEAR(value(r, 0, "wetland_baseline_area_m2"), 1800, 1e-9);
    EXPECT_NEAR(value(r, 0, "wetland_gain_m2"), 1800, 1e-9);
    EXPECT_NEAR(value(r, 0, "wetland_loss_m2"), 900, 1e-9);
    EXPECT_NEAR(value(r, 0, "wetland_net_m2"), 900, 1e-9);
    EXPECT_NEAR(value(r, 0, "wetland_change_pct"), 50, 1e-9);
    EXPECT_NEAR(value(r, 0, "wetland_change_pct_open_water"), -50, 1e-9);
    EXPECT_DOUBLE_EQ(value(r, 0, "wetland_change_valid_share"), 1);
    EXPECT_FALSE(r.metrics.value(0, "wetland_change_pct_marsh"));
    EXPECT_TRUE(contains(r.metrics.cell(0, "wetland_change_pct_marsh").reason,
                         "no marsh in the zone in the baseline period (2015)"));
    // Zone B: baseline 0.
    EXPECT_DOUBLE_EQ(value(r, 1, "wetland_baseline_area_m2"), 0);
    EXPECT_NEAR(value(r, 1, "wetland_gain_m2"), 900, 1e-9);
    EXPECT_DOUBLE_EQ(value(r, 1, "wetland_loss_m2"), 0);
    EXPECT_NEAR(value(r, 1, "wetland_net_m2"), 900, 1e-9);
    EXPECT_FALSE(r.metrics.value(1, "wetland_change_pct"));
    EXPECT_TRUE(contains(r.metrics.cell(1, "wetland_change_pct").reason,
                         "no wetland in the zone in the baseline period (2015)"))
        << r.metrics.cell(1, "wetland_change_pct").reason;

    // The transition COG, read back with GDAL: the classes above, nodata 255, the periods named.
    write_outputs(p, r, dir.file("out"));
    const Band t = read_band(dir.file("out/t_wetland_transition.tif"));
    EXPECT_EQ(t.values, (std::vector<double>{1, 3, 2, 2, 2, 0}));
    EXPECT_TRUE(t.has_nodata);
    EXPECT_EQ(t.nodata, 255);
    EXPECT_TRUE(contains(t.metadata("wetland_baseline_period"), "2015 (land cover"))
        << t.metadata("wetland_baseline_period");
    EXPECT_TRUE(contains(t.metadata("wetland_current_period"), "lc2024.tif"));
    EXPECT_TRUE(contains(t.metadata("wetland_transition_classes"), "2 gain, 3 loss"));
    // No temporary file is left beside the outputs.
    for (const auto& e : std::filesystem::directory_iterator(dir.file("out")))
        EXPECT_FALSE(contains(e.path().filename().string(), "tmp")) << e.path();
}

// One Landsat 8 C2 L2 product of 2 x 2 pixels of 30 m per folder: green SR_B3 DN 20000 (0.35),
// SWIR1 SR_B6 DN 10000 (0.075: MNDWI 0.65, water) or 25000 (0.4875: MNDWI -0.16, not water);
// qa 8 (QA_PIXEL bit 3, cloud) masks a pixel. Returns the MTL path.
std::string write_date(const test::TempDir& dir, const std::string& name,
                       const std::vector<bool>& water, const std::vector<double>& qa) {
    const std::string id = "LC08_L2SP_129050_20230101_20230110_02_T1";
    const std::string folder = dir.file(name);
    std::filesystem::create_directory(folder);
    std::vector<double> swir1;
    for (bool w : water) swir1.push_back(w ? 10000 : 25000);
    const std::string mtl =
        test::write_c2_l2(folder, std::vector<double>(4, 10000), std::vector<double>(4, 20000), qa);
    test::write_raster(folder + "/" + id + "_SR_B3.TIF",
                       test::utm_raster(2, 2, 30, std::vector<double>(4, 20000)));
    test::write_raster(folder + "/" + id + "_SR_B6.TIF", test::utm_raster(2, 2, 30, swir1));
    return mtl;
}

// The current land cover of write_landcover_periods in another CRS: geographic (EPSG:4326) cells
// of 1e-5 degree (about 1.1 x 1.1 m) over the UTM extent padded by 10 m, each cell taking the
// class of the 30 m UTM cell its centre falls in (PROJ through OGR transforms the centre), 10
// outside. Read on the baseline's UTM grid by nearest neighbour, every 30 m cell takes the
// geographic cell at its centre, 15 m from any class edge, so the classes, and every expected
// figure of the test above, are the same as with the UTM current raster.
void write_geographic_current(const test::TempDir& dir) {
    const int now[2][3] = {{80, 10, 80}, {90, 95, 10}};
    OGRSpatialReference utm, geo;
    utm.importFromEPSG(32647);
    geo.importFromEPSG(4326);
    utm.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    geo.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> to_geo(
        OGRCreateCoordinateTransformation(&utm, &geo));
    std::unique_ptr<OGRCoordinateTransformation> to_utm(
        OGRCreateCoordinateTransformation(&geo, &utm));
    ASSERT_TRUE(to_geo && to_utm);
    double xmin = 500000 - 10, ymax = 1000000 + 10, xmax = 500090 + 10, ymin = 999940 - 10;
    double lon0 = xmin, lat1 = ymax, lon1 = xmax, lat0 = ymin;
    ASSERT_TRUE(to_geo->Transform(1, &lon0, &lat1) && to_geo->Transform(1, &lon1, &lat0));
    constexpr double cell = 1e-5;
    test::RasterFixture r;
    r.crs = "EPSG:4326";
    r.cols = static_cast<int>(std::ceil((lon1 - lon0) / cell));
    r.rows = static_cast<int>(std::ceil((lat1 - lat0) / cell));
    r.geotransform = {lon0, cell, 0, lat1, 0, -cell};
    r.type = GDT_Byte;
    for (int row = 0; row < r.rows; ++row)
        for (int col = 0; col < r.cols; ++col) {
            double x = lon0 + (col + 0.5) * cell, y = lat1 - (row + 0.5) * cell;
            EXPECT_TRUE(to_utm->Transform(1, &x, &y));
            const int c = static_cast<int>(std::floor((x - 500000) / 30));
            const int rr = static_cast<int>(std::floor((1000000 - y) / 30));
            r.values.push_back(c >= 0 && c < 3 && rr >= 0 && rr < 2 ? now[rr][c] : 10);
        }
    test::write_raster(dir.file("lc2024.tif"), r);
}

TEST(WetlandChange, APeriodInAnotherCrsIsReprojectedOntoTheBaselineGrid) {
    test::TempDir dir;
    write_zones(dir);
    write_landcover_periods(dir);
    write_geographic_current(dir);  // replaces the UTM lc2024.tif
    test::write_text(dir.file("p.yaml"), kLandCoverHead + kLandCoverChange);
    const Project p = load_project(dir.file("p.yaml"), builtin_families());
    const AssessmentResult r = run_assessment(p);
    EXPECT_NEAR(value(r, 0, "wetland_baseline_area_m2"), 1800, 1e-9);
    EXPECT_NEAR(value(r, 0, "wetland_gain_m2"), 1800, 1e-9);
    EXPECT_NEAR(value(r, 0, "wetland_loss_m2"), 900, 1e-9);
    EXPECT_NEAR(value(r, 0, "wetland_change_pct"), 50, 1e-9);
    EXPECT_NEAR(value(r, 0, "wetland_change_pct_open_water"), -50, 1e-9);
    EXPECT_NEAR(value(r, 1, "wetland_gain_m2"), 900, 1e-9);
    EXPECT_DOUBLE_EQ(value(r, 1, "wetland_loss_m2"), 0);
    write_outputs(p, r, dir.file("out"));
    const Band t = read_band(dir.file("out/t_wetland_transition.tif"));
    EXPECT_EQ(t.values, (std::vector<double>{1, 3, 2, 2, 2, 0}));
}

TEST(WetlandChange, ImageryPeriodsOneDateAgainstAComposite) {
    // Baseline: one date, water on pixels 0, 1 and 3. Current: two dates composited (median),
    // both water on pixels 0 and 2, pixel 3 cloudy on both (no valid observation: not compared).
    // Zone A (x 500000..500060) covers the four pixels:
    //   0 water -> water (stable water), 1 water -> dry (loss), 2 dry -> water (gain), 3 not
    //   observed now (no data, though water in the baseline).
    // Compared on pixels 0-2: baseline 1,800 (pixels 0, 1; pixel 3 is excluded, else 2,700),
    // gain 900, loss 900, net 0, change 0 %; valid share 3/4. Imagery has no types: no per-type
    // change columns. Zone B lies outside the grid: empty with a reason.
    test::TempDir dir;
    write_zones(dir);
    const std::string before = write_date(dir, "b0", {true, true, false, true}, {0, 0, 0, 0});
    const std::string d0 = write_date(dir, "c0", {true, false, true, false}, {0, 0, 0, 8});
    const std::string d1 = write_date(dir, "c1", {true, false, true, false}, {0, 0, 0, 8});
    test::write_text(dir.file("p.yaml"),
                     head_with("products: [" + before + "]") +
                         "wetlands:\n  change:\n    baseline: {label: \"2016\", products: [" +
                         before + "]}\n    current: {label: \"2023\", products: [" + d0 + ", " +
                         d1 + "]}\n");
    const Project p = load_project(dir.file("p.yaml"), builtin_families());
    const AssessmentResult r = run_assessment(p);
    EXPECT_NEAR(value(r, 0, "wetland_baseline_area_m2"), 1800, 1e-9);
    EXPECT_NEAR(value(r, 0, "wetland_gain_m2"), 900, 1e-9);
    EXPECT_NEAR(value(r, 0, "wetland_loss_m2"), 900, 1e-9);
    EXPECT_NEAR(value(r, 0, "wetland_net_m2"), 0, 1e-9);
    EXPECT_NEAR(value(r, 0, "wetland_change_pct"), 0, 1e-9);
    EXPECT_DOUBLE_EQ(value(r, 0, "wetland_change_valid_share"), 0.75);
    EXPECT_EQ(std::count(r.columns.begin(), r.columns.end(), "wetland_change_pct_open_water"), 0);
    EXPECT_FALSE(r.metrics.value(1, "wetland_gain_m2"));
    EXPECT_TRUE(contains(r.metrics.cell(1, "wetland_gain_m2").reason, "outside"));

    write_outputs(p, r, dir.file("out"));
    const Band t = read_band(dir.file("out/t_wetland_transition.tif"));
    EXPECT_EQ(t.values, (std::vector<double>{1, 3, 2, 255}));
    EXPECT_TRUE(contains(t.metadata("wetland_current_period"), "2023 (2 products, median mndwi"))
        << t.metadata("wetland_current_period");
}

TEST(WetlandChange, ACurrentImageryPeriodIsReprojectedOntoALandCoverBaseline) {
    // Baseline: land cover of 4 x 4 pixels of 15 m (225 m2 each) over the 2 x 2 of the
    // imagery: class 80 in the left half (columns 0-1), 10 in the right. Current: one date of
    // 30 m, water on pixels 0 and 3 (top left, bottom right). On the baseline's 15 m grid each
    // 30 m pixel is 2 x 2 cells (nearest neighbour: the cell centres at 7.5 and 22.5 m fall in
    // it). Zone A: top-left 4 cells water -> water (stable), bottom-left 4 water -> dry (loss),
    // top-right 4 dry -> dry, bottom-right 4 dry -> water (gain). Baseline 8 x 225 = 1,800,
    // gain 900, loss 900, change 0 %.
    test::TempDir dir;
    write_zones(dir);
    std::vector<double> lc;
    for (int r = 0; r < 4; ++r)
        for (int c = 0; c < 4; ++c) lc.push_back(c < 2 ? 80 : 10);
    test::write_raster(dir.file("lc.tif"), test::utm_raster(4, 4, 15, lc, GDT_Byte));
    const std::string now = write_date(dir, "c0", {true, false, false, true}, {0, 0, 0, 0});
    test::write_text(dir.file("p.yaml"),
                     head_with("products: [" + now + "]") +
                         "wetlands:\n  change:\n    baseline: {label: \"2015\", landcover: "
                         "{source: lc.tif}}\n    current: {label: \"2023\", products: [" +
                         now + "]}\n");
    const Project p = load_project(dir.file("p.yaml"), builtin_families());
    const AssessmentResult r = run_assessment(p);
    EXPECT_NEAR(value(r, 0, "wetland_baseline_area_m2"), 1800, 1e-9);
    EXPECT_NEAR(value(r, 0, "wetland_gain_m2"), 900, 1e-9);
    EXPECT_NEAR(value(r, 0, "wetland_loss_m2"), 900, 1e-9);
    EXPECT_NEAR(value(r, 0, "wetland_change_pct"), 0, 1e-9);
    write_outputs(p, r, dir.file("out"));
    const Band t = read_band(dir.file("out/t_wetland_transition.tif"));
    EXPECT_EQ(t.values, (std::vector<double>{1, 1, 0, 0,  //
                                             1, 1, 0, 0,  //
                                             3, 3, 2, 2,  //
                                             3, 3, 2, 2}));
}

TEST(WetlandChange, APeriodWithNoValidObservationIsAOneLineError) {
    // The current period's only date is cloudy on every pixel: nothing can be compared. The run
    // stops with one line naming the project file, the key and the period; no output.
    test::TempDir dir;
    write_zones(dir);
    const std::string before = write_date(dir, "b0", {true, true, false, true}, {0, 0, 0, 0});
    const std::string now = write_date(dir, "c0", {true, true, true, true}, {8, 8, 8, 8});
    test::write_text(dir.file("p.yaml"),
                     head_with("products: [" + before + "]") +
                         "wetlands:\n  change:\n    baseline: {products: [" + before +
                         "]}\n    current: {label: \"2023\", products: [" + now + "]}\n");
    const Project p = load_project(dir.file("p.yaml"), builtin_families());
    try {
        run_assessment(p);
        ADD_FAILURE() << "no error";
    } catch (const Error& e) {
        const std::string m = e.what();
        EXPECT_TRUE(contains(m, "p.yaml: wetlands.change.current (2023 (1 product")) << m;
        EXPECT_TRUE(contains(m, "no valid observation in any zone")) << m;
        EXPECT_EQ(m.find('\n'), std::string::npos) << m;
    }
}

TEST(WetlandChange, BadPeriodsAreOneLineNamingFileAndLine) {
    test::TempDir dir;
    write_zones(dir);
    write_landcover_periods(dir);
    auto error = [&](const std::string& wetlands) {
        test::write_text(dir.file("p.yaml"), kLandCoverHead + wetlands);
        try {
            load_project(dir.file("p.yaml"), builtin_families());
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    // Line 9: name, zones (3 lines), areas, imagery, "wetlands:", "change:", then the period.
    const std::string both = error(
        "wetlands:\n  change:\n    baseline: {products: [a], landcover: {source: lc2015.tif}}\n"
        "    current: {landcover: {source: lc2024.tif}}\n");
    EXPECT_TRUE(contains(both, "p.yaml:9:")) << both;
    EXPECT_TRUE(contains(both, "products) or land cover (landcover), not both")) << both;
    const std::string missing =
        error("wetlands:\n  change:\n    baseline: {landcover: {source: lc2015.tif}}\n");
    EXPECT_TRUE(contains(missing, "\"wetlands.change.current\" is required")) << missing;
    const std::string type = error(
        "wetlands:\n  change:\n    baseline: {landcover: {source: lc2015.tif, classes: {80: "
        "lake}}}\n    current: {landcover: {source: lc2024.tif}}\n");
    EXPECT_TRUE(contains(type, "\"lake\" is not one of wetlands.types")) << type;
    EXPECT_EQ(type.find('\n'), std::string::npos);
}

TEST(WetlandChange, PersistenceWritesOccurrenceAndObservationCogs) {
    // Three dates of 2 x 2 pixels: pixel 0 water on all 3 (occurrence 3/3 = 1, 3 observations);
    // pixel 1 water on date 0 only (1/3, 3); pixel 2 water on dates 0 and 1, cloudy on date 2
    // (2/2 = 1, 2 observations); pixel 3 cloudy on every date (no occurrence: nodata -1; 0
    // observations).
    test::TempDir dir;
    write_zones(dir);
    std::vector<std::string> mtl;
    for (int d = 0; d < 3; ++d)
        mtl.push_back(write_date(dir, "d" + std::to_string(d), {true, d == 0, true, true},
                                 {0, 0, d == 2 ? 8.0 : 0.0, 8}));
    test::write_text(dir.file("p.yaml"),
                     head_with("products: [" + mtl[0] + ", " + mtl[1] + ", " + mtl[2] + "]") +
                         "wetlands:\n  persistence: {}\n");
    const Project p = load_project(dir.file("p.yaml"), builtin_families());
    const AssessmentResult r = run_assessment(p);
    const WrittenOutputs w = write_outputs(p, r, dir.file("out"));
    EXPECT_EQ(std::count(w.files.begin(), w.files.end(), dir.file("out/t_water_occurrence.tif")),
              1);
    const Band occ = read_band(dir.file("out/t_water_occurrence.tif"));
    ASSERT_EQ(occ.values.size(), 4u);
    EXPECT_DOUBLE_EQ(occ.values[0], 1);
    EXPECT_NEAR(occ.values[1], 1.0 / 3, 1e-6);  // Float32
    EXPECT_DOUBLE_EQ(occ.values[2], 1);
    EXPECT_TRUE(occ.has_nodata);
    EXPECT_EQ(occ.values[3], occ.nodata);
    EXPECT_EQ(occ.nodata, -1);
    EXPECT_TRUE(contains(occ.metadata("water_persistence"), "over the 3 dates"));
    const Band count = read_band(dir.file("out/t_water_observations.tif"));
    EXPECT_EQ(count.values, (std::vector<double>{3, 3, 2, 0}));
}

}  // namespace
}  // namespace gg::assess
