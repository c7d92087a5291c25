// Getis-Ord Gi* and Benjamini-Hochberg (core/getis_ord.hpp). The expected z come from a
// brute-force helper below that loops over every pair of pixels with the textbook formula on raw
// (uncentred) sums, independent of the summed-area tables under test; one case is worked by hand.
#include "core/getis_ord.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/error.hpp"

namespace gg {
namespace {

struct Grid2 {
    int64_t cols, rows;
    ChannelBuffer x;
};

Grid2 make(int64_t cols, int64_t rows, const std::vector<double>& v,
           const std::vector<int>& masked = {}) {
    Grid2 g{cols, rows, {v, std::vector<unsigned char>(v.size(), 1)}};
    for (int p : masked) g.x.valid[static_cast<size_t>(p)] = 0;
    return g;
}

// n, mean and population S over the valid cells, two passes.
GiGlobal global_of(const Grid2& g) {
    double n = 0, sum = 0;
    for (size_t p = 0; p < g.x.values.size(); ++p)
        if (g.x.valid[p]) n += 1, sum += g.x.values[p];
    const double mean = sum / n;
    double ss = 0, lo = INFINITY, hi = -INFINITY;
    for (size_t p = 0; p < g.x.values.size(); ++p)
        if (g.x.valid[p]) {
            ss += (g.x.values[p] - mean) * (g.x.values[p] - mean);
            lo = std::min(lo, g.x.values[p]);
            hi = std::max(hi, g.x.values[p]);
        }
    return {n, mean, std::sqrt(ss / n), lo, hi};
}

// Gi* of every cell by a double loop over all cells: w_ij = 1 when j is valid and within r
// columns and rows of i (the grid's edge clips by itself: there are no cells beyond it).
std::vector<std::optional<double>> brute_force(const Grid2& g, int64_t r) {
    const GiGlobal s = global_of(g);
    std::vector<std::optional<double>> z(g.x.values.size());
    for (int64_t i = 0; i < g.cols * g.rows; ++i) {
        if (!g.x.valid[static_cast<size_t>(i)]) continue;
        double sum = 0, w = 0;
        for (int64_t j = 0; j < g.cols * g.rows; ++j) {
            if (!g.x.valid[static_cast<size_t>(j)]) continue;
            if (std::abs(i % g.cols - j % g.cols) > r || std::abs(i / g.cols - j / g.cols) > r)
                continue;
            sum += g.x.values[static_cast<size_t>(j)];
            w += 1;
        }
        const double den = s.n * w - w * w;  // sum w^2 = W for binary weights
        if (den <= 0) continue;
        z[static_cast<size_t>(i)] = (sum - s.mean * w) / (s.sd * std::sqrt(den / (s.n - 1)));
    }
    return z;
}

ChannelBuffer summed_area(const Grid2& g, int64_t r, Window inner = {}) {
    if (inner.empty()) inner = {0, 0, g.cols, g.rows};
    ChannelBuffer z;
    gi_star(g.x, g.cols, g.rows, inner, {r, r}, global_of(g), z);
    return z;
}

void expect_equal(const Grid2& g, int64_t r) {
    const auto want = brute_force(g, r);
    const ChannelBuffer got = summed_area(g, r);
    for (size_t p = 0; p < want.size(); ++p) {
        ASSERT_EQ(got.valid[p] != 0, want[p].has_value()) << "r " << r << " cell " << p;
        if (want[p]) {
            EXPECT_NEAR(got.values[p], *want[p], 1e-12) << "r " << r << " cell " << p;
        }
    }
}

// A 5 x 5 grid of value 25 at the centre, 0 elsewhere, band r = 1. n = 25, mean = 1,
// sum (x - mean)^2 = 24 x 1 + 24^2 = 600, S = sqrt(600 / 25) = sqrt(24).
//   centre (2, 2): W = 9, sum = 25; z = (25 - 9) / (sqrt(24) sqrt((25 x 9 - 81) / 24))
//                  = 16 / (sqrt(24) sqrt(6)) = 16 / 12 = 4 / 3.
//   corner (0, 0), clipped by the edge: W = 4, sum = 0; z = -4 / (sqrt(24) sqrt((100 - 16) / 24))
//                  = -4 / sqrt(84).
TEST(GetisOrd, HandWorkedCentreAndCorner) {
    std::vector<double> v(25, 0.0);
    v[12] = 25;
    const ChannelBuffer z = summed_area(make(5, 5, v), 1);
    EXPECT_NEAR(z.values[12], 4.0 / 3.0, 1e-12);
    EXPECT_NEAR(z.values[0], -4.0 / std::sqrt(84.0), 1e-12);
    EXPECT_TRUE(z.valid[0] && z.valid[12]);
}

std::vector<double> pattern(int64_t cols, int64_t rows) {
    std::vector<double> v;
    for (int64_t r = 0; r < rows; ++r)
        for (int64_t c = 0; c < cols; ++c)
            v.push_back(300.0 + 3.0 * std::sin(0.9 * static_cast<double>(c)) +
                        static_cast<double>((c * 7 + r * 3) % 5) - 0.5 * static_cast<double>(r));
    return v;
}

TEST(GetisOrd, FiveByFiveWithMaskedCellsEqualsBruteForce) {
    // Masked: a corner, an edge cell and an inner cell.
    const Grid2 g = make(5, 5, pattern(5, 5), {0, 7, 13});
    for (int64_t r : {1, 2, 5}) expect_equal(g, r);
    // r = 5 reaches every cell of a 5 x 5 grid from anywhere: W = n, n W - W^2 = 0, no z.
    const ChannelBuffer z5 = summed_area(g, 5);
    for (unsigned char ok : z5.valid) EXPECT_EQ(ok, 0);
    // Masked centres have no z.
    const ChannelBuffer z1 = summed_area(g, 1);
    EXPECT_EQ(z1.valid[0] + z1.valid[7] + z1.valid[13], 0);
}

TEST(GetisOrd, SevenBySevenWithMaskedCellsEqualsBruteForce) {
    const Grid2 g = make(7, 7, pattern(7, 7), {3, 6, 20, 24, 25, 48});
    for (int64_t r : {1, 2, 5}) expect_equal(g, r);
    // r = 5 on 7 x 7: the centre sees every cell (no z); a corner does not (a z).
    const ChannelBuffer z5 = summed_area(g, 5);
    EXPECT_EQ(z5.valid[24], 0);  // masked anyway; the next one is the centre's neighbour
    EXPECT_EQ(z5.valid[23], 0);  // column 2, row 3: columns 0-6 and rows 0-6 all within 5
    EXPECT_EQ(z5.valid[0], 1);
}

// Streaming: z of a window computed from the window plus a halo of r cells (clipped at the
// raster's edge) equals z computed on the whole grid.
TEST(GetisOrd, AWindowWithAHaloEqualsTheWholeGrid) {
    const Grid2 g = make(7, 7, pattern(7, 7), {10, 30});
    const int64_t r = 2;
    const auto whole = brute_force(g, r);
    const GiGlobal s = global_of(g);
    // Window: columns 3-5, rows 1-3; halo: columns 1-6 (cut at 6), rows 0-5 (cut at 0).
    const Window w{3, 1, 3, 3}, halo{1, 0, 6, 6};
    ChannelBuffer part;
    for (int64_t row = halo.row0; row < halo.row_end(); ++row)
        for (int64_t c = halo.col0; c < halo.col_end(); ++c) {
            part.values.push_back(g.x.values[static_cast<size_t>(row * 7 + c)]);
            part.valid.push_back(g.x.valid[static_cast<size_t>(row * 7 + c)]);
        }
    ChannelBuffer z;
    gi_star(part, halo.cols, halo.rows, {w.col0 - halo.col0, w.row0 - halo.row0, w.cols, w.rows},
            {r, r}, s, z);
    for (int64_t row = 0; row < w.rows; ++row)
        for (int64_t c = 0; c < w.cols; ++c) {
            const auto& want = whole[static_cast<size_t>((w.row0 + row) * 7 + w.col0 + c)];
            const auto o = static_cast<size_t>(row * w.cols + c);
            ASSERT_EQ(z.valid[o] != 0, want.has_value());
            if (want) {
                EXPECT_NEAR(z.values[o], *want, 1e-12);
            }
        }
}

TEST(GetisOrd, NanAndConstantRastersAreErrors) {
    Grid2 g = make(3, 3, pattern(3, 3));
    g.x.values[4] = std::nan("");
    ChannelBuffer z;
    EXPECT_THROW(gi_star(g.x, 3, 3, {0, 0, 3, 3}, {1, 1}, {9, 300, 1, 250, 350}, z), Error);
    GiGlobalAccumulator a;
    EXPECT_THROW(a.add(INFINITY), Error);
    for (int i = 0; i < 5; ++i) a.add(290.0);
    EXPECT_THROW(a.result("LST"), Error);
    GiGlobalAccumulator one;
    one.add(1);
    EXPECT_THROW(one.result("LST"), Error);
}

TEST(GetisOrd, GlobalAccumulatorMergesLikeOnePass) {
    const std::vector<double> v = pattern(5, 5);
    GiGlobalAccumulator all, left, right;
    for (size_t i = 0; i < v.size(); ++i) {
        all.add(v[i]);
        (i < 9 ? left : right).add(v[i]);
    }
    left.merge(right);
    const GiGlobal want = global_of(make(5, 5, v));
    // Within the accumulator's fixed point: each value rounded by at most half of 2^-38 moves the
    // mean and S by at most 2^-39 = 1.8e-12 (S is 1-Lipschitz in the values' max norm).
    for (const GiGlobal& got : {all.result("x"), left.result("x")}) {
        EXPECT_EQ(got.n, 25);
        EXPECT_NEAR(got.mean, want.mean, 2e-12);
        EXPECT_NEAR(got.sd, want.sd, 2e-12);
        EXPECT_EQ(got.min, want.min);
        EXPECT_EQ(got.max, want.max);
    }
}

// The sums are exact, so any grouping of the pixels (windows, threads) gives the same bits: here
// 100,000 LST-like values around 300 K, added one by one forwards, backwards, and in 7
// interleaved parts merged in reverse. The three agree to the bit, and with the two-pass double
// formula of global_of to 1e-13.
TEST(GetisOrd, GlobalStatisticsHaveTheSameBitsForAnyGrouping) {
    std::vector<double> v;
    uint64_t state = 12345;
    for (int i = 0; i < 100000; ++i) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        v.push_back(300.0 + static_cast<double>(state >> 11) * 0x1p-53 * 20.0 - 10.0 +
                    (i % 97 == 0 ? 1e-9 : 0.0));
    }
    GiGlobalAccumulator forward, backward, merged;
    std::vector<GiGlobalAccumulator> parts(7);
    for (size_t i = 0; i < v.size(); ++i) {
        forward.add(v[i]);
        backward.add(v[v.size() - 1 - i]);
        parts[i % 7].add(v[i]);
    }
    for (size_t k = parts.size(); k-- > 0;) merged.merge(parts[k]);
    const GiGlobal a = forward.result("x"), b = backward.result("x"), c = merged.result("x");
    EXPECT_EQ(a.mean, b.mean);
    EXPECT_EQ(a.mean, c.mean);
    EXPECT_EQ(a.sd, b.sd);
    EXPECT_EQ(a.sd, c.sd);
    const GiGlobal two_pass = global_of(make(100000, 1, v));
    EXPECT_NEAR(a.mean, two_pass.mean, 1e-13 * two_pass.mean);
    EXPECT_NEAR(a.sd, two_pass.sd, 1e-13 * two_pass.sd);
}

// z of a pixel has the same bits whatever window and halo surround it: every window of 4 x 4,
// 9 x 9 and 16 x 16 tilings of a 41 x 37 grid of random values from 150 to 450 (all 53 bits), each
// with its halo of the band (cut at the edge), against the whole grid at once, for bands of 1, 2
// and 5 pixels. (With the tables summed in double, 9,872 of these comparisons fail: the running
// sums round differently from each origin.)
TEST(GetisOrd, ZHasTheSameBitsWhateverTheWindow) {
    const int64_t cols = 41, rows = 37;
    std::vector<double> v(static_cast<size_t>(cols * rows));
    uint64_t state = 777;
    for (double& x : v) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        x = 150.0 + static_cast<double>(state >> 11) * 0x1p-53 * 300.0;
    }
    const Grid2 g = make(cols, rows, v, {5, 40, 41, 77, 600, 1000});
    const GiGlobal global = global_of(g);
    for (const int64_t r : {1, 2, 5}) {
        ChannelBuffer whole;
        gi_star(g.x, cols, rows, {0, 0, cols, rows}, {r, r}, global, whole);
        for (const int64_t tile : {4, 9, 16}) {
            for (int64_t row0 = 0; row0 < rows; row0 += tile)
                for (int64_t col0 = 0; col0 < cols; col0 += tile) {
                    const Window w{col0, row0, std::min(tile, cols - col0),
                                   std::min(tile, rows - row0)};
                    const int64_t hc0 = std::max<int64_t>(0, w.col0 - r),
                                  hr0 = std::max<int64_t>(0, w.row0 - r);
                    const Window halo{hc0, hr0, std::min(cols, w.col_end() + r) - hc0,
                                      std::min(rows, w.row_end() + r) - hr0};
                    ChannelBuffer part, z;
                    for (int64_t row = halo.row0; row < halo.row_end(); ++row)
                        for (int64_t c = halo.col0; c < halo.col_end(); ++c) {
                            part.values.push_back(g.x.values[static_cast<size_t>(row * cols + c)]);
                            part.valid.push_back(g.x.valid[static_cast<size_t>(row * cols + c)]);
                        }
                    gi_star(part, halo.cols, halo.rows,
                            {w.col0 - halo.col0, w.row0 - halo.row0, w.cols, w.rows}, {r, r},
                            global, z);
                    for (int64_t row = 0; row < w.rows; ++row)
                        for (int64_t c = 0; c < w.cols; ++c) {
                            const auto at = static_cast<size_t>((w.row0 + row) * cols + w.col0 + c);
                            const auto o = static_cast<size_t>(row * w.cols + c);
                            ASSERT_EQ(z.valid[o], whole.valid[at]);
                            EXPECT_EQ(z.values[o], whole.values[at])
                                << "r " << r << " tile " << tile << " cell " << at;
                        }
                }
        }
    }
}

// BH by hand on m = 10 tests. Two-sided p = erfc(|z| / sqrt 2) (Python's math.erfc):
//   z   3.0      2.5     2.2     2.0     1.8     1.0    0.5   0.3   0.2   0.1
//   p   0.00270  0.0124  0.0278  0.0455  0.0719  0.317 0.617 0.764 0.841 0.920
// q = 0.05, k q / m = 0.005 k: p(1) <= 0.005, p(2) = 0.0124 > 0.010, and no later p(k) <=
// 0.005 k: only z = 3.0 is rejected. The histogram's threshold is the smallest edge with p <=
// 0.005 (K = 1 down to 2.5): p(2.807) = 0.0050005 > 0.005, p(2.808) = 0.0049850: 2.808.
// q = 0.2, 0.02 k: p(5) = 0.0719 <= 0.10 and p(6) = 0.317 > 0.12 (and beyond): the five z >= 1.8;
// threshold the smallest edge with p <= 0.10 (K = 5 down to 1.0): p(1.645) = 0.09997: 1.645.
TEST(GetisOrd, BenjaminiHochbergByHand) {
    AbsZHistogram h;
    for (double z : {3.0, -2.5, 2.2, -2.0, 1.8, 1.0, -0.5, 0.3, 0.2, -0.1}) h.add(z);
    EXPECT_EQ(h.tests(), 10u);
    EXPECT_NEAR(*h.bh_threshold(0.05), 2.808, 1e-9);
    EXPECT_NEAR(*h.bh_threshold(0.2), 1.645, 1e-9);
    // Nothing passes at q = 0.001: p(1) = 0.0027 > 0.0001.
    EXPECT_FALSE(h.bh_threshold(0.001));
}

// Step-up: p(2) fails but p(3) passes, so BH rejects three. z 3.3, 2.51, 2.46 then seven |z| <=
// 1: p = 0.000967, 0.01207, 0.01389; q = 0.05: 0.01207 > 0.010 but 0.01389 <= 0.015, and p(4) =
// p(z = 1.0) = 0.317 > 0.02: k = 3. Threshold: the smallest edge with p <= 0.015 (K = 3 down to
// 1.0): p(2.432) = 0.015016, p(2.433) = 0.014974: 2.433, below 2.46 so all three are in.
TEST(GetisOrd, BenjaminiHochbergStepsUp) {
    AbsZHistogram h, other;
    for (double z : {3.3, 2.51, 2.46, 1.0, 0.9}) h.add(z);
    for (double z : {-0.8, 0.7, 0.6, -0.5, 0.4}) other.add(z);
    h.merge(other);
    EXPECT_NEAR(*h.bh_threshold(0.05), 2.433, 1e-9);
    EXPECT_THROW(h.add(std::nan("")), Error);
}

TEST(GetisOrd, TwoSidedP) {
    // The 0.975 quantile of the standard normal is 1.959964 (Abramowitz and Stegun 1964, ch. 26).
    EXPECT_NEAR(two_sided_p(1.959964), 0.05, 1e-7);
    EXPECT_NEAR(two_sided_p(-1.959964), 0.05, 1e-7);
}

}  // namespace
}  // namespace gg
