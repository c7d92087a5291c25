#pragma once
// The green-space polygon part of `assess`: dissolved park areas per zone, imagery green outside
// them (so the combined green area counts no square metre twice), and the share of residents
// within the access distance of a qualifying green space.
#include <optional>
#include <vector>

#include "cli/assess_imagery.hpp"
#include "cli/assess_population.hpp"
#include "cli/project_file.hpp"
#include "core/green_cover.hpp"
#include "gis/zone_reader.hpp"

namespace gg::cli {

// Does nothing when the project names no green_spaces. zones are in the image's CRS.
void measure_green_spaces(const Project& p, const ImagerySource& imagery, const ZoneSet& zones,
                          const ZonePopulation& population, int threads,
                          std::vector<GreenCoverMetrics>& metrics);

}  // namespace gg::cli
