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

}  // namespace
}  // namespace gg
