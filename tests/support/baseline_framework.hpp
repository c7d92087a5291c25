#pragma once
// A municipality's own green target with a baseline given by a year alone, for the tests of
// baselines read from the records CSV and the run histories (tests/cli/test_indicator_baselines,
// tests/pg/test_assess_db).
namespace gg::test {

inline constexpr const char* kBaselineYearFramework = R"(framework:
  id: city_green
  version: "1"
  name: {en: A municipality's own green target}
  source: {citation: "written for this test"}
components:
  - id: green
    name: {en: Green}
    weight: 1
    indicators:
      - id: green_pct
        name: {en: Green share}
        unit: "%"
        expression: green_share * 100
        direction: higher
        target: {value: 50, comparison: ">=", year: 2030, source: "test"}
        baseline: {year: 2010}
)";

}  // namespace gg::test
