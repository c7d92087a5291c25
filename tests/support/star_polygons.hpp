#pragma once
// Random grids and polygons for the coverage property tests and the coverage fuzzer. Polygons are
// star-shaped around a centre (vertices at increasing angles), so they are simple by
// construction: holes stay inside the exterior's smallest radius and the parts of a multipolygon
// sit in separate vertical strips, so GEOS and the coverage engine both get valid input.
// Coordinates come from the random numbers, never from the grid lines.
#include <algorithm>
#include <cmath>
#include <functional>
#include <numbers>
#include <utility>

#include "core/geometry.hpp"
#include "core/grid.hpp"

namespace gg::test {

// A source of numbers in [0, 1): a seeded generator in the tests, the fuzzer's bytes in fuzz/.
using Unit = std::function<double()>;

inline double between(const Unit& next, double lo, double hi) {
    return lo + (hi - lo) * next();
}

// 1 to 40 cells each way, non-square cells of 0.3 to 50 units, an origin far from 0 (UTM-like).
inline Grid random_grid(const Unit& next) {
    Grid g;
    g.cols = 1 + static_cast<int64_t>(next() * 40);
    g.rows = 1 + static_cast<int64_t>(next() * 40);
    g.dx = between(next, 0.3, 50);
    g.dy = g.dx * between(next, 0.5, 2);
    g.x0 = between(next, -1e6, 1e6);
    g.y0 = between(next, 0, 1e7);
    return g;
}

// A star around `centre` with radii in [r_min, r_max] and 3 to 24 vertices, counter-clockwise.
inline Ring star_ring(const Unit& next, Point centre, double r_min, double r_max) {
    const int n = 3 + static_cast<int>(next() * 22);
    std::vector<double> steps(static_cast<size_t>(n));
    double total = 0;
    // Steps in [1, 2): each below half the turn, so the centre is inside (n >= 3).
    for (double& s : steps) total += s = 1 + next();
    const double start = between(next, 0, 2 * std::numbers::pi);
    Ring ring;
    double angle = start;
    for (double s : steps) {
        const double r = between(next, r_min, r_max);
        ring.push_back({centre.x + r * std::cos(angle), centre.y + r * std::sin(angle)});
        angle += 2 * std::numbers::pi * s / total;
    }
    return ring;
}

// The distance from `c` to the nearest edge of `ring`: a hole of a smaller radius stays inside.
inline double distance_to_boundary(const Ring& ring, Point c) {
    double d = INFINITY;
    for (size_t i = 0; i < ring.size(); ++i) {
        const Point a = ring[i];
        const Point b = ring[(i + 1) % ring.size()];
        const double ex = b.x - a.x, ey = b.y - a.y;
        const double t =
            std::clamp(((c.x - a.x) * ex + (c.y - a.y) * ey) / (ex * ex + ey * ey), 0.0, 1.0);
        d = std::min(d, std::hypot(a.x + t * ex - c.x, a.y + t * ey - c.y));
    }
    return d;
}

// One to three parts (a multipolygon a third of the time), a hole in a part a third of the time,
// around centres spread over the grid and 30 % beyond it, so many shapes cross the grid's edges.
inline MultiPolygon random_shape(const Unit& next, const Grid& g) {
    const double width = static_cast<double>(g.cols) * g.dx;
    const double height = static_cast<double>(g.rows) * g.dy;
    const int parts = next() < 1.0 / 3 ? 2 + static_cast<int>(next() * 2) : 1;
    const double strip = 1.6 * width / parts;
    MultiPolygon shape;
    for (int i = 0; i < parts; ++i) {
        const double left = g.x0 - 0.3 * width + i * strip;
        const double r_max = 0.5 * strip * between(next, 0.05, 0.99);
        const Point centre{left + strip / 2, g.y0 - between(next, -0.3, 1.3) * height};
        const double r_min = r_max * between(next, 0.2, 1);
        Polygon p{star_ring(next, centre, r_min, r_max), {}};
        if (next() < 1.0 / 3) {
            // No hole when rounding put the centre on the boundary (a fuzz input did).
            const double inner = 0.9 * distance_to_boundary(p.exterior, centre);
            if (inner > 1e-3 * r_min)
                p.holes.push_back(star_ring(next, centre, 0.1 * inner, inner));
        }
        shape.parts.push_back(std::move(p));
    }
    return shape;
}

// The same shape with every ring reversed (clockwise exteriors, counter-clockwise holes).
inline MultiPolygon reversed(MultiPolygon shape) {
    for (Polygon& p : shape.parts) {
        std::reverse(p.exterior.begin(), p.exterior.end());
        for (Ring& h : p.holes) std::reverse(h.begin(), h.end());
    }
    return shape;
}

// The same shape with every ring starting `k` vertices later (and closed, repeating its first
// vertex, when `close`).
inline MultiPolygon rotated(MultiPolygon shape, size_t k, bool close) {
    auto turn = [&](Ring& r) {
        std::rotate(r.begin(), r.begin() + static_cast<std::ptrdiff_t>(k % r.size()), r.end());
        if (close) r.push_back(r.front());
    };
    for (Polygon& p : shape.parts) {
        turn(p.exterior);
        for (Ring& h : p.holes) turn(h);
    }
    return shape;
}

}  // namespace gg::test
