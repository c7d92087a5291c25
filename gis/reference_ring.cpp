// Reference rings around the zones (gis/reference_ring.hpp).
#include "gis/reference_ring.hpp"

#include <ogr_spatialref.h>

#include "core/error.hpp"
#include "gis/gdal_setup.hpp"
#include "gis/geos_util.hpp"
#include "gis/ground_buffer.hpp"

namespace gg {

ReferenceRings reference_rings(const std::vector<MultiPolygon>& zones, const std::string& crs_wkt,
                               const std::vector<ReferenceRing>& rings, AreaConvention areas) {
    init_gdal();
    const QuietGdalErrors quiet;
    OGRSpatialReference target;
    if (target.SetFromUserInput(crs_wkt.c_str()) != OGRERR_NONE)
        throw Error("heat.suhi: the CRS of the image cannot be parsed for the reference rings");
    target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    MultiPolygon all;
    Box extent;
    for (const MultiPolygon& z : zones) {
        for (const Polygon& p : z.parts) all.parts.push_back(p);
        const Box b = bounds(z);
        if (b.empty()) continue;
        extent.expand({b.xmin, b.ymin});
        extent.expand({b.xmax, b.ymax});
    }
    if (extent.empty())
        throw Error("heat.suhi: no zone has a polygon to draw the reference ring around");
    const Point centre{(extent.xmin + extent.xmax) / 2, (extent.ymin + extent.ymax) / 2};
    const GroundBuffer frame(target, centre, areas, "heat.suhi");
    const Geos geos;
    // 32 segments per quarter circle: the ring's arcs are then within 0.05 % of a circle's area.
    constexpr int kSegments = 32;
    std::vector<Geos::Ptr> parts;
    for (const Polygon& p : all.parts) parts.push_back(geos.make_valid(geos.polygon(p)));
    const Geos::Ptr zones_union = geos.dissolve(parts);
    const MultiPolygon united = geos.to_core(*zones_union);  // fewer, larger parts to buffer
    ReferenceRings out;
    out.work_crs = frame.work_crs();
    for (const ReferenceRing& r : rings) {
        if (!(r.inner_km >= 0 && r.outer_km > r.inner_km))
            throw Error("heat.suhi: the reference ring " + r.label() +
                        " must have 0 <= inner_km < outer_km");
        const Geos::Ptr outer = frame.buffer(geos, united, r.outer_km * 1000, kSegments);
        const Geos::Ptr inner = r.inner_km > 0
                                    ? frame.buffer(geos, united, r.inner_km * 1000, kSegments)
                                    : geos.clone(*zones_union);
        const Geos::Ptr ring =
            geos.own(GEOSDifference_r(geos.handle(), outer.get(), inner.get()), "a reference ring");
        out.rings.push_back(geos.to_core(*ring));
    }
    return out;
}

}  // namespace gg
