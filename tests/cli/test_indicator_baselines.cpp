// Framework baselines given by a year alone, end to end: the zone's own value of that year is
// read from the run history (the project's GeoPackage, an earlier run of that year) or from the
// records CSV (the zone's row of that year, a column named by the indicator), and shown beside
// the score with its source. Expected values: the earlier run's own indicator values, read back
// from its history rows, and the score and trajectory formulas of docs/frameworks.md applied to
// them here.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "gis/history_store.hpp"
#include "support/baseline_framework.hpp"
#include "support/run_command.hpp"

namespace gg::test {
namespace {

const std::string kData = GG_DATA_DIR;

struct City {
    TempDir dir;
    std::string out = dir.file("out");
    City() { write_text(dir.file("fw.yaml"), kBaselineYearFramework); }
    // A run of `year` with green where NDVI >= threshold; `extra` project lines.
    CommandResult assess(int year, double threshold, const std::string& extra = "") const {
        // A stream, not a chain of +: GCC 12 warns (-Wrestrict) on such chains when inlined.
        std::ostringstream name, project;
        name << "p" << year << ".yaml";
        const std::string path = dir.file(name.str());
        project << "name: t\nyear: " << year << "\nzones:\n  source: " << kData
                << "/olinda/olinda1.shp\n  id_field: CD_GEOCODI\n  population_field: V014\n"
                << "imagery:\n  source: " << kData
                << "/olinda/L7_ETMs.tif\n  red_band: 3\n  nir_band: 4\n"
                << "green:\n  ndvi_threshold: " << threshold << "\nframeworks: [./fw.yaml]\n"
                << extra;
        write_text(path, project.str());
        return run_greengauge({"assess", path, "-o", out, "-q"});
    }
};

size_t column(const Table& t, const std::string& name) {
    for (size_t c = 0; c < t.columns.size(); ++c)
        if (t.columns[c].name == name) return c;
    ADD_FAILURE() << "no column " << name;
    return 0;
}

std::string text(const Cell& c) {
    const auto* s = std::get_if<std::string>(&c);
    return s ? *s : "";
}

// The indicator rows of run `run_id`, by zone.
std::map<std::string, std::vector<Cell>> rows_of_run(const Table& t, const std::string& run_id) {
    std::map<std::string, std::vector<Cell>> rows;
    for (const auto& row : t.rows)
        if (text(row[column(t, "run_id")]) == run_id) rows[text(row[column(t, "zone_id")])] = row;
    return rows;
}

TEST(IndicatorBaselines, ABaselineYearIsReadFromTheRunHistoryAndShownWithItsSource) {
    City city;
    ASSERT_EQ(city.assess(2010, 0.3).exit_code, 0);
    const auto later = city.assess(2020, 0.2);  // more pixels green: a different value
    ASSERT_EQ(later.exit_code, 0) << later.err;

    const Table runs = read_table(city.out + "/t.gpkg", "runs");
    ASSERT_EQ(runs.rows.size(), 2u);
    const std::string first = text(runs.rows[0][column(runs, "run_id")]);
    const std::string second = text(runs.rows[1][column(runs, "run_id")]);
    const Table t = read_table(city.out + "/t.gpkg", "indicators");
    const auto before = rows_of_run(t, first), now = rows_of_run(t, second);
    ASSERT_EQ(before.size(), 470u);
    ASSERT_EQ(now.size(), 470u);
    const size_t value = column(t, "value"), baseline = column(t, "baseline"),
                 source = column(t, "baseline_source"), score = column(t, "score"),
                 trajectory = column(t, "trajectory_value"), reason = column(t, "reason");

    // The first run of 2010 has no earlier 2010 run to read: no baseline, and why.
    EXPECT_TRUE(std::holds_alternative<std::monostate>(before.begin()->second[baseline]));
    EXPECT_NE(text(before.begin()->second[reason]).find("missing baseline value for 2010"),
              std::string::npos);

    std::string from_history = "run history, run ";  // appended: GCC 12 warns on a + here
    from_history.append(first);
    size_t scored = 0, moved = 0;
    for (const auto& [zone, row] : now) {
        const auto* b = std::get_if<double>(&before.at(zone)[value]);
        const auto* v = std::get_if<double>(&row[value]);
        if (b == nullptr || v == nullptr) continue;  // no value in one of the runs: no baseline
        ASSERT_TRUE(std::holds_alternative<double>(row[baseline])) << zone;
        EXPECT_EQ(std::get<double>(row[baseline]), *b) << zone;
        EXPECT_EQ(text(row[source]), from_history) << zone;
        moved += *v != *b;
        if (*b >= 50) continue;  // a baseline that meets the target scores without it
        // docs/frameworks.md: 100 (v - b) / (t - b) clamped to [0, 100]; the trajectory on the
        // line from (2010, b) to (2030, 50) at 2020.
        const double want = std::clamp(100 * (*v - *b) / (50 - *b), 0.0, 100.0);
        EXPECT_NEAR(std::get<double>(row[score]), want, 1e-9) << zone;
        EXPECT_NEAR(std::get<double>(row[trajectory]), *b + (50 - *b) * 10 / 20, 1e-9) << zone;
        ++scored;
    }
    EXPECT_GT(scored, 100u);  // the comparison covers many tracts, not a few
    EXPECT_GT(moved, 100u);   // and the baseline is not the current value under another name
}

// The records CSV comes before the history: the zone's row of the baseline year, the column
// named by the indicator. Text there is an error naming the file, zone, year and column.
TEST(IndicatorBaselines, TheRecordsCsvGivesABaselineBeforeTheHistory) {
    City city;
    ASSERT_EQ(city.assess(2010, 0.3).exit_code, 0);
    write_text(city.dir.file("records.csv"), "zone_id,year,green_pct\n260960005000001,2010,12.5\n");
    const auto r = city.assess(2020, 0.2, "records: records.csv\n");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const Table t = read_table(city.out + "/t.gpkg", "indicators");
    const Table runs = read_table(city.out + "/t.gpkg", "runs");
    const auto now = rows_of_run(t, text(runs.rows[1][column(runs, "run_id")]));
    const auto& row = now.at("260960005000001");
    EXPECT_EQ(std::get<double>(row[column(t, "baseline")]), 12.5);
    EXPECT_EQ(text(row[column(t, "baseline_source")]), "records CSV");
    EXPECT_EQ(std::get<int64_t>(row[column(t, "baseline_year")]), 2010);
    // Another tract has no record: its baseline comes from the history.
    EXPECT_EQ(text(now.at("260960005000002")[column(t, "baseline_source")]).rfind("run history", 0),
              0u);

    write_text(city.dir.file("records.csv"), "zone_id,year,green_pct\n260960005000001,2010,abc\n");
    const auto bad = city.assess(2021, 0.2, "records: records.csv\n");
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_NE(bad.err.find("records.csv: zone 260960005000001, year 2010: input green_pct is not a "
                           "number (\"abc\")"),
              std::string::npos)
        << bad.err;
}

}  // namespace
}  // namespace gg::test
