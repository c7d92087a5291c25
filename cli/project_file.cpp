#include "cli/project_file.hpp"

#include <yaml-cpp/yaml.h>

#include <ctime>
#include <filesystem>
#include <set>

#include "core/error.hpp"
#include "core/green_cover.hpp"

namespace gg::cli {
namespace {

namespace fs = std::filesystem;

int current_year() {
    const std::time_t t = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&t, &utc);
    return utc.tm_year + 1900;
}

class Reader {
  public:
    explicit Reader(std::string path) : path_(std::move(path)) {}

    [[noreturn]] void fail(const YAML::Node& at, const std::string& problem) const {
        const auto mark = at.Mark();
        const std::string where =
            mark.line >= 0 ? path_ + ":" + std::to_string(mark.line + 1) : path_;
        throw Error(where + ": " + problem);
    }

    YAML::Node section(const YAML::Node& parent, const std::string& key,
                       const std::set<std::string>& allowed, const std::string& label) const {
        const YAML::Node node = parent[key];
        if (!node) throw Error(path_ + ": the section \"" + label + "\" is required");
        if (!node.IsMap()) fail(node, "\"" + label + "\" must be a mapping of keys to values");
        check_keys(node, allowed, label);
        return node;
    }

    void check_keys(const YAML::Node& map, const std::set<std::string>& allowed,
                    const std::string& label) const {
        for (const auto& kv : map) {
            const auto key = kv.first.as<std::string>();
            if (allowed.count(key)) continue;
            std::string list;
            for (const auto& a : allowed) list.append(list.empty() ? "" : ", ").append(a);
            fail(kv.first, "unknown key \"" + key + "\"" +
                               (label.empty() ? "" : " in \"" + label + "\"") +
                               " (expected: " + list + ")");
        }
    }

    std::string text(const YAML::Node& map, const std::string& key, const std::string& label,
                     bool required) const {
        const YAML::Node node = map[key];
        if (!node) {
            if (required) throw Error(path_ + ": \"" + label + "." + key + "\" is required");
            return "";
        }
        if (!node.IsScalar()) fail(node, "\"" + label + "." + key + "\" must be a text value");
        return node.as<std::string>();
    }

    int positive_int(const YAML::Node& map, const std::string& key,
                     const std::string& label) const {
        const YAML::Node node = map[key];
        if (!node) throw Error(path_ + ": \"" + label + "." + key + "\" is required");
        int v = 0;
        if (!node.IsScalar() || !YAML::convert<int>::decode(node, v) || v < 1)
            fail(node, "\"" + label + "." + key + "\" must be a band number (1, 2, ...)");
        return v;
    }

    double number(const YAML::Node& map, const std::string& key, const std::string& label,
                  double fallback) const {
        const YAML::Node node = map[key];
        if (!node) return fallback;
        double v = 0;
        if (!node.IsScalar() || !YAML::convert<double>::decode(node, v))
            fail(node, "\"" + label + "." + key + "\" must be a number");
        return v;
    }

    std::string resolve(const std::string& p) const {
        if (p.empty() || fs::path(p).is_absolute() || p.rfind("PG:", 0) == 0) return p;
        return (fs::path(path_).parent_path() / p).lexically_normal().string();
    }

  private:
    std::string path_;
};

}  // namespace

Project load_project(const std::string& path) {
    std::error_code ec;
    if (!fs::exists(path, ec)) throw Error(path + ": no such project file");
    YAML::Node root;
    try {
        root = YAML::LoadFile(path);
    } catch (const YAML::ParserException& e) {
        throw Error(path + ":" + std::to_string(e.mark.line + 1) + ": not valid YAML (" + e.msg +
                    ")");
    } catch (const YAML::Exception& e) {
        throw Error(path + ": cannot read the project file (" + e.msg + ")");
    }
    if (!root.IsMap()) throw Error(path + ": a project file is a YAML mapping (see data/demo)");

    const Reader r(path);
    r.check_keys(root,
                 {"name", "zones", "imagery", "green", "green_spaces", "access", "landcover",
                  "year", "frameworks", "records", "zone_inputs"},
                 "");
    Project p;
    p.path = path;
    p.name = root["name"] ? r.text(root, "name", "project", true) : fs::path(path).stem().string();
    if (p.name.empty() || p.name.find_first_of("/\\") != std::string::npos)
        r.fail(root["name"], "\"name\" must be a plain file name (no slashes)");

    const YAML::Node zones = r.section(
        root, "zones",
        {"source", "layer", "id_field", "name_field", "population_field", "population_raster"},
        "zones");
    p.zones.path = r.resolve(r.text(zones, "source", "zones", true));
    p.zones.layer = r.text(zones, "layer", "zones", false);
    p.zones.id_field = r.text(zones, "id_field", "zones", false);
    p.zones.name_field = r.text(zones, "name_field", "zones", false);
    p.zones.population_field = r.text(zones, "population_field", "zones", false);
    p.population_raster = r.resolve(r.text(zones, "population_raster", "zones", false));
    if (!p.population_raster.empty() && !p.zones.population_field.empty())
        r.fail(zones["population_raster"],
               "give either zones.population_field or zones.population_raster, not both");

    const YAML::Node imagery = r.section(
        root, "imagery",
        {"source", "red_band", "nir_band", "scale", "offset", "products", "composite", "mask"},
        "imagery");
    if (const YAML::Node products = imagery["products"]) {
        // Calibrated, masked products (one date or several, composited per pixel).
        if (imagery["source"] || imagery["red_band"] || imagery["nir_band"] || imagery["scale"] ||
            imagery["offset"])
            r.fail(products,
                   "give imagery.products, or imagery.source with red_band and "
                   "nir_band, not both");
        if (!products.IsSequence() || products.size() == 0)
            r.fail(products, "\"imagery.products\" must be a list of product paths");
        for (const auto& item : products) p.products.push_back(r.resolve(item.as<std::string>()));
        if (imagery["composite"]) p.composite = r.text(imagery, "composite", "imagery", true);
        if (const YAML::Node mask = imagery["mask"]) {
            // A word ("default", "none") or a list of classes ([cloud, shadow, snow]).
            std::string text;
            if (mask.IsSequence()) {
                for (const auto& item : mask)
                    text.append(text.empty() ? "" : ",").append(item.as<std::string>());
            } else {
                text = mask.as<std::string>();
            }
            try {
                p.mask = parse_mask_selection(text);
            } catch (const Error& e) {
                r.fail(mask, std::string("imagery.") + e.what());
            }
        }
    } else {
        if (imagery["mask"])
            r.fail(imagery["mask"],
                   "imagery.mask needs imagery.products (a raster given as imagery.source has no "
                   "QA band to mask with)");
        p.image = r.resolve(r.text(imagery, "source", "imagery", true));
        p.red_band = r.positive_int(imagery, "red_band", "imagery");
        p.nir_band = r.positive_int(imagery, "nir_band", "imagery");
        p.image_scale = r.number(imagery, "scale", "imagery", 1.0);
        p.image_offset = r.number(imagery, "offset", "imagery", 0.0);
        if (p.image_scale == 0) r.fail(imagery["scale"], "\"imagery.scale\" must not be 0");
    }

    const GreenParams defaults;
    p.ndvi_threshold = defaults.ndvi_threshold;
    p.tree_ndvi_threshold = defaults.tree_ndvi_threshold;
    p.sensitivity = defaults.sweep;
    if (root["green"]) {
        const YAML::Node green =
            r.section(root, "green",
                      {"ndvi_threshold", "tree_ndvi_threshold", "sensitivity_thresholds"}, "green");
        auto threshold = [&](const char* key, double fallback) {
            const double v = r.number(green, key, "green", fallback);
            if (v < -1 || v > 1)
                r.fail(green[key], std::string("\"green.") + key + "\" must be between -1 and 1");
            return v;
        };
        p.ndvi_threshold = threshold("ndvi_threshold", defaults.ndvi_threshold);
        p.tree_ndvi_threshold = threshold("tree_ndvi_threshold", defaults.tree_ndvi_threshold);
        if (const YAML::Node sweep = green["sensitivity_thresholds"]) {
            p.sensitivity.clear();
            double v = 0;
            if (!sweep.IsSequence() || sweep.size() == 0)
                r.fail(sweep, "\"green.sensitivity_thresholds\" must be a list of NDVI values");
            for (const auto& item : sweep) {
                if (!item.IsScalar() || !YAML::convert<double>::decode(item, v) || v < -1 || v > 1)
                    r.fail(item, "each sensitivity threshold must be a number between -1 and 1");
                p.sensitivity.push_back(v);
            }
        }
    }
    if (root["green_spaces"]) {
        const YAML::Node gs = r.section(
            root, "green_spaces",
            {"source", "layer", "category_field", "categories", "public_field", "public_values"},
            "green_spaces");
        GreenLayerSpec& spec = p.green_spaces;
        spec.path = r.resolve(r.text(gs, "source", "green_spaces", true));
        spec.layer = r.text(gs, "layer", "green_spaces", false);
        spec.category_field = r.text(gs, "category_field", "green_spaces", false);
        spec.public_field = r.text(gs, "public_field", "green_spaces", false);
        auto texts = [&](const char* key, std::vector<std::string>& out) {
            const YAML::Node list = gs[key];
            if (!list) return;
            if (!list.IsSequence())
                r.fail(list, std::string("\"green_spaces.") + key + "\" must be a list");
            out.clear();
            for (const auto& item : list) out.push_back(item.as<std::string>());
        };
        texts("categories", spec.categories);
        texts("public_values", spec.public_values);
    }
    if (root["access"]) {
        const YAML::Node a =
            r.section(root, "access", {"distance_m", "min_area_m2", "public_only"}, "access");
        p.access.distance_m = r.number(a, "distance_m", "access", p.access.distance_m);
        p.access.min_area_m2 = r.number(a, "min_area_m2", "access", p.access.min_area_m2);
        if (a["public_only"]) {
            bool v = true;
            if (!YAML::convert<bool>::decode(a["public_only"], v))
                r.fail(a["public_only"], "\"access.public_only\" must be true or false");
            p.access.public_only = v;
        }
        if (p.access.distance_m <= 0 || p.access.min_area_m2 < 0)
            r.fail(a, "\"access.distance_m\" must be > 0 and \"access.min_area_m2\" >= 0");
    }
    if (root["landcover"]) {
        const YAML::Node lc = r.section(
            root, "landcover", {"source", "band", "green_classes", "tree_classes"}, "landcover");
        p.landcover = r.resolve(r.text(lc, "source", "landcover", true));
        if (lc["band"]) p.landcover_band = r.positive_int(lc, "band", "landcover");
        auto codes = [&](const char* key, std::set<long long>& out, bool required) {
            const YAML::Node list = lc[key];
            if (!list) {
                if (required) throw Error(path + ": \"landcover." + key + "\" is required");
                return;
            }
            if (!list.IsSequence() || list.size() == 0)
                r.fail(list,
                       std::string("\"landcover.") + key + "\" must be a list of class codes");
            for (const auto& item : list) {
                long long code = 0;
                if (!item.IsScalar() || !YAML::convert<long long>::decode(item, code))
                    r.fail(item,
                           std::string("\"landcover.") + key + "\" holds class codes (integers)");
                out.insert(code);
            }
        };
        codes("green_classes", p.landcover_classes.green, true);
        codes("tree_classes", p.landcover_classes.tree, false);
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
            const bool is_file = text.find('/') != std::string::npos || text.ends_with(".yaml") ||
                                 text.ends_with(".yml");
            p.frameworks.push_back(is_file ? r.resolve(text) : text);
        }
    }
    if (root["records"]) p.records = r.resolve(r.text(root, "records", "project", true));
    if (const YAML::Node zi = root["zone_inputs"]) {
        if (!zi.IsMap()) r.fail(zi, "\"zone_inputs\" maps input ids to {field: F} or {value: V}");
        for (const auto& kv : zi) {
            const auto id = kv.first.as<std::string>();
            const YAML::Node spec = kv.second;
            if (!spec.IsMap() || (spec["field"].IsDefined() == spec["value"].IsDefined()))
                r.fail(kv.first, "zone input \"" + id + "\" needs exactly one of field or value");
            r.check_keys(spec, {"field", "value"}, "zone_inputs." + id);
            p.zone_inputs[id] = {r.text(spec, "field", "zone_inputs." + id, false),
                                 r.text(spec, "value", "zone_inputs." + id, false)};
        }
    }
    return p;
}

}  // namespace gg::cli
