// How much of a framework score is scored (docs/frameworks.md "Scores"): indicators_defined,
// indicators_valued, valued_weight_share, complete and the status text. Every expected value is
// worked out by hand in the comment next to it from the rules of the doc:
//   defined  = indicators with a target (framework: at least indicator_count)
//   valued   = of those, the ones with a score
//   share    = component: scored weights / target weights;
//              framework: sum(component weight x component share) / sum(component weights)
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/framework.hpp"

namespace {

using gg::FrameworkResult;
using gg::ZoneValues;

// Component a (weight 1): a1 (weight 1) over x, a2 (weight 3) over y, report-only r over x.
// Component b (weight 3): b1 and b2 (weight 2 each) over z. Component later (weight 2): empty.
// Every target is 10, higher is better, so a value of 5 scores 100 * 5 / 10 = 50.
// COUNT is replaced by an indicator_count line (or nothing).
const std::string kMixed = R"(framework:
  id: mixed
  name: Mixed weights
  source: { citation: "Hand-written test" }
COUNT
inputs:
  - { id: x, unit: "1" }
  - { id: y, unit: "1" }
  - { id: z, unit: "1" }
components:
  - id: a
    weight: 1
    indicators:
      - { id: a1, name: A1, unit: "1", expression: x, direction: higher, weight: 1,
          target: { value: 10, comparison: ">=", source: T } }
      - { id: a2, name: A2, unit: "1", expression: y, direction: higher, weight: 3,
          target: { value: 10, comparison: ">=", source: T } }
      - { id: r, name: Report only, unit: "1", expression: x * 2, direction: higher }
  - id: b
    weight: 3
    indicators:
      - { id: b1, name: B1, unit: "1", expression: z, direction: higher, weight: 2,
          target: { value: 10, comparison: ">=", source: T } }
      - { id: b2, name: B2, unit: "1", expression: z + 1, direction: higher, weight: 2,
          target: { value: 10, comparison: ">=", source: T } }
  - id: later
    weight: 2
    indicators: []
)";

gg::Framework mixed(const std::string& count_line = "") {
    std::string text = kMixed;
    text.replace(text.find("COUNT\n"), 6, count_line.empty() ? "" : count_line + "\n");
    return gg::parse_framework(text, "fw.yaml");
}

// x and z given, y missing: a1, b1, b2 and r have values, a2 has none.
ZoneValues no_y() {
    ZoneValues z;
    z.numbers = {{"x", 5}, {"z", 5}};
    return z;
}

TEST(FrameworkCompleteness, ComponentCountsAndWeightShares) {
    const FrameworkResult r = evaluate_framework(mixed(), no_y(), 2025);
    ASSERT_EQ(r.components.size(), 3u);
    const auto& a = r.components[0];
    // a: a1 and a2 have targets (r does not): defined 2; only a1 scored: valued 1;
    // share = weight of a1 / (a1 + a2) = 1 / (1 + 3) = 0.25.
    EXPECT_EQ(a.indicators_defined, 2);
    EXPECT_EQ(a.indicators_valued, 1);
    EXPECT_DOUBLE_EQ(a.valued_weight_share, 0.25);
    EXPECT_FALSE(a.complete);
    EXPECT_EQ(gg::status(a), "partial: 1 of 2 indicators");
    // The existing counts and the score are unchanged: scored 1, missing 1, score = a1 alone = 50.
    EXPECT_EQ(a.scored, 1);
    EXPECT_EQ(a.missing, 1);
    EXPECT_DOUBLE_EQ(*a.score, 50);
    const auto& b = r.components[1];
    // b: both scored: 2 of 2, share (2 + 2) / (2 + 2) = 1, complete.
    EXPECT_EQ(b.indicators_defined, 2);
    EXPECT_EQ(b.indicators_valued, 2);
    EXPECT_DOUBLE_EQ(b.valued_weight_share, 1);
    EXPECT_TRUE(b.complete);
    EXPECT_EQ(gg::status(b), "complete");
    const auto& later = r.components[2];
    // The placeholder defines nothing: 0 of 0, share 0, and not complete (nothing to score).
    EXPECT_EQ(later.indicators_defined, 0);
    EXPECT_EQ(later.indicators_valued, 0);
    EXPECT_DOUBLE_EQ(later.valued_weight_share, 0);
    EXPECT_FALSE(later.complete);
    EXPECT_EQ(gg::status(later), "partial: 0 of 0 indicators");
}

TEST(FrameworkCompleteness, FrameworkCountsAndWeightShare) {
    const FrameworkResult r = evaluate_framework(mixed(), no_y(), 2025);
    // defined = 2 (a) + 2 (b) + 0 (later) = 4; valued = 1 + 2 = 3.
    EXPECT_EQ(r.indicators_defined, 4);
    EXPECT_EQ(r.indicators_valued, 3);
    // share = (1 x 0.25 + 3 x 1 + 2 x 0) / (1 + 3 + 2) = 3.25 / 6.
    EXPECT_DOUBLE_EQ(r.valued_weight_share, 3.25 / 6);
    EXPECT_FALSE(r.complete);
    EXPECT_EQ(gg::status(r), "partial: 3 of 4 indicators");
    // The score is still the weighted mean of the scored components: a = 50 (a1 alone), b =
    // (50 x 2 + 60 x 2) / 4 = 55 (b2 = z + 1 = 6 -> 60); framework = (50 x 1 + 55 x 3) / 4 = 53.75.
    EXPECT_DOUBLE_EQ(*r.components[1].score, 55);
    EXPECT_DOUBLE_EQ(*r.score, 53.75);
}

TEST(FrameworkCompleteness, IndicatorCountLargerThanTheFile) {
    // indicator_count 10 > the 4 target indicators of the file: defined = max(10, 4) = 10.
    const FrameworkResult r = evaluate_framework(mixed("  indicator_count: 10"), no_y(), 2025);
    EXPECT_EQ(r.indicators_defined, 10);
    EXPECT_EQ(r.indicators_valued, 3);
    EXPECT_FALSE(r.complete);
    EXPECT_EQ(gg::status(r), "partial: 3 of 10 indicators");
    // The share and the score do not change with the count: 3.25 / 6 and 53.75 as above.
    EXPECT_DOUBLE_EQ(r.valued_weight_share, 3.25 / 6);
    EXPECT_DOUBLE_EQ(*r.score, 53.75);
    // Components keep their own counts (a: 1 of 2).
    EXPECT_EQ(r.components[0].indicators_defined, 2);

    // Even with every file indicator valued it is 4 of 10, never complete.
    ZoneValues all = no_y();
    all.numbers["y"] = 5;
    const FrameworkResult full = evaluate_framework(mixed("  indicator_count: 10"), all, 2025);
    EXPECT_EQ(full.indicators_valued, 4);
    EXPECT_FALSE(full.complete);
    EXPECT_EQ(gg::status(full), "partial: 4 of 10 indicators");
}

TEST(FrameworkCompleteness, PlaceholderComponentKeepsTheFrameworkPartial) {
    // All 4 target indicators valued, but component later (weight 2) has none to score:
    // share = (1 x 1 + 3 x 1 + 2 x 0) / 6 = 4 / 6, and the framework is not complete although
    // 4 of 4 defined indicators are valued.
    ZoneValues all = no_y();
    all.numbers["y"] = 5;
    const FrameworkResult r = evaluate_framework(mixed(), all, 2025);
    EXPECT_EQ(r.indicators_defined, 4);
    EXPECT_EQ(r.indicators_valued, 4);
    EXPECT_DOUBLE_EQ(r.valued_weight_share, 4.0 / 6);
    EXPECT_FALSE(r.complete);
    EXPECT_EQ(gg::status(r), "partial: 4 of 4 indicators");
    EXPECT_TRUE(r.components[0].complete);  // a: 2 of 2 now
    EXPECT_DOUBLE_EQ(r.components[0].valued_weight_share, 1);
}

TEST(FrameworkCompleteness, EveryIndicatorValuedIsComplete) {
    // Without the placeholder and with x, y and z: a and b are 2 of 2 each, share 1, complete.
    std::string text = kMixed;
    text.replace(text.find("COUNT\n"), 6, "  indicator_count: 4\n");  // = the file's 4
    text.erase(text.find("  - id: later"));
    ZoneValues all = no_y();
    all.numbers["y"] = 5;
    const FrameworkResult r = evaluate_framework(gg::parse_framework(text, "fw.yaml"), all, 2025);
    EXPECT_EQ(r.indicators_defined, 4);
    EXPECT_EQ(r.indicators_valued, 4);
    EXPECT_DOUBLE_EQ(r.valued_weight_share, 1);  // (1 x 1 + 3 x 1) / 4
    EXPECT_TRUE(r.complete);
    EXPECT_EQ(gg::status(r), "complete");
}

TEST(FrameworkCompleteness, NothingValuedHasShareZero) {
    // No numbers at all: 0 of 4 and share 0 (not undefined), no score.
    const FrameworkResult r = evaluate_framework(mixed(), ZoneValues{}, 2025);
    EXPECT_EQ(r.indicators_valued, 0);
    EXPECT_EQ(r.indicators_defined, 4);
    EXPECT_DOUBLE_EQ(r.valued_weight_share, 0);
    EXPECT_FALSE(r.score.has_value());
    EXPECT_EQ(gg::status(r), "partial: 0 of 4 indicators");
}

// data/frameworks of this source tree, from this file's path.
std::string builtin(const std::string& name) {
    const std::string self = __FILE__;
    const std::string tail = "tests/core/test_framework_completeness.cpp";
    return (std::filesystem::path(self.substr(0, self.size() - tail.size())) / "data" /
            "frameworks" / name)
        .string();
}

TEST(FrameworkCompleteness, DeqpSustainableEnvironmentCityIsOneOf34) {
    // Green share 0.3 of a town (target 20 %): 100 * 30 / 20 -> 100. public_green_share is not
    // available yet. The score stays 100, but it is 1 of the programme's 34 (indicator_count):
    // share = 25 x (1 / 2) / (4 x 25) = 0.125 (the three placeholders count 0).
    const gg::Framework f =
        gg::load_framework_file(builtin("deqp_sustainable_environment_city.yaml"));
    ZoneValues z;
    z.numbers["green_share"] = 0.3;
    z.classes["municipality_type"] = "town";
    const FrameworkResult r = evaluate_framework(f, z, 2025);
    EXPECT_DOUBLE_EQ(*r.score, 100);
    EXPECT_EQ(r.indicators_defined, 34);
    EXPECT_EQ(r.indicators_valued, 1);
    EXPECT_DOUBLE_EQ(r.valued_weight_share, 0.125);
    EXPECT_FALSE(r.complete);
    EXPECT_EQ(gg::status(r), "partial: 1 of 34 indicators");
}

TEST(FrameworkCompleteness, GreenBangkokWithoutResidentsIsOneOf3) {
    // Population 0: upstream leaves green_m2_per_capita out with the reason "no residents".
    // Canopy 0.35: 35 % with baseline 17 and target 30 -> 100 (35 - 17) / 13 -> 100. The
    // 400 m indicator needs a metric not available yet. Score 100 from 1 of 3 (share 1 / 3).
    const gg::Framework f = gg::load_framework_file(builtin("green_bangkok_2030.yaml"));
    ZoneValues z;
    z.numbers = {{"population", 0}, {"tree_canopy_share", 0.35}};
    z.reasons["green_m2_per_capita"] = "no residents";
    const FrameworkResult r = evaluate_framework(f, z, 2025);
    EXPECT_DOUBLE_EQ(*r.score, 100);
    EXPECT_EQ(r.indicators[0].indicator_id, "green_per_capita");
    EXPECT_EQ(r.indicators[0].reason, "no residents");
    EXPECT_EQ(r.indicators_defined, 3);
    EXPECT_EQ(r.indicators_valued, 1);
    EXPECT_DOUBLE_EQ(r.valued_weight_share, 1.0 / 3);
    EXPECT_EQ(gg::status(r), "partial: 1 of 3 indicators");
}

}  // namespace
