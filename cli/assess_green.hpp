#pragma once
// The green-cover part of `assess`: NDVI and the green mask accumulated per zone in one streaming
// pass over the image, then the per-zone metrics, the zones table and the terminal summary.
#include <optional>
#include <string>
#include <vector>

#include "cli/assess_imagery.hpp"
#include "cli/project_file.hpp"
#include "core/green_cover.hpp"
#include "core/table.hpp"
#include "gis/zone_reader.hpp"

namespace gg::cli {

// The metric columns of the zones layer, in this order (all described in the metric registry);
// population_covered_share only when the population comes from a raster.
std::vector<std::string> zone_metric_columns(const Project& p);

// Runs the pass over the image (zones already in its CRS) and warns about zones outside it and
// zones without population.
// people[z]: the zone's residents (empty: unknown); covered_share[z] when from a raster.
std::vector<GreenCoverMetrics> measure_green_cover(
    const Project& p, const ImagerySource& imagery, const ZoneSet& zones,
    const std::vector<std::optional<double>>& people,
    const std::vector<std::optional<double>>& covered_share, int threads);

Table zones_table(const Project& p, const ZoneSet& zones,
                  const std::vector<GreenCoverMetrics>& metrics);

void print_green_summary(const Project& p, const ZoneSet& zones,
                         const std::vector<GreenCoverMetrics>& metrics);

}  // namespace gg::cli
