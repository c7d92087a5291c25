// Emissivity by land-cover class (core/emissivity_table.hpp; docs/methods.md 7.1).
#include "core/emissivity_table.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/lst.hpp"
#include "core/text_number.hpp"

namespace gg {
EmissivityTable parse_emissivity_table(std::string_view csv_text, const std::string& label) {
    const std::vector<CsvRow> rows = parse_csv(csv_text, label);
    if (rows.empty())
        throw Error(label + ": the emissivity table is empty (columns class, emissivity)");
    int class_col = -1, value_col = -1;
    for (size_t i = 0; i < rows[0].cells.size(); ++i) {
        const std::string h = trim_cell(rows[0].cells[i]);
        if (h == "class") class_col = static_cast<int>(i);
        if (h == "emissivity") value_col = static_cast<int>(i);
    }
    if (class_col < 0 || value_col < 0)
        throw Error(label + ":" + std::to_string(rows[0].line) +
                    ": the emissivity table needs the columns class and emissivity");
    EmissivityTable table;
    table.label = label;
    for (size_t r = 1; r < rows.size(); ++r) {
        const CsvRow& row = rows[r];
        const std::string where = label + ":" + std::to_string(row.line) + ": ";
        const auto cell = [&](int col) {
            return static_cast<size_t>(col) < row.cells.size() ? trim_cell(row.cells[col]) : "";
        };
        const std::string code_text = cell(class_col), value_text = cell(value_col);
        int64_t code = 0;
        const auto [end, ec] =
            std::from_chars(code_text.data(), code_text.data() + code_text.size(), code);
        if (code_text.empty() || ec != std::errc() || end != code_text.data() + code_text.size())
            throw Error(where + "class \"" + code_text + "\" is not a whole number");
        std::optional<double> value;
        if (value_text != "ndvi") {
            const std::optional<double> v = parse_finite_number(value_text);
            if (!v || !(*v > 0 && *v <= 1))
                throw Error(where + "emissivity \"" + value_text +
                            "\" is neither a number in (0, 1] nor ndvi");
            value = *v;
        }
        if (!table.by_class.emplace(code, value).second)
            throw Error(where + "class " + code_text + " is given twice");
    }
    if (table.by_class.empty()) throw Error(label + ": the emissivity table has no class");
    return table;
}

EmissivityTable load_emissivity_table(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path + ": cannot open the emissivity table");
    std::ostringstream text;
    text << in.rdbuf();
    return parse_emissivity_table(text.str(), path);
}

std::optional<double> class_emissivity(const EmissivityTable& table, double code,
                                       std::optional<double> ndvi, double red_reflectance) {
    // A class is an integer code. Below 9e15 (< 2^53) a double holds every integer exactly, so the
    // cast to int64_t is exact and defined; NaN, infinities and fractions match no class.
    if (!(std::abs(code) < 9e15) || code != std::floor(code)) return std::nullopt;
    const auto it = table.by_class.find(static_cast<int64_t>(code));
    if (it == table.by_class.end()) return std::nullopt;
    if (it->second) return it->second;
    if (!ndvi) return std::nullopt;
    static const NdviThresholdEmissivity thresholds;
    return ndvi_threshold_emissivity(*ndvi, red_reflectance, thresholds);
}

}  // namespace gg
