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
//
// Every total is kept exactly, so a zone's statistics are the same bits whatever the order and
// grouping in which its pixels arrive (windows of any size, slices, threads): pixels are summed in
// plain doubles within a run (PixelRun, filled in a fixed order by the caller), and each closed run
// is added to exact sums (ExactSum); coverage weights of the distribution are added as integers.
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "core/exact_sum.hpp"

namespace gg {

// The sums of one run of pixels, in plain doubles, in the order they were added.
struct PixelRun {
    double weight = 0;        // sum c
    double weighted_sum = 0;  // sum c x
    double mean = 0;          // running mean (West 1979, weighted Welford)
    double m2 = 0;            // sum c (x - mean)^2
    double area = 0;          // sum c A, nodata included
    double valid_area = 0;    // sum c A over valid pixels
    double area_weighted_sum = 0;
    bool empty() const { return area == 0 && weight == 0; }
};

// A coverage weight c as an integer number of 2^-92: sums of those are exact, so class weights do
// not depend on the order of the pixels. Throws std::invalid_argument outside [0, 2^16].
struct FractionSum {
    uint64_t low = 0;   // two words, not unsigned __int128: a map node of 8-byte alignment is
    uint64_t high = 0;  // smaller, and zones with many classes hold many of them
    void add(const FractionSum& other);
    double value() const;
};
FractionSum fixed_fraction(double c);

class ZoneAccumulator {
  public:
    explicit ZoneAccumulator(bool keep_distribution = false);

    // A valid pixel with value x, coverage c in (0, 1] and ground area pixel_area (m2), summed
    // into `run`; its totals reach this accumulator when the run is closed.
    void add(double x, double c, double pixel_area, PixelRun& run);
    // A covered pixel without a valid value (nodata, masked): counts towards area_m2 only.
    void add_invalid(double c, double pixel_area, PixelRun& run);
    // Adds the run's sums exactly and empties it.
    void close_run(PixelRun& run);
    // One pixel as a run of its own (callers that add few pixels).
    void add(double x, double c, double pixel_area);
    void add_invalid(double c, double pixel_area);
    void merge(const ZoneAccumulator& other);

    bool keeps_distribution() const { return keep_distribution_; }
    bool has_values() const { return has_values_; }

    double count() const { return weight_.value(); }
    double sum() const { return weighted_sum_.value(); }
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

    double area_m2() const { return area_m2_.value(); }
    double valid_area_m2() const { return valid_area_m2_.value(); }
    double area_weighted_sum() const { return area_weighted_sum_.value(); }
    // valid_area_m2 / area_m2; empty when the zone covers no pixel.
    std::optional<double> valid_share() const;

  private:
    bool keep_distribution_;
    bool has_values_ = false;
    ExactSum weight_;
    ExactSum weighted_sum_;
    ExactSum run_m2_;     // sum over runs of each run's m2
    ExactSum run_mean_;   // sum over runs of weight * mean
    ExactSum run_mean2_;  // sum over runs of weight * mean^2
    double min_ = 0;
    double max_ = 0;
    ExactSum area_m2_;
    ExactSum valid_area_m2_;
    ExactSum area_weighted_sum_;
    std::map<double, FractionSum> distribution_;  // value -> sum of c
};

}  // namespace gg
