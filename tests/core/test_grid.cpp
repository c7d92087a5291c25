// Grid::cells_touching: the cells of a box, defined for any box (a zone with a vertex at 1e308
// cast 3e306 to an integer before: undefined behaviour).
#include <gtest/gtest.h>

#include "core/grid.hpp"

namespace gg {
namespace {

TEST(Grid, CellsTouchingABoxAreCountedByHand) {
    const Grid g{100, 200, 10, 10, 5, 4};  // x 100..150, y 160..200
    // x 112..127 -> u 1.2..2.7 -> columns 1, 2; y 185..192 -> v 0.8..1.5 -> rows 0, 1.
    EXPECT_EQ(g.cells_touching(Box{112, 185, 127, 192}), (Window{1, 0, 2, 2}));
    // A box left of and above the grid: negative cells, not clipped.
    EXPECT_EQ(g.cells_touching(Box{80, 205, 95, 210}), (Window{-2, -1, 2, 1}));
}

TEST(Grid, AHugeBoxIsCutAtTwoToTheFiftySecondCellsAndClipsToTheGrid) {
    const Grid g{0, 0, 1, 1, 5, 4};
    const Window w = g.cells_touching(Box{-1e308, -1e308, 1e308, 1e308});
    constexpr int64_t kLimit = int64_t{1} << 52;
    EXPECT_EQ(w.col0, -kLimit);
    EXPECT_EQ(w.cols, 2 * kLimit);
    EXPECT_EQ(intersect(w, g.full()), g.full());
}

}  // namespace
}  // namespace gg
