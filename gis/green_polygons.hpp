#pragma once
// Green spaces given as polygons (parks, gardens, cemeteries, sports grounds from a municipal map
// or OpenStreetMap): read, repaired, reprojected and dissolved once, then measured per zone.
//
// Conventions (docs/methods.md 1 and 5):
// - Areas are true ground areas in m2: the geodesic area on the CRS's ellipsoid whatever the CRS
//   (gis/geodesic_area), so a park has one area whatever CRS the raster is in. Under the planar
//   convention (AreaConvention::Planar) a projected CRS's plane area x (linear unit in m)^2.
// - Overlapping polygons are unioned (dissolved) before anything is measured, so no square metre is
//   counted twice; each connected polygon of the dissolved set is one green space.
// - Accessibility (WHO Europe 2016): a resident has access when within distance_m (straight line,
//   300 m by default) of a public green space of at least min_area_m2 (0.5 ha by default). The
//   access area is the union of those spaces buffered by distance_m, a ground distance. With a
//   population raster the share of residents with access is sum(population over zone ∩ access) /
//   sum(population over zone), both with exact coverage (run_zonal); with only a population
//   attribute per zone the residents are taken as spread uniformly, so the share is area(zone ∩
//   access) / area(zone).
#include <string>
#include <vector>

#include "core/area_convention.hpp"
#include "core/geometry.hpp"

namespace gg {

struct GreenLayerSpec {
    std::string path;
    std::string layer;  // empty: the first layer
    // Optional: keep only features whose category_field value is one of categories (compared
    // case-insensitively, spaces trimmed). An empty list keeps every feature.
    std::string category_field;
    std::vector<std::string> categories;
    // Optional: features whose public_field value is one of public_values (case-insensitive,
    // trimmed; e.g. "yes", "1", "public") are publicly accessible. Without public_field nothing
    // is known about access: GreenLayer::public_known is false.
    std::string public_field;
    std::vector<std::string> public_values = {"yes", "true", "1", "public"};
};

struct GreenLayer {
    std::string path;
    std::string layer_name;
    std::string source_crs_wkt;  // WKT2 of the layer's own CRS
    std::string crs_wkt;         // the target CRS the geometries below are in
    size_t features_read = 0;    // features in the layer
    size_t features_kept = 0;    // passing the category filter, with a polygon
    size_t public_features = 0;  // of those, public
    bool public_known = false;   // a public_field was given
    int repaired_count = 0;      // invalid geometries repaired with GEOS make-valid
    // Dissolved (unioned) polygons in the target CRS: parts do not overlap; each part is one
    // connected green space.
    MultiPolygon green;                 // every kept feature
    MultiPolygon public_green;          // the public ones (empty unless public_known)
    std::vector<std::string> warnings;  // one line each, ready to print
};

// Throws gg::Error with one line naming the file/layer/field and the problem: missing file, not a
// vector source, unknown layer, no features, category/public field missing, no feature left after
// the category filter (listing values found), no CRS, geometries that cannot be reprojected.
// Invalid geometries are repaired (counted), non-polygon parts dropped (a warning). The target CRS
// is never assumed: the layer's own CRS is transformed to it (traditional GIS axis order).
GreenLayer read_green_layer(const GreenLayerSpec& spec, const std::string& target_crs_wkt);

struct GreenPolygonMetrics {
    double green_polygon_area_m2 = 0;  // area of (dissolved green ∩ zone)
    double public_green_area_m2 = 0;   // area of (dissolved public green ∩ zone)
    MultiPolygon zone_outside_green;   // zone minus the dissolved green, in crs_wkt
};

// One entry per zone (zones in crs_wkt, which must be the layer's target CRS). Only the green
// spaces whose bounding box meets a zone's (GEOS STRtree) are intersected with it.
std::vector<GreenPolygonMetrics> green_polygons_per_zone(
    const GreenLayer& layer, const std::vector<MultiPolygon>& zones, const std::string& crs_wkt,
    AreaConvention areas = AreaConvention::Planar);

struct AccessOptions {
    double distance_m = 300;    // straight-line distance to a green space's boundary
    double min_area_m2 = 5000;  // smallest green space that counts (0.5 ha)
    bool public_only = true;    // false: every green space counts (e.g. access unknown)
    int quadrant_segments = 8;  // GEOS buffer: segments per quarter circle (arcs are inscribed
                                // polygons: a full circle's area is 0.64 % short with 8)
    // How min_area_m2 and distance_m are measured: on the ellipsoid (the buffer in a transverse
    // Mercator of scale 1 centred on the zones), or planar (the buffer in the CRS itself when
    // projected, distance in its units; in a UTM zone when geographic).
    AreaConvention areas = AreaConvention::Planar;
};

struct AccessReport {
    size_t spaces = 0;               // green spaces of at least min_area_m2 that were buffered
    std::string work_crs;            // the projected CRS the buffer was computed in
    std::vector<std::string> notes;  // e.g. the UTM zone chosen for a geographic CRS
};

// Per zone: zone ∩ (union of the qualifying green spaces buffered by distance_m), in crs_wkt.
// Buffers are computed in a projected CRS on the same datum, picked from the centre of the zones'
// extent (options.areas; a geographic crs_wkt is stated in notes).
// Throws gg::Error when public_only is set but the layer has no public field.
std::vector<MultiPolygon> access_areas(const GreenLayer& layer,
                                       const std::vector<MultiPolygon>& zones,
                                       const std::string& crs_wkt,
                                       const AccessOptions& options = {},
                                       AccessReport* report = nullptr);

}  // namespace gg
