#pragma once
// The arithmetic of targets (docs/frameworks.md "Scores"): met, the 0-100 score with and without
// a baseline, and the trajectory from the baseline to the target.
#include "core/framework.hpp"

namespace gg {

bool target_met(double value, double target, Comparison comparison);

// 100 (v - b) / (t - b) clamped to [0, 100]. When the baseline is not short of the target in
// `direction` (progress undefined), the score without a baseline is used instead.
double score_with_baseline(double value, double baseline, double target, Direction direction,
                           Comparison comparison);

// Higher: 100 v / t; lower: 100 t / v (100 when v <= t); clamped. A target <= 0 makes the ratio
// meaningless: 100 when met, else 0.
double score_without_baseline(double value, double target, Direction direction,
                              Comparison comparison);

// The expected value in `year` on the line from (baseline_year, baseline) to (target_year,
// target); years outside that span are clamped to it (no extrapolation past the target).
// Requires baseline_year < target_year.
double trajectory_value(int baseline_year, double baseline, int target_year, double target,
                        int year);

// At or beyond the expected value in the direction of the target.
bool on_track(double value, double expected, Direction direction);

}  // namespace gg
