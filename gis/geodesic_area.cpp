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

}  // namespace

double geodesic_area_m2(const std::vector<unsigned char>& wkb, const std::string& crs_wkt) {
    init_gdal();
    OGRGeometry* raw = nullptr;
    if (wkb.empty() ||
        OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &raw, wkb.size()) != OGRERR_NONE)
        throw Error("a zone geometry cannot be read for its area");
    std::unique_ptr<OGRGeometry> geometry(raw);

    OGRSpatialReference source;
    if (source.SetFromUserInput(crs_wkt.c_str()) != OGRERR_NONE)
        throw Error("the zones' coordinate reference system cannot be read");
    source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRSpatialReference lonlat;
    lonlat.CopyGeogCSFrom(&source);  // same datum and ellipsoid, in degrees
    lonlat.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (!source.IsGeographic()) {
        // Straight projected edges are curves on the ellipsoid: densify to 100 m first.
        geometry->segmentize(100.0 / source.GetLinearUnits());
        std::unique_ptr<OGRCoordinateTransformation> ct(
            OGRCreateCoordinateTransformation(&source, &lonlat));
        if (!ct || geometry->transform(ct.get()) != OGRERR_NONE)
            throw Error("a zone geometry cannot be transformed to geographic coordinates");
    } else {
        geometry->segmentize(0.001);  // degrees, ~100 m
    }

    geod_geodesic g;
    geod_init(&g, lonlat.GetSemiMajor(), 1.0 / lonlat.GetInvFlattening());
    double total = 0;
    auto add_polygon = [&](const OGRPolygon& p) {
        if (p.getExteriorRing()) total += ring_area(g, *p.getExteriorRing());
        for (int i = 0; i < p.getNumInteriorRings(); ++i)
            total -= ring_area(g, *p.getInteriorRing(i));
    };
    const OGRwkbGeometryType type = wkbFlatten(geometry->getGeometryType());
    if (type == wkbPolygon) {
        add_polygon(*geometry->toPolygon());
    } else if (type == wkbMultiPolygon) {
        for (const OGRPolygon* p : *geometry->toMultiPolygon()) add_polygon(*p);
    } else {
        throw Error("a zone geometry is not a polygon");
    }
    return total;
}

}  // namespace gg
