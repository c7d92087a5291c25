#pragma once
// A table for the terminal, made by the library and printed as it is by the caller: every number
// is already computed and formatted, so a caller never computes.
#include <optional>
#include <string>
#include <vector>

namespace gg::assess {

struct SummaryColumn {
    std::string header;
    int width = 0;      // display columns; text longer than a left-aligned column is cut
    bool left = false;  // left-aligned (names) or right-aligned (numbers)
    int gap = 1;        // spaces before the column (none before the first)
};

struct SummaryRow {
    std::vector<std::string> cells;
    std::string line;  // when set, printed instead of the cells (a rule, "...")
};

struct SummaryTable {
    std::string title;              // printed after a blank line
    std::vector<std::string> lead;  // lines between the title and the header
    std::string indent;             // before the header and every row
    std::vector<SummaryColumn> columns;
    bool header = true;
    std::vector<SummaryRow> rows;
    std::vector<std::string> notes;  // lines after the rows
    // The rows are a selection (the best and worst zones of many): AssessmentOptions::every_zone
    // lists them all.
    bool cut = false;
};

// A figure of the whole run, for machine-readable summaries (greengauge assess --json).
struct SummaryFigure {
    std::string key;              // e.g. "green_area_m2": the unit is in the name, as in columns
    std::optional<double> value;  // none: no value (no residents, every zone left out)
};

}  // namespace gg::assess
