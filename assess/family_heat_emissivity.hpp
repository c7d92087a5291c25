#pragma once
// heat.emissivity: the land-cover emissivity of the heat family's single-channel LST
// (docs/methods.md 7.1), as an alternative to the NDVI thresholds: a class table (a CSV, data)
// and the land-cover raster whose classes it maps.
#include <yaml-cpp/yaml.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "assess/family.hpp"
#include "core/emissivity_table.hpp"

namespace gg::assess {

struct EmissivitySettings {
    std::string table_path;
    std::shared_ptr<const EmissivityTable> table;
    // heat.emissivity.landcover (and landcover_band), by default the project's landcover.source.
    std::string landcover_path;
    int landcover_band = 1;
};

ProjectKey emissivity_key();
// heat.emissivity as read (absent: nullopt); the table is read and checked here, so its errors
// come before the run, "<file>:<line>: ...".
std::optional<EmissivitySettings> read_emissivity(const ProjectReader& r, const YAML::Node& heat);
std::vector<std::pair<std::string, std::string>> emissivity_parameters(
    const std::optional<EmissivitySettings>& s);

}  // namespace gg::assess
