#pragma once
// Plain polygon types of core/: gis/ converts OGR/GEOS geometries into these, already in the
// raster's CRS, so coverage and statistics never see a library type.
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace gg {

struct Point {
    double x = 0;
    double y = 0;
};

// A closed ring; the closing vertex may or may not repeat the first one.
using Ring = std::vector<Point>;

struct Polygon {
    Ring exterior;
    std::vector<Ring> holes;
};

// Parts of a valid multipolygon do not overlap (gis/ makes geometries valid first).
struct MultiPolygon {
    std::vector<Polygon> parts;
    bool empty() const { return parts.empty(); }
};

struct Box {
    double xmin = std::numeric_limits<double>::infinity();
    double ymin = std::numeric_limits<double>::infinity();
    double xmax = -std::numeric_limits<double>::infinity();
    double ymax = -std::numeric_limits<double>::infinity();

    bool empty() const { return !(xmin <= xmax && ymin <= ymax); }
    void expand(const Point& p) {
        xmin = std::min(xmin, p.x);
        ymin = std::min(ymin, p.y);
        xmax = std::max(xmax, p.x);
        ymax = std::max(ymax, p.y);
    }
    bool intersects(const Box& o) const {
        return !empty() && !o.empty() && xmin <= o.xmax && o.xmin <= xmax && ymin <= o.ymax &&
               o.ymin <= ymax;
    }
};

inline Box bounds(const MultiPolygon& g) {
    Box b;
    for (const auto& part : g.parts)
        for (const auto& p : part.exterior) b.expand(p);
    return b;
}

// Shoelace signed area: positive for counter-clockwise rings in a y-up plane.
inline double signed_area(const Ring& ring) {
    const size_t n = ring.size();
    if (n < 3) return 0;
    // Relative to the first vertex: UTM northings near 1e7 would otherwise cancel digits away.
    const Point o = ring[0];
    double twice = 0;
    for (size_t i = 0; i < n; ++i) {
        const Point& a = ring[i];
        const Point& b = ring[(i + 1) % n];
        twice += (a.x - o.x) * (b.y - o.y) - (b.x - o.x) * (a.y - o.y);
    }
    return twice / 2;
}

// Planar area (CRS units squared) of a multipolygon with holes, whatever the ring orientation.
inline double planar_area(const MultiPolygon& g) {
    double area = 0;
    for (const auto& part : g.parts) {
        area += std::abs(signed_area(part.exterior));
        for (const auto& hole : part.holes) area -= std::abs(signed_area(hole));
    }
    return area;
}

}  // namespace gg
