// Loading indicator frameworks (docs/frameworks.md): what a valid file gives, and every rejection
// as "<file>:<line>: reason". Line numbers are counted by hand in the YAML texts below (line 1 is
// the first line after the opening R"( ).
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/framework.hpp"

namespace {

using gg::Comparison;
using gg::Direction;
using gg::Framework;

// The gg::Error message of parsing text as "fw.yaml", or "" when it loads.
std::string load_error(const std::string& text) {
    try {
        gg::parse_framework(text, "fw.yaml");
    } catch (const gg::Error& e) {
        return e.what();
    }
    return "";
}

bool starts_with(const std::string& s, const std::string& prefix) {
    return s.rfind(prefix, 0) == 0;
}

bool contains(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}

// Header (lines 1-6) and a component (7-11); an indicator's text follows from line 12.
const std::string kHead = R"(framework:
  id: test_fw
  name: { en: Test framework, th: ทดสอบ }
  source:
    citation: "Hand-written test"
inputs: [ { id: waste_collected_t, unit: t/year }, { id: municipality_type, from: zone_attribute } ]
components:
  - id: green
    name: { en: Green }
    weight: 2
    indicators:
)";

// One indicator, lines 12-21 of the file (12: id, 15: expression, 16: direction, 18: comparison).
std::string indicator(const std::string& expression = "green_area_m2 / population",
                      const std::string& comparison = "\">=\"", const std::string& extra = "") {
    return "      - id: per_capita\n"                  // 12
           "        name: { en: Green per capita }\n"  // 13
           "        unit: m2/person\n"                 // 14
           "        expression: " +
           expression +
           "\n"                           // 15
           "        direction: higher\n"  // 16
           "        target:\n"            // 17
           "          comparison: " +
           comparison +
           "\n"                        // 18
           "          value: 9\n"      // 19
           "          source: ONEP\n"  // 20
           + extra;                    // 21...
}

TEST(FrameworkLoader, ReadsAValidFramework) {
    const Framework f = gg::parse_framework(
        kHead + indicator("green_area_m2 / population", "\">=\"", "        weight: 3\n"),
        "fw.yaml");
    EXPECT_EQ(f.file, "fw.yaml");
    EXPECT_EQ(f.id, "test_fw");
    EXPECT_EQ(f.name.en, "Test framework");
    EXPECT_EQ(f.name.th, "ทดสอบ");
    EXPECT_EQ(f.citation, "Hand-written test");
    ASSERT_EQ(f.inputs.size(), 2u);
    EXPECT_EQ(f.inputs[0].from, gg::InputDef::From::Records);  // the default
    EXPECT_EQ(f.inputs[1].from, gg::InputDef::From::ZoneAttribute);
    ASSERT_EQ(f.components.size(), 1u);
    EXPECT_EQ(f.components[0].weight, 2);
    const auto& ind = f.components[0].indicators.at(0);
    EXPECT_EQ(ind.id, "per_capita");
    EXPECT_EQ(ind.line, 12);
    EXPECT_EQ(ind.weight, 3);
    EXPECT_EQ(ind.direction, Direction::Higher);
    ASSERT_TRUE(ind.target.has_value());
    EXPECT_EQ(ind.target->value, 9);
    EXPECT_EQ(ind.target->comparison, Comparison::GreaterOrEqual);
    EXPECT_EQ(ind.target->source, "ONEP");
    EXPECT_EQ(ind.names_used, (std::vector<std::string>{"green_area_m2", "population"}));
}

TEST(FrameworkLoader, ExpressionSyntaxErrorHasFileAndLine) {
    const std::string e = load_error(kHead + indicator("green_area_m2 / (population"));
    EXPECT_TRUE(starts_with(e, "fw.yaml:15: expression of indicator per_capita does not parse"))
        << e;
}

TEST(FrameworkLoader, UnknownMetricIsNamedWithFileAndLine) {
    const std::string e = load_error(kHead + indicator("green_aera_m2 / population"));
    EXPECT_TRUE(starts_with(e, "fw.yaml:15: ")) << e;
    EXPECT_TRUE(contains(e, "\"green_aera_m2\"")) << e;
}

TEST(FrameworkLoader, ExpressionMayUseInputsAndFunctions) {
    const Framework f = gg::parse_framework(
        kHead + indicator("if(population > 0, max(waste_collected_t, 0) / population, 0)"),
        "fw.yaml");
    EXPECT_EQ(f.components[0].indicators[0].names_used,
              (std::vector<std::string>{"population", "waste_collected_t"}));
}

TEST(FrameworkLoader, UnknownKeyIsRejected) {
    // Line 21 is the first line after the indicator.
    const std::string e =
        load_error(kHead + indicator("population", "\">=\"", "        wieght: 1\n"));
    EXPECT_TRUE(starts_with(e, "fw.yaml:21: unknown key \"wieght\" in indicator")) << e;
}

TEST(FrameworkLoader, UnknownKeyInHeaderIsRejected) {
    const std::string text = R"(framework:
  id: x
  name: { en: X }
  source: { citation: C, link: "http://x" }
components: []
)";
    EXPECT_TRUE(starts_with(load_error(text), "fw.yaml:4: unknown key \"link\""))
        << load_error(text);
}

TEST(FrameworkLoader, MissingFieldsAreNamedAtTheirMapping) {
    // No unit: reported at the indicator's first line (12).
    std::string text = kHead + indicator();
    text.erase(text.find("        unit: m2/person\n"), 24);
    EXPECT_EQ(load_error(text), "fw.yaml:12: missing indicator per_capita unit");

    // No target source: reported at the target mapping (line 18, its first key).
    text = kHead + indicator();
    text.erase(text.find("          source: ONEP\n"), 23);
    EXPECT_TRUE(starts_with(load_error(text), "fw.yaml:18: missing target of indicator per_capita"))
        << load_error(text);

    // No citation: reported at the source mapping (line 4).
    text = R"(framework:
  id: x
  name: { en: X }
  source: { url: "http://x" }
components: []
)";
    EXPECT_TRUE(starts_with(load_error(text), "fw.yaml:4: missing framework source citation"))
        << load_error(text);

    // No components at all: reported at the root (line 1).
    EXPECT_EQ(load_error("framework: { id: x, name: X, source: { citation: C } }\n"),
              "fw.yaml:1: missing components: (the indicators)");
}

TEST(FrameworkLoader, CycleIsListed) {
    // a (line 12) uses b, b (line 18) uses a.
    const std::string text = kHead + R"(      - id: a
        name: A
        unit: "1"
        expression: b + 1
        direction: higher
        weight: 1
      - id: b
        name: B
        unit: "1"
        expression: a * 2
        direction: higher
)";
    EXPECT_EQ(load_error(text), "fw.yaml:12: cycle between indicators: a -> b -> a");
}

TEST(FrameworkLoader, SelfReferenceIsACycleUnlessItIsAMetric) {
    const std::string self = kHead + R"(      - id: a
        name: A
        unit: "1"
        expression: a + 1
        direction: higher
)";
    EXPECT_EQ(load_error(self), "fw.yaml:12: cycle between indicators: a -> a");
    // green_share is a registry metric: the indicator of the same id rescales it.
    const std::string metric = kHead + R"(      - id: green_share
        name: Green share in percent
        unit: "%"
        expression: green_share * 100
        direction: higher
)";
    EXPECT_EQ(load_error(metric), "");
}

TEST(FrameworkLoader, LaterIndicatorMayBeUsed) {
    const std::string text = kHead + R"(      - id: doubled
        name: D
        unit: "1"
        expression: base * 2
        direction: higher
      - id: base
        name: B
        unit: "1"
        expression: green_share
        direction: higher
)";
    const Framework f = gg::parse_framework(text, "fw.yaml");
    EXPECT_EQ(f.components[0].indicators[0].names_used, std::vector<std::string>{"base"});
}

TEST(FrameworkLoader, BadComparisonIsRejected) {
    EXPECT_EQ(load_error(kHead + indicator("population", "\"=>\"")),
              "fw.yaml:18: comparison must be >=, >, <= or <, not \"=>\"");
}

TEST(FrameworkLoader, ComparisonAgainstDirectionIsRejected) {
    const std::string e = load_error(kHead + indicator("population", "\"<=\""));
    EXPECT_TRUE(starts_with(e, "fw.yaml:18: comparison \"<=\" contradicts direction higher")) << e;
}

TEST(FrameworkLoader, NegativeWeightsAreRejected) {
    EXPECT_EQ(load_error(kHead + indicator("population", "\">=\"", "        weight: -1\n")),
              "fw.yaml:21: indicator per_capita weight must not be negative");
    std::string text = kHead + indicator();
    text.replace(text.find("weight: 2"), 9, "weight: -0.5");
    EXPECT_EQ(load_error(text), "fw.yaml:10: component green weight must not be negative");
}

TEST(FrameworkLoader, DuplicateAndInvalidIdsAreRejected) {
    const std::string dup = kHead + indicator() + indicator();
    EXPECT_EQ(load_error(dup), "fw.yaml:21: duplicate indicator id \"per_capita\"");
    std::string bad = kHead + indicator();
    bad.replace(bad.find("id: per_capita"), 14, "id: Per-Capita");
    EXPECT_TRUE(starts_with(load_error(bad), "fw.yaml:12: indicator id \"Per-Capita\" must be"))
        << load_error(bad);
}

TEST(FrameworkLoader, DuplicateKeyIsRejected) {
    const std::string e =
        load_error(kHead + indicator("population", "\">=\"", "        unit: m2\n"));
    EXPECT_EQ(e, "fw.yaml:21: duplicate key \"unit\" in indicator");
}

TEST(FrameworkLoader, ByClassTargetNeedsAnInput) {
    const std::string by = R"(      - id: green_pct
        name: Green share
        unit: "%"
        expression: green_share * 100
        direction: higher
        target:
          by: TYPE
          values: { city: 15, town: 20, subdistrict: 25 }
          comparison: ">="
          source: DEQP
)";
    std::string ok = kHead + by;
    ok.replace(ok.find("TYPE"), 4, "municipality_type");
    const Framework f = gg::parse_framework(ok, "fw.yaml");
    const auto& t = *f.components[0].indicators[0].target;
    EXPECT_FALSE(t.value.has_value());
    EXPECT_EQ(t.by_input, "municipality_type");
    EXPECT_EQ(t.by_class.at("town"), 20);

    std::string unknown = kHead + by;
    unknown.replace(unknown.find("TYPE"), 4, "city_class");
    EXPECT_TRUE(starts_with(load_error(unknown),
                            "fw.yaml:18: target of indicator green_pct is by \"city_class\""))
        << load_error(unknown);
}

// Two indicators with a target (lines 8 and 10) and a report-only one (line 12); `COUNT` is
// replaced by the indicator_count text on line 5.
const std::string kCounted = R"(framework:
  id: counted
  name: Counted
  source: { citation: C }
  indicator_count: COUNT
components:
  - id: c
    indicators:
      - { id: a, name: A, unit: "1", expression: green_share, direction: higher,
          target: { value: 1, comparison: ">=", source: S } }
      - { id: b, name: B, unit: "1", expression: green_share, direction: higher,
          target: { value: 1, comparison: ">=", source: S } }
      - { id: r, name: R, unit: "1", expression: green_share, direction: higher }
)";

std::string counted(const std::string& count) {
    std::string text = kCounted;
    text.replace(text.find("COUNT"), 5, count);
    return text;
}

TEST(FrameworkLoader, IndicatorCountIsRead) {
    // 2 = the two indicators with a target; the report-only one is not counted, so 2 is allowed.
    EXPECT_EQ(gg::parse_framework(counted("2"), "fw.yaml").indicator_count, 2);
    EXPECT_EQ(gg::parse_framework(counted("34"), "fw.yaml").indicator_count, 34);
    // Absent: no count.
    std::string none = kCounted;
    none.erase(none.find("  indicator_count: COUNT\n"), 25);
    EXPECT_FALSE(gg::parse_framework(none, "fw.yaml").indicator_count.has_value());
}

TEST(FrameworkLoader, BadIndicatorCountIsRejectedAtItsLine) {
    // Line 5 holds indicator_count. 1 is below the 2 indicators with a target (the report-only
    // third is not counted, so the message says 2, not 3).
    EXPECT_EQ(load_error(counted("1")),
              "fw.yaml:5: framework indicator_count 1 is smaller than the 2 indicators with a "
              "target in this file");
    EXPECT_EQ(load_error(counted("0")),
              "fw.yaml:5: framework indicator_count must be at least 1, "
              "not 0");
    EXPECT_EQ(load_error(counted("-3")),
              "fw.yaml:5: framework indicator_count must be at least 1, not -3");
    EXPECT_EQ(load_error(counted("2.5")),
              "fw.yaml:5: framework indicator_count must be a whole number, not \"2.5\"");
}

TEST(FrameworkLoader, MalformedYamlHasALine) {
    const std::string e = load_error("framework:\n  id: x\n  name: [unclosed\ncomponents: []\n");
    EXPECT_TRUE(starts_with(e, "fw.yaml:")) << e;
    EXPECT_TRUE(contains(e, "invalid YAML")) << e;
}

TEST(FrameworkLoader, LoadsAUserFileAndNamesItInErrors) {
    const auto dir = std::filesystem::temp_directory_path() / "gg_test_framework_loader";
    std::filesystem::create_directories(dir);
    const auto good = (dir / "user.yaml").string();
    std::ofstream(good) << kHead + indicator();
    const Framework f = gg::load_framework_file(good);
    EXPECT_EQ(f.file, good);
    EXPECT_EQ(f.components[0].indicators[0].id, "per_capita");

    const auto bad = (dir / "bad.yaml").string();
    std::ofstream(bad) << kHead + indicator("nonexistent_metric");
    try {
        gg::load_framework_file(bad);
        ADD_FAILURE() << "bad.yaml loaded";
    } catch (const gg::Error& e) {
        EXPECT_TRUE(starts_with(e.what(), bad + ":15: ")) << e.what();
    }
    EXPECT_THROW(gg::load_framework_file((dir / "absent.yaml").string()), gg::Error);
    std::filesystem::remove_all(dir);
}

}  // namespace
