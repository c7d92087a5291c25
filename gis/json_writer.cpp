// A result table as JSON: {"metadata": {...}, "columns": [...], "rows": [{column: value}]}, with
// null for empty cells; written under a temporary name and renamed when complete.
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>

#include "core/error.hpp"
#include "gis/table_writer.hpp"

namespace gg {

void write_json(const Table& table, const std::string& path, const Metadata& metadata) {
    nlohmann::ordered_json doc;
    doc["metadata"] = nlohmann::ordered_json(metadata);
    doc["columns"] = nlohmann::ordered_json::array();
    for (const auto& c : table.columns) doc["columns"].push_back(c.name);
    auto& rows = doc["rows"] = nlohmann::ordered_json::array();
    for (const auto& row : table.rows) {
        if (row.size() != table.columns.size())
            throw Error(path + ": internal error: a row has " + std::to_string(row.size()) +
                        " cells for " + std::to_string(table.columns.size()) + " columns");
        nlohmann::ordered_json object;
        for (size_t i = 0; i < row.size(); ++i) {
            auto& v = object[table.columns[i].name];
            if (const auto* n = std::get_if<int64_t>(&row[i]))
                v = *n;
            else if (const auto* d = std::get_if<double>(&row[i]))
                v = std::isfinite(*d) ? nlohmann::ordered_json(*d) : nlohmann::ordered_json();
            else if (const auto* s = std::get_if<std::string>(&row[i]))
                v = *s;
            else
                v = nullptr;
        }
        rows.push_back(std::move(object));
    }
    AtomicOutput out(path);
    {
        std::ofstream file(out.temp_path(), std::ios::binary);
        // Invalid UTF-8 (a mis-encoded source) is replaced, not fatal.
        file << doc.dump(1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
        if (!file.flush()) throw Error(path + ": cannot write the file");
    }
    out.commit();
}

}  // namespace gg
