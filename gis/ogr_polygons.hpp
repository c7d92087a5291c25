#pragma once
// OGR polygon handling for the zone reader: keep the polygonal parts of any geometry, repair
// invalid ones with GEOS make-valid, convert to core geometry. Internal to gis/.
#include <ogr_geometry.h>

#include <memory>
#include <vector>

#include "core/geometry.hpp"

namespace gg {

// The polygonal parts of g as one 2D multipolygon (curves linearised, Z and M dropped); empty when
// g has none. *dropped is set when non-empty, non-polygonal parts were discarded.
std::unique_ptr<OGRMultiPolygon> polygonal_parts(const OGRGeometry& g, bool* dropped = nullptr);

// g itself when GEOS finds it valid; otherwise the polygonal parts of GEOS make-valid (GDAL's
// MakeValid calls GEOSMakeValid) and repaired = true. nullptr when GEOS cannot repair it.
std::unique_ptr<OGRMultiPolygon> make_valid_polygons(std::unique_ptr<OGRMultiPolygon> g,
                                                     bool& repaired);

// Core geometry of g; the closing vertex of each ring is dropped.
MultiPolygon to_core(const OGRMultiPolygon& g);

// ISO WKB, little-endian.
std::vector<unsigned char> to_iso_wkb(const OGRGeometry& g);

}  // namespace gg
