#include "assess/indicator_summary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace gg::assess {
namespace {

std::string score_text(const FrameworkResult& f) {
    if (!f.score) return "-";
    return fmt::format("{:.1f}{}", *f.score, f.complete ? "" : "*");
}

// Zones x frameworks: every zone when there are few, else the best and the worst by the first
// framework's score, so the table stays readable for hundreds of tracts.
SummaryTable zone_scores(const IndicatorRun& run, bool every_zone) {
    constexpr size_t kAll = 30, kEach = 10;
    std::vector<size_t> order(run.zones.size());
    for (size_t z = 0; z < order.size(); ++z) order[z] = z;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        const auto& sa = run.zones[a].frameworks[0].score;
        const auto& sb = run.zones[b].frameworks[0].score;
        return sa.value_or(-1) > sb.value_or(-1);
    });
    SummaryTable t;
    // Twenty rows of "-" tell nothing the warnings have not: one line says it.
    const bool none_scored = std::none_of(run.zones.begin(), run.zones.end(), [](const auto& z) {
        return std::any_of(z.frameworks.begin(), z.frameworks.end(),
                           [](const FrameworkResult& f) { return f.score.has_value(); });
    });
    if (none_scored && !every_zone) {
        t.title = fmt::format(
            "Scores 0-100 per zone: none of the {} zones could be scored (inputs missing: see the "
            "warnings above)",
            run.zones.size());
        t.header = false;
        return t;
    }
    std::vector<size_t> shown = order;
    const bool cut = !every_zone && order.size() > kAll;
    if (cut) {
        shown.assign(order.begin(), order.begin() + kEach);
        shown.insert(shown.end(), order.end() - kEach, order.end());
    }
    t.title = fmt::format("Scores 0-100 per zone{}:",
                          cut ? fmt::format(" (the {} best and {} worst of {} by {})", kEach, kEach,
                                            order.size(), run.frameworks[0].id)
                              : "");
    t.columns = {{"zone", 20, true, 0}, {"name", 24, true}};
    for (const auto& f : run.frameworks) t.columns.push_back({f.id, 12});
    bool partial = false;
    for (size_t i = 0; i < shown.size(); ++i) {
        if (cut && i == kEach) t.rows.push_back({{}, "..."});
        const auto& z = run.zones[shown[i]];
        SummaryRow row{{z.zone_id, z.zone_name}, {}};
        for (const auto& f : z.frameworks) {
            row.cells.push_back(score_text(f));
            if (f.score && !f.complete) partial = true;
        }
        t.rows.push_back(std::move(row));
    }
    if (partial)
        t.notes.push_back(
            "* partial: not every indicator of the framework has a value for the zone, so this "
            "is not the framework's score (the scores table says how many)");
    t.cut = cut;
    return t;
}

FrameworkScores scores_of(const IndicatorRun& run, size_t k) {
    FrameworkScores out;
    out.id = run.frameworks[k].id;
    out.name = run.frameworks[k].name.en;
    out.zones = run.zones.size();
    std::vector<double> scores;
    for (const auto& z : run.zones) {
        const FrameworkResult& r = z.frameworks[k];
        if (r.score) scores.push_back(*r.score);
        if (!r.complete) ++out.zones_partial;
        out.most_indicators_valued = std::max(out.most_indicators_valued, r.indicators_valued);
        out.indicators_defined = std::max(out.indicators_defined, r.indicators_defined);
    }
    std::sort(scores.begin(), scores.end());
    out.zones_scored = scores.size();
    if (!scores.empty()) {
        out.median = scores[scores.size() / 2];
        out.min = scores.front();
        out.max = scores.back();
    }
    return out;
}

SummaryTable framework_summary(const IndicatorRun& run, size_t k) {
    const Framework& f = run.frameworks[k];
    const FrameworkScores s = scores_of(run, k);
    const size_t partial = s.zones_partial;
    SummaryTable t;
    t.title = fmt::format("{} - {}", f.id, f.name.en);
    if (partial == run.zones.size())
        t.title += fmt::format(" (partial: at most {} of {} indicators)", s.most_indicators_valued,
                               s.indicators_defined);
    if (!s.median)
        t.lead.push_back(fmt::format("  no zone has a score ({} zones)", run.zones.size()));
    else
        t.lead.push_back(fmt::format(
            "  score 0-100: median {:.1f}, min {:.1f}, max {:.1f} ({} of {} zones scored)",
            *s.median, *s.min, *s.max, s.zones_scored, run.zones.size()));
    if (partial > 0 && partial < run.zones.size())
        t.lead.push_back(fmt::format(
            "  partial in {} zones (not every indicator has a value): those scores are not the "
            "framework's score",
            partial));

    // Per indicator: zones with a value, zones meeting the target ("-" where no zone could be
    // compared with one, for want of a target or of its input: 0 would read as "nobody meets
    // it"), the commonest reason.
    t.indent = "  ";
    t.columns = {
        {"indicator", 34, true, 0}, {"valued", 7}, {"met", 7}, {"missing because", 0, true, 2}};
    std::set<std::string> proxies;
    const auto& first = run.zones.front().frameworks[k].indicators;
    for (size_t i = 0; i < first.size(); ++i) {
        int valued = 0, met = 0;
        bool met_known = false;
        std::map<std::string, int> reasons;
        for (const auto& z : run.zones) {
            const IndicatorResult& r = z.frameworks[k].indicators[i];
            if (r.value) ++valued;
            if (r.met.value_or(false)) ++met;
            if (r.met) met_known = true;
            if (!r.reason.empty()) ++reasons[r.reason];
            if (!r.proxy.empty()) proxies.insert(r.indicator_id + ": " + r.proxy);
        }
        std::string why;
        if (!reasons.empty()) {
            const auto top =
                std::max_element(reasons.begin(), reasons.end(),
                                 [](const auto& a, const auto& b) { return a.second < b.second; });
            why = fmt::format("{} ({} zones)", top->first, top->second);
        }
        t.rows.push_back({{first[i].indicator_id, std::to_string(valued),
                           met_known ? std::to_string(met) : "-", why},
                          {}});
    }
    for (const auto& p : proxies) t.notes.push_back("  proxy: " + p);

    // The five best-ranked zones.
    std::vector<const ZoneFrameworkResults*> ranked;
    for (const auto& z : run.zones)
        if (z.frameworks[k].rank) ranked.push_back(&z);
    std::sort(ranked.begin(), ranked.end(), [k](const auto* a, const auto* b) {
        return *a->frameworks[k].rank < *b->frameworks[k].rank;
    });
    if (!ranked.empty()) {
        std::string line = "  best ranked:";
        for (size_t i = 0; i < std::min<size_t>(5, ranked.size()); ++i)
            line += fmt::format(" {}. {}{} ({:.0f})", *ranked[i]->frameworks[k].rank,
                                ranked[i]->zone_id,
                                ranked[i]->zone_name.empty() ? "" : " " + ranked[i]->zone_name,
                                *ranked[i]->frameworks[k].score);
        t.notes.push_back(line);
    }
    return t;
}

}  // namespace

std::vector<FrameworkScores> framework_scores(const IndicatorRun& run) {
    std::vector<FrameworkScores> out;
    if (run.zones.empty()) return out;
    for (size_t k = 0; k < run.frameworks.size(); ++k) out.push_back(scores_of(run, k));
    return out;
}

std::vector<SummaryTable> indicator_summary(const IndicatorRun& run, bool every_zone) {
    std::vector<SummaryTable> tables;
    if (run.zones.empty() || run.frameworks.empty()) return tables;
    tables.push_back(zone_scores(run, every_zone));
    for (size_t k = 0; k < run.frameworks.size(); ++k) tables.push_back(framework_summary(run, k));
    return tables;
}

}  // namespace gg::assess
