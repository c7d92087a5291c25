// Windows of whole blocks (core/window_layout): the cases worked out by hand.
#include "core/window_layout.hpp"

#include <gtest/gtest.h>

namespace {

using gg::block_cache_need;
using gg::plan_windows;
using gg::Window;

// Every cell in exactly one window.
void expect_tiling(const gg::WindowLayout& l) {
    std::vector<int> hits(static_cast<size_t>(l.grid_cols * l.grid_rows), 0);
    for (const Window& w : l.windows())
        for (int64_t r = w.row0; r < w.row_end(); ++r)
            for (int64_t c = w.col0; c < w.col_end(); ++c)
                ++hits[static_cast<size_t>(r * l.grid_cols + c)];
    for (int h : hits) ASSERT_EQ(h, 1);
}

TEST(WindowLayout, RowsOfBlocksWhenARowFits) {
    // 100 x 70 in 16-row blocks; a row of blocks is 1600 cells, the budget 3200: 32 rows.
    const auto l = plan_windows(100, 70, 16, 16, 3200);
    EXPECT_EQ(l.cols, 100);
    EXPECT_EQ(l.rows, 32);
    EXPECT_EQ(l.count(), 3);  // rows 0-31, 32-63, 64-69
    EXPECT_EQ(l.window(2).rows, 6);
    expect_tiling(l);
}

TEST(WindowLayout, WholeBlocksAcrossWhenARowIsTooWide) {
    // Sentinel-2 10 m: 10980 x 10980 in 512 x 512 blocks, 1 M cells: 3 blocks fit (786,432);
    // 22 blocks across -> 8 chunks -> ceil(10980 / 8) = 1373 -> 1536 columns (3 blocks).
    const auto l = plan_windows(10980, 10980, 512, 512, 1'000'000);
    EXPECT_EQ(l.rows, 512);
    EXPECT_EQ(l.cols, 1536);
    EXPECT_EQ(l.window_cols(), 8);   // 7 x 1536 = 10752, the 8th 228 wide
    EXPECT_EQ(l.window_rows(), 22);  // ceil(10980 / 512)
    EXPECT_EQ(l.window(7).cols, 228);
    expect_tiling(plan_windows(100, 70, 16, 16, 768));
}

TEST(WindowLayout, OneBlockEvenOverTheBudget) {
    const auto l = plan_windows(100, 70, 16, 16, 100);  // a block is 256 cells
    EXPECT_EQ(l.rows, 16);
    EXPECT_EQ(l.cols, 16);
    EXPECT_EQ(l.count(), 35);  // 7 across, 5 down
    // Blocks over 4 M cells (a striped file of 5000 x 1000 strips): full-width strips instead.
    const auto huge = plan_windows(5000, 3000, 5000, 1000, 1'000'000);
    EXPECT_EQ(huge.cols, 5000);
    EXPECT_EQ(huge.rows, 200);
}

TEST(WindowLayout, WindowsTouchingACellRange) {
    const auto l = plan_windows(100, 70, 16, 16, 768);  // 48 x 16 windows: 3 across, 5 down
    ASSERT_EQ(l.cols, 48);
    ASSERT_EQ(l.window_cols(), 3);
    // Cells 40..59 x 10..20 cross columns 0|1 (at 48) and rows 0|1 (at 16): windows 0, 1, 3, 4.
    EXPECT_EQ(l.windows_touching(Window{40, 10, 20, 11}), (std::vector<int64_t>{0, 1, 3, 4}));
    EXPECT_EQ(l.windows_touching(Window{99, 69, 1, 1}), (std::vector<int64_t>{14}));
    EXPECT_TRUE(l.windows_touching(Window{}).empty());
}

TEST(WindowLayout, BlockCacheNeed) {
    const auto l = plan_windows(10980, 10980, 512, 512, 1'000'000);  // 1536 x 512 windows
    // A 10 m UInt16 band: each window is 3 whole blocks, decoded once: 3 x 512 x 512 x 2 bytes.
    EXPECT_EQ(block_cache_need(l, 1, 10980, 512, 512, 2), 3 * 512 * 512 * 2);
    // The 20 m SCL (5490 wide, 512 x 512 Byte blocks): a window is 768 x 256 of its cells, so a
    // row of blocks serves 2 window rows, one after the other: that row is kept.
    EXPECT_EQ(block_cache_need(l, 2, 5490, 512, 512, 1), 5490 * 512);
    // 300-row strips over 2000-row blocks (6 M cells, too large for one window): a strip can
    // start in one row of blocks and end in the next, so two rows are kept.
    const auto uneven = plan_windows(3000, 5000, 3000, 2000, 3000 * 300);
    ASSERT_EQ(uneven.rows, 300);
    EXPECT_EQ(block_cache_need(uneven, 1, 3000, 3000, 2000, 2), 3000 * 2 * 2000 * 2);
    // Full-width strips of 200 rows over 1000-row blocks: five strips per row of blocks, one
    // after the other, so one row of blocks is kept.
    const auto strips = plan_windows(5000, 3000, 5000, 1000, 1'000'000);
    ASSERT_EQ(strips.rows, 200);
    EXPECT_EQ(block_cache_need(strips, 1, 5000, 5000, 1000, 4), 5000 * 1000 * 4);
}

TEST(WindowLayout, WindowsHoldingWholeBlocks) {
    // 1024 x 1024 windows over a 10980 grid: whole 512 blocks of a 10 m band, whole 512 blocks of
    // a 20 m band (1024 fine cells each); the last windows end with the grid.
    const auto unit = plan_windows(10980, 10980, 1024, 1024, 1'000'000);
    ASSERT_EQ(unit.cols, 1024);
    EXPECT_TRUE(windows_hold_whole_blocks(unit, 1, 512, 512));
    EXPECT_TRUE(windows_hold_whole_blocks(unit, 2, 512, 512));
    // 512 x 512 windows cut the 20 m blocks in four, and 60 m blocks of 512 (3072 fine cells).
    const auto fine = plan_windows(10980, 10980, 512, 512, 262'144);
    EXPECT_TRUE(windows_hold_whole_blocks(fine, 1, 512, 512));
    EXPECT_FALSE(windows_hold_whole_blocks(fine, 2, 512, 512));
    EXPECT_FALSE(windows_hold_whole_blocks(unit, 6, 512, 512));
    // Full-width windows hold whole strips across, whatever the strip's width.
    const auto strips = plan_windows(5000, 3000, 5000, 1000, 5'000'000);
    EXPECT_TRUE(windows_hold_whole_blocks(strips, 1, 5000, 1000));
}

TEST(WindowLayout, SlicesOfAWindowOverTheBudget) {
    const auto l = plan_windows(10980, 10980, 512, 512, 50'000);  // one 512 x 512 block each
    ASSERT_EQ(l.rows, 512);
    ASSERT_EQ(l.cols, 512);
    // 50,000 cells fit 97 rows of 512: ceil(512 / 97) = 6 slices of ceil(512 / 6) = 86 rows.
    EXPECT_EQ(gg::slice_rows(l, 50'000), 86);
    EXPECT_EQ(gg::slice_rows(l, 512 * 512), 512);  // fits: one slice
    EXPECT_EQ(gg::slice_rows(l, 1), 1);            // never less than a row
}

}  // namespace
