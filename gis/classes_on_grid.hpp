#pragma once
// A land-cover raster's classes on another grid (the thermal grid of the heat pass), by nearest
// neighbour (RasterSource::open_warped): each target cell takes the class of the land-cover cell
// under its centre, so every value is a class the map has, never a blend of two codes.
#include <string>

#include "gis/zonal_engine.hpp"

namespace gg {

// `source` with one more channel, the last: band `band` of the raster at `path` on its grid.
// Throws gg::Error naming the file once here (missing, no CRS, no such band, no transformation),
// not in the workers.
CustomWindowSource with_classes(const CustomWindowSource& source, const std::string& path,
                                int band);

}  // namespace gg
