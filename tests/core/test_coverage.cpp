// Exact coverage fractions against answers derived on paper, and against an independent exact
// method (Sutherland-Hodgman clipping of the polygon to each cell, then the shoelace area).
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>

#include "core/coverage.hpp"

namespace gg {
namespace {

// A 10 x 10 grid of unit cells; column c spans x in [c, c+1], row r spans y in [9 - r, 10 - r].
Grid unit_grid(int64_t n = 10) {
    return Grid{0, static_cast<double>(n), 1, 1, n, n};
}

Polygon rect(double x0, double y0, double x1, double y1) {
    return Polygon{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}, {}};
}

double total(const CoverageMatrix& m) {
    double s = 0;
    for (double f : m.fraction) s += f;
    return s;
}

// Independent reference: clip the ring to the cell box (Sutherland-Hodgman), take the area.
Ring clip(const Ring& ring, double x0, double y0, double x1, double y1) {
    auto clip_edge = [](const Ring& in, auto inside, auto cross) {
        Ring out;
        for (size_t i = 0; i < in.size(); ++i) {
            const Point& a = in[i];
            const Point& b = in[(i + 1) % in.size()];
            if (inside(b)) {
                if (!inside(a)) out.push_back(cross(a, b));
                out.push_back(b);
            } else if (inside(a)) {
                out.push_back(cross(a, b));
            }
        }
        return out;
    };
    auto at_x = [](double x) {
        return [x](const Point& a, const Point& b) {
            return Point{x, a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x)};
        };
    };
    auto at_y = [](double y) {
        return [y](const Point& a, const Point& b) {
            return Point{a.x + (b.x - a.x) * (y - a.y) / (b.y - a.y), y};
        };
    };
    Ring r = ring;
    r = clip_edge(
        r, [&](const Point& p) { return p.x >= x0; }, at_x(x0));
    if (r.empty()) return r;
    r = clip_edge(
        r, [&](const Point& p) { return p.x <= x1; }, at_x(x1));
    if (r.empty()) return r;
    r = clip_edge(
        r, [&](const Point& p) { return p.y >= y0; }, at_y(y0));
    if (r.empty()) return r;
    return clip_edge(
        r, [&](const Point& p) { return p.y <= y1; }, at_y(y1));
}

TEST(Coverage, SquareOfTwoAndAHalfByThreeAndAHalfPixels) {
    // x in [1.25, 3.75] (2.5 cells), y in [2.25, 5.75] (3.5 cells). Columns 1 and 3 are covered
    // 0.75 wide, column 2 fully; rows (y from 5.75 down to 2.25): row 4 (y 5..6) 0.75 high,
    // rows 5 and 6 fully, row 7 (y 2..3) 0.75 high.
    const MultiPolygon sq{{rect(1.25, 2.25, 3.75, 5.75)}};
    const Grid g = unit_grid();
    const auto m = coverage_fractions(sq, g, g.full());
    EXPECT_NEAR(total(m), 2.5 * 3.5, 1e-12);
    EXPECT_NEAR(m.at(2, 5), 1.0, 1e-12);
    EXPECT_NEAR(m.at(1, 5), 0.75, 1e-12);
    EXPECT_NEAR(m.at(2, 4), 0.75, 1e-12);
    EXPECT_NEAR(m.at(1, 4), 0.75 * 0.75, 1e-12);
    EXPECT_NEAR(m.at(3, 7), 0.75 * 0.75, 1e-12);
    EXPECT_EQ(m.at(0, 5), 0.0);
    EXPECT_EQ(m.at(2, 3), 0.0);
    EXPECT_EQ(m.at(4, 6), 0.0);
}

TEST(Coverage, SquareAlignedToCellEdgesGivesHalfCells) {
    // x in [1, 3.5], y in [5, 8.5]: column 3 (x 3..4) is half covered, row 1 (y 8..9) half.
    const Grid g = unit_grid();
    const auto m = coverage_fractions(MultiPolygon{{rect(1, 5, 3.5, 8.5)}}, g, g.full());
    EXPECT_NEAR(total(m), 8.75, 1e-12);
    EXPECT_NEAR(m.at(1, 2), 1.0, 1e-12);
    EXPECT_NEAR(m.at(3, 2), 0.5, 1e-12);
    EXPECT_NEAR(m.at(1, 1), 0.5, 1e-12);
    EXPECT_NEAR(m.at(3, 1), 0.25, 1e-12);
    EXPECT_EQ(m.at(0, 2), 0.0);  // x 0..1 touches the edge x = 1 only
    EXPECT_EQ(m.at(1, 5), 0.0);  // y 4..5 touches the edge y = 5 only
}

TEST(Coverage, OrientationOfTheRingDoesNotMatter) {
    const Grid g = unit_grid();
    Polygon ccw = rect(1.25, 2.25, 3.75, 5.75);
    Polygon cw = ccw;
    std::reverse(cw.exterior.begin(), cw.exterior.end());
    const auto a = coverage_fractions(MultiPolygon{{ccw}}, g, g.full());
    const auto b = coverage_fractions(MultiPolygon{{cw}}, g, g.full());
    for (size_t i = 0; i < a.fraction.size(); ++i) EXPECT_NEAR(a.fraction[i], b.fraction[i], 1e-12);
}

TEST(Coverage, RightTriangleHalvesTheDiagonalCells) {
    // Triangle (0,0) (4,0) (0,4): the cells crossed by the hypotenuse x + y = 4 are cut exactly
    // in half along their diagonal; the 6 cells under it are full. Area 8 = 6 + 4 * 0.5.
    const Grid g{0, 4, 1, 1, 4, 4};
    const auto m =
        coverage_fractions(MultiPolygon{{Polygon{{{0, 0}, {4, 0}, {0, 4}}, {}}}}, g, g.full());
    EXPECT_NEAR(total(m), 8.0, 1e-12);
    for (int64_t c = 0; c < 4; ++c) {
        for (int64_t r = 0; r < 4; ++r) {
            // Cell (c, r) spans x in [c, c+1], y in [3-r, 4-r]: i = c, j = 3 - r from the origin.
            const int64_t i_plus_j = c + (3 - r);
            const double expected = i_plus_j < 3 ? 1.0 : (i_plus_j == 3 ? 0.5 : 0.0);
            EXPECT_NEAR(m.at(c, r), expected, 1e-12) << c << "," << r;
        }
    }
}

TEST(Coverage, HoleIsRemoved) {
    // Square [0,4]^2 with hole [1.5,2.5]^2: the 4 central cells each lose a quarter of the hole
    // (0.25 of a cell), so they are 0.75 covered; the 12 border cells are full. Total 16 - 1.
    const Grid g{0, 4, 1, 1, 4, 4};
    Polygon p = rect(0, 0, 4, 4);
    p.holes.push_back(rect(1.5, 1.5, 2.5, 2.5).exterior);
    const auto m = coverage_fractions(MultiPolygon{{p}}, g, g.full());
    EXPECT_NEAR(total(m), 15.0, 1e-12);
    EXPECT_NEAR(m.at(1, 1), 0.75, 1e-12);
    EXPECT_NEAR(m.at(2, 2), 0.75, 1e-12);
    EXPECT_NEAR(m.at(0, 0), 1.0, 1e-12);
    EXPECT_NEAR(m.at(3, 2), 1.0, 1e-12);
}

TEST(Coverage, HoleWithTheSameOrientationAsTheShellIsStillAHole) {
    const Grid g{0, 4, 1, 1, 4, 4};
    Polygon p = rect(0, 0, 4, 4);
    p.holes.push_back(rect(1, 1, 3, 3).exterior);  // counter-clockwise, like the shell
    const auto m = coverage_fractions(MultiPolygon{{p}}, g, g.full());
    EXPECT_NEAR(total(m), 12.0, 1e-12);  // 16 - 4: the hole covers 4 whole cells
    EXPECT_EQ(m.at(1, 1), 0.0);
}

TEST(Coverage, MultiPolygonPartsAdd) {
    // Two disjoint squares: 0.5 x 0.5 inside cell (0, 9) and 2 x 1 over cells (5..6, 2).
    const Grid g = unit_grid();
    const MultiPolygon mp{{rect(0.25, 0.25, 0.75, 0.75), rect(5, 7, 7, 8)}};
    const auto m = coverage_fractions(mp, g, g.full());
    EXPECT_NEAR(total(m), 0.25 + 2.0, 1e-12);
    EXPECT_NEAR(m.at(0, 9), 0.25, 1e-12);
    EXPECT_NEAR(m.at(5, 2), 1.0, 1e-12);
    EXPECT_NEAR(m.at(6, 2), 1.0, 1e-12);
}

TEST(Coverage, ZoneEntirelyOutsideTheWindowCoversNothing) {
    const Grid g = unit_grid();
    const auto m = coverage_fractions(MultiPolygon{{rect(20, 20, 25, 25)}}, g, g.full());
    EXPECT_EQ(total(m), 0.0);
}

TEST(Coverage, ZoneCrossingTheGridEdgeIsClippedToTheWindow) {
    // x in [-2, 1.5], y in [8.5, 12]: inside the 10 x 10 grid only x in [0, 1.5], y in [8.5, 10]
    // remains: area 1.5 * 1.5 = 2.25; cell (1, 1) is 0.5 x 0.5.
    const Grid g = unit_grid();
    const auto m = coverage_fractions(MultiPolygon{{rect(-2, 8.5, 1.5, 12)}}, g, g.full());
    EXPECT_NEAR(total(m), 2.25, 1e-12);
    EXPECT_NEAR(m.at(0, 0), 1.0, 1e-12);
    EXPECT_NEAR(m.at(1, 1), 0.25, 1e-12);
}

TEST(Coverage, WindowsComputedSeparatelyMatchTheWholeWindow) {
    // A zone crossing "block" boundaries: strips of 3 rows and a window with a column offset must
    // reproduce the same fractions as one whole-grid computation.
    const Grid g = unit_grid(12);
    const MultiPolygon shape{{Polygon{{{1.3, 0.7}, {10.2, 2.1}, {7.7, 11.4}, {2.1, 8.8}}, {}}}};
    const auto whole = coverage_fractions(shape, g, g.full());
    for (int64_t r0 = 0; r0 < 12; r0 += 3) {
        const Window strip{2, r0, 9, 3};
        const auto part = coverage_fractions(shape, g, strip);
        for (int64_t r = r0; r < r0 + 3; ++r)
            for (int64_t c = 2; c < 11; ++c)
                EXPECT_NEAR(part.at(c, r), whole.at(c, r), 1e-12) << c << "," << r;
    }
}

TEST(Coverage, CircleAreaConvergesToPiRSquared) {
    // A circle of radius r on a constant raster: the sum of coverage times cell area equals the
    // area of the inscribed N-gon, (N/2) r^2 sin(2 pi / N), exactly, on any grid; with
    // N = 200000 the N-gon is within (2 pi / N)^2 / 6 ~ 1.6e-10 of pi r^2 (relative).
    const double r = 7.3;
    const int n = 200000;
    Ring ring;
    for (int i = 0; i < n; ++i) {
        const double t = 2 * std::numbers::pi * i / n;
        ring.push_back({10 + r * std::cos(t), 10 + r * std::sin(t)});
    }
    const MultiPolygon circle{{Polygon{ring, {}}}};
    const double ngon = n / 2.0 * r * r * std::sin(2 * std::numbers::pi / n);
    for (double cell : {2.0, 0.5, 0.1}) {
        const auto cells = static_cast<int64_t>(std::llround(20 / cell));
        const Grid g{0, 20, cell, cell, cells, cells};
        const double area = total(coverage_fractions(circle, g, g.full())) * cell * cell;
        EXPECT_NEAR(area / ngon, 1.0, 1e-12) << "cell " << cell;
        EXPECT_NEAR(area / (std::numbers::pi * r * r), 1.0, 1e-6) << "cell " << cell;
    }
}

TEST(Coverage, RandomPolygonsMatchClippingCellByCell) {
    // Star-shaped random polygons (simple by construction) against Sutherland-Hodgman clipping.
    std::mt19937 rng(42);
    std::uniform_real_distribution<double> radius(1.0, 4.5);
    const Grid g{-0.37, 10.2, 0.7, 0.9, 15, 12};
    for (int trial = 0; trial < 20; ++trial) {
        Ring ring;
        const int n = 5 + trial;
        for (int i = 0; i < n; ++i) {
            const double t = 2 * std::numbers::pi * i / n;
            const double rr = radius(rng);
            ring.push_back({5 + rr * std::cos(t), 5 + rr * std::sin(t)});
        }
        const auto m = coverage_fractions(MultiPolygon{{Polygon{ring, {}}}}, g, g.full());
        for (int64_t r = 0; r < g.rows; ++r) {
            for (int64_t c = 0; c < g.cols; ++c) {
                const double x0 = g.cell_left(c), y1 = g.cell_top(r);
                const Ring piece = clip(ring, x0, y1 - g.dy, x0 + g.dx, y1);
                const double expected = std::abs(signed_area(piece)) / (g.dx * g.dy);
                ASSERT_NEAR(m.at(c, r), expected, 1e-9)
                    << "trial " << trial << " cell " << c << "," << r;
            }
        }
    }
}

TEST(Coverage, LargeProjectedCoordinatesKeepPrecision) {
    // The same 2.5 x 3.5 cell square placed at UTM-like coordinates (x ~ 3e5, y ~ 9.1e6) with
    // 28.5 m cells: fractions must still be exact to 1e-9.
    const double x0 = 288776.25, y0 = 9120760.75, d = 28.5;
    const Grid g{x0, y0, d, d, 10, 10};
    const MultiPolygon sq{{rect(x0 + 1.25 * d, y0 - 5.75 * d, x0 + 3.75 * d, y0 - 2.25 * d)}};
    const auto m = coverage_fractions(sq, g, g.full());
    EXPECT_NEAR(total(m), 8.75, 1e-9);
    EXPECT_NEAR(m.at(1, 2), 0.75 * 0.75, 1e-9);
}

// A nearly horizontal edge (a rise of 1e-11 to 1e-8 cells over 7 cells) lost up to 1.4e-9 of
// the area to cancellation (a fuzz finding, fuzz/regressions/coverage/). Expected: the shoelace
// area of the triangle (core/geometry.hpp), exact here to a few ulps; the cells cover it all.
TEST(Coverage, NearlyHorizontalEdgesKeepTheArea) {
    const Grid g = unit_grid();
    for (double rise : {1e-13, 1e-12, 3e-12, 1e-11, 1e-10, 1e-9, 1e-8, 1e-6}) {
        const MultiPolygon s{{Polygon{{{0.5, 7.3}, {7.7, 7.3 + rise}, {4.1, 1.2}}, {}}}};
        EXPECT_NEAR(total(coverage_fractions(s, g, g.full())), planar_area(s), 1e-14 * 21.96)
            << "rise " << rise;
    }
}

}  // namespace
}  // namespace gg
