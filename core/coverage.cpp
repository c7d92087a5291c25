// Exact cell coverage by Green's theorem.
//
// In grid coordinates (u along columns, v along rows, cell (c, r) = [c, c+1] x [r, r+1]) the area
// of a region R inside cell (c, r) is the line integral, around R's boundary, of
//     G(u, v) = [c <= u <= c+1] * (r + 1 - clamp(v, r, r+1)) du,
// because -dG/dv is the cell's indicator function (Green's theorem, P = G, Q = 0). Each polygon
// edge therefore contributes, to the cells of every column it crosses, a closed-form integral of
// a clamped linear function: the exact value for the few rows it passes through, and the full
// column width to every row below it. Those "full" contributions are stored once per column as a
// delta and summed down the column, which fills the interior by scanline in O(cells).
//
// This is the signed-area accumulation used by scanline font rasterisers, applied to exact
// polygon/cell areas; written for GreenGauge from the derivation above.
#include "core/coverage.hpp"

#include <algorithm>
#include <cmath>

#include "core/exact_sum.hpp"

namespace gg {
namespace {

// h(w) = 1 - clamp(w, 0, 1) (w = v - r): the part of a cell row below height w.
double h(double w) {
    return 1 - std::clamp(w, 0.0, 1.0);
}

// Integral over u in [u0, u1] (u1 > u0) of h(v(u) - r) where v is linear from v0 to v1: the
// length times the mean of h over [w0, w1]. h is linear between its kinks at 0 and 1, so the mean
// is the pieces' midpoint values weighted by their shares of the range. Not the difference of
// antiderivatives divided by (w1 - w0): for a nearly horizontal edge (w1 - w0 near 1e-11) that
// quotient loses most digits (found by fuzz/target_coverage.cpp: 1.4e-9 relative error).
double row_integral(double u0, double u1, double v0, double v1, double r) {
    const double len = u1 - u0;
    const double a = std::min(v0, v1) - r;
    const double b = std::max(v0, v1) - r;
    if (!(a < b)) return len * h(a);
    double mean = 0;
    double lo = a;
    for (const double kink : {0.0, 1.0}) {
        if (!(lo < kink && kink < b)) continue;
        mean += (kink - lo) / (b - a) * h((lo + kink) / 2);
        lo = kink;
    }
    mean += (b - lo) / (b - a) * h((lo + b) / 2);
    return len * mean;
}

// Coordinates are relative to an anchor fixed by the shape (the corner of the cells its box
// touches), never to the window: every term of a cell's sum is then computed from the same
// numbers in the same order whatever window is asked for, and the "full width" terms from the
// rows above, which a window folds into its first row, are summed exactly per column. A cell's
// fraction is thus the same bits in any window that holds it (tests/core/test_coverage.cpp).
class Accumulation {
  public:
    // w: the window in anchor-relative cell coordinates.
    explicit Accumulation(const Window& w)
        : w_(w), partial_(static_cast<size_t>(w.size()), 0.0), full_(static_cast<size_t>(w.cols)) {}

    // One directed edge in anchor-relative grid coordinates, weighted by sign (+1 or -1).
    void add_edge(double ua, double va, double ub, double vb, double sign) {
        const double du = ub - ua;
        if (du == 0) return;  // vertical edges carry no u-integral
        const double direction = du > 0 ? sign : -sign;
        const double ulo = std::max(std::min(ua, ub), static_cast<double>(w_.col0));
        const double uhi = std::min(std::max(ua, ub), static_cast<double>(w_.col_end()));
        if (!(ulo < uhi)) return;
        if (std::min(va, vb) >= static_cast<double>(w_.row_end())) return;  // below every row
        const double slope = (vb - va) / du;
        const auto c_first = static_cast<int64_t>(std::floor(ulo));
        const auto c_last = std::min(static_cast<int64_t>(std::ceil(uhi)) - 1, w_.col_end() - 1);
        for (int64_t c = c_first; c <= c_last; ++c) {
            const double p0 = std::max(ulo, static_cast<double>(c));
            const double p1 = std::min(uhi, static_cast<double>(c + 1));
            if (!(p0 < p1)) continue;
            const double v0 = va + (p0 - ua) * slope;
            const double v1 = va + (p1 - ua) * slope;
            add_piece(c, p0, p1, v0, v1, direction);
        }
    }

    CoverageMatrix finish(const Window& grid_window) {
        CoverageMatrix m;
        m.window = grid_window;
        m.fraction.resize(partial_.size());
        for (auto& column : full_)
            std::sort(column.begin(), column.end(),
                      [](const FullWidth& a, const FullWidth& b) { return a.row < b.row; });
        const auto cols = static_cast<size_t>(w_.cols);
        std::vector<ExactSum> running(cols);
        std::vector<double> running_value(cols, 0.0);
        std::vector<size_t> next(cols, 0);
        for (int64_t r = w_.row0; r < w_.row_end(); ++r) {
            for (size_t c = 0; c < cols; ++c) {
                const std::vector<FullWidth>& column = full_[c];
                if (next[c] < column.size() && column[next[c]].row <= r) {
                    for (; next[c] < column.size() && column[next[c]].row <= r; ++next[c])
                        running[c].add(column[next[c]].width);
                    running_value[c] = running[c].value();
                }
                const size_t i = index(static_cast<int64_t>(c) + w_.col0, r);
                double f = partial_[i] + running_value[c];
                // Rounding of the summed contributions: snap to the valid range.
                if (f < 1e-12) f = 0;
                if (f > 1 - 1e-12) f = 1;
                m.fraction[i] = f;
            }
        }
        return m;
    }

  private:
    struct FullWidth {
        int64_t row;  // the first row the edge's piece lies wholly above
        double width;
    };

    size_t index(int64_t c, int64_t r) const {
        return static_cast<size_t>((r - w_.row0) * w_.cols + (c - w_.col0));
    }

    // The piece of an edge inside column c: exact integrals for the rows it spans, and the full
    // width (p1 - p0) for every row below it, recorded once for the column.
    void add_piece(int64_t c, double p0, double p1, double v0, double v1, double direction) {
        const double vlo = std::min(v0, v1);
        const double vhi = std::max(v0, v1);
        const auto first_full = static_cast<int64_t>(std::ceil(vhi));
        const auto r_begin = std::max<int64_t>(static_cast<int64_t>(std::floor(vlo)), w_.row0);
        const auto r_end = std::min<int64_t>(first_full, w_.row_end());
        for (int64_t r = r_begin; r < r_end; ++r)
            partial_[index(c, r)] +=
                direction * row_integral(p0, p1, v0, v1, static_cast<double>(r));
        if (first_full < w_.row_end())
            full_[static_cast<size_t>(c - w_.col0)].push_back({first_full, direction * (p1 - p0)});
    }

    Window w_;
    std::vector<double> partial_;
    std::vector<std::vector<FullWidth>> full_;  // per column of the window
};

void add_ring(Accumulation& acc, const Ring& ring, const Grid& grid, int64_t anchor_col,
              int64_t anchor_row, bool is_hole) {
    const size_t n = ring.size();
    if (n < 3) return;
    // Anchor-relative grid coordinates keep the numbers small (UTM northings are ~1e7 m).
    std::vector<Point> uv(n);
    for (size_t i = 0; i < n; ++i)
        uv[i] = Point{grid.u(ring[i].x) - static_cast<double>(anchor_col),
                      grid.v(ring[i].y) - static_cast<double>(anchor_row)};
    const double orientation = signed_area(uv);
    if (orientation == 0) return;
    // Green's theorem gives +area for rings positively oriented in (u, v); exterior rings must
    // add their area and holes subtract theirs, whatever orientation the input used.
    const double sign = (orientation > 0 ? 1.0 : -1.0) * (is_hole ? -1.0 : 1.0);
    for (size_t i = 0; i < n; ++i) {
        const Point& a = uv[i];
        const Point& b = uv[(i + 1) % n];
        acc.add_edge(a.x, a.y, b.x, b.y, sign);
    }
}

}  // namespace

CoverageMatrix coverage_fractions(const MultiPolygon& shape, const Grid& grid,
                                  const Window& window) {
    if (window.empty()) return CoverageMatrix{window, {}};
    const Window box = grid.cells_touching(bounds(shape));
    const int64_t anchor_col = box.empty() ? 0 : box.col0;
    const int64_t anchor_row = box.empty() ? 0 : box.row0;
    Accumulation acc(
        Window{window.col0 - anchor_col, window.row0 - anchor_row, window.cols, window.rows});
    for (const auto& part : shape.parts) {
        add_ring(acc, part.exterior, grid, anchor_col, anchor_row, false);
        for (const auto& hole : part.holes) add_ring(acc, hole, grid, anchor_col, anchor_row, true);
    }
    return acc.finish(window);
}

}  // namespace gg
