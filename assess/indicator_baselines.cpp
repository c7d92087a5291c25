#include "assess/indicator_baselines.hpp"

#include <set>

#include "gis/history_store.hpp"

namespace gg::assess {
namespace {

std::string year_list(const std::set<int>& years) {
    std::string s;
    for (int y : years) s.append(s.empty() ? "" : ", ").append(std::to_string(y));
    return s;
}

}  // namespace

IndicatorBaselines::IndicatorBaselines(const std::vector<Framework>& frameworks,
                                       const Records* records,
                                       const std::vector<std::string>& histories)
    : records_(records) {
    std::set<int> years;
    for (const auto& f : frameworks)
        for (const auto& c : f.components)
            for (const auto& i : c.indicators)
                if (i.baseline && i.baseline->year && !i.baseline->value) {
                    needed_.push_back({f.id, i.id, *i.baseline->year});
                    years.insert(*i.baseline->year);
                }
    if (needed_.empty()) return;
    std::set<std::tuple<std::string, std::string, int>> wanted;
    for (const auto& n : needed_) wanted.insert({n.framework, n.indicator, n.year});
    // Rows in the order they were appended: a later run of the same year replaces an earlier.
    const std::string sql =
        "SELECT i.framework, i.indicator, i.zone_id, r.year, i.value, r.run_id "
        "FROM indicators i JOIN runs r ON r.run_id = i.run_id "
        "WHERE i.value IS NOT NULL AND r.year IN (" +
        year_list(years) + ") ORDER BY i.fid";
    for (const std::string& history : histories) {
        auto& values = histories_.emplace_back();
        if (history.empty() || !has_tables(history, {"runs", "indicators"})) continue;
        for_each_query_row(
            history, sql,
            {[](const std::vector<Column>&) {},
             [&](const std::vector<Cell>& row) {
                 const auto& framework = std::get<std::string>(row[0]);
                 const auto& indicator = std::get<std::string>(row[1]);
                 const auto year = static_cast<int>(std::get<int64_t>(row[3]));
                 if (!wanted.count({framework, indicator, year})) return;
                 values[{framework, indicator, std::get<std::string>(row[2]), year}] = {
                     std::get<double>(row[4]), std::get<std::string>(row[5])};
             }});
    }
}

void IndicatorBaselines::fill(const Framework& framework, const std::string& zone_id,
                              ZoneValues& values) const {
    for (const auto& n : needed_) {
        if (n.framework != framework.id) continue;
        if (records_ && records_->columns.count(n.indicator)) {
            if (const auto v = record_number(*records_, zone_id, n.year, n.indicator)) {
                values.baselines[n.indicator] = *v;
                values.baseline_sources[n.indicator] = "records CSV";
                continue;
            }
        }
        for (const auto& history : histories_) {
            const auto it = history.find({n.framework, n.indicator, zone_id, n.year});
            if (it == history.end()) continue;
            values.baselines[n.indicator] = it->second.first;
            values.baseline_sources[n.indicator] = "run history, run " + it->second.second;
            break;
        }
    }
}

}  // namespace gg::assess
