#include "assess/run_record.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <charconv>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <random>

#include "core/version.hpp"
#include "gis/checksum.hpp"
#include "gis/history_store.hpp"
#include "gis/output_metadata.hpp"

namespace gg::assess {
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

// A shapefile is several files: hash each one that exists (none does for a shapefile named
// inside a /vsizip/ archive: the name is recorded as it is).
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
    if (files.empty()) files.push_back(path);
    return files;
}

}  // namespace

RunRecord start_run() {
    std::random_device rd;
    return RunRecord{fmt::format("{}-{:06x}", utc("%Y%m%dT%H%M%SZ"), rd() & 0xffffff),
                     utc("%Y-%m-%dT%H:%M:%SZ")};
}

std::vector<std::pair<std::string, std::string>> run_parameters(const Project& p) {
    std::vector<std::pair<std::string, std::string>> params;
    for (const auto& [family, settings] : p.families)
        for (auto& kv : family->parameters(*settings)) params.push_back(std::move(kv));
    params.emplace_back("areas", std::string(area_convention_name(p.areas)));
    params.emplace_back("year", std::to_string(p.year));
    return params;
}

Table runs_table(const RunRecord& run, const Project& p, const std::vector<Framework>& frameworks) {
    std::string ids;
    for (const auto& f : frameworks) ids.append(ids.empty() ? "" : ",").append(f.id);
    nlohmann::ordered_json parameters = nlohmann::ordered_json::object();
    for (const auto& [k, v] : run_parameters(p)) {
        // Numbers as JSON numbers, so a script reads them back as numbers.
        double number = 0;
        const auto r = std::from_chars(v.data(), v.data() + v.size(), number);
        if (!v.empty() && r.ec == std::errc() && r.ptr == v.data() + v.size())
            parameters[k] = number;
        else
            parameters[k] = v;
    }
    using T = ColumnType;
    Table t;
    t.columns = {{"run_id", T::String},         {"started_utc", T::String},
                 {"finished_utc", T::String},   {"tool_version", T::String},
                 {"command", T::String},        {"project_file", T::String},
                 {"project_sha256", T::String}, {"year", T::Integer},
                 {"frameworks", T::String},     {"parameters", T::String}};
    t.rows.push_back({run.id, run.started_utc, utc("%Y-%m-%dT%H:%M:%SZ"), std::string(kVersion),
                      command_line(), p.path, sha256_file(p.path), int64_t{p.year}, ids,
                      parameters.dump()});
    return t;
}

std::vector<std::pair<std::string, std::string>> run_input_files(
    const Project& p, const std::vector<Framework>& frameworks) {
    std::vector<std::pair<std::string, std::string>> inputs = {{"project", p.path}};
    for (const auto& f : files_of(p.zones.path)) inputs.emplace_back("zones", f);
    for (const auto& [family, settings] : p.families)
        for (const auto& in : family->inputs(*settings))
            for (const auto& f : files_of(in.path)) inputs.emplace_back(in.role, f);
    if (!p.records.empty()) inputs.emplace_back("records", p.records);
    for (const auto& f : frameworks) inputs.emplace_back("framework:" + f.id, f.file);
    return inputs;
}

Table run_inputs_table(const RunRecord& run, const Project& p,
                       const std::vector<Framework>& frameworks) {
    const auto inputs = run_input_files(p, frameworks);
    using T = ColumnType;
    Table t;
    t.columns = {
        {"run_id", T::String}, {"role", T::String}, {"path", T::String}, {"sha256", T::String}};
    for (const auto& [role, path] : inputs) {
        std::error_code ec;
        const bool local = fs::exists(path, ec);
        // GDAL dataset names (PG:..., /vsicurl/...) are recorded as they are but for a password;
        // folders (a .SAFE product) without a hash.
        t.rows.push_back(
            {run.id, role,
             local ? fs::absolute(path).lexically_normal().string() : redact_target(path),
             fs::is_regular_file(path, ec) ? sha256_file(path) : std::string()});
    }
    return t;
}

}  // namespace gg::assess
