#include "assess/zone_metrics.hpp"

#include <cmath>

#include "core/error.hpp"
#include "core/metric_registry.hpp"

namespace gg::assess {
namespace {

// Every id a family writes is a registered metric: a misspelt id fails the run, not silently.
void check_id(const std::string& id) {
    if (!find_metric(id)) throw Error("internal: metric \"" + id + "\" is not registered");
}

}  // namespace

void ZoneMetrics::set(size_t zone, const std::string& id, double value, const std::string& proxy) {
    check_id(id);
    MetricCell& c = cells_.at(zone)[id];
    c.value = value;
    c.reason.clear();
    c.proxy = proxy;
}

void ZoneMetrics::missing(size_t zone, const std::string& id, const std::string& reason) {
    check_id(id);
    MetricCell& c = cells_.at(zone)[id];
    c.value.reset();
    c.reason = reason;
    c.proxy.clear();
}

void ZoneMetrics::put(size_t zone, const std::string& id, const std::optional<double>& value,
                      const std::string& reason_if_missing) {
    if (value)
        set(zone, id, *value);
    else
        missing(zone, id, reason_if_missing);
}

void ZoneMetrics::mark_integer(const std::string& id) {
    check_id(id);
    integer_.insert(id);
}

void ZoneMetrics::set_basis(size_t zone, const std::string& id, const std::string& basis) {
    check_id(id);
    cells_.at(zone)[id].basis = basis;
}

const MetricCell& ZoneMetrics::cell(size_t zone, const std::string& id) const {
    static const MetricCell none;
    const auto& zone_cells = cells_.at(zone);
    const auto it = zone_cells.find(id);
    return it == zone_cells.end() ? none : it->second;
}

void ZoneMetrics::withhold(size_t zone, const std::string& basis, const std::string& reason) {
    withheld_.at(zone)[basis] = reason;
}

std::string ZoneMetrics::withheld(size_t zone, const std::string& basis) const {
    const auto& w = withheld_.at(zone);
    const auto it = w.find(basis);
    return it == w.end() ? std::string() : it->second;
}

void ZoneMetrics::fill(size_t zone, ZoneValues& values) const {
    for (const auto& [id, c] : cells_.at(zone)) {
        if (c.value && std::isfinite(*c.value)) {
            values.numbers[id] = *c.value;
            if (!c.proxy.empty()) values.proxies[id] = c.proxy;
            const std::string basis =
                !c.basis.empty() ? c.basis : std::string(metric_info(id).basis);
            if (!basis.empty())
                if (auto why = withheld(zone, basis); !why.empty()) values.withheld[id] = why;
        } else if (!c.reason.empty()) {
            values.reasons[id] = c.reason;
        }
    }
}

Table zone_metrics_table(const std::string& run_id, const std::vector<std::string>& zone_ids,
                         const std::vector<std::string>& columns, const ZoneMetrics& metrics) {
    using T = ColumnType;
    Table t;
    t.columns = {{"run_id", T::String},
                 {"zone_id", T::String},
                 {"metric", T::String},
                 {"value", T::Real},
                 {"reason", T::String}};
    t.rows.reserve(zone_ids.size() * columns.size());
    for (size_t z = 0; z < zone_ids.size(); ++z)
        for (const auto& c : columns) {
            const MetricCell& cell = metrics.cell(z, c);
            Cell value, reason;
            if (cell.value)
                value = *cell.value;
            else if (!cell.reason.empty())
                reason = cell.reason;
            t.rows.push_back({run_id, zone_ids[z], c, std::move(value), std::move(reason)});
        }
    return t;
}

}  // namespace gg::assess
