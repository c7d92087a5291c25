#pragma once
// Coverage-weighted statistics of one zone on one band. A small value type: windows and threads
// each fill their own and merge them at the end, so no locks are needed.
//
// With c = coverage fraction of a pixel (0..1], x = its value and A = its ground area in m2:
//   count = sum c, sum = sum c*x, mean = sum / count, stddev = weighted population stddev,
//   min/max over pixels with c > 0, area_m2 = sum c*A over all covered pixels (nodata included),
//   valid_area_m2 = sum c*A over valid pixels, area_weighted_sum = sum c*A*x.
// Quantiles, majority, minority and class fractions need the distribution: they are available only
// when the accumulator was built with keep_distribution = true (one entry per distinct value).
#include <map>
#include <optional>
#include <vector>

namespace gg {

class ZoneAccumulator {
  public:
    explicit ZoneAccumulator(bool keep_distribution = false);

    // A valid pixel with value x, coverage c in (0, 1] and ground area pixel_area (m2).
    void add(double x, double c, double pixel_area);
    // A covered pixel without a valid value (nodata, masked): counts towards area_m2 only.
    void add_invalid(double c, double pixel_area);
    void merge(const ZoneAccumulator& other);

    bool keeps_distribution() const { return keep_distribution_; }
    bool has_values() const { return weight_ > 0; }

    double count() const { return weight_; }
    double sum() const { return weighted_sum_; }
    std::optional<double> mean() const;
    std::optional<double> min() const;
    std::optional<double> max() const;
    std::optional<double> stddev() const;
    // Weighted quantile, q in [0, 1]: the smallest value whose cumulative weight reaches q * count;
    // where the cumulative weight equals q * count exactly, the mean of that value and the next.
    std::optional<double> quantile(double q) const;
    std::optional<double> median() const { return quantile(0.5); }
    // Value with the largest (majority) or smallest (minority) total coverage; ties: smaller value.
    std::optional<double> majority() const;
    std::optional<double> minority() const;
    // Share of count carried by pixels equal to value (0 when absent; empty when no values).
    std::optional<double> fraction(double value) const;
    // Distinct values seen, ascending (only with keep_distribution).
    std::vector<double> classes() const;

    double area_m2() const { return area_m2_; }
    double valid_area_m2() const { return valid_area_m2_; }
    double area_weighted_sum() const { return area_weighted_sum_; }
    // valid_area_m2 / area_m2; empty when the zone covers no pixel.
    std::optional<double> valid_share() const;

  private:
    bool keep_distribution_;
    double weight_ = 0;
    double weighted_sum_ = 0;
    double weighted_mean_ = 0;  // running mean for the variance (West 1979, weighted Welford)
    double m2_ = 0;             // sum of c * (x - mean)^2, updated incrementally
    double min_ = 0;
    double max_ = 0;
    double area_m2_ = 0;
    double valid_area_m2_ = 0;
    double area_weighted_sum_ = 0;
    std::map<double, double> distribution_;  // value -> sum of c
};

}  // namespace gg
