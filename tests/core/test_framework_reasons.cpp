// What upstream knows about a zone's values (docs/frameworks.md "Scores"): ZoneValues::reasons
// (why a value is missing), withheld (a value that must not be scored), zero_reasons (why a value
// is 0) and proxies (a value that stands in for another). Expected values are worked out by hand
// in the comments from the formulas of the doc:
//   with baseline b:   score = 100 (v - b) / (t - b), clamped to [0, 100]
//   without, higher:   score = 100 v / t, clamped
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "core/framework.hpp"

namespace {

using gg::FrameworkResult;
using gg::IndicatorResult;
using gg::ZoneValues;

const std::string kFramework = R"(framework:
  id: upstream
  name: Upstream marks
  source: { citation: "Hand-written test" }
inputs:
  - { id: own_target, unit: "%" }
components:
  - id: green
    indicators:
      - id: green_pct
        name: Green share
        unit: "%"
        expression: green_share * 100
        direction: higher
        target: { value: 20, comparison: ">=", year: 2030, source: T }
        baseline: { year: 2020, value: 10 }
      - id: green_pct_doubled
        name: Twice the green share
        unit: "%"
        expression: green_pct * 2
        direction: higher
        target: { value: 40, comparison: ">=", source: T }
      - id: per_capita
        name: Green per person
        unit: m2/person
        expression: green_area_m2 / population
        direction: higher
        target: { value: 10, comparison: ">=", source: T }
      - id: per_capita_metric
        name: Green per person (metric)
        unit: m2/person
        expression: green_m2_per_capita
        direction: higher
        target: { value: 10, comparison: ">=", source: T }
      - id: canopy_pct
        name: Canopy
        unit: "%"
        expression: tree_canopy_share * 100
        direction: higher
        target: { value: 30, comparison: ">=", source: T }
      - id: canopy_and_green
        name: Canopy plus green (report only)
        unit: "%"
        expression: canopy_pct + green_pct
        direction: higher
      - id: public_green_pct
        name: Public green
        unit: "%"
        expression: public_green_share * 100
        direction: higher
        target: { value: 5, comparison: ">=", source: T }
      - id: canopy_own_target
        name: Canopy against the zone's own target
        unit: "%"
        expression: tree_canopy_share * 100
        direction: higher
        target: { input: own_target, comparison: ">=", source: T }
)";

const gg::Framework& framework() {
    static const gg::Framework f = gg::parse_framework(kFramework, "fw.yaml");
    return f;
}

const IndicatorResult& find(const FrameworkResult& r, const std::string& id) {
    for (const auto& i : r.indicators)
        if (i.indicator_id == id) return i;
    throw std::runtime_error("no indicator " + id);
}

// A zone where everything has a value: green_share 0.3, 5000 m2 of green for 250 residents,
// tree canopy 0.25, own target 20 %.
ZoneValues full_zone() {
    ZoneValues z;
    z.numbers = {{"green_share", 0.3},        {"green_area_m2", 5000},     {"population", 250},
                 {"green_m2_per_capita", 20}, {"tree_canopy_share", 0.25}, {"own_target", 20}};
    return z;
}

const std::string kPartial = "image covers 33 % of the zone (min_coverage 90 %)";

TEST(FrameworkUpstream, WithoutMarksEverythingIsScored) {
    // The control for the tests below: green_pct = 0.3 * 100 = 30 against 20 with baseline 10:
    // 100 (30 - 10) / (20 - 10) = 200 -> 100, met; trajectory 2025 on (2020, 10) -> (2030, 20):
    // 10 + 0.5 x 10 = 15, on track. green_pct_doubled = 60 -> 100 * 60 / 40 -> 100.
    const FrameworkResult r = evaluate_framework(framework(), full_zone(), 2025);
    const auto& g = find(r, "green_pct");
    EXPECT_DOUBLE_EQ(*g.score, 100);
    EXPECT_TRUE(*g.met);
    EXPECT_DOUBLE_EQ(*g.trajectory_value, 15);
    EXPECT_TRUE(*g.on_track);
    EXPECT_EQ(g.reason, "");
    EXPECT_EQ(g.proxy, "");
    EXPECT_DOUBLE_EQ(*find(r, "green_pct_doubled").score, 100);
}

TEST(FrameworkUpstream, WithheldValueIsKeptButNotScored) {
    ZoneValues z = full_zone();
    z.withheld["green_share"] = kPartial;
    const FrameworkResult r = evaluate_framework(framework(), z, 2025);
    const auto& g = find(r, "green_pct");
    EXPECT_DOUBLE_EQ(*g.value, 30);   // 0.3 * 100, still reported
    EXPECT_DOUBLE_EQ(*g.target, 20);  // and its target
    EXPECT_FALSE(g.met.has_value());
    EXPECT_FALSE(g.score.has_value());
    EXPECT_FALSE(g.trajectory_value.has_value());
    EXPECT_FALSE(g.on_track.has_value());
    EXPECT_EQ(g.reason, kPartial);
    // Through the indicator that uses it: 30 * 2 = 60, no score, the same reason.
    const auto& d = find(r, "green_pct_doubled");
    EXPECT_DOUBLE_EQ(*d.value, 60);
    EXPECT_FALSE(d.met.has_value());
    EXPECT_FALSE(d.score.has_value());
    EXPECT_EQ(d.reason, kPartial);
    // The report-only indicator over it says so too, and keeps its value 25 + 30 = 55.
    EXPECT_DOUBLE_EQ(*find(r, "canopy_and_green").value, 55);
    EXPECT_EQ(find(r, "canopy_and_green").reason, kPartial);
    // An indicator not using green_share is scored: per_capita = 5000 / 250 = 20 -> 100.
    EXPECT_DOUBLE_EQ(*find(r, "per_capita").score, 100);
    EXPECT_EQ(find(r, "per_capita").reason, "");
    // The two withheld ones are missing from the component: 7 with a target (canopy_and_green has
    // none), public_green_pct is not available yet, so 7 - 1 - 2 withheld = 4 valued.
    EXPECT_EQ(r.components[0].indicators_defined, 7);
    EXPECT_EQ(r.components[0].indicators_valued, 4);
    EXPECT_EQ(r.components[0].missing, 3);
}

TEST(FrameworkUpstream, WithheldTargetInputIsNotScored) {
    // canopy_own_target = 0.25 * 100 = 25 against the zone's own 20: 100 * 25 / 20 -> 100, met;
    // with own_target withheld the value and target stay, the judgement goes.
    ZoneValues z = full_zone();
    EXPECT_DOUBLE_EQ(*find(evaluate_framework(framework(), z, 2025), "canopy_own_target").score,
                     100);
    z.withheld["own_target"] = "target not adopted by the council";
    const IndicatorResult i = find(evaluate_framework(framework(), z, 2025), "canopy_own_target");
    EXPECT_DOUBLE_EQ(*i.value, 25);
    EXPECT_DOUBLE_EQ(*i.target, 20);
    EXPECT_FALSE(i.met.has_value());
    EXPECT_FALSE(i.score.has_value());
    EXPECT_EQ(i.reason, "target not adopted by the council");
}

TEST(FrameworkUpstream, MissingValueWithAReason) {
    ZoneValues z = full_zone();
    z.numbers.erase("green_m2_per_capita");
    const IndicatorResult plain =
        find(evaluate_framework(framework(), z, 2025), "per_capita_metric");
    EXPECT_EQ(plain.reason, "missing metric green_m2_per_capita");  // no reason given: as before
    z.reasons["green_m2_per_capita"] = "no residents";
    const IndicatorResult r = find(evaluate_framework(framework(), z, 2025), "per_capita_metric");
    EXPECT_FALSE(r.value.has_value());
    EXPECT_FALSE(r.score.has_value());
    EXPECT_EQ(r.reason, "no residents");
}

TEST(FrameworkUpstream, SeveralReasonsAreJoined) {
    // per_capita uses green_area_m2 and population (in that order): both missing with reasons ->
    // both texts, "; " between; one with a reason and one without -> the reason and the plain
    // "missing metric" text.
    ZoneValues z;
    z.reasons = {{"green_area_m2", "zone outside the image"}, {"population", "no residents"}};
    const FrameworkResult r = evaluate_framework(framework(), z, 2025);
    EXPECT_EQ(find(r, "per_capita").reason, "zone outside the image; no residents");
    z.reasons.erase("population");
    EXPECT_EQ(find(evaluate_framework(framework(), z, 2025), "per_capita").reason,
              "zone outside the image; missing metric population");
    // A missing target input with a reason: the value 25 stays, the reason replaces "missing
    // target input own_target".
    ZoneValues t = full_zone();
    t.numbers.erase("own_target");
    t.reasons["own_target"] = "no SUDF target for this municipality";
    const IndicatorResult o = find(evaluate_framework(framework(), t, 2025), "canopy_own_target");
    EXPECT_DOUBLE_EQ(*o.value, 25);
    EXPECT_EQ(o.reason, "no SUDF target for this municipality");
}

TEST(FrameworkUpstream, MetricNotAvailableYetKeepsItsReason) {
    // public_green_share is not available in the registry: that reason wins over upstream's.
    ZoneValues z = full_zone();
    z.reasons["public_green_share"] = "no park map";
    EXPECT_EQ(find(evaluate_framework(framework(), z, 2025), "public_green_pct").reason,
              "metric not available yet: public_green_share");
}

TEST(FrameworkUpstream, ZeroWithAReason) {
    // per_capita = 5000 / 0: undefined. Without zero_reasons the generic text; with
    // {"population": "no residents"} that text.
    ZoneValues z = full_zone();
    z.numbers["population"] = 0;
    EXPECT_EQ(find(evaluate_framework(framework(), z, 2025), "per_capita").reason,
              "division by zero or undefined result");
    z.zero_reasons["population"] = "no residents";
    const IndicatorResult r = find(evaluate_framework(framework(), z, 2025), "per_capita");
    EXPECT_FALSE(r.value.has_value());
    EXPECT_FALSE(r.score.has_value());
    EXPECT_EQ(r.reason, "no residents");
    // A zero reason of a name that is not 0 (green_area_m2 = 5000) is not the cause: not used.
    ZoneValues other = full_zone();
    other.numbers["population"] = 0;
    other.zero_reasons["green_area_m2"] = "no green";
    EXPECT_EQ(find(evaluate_framework(framework(), other, 2025), "per_capita").reason,
              "division by zero or undefined result");
    // With a population the zero reason is irrelevant: 5000 / 250 = 20 -> 100.
    ZoneValues some = full_zone();
    some.zero_reasons["population"] = "no residents";
    EXPECT_DOUBLE_EQ(*find(evaluate_framework(framework(), some, 2025), "per_capita").score, 100);
}

TEST(FrameworkUpstream, ProxiesAreNamedDirectlyAndThroughIndicators) {
    const std::string canopy = "tree_canopy_share from NDVI >= 0.5 (no tree map)";
    const std::string green = "green_share from a 2019 land-cover map";
    ZoneValues z = full_zone();
    z.proxies["tree_canopy_share"] = canopy;
    FrameworkResult r = evaluate_framework(framework(), z, 2025);
    // Directly; the value is still scored: 0.25 * 100 = 25 -> 100 * 25 / 30 = 83.33.
    EXPECT_EQ(find(r, "canopy_pct").proxy, canopy);
    EXPECT_NEAR(*find(r, "canopy_pct").score, 83.3333, 1e-3);
    EXPECT_EQ(find(r, "canopy_pct").reason, "");
    // Through canopy_pct.
    EXPECT_EQ(find(r, "canopy_and_green").proxy, canopy);
    // Not using it: empty.
    EXPECT_EQ(find(r, "green_pct").proxy, "");
    EXPECT_EQ(find(r, "per_capita").proxy, "");
    // Two proxies: canopy_and_green uses canopy_pct, then green_pct (names in sorted order).
    z.proxies["green_share"] = green;
    r = evaluate_framework(framework(), z, 2025);
    EXPECT_EQ(find(r, "canopy_and_green").proxy, canopy + "; " + green);
    EXPECT_EQ(find(r, "green_pct").proxy, green);
    EXPECT_EQ(find(r, "green_pct_doubled").proxy, green);
}

}  // namespace
