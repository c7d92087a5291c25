#pragma once
// The assessment library's entry point: a parsed project in, per-zone metric tables, indicator
// tables, run records and summary tables out, with nothing printed. The CLI, the batch runner
// and the Python module all call this.
#include <optional>
#include <string>
#include <vector>

#include "assess/indicator_run.hpp"
#include "assess/indicator_summary.hpp"
#include "assess/project.hpp"
#include "assess/run_context.hpp"
#include "assess/run_record.hpp"
#include "assess/summary.hpp"
#include "assess/zone_metrics.hpp"
#include "core/table.hpp"
#include "gis/history_store.hpp"
#include "gis/table_writer.hpp"
#include "gis/zone_reader.hpp"

namespace gg::assess {

struct AssessmentOptions {
    int threads = 0;  // 0: the current oneTBB arena (all cores)
    Reporter reporter;
    // Summary tables list every zone (or group of zones); by default a table of many shows a
    // selection (the best and worst ten) and says so (SummaryTable::cut).
    bool every_zone = false;
    // Coverage shared with other runs on the same grids (a batch's dates); none: computed here.
    std::shared_ptr<CoverageCache> coverage_cache;
    // The zones' ground areas shared with other runs (a batch's tasks); none: measured here.
    std::shared_ptr<GroundAreaCache> ground_area_cache;
    // The run histories that framework baselines given by a year alone are read from, in order
    // (history_path: the GeoPackage the outputs append to; the --db database); none: the
    // records CSV alone.
    std::vector<std::string> histories;
};

struct AssessmentResult {
    RunRecord record;
    ZoneSet zones;                     // ids, names, attributes, source geometry
    std::vector<std::string> columns;  // the metric columns of the zones table, in order
    ZoneMetrics metrics;
    std::optional<IndicatorRun> indicators;
    Table zones_table;    // id, name, the kept fields, the metric columns
    NamedTables history;  // runs, run_inputs, zone_metrics [, indicators, scores]
    Metadata metadata;    // recorded with every output
    std::vector<SummaryTable> summaries;
    std::vector<SummaryFigure> totals;              // the families' figures of the whole run
    std::vector<FrameworkScores> framework_scores;  // per framework, its scores across zones
    std::vector<std::string> warnings;              // every warning reported, in order
    int raster_passes = 0;                          // rasters read (each once)
    std::vector<RasterOutput> rasters;              // written by write_outputs
};

// The metric columns a project gets: every family's, in family order.
std::vector<std::string> zone_metric_columns(const Project& project);

AssessmentResult run_assessment(const Project& project, const AssessmentOptions& options = {});

}  // namespace gg::assess
