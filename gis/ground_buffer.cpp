// Buffers by ground distances (gis/ground_buffer.hpp).
#include "gis/ground_buffer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/error.hpp"

namespace gg {

void densify_and_transform(MultiPolygon& g, double max_segment, OGRCoordinateTransformation& ct,
                           const std::string& what) {
    auto fix_ring = [&](Ring& ring) {
        Ring dense;
        for (size_t i = 0; i < ring.size(); ++i) {
            const Point a = ring[i], b = ring[(i + 1) % ring.size()];
            dense.push_back(a);
            const double len = std::hypot(b.x - a.x, b.y - a.y);
            const int steps = static_cast<int>(std::ceil(len / max_segment));
            for (int k = 1; k < steps; ++k) {
                const double t = static_cast<double>(k) / steps;
                dense.push_back(Point{a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)});
            }
        }
        std::vector<double> x(dense.size()), y(dense.size());
        for (size_t i = 0; i < dense.size(); ++i) {
            x[i] = dense[i].x;
            y[i] = dense[i].y;
        }
        if (!ct.Transform(x.size(), x.data(), y.data()))
            throw Error(what + ": polygons cannot be transformed for the buffer");
        for (size_t i = 0; i < dense.size(); ++i) dense[i] = Point{x[i], y[i]};
        ring = std::move(dense);
    };
    for (Polygon& p : g.parts) {
        fix_ring(p.exterior);
        for (Ring& h : p.holes) fix_ring(h);
    }
}

GroundBuffer::GroundBuffer(const OGRSpatialReference& target, const Point& centre,
                           AreaConvention areas, const std::string& what)
    : what_(what), target_geographic_(target.IsGeographic() != 0) {
    if (!target_geographic_) target_unit_ = target.GetLinearUnits();
    const std::string datum =
        target.GetAttrValue("DATUM") ? target.GetAttrValue("DATUM") : "its datum";
    // Ellipsoidal: a transverse Mercator centred on the area with scale factor 1 (its scale grows
    // as 1 + d^2 / (2 R^2): < 1e-5 within 25 km of the centre; Snyder 1987, USGS PP 1395, eq.
    // 8-11). Planar: the target CRS itself when projected (distance in its units), else a UTM
    // zone on its datum.
    OGRSpatialReference work;
    work.CopyGeogCSFrom(&target);
    work.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (areas == AreaConvention::Ellipsoidal) {
        Point lonlat = centre;
        if (!target_geographic_) {
            OGRSpatialReference geographic;
            geographic.CopyGeogCSFrom(&target);
            geographic.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
            std::unique_ptr<OGRCoordinateTransformation> ct(
                OGRCreateCoordinateTransformation(&target, &geographic));
            if (!ct || !ct->Transform(1, &lonlat.x, &lonlat.y))
                throw Error(what +
                            ": the centre of the zones cannot be placed in geographic "
                            "coordinates for the buffers");
        }
        work.SetTM(lonlat.y, lonlat.x, 1.0, 0, 0);
        work_crs_ = fmt::format("transverse Mercator centred at {:.4f}, {:.4f} on {}", lonlat.x,
                                lonlat.y, datum);
    } else if (target_geographic_) {
        const int utm_zone =
            std::clamp(static_cast<int>(std::floor((centre.x + 180) / 6)) + 1, 1, 60);
        work.SetUTM(utm_zone, centre.y >= 0 ? TRUE : FALSE);
        work_crs_ =
            "UTM zone " + std::to_string(utm_zone) + (centre.y >= 0 ? "N" : "S") + " on " + datum;
    } else {
        unit_m_ = target_unit_;
        work_crs_ = target.GetName();
        return;
    }
    to_work_.reset(OGRCreateCoordinateTransformation(&target, &work));
    from_work_.reset(OGRCreateCoordinateTransformation(&work, &target));
    if (!to_work_ || !from_work_)
        throw Error(what + ": cannot set up the " + work_crs_ + " for the CRS \"" +
                    std::string(target.GetName()) + "\"");
}

GroundBuffer::~GroundBuffer() = default;

Geos::Ptr GroundBuffer::buffer(const Geos& geos, MultiPolygon polygons, double distance_m,
                               int quadrant_segments) const {
    if (to_work_)  // 0.001 degree ~ 100 m, or 100 m in a projected CRS
        densify_and_transform(polygons, target_geographic_ ? 0.001 : 100.0 / target_unit_,
                              *to_work_, what_);
    const double distance = distance_m / unit_m_;
    std::vector<Geos::Ptr> buffers;
    buffers.reserve(polygons.parts.size());
    for (const Polygon& p : polygons.parts)
        buffers.push_back(geos.own(
            GEOSBuffer_r(geos.handle(), geos.polygon(p).get(), distance, quadrant_segments),
            "a buffer"));
    Geos::Ptr reach = geos.dissolve(buffers);
    if (!from_work_) return reach;
    MultiPolygon back = geos.to_core(*reach);
    densify_and_transform(back, 100.0, *from_work_, what_);
    return geos.make_valid(geos.multipolygon(back));
}

}  // namespace gg
