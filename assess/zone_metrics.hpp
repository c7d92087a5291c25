#pragma once
// The metrics of every zone of a run: a value, or no value with the reason, per zone and metric
// id; values that are proxies say so; and per zone the sources (imagery, ...) that cover it too
// little for its indicators to be scored. Families write here; outputs and indicators read it.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/framework.hpp"
#include "core/table.hpp"

namespace gg::assess {

struct MetricCell {
    std::optional<double> value;
    std::string reason;  // why there is no value
    std::string proxy;   // what the value stands in for, when it is a proxy
    std::string basis;   // what it is measured from (default: the registry's basis)
};

class ZoneMetrics {
  public:
    ZoneMetrics() = default;
    explicit ZoneMetrics(size_t zones) : cells_(zones), withheld_(zones) {}

    size_t zones() const { return cells_.size(); }

    // A value (proxy: a note saying what it stands in for; empty when it is not a proxy).
    void set(size_t zone, const std::string& id, double value, const std::string& proxy = "");
    // No value, with the reason ("no residents", "zone outside the image").
    void missing(size_t zone, const std::string& id, const std::string& reason);
    // Sets a value or the reason when there is none.
    void put(size_t zone, const std::string& id, const std::optional<double>& value,
             const std::string& reason_if_missing);
    // The value's basis when it is not the registry's (a tree map instead of NDVI).
    void set_basis(size_t zone, const std::string& id, const std::string& basis);

    const MetricCell& cell(size_t zone, const std::string& id) const;
    std::optional<double> value(size_t zone, const std::string& id) const {
        return cell(zone, id).value;
    }

    // Indicators of this zone that use a metric measured from `basis` get no score: reason.
    void withhold(size_t zone, const std::string& basis, const std::string& reason);
    // The reason, or empty when the basis is not withheld for the zone.
    std::string withheld(size_t zone, const std::string& basis) const;

    // Every value of metric `id` is a whole number in this run (a 0/1 flag, a count read from an
    // integer field): the outputs store it as an integer column.
    void mark_integer(const std::string& id);
    bool is_integer(const std::string& id) const { return integer_.count(id) > 0; }

    // What the indicator framework reads for one zone: numbers, reasons, withheld and proxy
    // notes by metric id.
    void fill(size_t zone, ZoneValues& values) const;

  private:
    std::vector<std::map<std::string, MetricCell>> cells_;
    std::vector<std::map<std::string, std::string>> withheld_;  // per zone: basis -> reason
    std::set<std::string> integer_;
};

// The run's zone metrics as a long history table, appended run after run like the indicators
// (the zones layer itself is replaced): run_id, zone_id, metric, value (empty when none),
// reason (why there is none). One row per zone and column, zones in layer order, columns in the
// order given. Long rather than wide: the set of metrics changes with the project and the tool
// version, and a trend is one filter (metric = '...') over any number of runs.
Table zone_metrics_table(const std::string& run_id, const std::vector<std::string>& zone_ids,
                         const std::vector<std::string>& columns, const ZoneMetrics& metrics);

}  // namespace gg::assess
