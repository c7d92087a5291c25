// Evaluating frameworks (docs/frameworks.md "Scores"). Every expected value is worked out by hand
// in the comment next to it from the formulas of the doc:
//   with baseline b:   score = 100 (v - b) / (t - b), clamped to [0, 100]
//   without, higher:   score = 100 v / t;  lower: 100 t / v (100 when v <= t); clamped
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/framework.hpp"

namespace {

using gg::FrameworkResult;
using gg::IndicatorResult;
using gg::ZoneValues;

const std::string kHead = R"(framework:
  id: eval_fw
  name: Evaluation test
  source: { citation: "Hand-written test" }
inputs:
  - { id: x, unit: "1" }
  - { id: waste_collected_t, unit: t/year }
  - { id: municipality_type, from: zone_attribute }
components:
)";

// One component with one indicator "ind" whose value is input x.
gg::Framework one(const std::string& direction, const std::string& target,
                  const std::string& baseline = "") {
    std::string text = kHead;
    text.append(
        "  - id: c\n    indicators:\n      - id: ind\n        name: I\n        unit: \"1\"\n");
    text.append("        expression: x\n        direction: ").append(direction).append("\n");
    text.append("        target: ").append(target).append("\n");
    if (!baseline.empty()) text.append("        baseline: ").append(baseline).append("\n");
    return gg::parse_framework(text, "fw.yaml");
}

IndicatorResult eval_x(const gg::Framework& f, double x, int year = 2025) {
    ZoneValues z;
    z.numbers["x"] = x;
    return evaluate_framework(f, z, year).indicators.at(0);
}

const char* kHigher9 = R"({ value: 9, comparison: ">=", source: T })";

TEST(FrameworkEval, HigherWithoutBaseline) {
    const auto f = one("higher", kHigher9);
    auto r = eval_x(f, 9);  // exactly at target: 100 * 9 / 9 = 100, met
    EXPECT_DOUBLE_EQ(*r.value, 9);
    EXPECT_DOUBLE_EQ(*r.score, 100);
    EXPECT_TRUE(*r.met);
    EXPECT_EQ(r.comparison, ">=");
    EXPECT_DOUBLE_EQ(*r.target, 9);
    r = eval_x(f, 12);  // beyond: 100 * 12 / 9 = 133.3 -> clamped 100
    EXPECT_DOUBLE_EQ(*r.score, 100);
    EXPECT_TRUE(*r.met);
    r = eval_x(f, 4.5);  // 100 * 4.5 / 9 = 50, not met
    EXPECT_DOUBLE_EQ(*r.score, 50);
    EXPECT_FALSE(*r.met);
    r = eval_x(f, -3);  // negative value: -33 -> clamped 0
    EXPECT_DOUBLE_EQ(*r.score, 0);
    EXPECT_TRUE(r.reason.empty());
}

TEST(FrameworkEval, StrictComparisonAtTargetIsNotMet) {
    const auto f = one("higher", R"({ value: 9, comparison: ">", source: T })");
    const auto r = eval_x(f, 9);  // 9 > 9 is false; score 100 * 9 / 9 = 100
    EXPECT_FALSE(*r.met);
    EXPECT_DOUBLE_EQ(*r.score, 100);
}

TEST(FrameworkEval, HigherWithBaseline) {
    const auto f = one("higher", R"({ value: 15, comparison: ">=", source: T })", "{ value: 5 }");
    EXPECT_DOUBLE_EQ(*eval_x(f, 8).score, 30);    // 100 (8 - 5) / (15 - 5) = 30
    EXPECT_DOUBLE_EQ(*eval_x(f, 4).score, 0);     // 100 (4 - 5) / 10 = -10 -> 0 (below baseline)
    EXPECT_DOUBLE_EQ(*eval_x(f, 15).score, 100);  // at target: 100 (15 - 5) / 10 = 100
    EXPECT_TRUE(*eval_x(f, 15).met);
    EXPECT_DOUBLE_EQ(*eval_x(f, 20).score, 100);  // 100 (20 - 5) / 10 = 150 -> 100
    EXPECT_FALSE(*eval_x(f, 8).met);
}

TEST(FrameworkEval, LowerWithoutBaseline) {
    const auto f = one("lower", R"({ value: 10, comparison: "<=", source: T })");
    EXPECT_DOUBLE_EQ(*eval_x(f, 8).score, 100);  // v <= t: 100
    EXPECT_TRUE(*eval_x(f, 8).met);
    EXPECT_DOUBLE_EQ(*eval_x(f, 10).score, 100);  // v = t: 100, met
    EXPECT_TRUE(*eval_x(f, 10).met);
    EXPECT_DOUBLE_EQ(*eval_x(f, 20).score, 50);  // 100 * 10 / 20 = 50
    EXPECT_DOUBLE_EQ(*eval_x(f, 40).score, 25);  // 100 * 10 / 40 = 25
    EXPECT_FALSE(*eval_x(f, 20).met);
}

TEST(FrameworkEval, LowerWithBaseline) {
    const auto f = one("lower", R"({ value: 10, comparison: "<=", source: T })", "{ value: 30 }");
    EXPECT_DOUBLE_EQ(*eval_x(f, 25).score, 25);   // 100 (25 - 30) / (10 - 30) = 25
    EXPECT_DOUBLE_EQ(*eval_x(f, 35).score, 0);    // 100 (35 - 30) / -20 = -25 -> 0
    EXPECT_DOUBLE_EQ(*eval_x(f, 5).score, 100);   // 100 (5 - 30) / -20 = 125 -> 100
    EXPECT_DOUBLE_EQ(*eval_x(f, 10).score, 100);  // at target
}

TEST(FrameworkEval, BaselineAlreadyBeyondTargetUsesScoreWithoutBaseline) {
    // b = 12 already meets t = 9: progress from b to t is undefined, so 100 v / t: v = 6 -> 66.67
    // (the baseline formula would give 100 (6 - 12) / (9 - 12) = 200 -> 100 for a worse value).
    const auto f = one("higher", kHigher9, "{ value: 12 }");
    EXPECT_NEAR(*eval_x(f, 6).score, 66.6667, 1e-3);
}

TEST(FrameworkEval, TrajectoryHigher) {
    // Line from (2020, 5) to (2030, 15): in 2025 the expected value is 5 + 0.5 * 10 = 10.
    const auto f = one("higher", R"({ value: 15, comparison: ">=", year: 2030, source: T })",
                       "{ year: 2020, value: 5 }");
    auto r = eval_x(f, 11, 2025);
    EXPECT_DOUBLE_EQ(*r.trajectory_value, 10);
    EXPECT_TRUE(*r.on_track);
    EXPECT_EQ(r.target_year, 2030);
    r = eval_x(f, 9, 2025);
    EXPECT_FALSE(*r.on_track);
    EXPECT_DOUBLE_EQ(*r.score, 40);  // 100 (9 - 5) / 10 = 40
    r = eval_x(f, 10, 2025);         // exactly on the line: on track
    EXPECT_TRUE(*r.on_track);
    // 2035 is after the target year: the expected value stays at the target, 15.
    EXPECT_DOUBLE_EQ(*eval_x(f, 14, 2035).trajectory_value, 15);
}

TEST(FrameworkEval, TrajectoryLower) {
    // Line from (2020, 30) to (2030, 10): in 2024 expected = 30 + 0.4 * (10 - 30) = 22.
    const auto f = one("lower", R"({ value: 10, comparison: "<=", year: 2030, source: T })",
                       "{ year: 2020, value: 30 }");
    auto r = eval_x(f, 21, 2024);
    EXPECT_DOUBLE_EQ(*r.trajectory_value, 22);
    EXPECT_TRUE(*r.on_track);  // 21 <= 22
    r = eval_x(f, 23, 2024);
    EXPECT_FALSE(*r.on_track);  // 23 > 22
}

TEST(FrameworkEval, NoTrajectoryWithoutBothYears) {
    const auto f =
        one("higher", R"({ value: 15, comparison: ">=", source: T })", "{ year: 2020, value: 5 }");
    const auto r = eval_x(f, 11);
    EXPECT_FALSE(r.trajectory_value.has_value());
    EXPECT_FALSE(r.on_track.has_value());
}

TEST(FrameworkEval, BaselineValueFromTheZone) {
    // baseline gives only a year: the zone's own value comes from ZoneValues::baselines.
    const auto f = one("higher", R"({ value: 15, comparison: ">=", year: 2030, source: T })",
                       "{ year: 2020 }");
    ZoneValues z;
    z.numbers["x"] = 8;
    z.baselines["ind"] = 5;
    z.baseline_sources["ind"] = "records CSV";
    auto r = evaluate_framework(f, z, 2025).indicators.at(0);
    EXPECT_DOUBLE_EQ(*r.score, 30);  // 100 (8 - 5) / (15 - 5)
    EXPECT_DOUBLE_EQ(*r.trajectory_value, 10);
    EXPECT_DOUBLE_EQ(*r.baseline, 5);  // shown beside the score, with its year and source
    EXPECT_EQ(r.baseline_year, 2020);
    EXPECT_EQ(r.baseline_source, "records CSV");
    z.baselines.clear();
    r = evaluate_framework(f, z, 2025).indicators.at(0);
    EXPECT_FALSE(r.score.has_value());
    EXPECT_FALSE(r.baseline.has_value());
    EXPECT_DOUBLE_EQ(*r.value, 8);  // the value itself is still known
    EXPECT_EQ(r.reason,
              "missing baseline value for 2020 (neither the records CSV nor the run history has "
              "this zone's ind in that year)");
}

TEST(FrameworkEval, ByClassTarget) {
    // Green share 18 %: city (15) 100 * 18 / 15 = 120 -> 100, met; town (20) 90, not met;
    // subdistrict (25) 72, not met.
    const auto f = one(
        "higher",
        R"({ by: municipality_type, values: { city: 15, town: 20, subdistrict: 25 }, comparison: ">=", source: DEQP })");
    ZoneValues z;
    z.numbers["x"] = 18;
    const std::vector<std::pair<std::string, double>> cases = {
        {"city", 100}, {"town", 90}, {"subdistrict", 72}};
    for (const auto& [cls, score] : cases) {
        z.classes["municipality_type"] = cls;
        const auto r = evaluate_framework(f, z, 2025).indicators.at(0);
        EXPECT_DOUBLE_EQ(*r.score, score) << cls;
        EXPECT_EQ(*r.met, cls == "city") << cls;
    }
    z.classes["municipality_type"] = "village";
    auto r = evaluate_framework(f, z, 2025).indicators.at(0);
    EXPECT_FALSE(r.score.has_value());
    EXPECT_FALSE(r.target.has_value());
    EXPECT_EQ(r.reason, "no target for class \"village\" of municipality_type");
    z.classes.clear();
    r = evaluate_framework(f, z, 2025).indicators.at(0);
    EXPECT_FALSE(r.score.has_value());
    EXPECT_EQ(r.reason, "missing class for municipality_type");
}

// Two components: "green" (weight 1) with per_capita (weight 1) and waste (weight 3), "heat"
// (weight 2) with one indicator; an informational indicator without target in "green".
const std::string kTwoComponents = kHead + R"(  - id: green
    weight: 1
    indicators:
      - id: per_capita
        name: Green per capita
        unit: m2/person
        expression: green_area_m2 / population
        direction: higher
        target: { value: 10, comparison: ">=", source: T }
      - id: waste_per_capita
        name: Waste per person
        unit: t/person
        expression: waste_collected_t / population
        direction: lower
        target: { value: 0.2, comparison: "<=", source: T }
        weight: 3
      - id: per_capita_doubled
        name: Informational
        unit: m2/person
        expression: per_capita * 2
        direction: higher
  - id: heat
    weight: 2
    indicators:
      - id: x_score
        name: X
        unit: "1"
        expression: x
        direction: higher
        target: { value: 100, comparison: ">=", source: T }
)";

TEST(FrameworkEval, WeightedMeansOfComponentsAndFramework) {
    const auto f = gg::parse_framework(kTwoComponents, "fw.yaml");
    ZoneValues z;
    z.numbers = {
        {"green_area_m2", 10000}, {"population", 1000}, {"waste_collected_t", 1000}, {"x", 70}};
    const FrameworkResult r = evaluate_framework(f, z, 2025);
    ASSERT_EQ(r.indicators.size(), 4u);
    // per_capita = 10000 / 1000 = 10 -> 100; waste = 1000 / 1000 = 1 t/person -> 100 * 0.2 / 1
    // = 20.
    EXPECT_DOUBLE_EQ(*r.indicators[0].score, 100);
    EXPECT_DOUBLE_EQ(*r.indicators[1].score, 20);
    // The informational indicator uses the other indicator: 10 * 2 = 20, no score.
    EXPECT_DOUBLE_EQ(*r.indicators[2].value, 20);
    EXPECT_FALSE(r.indicators[2].score.has_value());
    EXPECT_EQ(r.indicators[2].component_id, "green");
    // green = (100 * 1 + 20 * 3) / 4 = 40; heat = 70; framework = (40 * 1 + 70 * 2) / 3 = 60.
    ASSERT_EQ(r.components.size(), 2u);
    EXPECT_DOUBLE_EQ(*r.components[0].score, 40);
    EXPECT_EQ(r.components[0].scored, 2);
    EXPECT_EQ(r.components[0].missing, 0);  // the informational one is not missing
    EXPECT_DOUBLE_EQ(*r.components[1].score, 70);
    EXPECT_DOUBLE_EQ(*r.score, 60);
}

TEST(FrameworkEval, MissingInputIsLeftOutNotZero) {
    const auto f = gg::parse_framework(kTwoComponents, "fw.yaml");
    ZoneValues z;  // no waste_collected_t
    z.numbers = {{"green_area_m2", 10000}, {"population", 1000}, {"x", 70}};
    const FrameworkResult r = evaluate_framework(f, z, 2025);
    EXPECT_FALSE(r.indicators[1].value.has_value());
    EXPECT_FALSE(r.indicators[1].score.has_value());
    EXPECT_EQ(r.indicators[1].reason, "missing input waste_collected_t");
    // green = 100 (from per_capita alone; with the missing one as 0 it would be 25);
    // framework = (100 * 1 + 70 * 2) / 3 = 80.
    EXPECT_DOUBLE_EQ(*r.components[0].score, 100);
    EXPECT_EQ(r.components[0].scored, 1);
    EXPECT_EQ(r.components[0].missing, 1);
    EXPECT_DOUBLE_EQ(*r.score, 80);
}

TEST(FrameworkEval, ComponentWithoutScoresHasNoScore) {
    const auto f = gg::parse_framework(kTwoComponents, "fw.yaml");
    ZoneValues z;  // only x: the green component has nothing scored
    z.numbers = {{"x", 70}};
    const FrameworkResult r = evaluate_framework(f, z, 2025);
    EXPECT_FALSE(r.components[0].score.has_value());
    EXPECT_EQ(r.components[0].missing, 2);
    EXPECT_EQ(r.indicators[0].reason, "missing metric green_area_m2; missing metric population");
    // The dependent indicator says why it has no value.
    EXPECT_FALSE(r.indicators[2].value.has_value());
    EXPECT_EQ(r.indicators[2].reason.rfind("indicator per_capita has no value", 0), 0u)
        << r.indicators[2].reason;
    EXPECT_DOUBLE_EQ(*r.score, 70);  // heat alone: 70 * 2 / 2
}

TEST(FrameworkEval, PlaceholderComponentHasNoScoreAndDoesNotCount) {
    // `indicators: []` is a component the municipality fills in later: no score, and the
    // framework score is the other component's 70 (not (0 * 1 + 70 * 1) / 2 = 35).
    std::string text = kHead;
    text.append(R"(  - id: later
    indicators: []
  - id: c
    indicators:
      - { id: i, name: I, unit: "1", expression: x, direction: higher,
          target: { value: 100, comparison: ">=", source: T } }
)");
    const auto f = gg::parse_framework(text, "fw.yaml");
    ZoneValues z;
    z.numbers["x"] = 70;
    const auto r = evaluate_framework(f, z, 2025);
    ASSERT_EQ(r.components.size(), 2u);
    EXPECT_FALSE(r.components[0].score.has_value());
    EXPECT_EQ(r.components[0].scored + r.components[0].missing, 0);
    EXPECT_DOUBLE_EQ(*r.score, 70);
}

TEST(FrameworkEval, DivisionByZeroIsMissingNotInfinite) {
    const auto f = gg::parse_framework(kTwoComponents, "fw.yaml");
    ZoneValues z;
    z.numbers = {{"green_area_m2", 10000}, {"population", 0}, {"waste_collected_t", 5}, {"x", 70}};
    const FrameworkResult r = evaluate_framework(f, z, 2025);
    EXPECT_FALSE(r.indicators[0].value.has_value());
    EXPECT_FALSE(r.indicators[0].score.has_value());
    EXPECT_EQ(r.indicators[0].reason, "division by zero or undefined result");
    EXPECT_FALSE(r.components[0].score.has_value());
    EXPECT_DOUBLE_EQ(*r.score, 70);
}

TEST(FrameworkEval, LogOfZeroIsMissing) {
    std::string text = kHead;
    text.append(R"(  - id: c
    indicators:
      - { id: l, name: L, unit: "1", expression: log(x), direction: higher }
)");
    const auto f = gg::parse_framework(text, "fw.yaml");
    ZoneValues z;
    z.numbers["x"] = 0;
    EXPECT_EQ(evaluate_framework(f, z, 2025).indicators[0].reason,
              "division by zero or undefined result");
    z.numbers["x"] = 1;  // log(1) = 0: a real zero is a value
    EXPECT_DOUBLE_EQ(*evaluate_framework(f, z, 2025).indicators[0].value, 0);
    z.numbers["x"] = std::nan("");  // a NaN handed in is missing, not propagated
    EXPECT_EQ(evaluate_framework(f, z, 2025).indicators[0].reason, "missing input x");
}

TEST(FrameworkEval, MetricNotAvailableYet) {
    std::string text = kHead;
    text.append(R"(  - id: c
    indicators:
      - { id: heat, name: H, unit: "K", expression: lst_mean_k, direction: lower }
      - { id: later, name: L, unit: "1", expression: x, direction: higher, requires: [canopy_share] }
      - { id: now, name: N, unit: "1", expression: x, direction: higher, requires: [green_share] }
)");
    const auto f = gg::parse_framework(text, "fw.yaml");
    ZoneValues z;
    z.numbers = {{"x", 3}, {"lst_mean_k", 300}};  // a value does not make it available
    const auto r = evaluate_framework(f, z, 2025);
    EXPECT_FALSE(r.indicators[0].value.has_value());
    EXPECT_EQ(r.indicators[0].reason, "metric not available yet: lst_mean_k");
    EXPECT_FALSE(r.indicators[1].value.has_value());
    EXPECT_EQ(r.indicators[1].reason, "metric not available yet: canopy_share");
    EXPECT_DOUBLE_EQ(*r.indicators[2].value, 3);  // green_share is available
}

TEST(FrameworkEval, InputsUsedAreReported) {
    const auto f = gg::parse_framework(kTwoComponents, "fw.yaml");
    const auto r = evaluate_framework(f, ZoneValues{}, 2025);
    EXPECT_EQ(r.indicators[1].inputs_used,
              (std::vector<std::string>{"population", "waste_collected_t"}));
    EXPECT_EQ(r.indicators[1].unit, "t/person");
    EXPECT_FALSE(r.score.has_value());  // nothing scored at all
}

FrameworkResult scored(const std::string& framework, std::optional<double> score) {
    FrameworkResult r;
    r.framework_id = framework;
    r.score = score;
    return r;
}

TEST(FrameworkRank, TiesShareTheBetterRankAndUnscoredAreNotRanked) {
    // Scores 80, 95, 80, none, 60 -> ranks 2, 1, 2, none, 4 (competition ranking).
    std::vector<FrameworkResult> zones = {scored("f", 80), scored("f", 95), scored("f", 80),
                                          scored("f", std::nullopt), scored("f", 60)};
    zones[3].rank = 7;  // a stale rank must be cleared
    gg::rank_zones(zones);
    EXPECT_EQ(zones[0].rank, 2);
    EXPECT_EQ(zones[1].rank, 1);
    EXPECT_EQ(zones[2].rank, 2);
    EXPECT_FALSE(zones[3].rank.has_value());
    EXPECT_EQ(zones[4].rank, 4);
}

TEST(FrameworkRank, EachFrameworkIsRankedApart) {
    // f: 50, 40 -> 1, 2; g: 10 -> 1 (not 3 among all).
    std::vector<FrameworkResult> zones = {scored("f", 50), scored("g", 10), scored("f", 40)};
    gg::rank_zones(zones);
    EXPECT_EQ(zones[0].rank, 1);
    EXPECT_EQ(zones[1].rank, 1);
    EXPECT_EQ(zones[2].rank, 2);
}

}  // namespace

namespace {

TEST(FrameworkEval, TargetFromAnInputIsEachZonesOwn) {
    // target = the zone's input waste_collected_t (used here as a stand-in target input):
    // x = 8 against 10, higher is better, no baseline -> 100 * 8 / 10 = 80, not met.
    const auto f = one("higher", R"({ input: waste_collected_t, comparison: ">=", source: "s" })");
    ZoneValues z;
    z.numbers = {{"x", 8}, {"waste_collected_t", 10}};
    const auto r = evaluate_framework(f, z, 2025);
    EXPECT_DOUBLE_EQ(*r.indicators[0].target, 10);
    EXPECT_FALSE(*r.indicators[0].met);
    EXPECT_DOUBLE_EQ(*r.indicators[0].score, 80);
    // Without the zone's target: a value, no score, and the reason.
    ZoneValues none;
    none.numbers = {{"x", 8}};
    const auto m = evaluate_framework(f, none, 2025);
    EXPECT_DOUBLE_EQ(*m.indicators[0].value, 8);
    EXPECT_FALSE(m.indicators[0].score.has_value());
    EXPECT_EQ(m.indicators[0].reason, "missing target input waste_collected_t");
}

TEST(FrameworkEval, NonFiniteTargetOrBaselineIsMissingNotNaN) {
    // A NaN target (e.g. a zone attribute "nan") would make 100 * 8 / NaN = NaN a score: it is a
    // missing target instead, the value 8 stays.
    const auto f = one("higher", R"({ input: waste_collected_t, comparison: ">=", source: "s" })");
    ZoneValues z;
    z.numbers = {{"x", 8}, {"waste_collected_t", std::nan("")}};
    const auto r = evaluate_framework(f, z, 2025).indicators.at(0);
    EXPECT_DOUBLE_EQ(*r.value, 8);
    EXPECT_FALSE(r.target.has_value());
    EXPECT_FALSE(r.score.has_value());
    EXPECT_EQ(r.reason, "missing target input waste_collected_t");
    // The same for a zone's own baseline value (baseline by year only).
    const auto g = one("higher", R"({ value: 15, comparison: ">=", year: 2030, source: T })",
                       "{ year: 2020 }");
    ZoneValues b;
    b.numbers["x"] = 8;
    b.baselines["ind"] = INFINITY;
    const auto s = evaluate_framework(g, b, 2025).indicators.at(0);
    EXPECT_FALSE(s.score.has_value());
    EXPECT_EQ(s.reason,
              "missing baseline value for 2020 (neither the records CSV nor the run history has "
              "this zone's ind in that year)");
}

TEST(FrameworkEval, TargetInputMustBeDeclared) {
    EXPECT_THROW(one("higher", R"({ input: nope, comparison: ">=", source: "s" })"), gg::Error);
    EXPECT_THROW(one("higher", R"({ input: x, value: 3, comparison: ">=", source: "s" })"),
                 gg::Error);
}

}  // namespace
