#include "cli/indicator_summary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <map>

namespace gg::cli {

void print_indicator_summary(const IndicatorRun& run) {
    for (size_t k = 0; k < run.frameworks.size(); ++k) {
        const Framework& f = run.frameworks[k];
        std::vector<double> scores;
        for (const auto& z : run.zones)
            if (z.frameworks[k].score) scores.push_back(*z.frameworks[k].score);
        std::sort(scores.begin(), scores.end());
        std::cout << fmt::format("\n{} - {}\n", f.id, f.name.en);
        if (scores.empty())
            std::cout << fmt::format("  no zone has a score ({} zones)\n", run.zones.size());
        else
            std::cout << fmt::format(
                "  score 0-100: median {:.1f}, min {:.1f}, max {:.1f} ({} of {} zones scored)\n",
                scores[scores.size() / 2], scores.front(), scores.back(), scores.size(),
                run.zones.size());

        // Per indicator: zones with a value, zones meeting the target, the commonest reason.
        std::cout << fmt::format("  {:<34} {:>7} {:>7}  {}\n", "indicator", "valued", "met",
                                 "missing because");
        const auto& first = run.zones.front().frameworks[k].indicators;
        for (size_t i = 0; i < first.size(); ++i) {
            int valued = 0, met = 0;
            std::map<std::string, int> reasons;
            for (const auto& z : run.zones) {
                const IndicatorResult& r = z.frameworks[k].indicators[i];
                if (r.value) ++valued;
                if (r.met.value_or(false)) ++met;
                if (!r.reason.empty()) ++reasons[r.reason];
            }
            std::string why;
            if (!reasons.empty()) {
                const auto top = std::max_element(
                    reasons.begin(), reasons.end(),
                    [](const auto& a, const auto& b) { return a.second < b.second; });
                why = fmt::format("{} ({} zones)", top->first, top->second);
            }
            std::cout << fmt::format("  {:<34.34} {:>7} {:>7}  {}\n", first[i].indicator_id, valued,
                                     met, why);
        }

        // The five best-ranked zones.
        std::vector<const ZoneFrameworkResults*> ranked;
        for (const auto& z : run.zones)
            if (z.frameworks[k].rank) ranked.push_back(&z);
        std::sort(ranked.begin(), ranked.end(), [k](const auto* a, const auto* b) {
            return *a->frameworks[k].rank < *b->frameworks[k].rank;
        });
        if (!ranked.empty()) std::cout << "  best ranked:";
        for (size_t i = 0; i < std::min<size_t>(5, ranked.size()); ++i)
            std::cout << fmt::format(" {}. {}{} ({:.0f})", *ranked[i]->frameworks[k].rank,
                                     ranked[i]->zone_id,
                                     ranked[i]->zone_name.empty() ? "" : " " + ranked[i]->zone_name,
                                     *ranked[i]->frameworks[k].score);
        if (!ranked.empty()) std::cout << "\n";
    }
}

}  // namespace gg::cli
