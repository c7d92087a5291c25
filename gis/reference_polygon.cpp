// The user polygon of the heat island reference (gis/reference_polygon.hpp).
#include "gis/reference_polygon.hpp"

#include "gis/feature_polygons_reader.hpp"
#include "gis/gdal_setup.hpp"
#include "gis/geodesic_area.hpp"
#include "gis/geos_util.hpp"
#include "gis/ogr_layer.hpp"

namespace gg {

ReferencePolygon read_reference_polygon(const std::string& path, const std::string& layer_name,
                                        const std::string& target_crs_wkt, AreaConvention areas) {
    init_gdal();
    const QuietGdalErrors quiet;
    const OpenedLayer opened = open_layer(path, layer_name, "the rural reference");
    ReferencePolygon out;
    out.where = opened.where;
    check_polygon_layer(opened, "the rural reference");
    const Reprojection reproj =
        make_reprojection(opened.where, *opened.layer->GetSpatialRef(), target_crs_wkt);
    const Geos geos;
    std::vector<Geos::Ptr> parts;
    FeaturePolygonsReader features(opened.where, reproj, geos, "a reference geometry");
    opened.layer->ResetReading();
    for (const auto& f : *opened.layer)
        if (Geos::Ptr g = features.read(*f)) parts.push_back(std::move(g));
    if (parts.empty()) fail_at(opened.where, "no feature has a polygon for the rural reference");
    out.features = parts.size();
    // Dissolved: overlapping features would otherwise count their pixels twice.
    out.shape = geos.to_core(*geos.dissolve(parts));
    // Measured in the target CRS, as the zones are: the same geodesic area whatever the layer's.
    out.area_m2 = GroundArea(target_crs_wkt, areas, "heat.suhi.reference")(out.shape);
    features.add_warnings(out.warnings);
    return out;
}

double reference_zones_overlap_m2(const MultiPolygon& reference,
                                  const std::vector<MultiPolygon>& zones,
                                  const std::string& crs_wkt, AreaConvention areas) {
    init_gdal();
    const Geos geos;
    std::vector<Geos::Ptr> parts;
    for (const MultiPolygon& z : zones)
        for (const Polygon& p : z.parts) parts.push_back(geos.make_valid(geos.polygon(p)));
    if (parts.empty()) return 0;
    const Geos::Ptr city = geos.dissolve(parts);
    const Geos::Ptr ref = geos.make_valid(geos.multipolygon(reference));
    const Geos::Ptr both = geos.own(GEOSIntersection_r(geos.handle(), ref.get(), city.get()),
                                    "the reference polygon within the zones");
    const MultiPolygon overlap = geos.to_core(*both);
    if (overlap.parts.empty()) return 0;
    return GroundArea(crs_wkt, areas, "heat.suhi.reference")(overlap);
}

}  // namespace gg
