#pragma once
// The land-cover map a part of the heat section reads (heat.emissivity, heat.suhi.rural_classes):
// its own `landcover` (and `landcover_band`) key, or by default the project's landcover.source
// (and landcover.band), one map for every part as a project usually has.
#include <yaml-cpp/yaml.h>

#include <string>

#include "assess/project_reader.hpp"

namespace gg::assess {

struct HeatLandcover {
    std::string path;
    int band = 1;
};

// node: the part's mapping, label its name ("heat.suhi"); needer: what needs the map, named in the
// error when there is none ("heat.suhi.rural_classes"), at the node `needer_at`.
HeatLandcover read_heat_landcover(const ProjectReader& r, const YAML::Node& node,
                                  const std::string& label, const std::string& needer,
                                  const YAML::Node& needer_at);

}  // namespace gg::assess
