#include "cli/summary_table.hpp"

#include <fmt/format.h>

#include <iostream>

namespace gg::cli {
namespace {

std::string cell(const assess::SummaryColumn& c, const std::string& text, bool header) {
    if (c.width <= 0) return text;
    if (c.left) return fmt::format("{:<{}.{}}", text, c.width, c.width);
    // Numbers are never cut; a header is, to its column.
    return header ? fmt::format("{:>{}.{}}", text, c.width, c.width)
                  : fmt::format("{:>{}}", text, c.width);
}

std::string line(const assess::SummaryTable& t, const std::vector<std::string>& cells,
                 bool header) {
    std::string out = t.indent;
    for (size_t i = 0; i < t.columns.size(); ++i) {
        if (i > 0) out.append(static_cast<size_t>(t.columns[i].gap), ' ');
        out += cell(t.columns[i], i < cells.size() ? cells[i] : "", header);
    }
    return out;
}

}  // namespace

void print_tables(const std::vector<assess::SummaryTable>& tables) {
    for (const auto& t : tables) {
        std::cout << "\n" << t.title << "\n";
        for (const auto& l : t.lead) std::cout << l << "\n";
        if (!t.columns.empty() && t.header) {
            std::vector<std::string> headers;
            for (const auto& c : t.columns) headers.push_back(c.header);
            std::cout << line(t, headers, true) << "\n";
        }
        for (const auto& r : t.rows)
            std::cout << (r.line.empty() ? line(t, r.cells, false) : r.line) << "\n";
        for (const auto& n : t.notes) std::cout << n << "\n";
        if (t.cut) std::cout << t.indent << "(greengauge assess --verbose lists every one)\n";
    }
}

}  // namespace gg::cli
