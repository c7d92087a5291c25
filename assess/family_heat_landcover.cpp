// The heat section's land-cover map (assess/family_heat_landcover.hpp).
#include "assess/family_heat_landcover.hpp"

namespace gg::assess {

HeatLandcover read_heat_landcover(const ProjectReader& r, const YAML::Node& node,
                                  const std::string& label, const std::string& needer,
                                  const YAML::Node& needer_at) {
    HeatLandcover map;
    if (node["landcover"]) {
        map.path = r.path_value(node, "landcover", label, true);
        if (node["landcover_band"]) map.band = r.positive_int(node, "landcover_band", label);
    } else if (const auto lc = r.section("landcover"); lc && (*lc)["source"]) {
        if (node["landcover_band"])
            r.fail(node["landcover_band"], "\"" + label + ".landcover_band\" needs \"" + label +
                                               ".landcover\" (landcover.band is used)");
        map.path = r.path_value(*lc, "source", "landcover", true);
        if ((*lc)["band"]) map.band = r.positive_int(*lc, "band", "landcover");
    } else {
        r.fail(needer_at, "\"" + needer + "\" needs a land-cover raster: \"" + label +
                              ".landcover\" or \"landcover.source\"");
    }
    return map;
}

}  // namespace gg::assess
