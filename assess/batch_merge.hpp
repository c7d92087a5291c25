#pragma once
// Gathers a batch's task results (OUT/tasks/) into its outputs (docs/batch.md "Outputs"):
// OUT/<name>.gpkg with the layer zones (each zone set's zones, styled geometry in the first
// set's CRS) and the tables zone_periods, zone_series, zone_trends, indicators, scores and
// batch_tasks; the same as CSV and one XLSX; OUT/batch_report.csv/.json (every task: done,
// failed with its reason, or not run). Reads nothing but OUT/, so merging twice gives the same
// bytes, and a shard's merge sees every shard's finished tasks. Streams: one task's result in
// memory at a time, the CSVs and XLSX read back from the GeoPackage row by row (docs/batch.md).
#include <string>
#include <vector>

namespace gg::assess {

struct MergeOptions {
    bool csv_bom = true;  // README: Outputs (Excel in Thai offices)
    // Rows gathered before they go into the GeoPackage: memory holds one task's result and at
    // most about this many rows, whatever the number of tasks. The outputs do not depend on it.
    size_t chunk_rows = 20000;
};

struct MergeResult {
    std::string name;
    size_t tasks = 0, done = 0, failed = 0, not_run = 0;
    size_t zone_periods = 0, series_rows = 0, trends = 0;
    std::vector<std::string> files;          // in the order written
    std::vector<std::string> trend_summary;  // trend_summary_lines
    std::vector<std::string> failures;       // "zone set / period: reason"
};

// Throws gg::Error when OUT/ holds no batch plan (batch_plan.json) or a result cannot be read.
MergeResult merge_batch(const std::string& out_dir, const MergeOptions& options = {});

}  // namespace gg::assess
