// read_zones against the Olinda census tracts and small vector layers written per test.
// Expected Olinda values come from ogrinfo / ogr2ogr / gdaltransform runs (GDAL 3.6.2, PROJ 9.1.1)
// quoted next to each check.
#include "gis/zone_reader.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <functional>
#include <set>

#include "core/error.hpp"
#include "gis/raster_source.hpp"
#include "support/gdal_fixtures.hpp"
#include "support/run_command.hpp"

namespace {

const std::string kOlindaShp = std::string(GG_DATA_DIR) + "/olinda/olinda1.shp";
const std::string kOlindaTif = std::string(GG_DATA_DIR) + "/olinda/L7_ETMs.tif";

std::string olinda_crs() {
    return gg::RasterSource::open(kOlindaTif).info().crs_wkt;
}

void expect_error(const std::function<void()>& f, const std::string& file,
                  const std::string& phrase) {
    testing::internal::CaptureStderr();
    std::string message;
    try {
        f();
    } catch (const gg::Error& e) {
        message = e.what();
    }
    EXPECT_EQ(testing::internal::GetCapturedStderr(), "");  // no GDAL noise
    ASSERT_FALSE(message.empty()) << "no gg::Error thrown, expected: " << phrase;
    EXPECT_NE(message.find(file), std::string::npos) << message;
    EXPECT_NE(message.find(phrase), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
}

double area(const gg::MultiPolygon& g) {
    double a = 0;
    for (const auto& p : g.parts) {
        a += std::abs(gg::signed_area(p.exterior));
        for (const auto& h : p.holes) a -= std::abs(gg::signed_area(h));
    }
    return a;
}

// Distance from q to the closed ring's boundary.
double distance_to_ring(const gg::Ring& ring, gg::Point q) {
    double best = INFINITY;
    for (size_t i = 0; i < ring.size(); ++i) {
        const gg::Point a = ring[i], b = ring[(i + 1) % ring.size()];
        const double dx = b.x - a.x, dy = b.y - a.y;
        double t = ((q.x - a.x) * dx + (q.y - a.y) * dy) / (dx * dx + dy * dy);
        t = std::clamp(t, 0.0, 1.0);
        best = std::min(best, std::hypot(a.x + t * dx - q.x, a.y + t * dy - q.y));
    }
    return best;
}

const gg::Zone& zone(const gg::ZoneSet& set, const std::string& id) {
    for (const auto& z : set.zones)
        if (z.id == id) return z;
    throw std::runtime_error("no zone " + id);
}

TEST(ZoneReader, OlindaTracts) {
    const gg::ZoneSet set =
        gg::read_zones({kOlindaShp, "", "CD_GEOCODI", "NM_BAIR", "V014", {}}, olinda_crs());
    // ogrinfo -dialect sqlite -sql "select count(*), sum(V014), count(distinct CD_GEOCODI),
    //   sum(not st_isvalid(geometry)) from olinda1"  ->  470, 377779, 470, 0
    ASSERT_EQ(set.zones.size(), 470u);
    EXPECT_EQ(set.layer_name, "olinda1");
    EXPECT_EQ(set.id_field, "CD_GEOCODI");
    EXPECT_FALSE(set.id_is_integer);  // CD_GEOCODI is a String field
    EXPECT_EQ(set.repaired_count, 0);
    EXPECT_TRUE(set.warnings.empty());
    EXPECT_EQ(set.source_crs_wkt.rfind("GEOGCRS[", 0), 0u) << set.source_crs_wkt;
    double population = 0;
    std::set<std::string> ids;
    for (const auto& z : set.zones) {
        ASSERT_TRUE(z.population.has_value());
        population += *z.population;
        ids.insert(z.id);
        EXPECT_EQ(z.id.size(), 15u) << z.id;
        EXPECT_EQ(z.id.rfind("2609600050", 0), 0u) << z.id;  // Olinda's municipality code
        EXPECT_FALSE(z.repaired);
        EXPECT_EQ(z.geometry.parts.size(), 1u);
    }
    EXPECT_EQ(population, 377779.0);
    EXPECT_EQ(ids.size(), 470u);
    // ogrinfo -fid 0: CD_GEOCODI 260960005000001, NM_BAIR Ouro Preto, V014 1119.
    const gg::Zone& first = set.zones.front();
    EXPECT_EQ(first.id, "260960005000001");
    EXPECT_EQ(first.name, "Ouro Preto");
    EXPECT_EQ(first.population, 1119.0);
}

TEST(ZoneReader, OlindaGeometryInRasterCrs) {
    const gg::ZoneSet set =
        gg::read_zones({kOlindaShp, "", "CD_GEOCODI", "", "", {}}, olinda_crs());
    // ogr2ogr -t_srs EPSG:31985 then ogrinfo -so: Extent (288712.176331, 9110320.223283) -
    // (298526.026846, 9120257.042259). Three tracts reach past the raster's west/south edge
    // (ogrinfo sqlite on that output), so "inside" is checked per tract.
    gg::Box all;
    const gg::Box raster{288776.25, 9110728.75, 298722.75, 9120760.75};  // gdalinfo corners
    int inside = 0;
    double total_area = 0;
    for (const auto& z : set.zones) {
        const gg::Box b = gg::bounds(z.geometry);
        all.expand({b.xmin, b.ymin});
        all.expand({b.xmax, b.ymax});
        EXPECT_TRUE(b.intersects(raster)) << z.id;
        inside += b.xmin >= raster.xmin && b.xmax <= raster.xmax && b.ymin >= raster.ymin &&
                  b.ymax <= raster.ymax;
        total_area += area(z.geometry);
    }
    EXPECT_EQ(inside, 467);
    EXPECT_NEAR(all.xmin, 288712.176331, 0.01);
    EXPECT_NEAR(all.ymin, 9110320.223283, 0.01);
    EXPECT_NEAR(all.xmax, 298526.026846, 0.01);
    EXPECT_NEAR(all.ymax, 9120257.042259, 0.01);
    // sum(st_area(geom)) of the ogr2ogr output: 41691721.1755 m2 (tract 260960005000001:
    // 92980.5543 m2); densified edges move it by far less than 1e-6.
    EXPECT_NEAR(total_area / 41691721.1755058, 1.0, 1e-6);
    EXPECT_NEAR(area(zone(set, "260960005000001").geometry) / 92980.5543218367, 1.0, 1e-6);
}

TEST(ZoneReader, OlindaSourceWkbIsTheLayerGeometry) {
    const gg::ZoneSet set =
        gg::read_zones({kOlindaShp, "", "CD_GEOCODI", "", "", {}}, olinda_crs());
    const gg::Zone& z = set.zones.front();
    ASSERT_FALSE(z.source_wkb.empty());
    EXPECT_EQ(z.source_wkb[0], 1);  // little-endian
    OGRGeometry* raw = nullptr;
    ASSERT_EQ(
        OGRGeometryFactory::createFromWkb(z.source_wkb.data(), nullptr, &raw, z.source_wkb.size()),
        OGRERR_NONE);
    std::unique_ptr<OGRGeometry> g(raw);
    ASSERT_EQ(wkbFlatten(g->getGeometryType()), wkbMultiPolygon);
    const OGRPolygon* p = g->toMultiPolygon()->getGeometryRef(0);
    // ogrinfo -fid 0: POLYGON ((-34.864063 -7.992488, ...)), st_npoints 27.
    EXPECT_EQ(p->getExteriorRing()->getNumPoints(), 27);
    EXPECT_DOUBLE_EQ(p->getExteriorRing()->getX(0), -34.864063);
    EXPECT_DOUBLE_EQ(p->getExteriorRing()->getY(0), -7.992488);
}

TEST(ZoneReader, FidAndRealIdsAreIntegersAsText) {
    const gg::ZoneSet by_fid = gg::read_zones({kOlindaShp, "", "", "", "", {}}, olinda_crs());
    EXPECT_TRUE(by_fid.id_is_integer);
    EXPECT_EQ(by_fid.zones.front().id, "0");
    EXPECT_EQ(by_fid.zones.back().id, "469");
    EXPECT_FALSE(by_fid.zones.front().population.has_value());
    EXPECT_EQ(by_fid.zones.front().name, "");

    // ID is Real (24.15) with integral values (ogrinfo: ID (Real) = 28801.000000000000000);
    // a numeric Real field is also accepted as population.
    const gg::ZoneSet by_real = gg::read_zones({kOlindaShp, "", "ID", "", "ID", {}}, olinda_crs());
    EXPECT_FALSE(by_real.id_is_integer);
    EXPECT_EQ(by_real.zones.front().id, "28801");
    EXPECT_EQ(by_real.zones.front().population, 28801.0);
    for (const auto& z : by_real.zones) EXPECT_EQ(z.id.find('.'), std::string::npos) << z.id;
}

TEST(ZoneReader, AxisOrderOfGeographicSourceIsLonLat) {
    // A GeoPackage in EPSG:4326, whose official axis order is lat/lon. The vertex lon -34.87,
    // lat -7.99 in EPSG:31985 is (293887.08268767, 9116340.00884459) by
    // `echo "-34.87 -7.99" | gdaltransform -s_srs EPSG:4326 -t_srs EPSG:31985`, and the same to
    // the mm by `cs2cs +proj=longlat +ellps=GRS80 +to +proj=utm +zone=25 +south +ellps=GRS80`.
    // Swapped axes would give (2809912, 5841829) (cs2cs EPSG:4326 EPSG:31985 reads lat first).
    gg::test::TempDir dir;
    gg::test::LayerFixture layer;
    layer.crs = "EPSG:4326";
    layer.geometry_type = wkbPolygon;
    layer.features = {{"POLYGON ((-34.87 -7.99,-34.8695 -7.99,-34.87 -7.9895,-34.87 -7.99))", {}}};
    gg::test::write_vector(dir.file("point.gpkg"), "GPKG", {layer});
    const gg::ZoneSet set =
        gg::read_zones({dir.file("point.gpkg"), "", "", "", "", {}}, olinda_crs());
    ASSERT_EQ(set.zones.size(), 1u);
    const gg::Ring& ring = set.zones[0].geometry.parts.at(0).exterior;
    ASSERT_EQ(ring.size(), 3u);  // closing vertex dropped, short edges not densified
    EXPECT_NEAR(ring[0].x, 293887.08268767, 1e-3);
    EXPECT_NEAR(ring[0].y, 9116340.00884459, 1e-3);
}

TEST(ZoneReader, AxisOrderOfGeographicTargetIsLonLat) {
    // The reverse: a UTM 25S layer read into EPSG:4326 (authority order lat/lon) must still give
    // x = lon, y = lat. The vertex is the gdaltransform output of the previous test.
    gg::test::TempDir dir;
    gg::test::LayerFixture layer;
    layer.crs = "EPSG:31985";
    layer.features = {
        {"POLYGON ((293887.08268767 9116340.00884459,293897 9116340,293887 9116350,"
         "293887.08268767 9116340.00884459))",
         {}}};
    gg::test::write_vector(dir.file("utm.gpkg"), "GPKG", {layer});
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    char* wkt = nullptr;
    wgs84.exportToWkt(&wkt);
    const std::string target = wkt;
    CPLFree(wkt);
    const gg::ZoneSet set = gg::read_zones({dir.file("utm.gpkg"), "", "", "", "", {}}, target);
    const gg::Ring& ring = set.zones.at(0).geometry.parts.at(0).exterior;
    EXPECT_NEAR(ring.at(0).x, -34.87, 1e-9);
    EXPECT_NEAR(ring.at(0).y, -7.99, 1e-9);
}

TEST(ZoneReader, LongGeographicEdgesAreDensified) {
    // A 1 x 1 degree SIRGAS 2000 (EPSG:4674) square in UTM 25S. The parallel lat -8 is curved
    // there: gdaltransform puts (-34.5, -8) at (334682.942721, 9115400.927174), 34 m off the
    // straight chord between the transformed corners (-35 -8) -> (279558.298454, 9115166.526033)
    // and (-34 -8) -> (389795.397922, 9115568.293537).
    gg::test::TempDir dir;
    gg::test::LayerFixture layer;
    layer.crs = "EPSG:4674";
    layer.features = {{"POLYGON ((-35 -8,-34 -8,-34 -7,-35 -7,-35 -8))", {}}};
    gg::test::write_vector(dir.file("square.gpkg"), "GPKG", {layer});
    const gg::ZoneSet set =
        gg::read_zones({dir.file("square.gpkg"), "", "", "", "", {}}, olinda_crs());
    const gg::Ring& ring = set.zones.at(0).geometry.parts.at(0).exterior;
    EXPECT_GE(ring.size(), 4000u);  // ~1000 pieces per edge at 0.001 degree
    EXPECT_NEAR(ring[0].x, 279558.298454, 1e-3);
    EXPECT_NEAR(ring[0].y, 9115166.526033, 1e-3);
    EXPECT_LT(distance_to_ring(ring, {334682.942721, 9115400.927174}), 0.01);
    EXPECT_LT(distance_to_ring(ring, {389795.397922, 9115568.293537}), 1e-3);
}

TEST(ZoneReader, InvalidGeometriesAreRepairedAndCounted) {
    gg::test::TempDir dir;
    gg::test::LayerFixture layer;
    layer.crs = "EPSG:32647";
    layer.fields = {{"code", OFTInteger}, {"pop", OFTInteger}};
    layer.features = {
        {"POLYGON ((0 0,1 0,1 1,0 1,0 0))", {"1", "10"}},
        // Bow-tie: self-intersects at (1 1); make-valid gives two triangles of area 1 each.
        {"POLYGON ((0 0,2 2,2 0,0 2,0 0))", {"2", ""}},
        {"GEOMETRYCOLLECTION (POLYGON ((10 10,11 10,11 11,10 11,10 10)),LINESTRING (0 0,5 5))",
         {"3", "30"}},
        {"POLYGON ((20 20,30 20,30 30,20 30,20 20),(22 22,24 22,24 24,22 24,22 22))", {"4", "40"}},
        {"", {"5", "50"}},
    };
    gg::test::write_vector(dir.file("zones.gpkg"), "GPKG", {layer});
    // Same CRS as the layer: coordinates come through untouched.
    const gg::ZoneSet set =
        gg::read_zones({dir.file("zones.gpkg"), "", "code", "", "pop", {}}, "EPSG:32647");
    ASSERT_EQ(set.zones.size(), 5u);
    EXPECT_TRUE(set.id_is_integer);
    EXPECT_EQ(set.repaired_count, 1);

    const gg::Zone& bowtie = zone(set, "2");
    EXPECT_TRUE(bowtie.repaired);
    EXPECT_FALSE(bowtie.population.has_value());  // null value
    EXPECT_EQ(bowtie.geometry.parts.size(), 2u);
    EXPECT_DOUBLE_EQ(area(bowtie.geometry), 2.0);
    OGRGeometry* raw = nullptr;
    OGRGeometryFactory::createFromWkb(bowtie.source_wkb.data(), nullptr, &raw,
                                      bowtie.source_wkb.size());
    std::unique_ptr<OGRGeometry> src(raw);
    ASSERT_TRUE(src);
    EXPECT_TRUE(src->IsValid());
    EXPECT_DOUBLE_EQ(src->toMultiPolygon()->get_Area(), 2.0);

    const gg::Zone& square = zone(set, "1");
    EXPECT_FALSE(square.repaired);
    EXPECT_EQ(square.population, 10.0);
    EXPECT_EQ(square.geometry.parts.at(0).exterior.size(), 4u);
    EXPECT_DOUBLE_EQ(square.geometry.parts[0].exterior[1].x, 1.0);

    const gg::Zone& mixed = zone(set, "3");  // the line is dropped, the polygon kept
    EXPECT_FALSE(mixed.repaired);
    EXPECT_DOUBLE_EQ(area(mixed.geometry), 1.0);

    const gg::Zone& holed = zone(set, "4");
    ASSERT_EQ(holed.geometry.parts.size(), 1u);
    EXPECT_EQ(holed.geometry.parts[0].holes.size(), 1u);
    EXPECT_DOUBLE_EQ(area(holed.geometry), 96.0);

    const gg::Zone& none = zone(set, "5");
    EXPECT_TRUE(none.geometry.empty());
    EXPECT_TRUE(none.source_wkb.empty());

    std::string all;
    for (const auto& w : set.warnings) {
        EXPECT_EQ(w.find('\n'), std::string::npos);
        all += w + "|";
    }
    EXPECT_NE(all.find("1 invalid geometry repaired with GEOS make-valid (zones \"2\")"),
              std::string::npos)
        << all;
    EXPECT_NE(all.find("non-polygon parts dropped from 1 zone (\"3\")"), std::string::npos) << all;
    EXPECT_NE(all.find("1 zone has no polygon geometry (\"5\")"), std::string::npos) << all;
}

TEST(ZoneReader, DuplicateAndMissingIdsAreReported) {
    gg::test::TempDir dir;
    gg::test::LayerFixture layer;
    layer.crs = "EPSG:32647";
    layer.fields = {{"code", OFTString}};
    const std::string square = "POLYGON ((0 0,1 0,1 1,0 1,0 0))";
    layer.features = {{square, {"A7"}}, {square, {"A7"}}, {square, {""}}, {square, {"B1"}}};
    gg::test::write_vector(dir.file("ids.gpkg"), "GPKG", {layer});
    const gg::ZoneSet set = gg::read_zones({dir.file("ids.gpkg"), "", "code", "", "", {}}, "");
    ASSERT_EQ(set.zones.size(), 4u);
    EXPECT_EQ(set.zones[2].id, "");
    ASSERT_EQ(set.warnings.size(), 2u);
    EXPECT_NE(set.warnings[0].find("1 feature has no value in id field \"code\" (\"FID 3\")"),
              std::string::npos)
        << set.warnings[0];
    EXPECT_NE(set.warnings[1].find("1 id is shared by several zones (\"A7\")"), std::string::npos)
        << set.warnings[1];
}

TEST(ZoneReader, NamedLayerOfAMultiLayerSource) {
    gg::test::TempDir dir;
    gg::test::LayerFixture a, b;
    a.name = "tracts";
    a.crs = b.crs = "EPSG:32647";
    b.name = "districts";
    a.features = {{"POLYGON ((0 0,1 0,1 1,0 1,0 0))", {}}};
    b.features = {{"POLYGON ((0 0,3 0,3 3,0 3,0 0))", {}}, {"POLYGON ((5 5,6 5,6 6,5 5))", {}}};
    gg::test::write_vector(dir.file("two.gpkg"), "GPKG", {a, b});
    const gg::ZoneSet set = gg::read_zones({dir.file("two.gpkg"), "districts", "", "", "", {}}, "");
    EXPECT_EQ(set.layer_name, "districts");
    ASSERT_EQ(set.zones.size(), 2u);
    EXPECT_DOUBLE_EQ(area(set.zones[0].geometry), 9.0);
    EXPECT_EQ(gg::read_zones({dir.file("two.gpkg"), "", "", "", "", {}}, "").layer_name, "tracts");
}

TEST(ZoneReaderErrors, MissingFile) {
    expect_error(
        [] {
            gg::read_zones({"data/zones.gpkg", "", "", "", "", {}}, "");
        },
        "data/zones.gpkg", ": no such file");
}

TEST(ZoneReaderErrors, NotAVectorSource) {
    gg::test::TempDir dir;
    gg::test::write_text(dir.file("notes.txt"), "field notes\nnot a map\n");
    expect_error(
        [&] {
            gg::read_zones({dir.file("notes.txt"), "", "", "", "", {}}, "");
        },
        "notes.txt", ": not a vector source GDAL can read");
    expect_error(
        [] {
            gg::read_zones({kOlindaTif, "", "", "", "", {}}, "");
        },
        "L7_ETMs.tif", ": is a raster, not a vector source");
}

TEST(ZoneReaderErrors, UnknownLayerListsTheLayers) {
    gg::test::TempDir dir;
    gg::test::LayerFixture a, b;
    a.name = "tracts";
    b.name = "districts";
    a.crs = b.crs = "EPSG:32647";
    a.features = b.features = {{"POLYGON ((0 0,1 0,1 1,0 1,0 0))", {}}};
    gg::test::write_vector(dir.file("two.gpkg"), "GPKG", {a, b});
    expect_error(
        [&] {
            gg::read_zones({dir.file("two.gpkg"), "parks", "", "", "", {}}, "");
        },
        "two.gpkg", ": layer \"parks\" not found (layers: tracts, districts)");
}

TEST(ZoneReaderErrors, EmptyLayer) {
    gg::test::TempDir dir;
    gg::test::LayerFixture layer;
    layer.name = "empty";
    layer.crs = "EPSG:32647";
    layer.geometry_type = wkbPolygon;
    layer.fields = {{"code", OFTInteger}};
    gg::test::write_vector(dir.file("empty.gpkg"), "GPKG", {layer});
    expect_error(
        [&] {
            gg::read_zones({dir.file("empty.gpkg"), "", "code", "", "", {}}, "");
        },
        "empty.gpkg", "has no features");
}

TEST(ZoneReaderErrors, MissingFieldsListTheLayerFields) {
    const std::string fields = "(fields: ID, CD_GEOCODI, TIPO, CD_GEOCODB, NM_BAIR, V014)";
    expect_error(
        [] {
            gg::read_zones({kOlindaShp, "", "CD_GEOCOD", "", "", {}}, "");
        },
        "olinda1.shp", ": id field \"CD_GEOCOD\" not found " + fields);
    expect_error(
        [] {
            gg::read_zones({kOlindaShp, "", "", "BAIRRO", "", {}}, "");
        },
        "olinda1.shp", ": name field \"BAIRRO\" not found " + fields);
    expect_error(
        [] {
            gg::read_zones({kOlindaShp, "", "", "", "POP", {}}, "");
        },
        "olinda1.shp", ": population field \"POP\" not found " + fields);
}

TEST(ZoneReaderErrors, PopulationFieldNotNumeric) {
    expect_error(
        [] {
            gg::read_zones({kOlindaShp, "", "CD_GEOCODI", "", "NM_BAIR", {}}, "");
        },
        "olinda1.shp", "olinda1.shp: population field \"NM_BAIR\" is not numeric (String)");
}

TEST(ZoneReaderErrors, LayerWithoutCrs) {
    gg::test::TempDir dir;
    gg::test::LayerFixture layer;  // a shapefile written without CRS has no .prj
    layer.name = "nocrs";
    layer.geometry_type = wkbPolygon;
    layer.features = {{"POLYGON ((0 0,1 0,1 1,0 1,0 0))", {}}};
    gg::test::write_vector(dir.file("nocrs.shp"), "ESRI Shapefile", {layer});
    expect_error(
        [&] {
            gg::read_zones({dir.file("nocrs.shp"), "", "", "", "", {}}, olinda_crs());
        },
        "nocrs.shp", ": has no coordinate reference system");
}

TEST(ZoneReaderErrors, LinesAreNotZones) {
    gg::test::TempDir dir;
    gg::test::LayerFixture layer;
    layer.name = "roads";
    layer.crs = "EPSG:32647";
    layer.geometry_type = wkbLineString;
    layer.features = {{"LINESTRING (0 0,1 1)", {}}};
    gg::test::write_vector(dir.file("roads.gpkg"), "GPKG", {layer});
    expect_error(
        [&] {
            gg::read_zones({dir.file("roads.gpkg"), "", "", "", "", {}}, "");
        },
        "roads.gpkg", "has Line String geometries, zones must be polygons");
}

// A layer of type Geometry with only lines passed the type check and ended in "no zone overlaps
// the raster".
TEST(ZoneReaderErrors, LinesInAGeometryLayerAreNotZones) {
    gg::test::TempDir dir;
    gg::test::LayerFixture layer;
    layer.name = "mixed";
    layer.crs = "EPSG:32647";
    layer.geometry_type = wkbUnknown;
    layer.features = {{"LINESTRING (0 0,1 1)", {}}, {"POINT (3 4)", {}}};
    gg::test::write_vector(dir.file("mixed.gpkg"), "GPKG", {layer});
    expect_error(
        [&] {
            gg::read_zones({dir.file("mixed.gpkg"), "", "", "", "", {}}, "");
        },
        "mixed.gpkg", "no polygon among its 2 features (zones must be polygons)");
}

// A vertex at 1e308 made memory grow by ~300 MB/s until killed (edges densified every 100 m);
// a latitude of 1000 degrees is no place either.
TEST(ZoneReaderErrors, AVertexOutsideTheCrsRangeIsNamed) {
    gg::test::TempDir dir;
    gg::test::LayerFixture utm;
    utm.name = "utm";
    utm.crs = "EPSG:32647";
    utm.fields = {{"code", OFTString}};
    utm.features = {
        {"POLYGON ((600000 1500000,1e308 1500000,600100 1500100,600000 1500000))", {"far"}}};
    gg::test::write_vector(dir.file("utm.gpkg"), "GPKG", {utm});
    expect_error(
        [&] {
            gg::read_zones({dir.file("utm.gpkg"), "", "code", "", "", {}}, "EPSG:32647");
        },
        "utm.gpkg",
        "zone \"far\": a vertex at x = 1e+308, outside the range of its coordinate reference "
        "system");
    gg::test::LayerFixture geo;
    geo.name = "geo";
    geo.crs = "EPSG:4326";
    geo.fields = {{"code", OFTString}};
    geo.features = {{"POLYGON ((100 13,100.1 13,100.1 1000,100 13))", {"north"}}};
    gg::test::write_vector(dir.file("geo.gpkg"), "GPKG", {geo});
    expect_error(
        [&] {
            gg::read_zones({dir.file("geo.gpkg"), "", "code", "", "", {}}, "EPSG:32647");
        },
        "geo.gpkg", "zone \"north\": a vertex at y = 1000, outside the range");
}

// A shapefile without a .cpg (older software) holds its names in a legacy encoding, passed on as
// bytes: the CSV was not UTF-8. The names are written here as placeholders of the same length,
// then the .dbf's bytes are replaced by the legacy ones and its language driver id (byte 29)
// cleared, as such files come.
std::string legacy_shapefile(const gg::test::TempDir& dir, const std::string& name,
                             const std::vector<std::string>& legacy_names) {
    gg::test::LayerFixture layer;
    layer.name = name;
    layer.crs = "EPSG:32647";
    layer.fields = {{"code", OFTString}, {"nm", OFTString}};
    for (size_t k = 0; k < legacy_names.size(); ++k) {
        const double x = 600000 + 100.0 * static_cast<double>(k);
        layer.features.push_back(
            {"POLYGON ((" + std::to_string(x) + " 1500000," + std::to_string(x + 100) +
                 " 1500000," + std::to_string(x + 100) + " 1499900," + std::to_string(x) +
                 " 1499900," + std::to_string(x) + " 1500000))",
             {"Z" + std::to_string(k), std::string(legacy_names[k].size(), char('A' + k))}});
    }
    const std::string shp = dir.file(name + ".shp");
    gg::test::write_vector(shp, "ESRI Shapefile", {layer});
    std::string dbf = gg::test::read_text(dir.file(name + ".dbf"));
    for (size_t k = 0; k < legacy_names.size(); ++k)
        dbf.replace(dbf.find(std::string(legacy_names[k].size(), char('A' + k))),
                    legacy_names[k].size(), legacy_names[k]);
    dbf[29] = '\0';
    gg::test::write_text(dir.file(name + ".dbf"), dbf);
    std::filesystem::remove(dir.file(name + ".cpg"));
    return shp;
}

TEST(ZoneReader, NamesInALegacyEncodingAreReadAsUtf8WithAWarning) {
    gg::test::TempDir dir;
    // TIS-620 bytes of "เทศบาล" and "ตำบล"; Latin-1 bytes of "São Benedito".
    const std::string thai =
        legacy_shapefile(dir, "thai", {"\xE0\xB7\xC8\xBA\xD2\xC5", "\xB5\xD3\xBA\xC5"});
    const gg::ZoneSet t = gg::read_zones({thai, "", "code", "nm", "", {}}, "");
    ASSERT_EQ(t.zones.size(), 2u);
    EXPECT_EQ(t.zones[0].name, "เทศบาล");
    EXPECT_EQ(t.zones[1].name, "ตำบล");
    ASSERT_EQ(t.warnings.size(), 1u);
    EXPECT_NE(t.warnings[0].find("thai.shp: its text is not UTF-8 and it names no code page"),
              std::string::npos)
        << t.warnings[0];
    EXPECT_NE(t.warnings[0].find("read as CP874 (Thai, TIS-620)"), std::string::npos);

    const std::string latin = legacy_shapefile(dir, "latin", {"S\xE3o Benedito"});
    const gg::ZoneSet l = gg::read_zones({latin, "", "code", "nm", "", {}}, "");
    EXPECT_EQ(l.zones.at(0).name, "São Benedito");
    ASSERT_EQ(l.warnings.size(), 1u);
    EXPECT_NE(l.warnings[0].find("read as CP1252 (Latin-1)"), std::string::npos);

    // A UTF-8 layer is left alone, without a word.
    const gg::ZoneSet olinda =
        gg::read_zones({kOlindaShp, "", "CD_GEOCODI", "NM_BAIR", "", {}}, "");
    for (const auto& w : olinda.warnings) EXPECT_EQ(w.find("not UTF-8"), std::string::npos) << w;
}

}  // namespace
