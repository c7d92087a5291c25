#pragma once
// What to tell the user about zones that a raster does not cover: the reader's warnings
// (repaired geometries), then the zones outside the raster. One rule for `zonal` and `assess`.
#include <string>
#include <vector>

#include "gis/zone_reader.hpp"

namespace gg {

// covered_m2[z]: the ground area of zone z the raster covers (0: outside). Returns the warning
// lines; throws gg::Error when no zone overlaps the raster at all.
std::vector<std::string> zone_coverage_warnings(const ZoneSet& zones,
                                                const std::string& raster_label,
                                                const std::vector<double>& covered_m2);

}  // namespace gg
