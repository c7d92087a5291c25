#include "assess/zone_series.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>

#include "core/trend.hpp"

namespace gg::assess {
namespace {

using T = ColumnType;

int column(const Table& t, const std::string& name) {
    for (size_t c = 0; c < t.columns.size(); ++c)
        if (t.columns[c].name == name) return static_cast<int>(c);
    return -1;
}

std::optional<double> real(const Cell& c) {
    if (const auto* d = std::get_if<double>(&c)) return *d;
    if (const auto* i = std::get_if<int64_t>(&c)) return static_cast<double>(*i);
    return std::nullopt;
}

std::string text(const Cell& c) {
    const auto* s = std::get_if<std::string>(&c);
    return s ? *s : std::string();
}

// A product's id as users name it: the Landsat id before _MTL.txt, the Sentinel-2 .SAFE folder.
std::string product_id(const std::string& scene) {
    const std::filesystem::path p(scene);
    std::string name = p.filename().string();
    if (name == "MTD_MSIL2A.xml") return p.parent_path().filename().string();
    if (name.size() > 8 && name.compare(name.size() - 8, 8, "_MTL.txt") == 0)
        return name.substr(0, name.size() - 8);
    return name;
}

// YYYY-MM-DD as decimal years (days / 365.25 after 1970-01-01), the slope's time unit.
double decimal_year(const std::string& date) {
    using namespace std::chrono;
    const year_month_day ymd{year{std::stoi(date.substr(0, 4))},
                             month{static_cast<unsigned>(std::stoi(date.substr(5, 2)))},
                             day{static_cast<unsigned>(std::stoi(date.substr(8, 2)))}};
    return 1970.0 + sys_days(ymd).time_since_epoch().count() / 365.25;
}

const SeriesMetric* metric_named(const std::string& name) {
    for (const auto& m : series_metrics())
        if (name == m.metric) return &m;
    return nullptr;
}

Cell number_or_empty(const std::optional<double>& v) {
    return v ? Cell(*v) : Cell(std::monostate{});
}

}  // namespace

const std::vector<SeriesMetric>& series_metrics() {
    static const std::vector<SeriesMetric> metrics = {
        {"green_share", "valid_share", +1},
        {"ndvi_mean", "valid_share", +1},
        {"water_share", "water_valid_share", 0},
        {"lst_mean_k", "lst_valid_share", -1},
    };
    return metrics;
}

Table zone_series_table(const std::vector<const TaskResult*>& per_date) {
    Table t;
    t.columns = {{"zone_set", T::String}, {"zone_id", T::String},  {"zone_name", T::String},
                 {"date", T::String},     {"product", T::String},  {"metric", T::String},
                 {"value", T::Real},      {"valid_share", T::Real}};
    for (const TaskResult* r : per_date) {
        std::string product;
        for (const auto& s : r->scenes)
            product.append(product.empty() ? "" : "+").append(product_id(s));
        const Table& z = r->zones;
        for (const auto& m : series_metrics()) {
            const int value = column(z, m.metric), valid = column(z, m.valid_share);
            if (value < 0) continue;
            for (size_t i = 0; i < z.rows.size(); ++i) {
                const auto& row = z.rows[i];
                t.rows.push_back(
                    {r->zone_set, r->zone_ids[i], r->zone_names[i], *r->date, product,
                     std::string(m.metric), number_or_empty(real(row[value])),
                     valid < 0 ? Cell(std::monostate{}) : number_or_empty(real(row[valid]))});
            }
        }
    }
    return t;
}

std::vector<Column> zone_trends_columns() {
    return {{"zone_set", T::String},        {"zone_id", T::String},
            {"zone_name", T::String},       {"metric", T::String},
            {"dates", T::Integer},          {"first_date", T::String},
            {"last_date", T::String},       {"sen_slope_per_year", T::Real},
            {"sen_intercept", T::Real},     {"ols_slope_per_year", T::Real},
            {"mann_kendall_s", T::Integer}, {"mann_kendall_z", T::Real},
            {"p_value", T::Real},           {"direction", T::String},
            {"reason", T::String}};
}

std::vector<Cell> zone_trend_row(const std::vector<std::vector<Cell>>& rows) {
    std::vector<TrendPoint> points;
    std::string first, last;
    for (const auto& row : rows) {
        const std::string date = text(row[3]);
        points.push_back({decimal_year(date), real(row[6])});
        if (!real(row[6])) continue;
        if (first.empty() || date < first) first = date;
        if (last.empty() || date > last) last = date;
    }
    const std::string set = text(rows.front()[0]), zone = text(rows.front()[1]),
                      metric = text(rows.front()[5]);
    const Trend trend = compute_trend(points, "zone " + zone + ", " + metric);
    const Cell none = std::monostate{};
    const Cell zone_name = rows.front()[2];
    if (!trend.estimate)
        return {set,
                zone,
                zone_name,
                metric,
                static_cast<int64_t>(trend.n),
                first.empty() ? none : Cell(first),
                last.empty() ? none : Cell(last),
                none,
                none,
                none,
                none,
                none,
                none,
                none,
                trend.reason};
    const TrendEstimate& e = *trend.estimate;
    std::string direction = "no significant trend";
    if (e.p_value < kTrendAlpha && e.sen_slope != 0) {
        const int better = metric_named(metric) ? metric_named(metric)->better : 0;
        const int sign = e.sen_slope > 0 ? 1 : -1;
        direction = better == 0 ? (sign > 0 ? "increasing" : "decreasing")
                                : (sign == better ? "improving" : "worsening");
    }
    return {set,   zone, zone_name,   metric,          static_cast<int64_t>(trend.n),
            first, last, e.sen_slope, e.sen_intercept, e.ols_slope,
            e.s,   e.z,  e.p_value,   direction,       none};
}

Table zone_trends_table(const Table& series) {
    Table t;
    t.columns = zone_trends_columns();
    // zone_set, zone, metric -> rows, in first-seen order.
    std::vector<std::tuple<std::string, std::string, std::string>> order;
    std::map<std::tuple<std::string, std::string, std::string>, std::vector<std::vector<Cell>>>
        groups;
    for (const auto& row : series.rows) {
        const auto key = std::make_tuple(text(row[0]), text(row[1]), text(row[5]));
        auto [it, fresh] = groups.try_emplace(key);
        if (fresh) order.push_back(key);
        it->second.push_back(row);
    }
    for (const auto& key : order) t.rows.push_back(zone_trend_row(groups.at(key)));
    return t;
}

std::vector<std::string> trend_summary_lines(const Table& trends) {
    struct Change {
        double change;
        std::string zone, first, last;
    };
    std::map<std::string, std::pair<std::array<size_t, 3>, std::vector<Change>>> by_metric;
    std::vector<std::string> metric_order;
    for (const auto& row : trends.rows) {
        const std::string metric = text(row[3]);
        auto [it, fresh] = by_metric.try_emplace(metric);
        if (fresh) metric_order.push_back(metric);
        auto& [counts, changes] = it->second;
        ++counts[0];
        const std::string direction = text(row[13]);
        counts[1] += direction == "improving" || direction == "increasing";
        counts[2] += direction == "worsening" || direction == "decreasing";
        const auto slope = real(row[7]);
        if (!slope) continue;
        const std::string first = text(row[5]), last = text(row[6]);
        const double span = decimal_year(last) - decimal_year(first);
        const std::string zone =
            text(row[2]).empty() ? text(row[1]) : text(row[2]) + " (" + text(row[1]) + ")";
        changes.push_back({*slope * span, zone, first, last});
    }
    std::vector<std::string> lines;
    for (const auto& metric : metric_order) {
        auto& [counts, changes] = by_metric.at(metric);
        const SeriesMetric* m = metric_named(metric);
        const bool directed = m && m->better != 0;
        // Zones without an estimate (too few dates) are neither improving nor stable: say so.
        if (changes.empty()) {
            lines.push_back(fmt::format(
                "{}: no trend for any of {} zones (at least 3 dates with a value are needed)",
                metric, counts[0]));
            continue;
        }
        lines.push_back(
            fmt::format("{}: of {} zones with a trend ({} without: too few dates), {} {} and {} {} "
                        "significantly (p < {})",
                        metric, changes.size(), counts[0] - changes.size(), counts[1],
                        directed ? "improve" : "increase", counts[2],
                        directed ? "worsen" : "decrease", kTrendAlpha));
        std::stable_sort(changes.begin(), changes.end(), [](const Change& a, const Change& b) {
            return std::abs(a.change) > std::abs(b.change);
        });
        for (size_t i = 0; i < changes.size() && i < 5; ++i)
            lines.push_back(fmt::format("  {:+.4g} {} ({} to {}, Sen's slope x span)",
                                        changes[i].change, changes[i].zone, changes[i].first,
                                        changes[i].last));
    }
    return lines;
}

}  // namespace gg::assess
