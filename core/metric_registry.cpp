#include "core/metric_registry.hpp"

#include <set>
#include <string>

#include "core/error.hpp"

namespace gg {
namespace {

std::vector<MetricInfo>& installed() {
    static std::vector<MetricInfo> registry;
    return registry;
}

}  // namespace

const std::vector<MetricInfo>& metric_registry() {
    return installed();
}

const MetricInfo* find_metric(std::string_view id) {
    for (const auto& m : installed())
        if (m.id == id) return &m;
    return nullptr;
}

const MetricInfo& metric_info(std::string_view id) {
    if (const MetricInfo* m = find_metric(id)) return *m;
    throw Error("unknown metric \"" + std::string(id) + "\"");
}

void set_metric_registry(std::vector<MetricInfo> metrics) {
    std::set<std::string_view> ids;
    for (const auto& m : metrics)
        if (!ids.insert(m.id).second)
            throw Error("metric \"" + std::string(m.id) + "\" is declared twice");
    installed() = std::move(metrics);
}

}  // namespace gg
