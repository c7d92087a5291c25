// greengauge assess: the main job. Reads a project file, measures green cover per zone and writes
// a GeoPackage layer, a UTF-8 CSV and a summary table.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/progress.hpp"
#include "cli/project_file.hpp"
#include "core/error.hpp"
#include "core/green_cover.hpp"
#include "core/green_summary.hpp"
#include "core/metric_registry.hpp"
#include "gis/raster_source.hpp"
#include "gis/table_writer.hpp"
#include "gis/zonal_engine.hpp"

namespace gg::cli {
namespace {

namespace fs = std::filesystem;

struct AssessOptions {
    std::string project;
    std::string output_dir = "greengauge-out";
    int threads = 0;
};

// The metric columns of the zones layer, in this order (all described in the metric registry).
const std::vector<std::string> kMetricColumns = {
    "area_m2",       "valid_share", "ndvi_mean",           "green_share",
    "green_area_m2", "population",  "green_m2_per_capita", "green_ha_per_100k"};

Table zones_table(const Project& p, const ZoneSet& zones,
                  const std::vector<GreenCoverMetrics>& metrics) {
    Table t;
    t.columns.push_back({zones.id_field.empty() ? "fid" : zones.id_field,
                         zones.id_is_integer ? ColumnType::Integer : ColumnType::String});
    if (!p.zones.name_field.empty()) t.columns.push_back({p.zones.name_field, ColumnType::String});
    for (const auto& m : kMetricColumns)
        t.columns.push_back({metric_info(m).id.data(), ColumnType::Real});
    for (size_t z = 0; z < metrics.size(); ++z) {
        const Zone& zone = zones.zones[z];
        const GreenCoverMetrics& m = metrics[z];
        std::vector<Cell> row;
        if (zones.id_is_integer)
            row.emplace_back(static_cast<int64_t>(std::stoll(zone.id)));
        else
            row.emplace_back(zone.id);
        if (!p.zones.name_field.empty()) row.emplace_back(zone.name);
        const auto values = metric_values(m);
        for (const auto& id : kMetricColumns) {
            const auto it = values.find(id);
            row.emplace_back();  // empty unless defined
            if (it != values.end()) row.back() = it->second;
        }
        t.rows.push_back(std::move(row));
    }
    return t;
}

std::string optional_text(const std::optional<double>& v, const char* spec) {
    return v ? fmt::format(fmt::runtime(spec), *v) : std::string("-");
}

void print_summary(const Project& p, const ZoneSet& zones,
                   const std::vector<GreenCoverMetrics>& metrics) {
    std::vector<std::string> names;
    for (const auto& z : zones.zones)
        names.push_back(p.zones.name_field.empty() || !z.name.empty() ? z.name : "(no name)");
    auto groups = summarise_by_name(names, metrics, "TOTAL");
    const bool by_name = !p.zones.name_field.empty();
    if (!by_name) groups.erase(groups.begin(), groups.end() - 1);  // one unnamed group: the total
    std::cout << fmt::format("\nGreen cover, NDVI >= {} ({}{}):\n", p.ndvi_threshold,
                             zones.zones.size(),
                             by_name ? " zones grouped by " + p.zones.name_field : " zones");
    std::cout << fmt::format("{:<28} {:>5} {:>10} {:>7} {:>10} {:>10} {:>9}\n",
                             by_name ? p.zones.name_field : "", "zones", "area km2", "green%",
                             "green km2", "population", "m2/person");
    for (const auto& g : groups) {
        if (&g == &groups.back() && by_name) std::cout << std::string(86, '-') << "\n";
        std::cout << fmt::format(
            "{:<28.28} {:>5} {:>10.3f} {:>7} {:>10.3f} {:>10.0f} {:>9}\n", g.name, g.zones,
            g.area_m2 / 1e6,
            optional_text(
                g.green_share() ? std::optional<double>(*g.green_share() * 100) : std::nullopt,
                "{:.1f}"),
            g.green_area_m2 / 1e6, g.population, optional_text(g.green_m2_per_capita(), "{:.1f}"));
    }
}

void run(const AssessOptions& o) {
    const Project p = load_project(o.project);
    const RasterSource image = RasterSource::open(p.image);
    image.check_band(p.red_band);
    image.check_band(p.nir_band);
    const ZoneSet zones = read_zones(p.zones, image.info().crs_wkt);

    ZonalJob job;
    job.raster_path = p.image;
    job.bands = {p.red_band, p.nir_band};
    job.channel_count = 2;  // 0: NDVI, 1: green (NDVI >= threshold)
    const double threshold = p.ndvi_threshold;
    job.derive = [threshold](const std::vector<ChannelBuffer>& bands,
                             std::vector<ChannelBuffer>& out) {
        derive_ndvi_green(bands[0], bands[1], threshold, out[0], out[1]);
    };
    job.threads = o.threads;
    Progress progress("assess");
    job.progress = [&](double done) { progress.update(done); };
    std::vector<MultiPolygon> shapes;
    for (const auto& z : zones.zones) shapes.push_back(z.geometry);
    const auto accumulators = run_zonal(job, shapes);
    progress.finish();

    std::vector<const ZoneAccumulator*> first;
    for (const auto& a : accumulators) first.push_back(&a[0]);
    report_zone_coverage(zones, p.image, first);

    std::vector<GreenCoverMetrics> metrics;
    std::vector<std::string> no_population;
    for (size_t z = 0; z < zones.zones.size(); ++z) {
        metrics.push_back(
            green_cover_metrics(accumulators[z][0], accumulators[z][1], zones.zones[z].population));
        const auto& pop = zones.zones[z].population;
        if (!p.zones.population_field.empty() && (!pop || *pop <= 0))
            no_population.push_back(zones.zones[z].id);
    }
    if (!no_population.empty())
        warn(
            fmt::format("{} zone(s) have a population of 0 or none; green_m2_per_capita is left "
                        "empty for them (first: {})",
                        no_population.size(), no_population.front()));

    const Table table = zones_table(p, zones, metrics);
    const Metadata meta = output_metadata({{"project", p.path},
                                           {"zones", p.zones.path},
                                           {"image", p.image},
                                           {"red_band", std::to_string(p.red_band)},
                                           {"nir_band", std::to_string(p.nir_band)},
                                           {"ndvi_threshold", fmt::format("{}", threshold)}});
    std::error_code ec;
    fs::create_directories(o.output_dir, ec);
    if (ec) throw Error(o.output_dir + ": cannot create the output folder (" + ec.message() + ")");
    const std::string base = (fs::path(o.output_dir) / p.name).string();
    // Both files are written to temporary names first; the pair is renamed only when both exist.
    AtomicOutput gpkg(base + ".gpkg");
    AtomicOutput csv(base + ".csv");
    write_gpkg(table, gpkg.temp_path(), "zones", zone_geometries(zones), meta);
    write_csv(table, csv.temp_path());
    gpkg.commit();
    csv.commit();

    print_summary(p, zones, metrics);
    std::cout << fmt::format(
        "\nWrote {}.gpkg (layer \"zones\") and {}.csv: {} zones, {} metric "
        "columns.\n",
        base, base, zones.zones.size(), kMetricColumns.size());
}

}  // namespace

void add_assess_command(CLI::App& app) {
    auto options = std::make_shared<AssessOptions>();
    CLI::App* cmd = app.add_subcommand(
        "assess", "Green cover and green space per capita per zone, from a project file");
    cmd->add_option("project", options->project, "Project file (YAML); see data/demo/olinda.yaml")
        ->required();
    cmd->add_option("--output,-o", options->output_dir,
                    "Output folder for <name>.gpkg and <name>.csv")
        ->capture_default_str();
    cmd->add_option("--threads,-j", options->threads, "Worker threads (default: all cores)");
    std::string metrics_help = "\nMetrics per zone:\n";
    for (const auto& id : kMetricColumns) {
        const auto& m = metric_info(id);
        metrics_help += fmt::format("  {:<20} [{}] {}\n", m.id, m.unit, m.description);
    }
    cmd->footer(metrics_help +
                "\nExample:\n  greengauge assess data/demo/olinda.yaml -o out/olinda\n");
    cmd->callback([options] { run(*options); });
}

}  // namespace gg::cli
