#include "assess/outputs.hpp"

#include <filesystem>
#include <memory>
#include <regex>

#include "assess/framework_catalog.hpp"
#include "assess/zone_layer_style.hpp"
#include "core/error.hpp"
#include "gis/gpkg_style.hpp"
#include "gis/history_store.hpp"
#include "gis/output_lock.hpp"
#include "gis/table_writer.hpp"

namespace gg::assess {
namespace {

namespace fs = std::filesystem;

const Table* history_table(const AssessmentResult& r, const std::string& name) {
    for (const auto& [n, t] : r.history)
        if (n == name) return &t;
    return nullptr;
}

// Every file the run reads, with its role (for "is an input of this run").
std::vector<std::pair<std::string, std::string>> input_files(const Project& p) {
    std::vector<std::pair<std::string, std::string>> files = {{"the project file", p.path},
                                                              {"the zones", p.zones.path}};
    for (const auto& [family, settings] : p.families)
        for (const auto& in : family->inputs(*settings)) files.emplace_back(in.role, in.path);
    if (!p.records.empty()) files.emplace_back("the records", p.records);
    for (const auto& f : p.frameworks)
        if (is_framework_file(f)) files.emplace_back("a framework", f);
    return files;
}

bool same_file(const std::string& a, const std::string& b) {
    std::error_code ec;
    return fs::equivalent(a, b, ec) && !ec;
}

}  // namespace

std::string history_path(const Project& project, const std::string& folder) {
    return (fs::path(folder) / project.name).string() + ".gpkg";
}

std::vector<std::string> output_files(const Project& project, const std::string& folder) {
    const std::string base = (fs::path(folder) / project.name).string();
    std::vector<std::string> files = {base + ".gpkg", base + ".csv", base + ".xlsx"};
    if (!project.frameworks.empty())
        files.insert(files.end(),
                     {base + "_indicators.csv", base + "_indicators.json", base + "_scores.csv"});
    for (const auto& [family, settings] : project.families)
        for (const auto& suffix : family->raster_suffixes(*settings))
            files.push_back(base + suffix);
    return files;
}

void check_outputs(const Project& project, const std::string& folder, bool overwrite) {
    const std::vector<std::string> files = output_files(project, folder);
    const auto inputs = input_files(project);
    std::error_code ec;
    for (const auto& file : files) {
        if (!fs::exists(file, ec)) continue;
        for (const auto& [role, input] : inputs)
            if (same_file(file, input))
                throw Error(file + ": is " + role +
                            " of this run; it is never replaced (choose another output folder)");
    }
    if (overwrite || is_run_history(files.front())) return;
    for (const auto& file : files) {
        if (!fs::exists(file, ec)) continue;
        throw Error(file == files.front()
                        ? file +
                              ": exists and is not a GreenGauge run history (no runs table); "
                              "use --overwrite to replace it, or another output folder"
                        : file + ": exists but " + files.front() +
                              " holds no run history it belongs to; use --overwrite to replace "
                              "it, or another output folder");
    }
}

namespace {

// The outputs are written under temporary names ("x.gpkg.tmp-<pid>-<n>.gpkg"); a failure names
// the file the user asked for.
std::string without_temp_names(const std::string& message) {
    static const std::regex temp_suffix(R"(\.tmp-[0-9]+-[0-9]+(\.[A-Za-z0-9]+)?)");
    return std::regex_replace(message, temp_suffix, "");
}

WrittenOutputs write_all(const Project& project, const AssessmentResult& result,
                         const std::string& folder, const std::string& db,
                         const OutputOptions& options) {
    const CsvOptions csv_options{options.csv_bom};
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) throw Error(folder + ": cannot create the output folder (" + ec.message() + ")");
    WrittenOutputs out;
    out.base = (fs::path(folder) / project.name).string();
    const std::string& base = out.base;

    // The GeoPackage carries the previous runs' history over and appends this run's.
    AtomicOutput gpkg(base + ".gpkg");
    write_gpkg(result.zones_table, gpkg.temp_path(), "zones", zone_geometries(result.zones),
               result.metadata);
    // Carried over first: the previous layer_styles keeps the styles the user saved in QGIS,
    // and this run's replaces only GreenGauge's own. Only a run history is carried over:
    // another GeoPackage of that name is replaced (with --overwrite), layers and all.
    if (is_run_history(base + ".gpkg")) carry_over_layers(base + ".gpkg", gpkg.temp_path());
    if (const auto style = zones_layer_style(result.zones_table))
        write_layer_style(gpkg.temp_path(), *style);
    write_data_columns(gpkg.temp_path(), "zones", zones_data_columns(result.zones_table));
    append_tables_into(gpkg.temp_path(), result.history);
    AtomicOutput csv(base + ".csv");
    write_csv(result.zones_table, csv.temp_path(), csv_options);
    const Table* indicators = history_table(result, "indicators");
    const Table* scores = history_table(result, "scores");
    // Always written: the people who need it (Excel users) are the least likely to look for an
    // option, and it costs a fraction of the GeoPackage's time.
    AtomicOutput xlsx(base + ".xlsx");
    std::vector<Sheet> sheets = {{"zones", &result.zones_table}};
    if (indicators) sheets.push_back({"indicators", indicators});
    if (scores) sheets.push_back({"scores", scores});
    write_xlsx(sheets, xlsx.temp_path(), result.metadata);
    std::vector<std::unique_ptr<AtomicOutput>> extra;
    if (indicators) {
        extra.push_back(std::make_unique<AtomicOutput>(base + "_indicators.csv"));
        write_csv(*indicators, extra.back()->temp_path(), csv_options);
        extra.push_back(std::make_unique<AtomicOutput>(base + "_indicators.json"));
        write_json(*indicators, extra.back()->temp_path(), result.metadata);
    }
    if (scores) {
        extra.push_back(std::make_unique<AtomicOutput>(base + "_scores.csv"));
        write_csv(*scores, extra.back()->temp_path(), csv_options);
    }
    std::vector<std::string> rasters;
    for (const auto& r : result.rasters) {
        std::vector<std::string> temps;
        for (const auto& suffix : r.suffixes) {
            extra.push_back(std::make_unique<AtomicOutput>(base + suffix));
            temps.push_back(extra.back()->temp_path());
            rasters.push_back(base + suffix);
        }
        r.write(temps, result.metadata);
    }
    // The database is written last, in one transaction: if it fails nothing is renamed.
    if (!db.empty()) append_tables(db, result.history);
    gpkg.commit();
    csv.commit();
    xlsx.commit();
    out.files = {base + ".gpkg", base + ".csv", base + ".xlsx"};
    for (auto& e : extra) {
        e->commit();
    }
    if (history_table(result, "indicators"))
        out.files.insert(out.files.end(), {base + "_indicators.csv", base + "_indicators.json",
                                           base + "_scores.csv"});
    out.files.insert(out.files.end(), rasters.begin(), rasters.end());
    return out;
}

}  // namespace

WrittenOutputs write_outputs(const Project& project, const AssessmentResult& result,
                             const std::string& folder, const std::string& db,
                             const OutputOptions& options) {
    // One run at a time per folder, for every caller (a caller that took it before its run, as
    // `assess` does, holds it already on this thread: gis/output_lock.hpp).
    const OutputFolderLock lock(folder);
    check_outputs(project, folder, options.overwrite);
    try {
        return write_all(project, result, folder, db, options);
    } catch (const Error& e) {
        throw Error(without_temp_names(e.what()));
    }
}

}  // namespace gg::assess
