#include "core/accumulator.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <stdexcept>
#include <string>

namespace gg {

namespace {

// Relative tolerance for "cumulative weight equals q * count" and for majority/minority ties, so
// that rounding in sums of fractional coverages (0.1 + 0.1 + ...) does not break exact ties.
constexpr double kRelTol = 1e-12;

bool nearly_equal(double a, double b, double scale) {
    return std::abs(a - b) <= kRelTol * scale;
}

}  // namespace

// 2^92: c = 1 is 2^92 units, so a coverage fraction (at least 1e-12, core/coverage.cpp) keeps
// all its bits, and 2^36 whole pixels still fit in 128 bits. Weights above 1 (other callers'
// weights) up to 2^16.
constexpr int kFractionBits = 92;
constexpr double kMaxWeight = 65536;

void FractionSum::add(const FractionSum& other) {
    const uint64_t sum = low + other.low;
    high += other.high + (sum < low ? 1 : 0);
    low = sum;
}

double FractionSum::value() const {
    return std::ldexp(std::ldexp(static_cast<double>(high), 64) + static_cast<double>(low),
                      -kFractionBits);
}

FractionSum fixed_fraction(double c) {
    if (!(c >= 0 && c <= kMaxWeight))
        throw std::invalid_argument("coverage weight " + std::to_string(c) + " not in [0, 65536]");
    // c * 2^92 is exact; its whole part splits into two words and its fraction (c below 2^-40
    // has bits under the unit) is rounded to nearest, the same for a pixel wherever it comes.
    const double units = std::ldexp(c, kFractionBits);
    const double high = std::floor(std::ldexp(units, -64));
    const double low = std::nearbyint(units - std::ldexp(high, 64));
    FractionSum f;
    f.high = static_cast<uint64_t>(high);
    if (low >= 0x1p64)
        ++f.high;
    else
        f.low = static_cast<uint64_t>(low);
    return f;
}

ZoneAccumulator::ZoneAccumulator(bool keep_distribution) : keep_distribution_(keep_distribution) {}

void ZoneAccumulator::add(double x, double c, double pixel_area, PixelRun& run) {
    if (!(c > 0)) return;  // an uncovered pixel contributes nothing
    if (std::isnan(x)) {   // NaN cannot be ordered (map key, min/max): treat it as nodata
        add_invalid(c, pixel_area, run);
        return;
    }
    run.area += c * pixel_area;
    run.valid_area += c * pixel_area;
    run.area_weighted_sum += c * pixel_area * x;

    min_ = has_values_ ? std::min(min_, x) : x;
    max_ = has_values_ ? std::max(max_, x) : x;
    has_values_ = true;

    // Weighted incremental mean and sum of squares: West (1979), Comm. ACM 22(9):532-535.
    run.weight += c;
    run.weighted_sum += c * x;
    const double delta = x - run.mean;
    run.mean += (c / run.weight) * delta;
    run.m2 += c * delta * (x - run.mean);

    if (keep_distribution_) distribution_[x].add(fixed_fraction(c));
}

void ZoneAccumulator::add_invalid(double c, double pixel_area, PixelRun& run) {
    if (!(c > 0)) return;
    run.area += c * pixel_area;
}

void ZoneAccumulator::close_run(PixelRun& run) {
    if (run.empty()) return;
    area_m2_.add(run.area);
    valid_area_m2_.add(run.valid_area);
    area_weighted_sum_.add(run.area_weighted_sum);
    if (run.weight > 0) {
        weight_.add(run.weight);
        weighted_sum_.add(run.weighted_sum);
        // For the spread between runs (stddev()), sum w mean and sum w mean^2, exactly: Chan,
        // Golub & LeVeque (1979) combine pairs instead, whose rounding depends on their order.
        run_m2_.add(run.m2);
        run_mean_.add_product(run.weight, run.mean);
        const double product = run.weight * run.mean;
        run_mean2_.add_product(product, run.mean);
        run_mean2_.add_product(std::fma(run.weight, run.mean, -product), run.mean);
    }
    run = PixelRun{};
}

void ZoneAccumulator::add(double x, double c, double pixel_area) {
    PixelRun run;
    add(x, c, pixel_area, run);
    close_run(run);
}

void ZoneAccumulator::add_invalid(double c, double pixel_area) {
    PixelRun run;
    add_invalid(c, pixel_area, run);
    close_run(run);
}

void ZoneAccumulator::merge(const ZoneAccumulator& other) {
    if (keep_distribution_ && !other.keep_distribution_ && other.has_values()) {
        throw std::logic_error(
            "ZoneAccumulator::merge: cannot merge an accumulator without distribution into one "
            "with distribution");
    }
    area_m2_.add(other.area_m2_);
    valid_area_m2_.add(other.valid_area_m2_);
    area_weighted_sum_.add(other.area_weighted_sum_);
    if (!other.has_values()) return;
    min_ = has_values_ ? std::min(min_, other.min_) : other.min_;
    max_ = has_values_ ? std::max(max_, other.max_) : other.max_;
    has_values_ = true;
    weight_.add(other.weight_);
    weighted_sum_.add(other.weighted_sum_);
    run_m2_.add(other.run_m2_);
    run_mean_.add(other.run_mean_);
    run_mean2_.add(other.run_mean2_);
    if (keep_distribution_) {
        for (const auto& [value, c] : other.distribution_) distribution_[value].add(c);
    }
}

std::optional<double> ZoneAccumulator::mean() const {
    if (!has_values()) return std::nullopt;
    return sum() / count();
}

std::optional<double> ZoneAccumulator::min() const {
    if (!has_values()) return std::nullopt;
    return min_;
}

std::optional<double> ZoneAccumulator::max() const {
    if (!has_values()) return std::nullopt;
    return max_;
}

std::optional<double> ZoneAccumulator::stddev() const {
    if (!has_values()) return std::nullopt;
    // Population variance with weights: sum c (x - mean)^2 / sum c. Within runs: the runs' own
    // sums of squares. Between runs: sum w (mean_run - m)^2 with m = sum w mean_run / W, which is
    // (W sum w mean_run^2 - (sum w mean_run)^2) / W, its numerator evaluated exactly (so equal
    // runs give exactly 0) and divided once. Clamp rounding below zero.
    ExactSum between;
    for (double p : run_mean2_.parts())
        for (double q : weight_.parts()) between.add_product(p, q);
    for (double p : run_mean_.parts())
        for (double q : run_mean_.parts()) between.add_product(-p, q);
    const double w = count();
    const double m2 = run_m2_.value() + std::max(0.0, between.value() / w);
    return std::sqrt(std::max(0.0, m2 / w));
}

namespace {

void require_distribution(bool keeps, const char* what) {
    if (!keeps) {
        throw std::logic_error(std::string("ZoneAccumulator::") + what +
                               " needs an accumulator built with keep_distribution = true");
    }
}

}  // namespace

std::optional<double> ZoneAccumulator::quantile(double q) const {
    require_distribution(keep_distribution_, "quantile");
    if (!(q >= 0 && q <= 1))
        throw std::invalid_argument("ZoneAccumulator::quantile: q not in [0, 1]");
    if (distribution_.empty()) return std::nullopt;

    // Total from the distribution itself, summed in the same order as the cumulative weight below,
    // so that q = 1 lands exactly on the last value.
    double total = 0;
    for (const auto& entry : distribution_) total += entry.second.value();
    const double target = q * total;

    double cumulative = 0;
    for (auto it = distribution_.begin(); it != distribution_.end(); ++it) {
        cumulative += it->second.value();
        const auto next = std::next(it);
        if (nearly_equal(cumulative, target, total)) {
            // Exactly at the boundary: mean of this value and the next (the last value has none).
            return next == distribution_.end() ? it->first : (it->first + next->first) / 2;
        }
        if (cumulative > target) return it->first;
    }
    return distribution_.rbegin()->first;  // not reached: the last cumulative equals total
}

std::optional<double> ZoneAccumulator::majority() const {
    require_distribution(keep_distribution_, "majority");
    if (distribution_.empty()) return std::nullopt;
    // Ascending order and a strict "clearly larger" test keep the smaller value on ties.
    auto best = distribution_.begin();
    for (auto it = distribution_.begin(); it != distribution_.end(); ++it) {
        const double w = it->second.value(), b = best->second.value();
        if (w > b && !nearly_equal(w, b, w)) {
            best = it;
        }
    }
    return best->first;
}

std::optional<double> ZoneAccumulator::minority() const {
    require_distribution(keep_distribution_, "minority");
    if (distribution_.empty()) return std::nullopt;
    auto best = distribution_.begin();
    for (auto it = distribution_.begin(); it != distribution_.end(); ++it) {
        const double w = it->second.value(), b = best->second.value();
        if (w < b && !nearly_equal(w, b, b)) {
            best = it;
        }
    }
    return best->first;
}

std::optional<double> ZoneAccumulator::fraction(double value) const {
    require_distribution(keep_distribution_, "fraction");
    if (!has_values()) return std::nullopt;
    const auto it = distribution_.find(value);
    return it == distribution_.end() ? 0.0 : it->second.value() / count();
}

std::vector<double> ZoneAccumulator::classes() const {
    require_distribution(keep_distribution_, "classes");
    std::vector<double> values;
    values.reserve(distribution_.size());
    for (const auto& entry : distribution_) values.push_back(entry.first);
    return values;
}

std::optional<double> ZoneAccumulator::valid_share() const {
    const double area = area_m2();
    if (!(area > 0)) return std::nullopt;
    return valid_area_m2() / area;
}

}  // namespace gg
