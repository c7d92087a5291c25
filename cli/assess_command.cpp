// greengauge assess: the main job. A thin caller of the assessment library: loads the project
// file, runs it, writes the outputs and prints the library's summary tables.
#include <fmt/format.h>

#include <iostream>
#include <map>
#include <memory>

#include "assess/assessment.hpp"
#include "assess/families.hpp"
#include "assess/help.hpp"
#include "assess/outputs.hpp"
#include "assess/run_summary.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/progress.hpp"
#include "cli/summary_table.hpp"
#include "gis/history_store.hpp"
#include "gis/output_lock.hpp"

namespace gg::cli {
namespace {

struct AssessOptions {
    std::string project;
    std::string output_dir = "greengauge-out";
    std::string db;  // optional "PG:..." history database
    int threads = 0;
    bool csv_bom = true;   // README: Outputs (Excel in Thai offices)
    bool verbose = false;  // every zone in the tables
    ReportFlags report;
};

void run(const AssessOptions& o) {
    set_report_mode(o.report);
    const assess::Project p = assess::load_project(o.project, assess::builtin_families());
    const OutputFolderLock lock(o.output_dir);  // held to the last output written
    // Before the long work: a run that may not write its outputs is refused now, not at its end.
    assess::check_outputs(p, o.output_dir, o.report.overwrite);
    std::map<std::string, std::unique_ptr<Progress>> progress;
    assess::AssessmentOptions options;
    options.threads = o.threads;
    options.every_zone = o.verbose;
    options.histories = {assess::history_path(p, o.output_dir)};
    if (!o.db.empty()) options.histories.push_back(o.db);
    options.reporter.warning = [](const std::string& line) { warn(line); };
    options.reporter.progress = [&progress](const std::string& label, double done) {
        auto& bar = progress[label];
        if (!bar) bar = std::make_unique<Progress>(label);
        bar->update(done);
    };
    options.reporter.progress_done = [&progress](const std::string& label) {
        if (auto it = progress.find(label); it != progress.end()) it->second->finish();
        progress.erase(label);
    };
    const assess::AssessmentResult result = assess::run_assessment(p, options);
    assess::OutputOptions outputs;
    outputs.csv_bom = o.csv_bom;
    outputs.overwrite = o.report.overwrite;
    const assess::WrittenOutputs written =
        assess::write_outputs(p, result, o.output_dir, o.db, outputs);
    if (o.report.json) return print_json(assess::run_summary_json(p, result, written, o.db));
    if (!text_output()) return;

    print_tables(result.summaries);
    const bool indicators = result.indicators.has_value();
    const std::string& base = written.base;
    std::cout << fmt::format(
        "\nRun {}: wrote {}.gpkg (layer zones; history tables runs, "
        "run_inputs, zone_metrics{}), {}.xlsx and {}.csv{}{}\n",
        result.record.id, base, indicators ? ", indicators, scores" : "", base, base,
        indicators ? ", " + base + "_indicators.csv/.json, " + base + "_scores.csv" : "",
        o.db.empty() ? "" : "; history appended to " + redact_target(o.db));
    for (const auto& f : written.files)
        if (f.size() > 4 && f.compare(f.size() - 4, 4, ".tif") == 0)
            std::cout << "  raster " << f << "\n";
}

}  // namespace

void add_assess_command(CLI::App& app) {
    auto options = std::make_shared<AssessOptions>();
    CLI::App* cmd = app.add_subcommand(
        "assess", "Green cover, green space per capita and indicator scores per zone");
    cmd->add_option("project", options->project, "Project file (YAML); see data/demo/olinda.yaml")
        ->required();
    cmd->add_option("--output,-o", options->output_dir,
                    "Output folder for <name>.gpkg, <name>.csv and the indicator tables")
        ->capture_default_str();
    cmd->add_option(
        "--db", options->db,
        "Also append the run history to PostgreSQL/PostGIS: \"PG:host=... dbname=...\"");
    cmd->add_option("--threads,-j", options->threads, "Worker threads (default: all cores)")
        ->check(thread_count_check());
    cmd->add_flag("--csv-bom,!--no-csv-bom", options->csv_bom,
                  "Start every CSV with a UTF-8 byte order mark, so Excel shows Thai names "
                  "(default; --no-csv-bom for plain UTF-8)");
    cmd->add_flag("--verbose", options->verbose,
                  "Every zone (or group of zones) in the tables; by default a table of more than "
                  "30 shows the best and worst 10");
    add_report_flags(*cmd, options->report,
                     "Replace output files that are not from an earlier run of this project (see "
                     "below); a run history in <name>.gpkg is still kept and appended to");
    cmd->footer(
        assess::assess_reference(assess::builtin_families()) +
        "\nOutputs and re-runs. The output folder is meant to be reused: a re-run of a project\n"
        "appends a run to the history in <name>.gpkg (tables runs, run_inputs, zone_metrics,\n"
        "indicators, scores; never overwritten) and replaces <name>.csv, <name>.xlsx,\n"
        "<name>_indicators.csv/.json and <name>_scores.csv, which hold the latest run. Without\n"
        "--overwrite, assess refuses to start when one of those files exists but <name>.gpkg\n"
        "is not a GreenGauge run history (missing, or a GeoPackage without a runs table): they\n"
        "were not written by assess for a project of this name. --overwrite replaces them (a\n"
        "GeoPackage that is not a history with all its layers). An input of the run (the zones,\n"
        "an image, the records, a framework file) is never replaced, even with --overwrite.\n"
        "\n-q prints errors only. --json prints a summary on standard output instead of the\n"
        "tables: outputs, run id, zones, the totals (area, green area, share, population, m2 per\n"
        "person), each framework's scores (zones scored, partial, median, min, max) and the\n"
        "warnings.\n"
        "\nExample:\n  greengauge assess data/demo/olinda.yaml -o out/olinda\n");
    cmd->callback([options] { run(*options); });
}

}  // namespace gg::cli
