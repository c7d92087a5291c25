// The built-in frameworks (data/frameworks/*.yaml, examples/*.yaml) load, and say what their
// published sources say (docs/methods.md 5): the expected numbers below are taken from
// docs/methods.md, not from the files, so a typo in a file or a loader misreading it fails here.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/framework.hpp"
#include "core/records.hpp"

namespace {

namespace fs = std::filesystem;
using gg::Comparison;
using gg::Direction;
using gg::Framework;
using gg::IndicatorDef;

// data/frameworks of this source tree, from this file's path (no CMake definition needed).
fs::path frameworks_dir() {
    const std::string self = __FILE__;
    const std::string tail = "tests/assess/test_builtin_frameworks.cpp";
    return fs::path(self.substr(0, self.size() - tail.size())) / "data" / "frameworks";
}

std::vector<fs::path> yaml_files(const fs::path& dir) {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.is_regular_file() && e.path().extension() == ".yaml") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

Framework load(const std::string& name) {
    return gg::load_framework_file((frameworks_dir() / name).string());
}

const IndicatorDef& indicator(const Framework& f, const std::string& id) {
    for (const auto& c : f.components)
        for (const auto& i : c.indicators)
            if (i.id == id) return i;
    throw gg::Error("no indicator " + id + " in " + f.id);
}

const gg::ComponentDef& component(const Framework& f, const std::string& id) {
    for (const auto& c : f.components)
        if (c.id == id) return c;
    throw gg::Error("no component " + id + " in " + f.id);
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

bool requires_metric(const IndicatorDef& i, const std::string& metric) {
    return std::find(i.requires_metrics.begin(), i.requires_metrics.end(), metric) !=
           i.requires_metrics.end();
}

TEST(BuiltinFrameworks, EveryFileLoadsWithCitationAndNames) {
    std::vector<fs::path> files = yaml_files(frameworks_dir());
    ASSERT_EQ(files.size(), 7u);  // the six built-ins of docs/methods.md 5 and sdg_6_6_1
    const std::vector<fs::path> examples = yaml_files(frameworks_dir() / "examples");
    ASSERT_EQ(examples.size(), 1u);
    files.insert(files.end(), examples.begin(), examples.end());
    std::set<std::string> ids;
    for (const auto& path : files) {
        SCOPED_TRACE(path.string());
        Framework f;
        try {
            f = gg::load_framework_file(path.string());
        } catch (const gg::Error& e) {
            ADD_FAILURE() << e.what();
            continue;
        }
        // Built-ins are named after their id; the example has its own id.
        if (path.parent_path() == frameworks_dir()) {
            EXPECT_EQ(f.id, path.stem().string());
        }
        EXPECT_TRUE(ids.insert(f.id).second) << "duplicate framework id " << f.id;
        EXPECT_FALSE(f.citation.empty());
        EXPECT_FALSE(f.name.en.empty());
        EXPECT_FALSE(f.name.th.empty());
        for (const auto& c : f.components)
            for (const auto& i : c.indicators) {
                EXPECT_FALSE(i.name.en.empty()) << i.id;
                EXPECT_FALSE(i.name.th.empty()) << i.id;
                if (i.target) {
                    EXPECT_FALSE(i.target->source.empty()) << i.id;
                }
            }
    }
}

TEST(BuiltinFrameworks, DeqpGreenAreaTargetsByMunicipalityClass) {
    const Framework f = load("deqp_green_area.yaml");
    const IndicatorDef& share = indicator(f, "green_share_pct");
    EXPECT_EQ(share.unit, "%");
    EXPECT_EQ(share.direction, Direction::Higher);
    ASSERT_TRUE(share.target);
    EXPECT_FALSE(share.target->value);
    EXPECT_EQ(share.target->by_input, "municipality_type");
    // 15 % city municipality and special-form authority, 20 % town, 25 % subdistrict / SAO.
    const std::map<std::string, double> expected = {
        {"city", 15}, {"special", 15}, {"town", 20}, {"subdistrict", 25}, {"sao", 25}};
    EXPECT_EQ(share.target->by_class, expected);
    EXPECT_EQ(share.target->comparison, Comparison::GreaterOrEqual);
    ASSERT_EQ(f.inputs.size(), 1u);
    EXPECT_EQ(f.inputs[0].id, "municipality_type");
    EXPECT_EQ(f.inputs[0].from, gg::InputDef::From::ZoneAttribute);

    const IndicatorDef& pub = indicator(f, "public_green_share_pct");
    ASSERT_TRUE(pub.target);
    ASSERT_TRUE(pub.target->value);
    EXPECT_DOUBLE_EQ(*pub.target->value, 5);
    EXPECT_EQ(pub.target->comparison, Comparison::GreaterOrEqual);
    EXPECT_TRUE(requires_metric(pub, "public_green_share"));
}

TEST(BuiltinFrameworks, DeqpGreenAreaEvaluatesTheClassTarget) {
    const Framework f = load("deqp_green_area.yaml");
    // green_share 0.18 = 18 %: meets the city (15 %) target, not the town (20 %) one.
    for (const auto& [cls, met] :
         std::vector<std::pair<std::string, bool>>{{"city", true}, {"town", false}}) {
        SCOPED_TRACE(cls);
        gg::ZoneValues v;
        v.numbers["green_share"] = 0.18;
        v.classes["municipality_type"] = cls;
        const gg::FrameworkResult r = gg::evaluate_framework(f, v, 2024);
        const auto it = std::find_if(r.indicators.begin(), r.indicators.end(), [](const auto& i) {
            return i.indicator_id == "green_share_pct";
        });
        ASSERT_NE(it, r.indicators.end());
        ASSERT_TRUE(it->value);
        EXPECT_NEAR(*it->value, 18, 1e-9);
        ASSERT_TRUE(it->target);
        EXPECT_DOUBLE_EQ(*it->target, cls == "city" ? 15 : 20);
        ASSERT_TRUE(it->met);
        EXPECT_EQ(*it->met, met);
    }
}

TEST(BuiltinFrameworks, DeqpSustainableEnvironmentCityHasFourComponentsOf25) {
    const Framework f = load("deqp_sustainable_environment_city.yaml");
    ASSERT_EQ(f.components.size(), 4u);
    for (const auto& c : f.components) EXPECT_DOUBLE_EQ(c.weight, 25) << c.id;
    // Only the green-area indicators, under sustainable environment; 34 in all is not public.
    const auto& env = component(f, "sustainable_environment");
    EXPECT_GE(env.indicators.size(), 1u);
    EXPECT_NO_THROW(indicator(f, "green_share_pct"));
    EXPECT_TRUE(contains(f.notes, "34 indicators"));
    EXPECT_TRUE(contains(f.notes, "own framework file"));
}

TEST(BuiltinFrameworks, GreenBangkok2030Targets) {
    const Framework f = load("green_bangkok_2030.yaml");
    const IndicatorDef& pc = indicator(f, "green_per_capita");
    ASSERT_TRUE(pc.target && pc.target->value);
    EXPECT_DOUBLE_EQ(*pc.target->value, 10);
    EXPECT_EQ(pc.unit, "m2/person");

    const IndicatorDef& near = indicator(f, "area_within_400m_public_space_pct");
    ASSERT_TRUE(near.target && near.target->value);
    EXPECT_DOUBLE_EQ(*near.target->value, 50);
    EXPECT_EQ(near.target->comparison, Comparison::Greater);  // "> 50 %"

    const IndicatorDef& canopy = indicator(f, "tree_canopy_pct");
    ASSERT_TRUE(canopy.target && canopy.target->value);
    EXPECT_DOUBLE_EQ(*canopy.target->value, 30);
    ASSERT_TRUE(canopy.baseline && canopy.baseline->value);
    EXPECT_DOUBLE_EQ(*canopy.baseline->value, 17);  // "from 17 % to 30 %", no year given
    EXPECT_FALSE(canopy.baseline->year);
    EXPECT_TRUE(requires_metric(canopy, "tree_canopy_share"));
}

TEST(BuiltinFrameworks, OnepAbove9Towards15) {
    const Framework f = load("onep_green_per_capita.yaml");
    const IndicatorDef& min = indicator(f, "green_per_capita_above_9");
    ASSERT_TRUE(min.target && min.target->value);
    EXPECT_DOUBLE_EQ(*min.target->value, 9);
    EXPECT_EQ(min.target->comparison, Comparison::Greater);
    const IndicatorDef& aim = indicator(f, "green_per_capita_towards_15");
    ASSERT_TRUE(aim.target && aim.target->value);
    EXPECT_DOUBLE_EQ(*aim.target->value, 15);
    EXPECT_TRUE(contains(f.citation, "2019"));
}

TEST(BuiltinFrameworks, BenchmarksLabel9AsDm1444NotWho) {
    const Framework f = load("green_benchmarks.yaml");
    const IndicatorDef& nine = indicator(f, "green_per_capita_dm1444");
    ASSERT_TRUE(nine.target && nine.target->value);
    EXPECT_DOUBLE_EQ(*nine.target->value, 9);
    EXPECT_TRUE(contains(nine.target->source, "DM 1444/1968"));
    EXPECT_TRUE(contains(nine.target->source, "not a WHO standard"));
    EXPECT_TRUE(contains(f.notes, "NOT a WHO standard"));

    // ISO 37120 defines the indicator, no target.
    EXPECT_FALSE(indicator(f, "green_ha_per_100k_pop").target);

    // 3-30-300: 30 % canopy; the '3' is not computed.
    const IndicatorDef& canopy = indicator(f, "tree_canopy_pct");
    ASSERT_TRUE(canopy.target && canopy.target->value);
    EXPECT_DOUBLE_EQ(*canopy.target->value, 30);
    EXPECT_TRUE(
        requires_metric(indicator(f, "pop_within_300m_green_pct"), "pop_within_300m_share"));
}

TEST(BuiltinFrameworks, ImtGtSudfSevenSectorsWithMunicipalTargets) {
    const Framework f = load("imt_gt_sudf.yaml");
    std::vector<std::string> ids;
    for (const auto& c : f.components) ids.push_back(c.id);
    EXPECT_EQ(ids, (std::vector<std::string>{"urban_planning", "water", "waste", "energy",
                                             "transport", "tourism", "biodiversity"}));
    // The 2024-2036 numeric targets are not public: no number in the file, every target is
    // the municipality's own, read per zone from an input.
    for (const auto& c : f.components)
        for (const auto& i : c.indicators) {
            if (!i.target) continue;  // wetland change has none: a direction only
            EXPECT_FALSE(i.target->value) << i.id;
            EXPECT_TRUE(i.target->value_input.rfind("sudf_target_", 0) == 0) << i.id;
        }
    EXPECT_NO_THROW(indicator(f, "green_per_capita"));
    EXPECT_NO_THROW(indicator(f, "wetland_share_pct"));
}

TEST(BuiltinFrameworks, Sdg661IsTheChangeOfTheWetlandInventory) {
    const Framework f = load("sdg_6_6_1.yaml");
    const IndicatorDef& change = indicator(f, "wetland_extent_change_pct");
    EXPECT_FALSE(change.target);  // the SDG sets no number
    const IndicatorDef& kept = indicator(f, "wetland_extent_of_baseline_pct");
    ASSERT_TRUE(kept.target && kept.target->value);
    EXPECT_DOUBLE_EQ(*kept.target->value, 100);  // no net loss: our reading, said in the source
    EXPECT_TRUE(contains(kept.target->source, "states no number"));
}

TEST(BuiltinFrameworks, ExampleIsLabelledAndUsesRecords) {
    const Framework f =
        gg::load_framework_file((frameworks_dir() / "examples" / "my_municipality.yaml").string());
    EXPECT_TRUE(contains(f.name.en, "EXAMPLE"));
    const IndicatorDef& waste = indicator(f, "waste_kg_per_capita_day");
    EXPECT_EQ(waste.direction, Direction::Lower);
    ASSERT_TRUE(waste.target && waste.target->year && waste.baseline && waste.baseline->year);
    EXPECT_LT(*waste.baseline->year, *waste.target->year);
    EXPECT_EQ(waste.target->comparison, Comparison::LessOrEqual);
    EXPECT_TRUE(contains(waste.target->source, "EXAMPLE"));
    for (const auto& in : f.inputs) EXPECT_EQ(in.from, gg::InputDef::From::Records) << in.id;
}

TEST(BuiltinFrameworks, ExampleRecordsFeedTheExampleFramework) {
    // The first five census tracts of data/olinda/olinda1.shp (CD_GEOCODI, from ogrinfo).
    const std::set<std::string> zones = {"260960005000001", "260960005000002", "260960005000003",
                                         "260960005000004", "260960005000005"};
    const fs::path csv = frameworks_dir() / "examples" / "records_example.csv";
    const gg::Records r = gg::load_records_file(csv.string(), zones);
    const Framework f =
        gg::load_framework_file((frameworks_dir() / "examples" / "my_municipality.yaml").string());
    for (const auto& in : f.inputs) EXPECT_TRUE(r.columns.count(in.id)) << in.id;
    for (const auto& z : zones)
        for (int year : {2020, 2024}) {
            EXPECT_TRUE(gg::record_number(r, z, year, "waste_collected_t")) << z << " " << year;
            EXPECT_TRUE(gg::record_number(r, z, year, "waste_recycled_t")) << z << " " << year;
        }

    // Tract ...001 in 2024, 1119 residents (V014): 447.0 t/year = 1.094 kg/person/day > 0.9.
    gg::ZoneValues v;
    v.numbers["population"] = 1119;
    v.numbers["green_m2_per_capita"] = 12;
    v.numbers["waste_collected_t"] =
        *gg::record_number(r, "260960005000001", 2024, "waste_collected_t");
    v.numbers["waste_recycled_t"] =
        *gg::record_number(r, "260960005000001", 2024, "waste_recycled_t");
    const gg::FrameworkResult res = gg::evaluate_framework(f, v, 2024);
    const auto it = std::find_if(res.indicators.begin(), res.indicators.end(), [](const auto& i) {
        return i.indicator_id == "waste_kg_per_capita_day";
    });
    ASSERT_NE(it, res.indicators.end());
    ASSERT_TRUE(it->value);
    EXPECT_NEAR(*it->value, 447.0 * 1000 / 1119 / 365, 1e-9);
    ASSERT_TRUE(it->met);
    EXPECT_FALSE(*it->met);
}

}  // namespace
