// `greengauge assess --db PG:...` end to end: two runs appended to a real PostgreSQL/PostGIS
// history (the ctest fixture `pg`), read back. Own schema, so other tests' tables don't mix in.
#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <sstream>

#include "gis/gdal_setup.hpp"
#include "gis/history_store.hpp"
#include "support/baseline_framework.hpp"
#include "support/run_command.hpp"

namespace gg::test {
namespace {

// `pg` with a fresh schema `name` as its active schema (GDAL's PG driver then works inside it),
// so other tests' tables don't mix in.
std::string fresh_schema(const char* pg, const std::string& name) {
    init_gdal();
    GDALDatasetUniquePtr ds(GDALDataset::Open(pg, GDAL_OF_VECTOR | GDAL_OF_UPDATE));
    EXPECT_TRUE(ds);
    if (ds) {
        ds->ExecuteSQL(("DROP SCHEMA IF EXISTS " + name + " CASCADE").c_str(), nullptr, nullptr);
        ds->ExecuteSQL(("CREATE SCHEMA " + name).c_str(), nullptr, nullptr);
    }
    return std::string(pg) + " active_schema=" + name;
}

TEST(AssessDb, TwoRunsAreAppendedToPostgis) {
    const char* pg = std::getenv("GG_TEST_PG");
    ASSERT_NE(pg, nullptr) << "GG_TEST_PG is not set: run through ctest (fixture pg)";
    const std::string db = fresh_schema(pg, "gg_assess_test");
    TempDir dir;
    const std::string data = GG_DATA_DIR;
    for (int i = 0; i < 2; ++i) {
        const auto r = run_greengauge(
            {"assess", data + "/demo/olinda.yaml", "-o", dir.file("out"), "--db", db});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    const Table runs = read_table(db, "runs");
    ASSERT_EQ(runs.rows.size(), 2u);
    EXPECT_NE(runs.rows[0][0], runs.rows[1][0]);
    // The demo scores 2 frameworks: onep (2 indicators) + green_benchmarks (4) = 6 per tract.
    EXPECT_EQ(read_table(db, "indicators").rows.size(), 2u * 470 * 6);
    // Every zone metric of both runs: 470 tracts x the metric columns of the zones CSV (all
    // but the id CD_GEOCODI and the name NM_BAIR), each row under its run's id.
    const std::string csv = read_text(dir.file("out/olinda.csv"));
    const std::string header = csv.substr(0, csv.find("\r\n"));
    const size_t metrics = static_cast<size_t>(std::count(header.begin(), header.end(), ',')) - 1;
    const Table zone_metrics = read_table(db, "zone_metrics");
    EXPECT_EQ(zone_metrics.rows.size(), 2u * 470 * metrics);
    size_t of_second_run = 0;
    for (const auto& row : zone_metrics.rows) of_second_run += row[0] == runs.rows[1][0];
    EXPECT_EQ(of_second_run, 470 * metrics);
    // The GeoPackage holds the same history.
    EXPECT_EQ(read_table(dir.file("out/olinda.gpkg"), "runs").rows.size(), 2u);
    EXPECT_EQ(read_table(dir.file("out/olinda.gpkg"), "zone_metrics").rows.size(),
              zone_metrics.rows.size());
}

// A framework baseline given by a year alone, read from the PostgreSQL history when the output
// folder is new (its GeoPackage holds no earlier run): the zone's value in the 2010 run. The
// expected value: that run's own indicator rows in the database.
TEST(AssessDb, ABaselineYearIsReadFromThePostgisHistory) {
    const char* pg = std::getenv("GG_TEST_PG");
    ASSERT_NE(pg, nullptr) << "GG_TEST_PG is not set: run through ctest (fixture pg)";
    const std::string db = fresh_schema(pg, "gg_baseline_test");
    TempDir dir;
    const std::string data = GG_DATA_DIR;
    write_text(dir.file("fw.yaml"), kBaselineYearFramework);

    for (const int year : {2010, 2020}) {
        // Streams, not chains of +: GCC 12 warns (-Wrestrict) on such chains when inlined.
        std::ostringstream project, text, out;
        project << dir.file("p") << year << ".yaml";
        out << dir.file("out") << year;  // a new output folder each year: only the database
                                         // holds the 2010 run
        text << "name: t\nyear: " << year << "\nzones:\n  source: " << data
             << "/olinda/olinda1.shp\n  id_field: CD_GEOCODI\n  population_field: V014\n"
             << "imagery:\n  source: " << data
             << "/olinda/L7_ETMs.tif\n  red_band: 3\n  nir_band: 4\nframeworks: [./fw.yaml]\n";
        write_text(project.str(), text.str());
        const auto r = run_greengauge({"assess", project.str(), "-o", out.str(), "--db", db, "-q"});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    const Table runs = read_table(db, "runs"), t = read_table(db, "indicators");
    ASSERT_EQ(runs.rows.size(), 2u);
    const auto col = [&](const std::string& name) {
        for (size_t c = 0; c < t.columns.size(); ++c)
            if (t.columns[c].name == name) return c;
        ADD_FAILURE() << name;
        return size_t{0};
    };
    std::map<std::string, Cell> value_2010;
    for (const auto& row : t.rows)
        if (row[col("run_id")] == runs.rows[0][0])
            value_2010[std::get<std::string>(row[col("zone_id")])] = row[col("value")];
    size_t compared = 0;
    for (const auto& row : t.rows) {
        if (row[col("run_id")] != runs.rows[1][0]) continue;
        const Cell& before = value_2010.at(std::get<std::string>(row[col("zone_id")]));
        if (!std::holds_alternative<double>(before)) continue;
        EXPECT_EQ(row[col("baseline")], before);
        std::string source = "run history, run ";
        source.append(std::get<std::string>(runs.rows[0][0]));
        EXPECT_EQ(std::get<std::string>(row[col("baseline_source")]), source);
        ++compared;
    }
    EXPECT_GT(compared, 400u);
}

}  // namespace
}  // namespace gg::test
