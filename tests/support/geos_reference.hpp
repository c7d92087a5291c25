#pragma once
// GEOS (its C API directly, not gis/geos_util) as the independent method of the coverage
// properties: areas of a shape inside a box, and a shape cut in two by a line.
#include <geos_c.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>
#include <vector>

#include "core/geometry.hpp"

namespace gg::test {

class GeosReference {
  public:
    GeosReference() : h_(GEOS_init_r()) {}
    ~GeosReference() { GEOS_finish_r(h_); }
    GeosReference(const GeosReference&) = delete;
    GeosReference& operator=(const GeosReference&) = delete;

    // Planar area of shape inside [x0, x1] x [y0, y1] (GEOS overlay, then GEOS area).
    double area_inside(const MultiPolygon& shape, double x0, double y0, double x1, double y1) {
        Owned g(h_, to_geos(shape));
        Owned box(h_, to_geos(rectangle(x0, y0, x1, y1)));
        Owned cut(h_, check(GEOSIntersection_r(h_, g.p, box.p)));
        return area(cut.p);
    }
    double area(const MultiPolygon& shape) {
        Owned g(h_, to_geos(shape));
        return area(g.p);
    }
    bool valid(const MultiPolygon& shape) {
        Owned g(h_, to_geos(shape));
        return GEOSisValid_r(h_, g.p) == 1;
    }

    // The shape on either side of the line through `at` at `angle` (radians): GEOS intersections
    // with two quadrilaterals that share that line and reach `reach` beyond it.
    std::pair<MultiPolygon, MultiPolygon> split(const MultiPolygon& shape, Point at, double angle,
                                                double reach) {
        const double ux = std::cos(angle) * reach, uy = std::sin(angle) * reach;
        const Point a{at.x - ux, at.y - uy}, b{at.x + ux, at.y + uy};
        auto side = [&](double s) {
            const Point n{-uy * s, ux * s};  // normal, pointing to one side
            Ring r{a, b, {b.x + n.x, b.y + n.y}, {a.x + n.x, a.y + n.y}};
            if (s < 0) std::reverse(r.begin(), r.end());
            return MultiPolygon{{Polygon{r, {}}}};
        };
        Owned g(h_, to_geos(shape));
        auto half = [&](double s) {
            Owned q(h_, to_geos(side(s)));
            Owned cut(h_, check(GEOSIntersection_r(h_, g.p, q.p)));
            return to_core(cut.p);
        };
        return {half(1), half(-1)};
    }

  private:
    struct Owned {
        GEOSContextHandle_t h;
        GEOSGeometry* p;
        Owned(GEOSContextHandle_t handle, GEOSGeometry* g) : h(handle), p(g) {}
        ~Owned() { GEOSGeom_destroy_r(h, p); }
        Owned(const Owned&) = delete;
        Owned& operator=(const Owned&) = delete;
    };

    static MultiPolygon rectangle(double x0, double y0, double x1, double y1) {
        return MultiPolygon{{Polygon{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}, {}}}};
    }
    static GEOSGeometry* check(GEOSGeometry* g) {
        if (!g) throw std::runtime_error("GEOS failed");
        return g;
    }
    double area(const GEOSGeometry* g) {
        double a = 0;
        if (!GEOSArea_r(h_, g, &a)) throw std::runtime_error("GEOSArea failed");
        return a;
    }

    GEOSGeometry* ring(const Ring& r) {
        const bool closed = r.front().x == r.back().x && r.front().y == r.back().y;
        const size_t n = closed ? r.size() : r.size() + 1;
        GEOSCoordSequence* seq = GEOSCoordSeq_create_r(h_, static_cast<unsigned>(n), 2);
        for (size_t i = 0; i < n; ++i) {
            const Point& p = r[i % r.size()];
            GEOSCoordSeq_setXY_r(h_, seq, static_cast<unsigned>(i), p.x, p.y);
        }
        return check(GEOSGeom_createLinearRing_r(h_, seq));
    }
    GEOSGeometry* to_geos(const MultiPolygon& mp) {
        std::vector<GEOSGeometry*> polys;
        for (const Polygon& part : mp.parts) {
            std::vector<GEOSGeometry*> holes;
            for (const Ring& hole : part.holes) holes.push_back(ring(hole));
            polys.push_back(check(GEOSGeom_createPolygon_r(h_, ring(part.exterior), holes.data(),
                                                           static_cast<unsigned>(holes.size()))));
        }
        return check(GEOSGeom_createCollection_r(h_, GEOS_MULTIPOLYGON, polys.data(),
                                                 static_cast<unsigned>(polys.size())));
    }

    Ring to_ring(const GEOSGeometry* r) {
        const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h_, r);
        unsigned n = 0;
        GEOSCoordSeq_getSize_r(h_, seq, &n);
        Ring out(n);
        for (unsigned i = 0; i < n; ++i) GEOSCoordSeq_getXY_r(h_, seq, i, &out[i].x, &out[i].y);
        return out;
    }
    // The polygons of any GEOS geometry (lines and points of an overlay's result dropped).
    void collect(const GEOSGeometry* g, MultiPolygon& out) {
        const int type = GEOSGeomTypeId_r(h_, g);
        if (type == GEOS_POLYGON) {
            if (GEOSisEmpty_r(h_, g)) return;
            Polygon p{to_ring(GEOSGetExteriorRing_r(h_, g)), {}};
            for (int i = 0; i < GEOSGetNumInteriorRings_r(h_, g); ++i)
                p.holes.push_back(to_ring(GEOSGetInteriorRingN_r(h_, g, i)));
            out.parts.push_back(std::move(p));
        } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
            for (int i = 0; i < GEOSGetNumGeometries_r(h_, g); ++i)
                collect(GEOSGetGeometryN_r(h_, g, i), out);
        }
    }
    MultiPolygon to_core(const GEOSGeometry* g) {
        MultiPolygon out;
        collect(g, out);
        return out;
    }

    GEOSContextHandle_t h_;
};

}  // namespace gg::test
