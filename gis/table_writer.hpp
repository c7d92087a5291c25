#pragma once
// Writes result tables: UTF-8 CSV, Excel workbooks (XLSX) and GeoPackage layers (zones with their
// statistics). Every file
// is written under a temporary name in the same directory and renamed when complete, so a failed
// run never leaves a partial or corrupted output behind.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
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

struct CsvOptions {
    // A UTF-8 byte order mark (EF BB BF) before the header: Excel then reads the file as UTF-8
    // instead of the Windows code page (Thai names otherwise show as mojibake). The writer's
    // default is the plain RFC 4180 bytes; the commands choose their own (README: Outputs).
    bool bom = false;
};

// Chooses the format from the extension (.csv, .xlsx or .gpkg, case-insensitive); throws
// gg::Error for any other extension or when the file cannot be written. An existing file is
// replaced only on success. layer_name names the GeoPackage layer and the XLSX sheet.
void write_table(const Table& table, const std::string& path, const std::string& layer_name,
                 const std::optional<TableGeometry>& geometry, const Metadata& metadata,
                 const CsvOptions& csv = {});

// RFC 4180 (CRLF line ends, quoted fields where needed), UTF-8, numbers by plain_number
// (core/number_format.hpp): exact and without an exponent for ordinary magnitudes.
void write_csv(const Table& table, const std::string& path, const CsvOptions& options = {});

// An Excel workbook through libxlsxwriter: one sheet per table, in order, the column names as
// the first row, integers and reals as numeric cells, texts as (UTF-8) inline strings, empty
// cells left empty. Non-empty metadata adds a last sheet "metadata" (key, value). Sheet names
// are at most 31 characters without []:*?/\ (Excel's rule), unique case-insensitively. A table
// of more rows than a sheet holds continues on sheets "name (2)" ..., noted in the metadata sheet;
// a text longer than a cell holds is cut and says how much is left out (xlsx_writer.cpp). The
// bytes hold no clock time: the same tables give the same file.
struct Sheet {
    std::string name;
    const Table* table = nullptr;
};
void write_xlsx(const std::vector<Sheet>& sheets, const std::string& path,
                const Metadata& metadata);

// The same workbook written sheet by sheet and row by row in constant memory (libxlsxwriter's
// constant_memory mode: a row goes to a temporary file beside the output when the next begins),
// for tables larger than memory: a batch's merge. Rows go to the sheet begun last. Nothing
// appears at `path` until finish(); destroyed before that, it leaves the old file as it was.
class XlsxStream {
  public:
    XlsxStream(const std::string& path, Metadata metadata);
    XlsxStream(const XlsxStream&) = delete;
    XlsxStream& operator=(const XlsxStream&) = delete;
    ~XlsxStream();
    void begin_sheet(const std::string& name, const std::vector<Column>& columns);
    void add_row(const std::vector<Cell>& row);
    void finish();

  private:
    struct State;
    std::unique_ptr<State> state_;
};

// A CSV written row by row (write_csv's format), for tables larger than memory.
class CsvStream {
  public:
    CsvStream(const std::string& path, std::vector<Column> columns, const CsvOptions& options = {});
    CsvStream(const CsvStream&) = delete;
    CsvStream& operator=(const CsvStream&) = delete;
    ~CsvStream();
    void add_row(const std::vector<Cell>& row);
    void finish();

  private:
    struct State;
    std::unique_ptr<State> state_;
};
void write_gpkg(const Table& table, const std::string& path, const std::string& layer_name,
                const std::optional<TableGeometry>& geometry, const Metadata& metadata);

// JSON: {"metadata": {...}, "columns": [...], "rows": [{column: value or null}]}.
void write_json(const Table& table, const std::string& path, const Metadata& metadata);

// Writes `text` to `path` atomically (AtomicOutput): the whole file or the previous one. Throws
// gg::Error "<path>: cannot write <what>" when it cannot.
void write_text_file(const std::string& path, const std::string& text, const std::string& what);
// The same for text written piece by piece to the stream given to `write`, so a large file need
// not be held whole in memory first.
void write_text_file(const std::string& path, const std::function<void(std::ostream&)>& write,
                     const std::string& what);

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
