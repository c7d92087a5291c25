#pragma once
// A wetland inventory (polygons with a type field, any OGR source): read, repaired, reprojected,
// dissolved per type with the overlaps of two types given to the type listed first (the
// precedence), then clipped and measured per zone as true ellipsoidal areas (docs/methods.md 6.1).
// Built on the polygon pipeline of the zones and green spaces (gis/ogr_layer.hpp).
#include <map>
#include <string>
#include <vector>

#include "core/area_convention.hpp"
#include "core/geometry.hpp"
#include "core/wetlands.hpp"

namespace gg {

struct WetlandLayerSpec {
    std::string path;
    std::string layer;       // empty: the first layer
    std::string type_field;  // the field holding each feature's type
    WetlandTypeMapping mapping;
    std::string label = "wetlands.inventory";  // the project-file section, for messages
};

struct WetlandLayer {
    std::string path;
    std::string layer_name;
    std::string crs_wkt;  // the target CRS the geometries are in
    size_t features_read = 0;
    size_t features_kept = 0;  // with a polygon
    int repaired_count = 0;    // invalid geometries repaired with GEOS make-valid
    // Per type of mapping.types: the dissolved polygons minus those of every type before it, so
    // the types do not overlap and their union is the whole inventory.
    std::vector<MultiPolygon> by_type;
    std::vector<size_t> features_by_type;
    std::map<std::string, size_t> unmapped;  // layer values not in the mapping -> features
    std::vector<std::string> warnings;       // one line each, ready to print
};

// Throws gg::Error with one line naming the file/layer/field: missing file, unknown layer, no
// type field, no CRS, a geometry that cannot be repaired or reprojected. Values not in the
// mapping are counted as `other` with a warning listing them.
WetlandLayer read_wetland_layer(const WetlandLayerSpec& spec, const std::string& target_crs_wkt);

struct WetlandPolygonZone {
    std::vector<double> type_m2;  // per type: area of (type ∩ zone)
    MultiPolygon zone_outside;    // the zone minus every inventory polygon, in crs_wkt
    double zone_area_m2 = 0;      // ground area of the zone
};

// One entry per zone (zones in crs_wkt, the layer's target CRS). Only the parts whose bounding
// box meets a zone's (GEOS STRtree) are intersected with it.
std::vector<WetlandPolygonZone> wetland_polygons_per_zone(const WetlandLayer& layer,
                                                          const std::vector<MultiPolygon>& zones,
                                                          const std::string& crs_wkt,
                                                          AreaConvention areas);

// The change between a baseline inventory and the current one (both read by read_wetland_layer
// in crs_wkt, with the same type list), per zone: what is wetland now and was not (gain), what
// was and is not (loss), and each period's area per type; ellipsoidal areas.
struct WetlandChangeZone {
    double gain_m2 = 0;
    double loss_m2 = 0;
    std::vector<double> baseline_type_m2;  // per type: area of (baseline type ∩ zone)
};
std::vector<WetlandChangeZone> wetland_change_per_zone(const WetlandLayer& baseline,
                                                       const WetlandLayer& current,
                                                       const std::vector<MultiPolygon>& zones,
                                                       const std::string& crs_wkt,
                                                       AreaConvention areas);

}  // namespace gg
