// `assess` with green-space polygons: dissolved park areas, the union with imagery green (no
// square metre counted twice) and access within 300 m.
#include <gtest/gtest.h>

#include "gis/history_store.hpp"
#include "support/gdal_fixtures.hpp"
#include "support/run_command.hpp"

namespace gg::test {
namespace {

const std::string kData = GG_DATA_DIR;

size_t column(const Table& t, const std::string& name) {
    for (size_t c = 0; c < t.columns.size(); ++c)
        if (t.columns[c].name == name) return c;
    ADD_FAILURE() << "no column " << name;
    return 0;
}

// A number, whether the column is real or integer (0/1 flags, counts).
double value(const Table& t, size_t row, const std::string& name) {
    const Cell& cell = t.rows[row][column(t, name)];
    if (const auto* i = std::get_if<int64_t>(&cell)) return static_cast<double>(*i);
    return std::get<double>(cell);
}

TEST(AssessGreenSpaces, PolygonsAndImageryAreUnitedNotAdded) {
    // UTM 47N, an image of 10 x 10 pixels of 10 m from (500000, 1500100): the left half
    // (x < 500050) is green (red 10, NIR 30: NDVI 0.5), the right half is not (red = NIR).
    // Parks: P1 x 500010..500030 (inside the green half: 400 m2, already counted by imagery),
    // P2 x 500060..500080 and P3 x 500070..500090 overlapping (union 30 x 20 = 600 m2, in the
    // non-green half), all y 1500040..1500060. One zone covering everything (10,000 m2):
    // imagery green 5000, polygons 400 + 600 = 1000, combined 5000 + 600 = 5600 m2: plane m2,
    // so the project says `areas: planar` (the union is what is under test).
    TempDir dir;
    RasterFixture image;
    image.crs = "EPSG:32647";
    image.geotransform = {500000, 10, 0, 1500100, 0, -10};
    image.cols = image.rows = 10;
    image.bands = 2;
    for (int b = 0; b < 2; ++b)
        for (int r = 0; r < 10; ++r)
            for (int c = 0; c < 10; ++c) image.values.push_back(b == 0 ? 10 : (c < 5 ? 30 : 10));
    write_raster(dir.file("image.tif"), image);
    LayerFixture zones;
    zones.crs = "EPSG:32647";
    zones.fields = {{"code", OFTString}};
    zones.features = {
        {"POLYGON ((500000 1500000,500100 1500000,500100 1500100,500000 1500100,"
         "500000 1500000))",
         {"Z"}}};
    write_vector(dir.file("zones.gpkg"), "GPKG", {zones});
    LayerFixture parks;
    parks.crs = "EPSG:32647";
    parks.fields = {{"public", OFTString}};
    auto square = [](int x0, int x1) {
        const std::string a = std::to_string(x0), b = std::to_string(x1);
        return "POLYGON ((" + a + " 1500040," + b + " 1500040," + b + " 1500060," + a +
               " 1500060," + a + " 1500040))";
    };
    parks.features = {{square(500010, 500030), {"yes"}},
                      {square(500060, 500080), {"yes"}},
                      {square(500070, 500090), {"yes"}}};
    write_vector(dir.file("parks.gpkg"), "GPKG", {parks});
    write_text(dir.file("p.yaml"),
               "name: t\nareas: planar\nzones:\n  source: zones.gpkg\n  id_field: code\nimagery:\n"
               "  source: image.tif\n  red_band: 1\n  nir_band: 2\ngreen_spaces:\n"
               "  source: parks.gpkg\n  public_field: public\naccess:\n  min_area_m2: 0\n");
    const auto r = run_greengauge({"assess", dir.file("p.yaml"), "-o", dir.file("out")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const Table t = read_table(dir.file("out/t.gpkg"), "zones");
    EXPECT_NEAR(value(t, 0, "green_area_m2"), 5000, 1e-6);
    EXPECT_NEAR(value(t, 0, "green_polygon_area_m2"), 1000, 1e-6);
    EXPECT_NEAR(value(t, 0, "public_green_area_m2"), 1000, 1e-6);
    EXPECT_NEAR(value(t, 0, "green_combined_area_m2"), 5600, 1e-6);
    // Every point of the 100 m zone is within 300 m of a park: all residents have access.
    EXPECT_NEAR(value(t, 0, "pop_within_300m_share"), 1.0, 1e-12);
    EXPECT_EQ(value(t, 0, "access_300_met"), 1.0);

    // The same with a population raster (1 person per 10 m pixel, same grid): 100 people, all
    // within 300 m of a park.
    RasterFixture pop = image;
    pop.bands = 1;
    pop.type = GDT_Float32;
    pop.values.assign(100, 1.0);
    write_raster(dir.file("pop.tif"), pop);
    std::string project = read_text(dir.file("p.yaml"));
    project.insert(project.find("imagery:"), "  population_raster: pop.tif\n");
    write_text(dir.file("p.yaml"), project);
    const auto with_raster = run_greengauge({"assess", dir.file("p.yaml"), "-o", dir.file("out2")});
    ASSERT_EQ(with_raster.exit_code, 0) << with_raster.err;
    const Table t2 = read_table(dir.file("out2/t.gpkg"), "zones");
    EXPECT_NEAR(value(t2, 0, "population"), 100.0, 1e-9);
    EXPECT_NEAR(value(t2, 0, "pop_within_300m_share"), 1.0, 1e-12);
    EXPECT_NEAR(value(t2, 0, "green_combined_m2_per_capita"), 56.0, 1e-9);
}

TEST(AssessGreenSpaces, OlindaPolygonsDerivedFromTheImageAddNothingToIt) {
    // data/olinda/green_spaces.gpkg is the NDVI >= 0.3 pixels of the same image, vectorised
    // (scripts/make-olinda-green-polygons.py): the union of polygon and imagery green is the
    // imagery green itself, zone by zone, and the polygons never exceed it. The polygons are
    // measured geodesically, the pixels by the areal scale at their centres: they agree to 1e-6
    // relative, and to ~1e-6 m2 on the slivers of a few m2 (geod_polygonarea's own rounding
    // there; observed 4e-6 m2 at most).
    TempDir dir;
    const auto r = run_greengauge({"assess", kData + "/demo/olinda.yaml", "-o", dir.file("out")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const Table t = read_table(dir.file("out/olinda.gpkg"), "zones");
    ASSERT_EQ(t.rows.size(), 470u);
    for (size_t z = 0; z < t.rows.size(); ++z) {
        const double green = value(t, z, "green_area_m2");
        EXPECT_NEAR(value(t, z, "green_combined_area_m2"), green, 1e-6 * green + 1e-5) << z;
        EXPECT_LE(value(t, z, "green_polygon_area_m2"), green * (1 + 1e-6) + 1e-5) << z;
        const double share = value(t, z, "pop_within_300m_share");
        EXPECT_GE(share, 0.0);
        EXPECT_LE(share, 1.0);
    }
}

}  // namespace
}  // namespace gg::test
