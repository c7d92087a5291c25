#include "cli/indicator_summary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <map>

namespace gg::cli {

namespace {

// Zones x frameworks: every zone when there are few, else the best and the worst by the first
// framework's score, so the table stays readable for hundreds of tracts.
void print_zone_scores(const IndicatorRun& run) {
    constexpr size_t kAll = 30, kEach = 10;
    std::vector<size_t> order(run.zones.size());
    for (size_t z = 0; z < order.size(); ++z) order[z] = z;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        const auto& sa = run.zones[a].frameworks[0].score;
        const auto& sb = run.zones[b].frameworks[0].score;
        return sa.value_or(-1) > sb.value_or(-1);
    });
    std::vector<size_t> shown = order;
    const bool cut = order.size() > kAll;
    if (cut) {
        shown.assign(order.begin(), order.begin() + kEach);
        shown.insert(shown.end(), order.end() - kEach, order.end());
    }
    std::cout << fmt::format("\nScores 0-100 per zone{}:\n{:<20} {:<24}",
                             cut ? fmt::format(" (the {} best and {} worst of {} by {})", kEach,
                                               kEach, order.size(), run.frameworks[0].id)
                                 : "",
                             "zone", "name");
    for (const auto& f : run.frameworks) std::cout << fmt::format(" {:>12.12}", f.id);
    std::cout << "\n";
    for (size_t i = 0; i < shown.size(); ++i) {
        if (cut && i == kEach) std::cout << "...\n";
        const auto& z = run.zones[shown[i]];
        std::cout << fmt::format("{:<20.20} {:<24.24}", z.zone_id, z.zone_name);
        for (const auto& f : z.frameworks)
            std::cout << fmt::format(" {:>12}", f.score ? fmt::format("{:.1f}", *f.score) : "-");
        std::cout << "\n";
    }
}

}  // namespace

void print_indicator_summary(const IndicatorRun& run) {
    if (!run.zones.empty() && !run.frameworks.empty()) print_zone_scores(run);
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

        // Per indicator: zones with a value, zones meeting the target ("-" for an indicator
        // without a target: 0 would read as "nobody meets it"), the commonest reason.
        std::cout << fmt::format("  {:<34} {:>7} {:>7}  {}\n", "indicator", "valued", "met",
                                 "missing because");
        const auto& first = run.zones.front().frameworks[k].indicators;
        for (size_t i = 0; i < first.size(); ++i) {
            int valued = 0, met = 0;
            bool has_target = false;
            std::map<std::string, int> reasons;
            for (const auto& z : run.zones) {
                const IndicatorResult& r = z.frameworks[k].indicators[i];
                if (r.value) ++valued;
                if (r.met.value_or(false)) ++met;
                if (!r.comparison.empty()) has_target = true;
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
                                     has_target ? std::to_string(met) : "-", why);
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
