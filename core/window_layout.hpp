#pragma once
// How a raster grid is cut into windows for streaming: windows of whole blocks, so that no block
// is decoded by two windows (nor by two threads), each within a budget of cells.
#include <cstdint>
#include <vector>

#include "core/grid.hpp"

namespace gg {

// Uniform windows of `rows` x `cols` cells tiling a grid row-major; the last row and column of
// windows are cut at the grid's edge.
struct WindowLayout {
    int64_t grid_cols = 0;
    int64_t grid_rows = 0;
    int64_t rows = 1;
    int64_t cols = 1;
    // The rectangles the zonal sums run over (core/zonal_window.hpp): fixed by the grid's blocks,
    // not by the budget, and every window is made of whole ones.
    int64_t run_rows = 1;
    int64_t run_cols = 1;

    int64_t window_cols() const { return (grid_cols + cols - 1) / cols; }
    int64_t window_rows() const { return (grid_rows + rows - 1) / rows; }
    int64_t count() const {
        return grid_cols > 0 && grid_rows > 0 ? window_cols() * window_rows() : 0;
    }
    // Window number i (row-major).
    Window window(int64_t i) const;
    std::vector<Window> windows() const;
    // Numbers of the windows that `cells` (inside the grid) touches, in increasing order.
    std::vector<int64_t> windows_touching(const Window& cells) const;
};

// A single block up to this many cells is one window even over the budget: a thinner window
// would decode each block of a row once per window unless the block cache held the whole row.
constexpr int64_t kOneBlockAnyway = int64_t{4} << 20;

// Windows of about budget_cells cells or fewer over a grid stored in blocks of block_rows x
// block_cols: several whole rows of blocks when a row of blocks fits the budget; else one row of
// blocks cut across into chunks of equal width of whole blocks; a block larger than the budget
// (up to kOneBlockAnyway) is a window on its own; larger blocks still: full-width strips within
// the budget (the block cache then keeps each block decoded once). Runs are a block, or one row
// of a block larger than kOneBlockAnyway, whatever the budget.
WindowLayout plan_windows(int64_t grid_cols, int64_t grid_rows, int64_t block_cols,
                          int64_t block_rows, int64_t budget_cells);

// Rows per slice of a window of `l`: a window of whole blocks is read in slices of rows when its
// buffers would pass budget_cells (a composite of many scenes holds every role and mask of every
// scene per cell); l.rows when it fits. The slices of a window are meant for one thread, one after
// the other, so the window's blocks, kept in the block cache meanwhile, are decoded once.
int64_t slice_rows(const WindowLayout& l, int64_t budget_cells);

// True when every window of `fine` is made of whole blocks of a band whose cells are `factor` x
// `factor` fine cells and whose blocks are block_cols x block_rows (a window at the grid's edge
// ends with it): no block of the band is then read by two windows.
bool windows_hold_whole_blocks(const WindowLayout& fine, int64_t factor, int64_t block_cols,
                               int64_t block_rows);

// GDAL block cache (bytes) one reader needs for one band while reading the windows of `fine` in
// order, the band's cells being `factor` x `factor` cells of the fine grid, its blocks
// block_cols x block_rows of pixel_bytes each, its width band_cols. When every window is made of
// whole blocks of the band, only those blocks (each is decoded once and never needed again);
// otherwise a block serves several windows and the rows of blocks a window row covers are kept
// (one row when window rows subdivide block rows, as a 20 m band under 10 m windows; one more
// when a window row can start inside a row of blocks and end in the next).
int64_t block_cache_need(const WindowLayout& fine, int64_t factor, int64_t band_cols,
                         int64_t block_cols, int64_t block_rows, int64_t pixel_bytes);

}  // namespace gg
