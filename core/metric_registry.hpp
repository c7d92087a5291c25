#pragma once
// The metrics an indicator expression can name: id, unit, meaning and source. The list is not
// written here: the assessment library derives it from its metric families and installs it once
// (set_metric_registry), so outputs, --help and frameworks read one list.
#include <string_view>
#include <vector>

namespace gg {

struct MetricInfo {
    std::string_view id;
    std::string_view unit;
    std::string_view description;
    std::string_view source;
    // False for metrics that frameworks may already name but no family computes yet: an
    // indicator using one is reported as "metric not available yet".
    bool available = true;
    // What the value is measured from ("imagery", "polygons", "landcover", "population"): a zone
    // that this source covers too little keeps the value but its indicators are not scored.
    std::string_view basis = {};
};

// The installed list (empty until set_metric_registry is called).
const std::vector<MetricInfo>& metric_registry();
// Null for an unknown id.
const MetricInfo* find_metric(std::string_view id);
// Throws gg::Error for an unknown id.
const MetricInfo& metric_info(std::string_view id);
// Replaces the list; throws gg::Error when an id is listed twice.
void set_metric_registry(std::vector<MetricInfo> metrics);

}  // namespace gg
