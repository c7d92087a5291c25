#pragma once
// Writes result tables: UTF-8 CSV and GeoPackage layers (zones with their statistics). Every file
// is written under a temporary name in the same directory and renamed when complete, so a failed
// run never leaves a partial or corrupted output behind.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/table.hpp"

namespace gg {

// Optional geometry for a GeoPackage layer: one WKB per row (empty vector: no geometry) and the
// CRS as WKT.
struct TableGeometry {
    std::vector<std::vector<unsigned char>> wkb;
    std::string crs_wkt;
};

// Metadata recorded with every output (tool version, command, inputs): written as GDAL metadata
// items of the GeoPackage layer; for CSV, as a sidecar is not wanted, it is not written.
using Metadata = std::map<std::string, std::string>;

// Chooses the format from the extension (.csv or .gpkg, case-insensitive); throws gg::Error for
// any other extension or when the file cannot be written. An existing file is replaced only on
// success.
void write_table(const Table& table, const std::string& path, const std::string& layer_name,
                 const std::optional<TableGeometry>& geometry, const Metadata& metadata);

void write_csv(const Table& table, const std::string& path);
void write_gpkg(const Table& table, const std::string& path, const std::string& layer_name,
                const std::optional<TableGeometry>& geometry, const Metadata& metadata);

// JSON: {"metadata": {...}, "columns": [...], "rows": [{column: value or null}]}.
void write_json(const Table& table, const std::string& path, const Metadata& metadata);

// A temporary path beside the final one; remove() it on failure, commit() renames it into place.
class AtomicOutput {
  public:
    explicit AtomicOutput(std::string final_path);
    AtomicOutput(const AtomicOutput&) = delete;
    AtomicOutput& operator=(const AtomicOutput&) = delete;
    ~AtomicOutput();  // removes the temporary file unless committed
    const std::string& temp_path() const { return temp_path_; }
    void commit();  // throws gg::Error when the rename fails
  private:
    std::string final_path_;
    std::string temp_path_;
    bool committed_ = false;
};

}  // namespace gg
