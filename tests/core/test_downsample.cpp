// Overview sizes and the nodata-aware 2 x 2 average, with values worked out by hand.
#include "core/downsample.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace gg {
namespace {

constexpr float N = -9999;  // nodata

std::vector<LevelSize> sizes(std::initializer_list<std::pair<int64_t, int64_t>> l) {
    std::vector<LevelSize> v;
    for (const auto& [c, r] : l) v.push_back({c, r});
    return v;
}

void expect_levels(const std::vector<LevelSize>& got, const std::vector<LevelSize>& want) {
    ASSERT_EQ(got.size(), want.size());
    for (size_t i = 0; i < got.size(); ++i) {
        EXPECT_EQ(got[i].cols, want[i].cols) << "level " << i;
        EXPECT_EQ(got[i].rows, want[i].rows) << "level " << i;
    }
}

TEST(Downsample, HalfSizeRoundsUp) {
    EXPECT_EQ(half_size({10980, 10980}).cols, 5490);
    EXPECT_EQ(half_size({2745, 7}).cols, 1373);
    EXPECT_EQ(half_size({2745, 7}).rows, 4);
    EXPECT_EQ(half_size({1, 1}).cols, 1);
}

TEST(Downsample, LevelsStopWhenBothSizesFitOneBlock) {
    expect_levels(
        pyramid_levels({10980, 10980}, 512),
        sizes({{10980, 10980}, {5490, 5490}, {2745, 2745}, {1373, 1373}, {687, 687}, {344, 344}}));
    expect_levels(pyramid_levels({512, 512}, 512), sizes({{512, 512}}));
    expect_levels(pyramid_levels({5, 3}, 512), sizes({{5, 3}}));
    expect_levels(pyramid_levels({1000, 300}, 512), sizes({{1000, 300}, {500, 150}}));
    expect_levels(pyramid_levels({513, 10}, 512), sizes({{513, 10}, {257, 5}}));
    expect_levels(pyramid_levels({20, 1537}, 512), sizes({{20, 1537}, {10, 769}, {5, 385}}));
}

TEST(Downsample, AveragesPairsOfRowsTwoByTwo) {
    const std::vector<float> top{1, 2, 3, 4, 5};
    const std::vector<float> bottom{5, 6, 7, 8, 9};
    std::vector<float> out(3);
    average_2x2_row(top.data(), bottom.data(), 5, N, out.data());
    EXPECT_EQ(out[0], 3.5f);  // (1 + 2 + 5 + 6) / 4
    EXPECT_EQ(out[1], 5.5f);  // (3 + 4 + 7 + 8) / 4
    EXPECT_EQ(out[2], 7.0f);  // odd width: (5 + 9) / 2
}

TEST(Downsample, LastRowOfAnOddHeightAveragesWhatExists) {
    const std::vector<float> top{1, 4, 10};
    std::vector<float> out(2);
    average_2x2_row(top.data(), nullptr, 3, N, out.data());
    EXPECT_EQ(out[0], 2.5f);
    EXPECT_EQ(out[1], 10.0f);
}

TEST(Downsample, NodataAndNanAreLeftOut) {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const std::vector<float> top{N, 2, N, N, nan, 1};
    const std::vector<float> bottom{N, 4, N, N, N, nan};
    std::vector<float> out(3);
    average_2x2_row(top.data(), bottom.data(), 6, N, out.data());
    EXPECT_EQ(out[0], 3.0f);  // (2 + 4) / 2
    EXPECT_EQ(out[1], N);     // all four nodata
    EXPECT_EQ(out[2], 1.0f);  // NaN has no value to average
}

TEST(Downsample, NanNodataIsRecognised) {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const std::vector<float> top{nan, nan, 8, nan};
    std::vector<float> out(2);
    average_2x2_row(top.data(), nullptr, 4, nan, out.data());
    EXPECT_TRUE(std::isnan(out[0]));
    EXPECT_EQ(out[1], 8.0f);
}

TEST(Downsample, ClassOverviewsTakeTheFirstValidCodeNeverAnAverage) {
    // Class codes 1 and 3 side by side average to 2, a class neither pixel has: the class rule
    // takes the first valid of top-left, top-right, bottom-left, bottom-right instead.
    //   top    1  3 | N  2 | 7      bottom  3  3 | N  5 | N
    // pairs: (1, 3 / 3, 3) -> 1; (N, 2 / N, 5) -> 2 (top-left is nodata); odd column (7 / N) -> 7.
    const float top[] = {1, 3, N, 2, 7};
    const float bottom[] = {3, 3, N, 5, N};
    float out[3] = {0, 0, 0};
    first_valid_2x2_row(top, bottom, 5, N, out);
    EXPECT_EQ(out[0], 1);
    EXPECT_EQ(out[1], 2);
    EXPECT_EQ(out[2], 7);
    average_2x2_row(top, bottom, 5, N, out);
    EXPECT_EQ(out[0], 2.5f);  // what an average would give: not a class
    // All four nodata -> nodata; no bottom row (the last row of an odd height).
    const float empty[] = {N, N};
    first_valid_2x2_row(empty, empty, 2, N, out);
    EXPECT_EQ(out[0], N);
    first_valid_2x2_row(bottom + 2, nullptr, 2, N, out);  // N, 5
    EXPECT_EQ(out[0], 5);
}

}  // namespace
}  // namespace gg
