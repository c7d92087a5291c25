// One list of families, many views: project keys, columns, the metric registry, --help,
// `frameworks metrics` and run_inputs all come from it, and a family written outside the library
// (here, in this test) plugs in with nothing but its own code and a place in the list.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "assess/assessment.hpp"
#include "assess/families.hpp"
#include "assess/help.hpp"
#include "assess/project_reader.hpp"
#include "assess/raster_plan.hpp"
#include "core/error.hpp"
#include "synthetic_city.hpp"

namespace gg::assess {
namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// A project that switches every family and every option on (the files need not exist: loading
// a project opens nothing).
const char* kEverything = R"(name: all
areas: planar
zones: {source: z.gpkg, id_field: id, name_field: name, population_raster: pop.tif}
imagery: {source: image.tif, red_band: 1, nir_band: 2, min_coverage: 0.8}
green: {ndvi_threshold: 0.3, tree_ndvi_threshold: 0.5, sensitivity_thresholds: [0.2, 0.4]}
green_spaces: {source: parks.gpkg, public_field: access}
access: {distance_m: 300, min_area_m2: 5000, public_only: true}
landcover: {source: lc.tif, green_classes: [10], tree_classes: [10]}
wetlands:
  inventory: {source: wetlands.gpkg, type_field: kind}
  baseline: {label: "2015", inventory: {source: wetlands_2015.gpkg, type_field: kind}}
  landcover: {source: wetlands_lc.tif}
  water: {green_band: 3, swir1_band: 4, threshold: 0}
heat: {thermal_gain: high, min_cooling_pixels: 20, suhi: {ring_km: [2, 10]}}
)";

// What only a time series of products switches on (water persistence over the dates).
const char* kTimeSeries = R"(name: series
zones: {source: z.gpkg, id_field: id}
imagery: {products: [a_MTL.txt, b_MTL.txt]}
wetlands: {persistence: {permanent: 0.75, seasonal: 0.25}}
)";

// What only two periods of land cover switch on (wetlands.change, not with wetlands.baseline).
const char* kPeriods = R"(name: periods
zones: {source: z.gpkg, id_field: id}
imagery: {products: [a_MTL.txt]}
wetlands:
  change: {baseline: {landcover: {source: lc_2015.tif}}, current: {landcover: {source: lc.tif}}}
)";

TEST(FamilyList, EveryRegisteredMetricIsAColumnAndEveryColumnIsRegistered) {
    test::TempDir dir;
    test::write_text(dir.file("all.yaml"), kEverything);
    test::write_text(dir.file("series.yaml"), kTimeSeries);
    const Project p = load_project(dir.file("all.yaml"), builtin_families());
    const std::vector<std::string> columns = zone_metric_columns(p);
    std::set<std::string> column_set(columns.begin(), columns.end());
    EXPECT_EQ(column_set.size(), columns.size()) << "a column listed twice";
    const std::vector<std::string> series =
        zone_metric_columns(load_project(dir.file("series.yaml"), builtin_families()));
    column_set.insert(series.begin(), series.end());
    test::write_text(dir.file("periods.yaml"), kPeriods);
    const std::vector<std::string> periods =
        zone_metric_columns(load_project(dir.file("periods.yaml"), builtin_families()));
    column_set.insert(periods.begin(), periods.end());
    std::set<std::string> available;
    for (const auto& m : registry_metrics(builtin_families())) {
        if (!m.available) continue;
        available.insert(std::string(m.id));
        EXPECT_TRUE(column_set.count(std::string(m.id))) << m.id << " has no column";
        EXPECT_FALSE(m.unit.empty() || m.description.empty() || m.source.empty()) << m.id;
    }
    for (const auto& c : column_set) EXPECT_TRUE(available.count(c)) << c << " is not registered";
    // By family: population 2, imagery 2, green 12, green spaces 5, access 2, land cover 3,
    // wetlands 33 (area and share, both per type of 6, inventory 1, change 5 and per type 6,
    // land cover 2, water 5), heat 20 (11 + hotspot_share, coldspot_share, heat_island_area_m2 +
    // suhi_k, _min, _max + lst_pop_weighted_k, lst_pop_valid_share, pop_in_hotspots: the project
    // has a population raster).
    EXPECT_EQ(columns.size(), 79u);
    // The time series: population and green none, imagery 2, green 12, wetlands persistence 5.
    EXPECT_EQ(series.size(), 19u);
    // Two land-cover periods: imagery 2, green 12, wetlands change 5, its valid share 1 and the
    // change per type of 6.
    EXPECT_EQ(periods.size(), 26u);
}

TEST(FamilyList, HelpAndFrameworkMetricsListEveryKeyAndMetric) {
    const std::string help = assess_reference(builtin_families());
    // The project's own keys (name, zones.*, areas, year, ...), from the same list the reader
    // accepts.
    for (const auto& k : project_keys())
        EXPECT_TRUE(contains(help, k.section.empty() ? k.key : k.section + "." + k.key)) << k.key;
    EXPECT_TRUE(contains(help, ", areas, ")) << help;
    for (const Family* f : builtin_families()) {
        EXPECT_TRUE(contains(help, "  " + f->id() + ": ")) << f->id();
        for (const auto& k : f->keys())
            EXPECT_TRUE(contains(help, k.section + "." + k.key)) << k.key;
        for (const auto& m : f->metrics())
            EXPECT_TRUE(contains(help, "    " + std::string(m.id) + " ")) << m.id;
    }
    // The executable shows the same: every available metric in `assess --help` (it once built the
    // list from a default project and showed 14 of 24), every metric in `frameworks metrics`.
    const auto assess_help = test::run_greengauge({"assess", "--help"});
    const auto metrics = test::run_greengauge({"frameworks", "metrics"});
    ASSERT_EQ(assess_help.exit_code, 0);
    for (const auto& m : registry_metrics(builtin_families())) {
        if (m.available) {
            EXPECT_TRUE(contains(assess_help.out, " " + std::string(m.id) + " ")) << m.id;
        }
        EXPECT_TRUE(contains(metrics.out, "  " + std::string(m.id) + " ")) << m.id;
    }
}

// The README's table of the columns `assess` writes names exactly the registered metrics.
TEST(FamilyList, TheReadmeTableNamesEveryMetric) {
    const std::string self = __FILE__;
    const std::string tail = "tests/assess/test_family_list.cpp";
    std::ifstream in(self.substr(0, self.size() - tail.size()) + "README.md");
    std::stringstream text;
    text << in.rdbuf();
    const std::string readme = text.str();
    const size_t start = readme.find("Per zone, `assess` writes:");
    ASSERT_NE(start, std::string::npos);
    const size_t end = readme.find("\n\n", readme.find("|---", start));
    std::istringstream rows(readme.substr(start, end - start));
    std::set<std::string> listed;
    const std::regex token("`([a-z0-9_]+)`");
    for (std::string line; std::getline(rows, line);) {
        if (line.rfind("| `", 0) != 0) continue;
        const std::string first = line.substr(0, line.find(" |", 2));
        std::string previous;
        for (std::sregex_iterator it(first.begin(), first.end(), token), e; it != e; ++it) {
            std::string id = (*it)[1];
            // `green_share_sweep_min`, `_max`: the suffix replaces the previous one's.
            if (id.front() == '_') id = previous.substr(0, previous.rfind('_')) + id;
            listed.insert(id);
            previous = id;
        }
    }
    std::set<std::string> registered;
    for (const auto& m : registry_metrics(builtin_families()))
        if (m.available) registered.insert(std::string(m.id));
    EXPECT_EQ(listed, registered);
}

TEST(FamilyList, RunInputsNameEveryFileTheRunReads) {
    // The image, the zones, the population raster, the parks and the land-cover raster: before
    // the families, run_inputs left out the last three.
    test::SyntheticCity city;
    city.write_grid("lc.tif", [](int) { return 10; });
    city.write_grid("pop.tif", [](int) { return 10; });
    std::string text = test::read_text(city.project);
    text.replace(text.find("population_field: pop"), 21, "population_raster: pop.tif");
    test::write_text(city.project, text + "landcover:\n  source: lc.tif\n  green_classes: [10]\n");
    const Project p = load_project(city.project, builtin_families());
    const AssessmentResult r = run_assessment(p);
    std::set<std::string> roles;
    for (const auto& [name, t] : r.history)
        if (name == "run_inputs")
            for (const auto& row : t.rows) roles.insert(std::get<std::string>(row[1]));
    for (const char* role :
         {"project", "zones", "image", "population_raster", "green_spaces", "landcover"})
        EXPECT_TRUE(roles.count(role)) << role;
}

// ---- A family that exists only in this test ------------------------------------------------

struct TestBandSettings : FamilySettings {
    std::string path;
};

// Mean of band 1 of its own raster per zone: section `test_band`, key `source`.
class TestBandFamily : public Family {
  public:
    std::string id() const override { return "test_band"; }
    std::string summary() const override { return "the mean of a test raster"; }
    std::vector<ProjectKey> keys() const override { return {{"test_band", "source", "a raster"}}; }
    std::vector<MetricInfo> metrics() const override {
        return {{"test_value_mean", "1", "mean of the test raster", "this test"}};
    }
    std::shared_ptr<const FamilySettings> read(const ProjectReader& r) const override {
        const auto section = r.section("test_band");
        if (!section) return nullptr;
        auto s = std::make_shared<TestBandSettings>();
        s->path = r.path_value(*section, "source", "test_band", true);
        return s;
    }
    std::vector<std::string> columns(const FamilySettings&) const override {
        return {"test_value_mean"};
    }
    std::vector<RunInput> inputs(const FamilySettings& s) const override {
        return {{"test_input", settings_as<TestBandSettings>(s).path}};
    }
    std::unique_ptr<FamilyRun> start(const FamilySettings& s, RunContext& ctx) const override {
        const std::string path = settings_as<TestBandSettings>(s).path;
        const RasterInfo info = RasterSource::open(path).info();
        ctx.add_raster("test_band", [info, path](const std::vector<std::string>&) {
            return RasterInput{"test_band", path, "test", info, {"v"}, path, {1}, std::nullopt};
        });
        return std::make_unique<Run>();
    }

  private:
    struct Run : FamilyRun {
        void plan(RunContext&, RunPlan& plan) override {
            plan.band_channel("test_band", "v");
            plan.zone_channels("test_band", {"v"});
        }
        void finish(RunContext&, const PassResults& results, ZoneMetrics& m) override {
            for (size_t z = 0; z < m.zones(); ++z)
                m.put(z, "test_value_mean", results.zone("test_band", z, "v").mean(), "outside");
        }
    };
};

TEST(FamilyList, AFamilyOutsideTheLibraryGetsAColumnARegistryEntryAHelpLineAndAnInputRow) {
    const TestBandFamily family;
    FamilyList list = builtin_families();
    list.push_back(&family);
    use_families(list);

    // The raster: value = column number + 1 on the synthetic city's grid. Zone F covers columns
    // 0..14 fully, so its mean is (1 + ... + 15) / 15 = 8.
    test::SyntheticCity city("test_band:\n  source: band.tif\n");
    city.write_grid("band.tif", [](int column) { return column + 1; });
    const Project p = load_project(city.project, list);
    const AssessmentResult r = run_assessment(p);

    EXPECT_TRUE(find_metric("test_value_mean"));                            // the registry
    EXPECT_TRUE(contains(assess_reference(list), "    test_value_mean "));  // the help
    EXPECT_TRUE(contains(assess_reference(list), "test_band.source"));
    const Table& t = r.zones_table;  // the column, with its value
    size_t col = t.columns.size();
    for (size_t c = 0; c < t.columns.size(); ++c)
        if (t.columns[c].name == "test_value_mean") col = c;
    ASSERT_LT(col, t.columns.size());
    EXPECT_DOUBLE_EQ(std::get<double>(t.rows[0][col]), 8.0);
    bool input_row = false;  // the run_inputs row
    for (const auto& [name, table] : r.history)
        if (name == "run_inputs")
            for (const auto& row : table.rows)
                input_row = input_row || std::get<std::string>(row[1]) == "test_input";
    EXPECT_TRUE(input_row);
    // Its keys are checked like any other: a typo in its section is a file:line error.
    test::write_text(city.project, test::read_text(city.project) + "  sorce: x\n");
    EXPECT_THROW(
        {
            try {
                load_project(city.project, list);
            } catch (const Error& e) {
                EXPECT_TRUE(contains(e.what(), "unknown key \"sorce\" in \"test_band\""))
                    << e.what();
                throw;
            }
        },
        Error);
    use_families(builtin_families());
}

}  // namespace
}  // namespace gg::assess
