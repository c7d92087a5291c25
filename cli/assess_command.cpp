// greengauge assess: the main job. Reads a project file, measures green cover per zone, scores
// the project's indicator frameworks, and writes a GeoPackage (zones + run history), CSV and
// JSON, plus summary tables on the terminal.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <optional>

#include "cli/assess_green.hpp"
#include "cli/assess_green_spaces.hpp"
#include "cli/assess_landcover.hpp"
#include "cli/assess_population.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/indicator_run.hpp"
#include "cli/indicator_summary.hpp"
#include "cli/project_file.hpp"
#include "cli/run_record.hpp"
#include "core/error.hpp"
#include "core/metric_registry.hpp"
#include "gis/history_store.hpp"
#include "gis/table_writer.hpp"

namespace gg::cli {
namespace {

namespace fs = std::filesystem;

struct AssessOptions {
    std::string project;
    std::string output_dir = "greengauge-out";
    std::string db;  // optional "PG:..." history database
    int threads = 0;
};

void run(const AssessOptions& o) {
    // Everything that can be checked before the long pass is checked first.
    const Project p = load_project(o.project);
    std::vector<Framework> frameworks = load_project_frameworks(p);
    const ImagerySource imagery = open_imagery(p);
    ZoneLayerSpec spec = p.zones;
    for (const auto& [id, source] : p.zone_inputs)
        if (!source.field.empty()) spec.attribute_fields.push_back(source.field);
    const ZoneSet zones = read_zones(spec, imagery.crs_wkt);
    const RunRecord record = start_run();

    const ZonePopulation population = zone_population(p, zones, o.threads);
    std::vector<GreenCoverMetrics> metrics = measure_green_cover(
        p, imagery, zones, population.people, population.covered_share, o.threads);
    measure_green_spaces(p, imagery, zones, population, o.threads, metrics);
    const std::vector<LandCoverMetrics> landcover = measure_landcover(p, o.threads);
    for (size_t z = 0; z < landcover.size(); ++z) apply_landcover(metrics[z], landcover[z]);
    std::optional<IndicatorRun> indicators;
    if (!frameworks.empty()) {
        indicators = evaluate_indicators(p, std::move(frameworks), zones, metrics);
        for (const auto& line : indicators->missing_inputs) warn(line);
    }
    const std::vector<Framework> no_frameworks;
    const auto& used = indicators ? indicators->frameworks : no_frameworks;

    // The history tables of this run.
    NamedTables history = {{"runs", runs_table(record, p, used)},
                           {"run_inputs", run_inputs_table(record, p, used)}};
    if (indicators) {
        history.emplace_back("indicators", indicator_table(record.id, indicators->zones));
        history.emplace_back("scores", score_table(record.id, indicators->zones));
    }

    const Table zones_rows = zones_table(p, zones, metrics);
    const Metadata meta = output_metadata({{"run_id", record.id},
                                           {"project", p.path},
                                           {"zones", p.zones.path},
                                           {"image", imagery.label},
                                           {"red_band", std::to_string(p.red_band)},
                                           {"nir_band", std::to_string(p.nir_band)},
                                           {"ndvi_threshold", fmt::format("{}", p.ndvi_threshold)},
                                           {"year", std::to_string(p.year)}});
    std::error_code ec;
    fs::create_directories(o.output_dir, ec);
    if (ec) throw Error(o.output_dir + ": cannot create the output folder (" + ec.message() + ")");
    const std::string base = (fs::path(o.output_dir) / p.name).string();

    // Every file is complete under a temporary name before any is renamed into place; the
    // GeoPackage carries the previous runs' history over and appends this run's.
    AtomicOutput gpkg(base + ".gpkg");
    write_gpkg(zones_rows, gpkg.temp_path(), "zones", zone_geometries(zones), meta);
    carry_over_layers(base + ".gpkg", gpkg.temp_path());
    append_tables_into(gpkg.temp_path(), history);
    AtomicOutput csv(base + ".csv");
    write_csv(zones_rows, csv.temp_path());
    std::vector<std::unique_ptr<AtomicOutput>> extra;
    if (indicators) {
        const Table& rows = history[2].second;
        extra.push_back(std::make_unique<AtomicOutput>(base + "_indicators.csv"));
        write_csv(rows, extra.back()->temp_path());
        extra.push_back(std::make_unique<AtomicOutput>(base + "_indicators.json"));
        write_json(rows, extra.back()->temp_path(), meta);
        extra.push_back(std::make_unique<AtomicOutput>(base + "_scores.csv"));
        write_csv(history[3].second, extra.back()->temp_path());
    }
    // The database is written last, in one transaction: if it fails nothing is renamed.
    if (!o.db.empty()) append_tables(o.db, history);
    gpkg.commit();
    csv.commit();
    for (auto& e : extra) e->commit();

    print_green_summary(p, zones, metrics);
    if (indicators) print_indicator_summary(*indicators);
    std::cout << fmt::format(
        "\nRun {}: wrote {}.gpkg (layer zones; history tables runs, "
        "run_inputs{}) and {}.csv{}{}\n",
        record.id, base, indicators ? ", indicators, scores" : "", base,
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
    std::string metrics_help = "\nMetrics per zone:\n";
    for (const auto& id : zone_metric_columns(Project{})) {
        const auto& m = metric_info(id);
        metrics_help += fmt::format("  {:<20} [{}] {}\n", m.id, m.unit, m.description);
    }
    cmd->footer(metrics_help +
                "\nA re-run appends to the history in <name>.gpkg (tables runs, run_inputs, "
                "indicators, scores); it never overwrites it.\n"
                "\nExample:\n  greengauge assess data/demo/olinda.yaml -o out/olinda\n");
    cmd->callback([options] { run(*options); });
}

}  // namespace gg::cli
