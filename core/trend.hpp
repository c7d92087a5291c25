#pragma once
// A monotonic trend over one zone's series of dates (docs/methods.md 11): the Theil-Sen slope
// (Theil 1950; Sen 1968, J. Am. Stat. Assoc. 63:1379-1389) with the Mann-Kendall test (Mann 1945,
// Econometrica 13:245-259; Kendall 1975, Rank Correlation Methods, 4th ed.), and the OLS slope
// beside it for comparison. Pure: batch/zone_series will call it per zone and metric (not wired).
//
// Limits, said in docs/methods.md 11 too: the test assumes independent observations, and serial
// correlation (common in imagery series) makes its p-values too small (Hamed and Rao 1998,
// J. Hydrol. 204:182-196); no seasonality is removed (the seasonal Kendall test of Hirsch et al.
// 1982, Water Resour. Res. 18:107-121, is not implemented); for n <= 10 the normal approximation
// is rough, where exact tables are the usual advice (Gilbert 1987; Kendall 1975).
#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace gg {

// One observation: time in any linear unit (days, decimal years: the slope is per that unit);
// an empty value (no valid pixels that date) is skipped.
struct TrendPoint {
    double time = 0;
    std::optional<double> value;
};

struct TrendEstimate {
    // Theil-Sen: the median of (y_j - y_i) / (t_j - t_i) over pairs with t_i != t_j (of an even
    // count, the mean of the two middle ones).
    double sen_slope = 0;
    // Conover's intercept (Conover 1980, Practical Nonparametric Statistics, 2nd ed.):
    // median(y) - sen_slope * median(t), the line's value at t = 0.
    double sen_intercept = 0;
    // Least squares, for comparison only: it follows outliers the Theil-Sen slope ignores.
    double ols_slope = 0;
    // Mann-Kendall: S = sum over pairs i < j of sgn(t_j - t_i) sgn(y_j - y_i), Kendall's S of
    // (t, y), so pairs tied in time or in value count 0.
    int64_t s = 0;
    // Var(S) under no trend, corrected for ties in value and in time (Kendall 1975, the variance
    // of S with ties in both rankings); without ties, n (n - 1) (2 n + 5) / 18.
    double var_s = 0;
    // (S - sgn S) / sqrt(Var S), the continuity correction of one; 0 when S = 0 or Var(S) = 0.
    double z = 0;
    // Two-sided, from the normal approximation: erfc(|z| / sqrt 2); 1 for a constant series.
    double p_value = 1;
};

struct Trend {
    size_t n = 0;  // points with a value
    std::optional<TrendEstimate> estimate;
    std::string reason;  // why there is no estimate (fewer than 3 points, all times equal)
};

// Throws gg::Error naming `what` (the zone and metric) for a NaN or infinite time or value.
Trend compute_trend(std::span<const TrendPoint> points, const std::string& what);

}  // namespace gg
