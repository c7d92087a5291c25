// Municipal records CSV (core/records.hpp): zone_id, year, then one column per input id.
#include "core/records.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <vector>

#include "core/csv.hpp"
#include "core/error.hpp"

namespace gg {

namespace {

std::string quoted(const std::string& s) {
    std::string out = "\"";
    out.append(s).append("\"");
    return out;
}

[[noreturn]] void fail(const std::string& file, int line, const std::string& reason) {
    std::string msg = file;
    msg.append(":").append(std::to_string(line)).append(": ").append(reason);
    throw Error(msg);
}

std::optional<int> whole_number(const std::string& s) {
    int v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return v;
}

// Zone ids not in the project, reported once: the line of the first and a few of them.
struct UnknownZones {
    int first_line = 0;
    std::set<std::string> ids;
    std::vector<std::string> examples;  // in file order
    void add(const std::string& zone, int line) {
        if (ids.empty()) first_line = line;
        if (ids.insert(zone).second && examples.size() < 5) examples.push_back(zone);
    }
};

}  // namespace

std::optional<std::string> Records::text(const std::string& zone, int year,
                                         const std::string& input) const {
    const auto row = rows.find({zone, year});
    if (row == rows.end()) return std::nullopt;
    const auto cell = row->second.find(input);
    if (cell == row->second.end() || cell->second.empty()) return std::nullopt;
    return cell->second;
}

Records parse_records(const std::string& csv_text, const std::string& file_label,
                      const std::set<std::string>& known_zone_ids) {
    Records rec;
    rec.file = file_label;
    const std::vector<CsvRow> rows = parse_csv(csv_text, file_label);
    if (rows.empty()) fail(file_label, 1, "empty records file (expected zone_id, year, ...)");

    const CsvRow& header = rows.front();
    std::vector<std::string> names;
    int zone_col = -1, year_col = -1;
    for (const auto& raw : header.cells) {
        const std::string name = trim_cell(raw);
        if (name.empty()) fail(file_label, header.line, "a column has no name");
        for (const auto& n : names)
            if (n == name) fail(file_label, header.line, "duplicate column " + quoted(name));
        if (name == "zone_id") zone_col = static_cast<int>(names.size());
        if (name == "year") year_col = static_cast<int>(names.size());
        if (name != "zone_id" && name != "year") rec.columns.insert(name);
        names.push_back(name);
    }
    if (zone_col < 0) fail(file_label, header.line, "no zone_id column");
    if (year_col < 0) fail(file_label, header.line, "no year column");

    UnknownZones unknown;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const CsvRow& row = rows[r];
        if (row.cells.size() != names.size())
            fail(file_label, row.line,
                 std::to_string(row.cells.size()) + " cells, the header has " +
                     std::to_string(names.size()));
        const std::string zone = trim_cell(row.cells[zone_col]);
        const std::string year_text = trim_cell(row.cells[year_col]);
        if (zone.empty()) fail(file_label, row.line, "empty zone_id");
        const auto year = whole_number(year_text);
        if (!year)
            fail(file_label, row.line, "year " + quoted(year_text) + " is not a whole number");
        if (!known_zone_ids.count(zone)) unknown.add(zone, row.line);
        std::map<std::string, std::string> cells;
        for (std::size_t c = 0; c < names.size(); ++c)
            if (static_cast<int>(c) != zone_col && static_cast<int>(c) != year_col)
                cells[names[c]] = trim_cell(row.cells[c]);
        if (!rec.rows.emplace(std::make_pair(zone, *year), std::move(cells)).second)
            fail(file_label, row.line,
                 "duplicate row for zone " + quoted(zone) + ", year " + year_text);
    }
    if (!unknown.ids.empty()) {
        std::string list;
        for (const auto& z : unknown.examples)
            list.append(list.empty() ? "" : ", ").append(quoted(z));
        if (unknown.ids.size() > unknown.examples.size()) list.append(", ...");
        fail(file_label, unknown.first_line,
             std::to_string(unknown.ids.size()) +
                 " zone id(s) that are not zones of the project: " + list);
    }
    return rec;
}

Records load_records_file(const std::string& path, const std::set<std::string>& known_zone_ids) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path + ": cannot open the records file");
    std::ostringstream text;
    text << in.rdbuf();
    return parse_records(text.str(), path, known_zone_ids);
}

std::optional<double> record_number(const Records& records, const std::string& zone, int year,
                                    const std::string& input) {
    const auto text = records.text(zone, year, input);
    if (!text) return std::nullopt;
    const char* b = text->data();
    const char* e = b + text->size();
    if (e - b > 1 && *b == '+' && b[1] != '-') ++b;  // from_chars does not take a leading plus
    double v = 0;
    const auto [end, ec] = std::from_chars(b, e, v);
    if (ec != std::errc() || end != e || !std::isfinite(v)) {
        std::string msg = records.file;
        msg.append(": zone ").append(zone).append(", year ").append(std::to_string(year));
        msg.append(": input ").append(input).append(" is not a number (").append(quoted(*text));
        msg.append(")");
        throw Error(msg);
    }
    return v;
}

}  // namespace gg
