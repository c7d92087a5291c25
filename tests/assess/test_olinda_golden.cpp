// The Olinda demo against its output before the assessment library: tests/assess/golden/
// olinda_ca6227a.csv was written by `greengauge assess data/demo/olinda.yaml` at commit ca6227a
// (the CLI's own assess code, before the metric families). The refactor changes no number: every
// old column is compared value by value (to 1e-12 relative, the reorder of sums allows no
// more), and the only new column is image_coverage_share. A change that moves a number on
// purpose regenerates the golden file and says so in its commit.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <sstream>

#include "support/run_command.hpp"

namespace gg::test {
namespace {

const std::string kData = GG_DATA_DIR;

std::vector<std::vector<std::string>> rows_of(std::string text) {
    // The CSVs start with a UTF-8 byte order mark by default (for Excel); the golden file does not.
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
    std::vector<std::vector<std::string>> rows;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        // The demo's fields hold no commas or quotes (ids, Portuguese names, numbers).
        std::vector<std::string> cells;
        std::stringstream cells_in(line);
        for (std::string cell; std::getline(cells_in, cell, ',');) cells.push_back(cell);
        if (!line.empty() && line.back() == ',') cells.push_back("");
        rows.push_back(cells);
    }
    return rows;
}

TEST(OlindaGolden, TheDemoWritesTheSameNumbersAsBeforeTheLibrary) {
    const std::string self = __FILE__;
    const std::string golden_path = self.substr(0, self.rfind('/')) + "/golden/olinda_ca6227a.csv";
    const auto before = rows_of(read_text(golden_path));
    TempDir dir;
    const auto r = run_greengauge({"assess", kData + "/demo/olinda.yaml", "-o", dir.path()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto after = rows_of(read_text(dir.file("olinda.csv")));
    ASSERT_EQ(before.size(), 471u);
    ASSERT_EQ(after.size(), before.size());
    std::map<std::string, size_t> column;
    for (size_t c = 0; c < after[0].size(); ++c) column[after[0][c]] = c;
    for (const auto& name : before[0]) ASSERT_TRUE(column.count(name)) << name << " is gone";
    EXPECT_EQ(after[0].size(), before[0].size() + 1);
    EXPECT_TRUE(column.count("image_coverage_share"));
    for (size_t row = 1; row < before.size(); ++row) {
        for (size_t c = 0; c < before[0].size(); ++c) {
            const std::string& old_text = before[row][c];
            const std::string& new_text = after[row][column[before[0][c]]];
            if (old_text == new_text) continue;
            char* end = nullptr;
            const double a = std::strtod(old_text.c_str(), &end);
            const double b = std::strtod(new_text.c_str(), nullptr);
            ASSERT_TRUE(*end == '\0' && !old_text.empty())
                << before[0][c] << " row " << row << ": " << old_text << " -> " << new_text;
            EXPECT_LE(std::abs(a - b), 1e-12 * std::max(std::abs(a), 1e-300))
                << before[0][c] << " row " << row << ": " << old_text << " -> " << new_text;
        }
    }
}

}  // namespace
}  // namespace gg::test
