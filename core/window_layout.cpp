#include "core/window_layout.hpp"

#include <algorithm>

namespace gg {

Window WindowLayout::window(int64_t i) const {
    const int64_t r = i / window_cols() * rows, c = i % window_cols() * cols;
    return {c, r, std::min(cols, grid_cols - c), std::min(rows, grid_rows - r)};
}

std::vector<Window> WindowLayout::windows() const {
    std::vector<Window> out;
    out.reserve(static_cast<size_t>(count()));
    for (int64_t i = 0; i < count(); ++i) out.push_back(window(i));
    return out;
}

std::vector<int64_t> WindowLayout::windows_touching(const Window& cells) const {
    std::vector<int64_t> out;
    if (cells.empty()) return out;
    const int64_t r0 = cells.row0 / rows, r1 = (cells.row_end() - 1) / rows;
    const int64_t c0 = cells.col0 / cols, c1 = (cells.col_end() - 1) / cols;
    for (int64_t r = r0; r <= r1; ++r)
        for (int64_t c = c0; c <= c1; ++c) out.push_back(r * window_cols() + c);
    return out;
}

WindowLayout plan_windows(int64_t grid_cols, int64_t grid_rows, int64_t block_cols,
                          int64_t block_rows, int64_t budget_cells) {
    WindowLayout l;
    l.grid_cols = std::max<int64_t>(grid_cols, 0);
    l.grid_rows = std::max<int64_t>(grid_rows, 0);
    if (l.grid_cols == 0 || l.grid_rows == 0) return l;
    budget_cells = std::max<int64_t>(budget_cells, 1);
    const int64_t bh = std::clamp<int64_t>(block_rows, 1, l.grid_rows);
    const int64_t bw = std::clamp<int64_t>(block_cols, 1, l.grid_cols);
    l.cols = l.grid_cols;
    l.run_cols = bw;
    l.run_rows = bh * bw <= kOneBlockAnyway ? bh : 1;
    if (bh * l.grid_cols <= budget_cells) {
        l.rows = std::max(bh, budget_cells / l.grid_cols / bh * bh);  // whole rows of blocks
    } else if (bh * bw <= std::max(budget_cells, kOneBlockAnyway)) {
        l.rows = bh;  // one row of blocks, cut across into chunks of equal width of whole blocks
        const int64_t fit = std::max<int64_t>(1, budget_cells / bh / bw) * bw;
        const int64_t chunks = (l.grid_cols + fit - 1) / fit;
        l.cols = ((l.grid_cols + chunks - 1) / chunks + bw - 1) / bw * bw;
    } else {
        l.rows = std::max<int64_t>(1, budget_cells / l.grid_cols);  // huge blocks
    }
    l.rows = std::min(l.rows, l.grid_rows);
    l.cols = std::min(l.cols, l.grid_cols);
    return l;
}

int64_t slice_rows(const WindowLayout& l, int64_t budget_cells) {
    const int64_t fit = std::max<int64_t>(1, budget_cells / std::max<int64_t>(l.cols, 1));
    if (fit >= l.rows) return l.rows;
    const int64_t slices = (l.rows + fit - 1) / fit;
    return (l.rows + slices - 1) / slices;  // equal slices
}

bool windows_hold_whole_blocks(const WindowLayout& fine, int64_t factor, int64_t block_cols,
                               int64_t block_rows) {
    const int64_t k = std::max<int64_t>(factor, 1);
    const auto aligned = [k](int64_t step, int64_t whole, int64_t block) {
        return step >= whole || (step % k == 0 && (step / k) % std::max<int64_t>(block, 1) == 0);
    };
    return aligned(fine.cols, fine.grid_cols, block_cols) &&
           aligned(fine.rows, fine.grid_rows, block_rows);
}

int64_t block_cache_need(const WindowLayout& fine, int64_t factor, int64_t band_cols,
                         int64_t block_cols, int64_t block_rows, int64_t pixel_bytes) {
    const int64_t k = std::max<int64_t>(factor, 1);
    const int64_t bw = std::max<int64_t>(block_cols, 1), bh = std::max<int64_t>(block_rows, 1);
    const int64_t wc = (fine.cols + k - 1) / k, wr = (fine.rows + k - 1) / k;
    if (windows_hold_whole_blocks(fine, k, bw, bh))
        return (wc + bw - 1) / bw * bw * ((wr + bh - 1) / bh * bh) * pixel_bytes;
    // Rows of blocks held: those a window row covers, or one that whole window rows subdivide;
    // otherwise a window row can start inside a block row and end inside the next one.
    const int64_t block_rows_held = fine.rows % k == 0 && (wr % bh == 0 || bh % wr == 0)
                                        ? std::max<int64_t>(wr / bh, 1)
                                        : (wr + bh - 1) / bh + 1;
    return band_cols * block_rows_held * bh * pixel_bytes;
}

}  // namespace gg
