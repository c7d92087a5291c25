// `greengauge zonal` end to end on small inputs whose answers are known by hand.
#include <gtest/gtest.h>

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
    const auto r = run_greengauge({"zonal", "--raster", kData + "/olinda/L7_ETMs.tif", "--zones",
                                   dir.file("z.geojson"), "--id", "code", "--stats",
                                   "count,area_m2,mean", "-o", dir.file("out.csv")});
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
