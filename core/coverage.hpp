#pragma once
// Exact coverage fractions: the share of each grid cell's area that lies inside a polygon
// (holes removed). Boundary cells get their true fraction, interior cells 1, outside cells 0;
// no pixel-centre rule anywhere.
#include <vector>

#include "core/geometry.hpp"
#include "core/grid.hpp"

namespace gg {

struct CoverageMatrix {
    Window window;                 // the cells described, in grid coordinates
    std::vector<double> fraction;  // row-major, window.rows x window.cols, each in [0, 1]

    double at(int64_t col, int64_t row) const {
        return fraction[static_cast<size_t>((row - window.row0) * window.cols +
                                            (col - window.col0))];
    }
};

// Coverage of the cells of `window` (any window; cells outside the grid are allowed) by `shape`,
// given in the grid's CRS. Cost: the polygon's edges plus the window's cells, so a large zone can
// be processed window by window in bounded memory.
CoverageMatrix coverage_fractions(const MultiPolygon& shape, const Grid& grid,
                                  const Window& window);

}  // namespace gg
