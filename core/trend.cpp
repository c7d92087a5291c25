// Theil-Sen slope and Mann-Kendall test (core/trend.hpp; docs/methods.md 11). Every pair is
// visited: O(n^2) for n dates, a few hundred thousand pairs for a thousand dates per zone.
#include "core/trend.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/error.hpp"
#include "core/number_format.hpp"

namespace gg {
namespace {

int sign(double d) {
    return (d > 0) - (d < 0);
}

// The median of v (of an even count, the mean of the two middle values); v is reordered.
double median(std::vector<double>& v) {
    const size_t mid = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
    const double upper = v[mid];
    if (v.size() % 2 == 1) return upper;
    const double lower = *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid));
    return lower + (upper - lower) / 2;
}

// Sums over the groups of equal values (sizes g) of g(g-1), g(g-1)(g-2) and g(g-1)(2g+5): the
// tie terms of Var(S) (Kendall 1975). Only exactly equal doubles are ties.
struct TieSums {
    double g1 = 0, g2 = 0, g5 = 0;
};

TieSums tie_sums(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    TieSums s;
    for (size_t i = 0; i < v.size();) {
        size_t j = i;
        while (j < v.size() && v[j] == v[i]) ++j;
        const double g = static_cast<double>(j - i);
        s.g1 += g * (g - 1);
        s.g2 += g * (g - 1) * (g - 2);
        s.g5 += g * (g - 1) * (2 * g + 5);
        i = j;
    }
    return s;
}

// Var(S) with ties in both rankings (Kendall 1975); reduces to Mann's n(n-1)(2n+5)/18 without.
double variance_of_s(const std::vector<double>& t, const std::vector<double>& y) {
    const double n = static_cast<double>(t.size());
    const TieSums u = tie_sums(t), v = tie_sums(y);
    return (n * (n - 1) * (2 * n + 5) - u.g5 - v.g5) / 18 +
           u.g2 * v.g2 / (9 * n * (n - 1) * (n - 2)) + u.g1 * v.g1 / (2 * n * (n - 1));
}

double ols_slope(const std::vector<double>& t, const std::vector<double>& y) {
    const double n = static_cast<double>(t.size());
    double tm = 0, ym = 0;
    for (size_t i = 0; i < t.size(); ++i) tm += t[i], ym += y[i];
    tm /= n, ym /= n;
    double sty = 0, stt = 0;
    for (size_t i = 0; i < t.size(); ++i) {
        sty += (t[i] - tm) * (y[i] - ym);
        stt += (t[i] - tm) * (t[i] - tm);
    }
    return sty / stt;  // stt > 0: the caller has checked that not all times are equal
}

void check_finite(double x, const char* part, size_t index, const std::string& what) {
    if (std::isfinite(x)) return;
    throw Error(what + ": the " + part + " of point " + std::to_string(index + 1) +
                " of the series is " + plain_number(x) + "; a trend needs finite numbers");
}

}  // namespace

Trend compute_trend(std::span<const TrendPoint> points, const std::string& what) {
    std::vector<double> t, y;
    for (size_t i = 0; i < points.size(); ++i) {
        check_finite(points[i].time, "time", i, what);
        if (!points[i].value) continue;
        check_finite(*points[i].value, "value", i, what);
        t.push_back(points[i].time);
        y.push_back(*points[i].value);
    }
    Trend trend;
    trend.n = t.size();
    if (t.size() < 3) {
        trend.reason = what + ": no trend computable from " + std::to_string(t.size()) +
                       " dates with a value (at least 3 are needed)";
        return trend;
    }
    if (std::all_of(t.begin(), t.end(), [&](double x) { return x == t[0]; })) {
        trend.reason = what + ": no trend computable: all " + std::to_string(t.size()) +
                       " dates with a value have the same time";
        return trend;
    }

    TrendEstimate e;
    std::vector<double> slopes;
    slopes.reserve(t.size() * (t.size() - 1) / 2);
    for (size_t i = 0; i < t.size(); ++i) {
        for (size_t j = i + 1; j < t.size(); ++j) {
            e.s += sign(t[j] - t[i]) * sign(y[j] - y[i]);
            if (t[j] != t[i]) slopes.push_back((y[j] - y[i]) / (t[j] - t[i]));
        }
    }
    e.sen_slope = median(slopes);
    std::vector<double> ts = t, ys = y;
    e.sen_intercept = median(ys) - e.sen_slope * median(ts);
    e.ols_slope = ols_slope(t, y);
    e.var_s = variance_of_s(t, y);
    if (e.s != 0 && e.var_s > 0) {
        const double s = static_cast<double>(e.s);
        e.z = (s - sign(s)) / std::sqrt(e.var_s);
    }
    e.p_value = std::erfc(std::abs(e.z) / std::sqrt(2.0));
    trend.estimate = e;
    return trend;
}

}  // namespace gg
