#pragma once
// True ground area of the pixels of a raster, in m2, per row (all pixels of a row have the same
// area in a north-up grid).
#include <vector>

#include "gis/raster_source.hpp"

namespace gg {

// Projected CRS: |dx * dy| * linear_unit_m^2 for every row. Geographic CRS: the area of the
// ellipsoidal quadrangle bounded by the row's two parallels and the cell's two meridians, on the
// CRS's own ellipsoid (closed form of the area between the equator and a parallel).
std::vector<double> pixel_row_areas(const RasterInfo& info);

// The same quadrangle area for one cell: longitudes lon0..lon1 and latitudes lat0..lat1 (degrees),
// ellipsoid semi-major axis a (m) and flattening f.
double ellipsoidal_quadrangle_area(double lon0, double lon1, double lat0, double lat1, double a,
                                   double f);

}  // namespace gg
