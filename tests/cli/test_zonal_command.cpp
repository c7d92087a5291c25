// `greengauge zonal` end to end on small inputs whose answers are known by hand.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <filesystem>

#include "support/gdal_fixtures.hpp"
#include "support/run_command.hpp"

namespace gg::test {
namespace {

const std::string kData = GG_DATA_DIR;

TEST(ZonalCommand, ZoneOutsideTheRasterGetsEmptyCellsAndAWarning) {
    // Two zones in the image CRS (EPSG:31985): zone 1 is exactly the 2 x 2 pixels at the image's
    // top-left corner (origin 288776.25, 9120760.75; 28.5 m pixels), zone 2 is 100 km away.
    // By gdalinfo the image starts at x0 = 288776.250000803149305, y0 = 9120760.750028736889362
    // with 28.499999999274539 m pixels: zone A lies inside the image except a 0.8 micrometre
    // sliver left of x0, so area_m2 = (288833.25 - x0) * 57 m and count = area_m2 / pixel^2.
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
                        "-o", dir.file("out.csv"), "--no-csv-bom"});
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
// and L 1 x 1 pixel = 10,000 m2 with empty attributes.
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
    CommandResult zonal(const std::string& out, std::vector<std::string> extra = {}) const {
        std::vector<std::string> args = {"zonal", "-r",      raster,          "-z", zones, "--id",
                                         "code",  "--stats", "area_m2,count", "-o", out};
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
