// Property tests of exact coverage on random star-shaped polygons (holes and multipolygons
// sometimes) and random grids, with GEOS's overlay and areas as the independent method
// (support/coverage_invariants.hpp). A fixed seed per case, printed on failure, reproduces it.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "core/coverage.hpp"
#include "support/coverage_invariants.hpp"

namespace gg {
namespace {

constexpr uint64_t kSeed = 20261202;
constexpr int kCases = 1000;

// Numbers in [0, 1) from the top 53 bits of mt19937_64 (fully specified by the standard, unlike
// std::uniform_real_distribution), so a seed gives the same case with any standard library.
test::Unit unit_from(std::mt19937_64& gen) {
    return [&gen] { return static_cast<double>(gen() >> 11) * 0x1.0p-53; };
}

TEST(CoverageProperties, RandomPolygonsHoldEveryInvariantAgainstGeos) {
    test::GeosReference geos;
    int holes = 0, multi = 0;
    for (int i = 0; i < kCases; ++i) {
        const uint64_t seed = kSeed + static_cast<uint64_t>(i);
        SCOPED_TRACE("seed " + std::to_string(seed));
        std::mt19937_64 gen(seed);
        const test::CoverageCase c = test::random_coverage_case(unit_from(gen));
        ASSERT_TRUE(geos.valid(c.shape));  // the generator's promise, or the comparison is moot
        multi += c.shape.parts.size() > 1;
        for (const Polygon& p : c.shape.parts) holes += !p.holes.empty();
        EXPECT_EQ(test::coverage_violation(c, geos), "");
    }
    // The cases include the shapes the generator is meant to make.
    EXPECT_GT(holes, kCases / 10);
    EXPECT_GT(multi, kCases / 10);
}

// The checker itself must catch a wrong coverage: one that ignores holes, and one 1e-7 too small.
TEST(CoverageProperties, TheCheckerCatchesWrongCoverage) {
    test::GeosReference geos;
    const test::CoverageFn no_holes = [](const MultiPolygon& s, const Grid& g, const Window& w) {
        MultiPolygon filled = s;
        for (Polygon& p : filled.parts) p.holes.clear();
        return coverage_fractions(filled, g, w);
    };
    const test::CoverageFn scaled = [](const MultiPolygon& s, const Grid& g, const Window& w) {
        CoverageMatrix m = coverage_fractions(s, g, w);
        for (double& f : m.fraction) f *= 1 - 1e-7;
        return m;
    };
    int caught_holes = 0, caught_scale = 0, with_holes = 0;
    for (int i = 0; i < 60; ++i) {
        std::mt19937_64 gen(kSeed + static_cast<uint64_t>(i));
        const test::CoverageCase c = test::random_coverage_case(unit_from(gen));
        bool hole = false;
        for (const Polygon& p : c.shape.parts) hole = hole || !p.holes.empty();
        with_holes += hole;
        caught_holes += hole && !test::coverage_violation(c, geos, no_holes).empty();
        caught_scale += !test::coverage_violation(c, geos, scaled).empty();
    }
    EXPECT_GT(with_holes, 0);
    EXPECT_EQ(caught_holes, with_holes);
    EXPECT_EQ(caught_scale, 60);  // the window around the shape sees every shape's whole area
}

// A cell's fraction must not depend on the window it is asked in (windows of any size and
// position, as budgets and slices make them): every window's fractions equal, bit for bit, those
// of the window of all the cells the shape touches. Windows come from the seed too.
TEST(CoverageProperties, FractionsAreTheSameBitsInAnyWindow) {
    for (int i = 0; i < 300; ++i) {
        const uint64_t seed = kSeed + 5000 + static_cast<uint64_t>(i);
        SCOPED_TRACE("seed " + std::to_string(seed));
        std::mt19937_64 gen(seed);
        const test::Unit next = unit_from(gen);
        const test::CoverageCase c = test::random_coverage_case(next);
        const Window box = c.grid.cells_touching(bounds(c.shape));
        const Window around{box.col0 - 2, box.row0 - 2, box.cols + 4, box.rows + 4};
        const CoverageMatrix whole = coverage_fractions(c.shape, c.grid, around);
        for (int k = 0; k < 8; ++k) {
            const auto pick = [&](int64_t n) { return static_cast<int64_t>(next() * n); };
            const int64_t col0 = around.col0 + pick(around.cols);
            const int64_t row0 = around.row0 + pick(around.rows);
            const Window w{col0, row0, 1 + pick(around.col_end() - col0),
                           1 + pick(around.row_end() - row0)};
            const CoverageMatrix part = coverage_fractions(c.shape, c.grid, w);
            for (int64_t r = w.row0; r < w.row_end(); ++r)
                for (int64_t col = w.col0; col < w.col_end(); ++col)
                    ASSERT_EQ(part.at(col, r), whole.at(col, r))
                        << "cell " << col << ", " << r << " in window " << w.col0 << ", " << w.row0
                        << ", " << w.cols << " x " << w.rows;
        }
    }
}

}  // namespace
}  // namespace gg
