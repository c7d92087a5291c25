// The wetlands family on the synthetic city (tests/assess/synthetic_city.hpp), every expected
// value worked out by hand in the comment beside it.
//
// The image gets two more bands: 3 green 0.3 everywhere, 4 SWIR1 0.1 in columns 0-4 (MNDWI
// (0.3 - 0.1) / 0.4 = 0.5: water), 0.3 in columns 5-9 (MNDWI 0: not water at threshold 0, water
// is index > 0; water at the sweep's -0.1) and 0.5 elsewhere (MNDWI -0.25). NDWI with NIR (band 2:
// 0.5 in columns 0-19, 0.12 beyond): (0.3 - 0.5) / 0.8 = -0.25 in columns 0-19, (0.3 - 0.12) /
// 0.42 = 0.43 (water) beyond. Pixels are 10 m: 100 m2 each (planar UTM areas, the engine's pixel
// convention).
//
// The city's project says `areas: planar` (tests/assess/synthetic_city.hpp), so polygon and
// pixel areas are plane m2 of UTM 47N and the expected values stay round. Ellipsoidal wetland
// polygons are tested in tests/gis/test_wetland_polygons.cpp (x 1.0005526 here: 1 / k^2 at
// x = 600,050, y ~ 1,500,000) and the run's convention in tests/assess/test_areas.cpp.
#include <gtest/gtest.h>

#include <filesystem>

#include "assess/assessment.hpp"
#include "assess/families.hpp"
#include "core/error.hpp"
#include "support/imagery_fixtures.hpp"
#include "synthetic_city.hpp"

namespace gg::assess {
namespace {

constexpr double kGround = 1.0;  // m2 per planar m2 under `areas: planar` (see above)

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// The synthetic city with a 4-band image (red, NIR, green, SWIR1) and a wetland inventory.
struct WetCity : test::SyntheticCity {
    explicit WetCity(const std::string& wetlands) : test::SyntheticCity(wetlands, false) {
        test::RasterFixture image;
        image.crs = "EPSG:32647";
        image.geotransform = {600000, 10, 0, 1500000, 0, -10};
        image.cols = 30;
        image.rows = 20;
        image.bands = 4;
        image.type = GDT_Float32;
        for (int b = 0; b < 4; ++b)
            for (int r = 0; r < image.rows; ++r)
                for (int c = 0; c < image.cols; ++c) {
                    const double nir = c < 20 ? 0.5 : 0.12;
                    const double swir1 = c < 5 ? 0.1 : (c < 10 ? 0.3 : 0.5);
                    image.values.push_back(b == 0 ? 0.1 : b == 1 ? nir : b == 2 ? 0.3 : swir1);
                }
        test::write_raster(dir.file("image.tif"), image);

        // Zone F is x 600000..600150, E x 600150..600200, both y 1499800..1500000.
        //   M "Mangrove Forest": x 600000..600100, y 1499900..1500000, 10,000 m2 planar
        //   W "river":           x 600050..600150, y 1499950..1500000,  5,000 m2 planar
        //   L "lagoon" (not mapped): x 600150..600200, y 1499800..1499850 in E, 2,500 m2 planar
        // M and W overlap on x 600050..600100, y 1499950..1500000: 2,500 m2.
        test::LayerFixture inventory;
        inventory.name = "wetlands";
        inventory.crs = "EPSG:32647";
        inventory.fields = {{"kind", OFTString}};
        inventory.features = {
            {test::rectangle(600000, 1499900, 600100, 1500000), {"Mangrove Forest"}},
            {test::rectangle(600050, 1499950, 600150, 1500000), {"river"}},
            {test::rectangle(600150, 1499800, 600200, 1499850), {"lagoon"}}};
        test::write_vector(dir.file("wetlands.gpkg"), "GPKG", {inventory});
    }

    AssessmentResult run() const {
        return run_assessment(load_project(project, builtin_families()));
    }
};

const char* kInventory =
    "  inventory:\n    source: wetlands.gpkg\n    type_field: kind\n"
    "    values: {mangrove forest: mangrove, river: open_water}\n";
const char* kMndwi = "  water:\n    green_band: 3\n    swir1_band: 4\n";

double value(const AssessmentResult& r, size_t zone, const std::string& id) {
    const auto v = r.metrics.value(zone, id);
    EXPECT_TRUE(v) << id << " of zone " << zone << ": " << r.metrics.cell(zone, id).reason;
    return v.value_or(-1);
}

// The message of the error load_project throws for the city's project.
std::string load_error(const WetCity& city) {
    try {
        load_project(city.project, builtin_families());
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

// Zones in layer order: 0 F, 1 E, 2 T, 3 O.
TEST(Wetlands, OverlappingPolygonsOfTwoTypesGoToTheTypeListedFirst) {
    // Default precedence (open_water first): open_water = W = 5,000 planar; mangrove = M minus
    // the overlap = 10,000 - 2,500 = 7,500; the inventory in F = their union 12,500, all as
    // ground m2 (x 1.0005526). L, in E, is "other": 2,500.
    const WetCity city(std::string("wetlands:\n") + kInventory);
    const AssessmentResult r = city.run();
    EXPECT_NEAR(value(r, 0, "wetland_area_m2_open_water"), 5000 * kGround, 0.05);
    EXPECT_NEAR(value(r, 0, "wetland_area_m2_mangrove"), 7500 * kGround, 0.05);
    EXPECT_NEAR(value(r, 0, "wetland_inventory_area_m2"), 12500 * kGround, 0.1);
    EXPECT_NEAR(value(r, 0, "wetland_area_m2"), 12500 * kGround, 0.1);
    EXPECT_NEAR(value(r, 1, "wetland_area_m2_other"), 2500 * kGround, 0.05);
    // An inventory alone is measured against the zone's ground area: F is 150 x 200 = 30,000
    // planar, so the share is 12,500 / 30,000 (the scale cancels).
    EXPECT_NEAR(value(r, 0, "wetland_share"), 12500.0 / 30000, 1e-6);
    EXPECT_NEAR(value(r, 1, "wetland_share_other"), 2500.0 / 10000, 1e-6);
    EXPECT_DOUBLE_EQ(value(r, 0, "wetland_area_m2_marsh"), 0);  // a type with nothing: 0 m2

    // mangrove listed first: mangrove = all of M (10,000), open_water = W minus M = 2,500.
    const WetCity swapped(std::string("wetlands:\n  types: [mangrove, open_water]\n") + kInventory);
    const AssessmentResult s = swapped.run();
    EXPECT_NEAR(value(s, 0, "wetland_area_m2_mangrove"), 10000 * kGround, 0.05);
    EXPECT_NEAR(value(s, 0, "wetland_area_m2_open_water"), 2500 * kGround, 0.05);
    EXPECT_NEAR(value(s, 0, "wetland_area_m2"), 12500 * kGround, 0.1);  // the union is the same
    // Only the types listed, and "other" (added: unmapped values go there), are columns.
    EXPECT_EQ(std::count(s.columns.begin(), s.columns.end(), "wetland_area_m2_marsh"), 0);
    EXPECT_EQ(std::count(s.columns.begin(), s.columns.end(), "wetland_area_m2_other"), 1);
}

TEST(Wetlands, ChangeAgainstABaselineInventory) {
    // Baseline: M' "mangrove forest" = M (x 600000..600100, y 1499900..1500000, 10,000 m2) and
    // W' "river" x 600000..600050, y 1499800..1499900 (5,000 m2, below M, where the current
    // inventory has none). Current: M, W, L as above. In F:
    //   current union 12,500 (M u W), baseline union 15,000 (M' u W')
    //   gain = W minus M = x 600100..600150, y 1499950..1500000 = 2,500; loss = W' = 5,000
    //   net = 12,500 - 15,000 = -2,500; change = -2,500 / 15,000 x 100 = -16.67 %
    //   open_water 5,000 now (W) against 5,000 (W'): 0 %; mangrove 7,500 (M minus W) against
    //   10,000: -25 %.
    // In E: L (other, 2,500) is all gain; the baseline has no wetland there: no percent change.
    WetCity city(std::string("wetlands:\n") + kInventory +
                 "  baseline:\n    label: \"2015\"\n    inventory:\n      source: baseline.gpkg\n"
                 "      type_field: kind\n"
                 "      values: {mangrove forest: mangrove, river: open_water}\n");
    test::LayerFixture before;
    before.name = "wetlands_2015";
    before.crs = "EPSG:32647";
    before.fields = {{"kind", OFTString}};
    before.features = {{test::rectangle(600000, 1499900, 600100, 1500000), {"mangrove forest"}},
                       {test::rectangle(600000, 1499800, 600050, 1499900), {"river"}}};
    test::write_vector(city.dir.file("baseline.gpkg"), "GPKG", {before});
    const AssessmentResult r = city.run();
    EXPECT_NEAR(value(r, 0, "wetland_baseline_area_m2"), 15000 * kGround, 0.1);
    EXPECT_NEAR(value(r, 0, "wetland_gain_m2"), 2500 * kGround, 0.05);
    EXPECT_NEAR(value(r, 0, "wetland_loss_m2"), 5000 * kGround, 0.05);
    EXPECT_NEAR(value(r, 0, "wetland_net_m2"), -2500 * kGround, 0.1);
    // Percentages to 1e-4: the ground scale differs by ~4e-7 between x 600,025 and 600,100 (the
    // scale grows away from the central meridian), so W and W' of equal planar area are not
    // exactly equal on the ground.
    EXPECT_NEAR(value(r, 0, "wetland_change_pct"), -2500.0 / 15000 * 100, 1e-4);
    EXPECT_NEAR(value(r, 0, "wetland_change_pct_open_water"), 0, 1e-4);
    EXPECT_NEAR(value(r, 0, "wetland_change_pct_mangrove"), -25, 1e-4);
    EXPECT_NEAR(value(r, 1, "wetland_gain_m2"), 2500 * kGround, 0.05);
    EXPECT_DOUBLE_EQ(value(r, 1, "wetland_loss_m2"), 0);
    EXPECT_FALSE(r.metrics.value(1, "wetland_change_pct"));  // empty, never 0 or infinite
    EXPECT_TRUE(
        contains(r.metrics.cell(1, "wetland_change_pct").reason, "baseline inventory (2015)"))
        << r.metrics.cell(1, "wetland_change_pct").reason;
    // A baseline without a current inventory to compare with is an error naming the line (15,
    // where the baseline's mapping starts, after line 14 "  baseline:").
    const WetCity alone(
        "wetlands:\n  baseline:\n    inventory: {source: baseline.gpkg, type_field: kind}\n");
    EXPECT_TRUE(contains(load_error(alone), ":15: \"wetlands.baseline\" is compared with"))
        << load_error(alone);
}

TEST(Wetlands, AValueNotInTheMappingIsCountedAsOtherWithAWarningListingIt) {
    const WetCity city(std::string("wetlands:\n") + kInventory);
    const AssessmentResult r = city.run();
    size_t hits = 0;
    for (const auto& w : r.warnings)
        if (contains(w, "\"lagoon\" (1 feature)") && contains(w, "counted as other")) ++hits;
    EXPECT_EQ(hits, 1u);
    EXPECT_NEAR(value(r, 1, "wetland_area_m2_other"), 2500 * kGround, 0.05);
}

TEST(Wetlands, PolygonsPlusImageryWaterOutsideThemIsTheirUnion) {
    // MNDWI water (columns 0-4, x 600000..600050, every row) is 10,000 m2 in F, water share
    // 10,000 / 30,000. Of it, x 600000..600050 x y 1499900..1500000 (5,000 m2) lies in M, so
    // only the 5,000 m2 below M count on top of the polygons:
    //   wetland_area_m2 = 12,500 ground-scaled + 5,000
    //   open_water      =  5,000 ground-scaled + 5,000 (imagery water is open water)
    //   observed        = 12,500 ground-scaled + the valid area outside them, 30,000 - 12,500
    const WetCity city(std::string("wetlands:\n") + kInventory + kMndwi);
    const AssessmentResult r = city.run();
    EXPECT_DOUBLE_EQ(value(r, 0, "water_area_m2"), 10000);
    EXPECT_DOUBLE_EQ(value(r, 0, "water_share"), 1.0 / 3);
    EXPECT_DOUBLE_EQ(value(r, 0, "water_valid_share"), 1);
    const double polygons = 12500 * kGround;
    EXPECT_NEAR(value(r, 0, "wetland_area_m2"), polygons + 5000, 0.1);
    EXPECT_NEAR(value(r, 0, "wetland_area_m2_open_water"), 5000 * kGround + 5000, 0.1);
    EXPECT_NEAR(value(r, 0, "wetland_share"), (polygons + 5000) / (polygons + 17500), 1e-6);
    // Sweep -0.1, 0, 0.1: columns 5-9 (MNDWI exactly 0) are water only at -0.1: 2/3 .. 1/3.
    EXPECT_DOUBLE_EQ(value(r, 0, "water_share_sweep_min"), 1.0 / 3);
    EXPECT_DOUBLE_EQ(value(r, 0, "water_share_sweep_max"), 2.0 / 3);
    // T: the image covers 20,000 m2 of it, no water, no polygon: 0 (a measured zero).
    EXPECT_DOUBLE_EQ(value(r, 2, "wetland_area_m2"), 0);
    EXPECT_DOUBLE_EQ(value(r, 2, "wetland_share"), 0);
    // O: outside the image and the inventory: no value, with the reason.
    EXPECT_FALSE(r.metrics.value(3, "wetland_area_m2"));
    EXPECT_EQ(r.metrics.cell(3, "wetland_area_m2").reason, "zone outside the image");
    EXPECT_FALSE(r.metrics.value(3, "water_share"));
    EXPECT_EQ(r.metrics.cell(3, "water_share").reason, "zone outside the image");
}

TEST(Wetlands, MndwiWhereSwir1ExistsOtherwiseNdwi) {
    // With swir1_band: MNDWI, water in F (1/3), none in T. Without: NDWI from green and the
    // imagery's NIR (band 2): none in F, all of T's covered 20,000 m2 (share 1).
    const WetCity mndwi(std::string("wetlands:\n") + kMndwi);
    const AssessmentResult a = mndwi.run();
    EXPECT_DOUBLE_EQ(value(a, 0, "water_share"), 1.0 / 3);
    EXPECT_DOUBLE_EQ(value(a, 2, "water_share"), 0);
    const WetCity ndwi("wetlands:\n  water:\n    green_band: 3\n");
    const AssessmentResult b = ndwi.run();
    EXPECT_DOUBLE_EQ(value(b, 0, "water_share"), 0);
    EXPECT_DOUBLE_EQ(value(b, 2, "water_share"), 1);
    EXPECT_DOUBLE_EQ(value(b, 2, "water_area_m2"), 20000);
    // Without an inventory the water mask is the wetland: T is 20,000 m2 of open water.
    EXPECT_DOUBLE_EQ(value(b, 2, "wetland_area_m2_open_water"), 20000);
    bool said = false;
    for (const auto& t : b.summaries)
        for (const auto& n : t.notes) said = said || contains(n, "ndwi > 0");
    EXPECT_TRUE(said);
}

TEST(Wetlands, ProductsKnowTheirBandsMndwiFromSwir1InTheImageryPass) {
    // One Landsat 8 C2 L2 product of 2 x 2 pixels of 30 m (surface reflectance = DN x 0.0000275
    // - 0.2): green SR_B3 DN 20000 (0.35), NIR SR_B5 DN 20000 (0.35), SWIR1 SR_B6 DN 10000
    // (0.075) except pixel 0, DN 25000 (0.4875). MNDWI: (0.35 - 0.075) / 0.425 = 0.65 (water)
    // on pixels 1-3, (0.35 - 0.4875) / 0.8375 = -0.16 on pixel 0: water share 3/4, 2,700 of
    // 3,600 m2. NDWI (green - NIR) is 0 everywhere: no water, which is what the same project
    // gets once the SWIR1 file is gone (the product then has no SWIR1: NDWI).
    test::TempDir dir;
    const std::string mtl = test::write_c2_l2(dir.path(), std::vector<double>(4, 10000),
                                              std::vector<double>(4, 20000), {0, 0, 0, 0});
    const std::string id = "LC08_L2SP_129050_20230101_20230110_02_T1";
    test::write_raster(dir.file(id + "_SR_B3.TIF"),
                       test::utm_raster(2, 2, 30, std::vector<double>(4, 20000)));
    test::write_raster(dir.file(id + "_SR_B6.TIF"),
                       test::utm_raster(2, 2, 30, {25000, 10000, 10000, 10000}));
    test::LayerFixture zones;
    zones.crs = "EPSG:32647";
    zones.fields = {{"code", OFTString}};
    zones.features = {{test::rectangle(500000, 999940, 500060, 1000000), {"Z"}}};
    test::write_vector(dir.file("zones.gpkg"), "GPKG", {zones});
    test::write_text(dir.file("p.yaml"),
                     "name: t\nzones:\n  source: zones.gpkg\n  id_field: code\n"
                     "imagery:\n  products: [" +
                         mtl + "]\nwetlands:\n  water: {}\nareas: planar\n");
    const Project p = load_project(dir.file("p.yaml"), builtin_families());
    const AssessmentResult r = run_assessment(p);
    EXPECT_EQ(r.raster_passes, 1);  // green, SWIR1, red and NIR in the one imagery pass
    EXPECT_DOUBLE_EQ(value(r, 0, "water_share"), 0.75);
    EXPECT_NEAR(value(r, 0, "water_area_m2"), 2700, 1e-6);
    EXPECT_NEAR(value(r, 0, "wetland_area_m2_open_water"), 2700, 1e-6);

    std::filesystem::remove(dir.file(id + "_SR_B6.TIF"));
    const AssessmentResult n = run_assessment(load_project(dir.file("p.yaml"), builtin_families()));
    EXPECT_DOUBLE_EQ(value(n, 0, "water_share"), 0);
    bool ndwi = false;
    for (const auto& t : n.summaries)
        for (const auto& note : t.notes) ndwi = ndwi || contains(note, "ndwi > 0");
    EXPECT_TRUE(ndwi);
}

TEST(Wetlands, AScaledStackIsCalibratedBeforeTheIndex) {
    // imagery.scale 0.5, offset 0.1: green 0.3 -> 0.25; SWIR1 0.1 -> 0.15 in columns 0-4 (MNDWI
    // 0.1 / 0.4 = 0.25, water), 0.3 -> 0.25 in 5-9 (MNDWI 0), 0.5 -> 0.35 beyond (-0.17). F is
    // a third water, as unscaled: the green / SWIR1 pass goes through the generic profile.
    WetCity city(std::string("wetlands:\n") + kMndwi);
    std::string text = test::read_text(city.project);
    text.replace(text.find("  nir_band: 2\n"), 14, "  nir_band: 2\n  scale: 0.5\n  offset: 0.1\n");
    test::write_text(city.project, text);
    const AssessmentResult r = city.run();
    EXPECT_DOUBLE_EQ(value(r, 0, "water_share"), 1.0 / 3);
    EXPECT_DOUBLE_EQ(value(r, 0, "water_valid_share"), 1);
    EXPECT_DOUBLE_EQ(value(r, 2, "water_share"), 0);
}

// Six dates of one Landsat 8 C2 L2 product of 2 x 2 pixels of 30 m (900 m2 each): green SR_B3 DN
// 20000 (0.35); SWIR1 SR_B6 DN 10000 (0.075, MNDWI 0.65: water) or 25000 (0.4875, MNDWI -0.16:
// not water). Pixel 0 is water on all 6 dates; pixel 1 on dates 0-2 of 6; pixel 2 on date 0 only,
// and date 5 has a cloud there (QA_PIXEL bit 3: masked, not an observation); pixel 3 never.
// The MTL paths; the zone covering the four pixels is written too.
std::vector<std::string> six_dates(const test::TempDir& dir) {
    const std::string id = "LC08_L2SP_129050_20230101_20230110_02_T1";
    std::vector<std::string> mtl;
    for (int d = 0; d < 6; ++d) {
        const std::string folder = dir.file("date" + std::to_string(d));
        std::filesystem::create_directory(folder);
        const bool water[4] = {true, d < 3, d == 0, false};
        std::vector<double> swir1;
        for (bool w : water) swir1.push_back(w ? 10000 : 25000);
        mtl.push_back(test::write_c2_l2(folder, std::vector<double>(4, 10000),
                                        std::vector<double>(4, 20000),
                                        {0, 0, d == 5 ? 8.0 : 0.0, 0}));
        test::write_raster(folder + "/" + id + "_SR_B3.TIF",
                           test::utm_raster(2, 2, 30, std::vector<double>(4, 20000)));
        test::write_raster(folder + "/" + id + "_SR_B6.TIF", test::utm_raster(2, 2, 30, swir1));
    }
    test::LayerFixture zones;
    zones.crs = "EPSG:32647";
    zones.fields = {{"code", OFTString}};
    zones.features = {{test::rectangle(500000, 999940, 500060, 1000000), {"Z"}}};
    test::write_vector(dir.file("zones.gpkg"), "GPKG", {zones});
    return mtl;
}

std::string series_project(const std::vector<std::string>& mtl, const std::string& wetlands) {
    std::string list;
    for (const auto& m : mtl) list.append(list.empty() ? "" : ", ").append(m);
    return "name: t\nzones:\n  source: zones.gpkg\n  id_field: code\nimagery:\n  products: [" +
           list + "]\nareas: planar\nwetlands:\n" + wetlands;
}

TEST(Wetlands, WaterPersistenceOverSixDatesWithAMaskedDate) {
    // Occurrence = water observations / valid observations: pixel 0 6/6 = 1, pixel 1 3/6 = 0.5,
    // pixel 2 1/5 = 0.2 (date 5 masked), pixel 3 0/6 = 0. The zone's mean: (1 + 0.5 + 0.2 + 0) / 4
    // = 0.425. Permanent (>= 0.75): pixel 0, 900 m2; seasonal (0.25 <= o < 0.75): pixel 1,
    // 900 m2 (pixel 2's 0.2 is neither). The fewest observations: 5 (pixel 2).
    test::TempDir dir;
    const auto mtl = six_dates(dir);
    test::write_text(dir.file("p.yaml"), series_project(mtl, "  persistence: {}\n"));
    const AssessmentResult r = run_assessment(load_project(dir.file("p.yaml"), builtin_families()));
    EXPECT_DOUBLE_EQ(value(r, 0, "water_observed_share"), 1);
    EXPECT_NEAR(value(r, 0, "water_occurrence_mean"), 0.425, 1e-12);
    EXPECT_NEAR(value(r, 0, "permanent_water_m2"), 900, 1e-9);
    EXPECT_NEAR(value(r, 0, "seasonal_water_m2"), 900, 1e-9);
    EXPECT_DOUBLE_EQ(value(r, 0, "observations_min"), 5);
    // Persistence alone measures no wetland area: no wetland_area_m2 column.
    EXPECT_EQ(std::count(r.columns.begin(), r.columns.end(), "wetland_area_m2"), 0);

    // Thresholds of the project's own: permanent >= 0.5 takes pixels 0 and 1 (1,800 m2),
    // seasonal >= 0.2 pixel 2 (900 m2).
    test::write_text(dir.file("p.yaml"),
                     series_project(mtl, "  persistence: {permanent: 0.5, seasonal: 0.2}\n"));
    const AssessmentResult own =
        run_assessment(load_project(dir.file("p.yaml"), builtin_families()));
    EXPECT_NEAR(value(own, 0, "permanent_water_m2"), 1800, 1e-9);
    EXPECT_NEAR(value(own, 0, "seasonal_water_m2"), 900, 1e-9);

    // Bad input, one line naming the file and line: seasonal above permanent (line 9, after
    // name, zones (3 lines), imagery (2 lines), areas and "wetlands:"), a single
    // product (no time series).
    test::write_text(dir.file("p.yaml"),
                     series_project(mtl, "  persistence: {permanent: 0.5, seasonal: 0.6}\n"));
    try {
        load_project(dir.file("p.yaml"), builtin_families());
        ADD_FAILURE() << "no error";
    } catch (const Error& e) {
        EXPECT_TRUE(contains(e.what(), "p.yaml:9: \"wetlands.persistence.seasonal\"")) << e.what();
    }
    test::write_text(dir.file("p.yaml"), series_project({mtl[0]}, "  persistence: {}\n"));
    try {
        load_project(dir.file("p.yaml"), builtin_families());
        ADD_FAILURE() << "no error";
    } catch (const Error& e) {
        EXPECT_TRUE(contains(e.what(), "needs a time series")) << e.what();
    }
}

TEST(Wetlands, PersistenceWithoutGreenMeasuresTheSameCoverageWithoutReadingTheImage) {
    // green: {enabled: false} leaves the imagery's coverage pass with no band to read: it reads
    // no pixel (gis/grid_only_source.hpp), and area_m2 counts every covered pixel whatever its
    // value, so it must be the same bits as with green, and the zone is the 60 x 60 m grid:
    // 3600 m2 (planar areas), covered whole.
    test::TempDir dir;
    const auto mtl = six_dates(dir);
    test::write_text(dir.file("p.yaml"), series_project(mtl, "  persistence: {}\n"));
    const AssessmentResult with =
        run_assessment(load_project(dir.file("p.yaml"), builtin_families()));
    test::write_text(dir.file("q.yaml"),
                     series_project(mtl, "  persistence: {}\n") + "green: {enabled: false}\n");
    const AssessmentResult without =
        run_assessment(load_project(dir.file("q.yaml"), builtin_families()));
    for (const char* c : {"valid_share", "ndvi_mean", "green_share"}) {
        EXPECT_EQ(std::count(with.columns.begin(), with.columns.end(), c), 1) << c;
        EXPECT_EQ(std::count(without.columns.begin(), without.columns.end(), c), 0) << c;
    }
    EXPECT_EQ(value(without, 0, "area_m2"), value(with, 0, "area_m2"));
    EXPECT_NEAR(value(without, 0, "area_m2"), 3600, 1e-9);
    EXPECT_EQ(value(without, 0, "image_coverage_share"), value(with, 0, "image_coverage_share"));
    for (const char* c : {"water_observed_share", "water_occurrence_mean", "permanent_water_m2",
                          "seasonal_water_m2", "observations_min"})
        EXPECT_EQ(value(without, 0, c), value(with, 0, c)) << c;

    // Nothing reads red then: products without it (a download of green, SWIR1 and QA only) do.
    for (const auto& m : mtl)
        std::filesystem::remove(m.substr(0, m.size() - 8) + "_SR_B4.TIF");  // <id>_MTL.txt
    const AssessmentResult no_red =
        run_assessment(load_project(dir.file("q.yaml"), builtin_families()));
    EXPECT_EQ(value(no_red, 0, "area_m2"), value(with, 0, "area_m2"));
    for (const char* c : {"water_occurrence_mean", "permanent_water_m2", "observations_min"})
        EXPECT_EQ(value(no_red, 0, c), value(with, 0, c)) << c;
    // With green on, the missing red band is named.
    try {
        run_assessment(load_project(dir.file("p.yaml"), builtin_families()));
        ADD_FAILURE() << "no error";
    } catch (const Error& e) {
        EXPECT_TRUE(contains(e.what(), "_SR_B4.TIF")) << e.what();
    }
}

TEST(Wetlands, PersistenceWithEveryDateMaskedIsEmptyWithAWarning) {
    // Two dates, every pixel cloudy (QA_PIXEL bit 3) on both: no observation anywhere. The
    // figures are empty (never 0), observations_min is 0, and a warning says why.
    test::TempDir dir;
    const std::string id = "LC08_L2SP_129050_20230101_20230110_02_T1";
    std::vector<std::string> mtl;
    for (int d = 0; d < 2; ++d) {
        const std::string folder = dir.file("date" + std::to_string(d));
        std::filesystem::create_directory(folder);
        mtl.push_back(test::write_c2_l2(folder, std::vector<double>(4, 10000),
                                        std::vector<double>(4, 20000), {8, 8, 8, 8}));
        for (const char* b : {"_SR_B3.TIF", "_SR_B6.TIF"})
            test::write_raster(folder + "/" + id + b,
                               test::utm_raster(2, 2, 30, std::vector<double>(4, 20000)));
    }
    test::LayerFixture zones;
    zones.crs = "EPSG:32647";
    zones.fields = {{"code", OFTString}};
    zones.features = {{test::rectangle(500000, 999940, 500060, 1000000), {"Z"}}};
    test::write_vector(dir.file("zones.gpkg"), "GPKG", {zones});
    test::write_text(dir.file("p.yaml"), series_project(mtl, "  persistence: {}\n"));
    const AssessmentResult r = run_assessment(load_project(dir.file("p.yaml"), builtin_families()));
    EXPECT_FALSE(r.metrics.value(0, "water_occurrence_mean"));
    EXPECT_TRUE(
        contains(r.metrics.cell(0, "water_occurrence_mean").reason, "no valid observation"));
    EXPECT_DOUBLE_EQ(value(r, 0, "observations_min"), 0);
    size_t said = 0;
    for (const auto& w : r.warnings)
        if (contains(w, "no valid observation in any zone on any date")) ++said;
    EXPECT_EQ(said, 1u);
}

TEST(Wetlands, LandCoverClassesGiveTypeShares) {
    // Columns 0-4 class 80, 5-9 class 90, 10-14 class 95, beyond 10 (trees). Default map (ESA
    // WorldCover): 80 open_water, 90 marsh, 95 mangrove. F (columns 0-14) is a third of each:
    // 10,000 m2 and share 1/3 per type, wetland share 1. E (15-19) and T (20-29) have none.
    const WetCity city("wetlands:\n  landcover:\n    source: lc.tif\n");
    city.write_grid("lc.tif", [](int c) { return c < 5 ? 80 : c < 10 ? 90 : c < 15 ? 95 : 10; });
    const AssessmentResult r = city.run();
    for (const char* type : {"open_water", "marsh", "mangrove"}) {
        EXPECT_DOUBLE_EQ(value(r, 0, std::string("wetland_area_m2_") + type), 10000) << type;
        EXPECT_DOUBLE_EQ(value(r, 0, std::string("wetland_share_") + type), 1.0 / 3) << type;
    }
    EXPECT_DOUBLE_EQ(value(r, 0, "wetland_share"), 1);
    EXPECT_DOUBLE_EQ(value(r, 0, "wetland_landcover_share"), 1);
    EXPECT_DOUBLE_EQ(value(r, 1, "wetland_share"), 0);
    EXPECT_DOUBLE_EQ(value(r, 2, "wetland_landcover_area_m2"), 0);
    EXPECT_EQ(r.metrics.cell(3, "wetland_share").reason, "zone outside the land-cover raster");
    // Every default class occurs: no warning about absent codes.
    for (const auto& w : r.warnings) EXPECT_FALSE(contains(w, "occur in no zone")) << w;

    // A project's own map: 90 not listed, so F's wetland is 80 and 95 only: 2/3.
    const WetCity own(
        "wetlands:\n  landcover:\n    source: lc.tif\n    classes: {80: open_water, 95: "
        "mangrove}\n");
    own.write_grid("lc.tif", [](int c) { return c < 5 ? 80 : c < 10 ? 90 : c < 15 ? 95 : 10; });
    const AssessmentResult o = own.run();
    EXPECT_DOUBLE_EQ(value(o, 0, "wetland_share"), 2.0 / 3);
    EXPECT_DOUBLE_EQ(value(o, 0, "wetland_share_marsh"), 0);

    // A code of the map that the raster does not have (a typo for 95, say) is named.
    const WetCity typo(
        "wetlands:\n  landcover:\n    source: lc.tif\n    classes: {80: open_water, "
        "59: mangrove}\n");
    typo.write_grid("lc.tif", [](int c) { return c < 5 ? 80 : c < 10 ? 90 : c < 15 ? 95 : 10; });
    size_t named = 0;
    for (const auto& w : typo.run().warnings)
        if (contains(w, "class code(s) 59 of wetlands.landcover.classes occur in no zone")) ++named;
    EXPECT_EQ(named, 1u);
}

TEST(Wetlands, BadInputIsOneLineNamingFileAndLine) {
    // The project's lines: 1-12 name, year, areas, zones (5 lines), imagery (4 lines); 13
    // "wetlands:", 14 "  water:", 15 green_band, 16 the threshold.
    const WetCity range("wetlands:\n  water:\n    green_band: 3\n    threshold: 1.5\n");
    const std::string e = load_error(range);
    EXPECT_EQ(e.rfind(range.project + ":16: ", 0), 0u) << e;
    EXPECT_TRUE(contains(e, "wetlands.water.threshold")) << e;
    EXPECT_TRUE(contains(e, "between -1 and 1")) << e;
    EXPECT_EQ(e.find('\n'), std::string::npos);
    // The executable: exit code 1, that one line, no output written.
    const auto cli = test::run_greengauge({"assess", range.project, "-o", range.out});
    EXPECT_EQ(cli.exit_code, 1);
    EXPECT_EQ(cli.err, "greengauge: error: " + e + "\n");
    EXPECT_FALSE(std::filesystem::exists(range.out + "/city.csv"));

    const WetCity sweep(
        "wetlands:\n  water:\n    green_band: 3\n    sensitivity_thresholds: [0, 2]\n");
    EXPECT_EQ(load_error(sweep).rfind(sweep.project + ":16: ", 0), 0u) << load_error(sweep);

    const WetCity type("wetlands:\n  types: [open_water, bog]\n  water: {green_band: 3}\n");
    EXPECT_TRUE(contains(load_error(type), ":14: unknown wetland type \"bog\""))
        << load_error(type);

    const WetCity mapped(
        "wetlands:\n  inventory:\n    source: wetlands.gpkg\n    type_field: kind\n"
        "    values: {river: lake}\n");
    EXPECT_TRUE(contains(load_error(mapped), ":17: \"lake\" is not one of wetlands.types"))
        << load_error(mapped);

    const WetCity no_green("wetlands:\n  water: {swir1_band: 4}\n");
    EXPECT_TRUE(contains(load_error(no_green), "wetlands.water.green_band\" is required"))
        << load_error(no_green);
}

}  // namespace
}  // namespace gg::assess
