#pragma once
// True ground area of the pixels of a raster, in m2 (docs/methods.md 1 and 8).
#include <string>
#include <vector>

#include "core/area_convention.hpp"
#include "core/pixel_areas.hpp"
#include "gis/raster_source.hpp"

namespace gg {

// How the pixel areas of a raster were obtained.
struct PixelAreaReport {
    std::string method;  // "ellipsoidal quadrangle per row", "areal scale lattice", ...
    int64_t step_cols = 0, step_rows = 0;  // lattice spacing in pixels (0: no lattice)
    size_t nodes = 0;                      // lattice nodes evaluated (all refinements)
    // Estimated largest relative error of the bilinear interpolation (from the lattice's second
    // differences): 0 without a lattice.
    double interpolation_error = 0;
};

// The ground area of every pixel:
// - geographic CRS (either convention): the ellipsoidal quadrangle of each row on the CRS's own
//   ellipsoid (pixel_row_areas);
// - projected CRS, planar: |dx * dy| * linear_unit_m^2 for every pixel;
// - projected CRS, ellipsoidal: that plane area divided by the projection's areal scale at the
//   pixel centre (PROJ's proj_factors). The scale is evaluated on a lattice of pixel centres,
//   refined (halving the spacing per direction) until the bilinear interpolation error estimated
//   from its second differences is below 1e-8, and interpolated; when it depends on the row only
//   (Mercator, equal-area cylindrical) the areas are per row. A CRS without a geodetic datum
//   (engineering CRS) keeps plane areas (method says so); a pixel centre that PROJ cannot take
//   to longitude/latitude (outside the projection's domain) keeps its plane area.
PixelAreas pixel_areas(const RasterInfo& info, AreaConvention convention,
                       PixelAreaReport* report = nullptr);

// One area per row, for a geographic CRS (the ellipsoidal quadrangle bounded by the row's two
// parallels and the cell's two meridians, on the CRS's own ellipsoid: closed form of the area
// between the equator and a parallel) or the plane area |dx * dy| * linear_unit_m^2 of a
// projected one.
std::vector<double> pixel_row_areas(const RasterInfo& info);

// The same quadrangle area for one cell: longitudes lon0..lon1 and latitudes lat0..lat1 (degrees),
// ellipsoid semi-major axis a (m) and flattening f.
double ellipsoidal_quadrangle_area(double lon0, double lon1, double lat0, double lat1, double a,
                                   double f);

}  // namespace gg
