#include "assess/batch_manifest.hpp"

#include <glob.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "assess/batch_stac.hpp"
#include "assess/project_reader.hpp"
#include "core/error.hpp"

namespace gg::assess {
namespace {

namespace fs = std::filesystem;

std::set<std::string> keys_of(const std::string& section) {
    std::set<std::string> keys;
    for (const auto& k : batch_manifest_keys())
        if (k.section == section) keys.insert(k.key);
    return keys;
}

bool is_date(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9') return false;
    const int month = std::stoi(s.substr(5, 2)), day = std::stoi(s.substr(8, 2));
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

std::vector<std::string> glob_files(const ProjectReader& r, const YAML::Node& at,
                                    const std::string& pattern) {
    glob_t g{};
    const int rc = ::glob(pattern.c_str(), 0, nullptr, &g);
    std::vector<std::string> found;
    for (size_t i = 0; rc == 0 && i < g.gl_pathc; ++i) found.emplace_back(g.gl_pathv[i]);
    ::globfree(&g);
    if (found.empty()) r.fail(at, "scenes.glob \"" + pattern + "\" matches no file");
    return found;  // glob(3) sorts them
}

std::vector<BatchZoneSet> read_zone_sets(const ProjectReader& r, const Project& project) {
    const YAML::Node list = r.root()["zone_sets"];
    if (!list)
        return {{project.zones.layer.empty() ? "zones" : project.zones.layer, project.zones}};
    if (!list.IsSequence() || list.size() == 0)
        r.fail(list, "\"zone_sets\" must be a list of zone sets (name and source, or split_by)");
    std::vector<BatchZoneSet> sets;
    for (const YAML::Node& item : list) {
        if (!item.IsMap()) r.fail(item, "each of \"zone_sets\" is a mapping (name, source, ...)");
        r.check_keys(item, keys_of("zone_sets"), "zone_sets");
        if (const std::string field = r.text(item, "split_by", "zone_sets", false);
            !field.empty()) {
            if (item["source"] || item["name"])
                r.fail(item,
                       "zone_sets: split_by splits the project's zones; it takes no "
                       "source or name");
            for (const std::string& value : zone_field_values(project.zones, field)) {
                ZoneLayerSpec spec = project.zones;
                spec.select_field = field;
                spec.select_value = value;
                sets.push_back({value.empty() ? field + " (empty)" : value, spec});
            }
            continue;
        }
        ZoneLayerSpec spec = project.zones;  // the project's id, name and population fields
        spec.path = r.path_value(item, "source", "zone_sets", true);
        spec.layer = r.text(item, "layer", "zone_sets", false);
        sets.push_back({r.text(item, "name", "zone_sets", true), spec});
    }
    std::set<std::string> seen;
    for (const auto& s : sets)
        if (!seen.insert(s.name).second)
            r.fail(list, "two zone sets are named \"" + s.name +
                             "\": their tasks would write the same output");
    return sets;
}

std::vector<std::string> read_scenes(const ProjectReader& r,
                                     std::map<std::string, std::vector<std::string>>& files) {
    const auto section = r.section("scenes");
    if (!section) return {};
    r.check_keys(*section, keys_of("scenes"), "scenes");
    std::vector<std::string> scenes;
    if (const std::string pattern = r.path_value(*section, "glob", "scenes", false);
        !pattern.empty())
        for (auto& f : glob_files(r, (*section)["glob"], pattern)) scenes.push_back(std::move(f));
    for (const auto& p : r.texts(*section, "products", "scenes")) scenes.push_back(r.resolve(p));
    if (const std::string stac = r.path_value(*section, "stac", "scenes", false); !stac.empty())
        for (auto& p : stac_products(stac)) {
            if (!p.files.empty()) files[p.metadata] = std::move(p.files);
            scenes.push_back(std::move(p.metadata));
        }
    if (scenes.empty()) r.fail(*section, "\"scenes\" names no scene (glob, products or stac)");
    std::set<std::string> seen;
    for (const auto& s : scenes)
        if (!seen.insert(fs::weakly_canonical(s).string()).second)
            r.fail(*section, "scene " + s + " is named twice");
    return scenes;
}

void read_periods(const ProjectReader& r, BatchManifest& m) {
    const YAML::Node node = r.root()["periods"];
    if (!node) {
        if (!m.scenes.empty())
            r.fail("\"scenes\" needs \"periods\" (per_date, yearly or a list of date ranges)");
        return;
    }
    if (m.scenes.empty()) r.fail(node, "\"periods\" needs \"scenes\"");
    if (node.IsScalar()) {
        const auto mode = node.as<std::string>();
        if (mode == "per_date")
            m.periods = PeriodMode::PerDate;
        else if (mode == "yearly")
            m.periods = PeriodMode::Yearly;
        else
            r.fail(node, "\"periods\" must be per_date, yearly or a list of date ranges, not \"" +
                             mode + "\"");
        return;
    }
    if (!node.IsSequence() || node.size() == 0)
        r.fail(node, "\"periods\" must be per_date, yearly or a list of {name, start, end}");
    m.periods = PeriodMode::Ranges;
    std::set<std::string> names;
    for (const YAML::Node& item : node) {
        if (!item.IsMap()) r.fail(item, "each of \"periods\" is a mapping {name, start, end}");
        r.check_keys(item, keys_of("periods"), "periods");
        DateRange range{r.text(item, "name", "periods", true),
                        r.text(item, "start", "periods", true),
                        r.text(item, "end", "periods", true)};
        for (const auto* d : {&range.start, &range.end})
            if (!is_date(*d)) r.fail(item, "periods: \"" + *d + "\" is not a date (YYYY-MM-DD)");
        if (range.end < range.start)
            r.fail(item, "periods: \"" + range.name + "\" ends before it starts");
        if (!names.insert(range.name).second)
            r.fail(item, "two periods are named \"" + range.name +
                             "\": their tasks would write the same output");
        m.ranges.push_back(std::move(range));
    }
}

}  // namespace

std::vector<ProjectKey> batch_manifest_keys() {
    return {
        {"", "project", "the base project file (required); every task runs it"},
        {"", "name", "names the merged outputs OUT/<name>.gpkg ... (default: the file's name)"},
        {"", "zone_sets", "a list of zone sets (default: the project's zones)"},
        {"zone_sets", "name", "the zone set's name in the merged tables"},
        {"zone_sets", "source",
         "its zones: anything OGR opens, with the project's id, name and "
         "population fields"},
        {"zone_sets", "layer", "the layer (default: the first)"},
        {"zone_sets", "split_by",
         "instead: one zone set per value of this field of the project's zones"},
        {"", "scenes", "the products the periods take their imagery from"},
        {"scenes", "glob", "a file pattern: scenes/*_MTL.txt, S2*/MTD_MSIL2A.xml"},
        {"scenes", "products", "a list of products (as imagery.products)"},
        {"scenes", "stac", "a local STAC ItemCollection, Item or Catalog JSON file"},
        {"", "periods", "per_date | yearly | a list of {name, start, end} (dates YYYY-MM-DD)"},
        {"periods", "name", "the period's name in the merged tables"},
        {"periods", "start", "first date, inclusive"},
        {"periods", "end", "last date, inclusive"},
    };
}

BatchManifest load_batch_manifest(const std::string& given, const FamilyList& families) {
    // Absolute, so the paths resolved from it, and with them the task keys, do not depend on the
    // folder batch is started from (a cluster node's is not the login node's).
    const std::string path = fs::absolute(given).lexically_normal().string();
    const YAML::Node root = load_yaml_mapping(path, "batch manifest", "see docs/batch.md");
    const ProjectReader r(path, root);
    r.check_keys(root, keys_of(""), "");
    try {
        BatchManifest m;
        m.path = path;
        m.name =
            root["name"] ? r.text(root, "name", "batch", true) : fs::path(path).stem().string();
        if (m.name.empty() || m.name.find_first_of("/\\") != std::string::npos)
            r.fail(root["name"], "\"name\" must be a plain file name (no slashes)");
        m.project = load_project(r.path_value(root, "project", "batch", true), families);
        m.zone_sets = read_zone_sets(r, m.project);
        m.scenes = read_scenes(r, m.scene_files);
        read_periods(r, m);
        if (m.periods != PeriodMode::Project && !m.project.uses("imagery"))
            r.fail(root["periods"],
                   "periods need the project's \"imagery\" section (the "
                   "scenes replace its products)");
        return m;
    } catch (const YAML::Exception& e) {
        throw Error(path + (e.mark.line >= 0 ? ":" + std::to_string(e.mark.line + 1) : "") +
                    ": a list or mapping where one value is expected");
    }
}

}  // namespace gg::assess
