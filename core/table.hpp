#pragma once
// A result table as plain data: core/ builds it from statistics, gis/ writes it (CSV, GeoPackage).
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace gg {

// An empty cell (no value) is std::monostate: written as an empty CSV field and a NULL in GPKG.
using Cell = std::variant<std::monostate, int64_t, double, std::string>;

enum class ColumnType { Integer, Real, String };

// "integer", "real" or "text", for messages.
inline const char* column_type_name(ColumnType type) {
    switch (type) {
        case ColumnType::Integer:
            return "integer";
        case ColumnType::Real:
            return "real";
        case ColumnType::String:
            return "text";
    }
    return "?";
}

struct Column {
    std::string name;
    ColumnType type = ColumnType::Real;
};

struct Table {
    std::vector<Column> columns;
    std::vector<std::vector<Cell>> rows;  // each row has columns.size() cells
};

// Inserts `columns` before column `at` (kept source fields after a zonal table's id):
// values[r] holds row r's cells of them. Throws std::invalid_argument when the counts differ.
inline void insert_columns(Table& table, std::size_t at, const std::vector<Column>& columns,
                           const std::vector<std::vector<Cell>>& values) {
    if (columns.empty()) return;
    if (at > table.columns.size() || values.size() != table.rows.size())
        throw std::invalid_argument("insert_columns: position or row count does not fit");
    const auto offset = static_cast<std::ptrdiff_t>(at);
    table.columns.insert(table.columns.begin() + offset, columns.begin(), columns.end());
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        if (values[r].size() != columns.size())
            throw std::invalid_argument("insert_columns: a row has the wrong number of cells");
        table.rows[r].insert(table.rows[r].begin() + offset, values[r].begin(), values[r].end());
    }
}

}  // namespace gg
