// `greengauge assess` with indicator frameworks, end to end: history appended run after run,
// values derived by hand from the inputs, and bad framework/records/database input.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <sstream>

#include "gis/history_store.hpp"
#include "support/run_command.hpp"

namespace gg::test {
namespace {

namespace fs = std::filesystem;

const std::string kData = GG_DATA_DIR;

// A user framework: one indicator from the records, one that divides by zero, one by class.
const char* kFramework = R"(framework:
  id: test_city
  version: "1"
  name: {en: Test city}
  source: {citation: "written for this test"}
inputs:
  - id: trees_planted
    unit: trees
    description: {en: Trees planted this year}
    from: records
  - id: municipality_type
    unit: class
    description: {en: city or town}
    from: zone_attribute
components:
  - id: green
    name: {en: Green}
    weight: 1
    indicators:
      - id: trees_per_1000
        name: {en: Trees planted per 1000 residents}
        unit: trees/1000 persons
        expression: trees_planted / population * 1000
        direction: higher
        target: {value: 10, comparison: ">=", source: "test"}
      - id: broken_ratio
        name: {en: Divides by zero}
        unit: "1"
        expression: green_area_m2 / (population - population)
        direction: higher
        target: {value: 1, comparison: ">=", source: "test"}
      - id: green_pct
        name: {en: Green share}
        unit: "%"
        expression: green_share * 100
        direction: higher
        target:
          by: municipality_type
          values: {city: 15, town: 20}
          comparison: ">="
          source: "test"
)";

struct Project {
    TempDir dir;
    std::string path = dir.file("p.yaml");
    std::string out = dir.file("out");
    explicit Project(const std::string& records_csv, const std::string& framework = kFramework,
                     const std::string& extra = "") {
        write_text(dir.file("fw.yaml"), framework);
        write_text(dir.file("records.csv"), records_csv);
        write_text(path, "name: t\nyear: 2024\nzones:\n  source: " + kData +
                             "/olinda/olinda1.shp\n  id_field: CD_GEOCODI\n"
                             "  population_field: V014\nimagery:\n  source: " +
                             kData +
                             "/olinda/L7_ETMs.tif\n  red_band: 3\n  nir_band: 4\n"
                             "frameworks: [./fw.yaml]\nrecords: records.csv\n"
                             "zone_inputs:\n  municipality_type: {value: town}\n" +
                             extra);
    }
    CommandResult assess(std::vector<std::string> extra = {}) const {
        std::vector<std::string> args = {"assess", path, "-o", out};
        args.insert(args.end(), extra.begin(), extra.end());
        return run_greengauge(args);
    }
};

// Tract 260960005000001 has V014 = 1119 residents (ogrinfo); 2024: 56 trees planted.
const char* kRecords = "zone_id,year,trees_planted\n260960005000001,2024,56\n";

size_t row_of(const Table& t, const std::string& zone, const std::string& indicator) {
    for (size_t r = 0; r < t.rows.size(); ++r)
        if (std::get<std::string>(t.rows[r][1]) == zone &&
            std::get<std::string>(t.rows[r][5]) == indicator)
            return r;
    ADD_FAILURE() << "no row for " << zone << " " << indicator;
    return 0;
}

size_t column(const Table& t, const std::string& name) {
    for (size_t c = 0; c < t.columns.size(); ++c)
        if (t.columns[c].name == name) return c;
    ADD_FAILURE() << "no column " << name;
    return 0;
}

TEST(AssessIndicators, ValuesScoresAndReasons) {
    Project p(kRecords);
    const auto r = p.assess();
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const Table t = read_table(p.out + "/t.gpkg", "indicators");
    // 470 zones x 3 indicators.
    EXPECT_EQ(t.rows.size(), 470u * 3);
    const auto& row = t.rows[row_of(t, "260960005000001", "trees_per_1000")];
    // 56 / 1119 * 1000 = 50.0447 trees per 1000 residents, beyond the target 10: score 100.
    EXPECT_NEAR(std::get<double>(row[column(t, "value")]), 56.0 / 1119 * 1000, 1e-9);
    EXPECT_EQ(std::get<int64_t>(row[column(t, "met")]), 1);
    EXPECT_DOUBLE_EQ(std::get<double>(row[column(t, "score")]), 100.0);
    // Another tract has no record: no value, no score, and the reason.
    const auto& other = t.rows[row_of(t, "260960005000002", "trees_per_1000")];
    EXPECT_TRUE(std::holds_alternative<std::monostate>(other[column(t, "score")]));
    EXPECT_NE(std::get<std::string>(other[column(t, "reason")]).find("trees_planted"),
              std::string::npos);
    // Division by zero: a missing value with a reason, never inf.
    const auto& broken = t.rows[row_of(t, "260960005000001", "broken_ratio")];
    EXPECT_TRUE(std::holds_alternative<std::monostate>(broken[column(t, "value")]));
    EXPECT_FALSE(std::get<std::string>(broken[column(t, "reason")]).empty());
    // By-class target: every zone is a "town" here, so the target is 20 %.
    const auto& green = t.rows[row_of(t, "260960005000001", "green_pct")];
    EXPECT_DOUBLE_EQ(std::get<double>(green[column(t, "target")]), 20.0);
    // The JSON and CSV copies exist; no "inf" anywhere.
    const std::string json = read_text(p.out + "/t_indicators.json");
    EXPECT_EQ(json.find("inf"), std::string::npos);
    EXPECT_NE(read_text(p.out + "/t_indicators.csv").find("trees_per_1000"), std::string::npos);
}

// The terminal summary: an indicator without a target shows "-" under "met", not 0.
TEST(AssessIndicators, SummaryShowsNoMetCountWithoutATarget) {
    std::string framework = kFramework;
    framework.append(
        "      - id: trees_count\n        name: {en: Trees planted}\n        unit: trees\n"
        "        expression: trees_planted\n        direction: higher\n");
    Project p(kRecords, framework);
    const auto r = p.assess();
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto line_of = [&](const std::string& id) {
        const size_t at = r.out.find("  " + id + " ");
        return at == std::string::npos ? std::string()
                                       : r.out.substr(at, r.out.find('\n', at) - at);
    };
    std::istringstream no_target(line_of("trees_count"));
    std::string id, valued, met;
    no_target >> id >> valued >> met;
    EXPECT_EQ(valued, "1") << r.out;  // one tract has a record
    EXPECT_EQ(met, "-") << r.out;
    std::istringstream with_target(line_of("trees_per_1000"));
    with_target >> id >> valued >> met;
    EXPECT_EQ(met, "1") << r.out;  // 50.04 trees per 1000 >= 10
}

// The wetlands demo scores IMT-GT SUDF, whose targets come from records it does not have: no
// zone can be compared with a target, so "met" is "-" (0 read as "no zone meets it"), and the
// per-zone score table is one line instead of 20 rows of "-".
TEST(AssessIndicators, TargetsWithoutTheirInputsShowNoMetCountAndNoEmptyScoreTable) {
    TempDir out;
    const auto r =
        run_greengauge({"assess", kData + "/demo/olinda_wetlands.yaml", "-o", out.path()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const size_t at = r.out.find("  green_per_capita ");
    ASSERT_NE(at, std::string::npos) << r.out;
    std::istringstream line(r.out.substr(at, r.out.find('\n', at) - at));
    std::string id, valued, met;
    line >> id >> valued >> met;
    EXPECT_EQ(valued, "470");
    EXPECT_EQ(met, "-") << r.out;
    EXPECT_NE(r.out.find("Scores 0-100 per zone: none of the 470 zones could be scored (inputs "
                         "missing: see the warnings above)"),
              std::string::npos)
        << r.out;
    EXPECT_EQ(r.out.find("Scores 0-100 per zone (the"), std::string::npos) << r.out;
}

TEST(AssessIndicators, ReRunAppendsHistory) {
    Project p(kRecords);
    ASSERT_EQ(p.assess().exit_code, 0);
    ASSERT_EQ(p.assess().exit_code, 0);
    const Table runs = read_table(p.out + "/t.gpkg", "runs");
    ASSERT_EQ(runs.rows.size(), 2u);
    EXPECT_NE(runs.rows[0][0], runs.rows[1][0]);  // two distinct run ids
    EXPECT_EQ(read_table(p.out + "/t.gpkg", "indicators").rows.size(), 2u * 470 * 3);
    // The zones layer is still there and opens with OGR (as QGIS would).
    GDALDatasetUniquePtr ds(GDALDataset::Open((p.out + "/t.gpkg").c_str(), GDAL_OF_VECTOR));
    ASSERT_TRUE(ds);
    ASSERT_NE(ds->GetLayerByName("zones"), nullptr);
    EXPECT_EQ(ds->GetLayerByName("zones")->GetFeatureCount(), 470);
}

void expect_clean_failure(const Project& p, const CommandResult& r, const std::string& names,
                          const std::string& problem) {
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(r.err.rfind("greengauge: error: ", 0), 0u) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_NE(r.err.find(names), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(problem), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(p.out + "/t.gpkg"));
}

TEST(AssessIndicators, UnknownMetricNamesFileAndLine) {
    std::string fw = kFramework;
    fw.replace(fw.find("trees_planted / population"), 26, "trees_planted / populaton");
    Project p(kRecords, fw);
    expect_clean_failure(p, p.assess(), "fw.yaml:", "populaton");
}

TEST(AssessIndicators, MalformedFrameworkYaml) {
    Project p(kRecords, "framework: [unclosed\n");
    expect_clean_failure(p, p.assess(), "fw.yaml", "");
}

TEST(AssessIndicators, RecordsWithUnknownZoneIds) {
    Project p("zone_id,year,trees_planted\n999999,2024,5\n");
    expect_clean_failure(p, p.assess(), "records.csv", "999999");
}

TEST(AssessIndicators, RecordsWithNonNumericValue) {
    Project p("zone_id,year,trees_planted\n260960005000001,2024,many\n");
    expect_clean_failure(p, p.assess(), "records.csv", "many");
}

TEST(AssessIndicators, UnreachableDatabaseLeavesNoGeoPackage) {
    // Nothing listens on port 9 of the loopback interface.
    Project p(kRecords);
    const auto r = p.assess({"--db", "PG:host=127.0.0.1 port=9 dbname=x user=u password=secret"});
    expect_clean_failure(p, r, "PG:", "");
    EXPECT_EQ(r.err.find("secret"), std::string::npos) << r.err;
}

TEST(AssessIndicators, MissingFrameworkInputsAreListed) {
    // No zone_inputs for municipality_type: assess warns and the by-class indicator stays
    // without a score, instead of inventing a class.
    Project p(kRecords);
    std::string text = read_text(p.path);
    text.erase(text.find("zone_inputs:"));
    write_text(p.path, text);
    const auto r = p.assess();
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("municipality_type"), std::string::npos) << r.err;
    const Table t = read_table(p.out + "/t.gpkg", "indicators");
    const auto& green = t.rows[row_of(t, "260960005000001", "green_pct")];
    EXPECT_TRUE(std::holds_alternative<std::monostate>(green[column(t, "score")]));
}

}  // namespace
}  // namespace gg::test
