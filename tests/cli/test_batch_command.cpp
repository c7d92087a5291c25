// `greengauge batch` and `merge` end to end on the real Landsat cut-outs of data/landsat (2001
// and 2013 near Marburg, a 2 x 2 grid of zones): the series against one `assess` per date, re-runs
// that reuse finished tasks, a truncated scene that fails its task only, shards against a single
// process, and the manifest's bad inputs.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "gis/history_store.hpp"
#include "support/imagery_fixtures.hpp"
#include "support/run_command.hpp"

namespace gg::test {
namespace {

namespace fs = std::filesystem;
const std::string kData = GG_DATA_DIR;
const std::string kSeries = kData + "/demo/landsat_series.yaml";

int column(const Table& t, const std::string& name) {
    for (size_t c = 0; c < t.columns.size(); ++c)
        if (t.columns[c].name == name) return static_cast<int>(c);
    ADD_FAILURE() << "no column " << name;
    return 0;
}

std::string text(const Cell& c) {
    if (const auto* s = std::get_if<std::string>(&c)) return *s;
    return "";
}

// A project of the grid (data/landsat/marburg_grid.gpkg) with one product: what a user would run
// by hand for one date.
void write_one_date_project(const std::string& path, const std::string& mtl) {
    write_text(path, "name: one\nzones:\n  source: " + kData +
                         "/landsat/marburg_grid.gpkg\n  layer: grid\n  id_field: cell\n"
                         "imagery:\n  products: [" +
                         mtl +
                         "]\nwetlands:\n  types: [open_water]\n  water: {threshold: 0}\n"
                         "heat: {}\n");
}

TEST(BatchCommand, EachDateOfTheSeriesEqualsAnAssessOfThatDateAlone) {
    TempDir dir;
    const auto r = run_greengauge({"batch", kSeries, "-o", dir.file("out")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("4 tasks: 4 done, 0 failed"), std::string::npos) << r.out;
    const Table series = read_table(dir.file("out/landsat_series.gpkg"), "zone_series");
    // 2 dates x 4 zones (north: NW, NE; south: SW, SE) x 4 metrics.
    ASSERT_EQ(series.rows.size(), 32u);
    const int zone = column(series, "zone_id"), date = column(series, "date"),
              metric = column(series, "metric"), value = column(series, "value");
    std::map<std::string, double> batch;
    for (const auto& row : series.rows)
        batch[text(row[zone]) + " " + text(row[date]) + " " + text(row[metric])] =
            std::get<double>(row[value]);

    // The other method: assess run by hand once per product.
    size_t compared = 0;
    for (const auto& [day, mtl] :
         {std::pair{"2013-07-07", kL8Mtl}, std::pair{"2001-07-30", kL7Mtl}}) {
        const std::string project = dir.file(std::string("p") + day + ".yaml");
        write_one_date_project(project, mtl);
        const auto a = run_greengauge({"assess", project, "-o", dir.file(std::string("a") + day)});
        ASSERT_EQ(a.exit_code, 0) << a.err;
        const Table zones = read_table(dir.file(std::string("a") + day + "/one.gpkg"), "zones");
        for (const auto& row : zones.rows)
            for (const char* m : {"green_share", "ndvi_mean", "water_share", "lst_mean_k"}) {
                const std::string key = text(row[column(zones, "cell")]) + " " + day + " " + m;
                ASSERT_TRUE(batch.count(key)) << key;
                EXPECT_EQ(batch[key], std::get<double>(row[column(zones, m)])) << key;
                ++compared;
            }
    }
    EXPECT_EQ(compared, 32u);
    // Two dates are too few for a trend: said, not a number.
    const Table trends = read_table(dir.file("out/landsat_series.gpkg"), "zone_trends");
    ASSERT_EQ(trends.rows.size(), 16u);
    EXPECT_TRUE(std::holds_alternative<std::monostate>(trends.rows[0][column(trends, "p_value")]));
    EXPECT_NE(text(trends.rows[0][column(trends, "reason")]).find("at least 3"), std::string::npos);
}

// The demo inputs copied, so a test may change one file.
std::string copy_series(const TempDir& dir) {
    fs::create_directories(dir.file("data"));
    fs::copy(kData + "/landsat", dir.file("data/landsat"));
    fs::copy(kData + "/demo", dir.file("data/demo"));
    return dir.file("data/demo/landsat_series.yaml");
}

std::vector<std::string> merged_files(const std::string& out) {
    return {out + "/landsat_series.gpkg", out + "/landsat_series_zone_periods.csv",
            out + "/landsat_series_zone_series.csv", out + "/batch_report.csv",
            out + "/landsat_series.xlsx"};
}

TEST(BatchCommand, ARerunReusesFinishedTasksAndRedoesOnlyThoseWhoseInputsChanged) {
    TempDir dir;
    const std::string manifest = copy_series(dir);
    const std::string out = dir.file("out");
    ASSERT_EQ(run_greengauge({"batch", manifest, "-o", out}).exit_code, 0);
    std::vector<std::string> first;
    for (const auto& f : merged_files(out)) first.push_back(read_text(f));

    const auto again = run_greengauge({"batch", manifest, "-o", out});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.out.find("0 tasks run, 4 reused"), std::string::npos) << again.out;
    for (size_t i = 0; i < first.size(); ++i)
        EXPECT_EQ(read_text(merged_files(out)[i]), first[i]) << merged_files(out)[i];

    // --overwrite runs every task again, with the same bytes.
    const auto redo = run_greengauge({"batch", manifest, "-o", out, "--overwrite"});
    ASSERT_EQ(redo.exit_code, 0) << redo.err;
    EXPECT_NE(redo.out.find("4 tasks run, 0 reused"), std::string::npos) << redo.out;
    for (size_t i = 0; i < first.size(); ++i)
        EXPECT_EQ(read_text(merged_files(out)[i]), first[i]) << merged_files(out)[i];

    // The 2013 scene's red band rewritten (same bytes, new time): its two tasks (north and
    // south) are redone, the 2001 ones are not.
    const std::string red = dir.file("data/landsat/" + kL8Id + "_B4.TIF");
    fs::last_write_time(red, fs::last_write_time(red) + std::chrono::seconds(5));
    const auto changed = run_greengauge({"batch", manifest, "-o", out});
    ASSERT_EQ(changed.exit_code, 0) << changed.err;
    EXPECT_NE(changed.out.find("2 tasks run, 2 reused"), std::string::npos) << changed.out;
    // Same pixels, so the same numbers: the series is unchanged (its task keys are new).
    EXPECT_EQ(read_text(out + "/landsat_series_zone_series.csv"), first[2]);
}

// Ten dated copies of the Landsat 8 cut-out (DATE_ACQUIRED one year apart), the 7th with its
// NIR band cut to 1 kB.
std::string ten_scenes(const TempDir& dir) {
    fs::create_directories(dir.file("scenes"));
    const std::string mtl_text = read_text(kL8Mtl);
    for (int k = 0; k < 10; ++k) {
        const std::string year = std::to_string(2013 + k);
        const std::string id = std::regex_replace(kL8Id, std::regex("20130707"), year + "0707");
        const std::string folder = dir.file("scenes/" + id);
        fs::create_directories(folder);
        for (const auto& e : fs::directory_iterator(kLandsatDir)) {
            const std::string name = e.path().filename().string();
            if (name.rfind(kL8Id, 0) != 0 || name.find("_MTL") != std::string::npos) continue;
            fs::copy_file(e.path(), folder + "/" + id + name.substr(kL8Id.size()));
        }
        std::string mtl = std::regex_replace(mtl_text, std::regex(kL8Id), id);
        mtl = std::regex_replace(mtl, std::regex("DATE_ACQUIRED = 2013-07-07"),
                                 "DATE_ACQUIRED = " + year + "-07-07");
        write_text(folder + "/" + id + "_MTL.txt", mtl);
        if (k == 6) fs::resize_file(folder + "/" + id + "_B5.TIF", 1024);
    }
    write_one_date_project(dir.file("p.yaml"), kL8Mtl);
    write_text(dir.file("m.yaml"),
               "project: p.yaml\nscenes:\n  glob: scenes/*/*_MTL.txt\n"
               "periods: per_date\n");
    return dir.file("m.yaml");
}

TEST(BatchCommand, ATruncatedSceneFailsItsTaskOnlyAndTheBatchExitsThree) {
    TempDir dir;
    const std::string manifest = ten_scenes(dir);
    const auto r = run_greengauge({"batch", manifest, "-o", dir.file("out")});
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_NE(r.out.find("10 tasks: 9 done, 1 failed"), std::string::npos) << r.out;
    const Table report = read_table(dir.file("out/m.gpkg"), "batch_tasks");
    ASSERT_EQ(report.rows.size(), 10u);
    size_t failed = 0;
    for (const auto& row : report.rows) {
        if (text(row[column(report, "status")]) != "failed") continue;
        ++failed;
        EXPECT_EQ(text(row[column(report, "date")]), "2019-07-07");
        EXPECT_NE(text(row[column(report, "reason")]).find("_B5.TIF"), std::string::npos)
            << text(row[column(report, "reason")]);
    }
    EXPECT_EQ(failed, 1u);
    EXPECT_NE(read_text(dir.file("out/batch_report.csv")).find("failed"), std::string::npos);
    // Nine identical images a year apart: every metric is constant, so Sen's slope is 0 and
    // Mann-Kendall's S is 0 (every pair tied), p = 1: no significant trend (analytically).
    const Table trends = read_table(dir.file("out/m.gpkg"), "zone_trends");
    ASSERT_EQ(trends.rows.size(), 16u);
    for (const auto& row : trends.rows) {
        EXPECT_EQ(std::get<int64_t>(row[column(trends, "dates")]), 9);
        EXPECT_EQ(std::get<double>(row[column(trends, "sen_slope_per_year")]), 0.0);
        EXPECT_EQ(std::get<double>(row[column(trends, "p_value")]), 1.0);
        EXPECT_EQ(text(row[column(trends, "direction")]), "no significant trend");
    }
    // Mended, the re-run runs only the failed task.
    fs::copy_file(
        dir.file("scenes/" + std::regex_replace(kL8Id, std::regex("20130707"), "20130707") + "/" +
                 kL8Id + "_B5.TIF"),
        dir.file("scenes/" + std::regex_replace(kL8Id, std::regex("20130707"), "20190707") + "/" +
                 std::regex_replace(kL8Id, std::regex("20130707"), "20190707") + "_B5.TIF"),
        fs::copy_options::overwrite_existing);
    const auto mended = run_greengauge({"batch", manifest, "-o", dir.file("out")});
    EXPECT_EQ(mended.exit_code, 0) << mended.err;
    EXPECT_NE(mended.out.find("1 tasks run, 9 reused"), std::string::npos) << mended.out;
}

// Every file under `dir` (relative path -> bytes).
std::map<std::string, std::string> tree(const std::string& dir) {
    std::map<std::string, std::string> files;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file())
            files[fs::relative(e.path(), dir).string()] = read_text(e.path().string());
    return files;
}

int64_t json_count(const std::string& json, const std::string& key) {
    std::smatch m;
    if (!std::regex_search(json, m, std::regex("\"" + key + "\": *([0-9]+)"))) {
        ADD_FAILURE() << "no " << key << " in " << json;
        return -1;
    }
    return std::stoll(m[1]);
}

// Ten dates of one grid: the first tasks compute the zones' coverage of each window and the
// later ones reuse it, and every output is the same, byte for byte, as with no reuse at all.
TEST(BatchCommand, TheDatesOfOneGridReuseTheZonesCoverageAndGiveTheSameBytes) {
    TempDir dir;
    const std::string manifest = ten_scenes(dir);
    const auto none = run_greengauge(
        {"batch", manifest, "-o", dir.file("none"), "--coverage-cache", "0", "--json"});
    ASSERT_EQ(none.exit_code, 3) << none.err;  // the truncated scene, as above
    EXPECT_NE(none.out.find("\"coverage\": null"), std::string::npos) << none.out;
    const auto kept = run_greengauge({"batch", manifest, "-o", dir.file("kept"), "--json"});
    ASSERT_EQ(kept.exit_code, 3) << kept.err;
    const int64_t computed = json_count(kept.out, "windows_computed");
    const int64_t reused = json_count(kept.out, "windows_reused");
    // 9 dates read (one fails before its passes); tasks run two at a time, so at most the first
    // two compute a window that the later seven find.
    EXPECT_GT(computed, 0);
    EXPECT_GE(reused, 3 * computed) << kept.out;
    EXPECT_EQ(json_count(kept.out, "not_kept"), 0);
    // The zones' ground areas likewise: each zone measured once, by whichever task asks first
    // (a task asking while another measures it waits), and reused by all the others.
    std::smatch areas;
    ASSERT_TRUE(std::regex_search(
        kept.out, areas,
        std::regex(R"re("zone_areas": *\{\s*"measured": *([0-9]+),\s*"reused": *([0-9]+))re")))
        << kept.out;
    const int64_t measured = std::stoll(areas[1]), areas_reused = std::stoll(areas[2]);
    const size_t zones = read_table(dir.file("kept/m.gpkg"), "zones").rows.size();
    EXPECT_GT(zones, 0u);
    EXPECT_EQ(measured, static_cast<int64_t>(zones)) << kept.out;
    EXPECT_GE(areas_reused, 3 * measured) << kept.out;
    EXPECT_EQ(tree(dir.file("kept")), tree(dir.file("none")));
}

// The zones' geometry is written once per zone set, not into each task's result, and the merge
// names the file when it is gone.
TEST(BatchCommand, EachZoneSetsGeometryIsWrittenOnceAndABadOrMissingOneIsNamed) {
    TempDir dir;
    const std::string out = dir.file("out");
    ASSERT_EQ(run_greengauge({"batch", kSeries, "-o", out, "-q"}).exit_code, 0);
    std::vector<std::string> results, geometries;
    for (const auto& e : fs::directory_iterator(out + "/tasks"))
        if (e.is_regular_file()) results.push_back(e.path().string());
    for (const auto& e : fs::directory_iterator(out + "/tasks/geometry"))
        geometries.push_back(e.path().string());
    EXPECT_EQ(results.size(), 4u);     // 2 zone sets (the halves) x 2 dates
    EXPECT_EQ(geometries.size(), 2u);  // one per zone set
    std::set<std::string> named;
    for (const auto& r : results) {
        const std::string json = read_text(r);
        EXPECT_EQ(json.find("wkb_hex"), std::string::npos) << r;
        std::smatch m;
        ASSERT_TRUE(std::regex_search(
            json, m, std::regex("\"geometry\": \"(geometry/[0-9a-f]{32}\\.json)\"")))
            << json.substr(0, 400);
        named.insert(out + "/tasks/" + m[1].str());
    }
    EXPECT_EQ(named, std::set<std::string>(geometries.begin(), geometries.end()));
    // Merging twice gives the same bytes; without a geometry file the merge says which.
    const std::string gpkg = read_text(out + "/landsat_series.gpkg");
    ASSERT_EQ(run_greengauge({"merge", out, "-q"}).exit_code, 0);
    EXPECT_EQ(read_text(out + "/landsat_series.gpkg"), gpkg);
    // The file is streamed zone by zone; it is the layout nlohmann's own dump(1) gives.
    for (const auto& g : geometries) {
        const std::string text = read_text(g);
        EXPECT_EQ(nlohmann::ordered_json::parse(text).dump(1) + "\n", text) << g;
    }
    // A hex digit that is none: the merge names the file, the earlier merge stays.
    {
        std::string text = read_text(geometries[0]);
        const size_t digit = text.find("\"01");  // ISO WKB, little-endian: each zone starts 01
        ASSERT_NE(digit, std::string::npos);
        text[digit + 1] = 'x';
        std::ofstream(geometries[0], std::ios::binary) << text;
        const auto bad = run_greengauge({"merge", out, "-q"});
        EXPECT_EQ(bad.exit_code, 1) << bad.err;
        EXPECT_NE(bad.err.find(fs::path(geometries[0]).filename().string() +
                               ": not a zones' geometry file (a geometry's hex holds a "
                               "character that is no digit)"),
                  std::string::npos)
            << bad.err;
        EXPECT_EQ(read_text(out + "/landsat_series.gpkg"), gpkg);
    }
    fs::remove(geometries[0]);
    const auto r = run_greengauge({"merge", out, "-q"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find(fs::path(geometries[0]).filename().string() +
                         ": cannot read the zones' geometry"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(read_text(out + "/landsat_series.gpkg"), gpkg);  // the earlier merge untouched
    // A re-run redoes the tasks that named it, writes it again, and merges the same bytes.
    const auto again = run_greengauge({"batch", kSeries, "-o", out, "-q"});
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_TRUE(fs::exists(geometries[0]));
    EXPECT_EQ(read_text(out + "/landsat_series.gpkg"), gpkg);
}

TEST(BatchCommand, ShardsTogetherGiveTheSameMergedBytesAsOneProcess) {
    TempDir dir;
    const std::string one = dir.file("one"), sharded = dir.file("sharded");
    ASSERT_EQ(run_greengauge({"batch", kSeries, "-o", one}).exit_code, 0);
    size_t tasks = 0;
    for (const char* shard : {"1/3", "2/3", "3/3"}) {
        const auto r = run_greengauge({"batch", kSeries, "-o", sharded, "--shard", shard});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        std::smatch m;
        ASSERT_TRUE(std::regex_search(r.out, m, std::regex(": (\\d+) tasks: ")));
        tasks += std::stoul(m[1]);
    }
    EXPECT_EQ(tasks, 4u);  // every task in exactly one shard
    ASSERT_EQ(run_greengauge({"merge", sharded}).exit_code, 0);
    for (size_t i = 0; i < merged_files(one).size(); ++i)
        EXPECT_EQ(read_text(merged_files(sharded)[i]), read_text(merged_files(one)[i]))
            << merged_files(one)[i];
}

// kill -9 at several moments (during tasks, during a task's write, during the merge), then a
// re-run: the final outputs are the bytes of a run never stopped.
TEST(BatchCommand, KilledAtAnyMomentThenRerunGivesTheBytesOfAnUninterruptedRun) {
    TempDir dir;
    const std::string manifest = ten_scenes(dir);
    const std::string clean = dir.file("clean");
    ASSERT_EQ(run_greengauge({"batch", manifest, "-o", clean, "-q"}).exit_code, 3);
    const auto files = [](const std::string& out) {
        return std::vector<std::string>{out + "/m.gpkg", out + "/m_zone_series.csv",
                                        out + "/m_zone_trends.csv", out + "/batch_report.csv",
                                        out + "/m.xlsx"};
    };
    int killed = 0;
    for (const int ms : {50, 200, 400, 700, 1000, 1300}) {
        const std::string out = dir.file("killed" + std::to_string(ms));
        killed += kill_greengauge_after({"batch", manifest, "-o", out, "-q"}, ms);
        const auto rerun = run_greengauge({"batch", manifest, "-o", out, "-q"});
        ASSERT_EQ(rerun.exit_code, 3) << rerun.err;
        for (size_t i = 0; i < files(out).size(); ++i)
            EXPECT_EQ(read_text(files(out)[i]), read_text(files(clean)[i]))
                << files(out)[i] << " after kill -9 at " << ms << " ms";
        for (const auto& e : fs::directory_iterator(out + "/tasks"))  // no temporary left over
            EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos) << e.path();
    }
    EXPECT_GT(killed, 0);
}

// A STAC ItemCollection whose items keep their metadata in one folder and their bands in another
// (as a STAC download may lay them out), with an asset that is not a local file (a thumbnail):
// the sensor profile finds each band among the item's assets by the name the MTL gives it, and
// the series is the same bytes as a batch of the same real scenes found by a glob beside their
// MTLs. Without its band assets an item's task fails, naming what it looked for.
TEST(BatchCommand, StacItemsWithBandsInAnotherFolderGiveTheSameSeriesAsAGlob) {
    TempDir dir;
    fs::create_directories(dir.file("stac/meta"));
    fs::create_directories(dir.file("stac/bands"));
    nlohmann::ordered_json items = {{"type", "FeatureCollection"},
                                    {"features", nlohmann::ordered_json::array()}};
    for (const std::string& mtl : {kL8Mtl, kL7Mtl}) {
        const std::string stem = fs::path(mtl).filename().string();
        const std::string id = stem.substr(0, stem.size() - 8);  // without _MTL.txt
        fs::copy_file(mtl, dir.file("stac/meta/" + stem));
        nlohmann::ordered_json assets = {
            {"mtl", {{"href", "meta/" + stem}}},
            {"thumbnail", {{"href", "https://example.org/" + id + "_thumb.jpg"}}}};
        for (const auto& e : fs::directory_iterator(fs::path(mtl).parent_path())) {
            const std::string name = e.path().filename().string();
            if (name.rfind(id + "_B", 0) != 0) continue;  // its bands and BQA
            fs::create_symlink(e.path(), dir.file("stac/bands/" + name));
            assets[name] = {{"href", "bands/" + name}};
        }
        items["features"].push_back({{"type", "Feature"}, {"id", id}, {"assets", assets}});
    }
    write_text(dir.file("stac/items.json"), items.dump(1));
    const std::string project = kData + "/demo/landsat_sample.yaml";
    write_text(dir.file("glob.yaml"), "project: " + project + "\nname: s\nscenes:\n  glob: " +
                                          kData + "/landsat/*_MTL.txt\nperiods: per_date\n");
    write_text(dir.file("stac.yaml"), "project: " + project +
                                          "\nname: s\nscenes:\n  stac: stac/items.json\n"
                                          "periods: per_date\n");
    const auto by_glob =
        run_greengauge({"batch", dir.file("glob.yaml"), "-o", dir.file("g"), "-q"});
    ASSERT_EQ(by_glob.exit_code, 0) << by_glob.err;
    const auto by_stac =
        run_greengauge({"batch", dir.file("stac.yaml"), "-o", dir.file("s"), "-q"});
    ASSERT_EQ(by_stac.exit_code, 0) << by_stac.err;
    for (const char* f : {"/s_zone_series.csv", "/s_zone_periods.csv"})
        EXPECT_EQ(read_text(dir.file("s") + f), read_text(dir.file("g") + f)) << f;

    // The same items with their MTL assets only: each task fails with the reason.
    for (auto& item : items["features"]) {
        nlohmann::ordered_json only = nlohmann::ordered_json::object();
        only["mtl"] = item["assets"]["mtl"];
        item["assets"] = only;
    }
    write_text(dir.file("stac/items.json"), items.dump(1));
    const auto bare = run_greengauge({"batch", dir.file("stac.yaml"), "-o", dir.file("b"), "-q"});
    EXPECT_EQ(bare.exit_code, 1) << bare.err;  // nothing could run
    const std::string report = read_text(dir.file("b") + "/batch_report.csv");
    EXPECT_NE(report.find("LC08_L1TP_195025_20130707_20170503_01_T1_MTL.txt: missing band files: "
                          "none of the Landsat 8 Collection 1 bands is beside the MTL (looked for "
                          "LC08_L1TP_195025_20130707_20170503_01_T1_B*.TIF)"),
              std::string::npos)
        << report;
}

void expect_error(const std::vector<std::string>& args, const std::string& part) {
    const auto r = run_greengauge(args);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find(part), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

TEST(BatchCommand, BadManifestsAndShardsAreOneLineErrors) {
    TempDir dir;
    const std::string project = kData + "/demo/landsat_sample.yaml";
    write_text(dir.file("typo.yaml"), "project: " + project + "\nscene:\n  glob: x\n");
    expect_error({"batch", dir.file("typo.yaml"), "-o", dir.file("o")},
                 "typo.yaml:2: unknown key \"scene\"");
    write_text(dir.file("glob.yaml"),
               "project: " + project + "\nscenes:\n  glob: nothing/*_MTL.txt\nperiods: per_date\n");
    expect_error({"batch", dir.file("glob.yaml"), "-o", dir.file("o")}, "matches no file");
    write_text(dir.file("twice.yaml"),
               "project: " + project + "\nzone_sets:\n  - {name: a, source: " + kData +
                   "/landsat/marburg_grid.gpkg}\n  - {name: a, source: " + kData +
                   "/landsat/marburg_grid.gpkg}\n");
    expect_error({"batch", dir.file("twice.yaml"), "-o", dir.file("o")},
                 "would write the same output");
    write_text(dir.file("items.json"),
               R"({"type": "FeatureCollection", "features": [{"type": "Feature", "id": "L8",
                   "assets": {"mtl": {"href": "gone/LC08_L1TP_x_MTL.txt"}}}]})");
    write_text(dir.file("stac.yaml"),
               "project: " + project + "\nscenes:\n  stac: items.json\nperiods: per_date\n");
    expect_error({"batch", dir.file("stac.yaml"), "-o", dir.file("o")},
                 "item \"L8\": asset \"mtl\"");
    expect_error({"batch", kSeries, "-o", dir.file("o"), "--shard", "5/4"},
                 "--shard 5/4: the shard must be 1 to N");
    // --slurm on a machine without Slurm's client: the package to install is named.
    const auto no_slurm = run_program(
        GG_EXE, {"batch", kSeries, "-o", dir.file("o"), "--slurm", "4"}, {"PATH=/nonexistent"});
    EXPECT_EQ(no_slurm.exit_code, 1);
    EXPECT_NE(no_slurm.err.find("sbatch is not installed (Debian: apt-get install slurm-client)"),
              std::string::npos)
        << no_slurm.err;
}

}  // namespace
}  // namespace gg::test
