#pragma once
// The terminal summary of an indicator run, as tables: scores per zone, and per framework its
// scores across zones, how many zones meet each target, why values are missing, which values are
// proxies, whether the score is complete, and the best-ranked zones.
#include <optional>
#include <string>
#include <vector>

#include "assess/indicator_run.hpp"
#include "assess/summary.hpp"

namespace gg::assess {

// A framework's scores across the zones: what its terminal table leads with, and what
// machine-readable summaries report.
struct FrameworkScores {
    std::string id;
    std::string name;  // English
    size_t zones = 0;
    size_t zones_scored = 0;   // zones with a score
    size_t zones_partial = 0;  // zones whose score is not complete
    int most_indicators_valued = 0;
    int indicators_defined = 0;
    std::optional<double> median, min, max;  // of the zones' scores (median: the upper middle)
};
std::vector<FrameworkScores> framework_scores(const IndicatorRun& run);

// every_zone: the scores table lists every zone, not the best and worst ten of many.
std::vector<SummaryTable> indicator_summary(const IndicatorRun& run, bool every_zone = false);

}  // namespace gg::assess
