// `greengauge zonal` end to end on small inputs whose answers are known by hand.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <stdexcept>

#include "support/gdal_fixtures.hpp"
#include "support/geodesic_reference.hpp"
#include "support/run_command.hpp"

namespace gg::test {
namespace {

const std::string kData = GG_DATA_DIR;

std::string fmt_point(Point p) {
    char text[64];
    std::snprintf(text, sizeof text, "%.10g %.10g", p.x, p.y);
    return text;
}

TEST(ZonalCommand, ZoneOutsideTheRasterGetsEmptyCellsAndAWarning) {
    // Two zones in the image CRS (EPSG:31985): zone 1 is exactly the 2 x 2 pixels at the image's
    // top-left corner (origin 288776.25, 9120760.75; 28.5 m pixels), zone 2 is 100 km away.
    // By gdalinfo the image starts at x0 = 288776.250000803149305, y0 = 9120760.750028736889362
    // with 28.499999999274539 m pixels: zone A lies inside the image except a 0.8 micrometre
    // sliver left of x0, so area_m2 = (288833.25 - x0) * 57 m and count = area_m2 / pixel^2:
    // plane m2 of UTM 25S, so --planar-areas (the ground areas: GroundAreasInFourCrs below).
    TempDir dir;
    write_text(dir.file("z.geojson"),
               R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":)"
               R"("urn:ogc:def:crs:EPSG::31985"}},"features":[)"
               R"({"type":"Feature","properties":{"code":"A"},"geometry":{"type":"Polygon",)"
               R"("coordinates":[[[288776.25,9120703.75],[288833.25,9120703.75],)"
               R"([288833.25,9120760.75],[288776.25,9120760.75],[288776.25,9120703.75]]]}},)"
               R"({"type":"Feature","properties":{"code":"B"},"geometry":{"type":"Polygon",)"
               R"("coordinates":[[[400000,9000000],[400100,9000000],[400100,9000100],)"
               R"([400000,9000000]]]}}]})");
    const auto r =
        run_greengauge({"zonal", "--raster", kData + "/olinda/L7_ETMs.tif", "--zones",
                        dir.file("z.geojson"), "--id", "code", "--stats", "count,area_m2,mean",
                        "-o", dir.file("out.csv"), "--no-csv-bom", "--planar-areas"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("warning: 1 zone(s) are empty or outside the raster"), std::string::npos)
        << r.err;
    const std::string csv = read_text(dir.file("out.csv"));
    // Zone B: the id, then three empty cells (not 0, not nan).
    EXPECT_NE(csv.find("\nB,,,"), std::string::npos) << csv;
    const auto a = csv.find("\nA,");
    ASSERT_NE(a, std::string::npos) << csv;
    const double count = std::stod(csv.substr(a + 3));
    const double area = (288833.25 - 288776.250000803149305) * 57.0;
    const double pixel = 28.499999999274539;
    EXPECT_NEAR(count, area / (pixel * pixel), 1e-9);
    const auto comma = csv.find(',', a + 3);
    EXPECT_NEAR(std::stod(csv.substr(comma + 1)), area, 1e-7);
}

// A 40 x 40 raster of 100 m pixels in UTM 47N from (600000, 1500000), all 1, and two zones that
// are whole pixels: K (Thai name, integer population, real area in rai) 20 x 20 pixels = 2 km x
// 2 km = 4,000,000 m2 exactly (400 pixels of coverage 1 x 10,000 m2, a sum of exact integers),
// and L 1 x 1 pixel = 10,000 m2 with empty attributes. Those are plane m2: zonal() passes
// --planar-areas unless told `ellipsoidal`.
struct SquareZones {
    TempDir dir;
    std::string raster = dir.file("ones.tif");
    std::string zones = dir.file("zones.gpkg");
    const std::string thai = "เทศบาลเมืองคอหงส์";
    SquareZones() {
        RasterFixture r;
        r.crs = "EPSG:32647";
        r.geotransform = {600000, 100, 0, 1500000, 0, -100};
        r.cols = r.rows = 40;
        r.values.assign(40 * 40, 1.0);
        write_raster(raster, r);
        LayerFixture l;
        l.crs = "EPSG:32647";
        l.fields = {{"code", OFTString},
                    {"name_th", OFTString},
                    {"pop", OFTInteger64},
                    {"area_rai", OFTReal}};
        l.features = {{"POLYGON ((600000 1498000,602000 1498000,602000 1500000,600000 1500000,"
                       "600000 1498000))",
                       {"K", thai, "41000", "2500.5"}},
                      {"POLYGON ((603000 1499900,603100 1499900,603100 1500000,603000 1500000,"
                       "603000 1499900))",
                       {"L", "", "", ""}}};
        write_vector(zones, "GPKG", {l});
    }
    CommandResult zonal(const std::string& out, std::vector<std::string> extra = {},
                        bool ellipsoidal = false) const {
        std::vector<std::string> args = {"zonal", "-r",      raster,          "-z", zones, "--id",
                                         "code",  "--stats", "area_m2,count", "-o", out};
        if (!ellipsoidal) args.push_back("--planar-areas");
        args.insert(args.end(), extra.begin(), extra.end());
        return run_greengauge(args);
    }
};

const std::vector<std::string> kIncludeCols = {"--include-col", "name_th",       "--include-col",
                                               "pop",           "--include-col", "area_rai"};

TEST(ZonalCommand, AnAreaOfFourSquareKilometresIsWritten4000000) {
    SquareZones z;
    const auto r = z.zonal(z.dir.file("a.csv"), {"--no-csv-bom"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // count = 400 pixels; area_m2 = 400 x 100 m x 100 m (the struct's comment).
    EXPECT_EQ(read_text(z.dir.file("a.csv")),
              "code,area_m2,count\r\nK,4000000,400\r\nL,10000,1\r\n");
}

TEST(ZonalCommand, CsvStartsWithAByteOrderMarkUnlessNoCsvBom) {
    SquareZones z;
    ASSERT_EQ(z.zonal(z.dir.file("default.csv")).exit_code, 0);
    ASSERT_EQ(z.zonal(z.dir.file("bom.csv"), {"--csv-bom"}).exit_code, 0);
    ASSERT_EQ(z.zonal(z.dir.file("plain.csv"), {"--no-csv-bom"}).exit_code, 0);
    const std::string plain = read_text(z.dir.file("plain.csv"));
    EXPECT_EQ(plain.rfind("code,", 0), 0u) << plain;
    EXPECT_EQ(read_text(z.dir.file("default.csv")), "\xEF\xBB\xBF" + plain);
    EXPECT_EQ(read_text(z.dir.file("bom.csv")), "\xEF\xBB\xBF" + plain);
}

TEST(ZonalCommand, IncludeColCopiesTheFieldsBesideTheIdIntoCsv) {
    SquareZones z;
    auto args = kIncludeCols;
    args.push_back("--no-csv-bom");
    const auto r = z.zonal(z.dir.file("k.csv"), args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // The fields in the order given, right after the id, with the values the fixture wrote;
    // L's are null, so empty.
    EXPECT_EQ(read_text(z.dir.file("k.csv")), "code,name_th,pop,area_rai,area_m2,count\r\nK," +
                                                  z.thai +
                                                  ",41000,2500.5,4000000,400\r\nL,,,,10000,1\r\n");
}

TEST(ZonalCommand, IncludeColKeepsTypesInGpkgAndXlsx) {
    SquareZones z;
    for (const char* name : {"k.gpkg", "k.xlsx"}) {
        const auto r = z.zonal(z.dir.file(name), kIncludeCols);
        ASSERT_EQ(r.exit_code, 0) << r.err;
        const bool xlsx = std::string(name) == "k.xlsx";
        CPLSetConfigOption("OGR_XLSX_HEADERS", "FORCE");  // the first row names the columns
        GDALDatasetUniquePtr ds(
            GDALDataset::Open(z.dir.file(name).c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr));
        ASSERT_TRUE(ds) << name;
        OGRLayer* layer = ds->GetLayerByName("zonal_statistics");
        ASSERT_NE(layer, nullptr) << name;
        OGRFeatureDefn* d = layer->GetLayerDefn();
        ASSERT_EQ(d->GetFieldCount(), 6) << name;
        const char* names[] = {"code", "name_th", "pop", "area_rai", "area_m2", "count"};
        for (int i = 0; i < 6; ++i) EXPECT_STREQ(d->GetFieldDefn(i)->GetNameRef(), names[i]);
        // The source's types: text, 64-bit integer (XLSX: GDAL reads a whole number back as
        // Integer), real.
        EXPECT_EQ(d->GetFieldDefn(1)->GetType(), OFTString) << name;
        EXPECT_EQ(d->GetFieldDefn(2)->GetType(), xlsx ? OFTInteger : OFTInteger64) << name;
        EXPECT_EQ(d->GetFieldDefn(3)->GetType(), OFTReal) << name;
        layer->ResetReading();
        OGRFeatureUniquePtr k(layer->GetNextFeature());
        ASSERT_TRUE(k);
        EXPECT_EQ(std::string(k->GetFieldAsString(1)), z.thai) << name;
        EXPECT_EQ(k->GetFieldAsInteger64(2), 41000) << name;
        EXPECT_EQ(k->GetFieldAsDouble(3), 2500.5) << name;
        EXPECT_EQ(k->GetFieldAsDouble(4), 4000000.0) << name;
        OGRFeatureUniquePtr l(layer->GetNextFeature());
        ASSERT_TRUE(l);
        EXPECT_FALSE(l->IsFieldSetAndNotNull(2)) << name;
        if (!xlsx) {
            EXPECT_NE(l->GetGeometryRef(), nullptr);
        }
    }
}

TEST(ZonalCommand, IncludeColOfAMissingOrTakenFieldIsAnError) {
    SquareZones z;
    auto r = z.zonal(z.dir.file("x.csv"), {"--include-col", "amphoe"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("\"amphoe\" not found"), std::string::npos) << r.err;
    r = z.zonal(z.dir.file("x.csv"), {"--include-col", "code"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("--include-col code"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(z.dir.file("x.csv")));
}

// The number after "K," in a CSV of code,area_m2,... rows.
double area_of_k(const std::string& csv) {
    const auto k = csv.find("\nK,");
    if (k == std::string::npos) throw std::runtime_error("no zone K in " + csv);
    return std::stod(csv.substr(k + 3));
}

TEST(ZonalCommand, AreasAreOnTheEllipsoidUnlessPlanarAndTheOutputsSayWhich) {
    // K (600000..602000, 1498000..1500000 in UTM 47N, 100 km east of the central meridian):
    // 4,000,000 plane m2, and on the ground the geodesic area of the same square (its edges
    // densified to 1 m, taken to longitude/latitude with PROJ and measured by geod_polygonarea:
    // support/geodesic_reference.hpp), about 1 / k^2 = 1.00055 times larger.
    SquareZones z;
    const auto ground = z.zonal(z.dir.file("e.csv"), {"--no-csv-bom"}, true);
    ASSERT_EQ(ground.exit_code, 0) << ground.err;
    const auto planar = z.zonal(z.dir.file("p.csv"), {"--no-csv-bom"});
    ASSERT_EQ(planar.exit_code, 0) << planar.err;
    const double geodesic = GeodesicReference("EPSG:32647")
                                .ring({{600000, 1498000},
                                       {602000, 1498000},
                                       {602000, 1500000},
                                       {600000, 1500000},
                                       {600000, 1498000}},
                                      1.0);
    EXPECT_NEAR(area_of_k(read_text(z.dir.file("e.csv"))) / geodesic, 1.0, 1e-8);
    EXPECT_EQ(area_of_k(read_text(z.dir.file("p.csv"))), 4000000.0);
    EXPECT_GT(geodesic / 4000000.0 - 1, 5e-4);  // the two conventions differ here by far more

    // greengauge_areas in the GeoPackage's metadata (and the XLSX's metadata sheet), "areas" in
    // --json. (A CSV carries no metadata.)
    for (const bool ellipsoidal : {true, false}) {
        const std::string name = ellipsoidal ? "e.gpkg" : "p.gpkg";
        const std::string expected = ellipsoidal ? "ellipsoidal" : "planar";
        const auto r = z.zonal(z.dir.file(name), {"--json"}, ellipsoidal);
        ASSERT_EQ(r.exit_code, 0) << r.err;
        EXPECT_NE(r.out.find("\"areas\": \"" + expected + "\""), std::string::npos) << r.out;
        GDALDatasetUniquePtr ds(GDALDataset::Open(z.dir.file(name).c_str(), GDAL_OF_VECTOR));
        ASSERT_TRUE(ds);
        const char* item = ds->GetMetadataItem("greengauge_areas");
        ASSERT_NE(item, nullptr) << name;
        EXPECT_EQ(std::string(item), expected);
    }
    const auto h = run_greengauge({"zonal", "--help"});
    EXPECT_NE(h.out.find("--planar-areas"), std::string::npos) << h.out;
}

// A grid of value 1 in `crs` covering the box (CRS units) with a margin of 10 pixels.
void write_ones(const std::string& path, const std::string& crs, Box box, double pixel) {
    RasterFixture r;
    r.crs = crs;
    const double x0 = std::floor(box.xmin / pixel) * pixel - 10 * pixel;
    const double y0 = std::ceil(box.ymax / pixel) * pixel + 10 * pixel;
    r.cols = static_cast<int>(std::ceil((box.xmax - x0) / pixel)) + 10;
    r.rows = static_cast<int>(std::ceil((y0 - box.ymin) / pixel)) + 10;
    r.geotransform = {x0, pixel, 0, y0, 0, -pixel};
    r.values.assign(static_cast<size_t>(r.cols) * static_cast<size_t>(r.rows), 1.0);
    write_raster(path, r);
}

TEST(ZonalCommand, GroundAreasInFourCrs) {
    // One zone near Hat Yai, a pentagon about 5 km across given in longitude/latitude (EPSG:4326,
    // edges straight in longitude/latitude), measured through rasters of ones in EPSG:4326
    // (0.0005 degree pixels), UTM 47N (EPSG:32647, 1.5 degrees east of its central meridian,
    // where UTM's scale is 0.99993: plane areas 1.5e-4 too small), Web Mercator (EPSG:3857,
    // plane areas 2.2% too large at 7 N) and EASE-Grid 2.0 (EPSG:6933, equal-area), 50 m
    // pixels. Each area_m2 must be the zone's geodesic area (its edges densified to 1e-5 degree
    // and measured by PROJ's geod_polygonarea on WGS 84, the datum of all four) to 1e-7, and
    // the four agree to the issue's 1e-6.
    TempDir dir;
    const Ring lonlat = {{100.4512, 6.9821}, {100.4933, 6.9867}, {100.4988, 7.0215},
                         {100.4701, 7.0302}, {100.4477, 7.0123}, {100.4512, 6.9821}};
    std::string wkt = "POLYGON ((";
    for (size_t i = 0; i < lonlat.size(); ++i) wkt += (i ? "," : "") + fmt_point(lonlat[i]);
    wkt += "))";
    LayerFixture l;
    l.crs = "EPSG:4326";
    l.fields = {{"code", OFTString}};
    l.features = {{wkt, {"K"}}};
    write_vector(dir.file("zone.gpkg"), "GPKG", {l});
    const double geodesic = GeodesicReference("EPSG:4326").ring(lonlat, 1e-5);

    std::map<std::string, double> ground, planar;
    for (const std::string crs : {"EPSG:4326", "EPSG:32647", "EPSG:3857", "EPSG:6933"}) {
        const GeodesicReference ref(crs);
        Ring in_crs;  // the zone's edges densified to 1e-5 degree, projected
        Box box;
        for (size_t i = 0; i + 1 < lonlat.size(); ++i)
            for (int k = 0; k < 5000; ++k) {
                const Point a = lonlat[i], b = lonlat[i + 1];
                in_crs.push_back(
                    ref.project({a.x + (b.x - a.x) * k / 5000, a.y + (b.y - a.y) * k / 5000}));
                box.xmin = std::min(box.xmin, in_crs.back().x);
                box.ymin = std::min(box.ymin, in_crs.back().y);
                box.xmax = std::max(box.xmax, in_crs.back().x);
                box.ymax = std::max(box.ymax, in_crs.back().y);
            }
        in_crs.push_back(in_crs.front());
        const std::string raster = dir.file(crs.substr(5) + ".tif");
        write_ones(raster, crs, box, crs == "EPSG:4326" ? 0.0005 : 50.0);
        for (const bool flat : {false, true}) {
            std::vector<std::string> args = {
                "zonal",       "-r",      raster,    "-z", dir.file("zone.gpkg"), "--id",
                "code",        "--stats", "area_m2", "-o", dir.file("a.csv"),     "--overwrite",
                "--no-csv-bom"};
            if (flat) args.push_back("--planar-areas");
            const auto r = run_greengauge(args);
            ASSERT_EQ(r.exit_code, 0) << crs << r.err;
            (flat ? planar : ground)[crs] = area_of_k(read_text(dir.file("a.csv")));
        }
        EXPECT_NEAR(ground[crs] / geodesic, 1.0, 1e-7) << crs;
        if (crs == "EPSG:4326") {
            // Square degrees are no area: a geographic CRS's areas are ellipsoidal either way.
            EXPECT_EQ(planar[crs], ground[crs]);
        } else {
            // Planar: the zone's plane area in the CRS, the shoelace formula over its densified
            // edges projected by PROJ.
            double twice = 0;
            for (size_t i = 0; i + 1 < in_crs.size(); ++i)
                twice += in_crs[i].x * in_crs[i + 1].y - in_crs[i + 1].x * in_crs[i].y;
            EXPECT_NEAR(planar[crs] / std::abs(twice / 2), 1.0, 1e-7) << crs;
        }
    }
    for (const auto& [crs, area] : ground)
        EXPECT_NEAR(area / ground["EPSG:4326"], 1.0, 1e-6) << crs;
    // The two conventions differ by far more than the tolerances above, but in the equal-area
    // EASE-Grid.
    EXPECT_GT(planar["EPSG:3857"] / ground["EPSG:3857"] - 1, 0.02);
    EXPECT_GT(1 - planar["EPSG:32647"] / ground["EPSG:32647"], 1e-4);
    EXPECT_NEAR(planar["EPSG:6933"] / ground["EPSG:6933"], 1.0, 1e-6);
}

TEST(ZonalCommand, VersionAndHelpWithAnExample) {
    const auto v = run_greengauge({"--version"});
    EXPECT_EQ(v.exit_code, 0);
    EXPECT_EQ(v.out.rfind("greengauge ", 0), 0u) << v.out;
    for (const char* cmd : {"zonal", "assess"}) {
        const auto h = run_greengauge({cmd, "--help"});
        EXPECT_EQ(h.exit_code, 0);
        EXPECT_NE(h.out.find("Example:"), std::string::npos) << cmd;
    }
}

}  // namespace
}  // namespace gg::test
