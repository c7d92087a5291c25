#pragma once
// Writes an assessment's outputs into a folder: <name>.gpkg (layer zones with its default QGIS
// style and column titles, and the run history appended to the earlier runs'), <name>.csv,
// <name>.xlsx (sheets zones [, indicators, scores], metadata), and with frameworks
// <name>_indicators.csv/.json and <name>_scores.csv; optionally the history into
// PostgreSQL/PostGIS too. Every file is complete
// under a temporary name before any is renamed into place, and the database is written last, in
// one transaction: a failed run leaves the previous outputs as they were.
#include <string>
#include <vector>

#include "assess/assessment.hpp"

namespace gg::assess {

struct WrittenOutputs {
    std::string base;                // <folder>/<name>
    std::vector<std::string> files;  // in the order written
};

struct OutputOptions {
    // A UTF-8 byte order mark on every CSV, so that Excel, which opens most CSVs in Thai
    // offices, reads Thai names as UTF-8 (README: Outputs).
    bool csv_bom = true;
};

// db: empty, or a "PG:..." connection string.
WrittenOutputs write_outputs(const Project& project, const AssessmentResult& result,
                             const std::string& folder, const std::string& db = "",
                             const OutputOptions& options = {});

}  // namespace gg::assess
