// `assess` with a population raster: people per zone summed with exact coverage fractions.
#include <gtest/gtest.h>

#include <filesystem>

#include "gis/history_store.hpp"
#include "support/gdal_fixtures.hpp"
#include "support/run_command.hpp"

namespace gg::test {
namespace {

namespace fs = std::filesystem;

// In UTM 47N (EPSG:32647): an image of 20 x 20 pixels of 10 m from (500000, 1500200) with
// red 10 and NIR 30 everywhere (NDVI 0.5: all green), and a population raster of 5 x 5 pixels of
// 20 m from (500000, 1500100) with 100 people per pixel (0.25 people per m2).
// Zone A: x 500000..500050, y 1500000..1500050: 2500 m2 inside the population raster, which cuts
// its 20 m pixels at x = 500050 (a half pixel): exactly 2500 * 0.25 = 625 people.
// Zone B: x 500080..500120, y 1500000..1500040: half of it (x < 500100) is covered,
// 800 m2 * 0.25 = 200 people, covered share 0.5.
struct Fixture {
    TempDir dir;
    Fixture() {
        RasterFixture image;
        image.crs = "EPSG:32647";
        image.geotransform = {500000, 10, 0, 1500200, 0, -10};
        image.cols = image.rows = 20;
        image.bands = 2;
        image.values.assign(400, 10.0);
        image.values.insert(image.values.end(), 400, 30.0);
        write_raster(dir.file("image.tif"), image);
        RasterFixture pop;
        pop.crs = "EPSG:32647";
        pop.geotransform = {500000, 20, 0, 1500100, 0, -20};
        pop.cols = pop.rows = 5;
        pop.type = GDT_Float32;
        pop.values.assign(25, 100.0);
        write_raster(dir.file("pop.tif"), pop);
        LayerFixture zones;
        zones.crs = "EPSG:32647";
        zones.fields = {{"code", OFTString}};
        zones.features = {{"POLYGON ((500000 1500000,500050 1500000,500050 1500050,500000 1500050,"
                           "500000 1500000))",
                           {"A"}},
                          {"POLYGON ((500080 1500000,500120 1500000,500120 1500040,500080 1500040,"
                           "500080 1500000))",
                           {"B"}}};
        write_vector(dir.file("zones.gpkg"), "GPKG", {zones});
    }
    std::string project(const std::string& extra = "") const {
        write_text(dir.file("p.yaml"),
                   "name: t\nzones:\n  source: zones.gpkg\n  id_field: code\n"
                   "  population_raster: pop.tif\n" +
                       extra + "imagery:\n  source: image.tif\n  red_band: 1\n  nir_band: 2\n");
        return dir.file("p.yaml");
    }
};

double cell(const Table& t, size_t row, const std::string& column) {
    for (size_t c = 0; c < t.columns.size(); ++c)
        if (t.columns[c].name == column) return std::get<double>(t.rows[row][c]);
    ADD_FAILURE() << "no column " << column;
    return 0;
}

TEST(AssessPopulation, RasterPeopleAreSharedByExactCoverage) {
    Fixture f;
    const auto r = run_greengauge({"assess", f.project(), "-o", f.dir.file("out")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("not fully covered by valid population pixels"), std::string::npos)
        << r.err;
    const Table t = read_table(f.dir.file("out/t.gpkg"), "zones");
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_NEAR(cell(t, 0, "population"), 625.0, 1e-9);
    // Pixel areas (the areal scale on a lattice) and the zone's geodesic area agree to ~1e-10.
    EXPECT_NEAR(cell(t, 0, "population_covered_share"), 1.0, 1e-9);
    EXPECT_NEAR(cell(t, 1, "population"), 200.0, 1e-9);
    EXPECT_NEAR(cell(t, 1, "population_covered_share"), 0.5, 1e-9);
    // All of zone A is green (NDVI 0.5): 2500 plane m2 / 625 people = 4 m2 per person, on the
    // ground 4 / k0^2 with UTM's scale k0 = 0.9996 on its central meridian (x = 500000; Snyder
    // 1987, USGS PP 1395, ch. 8).
    EXPECT_NEAR(cell(t, 0, "green_m2_per_capita"), 4.0 / (0.9996 * 0.9996), 1e-9);
}

TEST(AssessPopulation, FieldAndRasterTogetherAreRejected) {
    Fixture f;
    const auto r = run_greengauge(
        {"assess", f.project("  population_field: code\n"), "-o", f.dir.file("out")});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("either zones.population_field or zones.population_raster"),
              std::string::npos)
        << r.err;
}

// A negative count of residents is an error in the data: it passed with "population of 0 or
// none" as a zone without per-capita figures. Field and raster both name the file and the zone.
TEST(AssessPopulation, NegativePopulationIsAnErrorNamingTheZone) {
    Fixture f;
    LayerFixture zones;
    zones.crs = "EPSG:32647";
    zones.fields = {{"code", OFTString}, {"residents", OFTInteger}};
    zones.features = {{"POLYGON ((500000 1500000,500050 1500000,500050 1500050,500000 1500050,"
                       "500000 1500000))",
                       {"A", "10"}},
                      {"POLYGON ((500080 1500000,500120 1500000,500120 1500040,500080 1500040,"
                       "500080 1500000))",
                       {"B", "-5"}}};
    write_vector(f.dir.file("counted.gpkg"), "GPKG", {zones});
    write_text(f.dir.file("field.yaml"),
               "name: t\nzones:\n  source: counted.gpkg\n  id_field: code\n"
               "  population_field: residents\n"
               "imagery:\n  source: image.tif\n  red_band: 1\n  nir_band: 2\n");
    const auto field = run_greengauge({"assess", f.dir.file("field.yaml"), "-o", f.dir.file("o1")});
    EXPECT_EQ(field.exit_code, 1);
    EXPECT_EQ(field.err, "greengauge: error: " + f.dir.file("counted.gpkg") +
                             ": zone B has a negative population (-5 in field residents)\n");
    EXPECT_FALSE(fs::exists(f.dir.file("o1")));

    // Row 4, column 0 of the 20 m population raster (x 500000..500020, y 1500000..1500020) lies
    // in zone A.
    RasterFixture pop;
    pop.crs = "EPSG:32647";
    pop.geotransform = {500000, 20, 0, 1500100, 0, -20};
    pop.cols = pop.rows = 5;
    pop.type = GDT_Float32;
    pop.values.assign(25, 100.0);
    pop.values[20] = -3;
    write_raster(f.dir.file("pop.tif"), pop);
    const auto raster = run_greengauge({"assess", f.project(), "-o", f.dir.file("o2")});
    EXPECT_EQ(raster.exit_code, 1);
    EXPECT_EQ(raster.err, "greengauge: error: " + f.dir.file("pop.tif") +
                              ": negative people per pixel (-3) in zone A; declare the raster's "
                              "nodata value if it is one\n");
    EXPECT_FALSE(fs::exists(f.dir.file("o2")));
}

}  // namespace
}  // namespace gg::test
