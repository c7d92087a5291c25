#pragma once
// The terminal summary of an indicator run: per framework, scores across zones, how many zones
// meet each target, why values are missing, and the best-ranked zones.
#include "cli/indicator_run.hpp"

namespace gg::cli {

void print_indicator_summary(const IndicatorRun& run);

}  // namespace gg::cli
