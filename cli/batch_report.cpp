#include "cli/batch_report.hpp"

#include <fmt/format.h>

#include <iostream>

namespace gg::cli {

void print_merge(const assess::MergeResult& m) {
    std::cout << fmt::format(
        "Batch {}: {} tasks: {} done, {} failed, {} not run; {} zone x period rows, {} series "
        "rows, {} trends\n",
        m.name, m.tasks, m.done, m.failed, m.not_run, m.zone_periods, m.series_rows, m.trends);
    for (const auto& f : m.failures) std::cout << "  failed: " << f << "\n";
    if (!m.trend_summary.empty()) std::cout << "\nTrends over the dates (zone_trends):\n";
    for (const auto& line : m.trend_summary) std::cout << line << "\n";
    std::cout << "\nWrote:";
    for (const auto& f : m.files) std::cout << " " << f;
    std::cout << "\n";
}

nlohmann::ordered_json merge_json(const assess::MergeResult& m) {
    return {{"name", m.name},
            {"tasks", m.tasks},
            {"done", m.done},
            {"failed", m.failed},
            {"not_run", m.not_run},
            {"zone_periods", m.zone_periods},
            {"series_rows", m.series_rows},
            {"trends", m.trends},
            {"failures", m.failures},
            {"trend_summary", m.trend_summary},
            {"files", m.files}};
}

}  // namespace gg::cli
