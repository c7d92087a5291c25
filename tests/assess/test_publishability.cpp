// Scores a municipality can publish: the rules of coverage, completeness, denominators, proxies
// and wiring, each on the synthetic city of synthetic_city.hpp with answers derived by hand there.
#include <gtest/gtest.h>

#include <sstream>

#include "assess/assessment.hpp"
#include "assess/families.hpp"
#include "synthetic_city.hpp"

namespace gg::assess {
namespace {

using test::SyntheticCity;

struct CityRun {
    Project project;
    AssessmentResult result;
    std::vector<std::string> warnings;
};

CityRun assess(const SyntheticCity& city) {
    CityRun r{load_project(city.project, builtin_families()), {}, {}};
    AssessmentOptions o;
    o.reporter.warning = [&r](const std::string& line) { r.warnings.push_back(line); };
    r.result = run_assessment(r.project, o);
    return r;
}

size_t zone_index(const AssessmentResult& r, const std::string& id) {
    for (size_t z = 0; z < r.zones.zones.size(); ++z)
        if (r.zones.zones[z].id == id) return z;
    ADD_FAILURE() << "no zone " << id;
    return 0;
}

const FrameworkResult& framework(const AssessmentResult& r, const std::string& zone,
                                 const std::string& id) {
    for (const auto& f : r.indicators->zones[zone_index(r, zone)].frameworks)
        if (f.framework_id == id) return f;
    throw std::runtime_error("no framework " + id);
}

const IndicatorResult& indicator(const AssessmentResult& r, const std::string& zone,
                                 const std::string& fw, const std::string& id) {
    for (const auto& i : framework(r, zone, fw).indicators)
        if (i.indicator_id == id) return i;
    throw std::runtime_error("no indicator " + id);
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

const std::string kFrameworks =
    "frameworks: [deqp_green_area, deqp_sustainable_environment_city, green_bangkok_2030, "
    "green_benchmarks]\nzone_inputs:\n  municipality_type: {value: town}\n";

TEST(Publishability, ZoneAThirdCoveredKeepsItsMetricsButGetsNoScore) {
    // T: 20,000 of its 60,000 m2 are under the image (see synthetic_city.hpp).
    SyntheticCity city(kFrameworks);
    const CityRun run = assess(city);
    const AssessmentResult& r = run.result;
    const size_t t = zone_index(r, "T");
    EXPECT_NEAR(r.metrics.value(t, "image_coverage_share").value(), 1.0 / 3, 1e-12);
    EXPECT_NEAR(r.metrics.value(t, "area_m2").value(), 20000, 1e-6);
    EXPECT_EQ(r.metrics.value(t, "green_share").value(), 0.0);  // still written
    const IndicatorResult& g = indicator(r, "T", "deqp_green_area", "green_share_pct");
    EXPECT_EQ(g.value.value(), 0.0);
    EXPECT_FALSE(g.score.has_value());
    EXPECT_FALSE(g.met.has_value());
    EXPECT_TRUE(contains(g.reason, "image covers 33 % of the zone (imagery.min_coverage 90 %)"))
        << g.reason;
    // A polygon metric of the same zone is scored: only image-based indicators are withheld.
    EXPECT_TRUE(indicator(r, "T", "deqp_green_area", "public_green_share_pct").score.has_value());
    bool warned = false;
    for (const auto& w : run.warnings)
        warned = warned || contains(w, "1 zone(s) are covered less than 90 % by the image");
    EXPECT_TRUE(warned);

    // With imagery.min_coverage 0.3 the same zone is scored.
    SyntheticCity lenient(kFrameworks);
    std::string text = test::read_text(lenient.project);
    text.insert(text.find("  red_band"), "  min_coverage: 0.3\n");
    test::write_text(lenient.project, text);
    const CityRun scored = assess(lenient);
    EXPECT_TRUE(
        indicator(scored.result, "T", "deqp_green_area", "green_share_pct").score.has_value());
}

TEST(Publishability, ZoneOutsideTheImageHasNoValueAndIsLeftOutOfTheTotal) {
    SyntheticCity city(kFrameworks);
    const CityRun run = assess(city);
    const AssessmentResult& r = run.result;
    const size_t o = zone_index(r, "O");
    EXPECT_EQ(r.metrics.value(o, "image_coverage_share").value(), 0.0);
    EXPECT_FALSE(r.metrics.value(o, "area_m2").has_value());
    EXPECT_EQ(r.metrics.cell(o, "green_share").reason, "zone outside the image");
    const IndicatorResult& g = indicator(r, "O", "deqp_green_area", "green_share_pct");
    EXPECT_FALSE(g.value.has_value());
    EXPECT_TRUE(contains(g.reason, "zone outside the image")) << g.reason;

    // The terminal: South (T, a third covered) and East (O, outside) are "-", never 0; the total
    // is North's: 40,000 m2 all green, 100 residents, 400 m2/person (not 220 residents).
    const auto cli = test::run_greengauge({"assess", city.project, "-o", city.out});
    ASSERT_EQ(cli.exit_code, 0) << cli.err;
    std::istringstream lines(cli.out);
    std::string line;
    std::map<std::string, std::vector<std::string>> rows;
    std::string note;
    while (std::getline(lines, line)) {
        std::istringstream words(line);
        std::vector<std::string> w;
        for (std::string x; words >> x;) w.push_back(x);
        if (!w.empty()) rows[w[0]] = w;
        if (contains(line, "Left out of the groups and TOTAL")) note = line;
    }
    EXPECT_EQ(rows["South"], (std::vector<std::string>{"South", "0", "-", "-", "-", "-", "-"}));
    EXPECT_EQ(rows["East"], (std::vector<std::string>{"East", "0", "-", "-", "-", "-", "-"}));
    EXPECT_EQ(rows["North"],
              (std::vector<std::string>{"North", "2", "0.040", "100.0", "0.040", "100", "400.0"}));
    EXPECT_EQ(rows["TOTAL"],
              (std::vector<std::string>{"TOTAL", "2", "0.040", "100.0", "0.040", "100", "400.0"}));
    EXPECT_TRUE(contains(note, "TOTAL: 2 of 4 zones")) << cli.out;
}

TEST(Publishability, AFrameworkWithAMissingIndicatorIsPartial) {
    // Two scored indicators, one over an input no records give: F is scored from 1 of 2.
    SyntheticCity city("frameworks: [./two.yaml]\n");
    test::write_text(city.dir.file("two.yaml"), R"(framework:
  id: two
  version: "1"
  name: {en: Two indicators}
  source: {citation: "written for this test"}
inputs:
  - {id: trees_planted, unit: trees, description: {en: Trees planted}, from: records}
components:
  - id: c
    name: {en: C}
    weight: 1
    indicators:
      - {id: green_pct, name: {en: Green}, unit: "%", expression: green_share * 100,
         direction: higher, target: {value: 10, comparison: ">=", source: test}}
      - {id: trees, name: {en: Trees}, unit: trees, expression: trees_planted,
         direction: higher, target: {value: 10, comparison: ">=", source: test}}
)");
    const CityRun run = assess(city);
    const FrameworkResult& f = framework(run.result, "F", "two");
    EXPECT_EQ(f.score.value(), 100.0);  // the weighted mean of what is scored, unchanged
    EXPECT_FALSE(f.complete);
    EXPECT_EQ(status(f), "partial: 1 of 2 indicators");
    // The scores table says so on the framework row, and the terminal marks the score.
    const Table* scores = nullptr;
    for (const auto& [name, t] : run.result.history)
        if (name == "scores") scores = &t;
    ASSERT_NE(scores, nullptr);
    size_t status_col = 0;
    for (size_t c = 0; c < scores->columns.size(); ++c)
        if (scores->columns[c].name == "status") status_col = c;
    bool found = false;
    for (const auto& row : scores->rows)
        if (std::get<std::string>(row[1]) == "F" && std::holds_alternative<std::monostate>(row[4]))
            found = std::get<std::string>(row[status_col]) == "partial: 1 of 2 indicators";
    EXPECT_TRUE(found);
    const auto cli = test::run_greengauge({"assess", city.project, "-o", city.out});
    ASSERT_EQ(cli.exit_code, 0) << cli.err;
    EXPECT_TRUE(contains(cli.out, "100.0*")) << cli.out;
    EXPECT_TRUE(contains(cli.out, "two - Two indicators (partial: at most 1 of 2 indicators)"))
        << cli.out;
}

TEST(Publishability, NoResidentsGivesNoPerCapitaScore) {
    // E has 0 residents and is all green: Green Bangkok's per-capita indicator has no value
    // ("no residents"); its tree canopy (100 %) is scored, so the framework is 1 of 3, partial.
    SyntheticCity city(kFrameworks);
    const CityRun run = assess(city);
    const AssessmentResult& r = run.result;
    const size_t e = zone_index(r, "E");
    EXPECT_FALSE(r.metrics.value(e, "green_m2_per_capita").has_value());
    EXPECT_EQ(r.metrics.cell(e, "green_m2_per_capita").reason, "no residents");
    const IndicatorResult& pc = indicator(r, "E", "green_bangkok_2030", "green_per_capita");
    EXPECT_FALSE(pc.value.has_value());
    EXPECT_EQ(pc.reason, "no residents");
    const FrameworkResult& bkk = framework(r, "E", "green_bangkok_2030");
    EXPECT_FALSE(bkk.complete);
    EXPECT_EQ(status(bkk), "partial: 1 of 3 indicators");
    // An expression dividing by the population itself says the same.
    const IndicatorResult& iso = indicator(r, "E", "green_benchmarks", "green_ha_per_100k_pop");
    EXPECT_EQ(iso.reason, "no residents");
    // F (100 residents) has its 30,000 m2 / 100 = 300 m2 per person.
    EXPECT_NEAR(r.metrics.value(zone_index(r, "F"), "green_m2_per_capita").value(), 300, 1e-9);
}

TEST(Publishability, TheNdviCanopyProxySaysSo) {
    SyntheticCity city(kFrameworks);
    const CityRun run = assess(city);
    const IndicatorResult& canopy =
        indicator(run.result, "F", "green_bangkok_2030", "tree_canopy_pct");
    EXPECT_EQ(canopy.value.value(), 100.0);
    EXPECT_EQ(canopy.proxy,
              "tree_canopy_share from NDVI >= 0.5 (dense vegetation), not a tree map");
    const auto cli = test::run_greengauge({"assess", city.project, "-o", city.out});
    EXPECT_TRUE(contains(cli.out, "proxy: tree_canopy_pct: tree_canopy_share from NDVI >= 0.5"))
        << cli.out;

    // A tree map (land cover, class 10 on the image's grid) replaces the proxy: no note.
    city.write_grid("lc.tif", [](int) { return 10; });
    test::write_text(city.project, test::read_text(city.project) +
                                       "landcover:\n  source: lc.tif\n  green_classes: [10]\n"
                                       "  tree_classes: [10]\n");
    const CityRun mapped = assess(city);
    const IndicatorResult& tree =
        indicator(mapped.result, "F", "green_bangkok_2030", "tree_canopy_pct");
    EXPECT_EQ(tree.value.value(), 100.0);
    EXPECT_EQ(tree.proxy, "");
    // The tree map is not withheld where the image covers a third: its basis is the map.
    EXPECT_TRUE(
        indicator(mapped.result, "T", "green_bangkok_2030", "tree_canopy_pct").score.has_value());
}

TEST(Publishability, DeqpPublicGreenIsValuedFromThePublicParks) {
    // F: public park P 2,500 m2 of the zone's 30,000 m2 = 8.33 % >= 5 % (the private Q does not
    // count); DEQP Sustainable Environment City values both its indicators but is 2 of 34.
    SyntheticCity city(kFrameworks);
    const CityRun run = assess(city);
    const AssessmentResult& r = run.result;
    const size_t f = zone_index(r, "F");
    EXPECT_NEAR(r.metrics.value(f, "public_green_area_m2").value(), 2500, 1e-6);
    EXPECT_NEAR(r.metrics.value(f, "public_green_share").value(), 2500.0 / 30000, 1e-12);
    const IndicatorResult& pub = indicator(r, "F", "deqp_green_area", "public_green_share_pct");
    EXPECT_NEAR(pub.value.value(), 100 * 2500.0 / 30000, 1e-9);
    EXPECT_TRUE(pub.met.value());
    EXPECT_EQ(pub.score.value(), 100.0);
    EXPECT_TRUE(framework(r, "F", "deqp_green_area").complete);
    const FrameworkResult& sec = framework(r, "F", "deqp_sustainable_environment_city");
    EXPECT_EQ(sec.indicators_valued, 2);
    EXPECT_EQ(status(sec), "partial: 2 of 34 indicators");
    // Without a public field the indicator says which metric is missing and why.
    SyntheticCity no_field(kFrameworks);
    std::string text = test::read_text(no_field.project);
    text.erase(text.find("  public_field: access\n"), 23);
    test::write_text(no_field.project, text);
    const CityRun unknown = assess(no_field);
    EXPECT_FALSE(indicator(unknown.result, "F", "deqp_green_area", "public_green_share_pct")
                     .value.has_value());
}

TEST(Publishability, EveryIndicatorWhoseMetricsTheRunComputedHasAValue) {
    // Every built-in framework; for zone F (inside, residents, parks with a public field) each
    // indicator whose names are all metrics with a value must have a value.
    SyntheticCity city(
        "frameworks: [deqp_green_area, deqp_sustainable_environment_city, green_bangkok_2030, "
        "onep_green_per_capita, green_benchmarks, imt_gt_sudf]\n"
        "zone_inputs:\n  municipality_type: {value: town}\n");
    const CityRun run = assess(city);
    const AssessmentResult& r = run.result;
    const size_t f = zone_index(r, "F");
    int checked = 0;
    for (const auto& fw : r.indicators->frameworks) {
        int in_framework = 0;
        for (const auto& c : fw.components)
            for (const auto& ind : c.indicators) {
                bool computable = !ind.names_used.empty();
                for (const auto& name : ind.names_used) {
                    const MetricInfo* m = find_metric(name);
                    computable = computable && m && r.metrics.value(f, name).has_value();
                }
                if (!computable) continue;
                ++checked;
                ++in_framework;
                EXPECT_TRUE(indicator(r, "F", fw.id, ind.id).value.has_value())
                    << fw.id << "." << ind.id << ": " << indicator(r, "F", fw.id, ind.id).reason;
            }
        EXPECT_GT(in_framework, 0) << fw.id << " has no indicator this run can value";
    }
    EXPECT_GE(checked, 10);
}

TEST(Publishability, EachRasterIsReadOnce) {
    // Imagery green of the zones and of "zone minus parks" come from one pass over the image;
    // a land-cover raster is a second pass.
    SyntheticCity city;
    EXPECT_EQ(assess(city).result.raster_passes, 1);
    city.write_grid("lc.tif", [](int) { return 10; });
    test::write_text(city.project, test::read_text(city.project) +
                                       "landcover:\n  source: lc.tif\n  green_classes: [10]\n");
    EXPECT_EQ(assess(city).result.raster_passes, 2);
}

}  // namespace
}  // namespace gg::assess
