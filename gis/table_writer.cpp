// AtomicOutput, the format dispatch and the row checks shared by the CSV, XLSX and GPKG writers.
#include "gis/table_writer.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <utility>

#include "core/error.hpp"
#include "gis/table_writer_internal.hpp"
#include "gis/temp_files.hpp"

namespace fs = std::filesystem;

namespace gg {

namespace detail {

std::string lower_extension(const std::string& path) {
    std::string ext = fs::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

namespace {

const char* cell_name(const Cell& cell) {
    static const char* const names[] = {"empty", "integer", "real", "text"};
    return names[cell.index()];
}

bool fits(const Cell& cell, ColumnType type) {
    if (std::holds_alternative<std::monostate>(cell)) return true;
    switch (type) {
        case ColumnType::Integer:
            return std::holds_alternative<int64_t>(cell);
        // An integer widens to real without surprise; a real in an integer column would be cut.
        case ColumnType::Real:
            return std::holds_alternative<double>(cell) || std::holds_alternative<int64_t>(cell);
        case ColumnType::String:
            return std::holds_alternative<std::string>(cell);
    }
    return false;
}

}  // namespace

void check_row(const std::vector<Column>& columns, const std::vector<Cell>& row, std::size_t index,
               const std::string& path) {
    if (row.size() != columns.size())
        throw Error("cannot write '" + path + "': row " + std::to_string(index + 1) + " has " +
                    std::to_string(row.size()) + " cells, expected " +
                    std::to_string(columns.size()));
    for (std::size_t c = 0; c < row.size(); ++c)
        if (!fits(row[c], columns[c].type))
            throw Error("cannot write '" + path + "': row " + std::to_string(index + 1) +
                        ", column '" + columns[c].name + "' is " +
                        column_type_name(columns[c].type) + " but the cell is " +
                        cell_name(row[c]));
}

void check_row(const Table& table, std::size_t index, const std::string& path) {
    check_row(table.columns, table.rows[index], index, path);
}

}  // namespace detail

namespace {
std::atomic<unsigned> temp_counter{0};
}  // namespace

AtomicOutput::AtomicOutput(std::string final_path) : final_path_(std::move(final_path)) {
    const fs::path final_fs(final_path_);
    fs::path dir = final_fs.parent_path();
    if (dir.empty()) dir = ".";
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw Error("cannot write '" + final_path_ + "': directory '" + dir.string() +
                    "' does not exist");
    if (::access(dir.c_str(), W_OK) != 0)
        throw Error("cannot write '" + final_path_ + "': directory '" + dir.string() +
                    "' is not writable");
    if (fs::is_directory(final_fs, ec))
        throw Error("cannot write '" + final_path_ + "': it is a directory");
    // Same directory, so the final rename stays on one file system and is atomic. The final
    // extension is repeated at the end because GDAL drivers (GPKG) check it.
    const std::string base =
        final_path_ + ".tmp-" + std::to_string(static_cast<long>(::getpid())) + "-";
    const std::string ext = final_fs.extension().string();
    do {
        temp_path_ = base + std::to_string(temp_counter++) + ext;
    } while (fs::exists(temp_path_, ec));
    // What an earlier run killed outright left of this output goes now; this one's is removed on
    // SIGINT/SIGTERM/SIGHUP too (gis/temp_files.hpp).
    remove_stale_temp_files(final_path_);
    track_temp_file(temp_path_);
}

AtomicOutput::~AtomicOutput() {
    forget_temp_file(temp_path_);
    if (committed_) return;
    std::error_code ec;  // a destructor must not throw; nothing more can be done on failure
    fs::remove(temp_path_, ec);
    // SQLite (GPKG) may leave these beside a database whose writer failed.
    for (const char* suffix : {"-journal", "-wal", "-shm"}) fs::remove(temp_path_ + suffix, ec);
}

void AtomicOutput::commit() {
    if (std::rename(temp_path_.c_str(), final_path_.c_str()) != 0)
        throw Error("cannot write '" + final_path_ +
                    "': renaming the temporary file failed: " + std::strerror(errno));
    committed_ = true;
    forget_temp_file(temp_path_);
}

void write_text_file(const std::string& path, const std::string& text, const std::string& what) {
    write_text_file(
        path, [&text](std::ostream& f) { f << text; }, what);
}

void write_text_file(const std::string& path, const std::function<void(std::ostream&)>& write,
                     const std::string& what) {
    AtomicOutput out(path);
    {
        std::ofstream f(out.temp_path(), std::ios::binary);
        write(f);
        f.close();
        if (!f) throw Error(path + ": cannot write " + what);
    }
    out.commit();
}

void write_table(const Table& table, const std::string& path, const std::string& layer_name,
                 const std::optional<TableGeometry>& geometry, const Metadata& metadata,
                 const CsvOptions& csv) {
    const std::string ext = detail::lower_extension(path);
    if (ext == ".csv") return write_csv(table, path, csv);
    if (ext == ".xlsx") return write_xlsx({{layer_name, &table}}, path, metadata);
    if (ext == ".gpkg") return write_gpkg(table, path, layer_name, geometry, metadata);
    throw Error("cannot write '" + path + "': unsupported extension '" + ext +
                "' (use .csv, .xlsx or .gpkg)");
}

}  // namespace gg
