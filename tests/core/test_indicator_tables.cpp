// The long tables `indicators` and `scores` (core/indicator_tables): the columns in their order
// (the new ones appended after the existing ones) and the cells of the completeness and proxy
// columns. Expected values are worked out by hand in the comments (docs/frameworks.md "Scores").
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "core/framework.hpp"
#include "core/indicator_tables.hpp"

namespace {

using gg::Cell;
using gg::Table;

// Component a (weight 1): i1 over x and i2 over y, both target 10; component later (weight 1)
// is a placeholder; the programme has 5 indicators.
const std::string kFramework = R"(framework:
  id: tables
  name: Tables
  source: { citation: "Hand-written test" }
  indicator_count: 5
inputs:
  - { id: x, unit: "1" }
  - { id: y, unit: "1" }
components:
  - id: a
    indicators:
      - { id: i1, name: I1, unit: "1", expression: x, direction: higher,
          target: { value: 10, comparison: ">=", source: T } }
      - { id: i2, name: I2, unit: "1", expression: y, direction: higher,
          target: { value: 10, comparison: ">=", source: T } }
  - id: later
    indicators: []
)";

std::vector<std::string> names(const Table& t) {
    std::vector<std::string> out;
    for (const auto& c : t.columns) out.push_back(c.name);
    return out;
}

const Cell& cell(const Table& t, std::size_t row, const std::string& column) {
    for (std::size_t c = 0; c < t.columns.size(); ++c)
        if (t.columns[c].name == column) return t.rows.at(row).at(c);
    throw std::runtime_error("no column " + column);
}

// Zone z1: x = 5 (a proxy), y missing. Zone z2: x = 5, y = 10, no proxy.
std::vector<gg::ZoneFrameworkResults> zones() {
    const gg::Framework f = gg::parse_framework(kFramework, "fw.yaml");
    gg::ZoneValues one;
    one.numbers = {{"x", 5}};
    one.proxies["x"] = "x from a neighbouring zone";
    gg::ZoneValues two;
    two.numbers = {{"x", 5}, {"y", 10}};
    std::vector<gg::ZoneFrameworkResults> out(2);
    out[0].zone_id = "z1";
    out[0].frameworks.push_back(evaluate_framework(f, one, 2025));
    out[1].zone_id = "z2";
    out[1].frameworks.push_back(evaluate_framework(f, two, 2025));
    return out;
}

TEST(IndicatorTables, IndicatorsTableEndsWithProxyAndTheBaseline) {
    const Table t = gg::indicator_table("run1", zones());
    EXPECT_EQ(names(t),
              (std::vector<std::string>{
                  "run_id",         "zone_id",     "zone_name", "framework",        "component",
                  "indicator",      "value",       "unit",      "target",           "comparison",
                  "target_year",    "met",         "score",     "trajectory_value", "on_track",
                  "reason",         "inputs_used", "proxy",     "baseline",         "baseline_year",
                  "baseline_source"}));
    EXPECT_EQ(t.columns.back().type, gg::ColumnType::String);
    ASSERT_EQ(t.rows.size(), 4u);  // 2 zones x 2 indicators
    for (const auto& row : t.rows) EXPECT_EQ(row.size(), t.columns.size());
    // z1 i1 uses x: the note; z1 i2 uses y: empty cell; z2 has no proxies.
    EXPECT_EQ(std::get<std::string>(cell(t, 0, "proxy")), "x from a neighbouring zone");
    EXPECT_TRUE(std::holds_alternative<std::monostate>(cell(t, 1, "proxy")));
    EXPECT_TRUE(std::holds_alternative<std::monostate>(cell(t, 2, "proxy")));
    // The existing columns keep their values: z1 i1 = 5 -> 100 * 5 / 10 = 50, inputs_used x.
    EXPECT_DOUBLE_EQ(std::get<double>(cell(t, 0, "score")), 50);
    EXPECT_EQ(std::get<std::string>(cell(t, 0, "inputs_used")), "x");
}

TEST(IndicatorTables, ScoresTableHasCompletenessAfterRank) {
    std::vector<gg::ZoneFrameworkResults> z = zones();
    z[0].frameworks[0].rank = 2;
    const Table t = gg::score_table("run1", z);
    EXPECT_EQ(names(t), (std::vector<std::string>{"run_id", "zone_id", "zone_name", "framework",
                                                  "component", "score", "scored", "missing", "rank",
                                                  "indicators_valued", "indicators_defined",
                                                  "valued_weight_share", "complete", "status"}));
    using gg::ColumnType;
    EXPECT_EQ(t.columns[9].type, ColumnType::Integer);
    EXPECT_EQ(t.columns[10].type, ColumnType::Integer);
    EXPECT_EQ(t.columns[11].type, ColumnType::Real);
    EXPECT_EQ(t.columns[12].type, ColumnType::Integer);
    EXPECT_EQ(t.columns[13].type, ColumnType::String);
    // Per zone: a, later, then the framework total: 6 rows.
    ASSERT_EQ(t.rows.size(), 6u);
    for (const auto& row : t.rows) EXPECT_EQ(row.size(), t.columns.size());
    auto integer = [&](std::size_t row, const std::string& c) {
        return std::get<int64_t>(cell(t, row, c));
    };
    auto real = [&](std::size_t row, const std::string& c) {
        return std::get<double>(cell(t, row, c));
    };
    auto text = [&](std::size_t row, const std::string& c) {
        return std::get<std::string>(cell(t, row, c));
    };
    // z1 a: i1 valued, i2 missing: 1 of 2, share 1 / 2, not complete; score 50 (i1 alone),
    // scored 1, missing 1 as before.
    EXPECT_EQ(integer(0, "indicators_valued"), 1);
    EXPECT_EQ(integer(0, "indicators_defined"), 2);
    EXPECT_DOUBLE_EQ(real(0, "valued_weight_share"), 0.5);
    EXPECT_EQ(integer(0, "complete"), 0);
    EXPECT_EQ(text(0, "status"), "partial: 1 of 2 indicators");
    EXPECT_DOUBLE_EQ(real(0, "score"), 50);
    EXPECT_EQ(integer(0, "scored"), 1);
    EXPECT_EQ(integer(0, "missing"), 1);
    // z1 later: nothing defined: 0 of 0, share 0 (a number, not an empty cell), not complete.
    EXPECT_EQ(integer(1, "indicators_defined"), 0);
    EXPECT_DOUBLE_EQ(real(1, "valued_weight_share"), 0);
    EXPECT_EQ(text(1, "status"), "partial: 0 of 0 indicators");
    // z1 total: 1 valued of max(5, 2) = 5; share (1 x 0.5 + 1 x 0) / 2 = 0.25; its rank 2.
    EXPECT_TRUE(std::holds_alternative<std::monostate>(cell(t, 2, "component")));
    EXPECT_EQ(integer(2, "indicators_valued"), 1);
    EXPECT_EQ(integer(2, "indicators_defined"), 5);
    EXPECT_DOUBLE_EQ(real(2, "valued_weight_share"), 0.25);
    EXPECT_EQ(integer(2, "complete"), 0);
    EXPECT_EQ(text(2, "status"), "partial: 1 of 5 indicators");
    EXPECT_EQ(integer(2, "rank"), 2);
    // z2 a: 2 of 2, share 1, complete (1); the total is 2 of 5, share (1 + 0) / 2 = 0.5.
    EXPECT_EQ(integer(3, "complete"), 1);
    EXPECT_EQ(text(3, "status"), "complete");
    EXPECT_DOUBLE_EQ(real(3, "valued_weight_share"), 1);
    EXPECT_EQ(text(5, "status"), "partial: 2 of 5 indicators");
    EXPECT_DOUBLE_EQ(real(5, "valued_weight_share"), 0.5);
}

}  // namespace
