#pragma once
// Opening a polygon layer of any OGR source and the pieces every polygon reader shares (zones,
// green spaces): one-line errors naming file/layer/field, reprojection with traditional GIS axis
// order, and the per-feature pipeline polygonal parts -> GEOS make-valid -> target CRS.
// Internal to gis/.
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <memory>
#include <string>
#include <vector>

namespace gg {

[[noreturn]] void fail_at(const std::string& where, const std::string& problem);

// Items separated by ", ", at most max_items of them (then ", ...").
std::string join(const std::vector<std::string>& items, size_t max_items = 50);
// Up to five items in double quotes, then ", ...".
std::string quoted_sample(const std::vector<std::string>& items);
// "1 zone", "3 zones".
std::string plural(size_t n, const char* one, const char* many);

struct OpenedLayer {
    GDALDatasetUniquePtr dataset;
    OGRLayer* layer = nullptr;
    std::string where;  // the path, and the layer name when there is a choice: error prefix
};

// Opens path as a vector source and selects layer_name (empty: the first layer). role names what
// the layer holds in messages ("zones", "green spaces"). Throws gg::Error: no such file, a raster,
// not a vector source, no layers, unknown layer (listing the layers).
OpenedLayer open_layer(const std::string& path, const std::string& layer_name,
                       const std::string& role);

// Index of a field, or an error listing the fields the layer does have. role: "id", "name", ...
int field_index(const std::string& where, OGRFeatureDefn& defn, const std::string& name,
                const char* role);

// Checks that the layer holds polygons, has a CRS and features; returns its CRS as WKT2.
// role as in open_layer ("zones must be polygons").
std::string check_polygon_layer(const OpenedLayer& opened, const std::string& role);

// Source -> target CRS, or nothing to do when they are the same (or no target is given).
struct Reprojection {
    std::unique_ptr<OGRCoordinateTransformation> ct;
    double max_segment = 0;  // densify edges longer than this (source units) before transforming
    // The largest |x| and |y| a real coordinate of the layer's CRS can have (source units): 1e8 m
    // in a projected CRS (the Earth is 4e7 m round), 540 / 90 degrees in a geographic one.
    // Beyond (a vertex at 1e308), densifying and measuring would never end.
    double max_abs_x = 0;
    double max_abs_y = 0;
};

Reprojection make_reprojection(const std::string& where, const OGRSpatialReference& layer_srs,
                               const std::string& target_crs_wkt);

// The polygonal parts of a feature geometry, made valid (GEOS make-valid), in the layer's CRS.
struct FeaturePolygons {
    std::unique_ptr<OGRMultiPolygon> geometry;  // nullptr or empty: no polygon
    bool dropped = false;                       // non-polygon parts were discarded
    bool repaired = false;                      // the geometry was invalid and was made valid
    bool unrepairable = false;                  // GEOS could not repair it (geometry is nullptr)
};
FeaturePolygons feature_polygons(const OGRGeometry* g);

// Empty when every coordinate of g is finite and within the CRS's range (Reprojection::
// max_abs_x/y), else the problem ("a vertex at x = 1e+308, far outside ...").
std::string coordinate_problem(const OGRGeometry& g, const Reprojection& r);

// Densifies and transforms g in place; false when PROJ fails or a coordinate is out of range
// (coordinate_problem). No-op without a transformation.
bool reproject(OGRGeometry& g, const Reprojection& r);

}  // namespace gg
