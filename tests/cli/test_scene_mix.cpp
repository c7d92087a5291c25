// A composite tells the truth about its data: products whose dates span more than
// --max-span-days (a year by default) or that mix sensors get a warning, in composite and in
// assess (imagery.products, imagery.max_span_days).
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/imagery_fixtures.hpp"

namespace gg::test {
namespace {

namespace fs = std::filesystem;

// write_c2_l2's product in `dir` acquired on `date` (DATE_ACQUIRED in its MTL; without it the
// date comes from the product id, 2023-01-01).
std::string c2_l2_on(const TempDir& dir, const std::string& date,
                     const std::string& spacecraft = "LANDSAT_8") {
    const std::string mtl =
        write_c2_l2(dir.path(), {10000, 10000, 10000, 10000}, {20000, 21000, 22000, 23000},
                    {21824, 21824, 21824, 21824}, spacecraft);
    std::string text = read_text(mtl);
    const std::string at = "    SUN_ELEVATION";
    text.insert(text.find(at), "    DATE_ACQUIRED = " + date + "\n");
    write_text(mtl, text);
    return mtl;
}

CommandResult composite(const std::vector<std::string>& mtls, std::vector<std::string> extra) {
    std::vector<std::string> args = {"composite", "-i", "ndvi"};
    for (const auto& m : mtls) args.insert(args.end(), {"-p", m});
    args.insert(args.end(), extra.begin(), extra.end());
    return run_greengauge(args);
}

size_t count(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

// The real samples: Landsat 7 ETM+ of 2001-07-30 and Landsat 8 OLI of 2013-07-07, same scene.
TEST(SceneMix, TwelveYearsAndTwoSensorsAreWarned) {
    TempDir out;
    const auto r = composite({kL7Mtl, kL8Mtl}, {"-o", out.file("c.tif")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("warning: the products span 4360 days (2001-07-30 to 2013-07-07), more "
                         "than --max-span-days 365"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("warning: the products mix sensors: Landsat 7 ETM+ (" + kL7Mtl +
                         "), Landsat 8 OLI (" + kL8Mtl + ")"),
              std::string::npos)
        << r.err;
    // A longer window silences the span, not the sensors; the JSON says both.
    const auto wide =
        composite({kL7Mtl, kL8Mtl}, {"-o", out.file("w.tif"), "--max-span-days", "5000", "--json"});
    ASSERT_EQ(wide.exit_code, 0) << wide.err;
    EXPECT_EQ(wide.err.find("span"), std::string::npos) << wide.err;
    EXPECT_EQ(count(wide.err, "warning: "), 1u) << wide.err;
    const auto j = nlohmann::json::parse(wide.out);
    EXPECT_EQ(j["span_days"], 4360);
    EXPECT_EQ(j["first_date"], "2001-07-30");
    EXPECT_EQ(j["last_date"], "2013-07-07");
    EXPECT_EQ(j["sensors"], nlohmann::json::array({"Landsat 7 ETM+", "Landsat 8 OLI"}));
    EXPECT_EQ(j["warnings"].size(), 1u);
}

TEST(SceneMix, OneSensorWithinTheWindowIsQuiet) {
    TempDir a, b, c, out;
    const std::string jan = c2_l2_on(a, "2023-01-01");
    const std::string dec = c2_l2_on(b, "2023-12-31");  // 364 days later
    const auto within = composite({jan, dec}, {"-o", out.file("a.tif")});
    ASSERT_EQ(within.exit_code, 0) << within.err;
    EXPECT_EQ(within.err, "");
    // Landsat 9 (OLI-2) with Landsat 8 (OLI): one family, no sensor warning.
    const std::string l9 = c2_l2_on(c, "2024-01-02", "LANDSAT_9");  // 366 days after jan
    const auto beyond = composite({jan, l9}, {"-o", out.file("b.tif")});
    ASSERT_EQ(beyond.exit_code, 0) << beyond.err;
    EXPECT_EQ(beyond.err,
              "greengauge: warning: the products span 366 days (2023-01-01 to 2024-01-02), more "
              "than --max-span-days 365: the composite mixes the vegetation and land use of "
              "dates that far apart\n");
    const auto season = composite({jan, dec}, {"-o", out.file("c.tif"), "--max-span-days", "92"});
    EXPECT_NE(season.err.find("more than --max-span-days 92"), std::string::npos) << season.err;
    const auto bad = composite({jan, dec}, {"-o", out.file("d.tif"), "--max-span-days", "-1"});
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_NE(bad.err.find("--max-span-days -1: must be 0 or more"), std::string::npos) << bad.err;
}

// Sentinel-2 (its date from the band file names, 2023-01-01) with Landsat 8: two sensors.
TEST(SceneMix, LandsatWithSentinel2IsAMix) {
    TempDir s2, l8, out;
    write_s2(s2.path());
    const std::string mtl = c2_l2_on(l8, "2023-01-05");
    const auto r = composite({s2.path(), mtl}, {"-o", out.file("c.tif"), "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["sensors"], nlohmann::json::array({"Sentinel-2 MSI", "Landsat 8 OLI"}));
    EXPECT_EQ(j["span_days"], 4);
    ASSERT_EQ(j["warnings"].size(), 1u) << r.err;
    EXPECT_EQ(
        j["warnings"][0].get<std::string>().rfind("the products mix sensors: Sentinel-2 MSI", 0),
        0u);
}

TEST(SceneMix, AssessWarnsAboutItsProducts) {
    TempDir dir, a, b;
    LayerFixture zones;
    zones.crs = "EPSG:32647";
    zones.fields = {{"code", OFTString}};
    zones.features = {
        {"POLYGON ((500000 999940,500060 999940,500060 1000000,500000 1000000,"
         "500000 999940))",
         {"Z"}}};
    write_vector(dir.file("zones.gpkg"), "GPKG", {zones});
    const std::string first = c2_l2_on(a, "2019-03-01"), second = c2_l2_on(b, "2023-03-01");
    const std::string project =
        "name: t\nzones:\n  source: zones.gpkg\n  id_field: code\n"
        "imagery:\n  products: [" +
        first + ", " + second + "]\n";
    write_text(dir.file("p.yaml"), project);
    const auto r = run_greengauge({"assess", dir.file("p.yaml"), "-o", dir.file("out")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("warning: the products span 1461 days (2019-03-01 to 2023-03-01), more "
                         "than imagery.max_span_days 365"),
              std::string::npos)
        << r.err;
    write_text(dir.file("p.yaml"), project + "  max_span_days: 1500\n");
    const auto wide = run_greengauge({"assess", dir.file("p.yaml"), "-o", dir.file("out")});
    ASSERT_EQ(wide.exit_code, 0) << wide.err;
    EXPECT_EQ(wide.err.find("span"), std::string::npos) << wide.err;
}

}  // namespace
}  // namespace gg::test
