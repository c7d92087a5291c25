#pragma once
// The one list of metrics GreenGauge computes per zone: id, unit, meaning and source. Outputs,
// --help and (later) indicator frameworks read it, so a metric is described in one place.
#include <string_view>
#include <vector>

namespace gg {

struct MetricInfo {
    std::string_view id;
    std::string_view unit;
    std::string_view description;
    std::string_view source;
    // False for metrics that frameworks may already name but a later release computes: an
    // indicator using one is reported as "metric not available yet".
    bool available = true;
};

const std::vector<MetricInfo>& metric_registry();
// Throws gg::Error for an unknown id.
const MetricInfo& metric_info(std::string_view id);

}  // namespace gg
