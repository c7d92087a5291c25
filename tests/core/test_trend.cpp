// Theil-Sen and Mann-Kendall (core/trend.hpp). Expected values are worked by hand from the
// definitions (every pair listed), p = erfc(|z| / sqrt 2) evaluated with Python's math.erfc; the
// series with ties in time is cross-checked against SciPy 1.10.1 (Debian python3-scipy), whose
// numbers are copied below: the test does not run Python.
#include "core/trend.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace gg {
namespace {

std::vector<TrendPoint> series(const std::vector<double>& t, const std::vector<double>& y) {
    std::vector<TrendPoint> p;
    for (size_t i = 0; i < t.size(); ++i) p.push_back({t[i], y[i]});
    return p;
}

TrendEstimate estimate_of(const std::vector<TrendPoint>& p) {
    const Trend trend = compute_trend(p, "zone 1, ndvi_mean");
    EXPECT_TRUE(trend.estimate.has_value()) << trend.reason;
    return trend.estimate.value_or(TrendEstimate{});
}

// t = 1..5, y = 2 4 3 6 5. The 10 pairs (i < j): signs + + + + - + + + + -, so S = 8 - 2 = 6;
// no ties: Var(S) = 5 * 4 * 15 / 18 = 50/3; z = (6 - 1) / sqrt(50/3) = sqrt(1.5) = 1.2247449;
// p = erfc(sqrt(0.75)) = 0.2206714 (a normal table: 2 (1 - 0.8897) = 0.221). Slopes, sorted:
// -1 -1 1/3 1/2 3/4 1 1 4/3 2 3: median (3/4 + 1) / 2 = 0.875. Intercept: median y 4 - 0.875 *
// median t 3 = 1.375. OLS: sum (t - 3)(y - 4) = 8 over sum (t - 3)^2 = 10, 0.8. SciPy's
// theilslopes gives 0.875 and 1.375. The exact p (28 of the 120 orderings have |S| >= 6) is
// 0.2333, as SciPy's kendalltau gives by default; its method 'asymptotic', without the
// continuity correction, gives 0.1416.
TEST(Trend, FivePointsByHand) {
    const auto e = estimate_of(series({1, 2, 3, 4, 5}, {2, 4, 3, 6, 5}));
    EXPECT_EQ(e.s, 6);
    EXPECT_DOUBLE_EQ(e.var_s, 50.0 / 3);
    EXPECT_NEAR(e.z, 1.2247449, 1e-7);
    EXPECT_NEAR(e.p_value, 0.2206714, 1e-7);
    EXPECT_DOUBLE_EQ(e.sen_slope, 0.875);
    EXPECT_DOUBLE_EQ(e.sen_intercept, 1.375);
    EXPECT_DOUBLE_EQ(e.ols_slope, 0.8);
}

// The same series decreasing: every sign flips, p stays.
TEST(Trend, DecreasingSeriesHasNegativeSAndZ) {
    const auto e = estimate_of(series({1, 2, 3, 4, 5}, {-2, -4, -3, -6, -5}));
    EXPECT_EQ(e.s, -6);
    EXPECT_NEAR(e.z, -1.2247449, 1e-7);
    EXPECT_NEAR(e.p_value, 0.2206714, 1e-7);
    EXPECT_DOUBLE_EQ(e.sen_slope, -0.875);
}

// Empty values (dates without valid pixels) are skipped: the 5-point case again.
TEST(Trend, EmptyValuesAreSkipped) {
    const std::vector<TrendPoint> p = {
        {0, std::nullopt}, {1, 2}, {2, 4}, {2.5, std::nullopt}, {3, 3}, {4, 6}, {5, 5}};
    const Trend trend = compute_trend(p, "zone 1");
    EXPECT_EQ(trend.n, 5u);
    ASSERT_TRUE(trend.estimate);
    EXPECT_EQ(trend.estimate->s, 6);
    EXPECT_DOUBLE_EQ(trend.estimate->sen_slope, 0.875);
}

// t = 1..6, y = 1 2 2 3 3 3: of 15 pairs, 4 are tied in y (one in the 2s, three in the 3s), the
// other 11 increase: S = 11. Ties in y: groups of 2 and 3, so Var(S) = (6*5*17 - 2*1*9 -
// 3*2*11) / 18 = 426/18; z = 10 / sqrt(426/18) = 2.0555661, p = 0.0398244. Slopes sorted:
// 0 0 0 0 1/4 1/3 1/3 2/5 1/2 1/2 1/2 1/2 2/3 1 1, median (8th) 0.4; intercept median y 2.5 -
// 0.4 * median t 3.5 = 1.1. OLS: sum (t - 3.5) y = 7 over 17.5 = 0.4.
TEST(Trend, TiesInValues) {
    const auto e = estimate_of(series({1, 2, 3, 4, 5, 6}, {1, 2, 2, 3, 3, 3}));
    EXPECT_EQ(e.s, 11);
    EXPECT_DOUBLE_EQ(e.var_s, 426.0 / 18);
    EXPECT_NEAR(e.z, 2.0555661, 1e-7);
    EXPECT_NEAR(e.p_value, 0.0398244, 1e-7);
    EXPECT_NEAR(e.sen_slope, 0.4, 1e-15);
    EXPECT_NEAR(e.sen_intercept, 1.1, 1e-15);
    EXPECT_NEAR(e.ols_slope, 0.4, 1e-15);
}

// Two dates twice (two products on one date) and a tie in NDVI. By hand: time ties are groups
// of 2 and 2, value ties one group of 2 (0.33); Var(S) = (8*7*21 - 18 - 18 - 18) / 18 + 0 +
// (2 + 2) * 2 / (2 * 8 * 7) = 62.3333 + 0.0714 = 62.404762. S = 19 (brute force over pairs).
// SciPy 1.10.1: kendalltau tau-b 0.7171088, p 0.0161652 (no continuity correction, so
// z = 19 / sqrt(62.404762) = 2.4051642: the same Var(S)); theilslopes slope 0.02, intercept
// 0.315 (method 'separate', Conover's); linregress slope 0.0211364. With the correction:
// z = 18 / sqrt(62.404762) = 2.2785766, p = 0.0226922.
TEST(Trend, TiesInTimeMatchScipy) {
    const auto e = estimate_of(
        series({0, 1, 1, 2, 3, 4, 4, 5}, {0.31, 0.35, 0.33, 0.33, 0.40, 0.38, 0.42, 0.41}));
    EXPECT_EQ(e.s, 19);
    EXPECT_NEAR(e.var_s, 62.404762, 1e-6);
    EXPECT_NEAR(e.z, 2.2785766, 1e-7);
    EXPECT_NEAR(e.p_value, 0.0226922, 1e-7);
    EXPECT_NEAR(e.sen_slope, 0.02, 1e-12);
    EXPECT_NEAR(e.sen_intercept, 0.315, 1e-12);
    EXPECT_NEAR(e.ols_slope, 0.0211364, 1e-7);
}

// Ten dates 16 days apart, y = 2 + 0.5 t: every pairwise slope is exactly 0.5 (integers and
// halves are exact in binary), the intercept 38 - 0.5 * 72 = 2. S = 45, Var(S) = 10*9*25/18 =
// 125, z = 44 / sqrt(125) = 3.9354796, p = 8.30307e-5.
TEST(Trend, PerfectlyLinearSeries) {
    std::vector<double> t, y;
    for (int k = 0; k < 10; ++k) t.push_back(16.0 * k), y.push_back(2 + 8.0 * k);
    const auto e = estimate_of(series(t, y));
    EXPECT_EQ(e.sen_slope, 0.5);
    EXPECT_EQ(e.sen_intercept, 2);
    EXPECT_DOUBLE_EQ(e.ols_slope, 0.5);
    EXPECT_EQ(e.s, 45);
    EXPECT_DOUBLE_EQ(e.var_s, 125);
    EXPECT_NEAR(e.z, 3.9354796, 1e-7);
    EXPECT_NEAR(e.p_value, 8.30307e-5, 1e-10);
}

// All values tied: S = 0, and Var(S) = (n(n-1)(2n+5) - the same) / 18 = 0; no evidence: p = 1.
TEST(Trend, ConstantSeries) {
    const auto e = estimate_of(series({1, 2, 3, 4, 5, 6}, {7, 7, 7, 7, 7, 7}));
    EXPECT_EQ(e.s, 0);
    EXPECT_EQ(e.var_s, 0);
    EXPECT_EQ(e.z, 0);
    EXPECT_EQ(e.p_value, 1);
    EXPECT_EQ(e.sen_slope, 0);
    EXPECT_EQ(e.sen_intercept, 7);
    EXPECT_EQ(e.ols_slope, 0);
}

// y = t for t = 1..9 but y(9) = 100 (a cloud edge, say). 28 of the 36 slopes are 1 and the 8
// through the outlier are larger, so the median (18th and 19th) is 1, intercept 5 - 5 = 0.
// OLS: 1 + 91 * (9 - 5) / 60 = 106/15 = 7.0667. The ranks are unchanged: S = 36, Var(S) =
// 9*8*23/18 = 92, z = 35 / sqrt(92) = 3.6490022, p = 2.632608e-4.
TEST(Trend, OutlierMovesOlsNotTheilSen) {
    const auto e = estimate_of(series({1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 5, 6, 7, 8, 100}));
    EXPECT_EQ(e.sen_slope, 1);
    EXPECT_EQ(e.sen_intercept, 0);
    EXPECT_NEAR(e.ols_slope, 106.0 / 15, 1e-12);
    EXPECT_EQ(e.s, 36);
    EXPECT_DOUBLE_EQ(e.var_s, 92);
    EXPECT_NEAR(e.z, 3.6490022, 1e-7);
    EXPECT_NEAR(e.p_value, 2.632608e-4, 1e-10);
}

TEST(Trend, FewerThanThreePointsHasAReason) {
    const std::vector<TrendPoint> p = {{1, 0.2}, {2, std::nullopt}, {3, 0.4}};
    const Trend trend = compute_trend(p, "zone 7, ndvi_mean");
    EXPECT_EQ(trend.n, 2u);
    EXPECT_FALSE(trend.estimate);
    EXPECT_NE(trend.reason.find("zone 7, ndvi_mean"), std::string::npos) << trend.reason;
    EXPECT_NE(trend.reason.find("2 dates"), std::string::npos) << trend.reason;
    EXPECT_FALSE(compute_trend({}, "zone 7").estimate);
}

TEST(Trend, AllTimesEqualHasAReason) {
    const Trend trend = compute_trend(series({3, 3, 3, 3}, {1, 2, 3, 4}), "zone 2");
    EXPECT_EQ(trend.n, 4u);
    EXPECT_FALSE(trend.estimate);
    EXPECT_NE(trend.reason.find("same time"), std::string::npos) << trend.reason;
}

// Only the pairs with distinct times give slopes: with two dates at t = 0 the slope is still 1.
TEST(Trend, PairsTiedInTimeGiveNoSlope) {
    const auto e = estimate_of(series({0, 0, 1, 2}, {0, 0, 1, 2}));
    EXPECT_EQ(e.sen_slope, 1);
}

TEST(Trend, NanOrInfiniteInputIsAnError) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    try {
        compute_trend(series({1, 2, 3}, {0.1, nan, 0.3}), "zone 4, ndvi_mean");
        FAIL() << "no error for a NaN value";
    } catch (const Error& e) {
        const std::string m = e.what();
        EXPECT_NE(m.find("zone 4, ndvi_mean"), std::string::npos) << m;
        EXPECT_NE(m.find("value of point 2"), std::string::npos) << m;
        EXPECT_NE(m.find("nan"), std::string::npos) << m;
    }
    EXPECT_THROW(compute_trend(series({1, inf, 3}, {0.1, 0.2, 0.3}), "zone 4"), Error);
    EXPECT_THROW(compute_trend(series({1, 2, 3}, {0.1, -inf, 0.3}), "zone 4"), Error);
    // A time is checked even where the value is empty: it is still bad input.
    const std::vector<TrendPoint> p = {{nan, std::nullopt}, {1, 1}, {2, 2}, {3, 3}};
    EXPECT_THROW(compute_trend(p, "zone 4"), Error);
}

}  // namespace
}  // namespace gg
