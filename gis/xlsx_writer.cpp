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

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

// Excel refuses a workbook whose sheet names break its rules: check them before writing.
void check_sheet_names(const std::vector<Sheet>& sheets, bool with_metadata,
                       const std::string& path) {
    std::set<std::string> seen;
    std::vector<std::string> names;
    for (const Sheet& s : sheets) names.push_back(s.name);
    if (with_metadata) names.emplace_back("metadata");
    for (const std::string& name : names) {
        if (name.empty() || name.size() > 31 || name.find_first_of("[]:*?/\\") != std::string::npos)
            throw Error("cannot write '" + path + "': sheet name '" + name +
                        "' is not one Excel accepts (1 to 31 characters, none of []:*?/\\)");
        if (!seen.insert(lower(name)).second)
            throw Error("cannot write '" + path + "': two sheets are named '" + name + "'");
    }
}

void set_cell(OGRFeature& feature, int field, const Cell& cell) {
    if (const auto* i = std::get_if<int64_t>(&cell))
        feature.SetField(field, static_cast<GIntBig>(*i));
    else if (const auto* d = std::get_if<double>(&cell))
        feature.SetField(field, *d);
    else if (const auto* s = std::get_if<std::string>(&cell))
        feature.SetField(field, s->c_str());
    // an empty cell stays unset: the driver writes no <c> element for it
}

void write_sheet(GDALDataset& dataset, const std::string& name, const Table& table,
                 const std::string& path, const detail::GdalErrors& errors) {
    OGRLayer* layer = dataset.CreateLayer(name.c_str(), nullptr, wkbNone, nullptr);
    if (layer == nullptr) errors.fail(path, "cannot create sheet '" + name + "'");
    for (const auto& column : table.columns) {
        OGRFieldDefn field(column.name.c_str(), ogr_field_type(column.type));
        if (layer->CreateField(&field, /*bApproxOK=*/FALSE) != OGRERR_NONE)
            errors.fail(path, "sheet '" + name + "': cannot create column '" + column.name + "'");
    }
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
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
    check_sheet_names(sheets, !metadata.empty(), path);
    for (const Sheet& s : sheets)
        if (s.table == nullptr) throw Error("cannot write '" + path + "': sheet without a table");
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
    for (const Sheet& s : sheets) write_sheet(*dataset, s.name, *s.table, path, errors);
    if (!metadata.empty()) {
        Table meta{{{"key", ColumnType::String}, {"value", ColumnType::String}}, {}};
        for (const auto& [key, value] : metadata) meta.rows.push_back({key, value});
        write_sheet(*dataset, "metadata", meta, path, errors);
    }
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
        const int expected = static_cast<int>(sheets.size()) + (metadata.empty() ? 0 : 1);
        if (!back || back->GetLayerCount() != expected)
            throw Error("cannot write '" + path +
                        "': the workbook written cannot be read back (is the disk full?)");
    }
    scratch.move_to(output.temp_path(), path);
    output.commit();
}

}  // namespace gg
