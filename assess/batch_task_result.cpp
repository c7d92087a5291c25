#include "assess/batch_task_result.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <ostream>

#include "core/error.hpp"
#include "core/fingerprint.hpp"
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

void write_hex(std::ostream& out, const std::vector<unsigned char>& bytes) {
    static const char digits[] = "0123456789abcdef";
    std::string s(bytes.size() * 2, '0');
    for (size_t i = 0; i < bytes.size(); ++i) {
        s[2 * i] = digits[bytes[i] >> 4];
        s[2 * i + 1] = digits[bytes[i] & 0x0f];
    }
    out << s;
}

// {"crs_wkt": ..., "wkb_hex": [...]} as nlohmann's dump(1) lays it out, one zone's hex at a time:
// dense boundaries are 150 MB of hex, which a JSON value and its dump would hold three times.
void write_geometry(std::ostream& out, const TaskResult& r) {
    out << "{\n \"crs_wkt\": " << ordered_json(r.crs_wkt).dump() << ",\n \"wkb_hex\": [";
    for (size_t i = 0; i < r.wkb.size(); ++i) {
        out << (i == 0 ? "\n  \"" : ",\n  \"");
        write_hex(out, r.wkb[i]);
        out << '"';
    }
    out << (r.wkb.empty() ? "]\n}\n" : "\n ]\n}\n");
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::vector<unsigned char> unhex(const std::string& h) {
    if (h.size() % 2 != 0) throw Error("a geometry's hex has an odd number of digits");
    std::vector<unsigned char> out(h.size() / 2);
    for (size_t i = 0; i < out.size(); ++i) {
        const int hi = hex_digit(h[2 * i]), lo = hex_digit(h[2 * i + 1]);
        if (hi < 0 || lo < 0) throw Error("a geometry's hex holds a character that is no digit");
        out[i] = static_cast<unsigned char>(hi * 16 + lo);
    }
    return out;
}

std::vector<std::vector<unsigned char>> unhex_all(const ordered_json& list) {
    std::vector<std::vector<unsigned char>> out;
    out.reserve(list.size());
    for (const auto& h : list) out.push_back(unhex(h.get_ref<const std::string&>()));
    return out;
}

// The geometry file's name: a 128-bit fingerprint of the CRS and every zone's WKB, so the tasks
// of one zone set share it and a changed zone set gets a file of its own. Taken from the bytes
// themselves, so a task whose zone set's file exists serialises nothing (dense boundaries are
// 150 MB of hex).
std::string geometry_file_name(const TaskResult& r) {
    Fingerprinter f;
    f.add(std::string_view(r.crs_wkt));
    f.add(static_cast<uint64_t>(r.wkb.size()));
    for (const auto& w : r.wkb)
        f.add(std::string_view(reinterpret_cast<const char*>(w.data()), w.size()));
    return "geometry/" + fingerprint_hex(f.finish()) + ".json";
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
        const std::string name = geometry_file_name(r);
        const std::string geometry_path =
            (std::filesystem::path(path).parent_path() / name).string();
        // The tasks of a batch run side by side: the first of a zone set writes its file while
        // the others wait, then find it.
        static std::mutex writing;
        const std::lock_guard<std::mutex> hold(writing);
        std::error_code ec;
        if (!std::filesystem::exists(geometry_path, ec)) {
            std::filesystem::create_directories(std::filesystem::path(geometry_path).parent_path(),
                                                ec);
            write_text_file(
                geometry_path, [&r](std::ostream& out) { write_geometry(out, r); },
                "the zones' geometry");
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
            r.wkb = unhex_all(j.at("wkb_hex"));
        }
        r.warnings = j.at("warnings").get<std::vector<std::string>>();
        return r;
    } catch (const nlohmann::json::exception& e) {
        throw Error(path + ": not a task result (" + std::string(e.what()) + ")");
    } catch (const Error& e) {
        throw Error(path + ": not a task result (" + std::string(e.what()) + ")");
    }
}

bool task_result_usable(const std::string& path) {
    try {
        const TaskResult r = read_task_result(path);
        if (r.geometry_file.empty()) return true;  // it holds its geometry
        std::error_code ec;
        return std::filesystem::exists(std::filesystem::path(path).parent_path() / r.geometry_file,
                                       ec);
    } catch (const Error&) {
        return false;
    }
}

void read_task_geometry(const std::string& path, TaskResult& r) {
    if (r.geometry_file.empty()) return;  // the result holds its geometry
    const std::string file = (std::filesystem::path(path).parent_path() / r.geometry_file).string();
    try {
        const ordered_json j = parse_json_file(file, "the zones' geometry of " + path);
        r.crs_wkt = j.at("crs_wkt");
        r.wkb = unhex_all(j.at("wkb_hex"));
    } catch (const nlohmann::json::exception& e) {
        throw Error(file + ": not a zones' geometry file (" + std::string(e.what()) + ")");
    } catch (const Error& e) {
        throw Error(file + ": not a zones' geometry file (" + std::string(e.what()) + ")");
    }
    if (r.wkb.size() != r.zone_ids.size())
        throw Error(file + ": " + std::to_string(r.wkb.size()) + " geometries for the " +
                    std::to_string(r.zone_ids.size()) + " zones of " + path);
}

}  // namespace gg::assess
