// The batch manifest and its tasks (assess/batch_manifest, assess/batch_tasks) on the real
// Landsat cut-outs: how scenes group into periods, the shard partition, and one list of keys for
// the reader, `batch --help` and docs/batch.md.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "assess/batch_tasks.hpp"
#include "assess/families.hpp"
#include "assess/zone_series.hpp"
#include "support/imagery_fixtures.hpp"
#include "support/run_command.hpp"

namespace gg::assess {
namespace {

const std::string kData = GG_DATA_DIR;

std::vector<BatchTask> tasks_of(const test::TempDir& dir, const std::string& periods) {
    test::write_text(dir.file("m.yaml"),
                     "project: " + kData + "/demo/landsat_sample.yaml\nscenes:\n  products: [" +
                         test::kL8Mtl + ", " + test::kL7Mtl + "]\nperiods: " + periods + "\n");
    return plan_batch(load_batch_manifest(dir.file("m.yaml"), builtin_families()));
}

TEST(BatchTasks, ScenesGroupPerDatePerYearOrPerRangeInDateOrder) {
    test::TempDir dir;
    // Listed 2013 first: tasks come in date order.
    const auto per_date = tasks_of(dir, "per_date");
    ASSERT_EQ(per_date.size(), 2u);
    EXPECT_EQ(per_date[0].period, "2001-07-30");
    EXPECT_EQ(per_date[1].period, "2013-07-07");
    EXPECT_EQ(per_date[1].project.year, 2013);  // the period's year, for records and targets
    EXPECT_NE(per_date[0].key, per_date[1].key);

    const auto yearly = tasks_of(dir, "yearly");
    ASSERT_EQ(yearly.size(), 2u);
    EXPECT_EQ(yearly[0].period, "2001");

    const auto ranges = tasks_of(dir,
                                 "[{name: early, start: 2000-01-01, end: 2009-12-31}, "
                                 "{name: late, start: 2010-01-01, end: 2020-12-31}, "
                                 "{name: none, start: 2021-01-01, end: 2021-12-31}]");
    ASSERT_EQ(ranges.size(), 3u);
    EXPECT_EQ(ranges[0].scenes, std::vector<std::string>{test::kL7Mtl});
    EXPECT_EQ(ranges[1].scenes, std::vector<std::string>{test::kL8Mtl});
    EXPECT_TRUE(ranges[0].error.empty());
    EXPECT_EQ(ranges[2].error, "no scene is dated 2021-01-01 to 2021-12-31");
    // The same scenes and zones under another period name and year: another task.
    EXPECT_NE(ranges[1].key, per_date[1].key);
    // Planning twice gives the same keys.
    EXPECT_EQ(tasks_of(dir, "per_date")[0].key, per_date[0].key);
}

TEST(BatchTasks, EveryTaskIsInExactlyOneShard) {
    std::vector<BatchTask> tasks(200);
    for (size_t i = 0; i < tasks.size(); ++i) {
        std::ostringstream key;
        key << std::hex << (i * 2654435761u) << "0000000000000000";
        tasks[i].key = key.str().substr(0, 16);
    }
    for (int count = 1; count <= 5; ++count)
        for (const auto& t : tasks) {
            int shards = 0;
            for (int index = 1; index <= count; ++index) shards += in_shard(t, index, count);
            EXPECT_EQ(shards, 1) << t.key << " of " << count;
        }
}

TEST(BatchManifest, HelpAndDocsListEveryKeyTheReaderAccepts) {
    const auto help = test::run_greengauge({"batch", "--help"});
    ASSERT_EQ(help.exit_code, 0);
    std::ifstream in(kData + "/../docs/batch.md");
    const std::string docs((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (const auto& k : batch_manifest_keys()) {
        const std::string name = k.section.empty() ? k.key : k.section + "." + k.key;
        EXPECT_NE(help.out.find("  " + name + " "), std::string::npos) << name;
        EXPECT_TRUE(docs.find("`" + name + "`") != std::string::npos ||
                    docs.find("." + k.key + "`") != std::string::npos)
            << name << " is not in docs/batch.md";
    }
}

}  // namespace
}  // namespace gg::assess

namespace gg::assess {
namespace {

// A series by hand: five yearly dates where green_share rises 0.01 a year, lst_mean_k rises 0.5 K
// a year and water_share falls 0.02 a year, exactly. Strictly monotonic, so Sen's slope is the
// step per year (every pairwise slope is) and Mann-Kendall S = 10 (all 10 pairs concordant),
// (-10 for water) z = (10 - 1) / sqrt(5 * 4 * 15 / 18) = 2.205, p = 0.027 < 0.05: significant.
// Greener is better, hotter is worse, water has no better side.
TEST(ZoneTrends, DirectionsFollowEachMetricsBetterSide) {
    Table series;
    series.columns = {{"zone_set", ColumnType::String},  {"zone_id", ColumnType::String},
                      {"zone_name", ColumnType::String}, {"date", ColumnType::String},
                      {"product", ColumnType::String},   {"metric", ColumnType::String},
                      {"value", ColumnType::Real},       {"valid_share", ColumnType::Real}};
    for (int k = 0; k < 5; ++k) {
        const std::string date = std::to_string(2019 + k) + "-07-01";
        series.rows.push_back({"s", "z1", "", date, "p", "green_share", 0.30 + 0.01 * k, 1.0});
        series.rows.push_back({"s", "z1", "", date, "p", "lst_mean_k", 300.0 + 0.5 * k, 1.0});
        series.rows.push_back({"s", "z1", "", date, "p", "water_share", 0.20 - 0.02 * k, 1.0});
    }
    const Table trends = zone_trends_table(series);
    ASSERT_EQ(trends.rows.size(), 3u);
    const std::map<std::string, std::pair<std::string, double>> expected = {
        {"green_share", {"improving", 0.01}},
        {"lst_mean_k", {"worsening", 0.5}},
        {"water_share", {"decreasing", -0.02}}};
    for (const auto& row : trends.rows) {
        const auto& [direction, slope] = expected.at(std::get<std::string>(row[3]));
        EXPECT_EQ(std::get<std::string>(row[13]), direction);
        // Per decimal year (days / 365.25): 2020 is a leap year, so one step spans 366 days and
        // the slope is the step x 365.25 / 365 or / 366, within 0.3 %.
        EXPECT_NEAR(std::get<double>(row[7]), slope, std::abs(slope) * 3e-3);
        EXPECT_EQ(std::get<int64_t>(row[10]), slope > 0 ? 10 : -10);
        EXPECT_NEAR(std::get<double>(row[12]), 0.0274, 1e-3);
    }
    const auto lines = trend_summary_lines(trends);
    EXPECT_EQ(lines[0],
              "green_share: of 1 zones with a trend (0 without: too few dates), 1 improve and 0 "
              "worsen significantly (p < 0.05)");
}

}  // namespace
}  // namespace gg::assess
