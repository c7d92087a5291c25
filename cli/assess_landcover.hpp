#pragma once
// The land-cover part of `assess`: one exact-coverage pass over the land-cover raster (zones in
// its own CRS), green and tree shares per zone from the project's class lists.
#include <vector>

#include "cli/project_file.hpp"
#include "core/landcover.hpp"
#include "gis/zone_reader.hpp"

namespace gg::cli {

// Empty when the project names no land-cover raster. Warns about listed class codes that no
// zone contains.
std::vector<LandCoverMetrics> measure_landcover(const Project& p, int threads);

}  // namespace gg::cli
