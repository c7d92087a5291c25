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
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/progress.hpp"
#include "cli/summary_table.hpp"
#include "gis/history_store.hpp"

namespace gg::cli {
namespace {

struct AssessOptions {
    std::string project;
    std::string output_dir = "greengauge-out";
    std::string db;  // optional "PG:..." history database
    int threads = 0;
    bool csv_bom = true;  // README: Outputs (Excel in Thai offices)
};

void run(const AssessOptions& o) {
    const assess::Project p = assess::load_project(o.project, assess::builtin_families());
    std::map<std::string, std::unique_ptr<Progress>> progress;
    assess::AssessmentOptions options;
    options.threads = o.threads;
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
    const assess::WrittenOutputs written =
        assess::write_outputs(p, result, o.output_dir, o.db, outputs);

    print_tables(result.summaries);
    const bool indicators = result.indicators.has_value();
    const std::string& base = written.base;
    std::cout << fmt::format(
        "\nRun {}: wrote {}.gpkg (layer zones; history tables runs, "
        "run_inputs, zone_metrics{}), {}.xlsx and {}.csv{}{}\n",
        result.record.id, base, indicators ? ", indicators, scores" : "", base, base,
        indicators ? ", " + base + "_indicators.csv/.json, " + base + "_scores.csv" : "",
        o.db.empty() ? "" : "; history appended to " + redact_target(o.db));
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
    cmd->add_option("--threads,-j", options->threads, "Worker threads (default: all cores)");
    cmd->add_flag("--csv-bom,!--no-csv-bom", options->csv_bom,
                  "Start every CSV with a UTF-8 byte order mark, so Excel shows Thai names "
                  "(default; --no-csv-bom for plain UTF-8)");
    cmd->footer(assess::assess_reference(assess::builtin_families()) +
                "\nA re-run appends to the history in <name>.gpkg (tables runs, run_inputs, "
                "zone_metrics, indicators, scores); it never overwrites it.\n"
                "\nExample:\n  greengauge assess data/demo/olinda.yaml -o out/olinda\n");
    cmd->callback([options] { run(*options); });
}

}  // namespace gg::cli
