#include "assess/project.hpp"

#include <ctime>
#include <filesystem>
#include <set>

#include "assess/framework_catalog.hpp"
#include "assess/project_reader.hpp"
#include "core/error.hpp"
#include "core/yaml_reader.hpp"

namespace gg::assess {
namespace {

namespace fs = std::filesystem;

int current_year() {
    const std::time_t t = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&t, &utc);
    return utc.tm_year + 1900;
}

// Section -> the keys it accepts, from the project's own keys and every family's.
std::map<std::string, std::set<std::string>> accepted_keys(const FamilyList& families) {
    std::map<std::string, std::set<std::string>> keys;
    auto add = [&](const ProjectKey& k) {
        if (k.section.empty()) {
            keys[""].insert(k.key);
        } else {
            keys[""].insert(k.section);
            keys[k.section].insert(k.key);
        }
    };
    for (const auto& k : project_keys()) add(k);
    for (const Family* f : families)
        for (const auto& k : f->keys()) add(k);
    return keys;
}

// A kept field becomes a column of the zones table beside the id, the name and the metrics: a
// second column of the same name would make the outputs ambiguous (GeoPackage refuses it).
void check_kept_fields(const Project& p, const ProjectReader& r, const YAML::Node& node) {
    std::set<std::string> taken = {p.zones.id_field.empty() ? "fid" : p.zones.id_field};
    if (!p.zones.name_field.empty()) taken.insert(p.zones.name_field);
    for (const auto& [family, settings] : p.families)
        for (const auto& c : family->columns(*settings)) taken.insert(c);
    std::set<std::string> kept;
    for (const auto& field : p.zones.keep_fields) {
        if (taken.count(field))
            r.fail(node, "zones.keep_fields: \"" + field +
                             "\" is already a column of the zones table (the id, the name or a "
                             "metric)");
        if (!kept.insert(field).second)
            r.fail(node, "zones.keep_fields: \"" + field + "\" is listed twice");
    }
}

}  // namespace

bool Project::uses(const std::string& id) const {
    for (const auto& entry : families)
        if (entry.first->id() == id) return true;
    return false;
}

std::vector<ProjectKey> project_keys() {
    return {
        {"", "name", "names the outputs: <out>/<name>.gpkg and .csv (default: the file's name)"},
        {"zones", "source", "the zones: anything OGR opens (shapefile, GeoPackage, PostGIS, ...)"},
        {"zones", "layer", "the layer (default: the first)"},
        {"zones", "id_field", "the zone id (default: the feature id)"},
        {"zones", "name_field", "zone names (UTF-8, Thai kept as it is)"},
        {"zones", "keep_fields",
         "source fields copied into the outputs with their types: [district, area_rai]"},
        {"", "areas",
         "ellipsoidal (default: true ground areas in m2 whatever the CRS) | planar (a projected "
         "CRS's plane areas, as exactextract)"},
        {"", "year", "assessment year (default: this year)"},
        {"", "frameworks", "indicator frameworks: built-in ids or framework files"},
        {"", "records", "CSV of municipal records: zone_id, year, one column per input"},
        {"", "zone_inputs",
         "framework inputs per zone: a zone attribute {field: F}, or one value for every zone: "
         "V or {value: V}"},
    };
}

namespace {
Project read_project(const std::string& path, const YAML::Node& root, const FamilyList& families);
}

Project load_project(const std::string& path, const FamilyList& families) {
    const YAML::Node root = load_yaml_mapping(path, "project file", "see data/demo");
    // The readers check shapes where they expect them; a list or mapping left where yaml-cpp is
    // asked for one value still names the file and line, never "bad conversion".
    try {
        return read_project(path, root, families);
    } catch (const YAML::Exception& e) {
        throw Error(path + (e.mark.line >= 0 ? ":" + std::to_string(e.mark.line + 1) : "") +
                    ": a list or mapping where one value is expected");
    }
}

namespace {

Project read_project(const std::string& path, const YAML::Node& root, const FamilyList& families) {
    const ProjectReader r(path, root);
    const auto keys = accepted_keys(families);
    r.check_keys(root, keys.at(""), "");
    for (const auto& [section, allowed] : keys) {
        if (section.empty()) continue;
        if (const auto node = r.section(section)) r.check_keys(*node, allowed, section);
    }

    Project p;
    p.path = path;
    p.name = root["name"] ? r.text(root, "name", "project", true) : fs::path(path).stem().string();
    if (p.name.empty() || p.name.find_first_of("/\\") != std::string::npos)
        r.fail(root["name"], "\"name\" must be a plain file name (no slashes)");

    const auto zones = r.section("zones");
    if (!zones) r.fail("the section \"zones\" is required");
    p.zones.path = r.path_value(*zones, "source", "zones", true);
    p.zones.layer = r.text(*zones, "layer", "zones", false);
    p.zones.id_field = r.text(*zones, "id_field", "zones", false);
    p.zones.name_field = r.text(*zones, "name_field", "zones", false);
    p.zones.keep_fields = r.texts(*zones, "keep_fields", "zones");

    if (const YAML::Node a = root["areas"]) {
        const auto convention =
            a.IsScalar() ? parse_area_convention(a.as<std::string>()) : std::nullopt;
        if (!convention) r.fail(a, "\"areas\" must be ellipsoidal or planar");
        p.areas = *convention;
    }
    p.year = current_year();
    if (root["year"]) {
        const YAML::Node y = root["year"];
        if (!y.IsScalar() || !YAML::convert<int>::decode(y, p.year) || p.year < 1900 ||
            p.year > 2200)
            r.fail(y, "\"year\" must be a year such as 2025");
    }
    if (const YAML::Node f = root["frameworks"]) {
        if (!f.IsSequence()) r.fail(f, "\"frameworks\" must be a list of ids or files");
        for (const auto& item : f) {
            if (!item.IsScalar()) r.fail(item, "each framework is an id or a file path");
            const auto text = item.as<std::string>();
            p.frameworks.push_back(is_framework_file(text) ? r.resolve(text) : text);
        }
    }
    if (root["records"]) p.records = r.path_value(root, "records", "project", true);
    if (const YAML::Node zi = root["zone_inputs"]) {
        if (!zi.IsMap())
            r.fail(zi,
                   "\"zone_inputs\" maps input ids to a value (city), {value: V} or {field: F}");
        for (const auto& kv : zi) {
            const auto id = kv.first.as<std::string>();
            const YAML::Node spec = kv.second;
            if (spec.IsScalar()) {  // `municipality_type: city`: one value for every zone
                if (spec.Scalar().empty())
                    r.fail(kv.first, "zone input \"" + id + "\" has an empty value");
                p.zone_inputs[id] = {"", spec.Scalar()};
                continue;
            }
            if (!spec.IsMap() || (spec["field"].IsDefined() == spec["value"].IsDefined()))
                r.fail(kv.first, "zone input \"" + id +
                                     "\" is a value (city), {value: V} or {field: F}: exactly one "
                                     "of field or value");
            r.check_keys(spec, {"field", "value"}, "zone_inputs." + id);
            p.zone_inputs[id] = {r.text(spec, "field", "zone_inputs." + id, false),
                                 r.text(spec, "value", "zone_inputs." + id, false)};
        }
    }
    for (const Family* f : families)
        if (auto settings = f->read(r)) p.families.emplace_back(f, std::move(settings));
    check_kept_fields(p, r, (*zones)["keep_fields"]);
    return p;
}

}  // namespace

}  // namespace gg::assess
