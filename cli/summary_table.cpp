#include "cli/summary_table.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <iostream>
#include <string_view>

namespace gg::cli {
namespace {

// The next character of text at `at`: its byte length and the terminal columns it takes
// (utf8proc_charwidth: 0 for combining marks such as Thai vowel and tone marks above or below
// a consonant, 2 for East Asian wide characters). A byte that is not valid UTF-8 counts as one
// column, as a terminal shows a replacement character for it.
struct Char {
    size_t bytes = 1;
    int width = 1;
};

Char next_char(std::string_view text, size_t at) {
    utf8proc_int32_t cp = 0;
    const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + at),
                                    static_cast<utf8proc_ssize_t>(text.size() - at), &cp);
    if (n <= 0) return {};
    return {static_cast<size_t>(n), cp < 0x20 ? 0 : utf8proc_charwidth(cp)};
}

int display_width(std::string_view text) {
    int width = 0;
    for (size_t at = 0; at < text.size();) {
        const Char c = next_char(text, at);
        width += c.width;
        at += c.bytes;
    }
    return width;
}

// The longest start of text that fits in `width` columns, with the marks that combine with its
// last character (a cut never separates a Thai consonant from its vowel or tone mark).
std::string_view cut_to_width(std::string_view text, int width) {
    int used = 0;
    size_t at = 0;
    while (at < text.size()) {
        const Char c = next_char(text, at);
        if (used + c.width > width) break;
        used += c.width;
        at += c.bytes;
    }
    return text.substr(0, at);
}

std::string padded(std::string_view text, int width, bool left) {
    const int pad = std::max(0, width - display_width(text));
    std::string out;
    if (!left) out.append(static_cast<size_t>(pad), ' ');
    out.append(text);
    if (left) out.append(static_cast<size_t>(pad), ' ');
    return out;
}

std::string cell(const assess::SummaryColumn& c, const std::string& text, bool header) {
    if (c.width <= 0) return text;
    // Numbers are never cut; names are, and a header is, to its column.
    const bool cut = c.left || header;
    return padded(cut ? cut_to_width(text, c.width) : std::string_view(text), c.width, c.left);
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
