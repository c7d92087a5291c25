#pragma once
// A result table as plain data: core/ builds it from statistics, gis/ writes it (CSV, GeoPackage).
#include <cstdint>
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

}  // namespace gg
