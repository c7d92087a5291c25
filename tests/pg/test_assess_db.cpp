// `greengauge assess --db PG:...` end to end: two runs appended to a real PostgreSQL/PostGIS
// history (the ctest fixture `pg`), read back. Own schema, so other tests' tables don't mix in.
#include <gdal_priv.h>
#include <gtest/gtest.h>

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
    // The GeoPackage holds the same history.
    EXPECT_EQ(read_table(dir.file("out/olinda.gpkg"), "runs").rows.size(), 2u);
}

}  // namespace
}  // namespace gg::test
