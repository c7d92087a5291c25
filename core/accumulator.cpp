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

ZoneAccumulator::ZoneAccumulator(bool keep_distribution) : keep_distribution_(keep_distribution) {}

void ZoneAccumulator::add(double x, double c, double pixel_area) {
    if (!(c > 0)) return;  // an uncovered pixel contributes nothing
    if (std::isnan(x)) {   // NaN cannot be ordered (map key, min/max): treat it as nodata
        add_invalid(c, pixel_area);
        return;
    }
    area_m2_ += c * pixel_area;
    valid_area_m2_ += c * pixel_area;
    area_weighted_sum_ += c * pixel_area * x;

    min_ = has_values() ? std::min(min_, x) : x;
    max_ = has_values() ? std::max(max_, x) : x;

    // Weighted incremental mean and sum of squares: West (1979), Comm. ACM 22(9):532-535.
    weight_ += c;
    weighted_sum_ += c * x;
    const double delta = x - weighted_mean_;
    weighted_mean_ += (c / weight_) * delta;
    m2_ += c * delta * (x - weighted_mean_);

    if (keep_distribution_) distribution_[x] += c;
}

void ZoneAccumulator::add_invalid(double c, double pixel_area) {
    if (!(c > 0)) return;
    area_m2_ += c * pixel_area;
}

void ZoneAccumulator::merge(const ZoneAccumulator& other) {
    if (keep_distribution_ && !other.keep_distribution_ && other.has_values()) {
        throw std::logic_error(
            "ZoneAccumulator::merge: cannot merge an accumulator without distribution into one "
            "with distribution");
    }
    area_m2_ += other.area_m2_;
    valid_area_m2_ += other.valid_area_m2_;
    area_weighted_sum_ += other.area_weighted_sum_;
    if (!other.has_values()) return;

    if (!has_values()) {
        min_ = other.min_;
        max_ = other.max_;
        weighted_mean_ = other.weighted_mean_;
        m2_ = other.m2_;
    } else {
        // Pairwise combination of weighted means and sums of squares: Chan, Golub & LeVeque
        // (1979), "Updating formulae and a pairwise algorithm for computing sample variances",
        // with counts replaced by weight sums.
        min_ = std::min(min_, other.min_);
        max_ = std::max(max_, other.max_);
        const double total = weight_ + other.weight_;
        const double delta = other.weighted_mean_ - weighted_mean_;
        weighted_mean_ += delta * (other.weight_ / total);
        m2_ += other.m2_ + delta * delta * (weight_ * other.weight_ / total);
    }
    weight_ += other.weight_;
    weighted_sum_ += other.weighted_sum_;

    if (keep_distribution_) {
        for (const auto& [value, c] : other.distribution_) distribution_[value] += c;
    }
}

std::optional<double> ZoneAccumulator::mean() const {
    if (!has_values()) return std::nullopt;
    return weighted_sum_ / weight_;
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
    // Population variance with weights: sum c (x - mean)^2 / sum c. Clamp rounding below zero.
    return std::sqrt(std::max(0.0, m2_ / weight_));
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
    for (const auto& entry : distribution_) total += entry.second;
    const double target = q * total;

    double cumulative = 0;
    for (auto it = distribution_.begin(); it != distribution_.end(); ++it) {
        cumulative += it->second;
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
        if (it->second > best->second && !nearly_equal(it->second, best->second, it->second)) {
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
        if (it->second < best->second && !nearly_equal(it->second, best->second, best->second)) {
            best = it;
        }
    }
    return best->first;
}

std::optional<double> ZoneAccumulator::fraction(double value) const {
    require_distribution(keep_distribution_, "fraction");
    if (!has_values()) return std::nullopt;
    const auto it = distribution_.find(value);
    return it == distribution_.end() ? 0.0 : it->second / weight_;
}

std::vector<double> ZoneAccumulator::classes() const {
    require_distribution(keep_distribution_, "classes");
    std::vector<double> values;
    values.reserve(distribution_.size());
    for (const auto& entry : distribution_) values.push_back(entry.first);
    return values;
}

std::optional<double> ZoneAccumulator::valid_share() const {
    if (!(area_m2_ > 0)) return std::nullopt;
    return valid_area_m2_ / area_m2_;
}

}  // namespace gg
