#pragma once
// The zones' own ground areas, the denominators of the coverage shares (image_coverage_share,
// population_covered_share, public_green_share), measured as the run's pixel areas are.
#include <optional>
#include <string>
#include <vector>

#include "assess/run_context.hpp"

namespace gg::assess {

// One entry per zone (ctx.zones() order), in m2; empty for a zone without geometry or area.
// Ellipsoidal (ctx.areas()): the geodesic area of each zone as read, in its own CRS
// (gis/geodesic_area), the same whatever raster it is compared with. Planar: the plane area of
// the zone in the raster's CRS when that is projected (CRS units squared, as the pixels, so a zone
// the raster covers entirely has a share of exactly 1), the geodesic area when geographic.
// Computed once per run (and per raster CRS when planar).
const std::vector<std::optional<double>>& zone_ground_areas(RunContext& ctx,
                                                            const std::string& raster);

}  // namespace gg::assess
