#include "core/csv.hpp"

#include "core/error.hpp"

namespace gg {

namespace {

[[noreturn]] void fail(const std::string& file, int line, const std::string& reason) {
    std::string msg = file;
    msg.append(":").append(std::to_string(line)).append(": ").append(reason);
    throw Error(msg);
}

bool blank(const CsvRow& row) {
    return row.cells.size() == 1 && row.cells[0].empty();
}

}  // namespace

std::vector<CsvRow> parse_csv(std::string_view text, const std::string& file_label) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // Excel writes a BOM
    std::vector<CsvRow> rows;
    CsvRow row{1, {}};
    std::string cell;
    int line = 1;
    std::size_t i = 0;
    auto end_row = [&] {
        row.cells.push_back(std::move(cell));
        cell.clear();
        if (!blank(row)) rows.push_back(std::move(row));
        row = CsvRow{line, {}};
    };
    while (i < text.size()) {
        const char c = text[i];
        if (c == '"' && cell.empty()) {  // a quoted field runs to the closing quote
            const int start = line;
            ++i;
            for (;;) {
                if (i >= text.size()) fail(file_label, start, "quoted field has no closing quote");
                if (text[i] == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') {
                        cell.push_back('"');
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                if (text[i] == '\n') ++line;
                cell.push_back(text[i++]);
            }
            if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
                fail(file_label, line, "text after the closing quote of a quoted field");
            continue;
        }
        if (c == ',') {
            row.cells.push_back(std::move(cell));
            cell.clear();
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            ++line;
            end_row();
        } else {
            cell.push_back(c);
        }
        ++i;
    }
    if (!cell.empty() || !row.cells.empty()) end_row();
    return rows;
}

std::string trim_cell(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return "";
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

}  // namespace gg
