#include "gis/geodesic_area.hpp"

#include <geodesic.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>

#include <cmath>
#include <memory>

#include "core/error.hpp"
#include "gis/gdal_setup.hpp"

namespace gg {
namespace {

double ring_area(const geod_geodesic& g, const OGRLinearRing& ring) {
    geod_polygon poly;
    geod_polygon_init(&poly, 0);
    const int n = ring.getNumPoints();
    // The closing vertex repeats the first: geod_polygon closes the ring itself.
    for (int i = 0; i + 1 < n; ++i) geod_polygon_addpoint(&g, &poly, ring.getY(i), ring.getX(i));
    double area = 0;
    geod_polygon_compute(&g, &poly, 0, 1, &area, nullptr);
    return std::abs(area);
}

OGRLinearRing ogr_ring(const Ring& ring) {
    OGRLinearRing out;
    out.setNumPoints(static_cast<int>(ring.size()), FALSE);
    for (size_t i = 0; i < ring.size(); ++i)
        out.setPoint(static_cast<int>(i), ring[i].x, ring[i].y);
    out.closeRings();
    return out;
}

}  // namespace

struct GroundArea::Impl {
    OGRSpatialReference source;
    OGRSpatialReference lonlat;
    std::unique_ptr<OGRCoordinateTransformation> to_lonlat;  // null: geographic or plane
    geod_geodesic geod{};
    bool geographic = false;
    bool geodesic = false;
    double unit2 = 1;        // plane areas: m2 per CRS unit squared
    double max_segment = 0;  // densify edges longer than this (CRS units) before measuring
    std::string what;

    double measure(OGRGeometry& geometry) const {
        if (!geodesic) {
            double plane = 0;
            auto add = [&](const OGRPolygon& p) { plane += p.get_Area(); };
            const OGRwkbGeometryType type = wkbFlatten(geometry.getGeometryType());
            if (type == wkbPolygon)
                add(*geometry.toPolygon());
            else if (type == wkbMultiPolygon)
                for (const OGRPolygon* p : *geometry.toMultiPolygon()) add(*p);
            else
                throw Error(what + ": a geometry is not a polygon");
            return plane * unit2;
        }
        geometry.segmentize(max_segment);
        if (to_lonlat && geometry.transform(to_lonlat.get()) != OGRERR_NONE)
            throw Error(what + ": a geometry cannot be transformed to geographic coordinates");
        double total = 0;
        auto add_polygon = [&](const OGRPolygon& p) {
            if (p.getExteriorRing()) total += ring_area(geod, *p.getExteriorRing());
            for (int i = 0; i < p.getNumInteriorRings(); ++i)
                total -= ring_area(geod, *p.getInteriorRing(i));
        };
        const OGRwkbGeometryType type = wkbFlatten(geometry.getGeometryType());
        if (type == wkbPolygon) {
            add_polygon(*geometry.toPolygon());
        } else if (type == wkbMultiPolygon) {
            for (const OGRPolygon* p : *geometry.toMultiPolygon()) add_polygon(*p);
        } else {
            throw Error(what + ": a geometry is not a polygon");
        }
        return total;
    }
};

GroundArea::GroundArea(const std::string& crs_wkt, AreaConvention convention,
                       const std::string& what)
    : impl_(std::make_unique<Impl>()) {
    init_gdal();
    Impl& m = *impl_;
    m.what = what;
    if (crs_wkt.empty() || m.source.SetFromUserInput(crs_wkt.c_str()) != OGRERR_NONE)
        throw Error(what + ": the coordinate reference system cannot be read");
    m.source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    m.geographic = m.source.IsGeographic();
    const bool has_datum = m.geographic || m.source.IsProjected();
    m.geodesic = has_datum && (m.geographic || convention == AreaConvention::Ellipsoidal);
    if (!m.geodesic) {
        const double unit = m.source.GetLinearUnits();
        m.unit2 = unit * unit;
        return;
    }
    m.lonlat.CopyGeogCSFrom(&m.source);  // same datum and ellipsoid, in degrees
    m.lonlat.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (m.geographic) {
        m.max_segment = 0.001;  // degrees, ~100 m
    } else {
        // Straight projected edges are curves on the ellipsoid: densify to 100 m first.
        m.max_segment = 100.0 / m.source.GetLinearUnits();
        m.to_lonlat.reset(OGRCreateCoordinateTransformation(&m.source, &m.lonlat));
        if (!m.to_lonlat)
            throw Error(what + ": no transformation from \"" + m.source.GetName() +
                        "\" to geographic coordinates for ground areas");
    }
    // OGR reports WGS 84's axes when the CRS names none; a sphere has inverse flattening 0.
    const double inv_f = m.lonlat.GetInvFlattening();
    geod_init(&m.geod, m.lonlat.GetSemiMajor(), inv_f == 0 ? 0 : 1.0 / inv_f);
}

GroundArea::GroundArea(GroundArea&&) noexcept = default;
GroundArea& GroundArea::operator=(GroundArea&&) noexcept = default;
GroundArea::~GroundArea() = default;

bool GroundArea::geodesic() const {
    return impl_->geodesic;
}

bool GroundArea::geographic_crs() const {
    return impl_->geographic;
}

double GroundArea::operator()(const MultiPolygon& g) const {
    if (g.empty()) return 0;
    if (!impl_->geodesic) return planar_area(g) * impl_->unit2;
    OGRMultiPolygon mp;
    for (const Polygon& p : g.parts) {
        auto poly = std::make_unique<OGRPolygon>();
        poly->addRingDirectly(new OGRLinearRing(ogr_ring(p.exterior)));
        for (const Ring& h : p.holes) poly->addRingDirectly(new OGRLinearRing(ogr_ring(h)));
        mp.addGeometryDirectly(poly.release());
    }
    return impl_->measure(mp);
}

double GroundArea::wkb(const std::vector<unsigned char>& wkb) const {
    OGRGeometry* raw = nullptr;
    if (wkb.empty() ||
        OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &raw, wkb.size()) != OGRERR_NONE)
        throw Error(impl_->what + ": a geometry cannot be read");
    std::unique_ptr<OGRGeometry> geometry(raw);
    return impl_->measure(*geometry);
}

double geodesic_area_m2(const std::vector<unsigned char>& wkb, const std::string& crs_wkt) {
    return GroundArea(crs_wkt, AreaConvention::Ellipsoidal, "zone area").wkb(wkb);
}

}  // namespace gg
