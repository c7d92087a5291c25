// What the help and the project file say is what the tool does: the top-level help names what
// is computed (and what is not yet); a zone input may be a plain value; a key given twice in
// any YAML file the tool reads (project files, framework files) is an error with file:line.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <sstream>

#include "support/grid_city.hpp"

namespace gg::test {
namespace {

std::string replaced(const std::string& text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    if (at == std::string::npos) throw std::runtime_error("no " + from + " in\n" + text);
    return text.substr(0, at) + to + text.substr(at + from.size());
}

void expect_error(const CommandResult& r, const std::string& message) {
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(r.err, "greengauge: error: " + message + "\n");
}

TEST(ProjectFile, TopLevelHelpSaysWhatIsComputed) {
    const auto r = run_greengauge({"--help"});
    ASSERT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.out.find("(green space, wetlands, urban heat)"), std::string::npos) << r.out;
    for (const char* s :
         {"green cover (NDVI)", "green space per capita", "tree-canopy proxy",
          "access to green space within 300 m", "land-cover green", "indicator framework scores",
          "wetland and open-water area by type", "land surface temperature",
          "its change between periods", "hot spots (Getis-Ord Gi*)",
          "surface urban heat island intensity", "the residents' exposure to heat"})
        EXPECT_NE(r.out.find(s), std::string::npos) << s;
    // What it says is computed is available: the wetland, heat island and exposure metrics.
    const auto m = run_greengauge({"frameworks", "metrics"});
    std::istringstream lines(m.out);
    int heat = 0, wetland = 0;
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("  wetland_share ", 0) == 0 || line.rfind("  wetland_change_pct ", 0) == 0) {
            ++wetland;
            EXPECT_FALSE(line.ends_with("(not available yet)")) << line;
        }
        // The heat island intensity and the exposure are computed (the heat family).
        if (line.rfind("  suhi_k", 0) != 0 && line.rfind("  lst_pop_weighted_k ", 0) != 0 &&
            line.rfind("  pop_in_hotspots ", 0) != 0)
            continue;
        ++heat;
        EXPECT_FALSE(line.ends_with("(not available yet)")) << line;
    }
    EXPECT_EQ(heat, 5) << m.out;  // suhi_k, suhi_k_min, suhi_k_max, the two exposure metrics
    EXPECT_EQ(wetland, 2) << m.out;
    EXPECT_NE(m.out.find("lst_mean_k"), std::string::npos);
}

// The green-share target of deqp_green_area depends on municipality_type: 20 % for a town.
TEST(ProjectFile, ZoneInputMayBeAPlainValue) {
    for (const std::string form : {"town", "{value: town}"}) {
        TempDir dir;
        GridCity c;
        c.frameworks = "[deqp_green_area]";
        const std::string project = write_grid_city(dir.path(), c);
        write_text(project,
                   read_text(project) + "zone_inputs:\n  municipality_type: " + form + "\n");
        const auto r = run_greengauge({"assess", project, "-o", dir.file("out")});
        ASSERT_EQ(r.exit_code, 0) << form << ": " << r.err;
        EXPECT_EQ(r.err.find("needs input \"municipality_type\""), std::string::npos) << r.err;
        const std::string csv = read_text(dir.file("out/city_indicators.csv"));
        const std::regex town_target(",green_share_pct,[^,]*,%,20,>=,");
        EXPECT_EQ(std::distance(std::sregex_iterator(csv.begin(), csv.end(), town_target),
                                std::sregex_iterator()),
                  3)
            << form << "\n"
            << csv;
    }
}

TEST(ProjectFile, ZoneInputWithoutAValueIsAnError) {
    TempDir dir;
    const std::string project = write_grid_city(dir.path(), GridCity{});
    write_text(project, read_text(project) + "zone_inputs:\n  municipality_type: {}\n");
    const auto r = run_greengauge({"assess", project, "-o", dir.file("out")});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find(project + ":14: zone input \"municipality_type\" is a value (city), "
                                   "{value: V} or {field: F}"),
              std::string::npos)
        << r.err;
}

TEST(ProjectFile, KeyGivenTwiceInAProjectFileIsAnError) {
    TempDir dir;
    const std::string project = write_grid_city(dir.path(), GridCity{});
    const std::string text = read_text(project);
    // Lines: 1 name, 2 year, 3 zones:, 4-7 its keys, 8 imagery:, 9 source, 10 red, 11 nir.
    write_text(project, replaced(text, "  nir_band: 2\n", "  nir_band: 2\n  nir_band: 3\n"));
    expect_error(run_greengauge({"assess", project, "-o", dir.file("out")}),
                 project + ":12: duplicate key \"nir_band\" in \"imagery\" (first at line 11)");

    write_text(project, replaced(text, "year: 2024\n", "year: 2024\nyear: 2010\n"));
    expect_error(run_greengauge({"assess", project, "-o", dir.file("out")}),
                 project + ":3: duplicate key \"year\" in the top level (first at line 2)");

    write_text(project, text + "zone_inputs:\n  municipality_type: {field: a, field: b}\n");
    expect_error(run_greengauge({"assess", project, "-o", dir.file("out")}),
                 project +
                     ":14: duplicate key \"field\" in \"zone_inputs.municipality_type\" (first "
                     "at line 14)");
    EXPECT_FALSE(std::filesystem::exists(dir.file("out"))) << "nothing written";
}

const char* kFramework = R"(framework:
  id: twice
  name: {en: Twice}
  source: {citation: "written for this test"}
inputs:
  - id: municipality_type
    unit: class
    description: {en: city or town}
    from: zone_attribute
components:
  - id: green
    name: {en: Green}
    indicators:
      - id: green_pct
        name: {en: Green share}
        unit: "%"
        expression: green_share * 100
        direction: higher
        target:
          by: municipality_type
          values: {city: 15, town: 20, city: 25}
          comparison: ">="
          source: "test"
)";

// Framework files read every mapping through YamlReader::keys(), which rejects a key given
// twice: checked here at three depths, and through a project that uses the file.
// YAML's .nan and .inf are numbers to yaml-cpp: as a threshold they made every comparison false
// ("0 % green" with no word). A list or mapping where one value belongs ended in "internal
// error: yaml-cpp: ... bad conversion", naming no file. Each is now one line with file:line.
TEST(ProjectFile, NotANumberAndValuesOfTheWrongShapeAreErrorsWithFileAndLine) {
    TempDir dir;
    const std::string project = write_grid_city(dir.path(), GridCity{});
    const std::string text = read_text(project);
    // Lines: 1 name, 2 year, 3 zones:, 4 source, 5 id_field, 6-7, 8 imagery:, 9-11, 12 frameworks.
    const std::string tail = "green:\n  ndvi_threshold: .nan\n";
    write_text(project, text + tail);
    expect_error(run_greengauge({"assess", project, "-o", dir.file("out")}),
                 project + ":14: \"green.ndvi_threshold\" must be a finite number, not .nan");
    write_text(project, text + "green:\n  sensitivity_thresholds: [0.2, .nan]\n");
    expect_error(run_greengauge({"assess", project, "-o", dir.file("out")}),
                 project + ":14: each sensitivity threshold must be a number between -1 and 1");
    write_text(project, replaced(text, "  nir_band: 2\n", "  nir_band: 2\n  scale: -.inf\n"));
    expect_error(run_greengauge({"assess", project, "-o", dir.file("out")}),
                 project + ":12: \"imagery.scale\" must be a finite number, not -.inf");

    write_text(project, replaced(text, "  id_field: zone_id\n", "  [a, b]: zone_id\n"));
    expect_error(run_greengauge({"assess", project, "-o", dir.file("out")}),
                 project + ":5: a key must be a plain word in \"zones\", not a list or mapping");
    write_text(project, text + "zone_inputs:\n  [x]: city\n");
    expect_error(run_greengauge({"assess", project, "-o", dir.file("out")}),
                 project + ":14: a list or mapping where one value is expected");
    EXPECT_FALSE(std::filesystem::exists(dir.file("out")));
}

TEST(ProjectFile, KeyGivenTwiceInAFrameworkFileIsAnError) {
    TempDir dir;
    const std::string fw = dir.file("fw.yaml");
    write_text(fw, kFramework);
    expect_error(run_greengauge({"frameworks", "show", fw}),
                 fw + ":21: target of indicator green_pct: duplicate class \"city\"");
    const std::string ok =
        replaced(kFramework, "{city: 15, town: 20, city: 25}", "{city: 15, town: 20}");
    write_text(fw, replaced(ok, "    name: {en: Green}", "    name: {en: Green, en: Blue}"));
    expect_error(run_greengauge({"frameworks", "show", fw}),
                 fw + ":12: duplicate key \"en\" in component name");
    write_text(fw, replaced(ok, "        name: {en: Green share}",
                            "        name: {en: Green share, th: x, th: y}"));
    expect_error(run_greengauge({"frameworks", "show", fw}),
                 fw + ":15: duplicate key \"th\" in indicator green_pct name");
    write_text(fw, kFramework);
    const std::string project = write_grid_city(dir.path(), GridCity{});
    write_text(project, replaced(read_text(project), "[onep_green_per_capita]", "[./fw.yaml]"));
    const auto r = run_greengauge({"assess", project, "-o", dir.file("out")});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("fw.yaml:21: target of indicator green_pct: duplicate class \"city\""),
              std::string::npos)
        << r.err;
}

}  // namespace
}  // namespace gg::test

namespace gg::test {
namespace {

// The demo is stamped with the year of its data (the 2010 census), and its two frameworks have
// no target year or baseline: the year changes no score and no trajectory.
TEST(ProjectFile, DemoIsStampedWithTheYearOfItsData) {
    TempDir dir;
    const auto r = run_greengauge(
        {"assess", std::string(GG_DATA_DIR) + "/demo/olinda.yaml", "-o", dir.path(), "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("\"year\": 2010"), std::string::npos) << r.out;
    std::string text = read_text(dir.file("olinda_indicators.csv"));
    // The CSV starts with a UTF-8 byte order mark for Excel (README: Outputs).
    ASSERT_EQ(text.rfind("\xEF\xBB\xBF", 0), 0u);
    std::istringstream csv(text.substr(3));
    std::string header;
    std::getline(csv, header);
    ASSERT_EQ(header.rfind("run_id,zone_id,zone_name,framework,component,indicator,value,unit,"
                           "target,comparison,target_year,met,score,trajectory_value,on_track,",
                           0),
              0u)
        << header;
    size_t rows = 0;
    for (std::string line; std::getline(csv, line); ++rows) {
        std::vector<std::string> cells;
        std::stringstream ss(line);
        for (std::string c; std::getline(ss, c, ',');) cells.push_back(c);
        ASSERT_GT(cells.size(), 14u) << line;
        EXPECT_EQ(cells[10], "") << "target_year: " << line;
        EXPECT_EQ(cells[13], "") << "trajectory_value: " << line;
        EXPECT_EQ(cells[14], "") << "on_track: " << line;
    }
    EXPECT_EQ(rows, 470u * 6);
}

}  // namespace
}  // namespace gg::test
