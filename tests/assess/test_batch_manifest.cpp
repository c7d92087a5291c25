// The batch manifest and its tasks (assess/batch_manifest, assess/batch_tasks) on the real
// Landsat cut-outs: how scenes group into periods, the shard partition, and one list of keys for
// the reader, `batch --help` and docs/batch.md.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "assess/batch_tasks.hpp"
#include "assess/families.hpp"
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
