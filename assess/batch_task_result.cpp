#include "assess/batch_task_result.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/coverage_cache.hpp"
#include "core/error.hpp"
#include "gis/table_writer.hpp"

namespace gg::assess {
namespace {

using nlohmann::ordered_json;

const char* type_word(ColumnType t) {
    return column_type_name(t);
}

ColumnType type_of(const std::string& word) {
    if (word == "integer") return ColumnType::Integer;
    if (word == "real") return ColumnType::Real;
    if (word == "text") return ColumnType::String;
    throw Error("unknown column type \"" + word + "\"");
}

ordered_json table_json(const Table& t) {
    ordered_json columns = ordered_json::array(), rows = ordered_json::array();
    for (const auto& c : t.columns) columns.push_back({c.name, type_word(c.type)});
    for (const auto& row : t.rows) {
        ordered_json r = ordered_json::array();
        for (const Cell& cell : row)
            std::visit(
                [&r](const auto& v) {
                    if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::monostate>)
                        r.push_back(nullptr);
                    else
                        r.push_back(v);
                },
                cell);
        rows.push_back(std::move(r));
    }
    return {{"columns", columns}, {"rows", rows}};
}

Table table_from(const ordered_json& j) {
    Table t;
    for (const auto& c : j.at("columns")) t.columns.push_back({c.at(0), type_of(c.at(1))});
    for (const auto& r : j.at("rows")) {
        std::vector<Cell> row;
        for (size_t c = 0; c < t.columns.size(); ++c) {
            const auto& v = r.at(c);
            if (v.is_null())
                row.emplace_back(std::monostate{});
            else if (t.columns[c].type == ColumnType::Integer)
                row.emplace_back(v.get<int64_t>());
            else if (t.columns[c].type == ColumnType::Real)
                row.emplace_back(v.get<double>());
            else
                row.emplace_back(v.get<std::string>());
        }
        t.rows.push_back(std::move(row));
    }
    return t;
}

ordered_json parse_json_file(const std::string& path, const std::string& what) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path + ": cannot read " + what);
    return ordered_json::parse(in);
}

// The file name of a geometry text: its 128-bit fingerprint, so tasks of one zone set share it
// and a changed zone set gets a file of its own.
std::string geometry_file_name(const std::string& text) {
    const auto f =
        bytes_fingerprint(reinterpret_cast<const unsigned char*>(text.data()), text.size());
    char name[64];
    std::snprintf(name, sizeof name, "geometry/%016llx%016llx.json",
                  static_cast<unsigned long long>(f[0]), static_cast<unsigned long long>(f[1]));
    return name;
}

}  // namespace

std::string task_result_path(const std::string& out_dir, const std::string& key, bool failed) {
    return out_dir + "/tasks/" + key + (failed ? ".failed.json" : ".json");
}

void write_task_result(const TaskResult& r, const std::string& path) {
    ordered_json j = {{"key", r.key}, {"zone_set", r.zone_set}, {"period", r.period}};
    j["date"] = r.date ? ordered_json(*r.date) : ordered_json(nullptr);
    j["scenes"] = r.scenes;
    if (!r.error.empty()) {
        j["error"] = r.error;
    } else {
        j["zones"] = table_json(r.zones);
        j["zone_ids"] = r.zone_ids;
        j["zone_names"] = r.zone_names;
        if (r.indicators) j["indicators"] = table_json(*r.indicators);
        if (r.scores) j["scores"] = table_json(*r.scores);
        const std::string geometry =
            ordered_json{{"crs_wkt", r.crs_wkt}, {"wkb_hex", r.wkb_hex}}.dump(1) + "\n";
        const std::string name = geometry_file_name(geometry);
        const std::string geometry_path =
            (std::filesystem::path(path).parent_path() / name).string();
        std::error_code ec;
        if (!std::filesystem::exists(geometry_path, ec)) {
            std::filesystem::create_directories(std::filesystem::path(geometry_path).parent_path(),
                                                ec);
            write_text_file(geometry_path, geometry, "the zones' geometry");
        }
        j["geometry"] = name;
        j["warnings"] = r.warnings;
    }
    write_text_file(path, j.dump(1) + "\n", "the task result");
}

TaskResult read_task_result(const std::string& path) {
    try {
        const ordered_json j = parse_json_file(path, "the task result");
        TaskResult r;
        r.key = j.at("key");
        r.zone_set = j.at("zone_set");
        r.period = j.at("period");
        if (!j.at("date").is_null()) r.date = j.at("date").get<std::string>();
        r.scenes = j.at("scenes").get<std::vector<std::string>>();
        if (j.contains("error")) {
            r.error = j.at("error");
            return r;
        }
        r.zones = table_from(j.at("zones"));
        r.zone_ids = j.at("zone_ids").get<std::vector<std::string>>();
        r.zone_names = j.at("zone_names").get<std::vector<std::string>>();
        if (j.contains("indicators")) r.indicators = table_from(j.at("indicators"));
        if (j.contains("scores")) r.scores = table_from(j.at("scores"));
        if (j.contains("geometry")) {
            r.geometry_file = j.at("geometry");
        } else {  // written before geometry files
            r.crs_wkt = j.at("crs_wkt");
            r.wkb_hex = j.at("wkb_hex").get<std::vector<std::string>>();
        }
        r.warnings = j.at("warnings").get<std::vector<std::string>>();
        return r;
    } catch (const nlohmann::json::exception& e) {
        throw Error(path + ": not a task result (" + std::string(e.what()) + ")");
    } catch (const Error& e) {
        throw Error(path + ": not a task result (" + std::string(e.what()) + ")");
    }
}

void read_task_geometry(const std::string& path, TaskResult& r) {
    if (r.geometry_file.empty()) return;  // the result holds its geometry
    const std::string file = (std::filesystem::path(path).parent_path() / r.geometry_file).string();
    try {
        const ordered_json j = parse_json_file(file, "the zones' geometry of " + path);
        r.crs_wkt = j.at("crs_wkt");
        r.wkb_hex = j.at("wkb_hex").get<std::vector<std::string>>();
    } catch (const nlohmann::json::exception& e) {
        throw Error(file + ": not a zones' geometry file (" + std::string(e.what()) + ")");
    }
    if (r.wkb_hex.size() != r.zone_ids.size())
        throw Error(file + ": " + std::to_string(r.wkb_hex.size()) + " geometries for the " +
                    std::to_string(r.zone_ids.size()) + " zones of " + path);
}

}  // namespace gg::assess
