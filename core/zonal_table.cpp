#include "core/zonal_table.hpp"

#include <charconv>
#include <cmath>
#include <set>

namespace gg {

std::string class_label(double value) {
    char buf[64];
    if (std::nearbyint(value) == value && std::abs(value) < 1e15) {
        const auto r = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(value));
        return std::string(buf, r.ptr);
    }
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    return std::string(buf, r.ptr);
}

namespace {

Cell optional_cell(const std::optional<double>& v) {
    if (!v) return std::monostate{};
    return *v;
}

}  // namespace

Table zonal_statistics_table(const ZoneIds& ids, const std::vector<int>& bands,
                             const std::vector<StatSpec>& stats,
                             const std::vector<std::vector<ZoneAccumulator>>& accumulators) {
    Table table;
    table.columns.push_back({ids.column, ids.integer ? ColumnType::Integer : ColumnType::String});

    // Per band, the class values of frac columns: the union over all zones, ascending.
    std::vector<std::vector<double>> classes(bands.size());
    for (size_t b = 0; b < bands.size(); ++b) {
        std::set<double> seen;
        for (const auto& zone : accumulators)
            if (zone[b].keeps_distribution())
                for (double v : zone[b].classes()) seen.insert(v);
        classes[b].assign(seen.begin(), seen.end());
    }

    for (size_t b = 0; b < bands.size(); ++b) {
        // Built with append: GCC 12 misreports -Wrestrict on chained operator+ (PR 105329).
        std::string prefix;
        if (bands.size() > 1) prefix.append("b").append(std::to_string(bands[b])).append("_");
        for (const auto& s : stats) {
            if (s.kind == StatKind::Frac) {
                for (double v : classes[b])
                    table.columns.push_back(
                        {std::string(prefix).append("frac_").append(class_label(v)),
                         ColumnType::Real});
            } else {
                table.columns.push_back({std::string(prefix).append(s.name()), ColumnType::Real});
            }
        }
    }

    for (size_t z = 0; z < accumulators.size(); ++z) {
        std::vector<Cell> row;
        row.reserve(table.columns.size());
        if (ids.integer)
            row.emplace_back(static_cast<int64_t>(std::stoll(ids.values[z])));
        else
            row.emplace_back(ids.values[z]);
        for (size_t b = 0; b < bands.size(); ++b) {
            const ZoneAccumulator& acc = accumulators[z][b];
            for (const auto& s : stats) {
                if (s.kind == StatKind::Frac) {
                    for (double v : classes[b]) row.push_back(optional_cell(acc.fraction(v)));
                } else {
                    row.push_back(optional_cell(stat_value(s, acc)));
                }
            }
        }
        table.rows.push_back(std::move(row));
    }
    return table;
}

}  // namespace gg
