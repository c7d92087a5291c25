// The coverage cache gives what coverage_fractions gives, bit for bit (the reference is the
// function itself, called directly), keeps what its budget allows, and tells shapes apart.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "core/coverage_cache.hpp"

namespace gg {
namespace {

// A 20-sided star off the cell lines, with a square hole: partial cells everywhere on its edges.
MultiPolygon star(double cx, double cy) {
    Polygon p;
    for (int i = 0; i < 20; ++i) {
        const double a = 2 * std::numbers::pi * i / 20;
        const double r = i % 2 ? 3.3 : 6.1;
        p.exterior.push_back({cx + r * std::cos(a), cy + r * std::sin(a)});
    }
    p.holes.push_back(
        {{cx - 1.2, cy - 1.2}, {cx - 1.2, cy + 1.2}, {cx + 1.2, cy + 1.2}, {cx + 1.2, cy - 1.2}});
    return MultiPolygon{{p}};
}

void expect_same(const CoverageMatrix& a, const CoverageMatrix& b) {
    EXPECT_EQ(a.window, b.window);
    ASSERT_EQ(a.fraction.size(), b.fraction.size());
    for (size_t i = 0; i < a.fraction.size(); ++i) ASSERT_EQ(a.fraction[i], b.fraction[i]) << i;
}

TEST(CoverageCache, TheSecondPassOnAGridReusesEveryWindowWithTheSameFractions) {
    const Grid grid{0, 40, 1, 1, 40, 40};
    const MultiPolygon shape = star(17.37, 21.81);
    const ShapeFingerprint id = shape_fingerprint(shape);
    // Four windows that cut the star (as a zone split over windows of whole blocks).
    const std::vector<Window> windows{
        {0, 0, 40, 18}, {0, 18, 40, 22}, {5, 10, 9, 9}, {17, 0, 3, 40}};
    CoverageCache cache(size_t{1} << 20);
    for (int pass = 0; pass < 3; ++pass)
        for (const auto& w : windows)
            expect_same(cache.coverage(shape, id, grid, w), coverage_fractions(shape, grid, w));
    const auto s = cache.stats();
    EXPECT_EQ(s.misses, 4);  // the first pass
    EXPECT_EQ(s.hits, 8);    // the two others
    EXPECT_EQ(s.refused, 0);
    // Run-length encoded: far fewer bytes than the 1,600 doubles (12,800 bytes) of the windows.
    EXPECT_GT(s.bytes, 0u);
    EXPECT_LT(s.bytes, 12800u);
}

TEST(CoverageCache, AnotherShapeGridOrWindowIsNotTakenForTheFirst) {
    const Grid grid{0, 40, 1, 1, 40, 40};
    const Window w{0, 0, 40, 40};
    const MultiPolygon a = star(17.37, 21.81);
    MultiPolygon b = a;
    b.parts[0].exterior[3].x += 1e-9;  // one vertex moved by a billionth: another shape
    EXPECT_NE(shape_fingerprint(a), shape_fingerprint(b));
    const Grid shifted{0.5, 40, 1, 1, 40, 40};
    CoverageCache cache(size_t{1} << 20);
    expect_same(cache.coverage(a, shape_fingerprint(a), grid, w), coverage_fractions(a, grid, w));
    expect_same(cache.coverage(b, shape_fingerprint(b), grid, w), coverage_fractions(b, grid, w));
    expect_same(cache.coverage(a, shape_fingerprint(a), shifted, w),
                coverage_fractions(a, shifted, w));
    const Window smaller{0, 0, 40, 39};
    expect_same(cache.coverage(a, shape_fingerprint(a), grid, smaller),
                coverage_fractions(a, grid, smaller));
    EXPECT_EQ(cache.stats().misses, 4);
    EXPECT_EQ(cache.stats().hits, 0);
}

TEST(CoverageCache, ABudgetTooSmallKeepsNothingAndStillGivesTheFractions) {
    const Grid grid{0, 40, 1, 1, 40, 40};
    const MultiPolygon shape = star(17.37, 21.81);
    const Window w{0, 0, 40, 40};
    CoverageCache cache(16);  // less than one entry's bookkeeping
    for (int pass = 0; pass < 2; ++pass)
        expect_same(cache.coverage(shape, shape_fingerprint(shape), grid, w),
                    coverage_fractions(shape, grid, w));
    EXPECT_EQ(cache.stats().hits, 0);
    EXPECT_EQ(cache.stats().refused, 2);
    EXPECT_EQ(cache.stats().bytes, 0u);
}

}  // namespace
}  // namespace gg
