#pragma once
// The per-date series of a batch (docs/batch.md "Time series"): the long table zone_series
// (zone_set, zone_id, zone_name, date, product, metric, value, valid_share) and, per zone and
// metric, its trend over the dates: the Theil-Sen slope with the Mann-Kendall test (core/trend,
// docs/methods.md 11), per year.
#include <string>
#include <vector>

#include "assess/batch_task_result.hpp"
#include "core/table.hpp"

namespace gg::assess {

// A metric of the series: the zones-table column of its value and of its valid share, and which
// way is better (+1 up, -1 down, 0 neither: water may rise by restoration or by flooding).
struct SeriesMetric {
    const char* metric;
    const char* valid_share;
    int better;
};
const std::vector<SeriesMetric>& series_metrics();

// Trends are called significant at p < this (the conventional 5 %, two-sided).
inline constexpr double kTrendAlpha = 0.05;

// The rows of the per-date tasks' results (task.date set), in their order.
Table zone_series_table(const std::vector<const TaskResult*>& per_date);

// One row per zone set, zone and metric of zone_series: n, first and last date, Sen's slope per
// year, its intercept, the OLS slope per year, Mann-Kendall S, z and p, and the direction
// ("improving", "worsening", "increasing", "decreasing", "no significant trend") or, without an
// estimate, the reason.
Table zone_trends_table(const Table& zone_series);
// The same, a row at a time: the columns, and the row of one zone set, zone and metric from its
// zone_series rows (in series order; at least one).
std::vector<Column> zone_trends_columns();
std::vector<Cell> zone_trend_row(const std::vector<std::vector<Cell>>& series_rows);

// The terminal's short summary of zone_trends: per metric, how many zones improve and worsen
// significantly, and the five largest changes (|Sen slope| x the series' span).
std::vector<std::string> trend_summary_lines(const Table& zone_trends);

}  // namespace gg::assess
