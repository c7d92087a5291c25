#pragma once
// The raster grid of a north-up image: GDAL's geotransform without rotation. Rows grow
// downwards (y decreases), columns grow eastwards.
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "core/geometry.hpp"

namespace gg {

// A rectangle of cells: [col0, col0 + cols) x [row0, row0 + rows).
struct Window {
    int64_t col0 = 0;
    int64_t row0 = 0;
    int64_t cols = 0;
    int64_t rows = 0;

    bool empty() const { return cols <= 0 || rows <= 0; }
    int64_t size() const { return empty() ? 0 : cols * rows; }
    int64_t col_end() const { return col0 + cols; }
    int64_t row_end() const { return row0 + rows; }
    bool operator==(const Window&) const = default;
};

inline Window intersect(const Window& a, const Window& b) {
    Window w;
    w.col0 = std::max(a.col0, b.col0);
    w.row0 = std::max(a.row0, b.row0);
    w.cols = std::min(a.col_end(), b.col_end()) - w.col0;
    w.rows = std::min(a.row_end(), b.row_end()) - w.row0;
    if (w.cols <= 0 || w.rows <= 0) w.cols = w.rows = 0;
    return w;
}

struct Grid {
    double x0 = 0;  // x of the left edge of column 0
    double y0 = 0;  // y of the top edge of row 0
    double dx = 1;  // cell width (> 0)
    double dy = 1;  // cell height (> 0; rows go down)
    int64_t cols = 0;
    int64_t rows = 0;

    Window full() const { return Window{0, 0, cols, rows}; }
    // Fractional grid coordinates of a point: u along columns, v along rows.
    double u(double x) const { return (x - x0) / dx; }
    double v(double y) const { return (y0 - y) / dy; }
    double cell_left(int64_t col) const { return x0 + static_cast<double>(col) * dx; }
    double cell_top(int64_t row) const { return y0 - static_cast<double>(row) * dy; }

    // Cells touched by a box, not clipped to the grid (may be negative or past the end; a box
    // beyond +-2^52 cells is cut there, so the conversion to integers stays defined).
    Window cells_touching(const Box& b) const {
        if (b.empty()) return Window{};
        const auto cell = [](double x) {
            constexpr double kLimit = 4503599627370496.0;  // 2^52
            return static_cast<int64_t>(std::isnan(x) ? 0.0 : std::clamp(x, -kLimit, kLimit));
        };
        const auto c0 = cell(std::floor(u(b.xmin)));
        const auto c1 = cell(std::ceil(u(b.xmax)));
        const auto r0 = cell(std::floor(v(b.ymax)));
        const auto r1 = cell(std::ceil(v(b.ymin)));
        return Window{c0, r0, std::max<int64_t>(c1 - c0, 1), std::max<int64_t>(r1 - r0, 1)};
    }
};

}  // namespace gg
