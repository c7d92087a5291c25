// PixelAreas: rows of equal areas, and a lattice interpolated bilinearly, against values worked
// out by hand (a bilinear function is reproduced exactly by bilinear interpolation).
#include "core/pixel_areas.hpp"

#include <gtest/gtest.h>

#include <random>
#include <stdexcept>
#include <vector>

namespace gg {
namespace {

TEST(PixelAreas, RowsGiveEveryPixelOfARowTheSameArea) {
    const PixelAreas a = PixelAreas::by_rows({10, 20, 30});
    EXPECT_TRUE(a.uniform_rows());
    EXPECT_EQ(a.row_area(1), 20);
    std::vector<double> out(4);
    a.fill_row(2, 5, 4, out.data());
    EXPECT_EQ(out, (std::vector<double>{30, 30, 30, 30}));
}

TEST(PixelAreas, LatticeReproducesABilinearFunctionExactly) {
    // f(c, r) = 100 + 2 c + 3 r + 0.01 c r on nodes at columns 0, 4, 9 (a shorter last interval)
    // and rows 0, 5, 7: bilinear interpolation is exact for it, at every pixel.
    auto f = [](double c, double r) { return 100 + 2 * c + 3 * r + 0.01 * c * r; };
    const std::vector<int64_t> cols = {0, 4, 9}, rows = {0, 5, 7};
    std::vector<double> values;
    for (int64_t r : rows)
        for (int64_t c : cols) values.push_back(f(static_cast<double>(c), static_cast<double>(r)));
    const PixelAreas a = PixelAreas::lattice(cols, rows, values);
    EXPECT_FALSE(a.uniform_rows());
    for (int64_t r = 0; r <= 7; ++r) {
        std::vector<double> out(10);
        a.fill_row(r, 0, 10, out.data());
        for (int64_t c = 0; c <= 9; ++c) {
            const double expected = f(static_cast<double>(c), static_cast<double>(r));
            EXPECT_NEAR(out[static_cast<size_t>(c)], expected, 1e-12) << c << ", " << r;
            EXPECT_NEAR(a.at(c, r), expected, 1e-12) << c << ", " << r;
        }
        // A run starting inside the second interval.
        std::vector<double> part(3);
        a.fill_row(r, 6, 3, part.data());
        EXPECT_NEAR(part[0], f(6, static_cast<double>(r)), 1e-12);
        EXPECT_NEAR(part[2], f(8, static_cast<double>(r)), 1e-12);
    }
}

TEST(PixelAreas, APixelsAreaIsTheSameBitsWhereverItsRunStarts) {
    // Random areas near 900 m2 at the nodes (an areal scale that curves), so the two intervals
    // meeting at a lattice column often round that column's area differently: a row read from
    // column 0 and one read from each column on must agree bit for bit.
    std::mt19937_64 gen(20261204);
    const std::vector<int64_t> cols = {0, 7, 13, 20}, rows = {0, 9};
    int64_t compared = 0;
    for (int trial = 0; trial < 200; ++trial) {
        std::vector<double> values;
        for (size_t i = 0; i < cols.size() * rows.size(); ++i)
            values.push_back(900 + static_cast<double>(gen() >> 11) * 0x1.0p-53);
        const PixelAreas a = PixelAreas::lattice(cols, rows, values);
        for (int64_t r = 0; r <= 9; ++r) {
            std::vector<double> whole(21);
            a.fill_row(r, 0, 21, whole.data());
            for (int64_t start : {7, 13, 20}) {  // runs that start on a lattice column
                std::vector<double> part(static_cast<size_t>(21 - start));
                a.fill_row(r, start, 21 - start, part.data());
                for (int64_t c = start; c <= 20; ++c, ++compared)
                    ASSERT_EQ(part[static_cast<size_t>(c - start)], whole[static_cast<size_t>(c)])
                        << "trial " << trial << ", row " << r << ", column " << c << ", run from "
                        << start;
            }
        }
    }
    EXPECT_EQ(compared, 200 * 10 * (14 + 8 + 1));
}

TEST(PixelAreas, OneNodeColumnOrRowIsConstantAlongIt) {
    const PixelAreas column = PixelAreas::lattice({0}, {0, 10}, {5, 15});
    EXPECT_NEAR(column.at(3, 5), 10, 1e-12);
    const PixelAreas row = PixelAreas::lattice({0, 10}, {0}, {5, 15});
    EXPECT_NEAR(row.at(5, 3), 10, 1e-12);
}

TEST(PixelAreas, LatticeNodesMustStartAtZeroAndAscend) {
    EXPECT_THROW(PixelAreas::lattice({1, 2}, {0}, {1, 1}), std::invalid_argument);
    EXPECT_THROW(PixelAreas::lattice({0, 0}, {0}, {1, 1}), std::invalid_argument);
    EXPECT_THROW(PixelAreas::lattice({0, 2}, {0}, {1}), std::invalid_argument);
}

}  // namespace
}  // namespace gg
