#pragma once
// Residents per zone for `assess`: from the zones' population field, or summed from a population
// raster (people per pixel) with exact coverage fractions, so a pixel split between zones is
// shared by area.
#include <optional>
#include <vector>

#include "cli/project_file.hpp"
#include "gis/zone_reader.hpp"

namespace gg::cli {

struct ZonePopulation {
    std::vector<std::optional<double>> people;  // per zone; empty: unknown
    // Raster only: share of the zone's true ground area covered by valid population pixels.
    std::vector<std::optional<double>> covered_share;
};

ZonePopulation zone_population(const Project& p, const ZoneSet& zones, int threads);

}  // namespace gg::cli
