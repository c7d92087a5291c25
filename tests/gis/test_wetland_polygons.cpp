// The wetland inventory reader: types by precedence, repairs counted, values not mapped, and
// ellipsoidal areas per zone. Expected values are worked out in the comments.
#include "gis/wetland_polygons.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "core/error.hpp"
#include "gis/raster_source.hpp"
#include "support/gdal_fixtures.hpp"
#include "support/run_command.hpp"

namespace gg {
namespace {

// A planar m2 of UTM 47N at x ~ 600,000-600,300, y ~ 1,500,000 is 1 / k^2 = 1.0005526 ground m2:
// k = 0.9996 (1 + E^2 / (2 R^2)), E = 100,100 / 0.9996 m from the central meridian, R = 6,359,091
// m (sqrt(M N) on WGS 84 at 13.56 N).
constexpr double kGround = 1.0005526;

std::string rect(double x0, double y0, double x1, double y1) {
    auto p = [](double x, double y) {
        return std::to_string(600000 + x) + " " + std::to_string(1500000 + y);
    };
    return "POLYGON ((" + p(x0, y0) + "," + p(x1, y0) + "," + p(x1, y1) + "," + p(x0, y1) + "," +
           p(x0, y0) + "))";
}

std::string utm47() {
    OGRSpatialReference srs;
    srs.importFromEPSG(32647);
    char* wkt = nullptr;
    srs.exportToWkt(&wkt);
    std::string out = wkt;
    CPLFree(wkt);
    return out;
}

TEST(WetlandPolygons, OverlapsGoToTheFirstTypeRepairsAreCountedUnmappedValuesListed) {
    // A "marsh" 0..100 x 0..100 and B "water" 50..150 x 0..100 overlap on 50..100: 5,000 m2.
    // C "marsh" is a bow-tie 200..300 x 0..100 (invalid): make-valid gives two triangles of
    // 2,500 m2. D "peat" (not mapped) 300..350 x 0..100: 5,000 m2, counted as other.
    test::TempDir dir;
    test::LayerFixture layer;
    layer.name = "inventory";
    layer.crs = "EPSG:32647";
    layer.fields = {{"kind", OFTString}};
    const std::string bowtie =
        "POLYGON ((600200 1500000,600300 1500100,600300 1500000,"
        "600200 1500100,600200 1500000))";
    layer.features = {{rect(0, 0, 100, 100), {"Marsh"}},
                      {rect(50, 0, 150, 100), {"water"}},
                      {bowtie, {"marsh"}},
                      {rect(300, 0, 350, 100), {"peat"}}};
    test::write_vector(dir.file("w.gpkg"), "GPKG", {layer});

    WetlandLayerSpec spec;
    spec.path = dir.file("w.gpkg");
    spec.type_field = "kind";
    spec.mapping.types = {"open_water", "marsh", "other"};
    spec.mapping.values = {{"water", "open_water"}, {"marsh", "marsh"}};
    const std::string crs = utm47();
    const WetlandLayer w = read_wetland_layer(spec, crs);
    EXPECT_EQ(w.features_kept, 4u);
    EXPECT_EQ(w.repaired_count, 1);
    EXPECT_EQ(w.features_by_type, (std::vector<size_t>{1, 2, 1}));
    ASSERT_EQ(w.unmapped.size(), 1u);
    EXPECT_EQ(w.unmapped.at("peat"), 1u);
    bool listed = false, repaired = false;
    for (const auto& line : w.warnings) {
        listed = listed || line.find("\"peat\" (1 feature)") != std::string::npos;
        repaired = repaired || line.find("1 invalid geometry repaired") != std::string::npos;
    }
    EXPECT_TRUE(listed);
    EXPECT_TRUE(repaired);
    // Planar areas of the types: open_water = B = 10,000; marsh = A minus B (5,000) + the
    // bow-tie (5,000) = 10,000; other = D = 5,000. No m2 twice: 25,000 = A u B u C u D.
    EXPECT_NEAR(planar_area(w.by_type[0]), 10000, 1e-6);
    EXPECT_NEAR(planar_area(w.by_type[1]), 10000, 1e-6);
    EXPECT_NEAR(planar_area(w.by_type[2]), 5000, 1e-6);

    // One zone 0..400 x 0..100 (40,000 m2) and one 0..100 x 0..50 (the south half of A, of which
    // 50..100 is B's: 2,500 open water and 2,500 marsh).
    MultiPolygon whole, half;
    whole.parts.push_back(
        {{{600000, 1500000}, {600400, 1500000}, {600400, 1500100}, {600000, 1500100}}, {}});
    half.parts.push_back(
        {{{600000, 1500000}, {600100, 1500000}, {600100, 1500050}, {600000, 1500050}}, {}});
    const auto z = wetland_polygons_per_zone(w, {whole, half}, crs, AreaConvention::Ellipsoidal);
    ASSERT_EQ(z.size(), 2u);
    // Ellipsoidal: planar x 1.0005526 (0.05 m2 on 10,000 tells it from the planar 10,000).
    EXPECT_NEAR(z[0].type_m2[0], 10000 * kGround, 0.05);
    EXPECT_NEAR(z[0].type_m2[1], 10000 * kGround, 0.05);
    EXPECT_NEAR(z[0].type_m2[2], 5000 * kGround, 0.03);
    EXPECT_NEAR(z[0].zone_area_m2, 40000 * kGround, 0.2);
    // The zone minus the inventory: 40,000 - 25,000 = 15,000 planar.
    EXPECT_NEAR(planar_area(z[0].zone_outside), 15000, 1e-6);
    EXPECT_NEAR(z[1].type_m2[0], 2500 * kGround, 0.02);
    EXPECT_NEAR(z[1].type_m2[1], 2500 * kGround, 0.02);
    EXPECT_TRUE(z[1].zone_outside.empty() || planar_area(z[1].zone_outside) < 1e-6);
}

TEST(WetlandPolygons, AMissingTypeFieldIsAnErrorListingTheFields) {
    test::TempDir dir;
    test::LayerFixture layer;
    layer.name = "inventory";
    layer.crs = "EPSG:32647";
    layer.fields = {{"kind", OFTString}};
    layer.features = {{rect(0, 0, 100, 100), {"marsh"}}};
    test::write_vector(dir.file("w.gpkg"), "GPKG", {layer});
    WetlandLayerSpec spec;
    spec.path = dir.file("w.gpkg");
    spec.type_field = "tipo";
    spec.mapping.types = {"marsh", "other"};
    try {
        read_wetland_layer(spec, utm47());
        FAIL() << "no error";
    } catch (const Error& e) {
        const std::string m = e.what();
        EXPECT_NE(m.find("tipo"), std::string::npos) << m;
        EXPECT_NE(m.find("kind"), std::string::npos) << m;
    }
}

std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(WetlandPolygons, OlindaDemoInventoryIsReproducibleAndReadable) {
    // data/olinda/wetlands.gpkg is derived, not fetched: re-running its script must give the same
    // bytes (Debian 12's GDAL), and it must read as one type in the image's CRS.
    const std::string data = GG_DATA_DIR;
    const std::string committed = data + "/olinda/wetlands.gpkg";
    test::TempDir dir;
    const std::string rebuilt = dir.file("wetlands.gpkg");
    std::string cmd = "/usr/bin/python3 '";
    cmd.append(data).append("/../scripts/make-olinda-wetlands.py' '").append(data);
    cmd.append("/olinda/L7_ETMs.tif' '").append(rebuilt).append("' > /dev/null 2>&1");
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    EXPECT_EQ(file_bytes(rebuilt), file_bytes(committed))
        << "re-run scripts/make-olinda-wetlands.py and commit data/olinda/wetlands.gpkg";

    const std::string crs = RasterSource::open(data + "/olinda/L7_ETMs.tif").info().crs_wkt;
    WetlandLayerSpec spec;
    spec.path = committed;
    spec.type_field = "tipo";
    spec.mapping.types = {"open_water", "other"};
    spec.mapping.values = {{"agua", "open_water"}};
    const WetlandLayer w = read_wetland_layer(spec, crs);
    EXPECT_EQ(w.features_kept, 31u);  // the script's own count
    EXPECT_EQ(w.repaired_count, 0);
    EXPECT_TRUE(w.unmapped.empty());
    // 18.159 km2 as the script printed, a whole number of 28.5 m pixels (812.25 m2 each: 22,357
    // of them; 1e-5 of a pixel for the rounding of sums over 31 polygons at UTM coordinates).
    const double area = planar_area(w.by_type[0]);
    EXPECT_NEAR(area, 18.159e6, 0.0005e6);
    EXPECT_NEAR(area / 812.25, std::round(area / 812.25), 1e-5);
}

}  // namespace
}  // namespace gg
