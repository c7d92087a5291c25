// `greengauge assess --db PG:...` end to end: two runs appended to a real PostgreSQL/PostGIS
// history (the ctest fixture `pg`), read back. Own schema, so other tests' tables don't mix in.
#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>

#include "gis/gdal_setup.hpp"
#include "gis/history_store.hpp"
#include "support/run_command.hpp"

namespace gg::test {
namespace {

TEST(AssessDb, TwoRunsAreAppendedToPostgis) {
    const char* pg = std::getenv("GG_TEST_PG");
    ASSERT_NE(pg, nullptr) << "GG_TEST_PG is not set: run through ctest (fixture pg)";
    init_gdal();
    {
        // A fresh schema for this test; GDAL's PG driver then works inside it (active_schema).
        GDALDatasetUniquePtr ds(GDALDataset::Open(pg, GDAL_OF_VECTOR | GDAL_OF_UPDATE));
        ASSERT_TRUE(ds);
        ds->ExecuteSQL("DROP SCHEMA IF EXISTS gg_assess_test CASCADE", nullptr, nullptr);
        ds->ExecuteSQL("CREATE SCHEMA gg_assess_test", nullptr, nullptr);
    }
    const std::string db = std::string(pg) + " active_schema=gg_assess_test";
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

}  // namespace
}  // namespace gg::test
