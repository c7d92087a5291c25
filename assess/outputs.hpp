#pragma once
// Writes an assessment's outputs into a folder: <name>.gpkg (layer zones with its default QGIS
// style and column titles, and the run history appended to the earlier runs'), <name>.csv,
// <name>.xlsx (sheets zones [, indicators, scores], metadata), and with frameworks
// <name>_indicators.csv/.json and <name>_scores.csv, the rasters of the families
// (FamilyRun::rasters: e.g. <name>_wetland_transition.tif); optionally the history into
// PostgreSQL/PostGIS too. Every file is complete
// under a temporary name before any is renamed into place, and the database is written last, in
// one transaction: a failed run leaves the previous outputs as they were.
//
// What may be replaced. The output folder is meant to be reused: a re-run of a project appends a
// run to the history in <name>.gpkg and replaces the other files (they hold the latest run; every
// run's indicators and scores stay in the history). So without `overwrite` a run is refused when
// one of its files exists but <name>.gpkg is not a run history (is_run_history: absent, or
// without a runs table), i.e. the files were not written by assess for a project of this name.
// With `overwrite` such files are replaced (a GeoPackage that is not a history, with all its
// layers); a run history is still kept and appended to. An input of the run (the zones, an
// image, the records, a framework file) is never replaced, with or without `overwrite`.
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
    // Replace files of the run's name that no earlier run of this project wrote (see above).
    bool overwrite = false;
};

// The run history of `project` in `folder` (<folder>/<name>.gpkg), which the outputs append to
// and framework baselines are read from (AssessmentOptions::history).
std::string history_path(const Project& project, const std::string& folder);

// The files a run of `project` writes into `folder`, in the order written.
std::vector<std::string> output_files(const Project& project, const std::string& folder);

// Throws gg::Error naming the file when the run may not write into `folder` (see above). Callers
// call it before the run, so a long run is not refused at its end; write_outputs checks again.
void check_outputs(const Project& project, const std::string& folder, bool overwrite);

// db: empty, or a "PG:..." connection string.
WrittenOutputs write_outputs(const Project& project, const AssessmentResult& result,
                             const std::string& folder, const std::string& db = "",
                             const OutputOptions& options = {});

}  // namespace gg::assess
