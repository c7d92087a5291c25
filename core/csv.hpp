#pragma once
// A small RFC 4180 CSV reader: quoted fields (with "" for a quote, commas and line breaks
// inside), LF or CRLF line ends, a UTF-8 byte order mark tolerated. Blank lines are skipped.
#include <string>
#include <string_view>
#include <vector>

namespace gg {

struct CsvRow {
    int line = 0;  // where the row starts, 1-based, for messages
    std::vector<std::string> cells;
};

// Throws gg::Error "<file>:<line>: reason" for an unterminated quote or text after a closing
// quote.
std::vector<CsvRow> parse_csv(std::string_view text, const std::string& file_label);

// A cell without the ASCII spaces and tabs around it (only those, so Thai text is never touched).
std::string trim_cell(const std::string& s);

}  // namespace gg
