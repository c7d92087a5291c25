#include "gis/ogr_polygons.hpp"

namespace gg {

namespace {

void collect(const OGRGeometry& g, OGRMultiPolygon& out, bool& dropped) {
    if (g.IsEmpty()) return;
    const OGRwkbGeometryType type = wkbFlatten(g.getGeometryType());
    if (type == wkbPolygon) {
        out.addGeometry(&g);
    } else if (OGR_GT_IsSubClassOf(type, wkbCurvePolygon)) {
        // Curve polygons and triangles: forceToPolygon linearises arcs.
        std::unique_ptr<OGRGeometry> p(OGRGeometryFactory::forceToPolygon(g.clone()));
        if (p) collect(*p, out, dropped);
    } else if (OGR_GT_IsSubClassOf(type, wkbGeometryCollection)) {
        for (const OGRGeometry* part : *g.toGeometryCollection()) collect(*part, out, dropped);
    } else if (OGR_GT_IsSubClassOf(type, wkbPolyhedralSurface)) {
        std::unique_ptr<OGRGeometry> mp(OGRGeometryFactory::forceToMultiPolygon(g.clone()));
        if (mp) collect(*mp, out, dropped);
    } else {
        dropped = true;  // points and lines measure no area
    }
}

Ring to_ring(const OGRLinearRing& r) {
    Ring ring;
    const int n = r.getNumPoints();
    ring.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) ring.push_back(Point{r.getX(i), r.getY(i)});
    if (ring.size() > 1 && ring.front().x == ring.back().x && ring.front().y == ring.back().y)
        ring.pop_back();
    return ring;
}

}  // namespace

std::unique_ptr<OGRMultiPolygon> polygonal_parts(const OGRGeometry& g, bool* dropped) {
    auto out = std::make_unique<OGRMultiPolygon>();
    bool any_dropped = false;
    collect(g, *out, any_dropped);
    out->flattenTo2D();
    out->setMeasured(FALSE);
    if (dropped) *dropped = any_dropped;
    return out;
}

std::unique_ptr<OGRMultiPolygon> make_valid_polygons(std::unique_ptr<OGRMultiPolygon> g,
                                                     bool& repaired) {
    repaired = false;
    if (g->IsValid()) return g;
    const std::unique_ptr<OGRGeometry> valid(g->MakeValid());
    if (!valid) return nullptr;
    repaired = true;
    return polygonal_parts(*valid);
}

MultiPolygon to_core(const OGRMultiPolygon& g) {
    MultiPolygon out;
    out.parts.reserve(static_cast<size_t>(g.getNumGeometries()));
    for (const OGRPolygon* poly : g) {
        if (poly->IsEmpty()) continue;
        Polygon p;
        p.exterior = to_ring(*poly->getExteriorRing());
        for (int i = 0; i < poly->getNumInteriorRings(); ++i)
            p.holes.push_back(to_ring(*poly->getInteriorRing(i)));
        out.parts.push_back(std::move(p));
    }
    return out;
}

std::vector<unsigned char> to_iso_wkb(const OGRGeometry& g) {
    std::vector<unsigned char> wkb(g.WkbSize());
    g.exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
    return wkb;
}

}  // namespace gg
