#include "core/framework_score.hpp"

#include <algorithm>

namespace gg {

namespace {

double clamp100(double s) {
    return std::clamp(s, 0.0, 100.0);
}

}  // namespace

std::string comparison_text(Comparison c) {
    switch (c) {
        case Comparison::GreaterOrEqual:
            return ">=";
        case Comparison::Greater:
            return ">";
        case Comparison::LessOrEqual:
            return "<=";
        case Comparison::Less:
            return "<";
    }
    return "?";
}

bool target_met(double value, double target, Comparison comparison) {
    switch (comparison) {
        case Comparison::GreaterOrEqual:
            return value >= target;
        case Comparison::Greater:
            return value > target;
        case Comparison::LessOrEqual:
            return value <= target;
        case Comparison::Less:
            return value < target;
    }
    return false;
}

double score_with_baseline(double value, double baseline, double target, Direction direction,
                           Comparison comparison) {
    const double gap = target - baseline;
    const bool short_of_target = direction == Direction::Higher ? gap > 0 : gap < 0;
    if (!short_of_target) return score_without_baseline(value, target, direction, comparison);
    return clamp100(100.0 * (value - baseline) / gap);
}

double score_without_baseline(double value, double target, Direction direction,
                              Comparison comparison) {
    if (target <= 0) return target_met(value, target, comparison) ? 100.0 : 0.0;
    if (direction == Direction::Higher) return clamp100(100.0 * value / target);
    if (value <= target) return 100.0;
    return clamp100(100.0 * target / value);  // value > target > 0 here
}

double trajectory_value(int baseline_year, double baseline, int target_year, double target,
                        int year) {
    const int y = std::clamp(year, baseline_year, target_year);
    const double f = static_cast<double>(y - baseline_year) / (target_year - baseline_year);
    return baseline + f * (target - baseline);
}

bool on_track(double value, double expected, Direction direction) {
    return direction == Direction::Higher ? value >= expected : value <= expected;
}

}  // namespace gg
