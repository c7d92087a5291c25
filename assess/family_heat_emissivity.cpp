// heat.emissivity (assess/family_heat_emissivity.hpp; docs/methods.md 7.1).
#include "assess/family_heat_emissivity.hpp"

#include "assess/family_heat_landcover.hpp"
#include "assess/project_reader.hpp"
#include "core/error.hpp"
#include "gis/raster_source.hpp"

namespace gg::assess {

ProjectKey emissivity_key() {
    return {"heat", "emissivity",
            "Level-1 single channel: emissivity by land-cover class instead of NDVI thresholds: "
            "{table: a CSV with the columns class and emissivity (a number in (0, 1], or ndvi for "
            "the NDVI thresholds in that class; e.g. data/emissivity/), landcover: the raster of "
            "classes (default landcover.source), landcover_band: 1}; a class the table does not "
            "list gets no LST"};
}

std::optional<EmissivitySettings> read_emissivity(const ProjectReader& r, const YAML::Node& heat) {
    const YAML::Node node = heat["emissivity"];
    if (!node) return std::nullopt;
    const char* label = "heat.emissivity";
    if (!node.IsMap())
        r.fail(node, "\"heat.emissivity\" must be a mapping (table, landcover, landcover_band)");
    r.check_keys(node, {"table", "landcover", "landcover_band"}, label);
    EmissivitySettings s;
    s.table_path = r.path_value(node, "table", label, true);
    // Its own errors name the table's file and line.
    s.table = std::make_shared<const EmissivityTable>(load_emissivity_table(s.table_path));
    const HeatLandcover map = read_heat_landcover(r, node, label, label, node);
    s.landcover_path = map.path;
    s.landcover_band = map.band;
    try {
        RasterSource::open(s.landcover_path).check_band(s.landcover_band);
    } catch (const Error& e) {
        r.fail(node["landcover"] ? node["landcover"] : node,
               std::string("the land-cover raster of \"heat.emissivity\": ") + e.what());
    }
    return s;
}

std::vector<std::pair<std::string, std::string>> emissivity_parameters(
    const std::optional<EmissivitySettings>& s) {
    if (!s) return {};  // the NDVI thresholds, as lst_method_text says
    return {
        {"emissivity", "by land-cover class: " + s->table_path},
        {"emissivity_landcover", s->landcover_path + " band " + std::to_string(s->landcover_band)}};
}

}  // namespace gg::assess
