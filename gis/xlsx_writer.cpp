// Excel workbooks through GDAL's XLSX driver: one sheet per table, typed cells (see
// table_writer.hpp). Excel reads the shared strings as UTF-8 whatever the Windows code page, so
// Thai names show as typed, which a CSV without a BOM does not give.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "gis/gdal_setup.hpp"
#include "gis/ogr_util.hpp"
#include "gis/table_writer.hpp"
#include "gis/table_writer_internal.hpp"

namespace gg {

namespace {

// Microsoft, "Excel specifications and limits" (support.microsoft.com, Excel for Microsoft 365
// and 2007 onwards): a worksheet has 1,048,576 rows and 16,384 columns; a cell holds at most
// 32,767 characters. Excel opens a workbook beyond them with rows or text missing, so the
// writer keeps inside them and says so where it has to.
constexpr std::size_t kExcelRows = 1048576;
constexpr std::size_t kExcelColumns = 16384;
constexpr std::size_t kExcelCellCharacters = 32767;

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

// Excel refuses a workbook whose sheet names break its rules: check them before writing.
void check_sheet_names(const std::vector<std::string>& names, const std::string& path) {
    std::set<std::string> seen;
    for (const std::string& name : names) {
        if (name.empty() || name.size() > 31 || name.find_first_of("[]:*?/\\") != std::string::npos)
            throw Error("cannot write '" + path + "': sheet name '" + name +
                        "' is not one Excel accepts (1 to 31 characters, none of []:*?/\\)");
        if (!seen.insert(lower(name)).second)
            throw Error("cannot write '" + path + "': two sheets are named '" + name + "'");
    }
}

// One worksheet: rows [first, last) of a table, under its column names.
struct Part {
    std::string name;
    const Table* table = nullptr;
    std::size_t first = 0, last = 0;
};

// `name` cut to at most `bytes` bytes, not inside a UTF-8 character.
std::string utf8_prefix(const std::string& name, std::size_t bytes) {
    if (name.size() <= bytes) return name;
    std::size_t end = bytes;
    while (end > 0 && (static_cast<unsigned char>(name[end]) & 0xC0) == 0x80) --end;
    return name.substr(0, end);
}

// Each table on one sheet, or, past Excel's last row, on continuation sheets "name (2)",
// "name (3)" ... each under the column names again; `notes` says where a table went.
std::vector<Part> plan_parts(const std::vector<Sheet>& sheets, const std::string& path,
                             Metadata& notes) {
    constexpr std::size_t rows_per_sheet = kExcelRows - 1;  // the first row holds the names
    std::vector<Part> parts;
    for (const Sheet& s : sheets) {
        if (s.table->columns.size() > kExcelColumns)
            throw Error("cannot write '" + path + "': table '" + s.name + "' has " +
                        std::to_string(s.table->columns.size()) + " columns, Excel holds " +
                        std::to_string(kExcelColumns));
        const std::size_t rows = s.table->rows.size();
        const std::size_t count = rows == 0 ? 1 : (rows + rows_per_sheet - 1) / rows_per_sheet;
        for (std::size_t k = 0; k < count; ++k) {
            // A continuation's name is cut to fit; the first keeps its own, checked as given.
            const std::string suffix = " (" + std::to_string(k + 1) + ")";
            parts.push_back({k == 0 ? s.name : utf8_prefix(s.name, 31 - suffix.size()) + suffix,
                             s.table, k * rows_per_sheet,
                             std::min(rows, (k + 1) * rows_per_sheet)});
        }
        if (count > 1)
            notes.emplace("sheets of " + s.name,
                          std::to_string(rows) + " rows, more than one Excel sheet holds: " +
                              std::to_string(rows_per_sheet) + " a sheet on '" +
                              parts[parts.size() - count].name + "' to '" + parts.back().name +
                              "'");
    }
    return parts;
}

// Excel counts a cell's characters in UTF-16 units: one per character, two above U+FFFF.
std::size_t excel_characters(const std::string& text) {
    std::size_t n = 0;
    for (const unsigned char c : text) {
        if ((c & 0xC0) != 0x80) ++n;  // a character's first byte
        if (c >= 0xF0) ++n;           // a four-byte character: a surrogate pair
    }
    return n;
}

// A text longer than a cell holds, cut at a character boundary with the count of what is left
// out, so the cut shows (the CSV and GeoPackage hold the whole text).
std::string fit_in_cell(const std::string& text) {
    const std::size_t total = excel_characters(text);
    if (total <= kExcelCellCharacters) return text;
    std::size_t used = 0, i = 0;
    const std::size_t room = kExcelCellCharacters - 64;  // for the note
    while (i < text.size()) {
        std::size_t len = 1;
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0xF0)
            len = 4;
        else if (c >= 0xE0)
            len = 3;
        else if (c >= 0xC0)
            len = 2;
        const std::size_t units = len == 4 ? 2 : 1;
        if (used + units > room) break;
        used += units;
        i += len;
    }
    return text.substr(0, i) + " [... " + std::to_string(total - used) +
           " more characters: an Excel cell holds " + std::to_string(kExcelCellCharacters) + "]";
}

void set_cell(OGRFeature& feature, int field, const Cell& cell) {
    if (const auto* i = std::get_if<int64_t>(&cell))
        feature.SetField(field, static_cast<GIntBig>(*i));
    else if (const auto* d = std::get_if<double>(&cell))
        feature.SetField(field, *d);
    else if (const auto* s = std::get_if<std::string>(&cell))
        feature.SetField(field, fit_in_cell(*s).c_str());
    // an empty cell stays unset: the driver writes no <c> element for it
}

void write_sheet(GDALDataset& dataset, const Part& part, const std::string& path,
                 const detail::GdalErrors& errors) {
    const std::string& name = part.name;
    const Table& table = *part.table;
    OGRLayer* layer = dataset.CreateLayer(name.c_str(), nullptr, wkbNone, nullptr);
    if (layer == nullptr) errors.fail(path, "cannot create sheet '" + name + "'");
    for (const auto& column : table.columns) {
        OGRFieldDefn field(column.name.c_str(), ogr_field_type(column.type));
        if (layer->CreateField(&field, /*bApproxOK=*/FALSE) != OGRERR_NONE)
            errors.fail(path, "sheet '" + name + "': cannot create column '" + column.name + "'");
    }
    for (std::size_t r = part.first; r < part.last; ++r) {
        detail::check_row(table, r, path);
        OGRFeature feature(layer->GetLayerDefn());
        for (std::size_t c = 0; c < table.columns.size(); ++c)
            set_cell(feature, static_cast<int>(c), table.rows[r][c]);
        if (layer->CreateFeature(&feature) != OGRERR_NONE)
            errors.fail(path, "sheet '" + name + "': cannot write row " + std::to_string(r + 1));
    }
}

// GDAL writes the workbook through /vsizip/, which takes the first ".xlsx" of a path for the end
// of the archive name: a temporary name "city.xlsx.tmp-1-0.xlsx" fails ("Failure when saving").
// So the workbook is written under a name with the extension only at its end, in the same
// folder, and renamed to the AtomicOutput's temporary name when complete.
class Scratch {
  public:
    explicit Scratch(const std::string& beside) {
        static std::atomic<unsigned> counter{0};
        std::filesystem::path dir = std::filesystem::path(beside).parent_path();
        if (dir.empty()) dir = ".";
        path_ = (dir / (".greengauge-" + std::to_string(static_cast<long>(::getpid())) + "-" +
                        std::to_string(counter++) + ".xlsx"))
                    .string();
    }
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;
    ~Scratch() { std::remove(path_.c_str()); }  // nothing left after a rename or a failure
    const std::string& path() const { return path_; }
    void move_to(const std::string& target, const std::string& shown) const {
        if (std::rename(path_.c_str(), target.c_str()) != 0)
            throw Error("cannot write '" + shown +
                        "': renaming the temporary file failed: " + std::strerror(errno));
    }

  private:
    std::string path_;
};

}  // namespace

void write_xlsx(const std::vector<Sheet>& sheets, const std::string& path,
                const Metadata& metadata) {
    for (const Sheet& s : sheets)
        if (s.table == nullptr) throw Error("cannot write '" + path + "': sheet without a table");
    Metadata meta_rows = metadata;
    std::vector<Part> parts = plan_parts(sheets, path, meta_rows);
    Table meta{{{"key", ColumnType::String}, {"value", ColumnType::String}}, {}};
    for (const auto& [key, value] : meta_rows) meta.rows.push_back({key, value});
    if (!meta.rows.empty()) parts.push_back({"metadata", &meta, 0, meta.rows.size()});
    std::vector<std::string> names;
    for (const Part& p : parts) names.push_back(p.name);
    check_sheet_names(names, path);
    init_gdal();

    // Declaration order: the dataset closes first (the driver writes the file then), then the
    // errors are unmuted, then the temporary file is removed unless committed.
    AtomicOutput output(path);
    const Scratch scratch(output.temp_path());
    detail::GdalErrors errors;
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("XLSX");
    if (driver == nullptr) errors.fail(path, "GDAL has no XLSX driver");
    GDALDatasetUniquePtr dataset(
        driver->Create(scratch.path().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!dataset) errors.fail(path, "cannot create the workbook");
    for (const Part& p : parts) write_sheet(*dataset, p, path, errors);
    errors.check(path, "writing the sheets failed");
    dataset.reset();  // the XLSX driver writes the whole workbook when the dataset closes
    errors.check(path, "closing the workbook failed");
    // The driver does not report a failed write of the archive (a full disk leaves an empty or
    // cut file and no error): read the workbook back before it replaces anything.
    {
        const char* const xlsx_only[] = {"XLSX", nullptr};
        const GDALDatasetUniquePtr back(GDALDataset::Open(scratch.path().c_str(),
                                                          GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                                          xlsx_only, nullptr, nullptr));
        const int expected = static_cast<int>(parts.size());
        if (!back || back->GetLayerCount() != expected)
            throw Error("cannot write '" + path +
                        "': the workbook written cannot be read back (is the disk full?)");
    }
    scratch.move_to(output.temp_path(), path);
    output.commit();
}

}  // namespace gg
