#pragma once
// The invariants of exact coverage, checked against GEOS: every fraction in [0, 1]; the covered
// area (sum of fraction x cell area) equals GEOS's area of the shape inside the grid, and inside a
// window reaching past the grid; reversing the rings, starting them at another vertex or cutting
// the shape in two (GEOS) changes no cell; a cell asked in any window has the same bits. Shared
// by the property tests and the coverage fuzzer.
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <sstream>
#include <string>

#include "core/coverage.hpp"
#include "support/geos_reference.hpp"
#include "support/star_polygons.hpp"

namespace gg::test {

using CoverageFn = std::function<CoverageMatrix(const MultiPolygon&, const Grid&, const Window&)>;

struct CoverageCase {
    Grid grid;
    MultiPolygon shape;
    size_t start = 0;    // the vertex the rotated rings start at
    bool close = false;  // whether the rotated rings repeat their first vertex
    Point split_at;      // the line that cuts the shape in two: a point and an angle
    double split_angle = 0;
};

inline CoverageCase random_coverage_case(const Unit& next) {
    CoverageCase c;
    c.grid = random_grid(next);
    c.shape = random_shape(next, c.grid);
    c.start = static_cast<size_t>(next() * 30);
    c.close = next() < 0.5;
    const Box b = bounds(c.shape);
    c.split_at = {between(next, b.xmin, b.xmax), between(next, b.ymin, b.ymax)};
    c.split_angle = between(next, 0, 3.2);
    return c;
}

// Sums are compared to 1e-9 of the area (or of one cell, for slivers, whose area is mostly the
// rounding of fractions snapped to 0 or 1 within 1e-12); single fractions to 1e-9 of a cell.
constexpr double kRelative = 1e-9;

// What GEOS's own rounding may add: it cuts and measures in absolute coordinates (northings near
// 1e7, where a double's step is 2e-9), so each vertex it makes may move by a step, and an area by
// the length of the boundary times a step (over 3000 random cases the differences reached 0.15
// of this bound). The engine works in cell units.
inline double geos_rounding(const MultiPolygon& shape) {
    double perimeter = 0, largest = 0;
    auto ring = [&](const Ring& r) {
        for (size_t i = 0; i < r.size(); ++i) {
            const Point a = r[i], b = r[(i + 1) % r.size()];
            perimeter += std::hypot(b.x - a.x, b.y - a.y);
            largest = std::max({largest, std::abs(a.x), std::abs(a.y)});
        }
    };
    for (const Polygon& p : shape.parts) {
        ring(p.exterior);
        for (const Ring& h : p.holes) ring(h);
    }
    return perimeter * largest * std::numeric_limits<double>::epsilon();
}

// Empty when every invariant holds; otherwise the first one broken, with its figures.
inline std::string coverage_violation(const CoverageCase& c, GeosReference& geos,
                                      const CoverageFn& cover = coverage_fractions) {
    std::ostringstream why;
    why.precision(17);
    const Grid& g = c.grid;
    const double cell = g.dx * g.dy;
    const Window grid_window = g.full();
    const CoverageMatrix m = cover(c.shape, g, grid_window);
    if (m.fraction.size() != static_cast<size_t>(grid_window.size())) return "wrong matrix size";
    double sum = 0;
    for (size_t i = 0; i < m.fraction.size(); ++i) {
        const double f = m.fraction[i];
        if (!(f >= 0 && f <= 1)) {
            why << "fraction " << f << " of cell " << i << " is outside [0, 1]";
            return why.str();
        }
        sum += f * cell;
    }
    const double inside = geos.area_inside(c.shape, g.x0, g.y0 - static_cast<double>(g.rows) * g.dy,
                                           g.x0 + static_cast<double>(g.cols) * g.dx, g.y0);
    const double rounding = geos_rounding(c.shape);
    if (std::abs(sum - inside) > kRelative * std::max(inside, cell) + rounding) {
        why << "covered area " << sum << " but GEOS's area inside the grid is " << inside;
        return why.str();
    }

    // A window over the whole shape, partly or wholly outside the grid: all of GEOS's area.
    const Window around = g.cells_touching(bounds(c.shape));
    double sum_around = 0;
    for (double f : cover(c.shape, g, around).fraction) sum_around += f * cell;
    const double whole = geos.area(c.shape);
    if (std::abs(sum_around - whole) > kRelative * std::max(whole, cell) + rounding) {
        why << "covered area " << sum_around << " over the shape's cells but GEOS's area is "
            << whole;
        return why.str();
    }

    // Windows inside the grid (the four quarters, a middle row and a middle column): each cell
    // the same bits as in m, whatever window it is asked in.
    const int64_t mc = g.cols / 2, mr = g.rows / 2;
    for (const Window& w :
         {Window{0, 0, mc, mr}, Window{mc, 0, g.cols - mc, mr}, Window{0, mr, mc, g.rows - mr},
          Window{mc, mr, g.cols - mc, g.rows - mr}, Window{0, mr, g.cols, 1},
          Window{mc, 0, 1, g.rows}}) {
        if (w.empty()) continue;
        const CoverageMatrix part = cover(c.shape, g, w);
        for (int64_t r = w.row0; r < w.row_end(); ++r)
            for (int64_t col = w.col0; col < w.col_end(); ++col)
                if (part.at(col, r) != m.at(col, r)) {
                    why << "cell " << col << ", " << r << " has " << part.at(col, r)
                        << " in window " << w.col0 << ", " << w.row0 << ", " << w.cols << " x "
                        << w.rows << " but " << m.at(col, r) << " in the whole grid";
                    return why.str();
                }
    }

    // Cell by cell against m: the same shape written differently, or in two pieces.
    auto differs = [&](const std::vector<double>& other, const char* what, double tolerance) {
        if (other.size() != m.fraction.size()) return why << what << ": wrong size", true;
        for (size_t i = 0; i < other.size(); ++i)
            if (!(std::abs(other[i] - m.fraction[i]) <= tolerance)) {
                why << what << ": cell " << i << " has " << other[i] << " instead of "
                    << m.fraction[i];
                return true;
            }
        return false;
    };
    if (differs(cover(reversed(c.shape), g, grid_window).fraction, "rings reversed", kRelative))
        return why.str();
    if (differs(cover(rotated(c.shape, c.start, c.close), g, grid_window).fraction, "rings rotated",
                kRelative))
        return why.str();
    const Box b = bounds(c.shape);
    const double reach = 4 * (b.xmax - b.xmin + b.ymax - b.ymin);
    const auto [left, right] = geos.split(c.shape, c.split_at, c.split_angle, reach);
    std::vector<double> pieces = cover(left, g, grid_window).fraction;
    const std::vector<double> other = cover(right, g, grid_window).fraction;
    for (size_t i = 0; i < pieces.size() && i < other.size(); ++i) pieces[i] += other[i];
    // GEOS made the pieces' new vertices: a step of rounding along a cell's boundary at most.
    const double step =
        std::max(std::abs(g.x0), std::abs(g.y0)) * std::numeric_limits<double>::epsilon();
    if (differs(pieces, "split in two", kRelative + 2 * (g.dx + g.dy) * step / cell))
        return why.str();
    return "";
}

}  // namespace gg::test
