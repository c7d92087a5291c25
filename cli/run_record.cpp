#include "cli/run_record.hpp"

#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <random>

#include "cli/common.hpp"
#include "core/version.hpp"
#include "gis/history_store.hpp"

namespace gg::cli {
namespace {

namespace fs = std::filesystem;

std::string utc(const char* format) {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, format, &tm);
    return buf;
}

// A shapefile is several files: hash each one that exists.
std::vector<std::string> files_of(const std::string& path) {
    const fs::path p(path);
    if (p.extension() != ".shp") return {path};
    std::vector<std::string> files;
    for (const char* ext : {".shp", ".shx", ".dbf", ".prj", ".cpg"}) {
        fs::path sidecar = p;
        sidecar.replace_extension(ext);
        std::error_code ec;
        if (fs::exists(sidecar, ec)) files.push_back(sidecar.string());
    }
    return files;
}

}  // namespace

RunRecord start_run() {
    std::random_device rd;
    return RunRecord{fmt::format("{}-{:06x}", utc("%Y%m%dT%H%M%SZ"), rd() & 0xffffff),
                     utc("%Y-%m-%dT%H:%M:%SZ")};
}

Table runs_table(const RunRecord& run, const Project& p, const std::vector<Framework>& frameworks) {
    std::string ids;
    for (const auto& f : frameworks) ids.append(ids.empty() ? "" : ",").append(f.id);
    const std::string parameters =
        fmt::format(R"({{"red_band": {}, "nir_band": {}, "ndvi_threshold": {}, "year": {}}})",
                    p.red_band, p.nir_band, p.ndvi_threshold, p.year);
    using T = ColumnType;
    Table t;
    t.columns = {{"run_id", T::String},         {"started_utc", T::String},
                 {"finished_utc", T::String},   {"tool_version", T::String},
                 {"command", T::String},        {"project_file", T::String},
                 {"project_sha256", T::String}, {"year", T::Integer},
                 {"frameworks", T::String},     {"parameters", T::String}};
    t.rows.push_back({run.id, run.started_utc, utc("%Y-%m-%dT%H:%M:%SZ"), std::string(kVersion),
                      output_metadata({}).at("greengauge_command"), p.path, sha256_file(p.path),
                      int64_t{p.year}, ids, parameters});
    return t;
}

Table run_inputs_table(const RunRecord& run, const Project& p,
                       const std::vector<Framework>& frameworks) {
    std::vector<std::pair<std::string, std::string>> inputs = {{"project", p.path}};
    if (!p.image.empty()) inputs.emplace_back("image", p.image);
    for (const auto& product : p.products) inputs.emplace_back("product", product);
    for (const auto& f : files_of(p.zones.path)) inputs.emplace_back("zones", f);
    if (!p.records.empty()) inputs.emplace_back("records", p.records);
    for (const auto& f : frameworks) inputs.emplace_back("framework:" + f.id, f.file);
    using T = ColumnType;
    Table t;
    t.columns = {
        {"run_id", T::String}, {"role", T::String}, {"path", T::String}, {"sha256", T::String}};
    for (const auto& [role, path] : inputs)
        t.rows.push_back({run.id, role, fs::absolute(path).lexically_normal().string(),
                          fs::is_regular_file(path) ? sha256_file(path) : std::string()});
    return t;
}

}  // namespace gg::cli
