// greengauge zonal: exact, coverage-weighted statistics of raster bands per zone polygon.
#include <iostream>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/progress.hpp"
#include "core/area_convention.hpp"
#include "core/error.hpp"
#include "core/stat_spec.hpp"
#include "core/zonal_table.hpp"
#include "gis/raster_source.hpp"
#include "gis/table_writer.hpp"
#include "gis/zonal_engine.hpp"
#include "gis/zone_coverage.hpp"
#include "gis/zone_reader.hpp"

namespace gg::cli {
namespace {

struct ZonalOptions {
    std::string raster;
    std::vector<int> bands{1};
    std::string zones;
    std::string layer;
    std::string id_field;
    std::string stats = "count,mean,min,max,area_m2,valid_share";
    std::string output;
    std::vector<std::string> include_cols;
    int threads = 0;
    bool csv_bom = true;        // README: Outputs (Excel in Thai offices)
    bool planar_areas = false;  // --planar-areas: a projected CRS's plane areas (exactextract's)
    ReportFlags report;
};

void run(const ZonalOptions& o) {
    set_report_mode(o.report);
    check_output_extension(o.output, {"csv", "xlsx", "gpkg"});
    check_overwrite(o.output, o.report.overwrite);
    const std::vector<StatSpec> stats = parse_stats(o.stats);
    const RasterSource raster = RasterSource::open(o.raster);
    for (int b : o.bands) raster.check_band(b);
    ZoneLayerSpec spec{o.zones, o.layer, o.id_field, "", "", {}};
    spec.keep_fields = o.include_cols;
    const ZoneSet zones = read_zones(spec, raster.info().crs_wkt);

    ZonalJob job;
    job.raster_path = o.raster;
    job.bands = o.bands;
    const bool distribution = std::any_of(stats.begin(), stats.end(),
                                          [](const StatSpec& s) { return s.needs_distribution(); });
    job.keep_distribution.assign(o.bands.size(), distribution);
    job.threads = o.threads;
    const AreaConvention areas =
        o.planar_areas ? AreaConvention::Planar : AreaConvention::Ellipsoidal;
    job.areas = areas;
    Progress progress("zonal");
    job.progress = [&](double done) { progress.update(done); };
    std::vector<MultiPolygon> shapes;
    shapes.reserve(zones.zones.size());
    for (const auto& z : zones.zones) shapes.push_back(z.geometry);
    const auto accumulators = run_zonal(job, shapes);
    progress.finish();

    std::vector<double> covered;
    size_t outside = 0;
    for (const auto& a : accumulators) {
        covered.push_back(a.front().area_m2());
        if (covered.back() <= 0) ++outside;
    }
    for (const auto& line : zone_coverage_warnings(zones, o.raster, covered)) warn(line);

    ZoneIds ids{zones.id_field.empty() ? "fid" : zones.id_field, zones.id_is_integer, {}};
    for (const auto& z : zones.zones) ids.values.push_back(z.id);
    Table table = zonal_statistics_table(ids, o.bands, stats, accumulators);
    for (const auto& k : zones.kept_columns)
        for (const auto& c : table.columns)
            if (k.name == c.name)
                throw Error("--include-col " + k.name +
                            ": the output has a column of that name already (the id or a "
                            "statistic)");
    std::vector<std::vector<Cell>> kept;
    for (const auto& z : zones.zones) kept.push_back(z.kept);
    insert_columns(table, 1, zones.kept_columns, kept);
    std::string band_list;
    for (int b : o.bands) band_list.append(band_list.empty() ? "" : ",").append(std::to_string(b));
    const Metadata meta = output_metadata({{"raster", o.raster},
                                           {"bands", band_list},
                                           {"zones", o.zones},
                                           {"stats", o.stats},
                                           {"areas", std::string(area_convention_name(areas))}});
    write_table(table, o.output, "zonal_statistics", zone_geometries(zones), meta,
                CsvOptions{o.csv_bom});
    const size_t statistic_columns = table.columns.size() - 1 - zones.kept_columns.size();
    if (o.report.json)
        print_json({{"command", "zonal"},
                    {"outputs", {o.output}},
                    {"zones", zones.zones.size()},
                    {"zones_outside_raster", outside},
                    {"zones_repaired", zones.repaired_count},
                    {"areas", std::string(area_convention_name(areas))},
                    {"bands", o.bands},
                    {"statistic_columns", statistic_columns}});
    else if (text_output())
        std::cout << "zonal: " << zones.zones.size() << " zones x " << o.bands.size()
                  << " band(s), " << statistic_columns << " statistic column(s) -> " << o.output
                  << "\n";
}

}  // namespace

void add_zonal_command(CLI::App& app) {
    auto options = std::make_shared<ZonalOptions>();
    CLI::App* cmd = app.add_subcommand(
        "zonal", "Exact coverage-weighted statistics of raster bands per zone polygon");
    cmd->add_option("--raster,-r", options->raster, "Raster file (anything GDAL opens)")
        ->required();
    cmd->add_option("--band,-b", options->bands, "Band number(s), 1-based (default 1)")
        ->expected(1, -1);
    cmd->add_option("--zones,-z", options->zones, "Zone polygons (anything OGR opens)")->required();
    cmd->add_option("--layer,-l", options->layer, "Layer of the zones source (default: the first)");
    cmd->add_option("--id", options->id_field,
                    "Field identifying each zone (default: the feature id, column fid)");
    cmd->add_option("--stats,-s", options->stats,
                    "Comma-separated statistics: " + stat_names_help())
        ->capture_default_str();
    cmd->add_option("--output,-o", options->output,
                    "Output table: .csv (UTF-8), .xlsx (Excel) or .gpkg (the zones with their "
                    "statistics)")
        ->required();
    cmd->add_option("--include-col", options->include_cols,
                    "Zone field copied into the output beside the id, with its type "
                    "(repeatable)")
        ->expected(1)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    cmd->add_flag("--csv-bom,!--no-csv-bom", options->csv_bom,
                  "Start a CSV with a UTF-8 byte order mark, so Excel shows Thai names "
                  "(default; --no-csv-bom for plain UTF-8)");
    cmd->add_flag("--planar-areas", options->planar_areas,
                  "A projected CRS's plane areas (its units squared, in m2: exactextract's "
                  "convention) instead of true ground areas on the ellipsoid (a geographic "
                  "CRS's stay ellipsoidal)");
    cmd->add_option("--threads,-j", options->threads, "Worker threads (default: all cores)")
        ->check(thread_count_check());
    add_report_flags(*cmd, options->report, "Replace the output table if it exists");
    cmd->footer(
        "Pixels crossed by a zone boundary are weighted by the exact share of their area inside "
        "the zone.\n"
        "Zones are reprojected to the raster's CRS. area_m2 is the true ground area on the\n"
        "ellipsoid whatever the CRS (a projected CRS's plane area over its areal scale);\n"
        "--planar-areas keeps a projected CRS's plane areas. The outputs' metadata records\n"
        "which (greengauge_areas = ellipsoidal or planar).\n\n"
        "Example:\n  greengauge zonal --raster data/olinda/L7_ETMs.tif --band 3 --band 4 \\\n"
        "    --zones data/olinda/olinda1.shp --id CD_GEOCODI \\\n"
        "    --stats mean,stddev,median,area_m2,valid_share -o olinda_b3b4.csv\n\n"
        "An existing output is not replaced without --overwrite. -q prints errors only; --json\n"
        "prints {\"command\", \"outputs\", \"zones\", \"zones_outside_raster\", ...,\n"
        "\"warnings\"} on standard output.\n");
    cmd->callback([options] { run(*options); });
}

}  // namespace gg::cli
