// The scripting habits of GDAL's command-line tools, for assess, zonal, index and composite:
// -q (errors only), --json (a machine-readable summary on stdout), no silent overwrite of an
// existing output without --overwrite (assess: the rules of a reused output folder), and
// summaries that stay short for thousands of zones (--verbose for every one).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "gis/history_store.hpp"
#include "support/grid_city.hpp"
#include "support/imagery_fixtures.hpp"

namespace gg::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

size_t lines(const std::string& text) {
    return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

json parse(const CommandResult& r) {
    try {
        return json::parse(r.out);
    } catch (const json::exception& e) {
        ADD_FAILURE() << "not JSON: " << e.what() << "\n" << r.out;
        return json::object();
    }
}

// A city of 3 zones and one outside the image (a warning), scored by a framework.
struct City {
    TempDir dir;
    std::string project;
    std::string out = dir.file("out");
    explicit City(GridCity c = {}) {
        c.zone_outside = true;
        project = write_grid_city(dir.path(), c);
    }
    CommandResult assess(std::vector<std::string> extra = {}) const {
        std::vector<std::string> args = {"assess", project, "-o", out};
        args.insert(args.end(), extra.begin(), extra.end());
        return run_greengauge(args);
    }
};

// Two C2 L2 dates, the second cloudy everywhere (a warning: it adds nothing).
struct TwoDates {
    TempDir a, b;
    std::string mtl_a = write_c2_l2(a.path(), {10000, 10000, 10000, 10000},
                                    {20000, 30000, 20000, 20000}, {21824, 21824, 21824, 21824});
    std::string mtl_b =
        write_c2_l2(b.path(), {1, 1, 1, 1}, {1, 1, 1, 1}, {22280, 22280, 22280, 22280});
};

// A C2 L2 product without its QA_RADSAT file (a warning).
std::string bare_product(const TempDir& dir) {
    return write_c2_l2(dir.path(), {10000, 12000, 9000, 9500}, {20000, 21000, 22000, 23000},
                       {21824, 21824, 21824, 21824}, "LANDSAT_8", GDT_UInt16, {});
}

TEST(ScriptingFlags, QuietPrintsNothingButErrors) {
    City city;
    const auto loud = city.assess();
    ASSERT_EQ(loud.exit_code, 0) << loud.err;
    ASSERT_NE(loud.err.find("warning:"), std::string::npos) << loud.err;
    ASSERT_NE(loud.out.find("Green cover"), std::string::npos) << loud.out;
    const auto quiet = run_greengauge({"assess", city.project, "-o", city.dir.file("q"), "-q"});
    ASSERT_EQ(quiet.exit_code, 0) << quiet.err;
    EXPECT_EQ(quiet.out, "");
    EXPECT_EQ(quiet.err, "");
    EXPECT_TRUE(fs::exists(city.dir.file("q/city.csv")));

    TempDir zonal_out;
    const auto z = run_greengauge({"zonal", "--quiet", "-r", city.dir.file("city.tif"), "-z",
                                   city.dir.file("zones.geojson"), "-o", zonal_out.file("z.csv")});
    ASSERT_EQ(z.exit_code, 0) << z.err;
    EXPECT_EQ(z.out + z.err, "");
    EXPECT_TRUE(fs::exists(zonal_out.file("z.csv")));

    TempDir in, out;
    const auto i = run_greengauge(
        {"index", "-q", "-p", bare_product(in), "-i", "ndvi", "-o", out.file("n.tif")});
    ASSERT_EQ(i.exit_code, 0) << i.err;
    EXPECT_EQ(i.out + i.err, "");
    TwoDates d;
    const auto c = run_greengauge(
        {"composite", "-q", "-p", d.mtl_a, "-p", d.mtl_b, "-i", "ndvi", "-o", out.file("c.tif")});
    ASSERT_EQ(c.exit_code, 0) << c.err;
    EXPECT_EQ(c.out + c.err, "");

    // Errors are still printed.
    const auto bad = run_greengauge({"assess", "-q", city.dir.file("nope.yaml")});
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_NE(bad.err.find("greengauge: error: "), std::string::npos) << bad.err;
}

TEST(ScriptingFlags, AssessJsonSummarisesTheRun) {
    GridCity planar;  // plane m2, so that the totals are round numbers
    planar.areas = "planar";
    City city(planar);
    const auto r = city.assess({"--json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json j = parse(r);
    EXPECT_EQ(j["command"], "assess");
    EXPECT_EQ(j["name"], "city");
    EXPECT_EQ(j["zones"], 4);
    ASSERT_TRUE(j["outputs"].is_array());
    EXPECT_EQ(j["outputs"].size(), 6u);  // gpkg, csv, xlsx, indicators csv/json, scores
    for (const auto& f : j["outputs"]) EXPECT_TRUE(fs::exists(f.get<std::string>())) << f;
    // The run id is the one the history recorded.
    const Table runs = read_table(city.out + "/city.gpkg", "runs");
    ASSERT_EQ(runs.rows.size(), 1u);
    EXPECT_EQ(j["run_id"], std::get<std::string>(runs.rows[0][0]));
    // Totals over the three zones inside the image (the fourth is left out): 3 x 400 plane m2, with
    // NDVI 0, 1/3 and 1/2 (NIR 0.1, 0.2, 0.3 over red 0.1): green (>= 0.3) in zones 1 and 2.
    const json& t = j["totals"];
    EXPECT_EQ(t["zones_included"], 3);
    EXPECT_EQ(t["zones_left_out"], 1);
    EXPECT_NEAR(t["area_m2"].get<double>(), 1200, 1e-6);
    EXPECT_NEAR(t["green_area_m2"].get<double>(), 800, 1e-6);
    EXPECT_NEAR(t["green_share"].get<double>(), 800.0 / 1200, 1e-9);
    EXPECT_EQ(t["population"], 100 + 101 + 102);
    EXPECT_NEAR(t["green_m2_per_capita"].get<double>(), 800.0 / 303, 1e-9);
    ASSERT_EQ(j["frameworks"].size(), 1u);
    const json& f = j["frameworks"][0];
    EXPECT_EQ(f["id"], "onep_green_per_capita");
    EXPECT_EQ(f["zones"], 4);
    EXPECT_EQ(f["zones_scored"], 3);  // not the zone outside the image
    EXPECT_TRUE(f["score_median"].is_number());
    // The warnings of the run, as printed on stderr.
    ASSERT_FALSE(j["warnings"].empty());
    for (const auto& w : j["warnings"])
        EXPECT_NE(r.err.find("warning: " + w.get<std::string>()), std::string::npos) << w;
    EXPECT_EQ(r.out.find("Green cover"), std::string::npos) << "no tables with --json";
}

TEST(ScriptingFlags, ZonalIndexAndCompositeJson) {
    City city;
    TempDir out, in;
    const auto z = run_greengauge({"zonal", "--json", "-r", city.dir.file("city.tif"), "-z",
                                   city.dir.file("zones.geojson"), "-o", out.file("z.csv")});
    ASSERT_EQ(z.exit_code, 0) << z.err;
    const json jz = parse(z);
    EXPECT_EQ(jz["command"], "zonal");
    EXPECT_EQ(jz["outputs"], json::array({out.file("z.csv")}));
    EXPECT_EQ(jz["zones"], 4);
    EXPECT_EQ(jz["zones_outside_raster"], 1);
    EXPECT_EQ(jz["warnings"].size(), 1u);

    const auto i = run_greengauge(
        {"index", "--json", "-p", bare_product(in), "-i", "ndvi", "-o", out.file("n.tif")});
    ASSERT_EQ(i.exit_code, 0) << i.err;
    const json ji = parse(i);
    EXPECT_EQ(ji["command"], "index");
    EXPECT_EQ(ji["pixels_valid"], 4);
    EXPECT_EQ(ji["pixels_masked_or_nodata"], 0);
    ASSERT_EQ(ji["warnings"].size(), 1u);
    EXPECT_NE(ji["warnings"][0].get<std::string>().find("QA_RADSAT file missing"),
              std::string::npos);

    TwoDates d;
    const auto c = run_greengauge({"composite", "--json", "-p", d.mtl_a, "-p", d.mtl_b, "-i",
                                   "ndvi", "-o", out.file("c.tif")});
    ASSERT_EQ(c.exit_code, 0) << c.err;
    const json jc = parse(c);
    EXPECT_EQ(jc["command"], "composite");
    EXPECT_EQ(jc["pixels_with_value"], 4);
    EXPECT_EQ(jc["observations_per_product"], json::array({4, 0}));
    ASSERT_EQ(jc["warnings"].size(), 1u);
    EXPECT_NE(jc["warnings"][0].get<std::string>().find("adds no valid observation"),
              std::string::npos);
}

TEST(ScriptingFlags, ZonalIndexAndCompositeDoNotOverwriteWithoutTheFlag) {
    City city;
    TempDir out, in;
    TwoDates d;
    const std::string product = bare_product(in);
    const std::vector<std::pair<std::string, std::vector<std::string>>> commands = {
        {"z.csv",
         {"zonal", "-r", city.dir.file("city.tif"), "-z", city.dir.file("zones.geojson"), "-o"}},
        {"z.gpkg",
         {"zonal", "-r", city.dir.file("city.tif"), "-z", city.dir.file("zones.geojson"), "-o"}},
        {"n.tif", {"index", "-p", product, "-i", "ndvi", "-o"}},
        {"c.tif", {"composite", "-p", d.mtl_a, "-p", d.mtl_b, "-i", "ndvi", "-o"}}};
    for (const auto& [name, args] : commands) {
        const std::string file = out.file(name);
        write_text(file, "mine\n");
        std::vector<std::string> a = args;
        a.push_back(file);
        const auto refused = run_greengauge(a);
        EXPECT_EQ(refused.exit_code, 1) << name;
        EXPECT_EQ(refused.err,
                  "greengauge: error: " + file + ": exists (use --overwrite to replace it)\n");
        EXPECT_EQ(read_text(file), "mine\n") << name;
        a.push_back("--overwrite");
        const auto replaced = run_greengauge(a);
        EXPECT_EQ(replaced.exit_code, 0) << name << ": " << replaced.err;
        EXPECT_NE(read_text(file), "mine\n") << name;
    }
    EXPECT_EQ(out.entries().size(), commands.size()) << "no temporary file left";
}

// assess reuses its output folder on purpose: a re-run appends to the history.
TEST(ScriptingFlags, AssessAppendsToItsOwnHistoryWithoutOverwrite) {
    City city;
    ASSERT_EQ(city.assess().exit_code, 0);
    const auto again = city.assess();
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(read_table(city.out + "/city.gpkg", "runs").rows.size(), 2u);
}

// A file of the run's name that no earlier run of this project wrote is refused.
TEST(ScriptingFlags, AssessRefusesFilesItDidNotWrite) {
    City city;
    fs::create_directories(city.out);
    write_text(city.out + "/city_scores.csv", "mine\n");
    const auto r = city.assess();
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find(city.out + "/city_scores.csv: exists but " + city.out +
                         "/city.gpkg holds no run history"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(r.out, "") << "refused before the run";
    EXPECT_EQ(read_text(city.out + "/city_scores.csv"), "mine\n");
    EXPECT_FALSE(fs::exists(city.out + "/city.gpkg"));
    const auto forced = city.assess({"--overwrite"});
    ASSERT_EQ(forced.exit_code, 0) << forced.err;
    EXPECT_NE(read_text(city.out + "/city_scores.csv"), "mine\n");
}

// A GeoPackage of the run's name that is not a run history (someone's layer) is refused; with
// --overwrite it is replaced, its layers not carried into the new file.
TEST(ScriptingFlags, AssessRefusesAGeoPackageThatIsNotItsHistory) {
    City city;
    fs::create_directories(city.out);
    LayerFixture parks;
    parks.name = "parks";
    parks.crs = "EPSG:32647";
    parks.geometry_type = wkbPolygon;
    parks.features = {{"POLYGON((0 0,1 0,1 1,0 0))", {}}};
    write_vector(city.out + "/city.gpkg", "GPKG", {parks});
    const auto r = city.assess();
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find(city.out + "/city.gpkg: exists and is not a GreenGauge run history"),
              std::string::npos)
        << r.err;
    EXPECT_FALSE(is_run_history(city.out + "/city.gpkg"));
    const auto forced = city.assess({"--overwrite"});
    ASSERT_EQ(forced.exit_code, 0) << forced.err;
    EXPECT_TRUE(is_run_history(city.out + "/city.gpkg"));
    EXPECT_THROW(read_table(city.out + "/city.gpkg", "parks"), Error);
}

// An input of the run is never replaced, even with --overwrite.
TEST(ScriptingFlags, AssessNeverReplacesAnInput) {
    // The records CSV has the name of an output of the run in the output folder.
    City city;
    write_text(city.dir.file("project.yaml"),
               read_text(city.project) + "records: city_indicators.csv\n");
    write_text(city.dir.file("city_indicators.csv"), "zone_id,year\n");
    const auto r = run_greengauge({"assess", city.project, "-o", city.dir.path(), "--overwrite"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find(city.dir.file("city_indicators.csv") +
                         ": is the records of this run; it is never replaced"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(read_text(city.dir.file("city_indicators.csv")), "zone_id,year\n");
}

// 2,500 zones, each its own neighbourhood: the default output is a summary whatever the count;
// --verbose lists every zone in the green-cover and score tables.
TEST(ScriptingFlags, ThousandsOfZonesGiveASummaryAndVerboseGivesEveryZone) {
    GridCity c;
    c.zones_x = c.zones_y = 50;
    c.name = [](int k) { return "Neighbourhood " + std::to_string(k); };
    TempDir dir;
    const std::string project = write_grid_city(dir.path(), c);
    const auto brief = run_greengauge({"assess", project, "-o", dir.file("a")});
    ASSERT_EQ(brief.exit_code, 0) << brief.err;
    EXPECT_LT(lines(brief.out), 100u) << brief.out;
    EXPECT_LT(lines(brief.err), 10u) << brief.err;
    EXPECT_NE(brief.out.find("the 10 greenest and 10 least green of 2500 groups"),
              std::string::npos)
        << brief.out;
    EXPECT_NE(brief.out.find("the 10 best and 10 worst of 2500"), std::string::npos) << brief.out;
    EXPECT_NE(brief.out.find("TOTAL                         2500"), std::string::npos) << brief.out;
    EXPECT_NE(brief.out.find("--verbose lists every one"), std::string::npos) << brief.out;
    const auto verbose = run_greengauge({"assess", project, "-o", dir.file("b"), "--verbose"});
    ASSERT_EQ(verbose.exit_code, 0) << verbose.err;
    EXPECT_GT(lines(verbose.out), 5000u);
    for (const std::string name :
         {"Neighbourhood 0 ", "Neighbourhood 1234 ", "Neighbourhood 2499 "})
        EXPECT_NE(verbose.out.find(name), std::string::npos) << name;
    EXPECT_EQ(verbose.out.find("--verbose lists"), std::string::npos);
}

TEST(ScriptingFlags, HelpSaysWhatAssessRefusesAndAllows) {
    const auto r = run_greengauge({"assess", "--help"});
    ASSERT_EQ(r.exit_code, 0);
    for (const char* s : {"--quiet", "--json", "--overwrite", "--verbose",
                          "is not a GreenGauge run history", "is never replaced"})
        EXPECT_NE(r.out.find(s), std::string::npos) << s;
    for (const char* cmd : {"zonal", "index", "composite"}) {
        const auto h = run_greengauge({cmd, "--help"});
        for (const char* s : {"--quiet", "--json", "--overwrite"})
            EXPECT_NE(h.out.find(s), std::string::npos) << cmd << " " << s;
    }
}

}  // namespace
}  // namespace gg::test
