#pragma once
// The terminal summary of an indicator run, as tables: scores per zone, and per framework its
// scores across zones, how many zones meet each target, why values are missing, which values are
// proxies, whether the score is complete, and the best-ranked zones.
#include <vector>

#include "assess/indicator_run.hpp"
#include "assess/summary.hpp"

namespace gg::assess {

std::vector<SummaryTable> indicator_summary(const IndicatorRun& run);

}  // namespace gg::assess
