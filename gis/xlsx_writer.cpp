// Excel workbooks through libxlsxwriter, in its constant-memory mode: one sheet per table, typed
// cells (see table_writer.hpp). Excel reads the strings as UTF-8 whatever the Windows code page,
// so Thai names show as typed, which a CSV without a BOM does not give. libxlsxwriter rather than
// GDAL's XLSX driver, which holds every row in memory until the workbook closes.
#include <fcntl.h>
#include <unistd.h>
#include <utf8proc.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "core/error.hpp"
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

// The next character of `text` at `at`: its bytes and the UTF-16 units Excel counts for it
// (two above U+FFFF, a surrogate pair). A byte that is not valid UTF-8 counts as one of each.
struct Utf8Char {
    std::size_t bytes = 1, units = 1;
};

Utf8Char next_char(const std::string& text, std::size_t at) {
    utf8proc_int32_t cp = 0;
    const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + at),
                                    static_cast<utf8proc_ssize_t>(text.size() - at), &cp);
    if (n <= 0) return {};
    return {static_cast<std::size_t>(n), cp > 0xFFFF ? 2u : 1u};
}

// `name` cut to at most `bytes` bytes, not inside a UTF-8 character.
std::string utf8_prefix(const std::string& name, std::size_t bytes) {
    std::size_t end = 0;
    while (end < name.size()) {
        const std::size_t next = end + next_char(name, end).bytes;
        if (next > bytes) break;
        end = next;
    }
    return name.substr(0, end);
}

// A text longer than a cell holds, cut at a character boundary with the count of what is left
// out, so the cut shows (the CSV and GeoPackage hold the whole text).
std::string fit_in_cell(const std::string& text) {
    const std::size_t room = kExcelCellCharacters - 64;  // for the note
    std::size_t units = 0, cut = 0, kept_units = 0;
    for (std::size_t at = 0; at < text.size();) {
        const Utf8Char c = next_char(text, at);
        units += c.units;
        at += c.bytes;
        if (units <= room) cut = at, kept_units = units;
    }
    if (units <= kExcelCellCharacters) return text;
    return text.substr(0, cut) + " [... " + std::to_string(units - kept_units) +
           " more characters: an Excel cell holds " + std::to_string(kExcelCellCharacters) + "]";
}

// The sheet name rule Excel enforces: it refuses a workbook that breaks it.
void check_sheet_name(const std::string& name, const std::string& path) {
    if (name.empty() || name.size() > 31 || name.find_first_of("[]:*?/\\") != std::string::npos)
        throw Error("cannot write '" + path + "': sheet name '" + name +
                    "' is not one Excel accepts (1 to 31 characters, none of []:*?/\\)");
}

// libxlsxwriter prints its errors on standard error as well as returning them; the returned
// error makes our one-line message, so its own lines are kept off the terminal while it works.
// (No other thread prints while outputs are written.)
class LibraryStderrMuted {
  public:
    LibraryStderrMuted() {
        std::fflush(stderr);
        saved_ = ::dup(STDERR_FILENO);
        const int null = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
        if (saved_ >= 0 && null >= 0) ::dup2(null, STDERR_FILENO);
        if (null >= 0) ::close(null);
    }
    LibraryStderrMuted(const LibraryStderrMuted&) = delete;
    LibraryStderrMuted& operator=(const LibraryStderrMuted&) = delete;
    ~LibraryStderrMuted() {
        std::fflush(stderr);
        if (saved_ < 0) return;
        ::dup2(saved_, STDERR_FILENO);
        ::close(saved_);
    }

  private:
    int saved_ = -1;
};

// The workbook's creation date, fixed so that the same tables give the same bytes:
// 1980-01-01T00:00:00Z, the date libxlsxwriter gives the archive's entries.
constexpr time_t kFixedCreated = 315532800;

}  // namespace

struct XlsxStream::State {
    std::string path;
    Metadata metadata;
    AtomicOutput output;
    std::string tmpdir;
    lxw_workbook* workbook = nullptr;
    std::set<std::string> names;  // lower case, to refuse a second sheet of the same name
    // The sheet being written: its table's name, columns and the rows it holds so far.
    std::string table;
    std::vector<Column> columns;
    lxw_worksheet* sheet = nullptr;
    std::size_t sheet_rows = 0, table_rows = 0, table_sheets = 0;
    std::string first_sheet, last_sheet;

    State(const std::string& p, Metadata m) : path(p), metadata(std::move(m)), output(p) {
        std::filesystem::path dir = std::filesystem::path(p).parent_path();
        tmpdir = dir.empty() ? "." : dir.string();  // large temporary files on the output's disk
        lxw_workbook_options options{};
        options.constant_memory = LXW_TRUE;
        options.tmpdir = tmpdir.data();
        options.use_zip64 = LXW_TRUE;  // a sheet of a million rows can pass 4 GB of XML
        {
            const LibraryStderrMuted muted;
            workbook = workbook_new_opt(output.temp_path().c_str(), &options);
        }
        if (workbook == nullptr) fail("cannot create the workbook");
        lxw_doc_properties properties{};
        properties.created = kFixedCreated;
        if (workbook_set_properties(workbook, &properties) != LXW_NO_ERROR)
            fail("cannot set the workbook's properties");
    }
    State(const State&) = delete;
    State& operator=(const State&) = delete;
    ~State() {
        if (workbook != nullptr) lxw_workbook_free(workbook);  // writes nothing
    }

    [[noreturn]] void fail(const std::string& what) const {
        throw Error("cannot write '" + path + "': " + what);
    }
    void check(lxw_error error, const std::string& what) const {
        if (error != LXW_NO_ERROR) fail(what + " (" + library_error(error) + ")");
    }
    static std::string library_error(lxw_error error) {
        std::string text = lxw_strerror(error);
        while (!text.empty() && (text.back() == '.' || text.back() == ' ')) text.pop_back();
        return text;
    }

    void add_sheet(const std::string& name, const std::vector<Column>& header) {
        if (!names.insert(lower(name)).second) fail("two sheets are named '" + name + "'");
        {
            const LibraryStderrMuted muted;  // it reports a failed row file there
            sheet = workbook_add_worksheet(workbook, name.c_str());
        }
        if (sheet == nullptr) fail("cannot create sheet '" + name + "'");
        for (std::size_t c = 0; c < header.size(); ++c)
            check(worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c),
                                         fit_in_cell(header[c].name).c_str(), nullptr),
                  "sheet '" + name + "': cannot write the column names");
        sheet_rows = 0;
        if (table_sheets++ == 0) first_sheet = name;
        last_sheet = name;
    }

    // Past Excel's last row the table goes on "name (2)", "name (3)" ... under its column names
    // again; the metadata sheet says where it went.
    void end_table() {
        if (table_sheets > 1)
            metadata.emplace(
                "sheets of " + table,
                std::to_string(table_rows) +
                    " rows, more than one Excel sheet holds: " + std::to_string(kExcelRows - 1) +
                    " a sheet on '" + first_sheet + "' to '" + last_sheet + "'");
        sheet = nullptr;
        table_sheets = 0;
    }

    void write_cell(lxw_row_t row, lxw_col_t col, const Cell& cell) {
        lxw_error error = LXW_NO_ERROR;
        if (const auto* i = std::get_if<int64_t>(&cell))
            error = worksheet_write_number(sheet, row, col, static_cast<double>(*i), nullptr);
        else if (const auto* d = std::get_if<double>(&cell); d != nullptr && std::isfinite(*d))
            error = worksheet_write_number(sheet, row, col, *d, nullptr);
        else if (const auto* s = std::get_if<std::string>(&cell))
            // A text of no more bytes than a cell's characters fits as it is (a character is at
            // least one byte, a UTF-16 pair four); only longer ones are counted.
            error = worksheet_write_string(
                sheet, row, col,
                s->size() <= kExcelCellCharacters ? s->c_str() : fit_in_cell(*s).c_str(), nullptr);
        // an empty cell stays unwritten: the sheet has no <c> element for it
        check(error, "sheet '" + last_sheet + "': cannot write row " + std::to_string(row + 1));
    }
};

XlsxStream::XlsxStream(const std::string& path, Metadata metadata)
    : state_(std::make_unique<State>(path, std::move(metadata))) {}

XlsxStream::~XlsxStream() = default;

void XlsxStream::begin_sheet(const std::string& name, const std::vector<Column>& columns) {
    State& s = *state_;
    if (s.sheet != nullptr) s.end_table();
    check_sheet_name(name, s.path);
    if (lower(name) == "metadata" && !s.metadata.empty())
        s.fail("two sheets are named 'metadata' (the last holds the metadata)");
    if (columns.size() > kExcelColumns)
        s.fail("table '" + name + "' has " + std::to_string(columns.size()) +
               " columns, Excel holds " + std::to_string(kExcelColumns));
    s.table = name;
    s.columns = columns;
    s.table_rows = 0;
    s.add_sheet(name, columns);
}

void XlsxStream::add_row(const std::vector<Cell>& row) {
    State& s = *state_;
    if (s.sheet == nullptr) s.fail("a row before any sheet");
    detail::check_row(s.columns, row, s.table_rows, s.path);
    if (s.sheet_rows == kExcelRows - 1) {  // the first row holds the names
        const std::string suffix = " (" + std::to_string(s.table_sheets + 1) + ")";
        s.add_sheet(utf8_prefix(s.table, 31 - suffix.size()) + suffix, s.columns);
    }
    const auto at = static_cast<lxw_row_t>(++s.sheet_rows);
    for (std::size_t c = 0; c < row.size(); ++c)
        s.write_cell(at, static_cast<lxw_col_t>(c), row[c]);
    ++s.table_rows;
}

void XlsxStream::finish() {
    State& s = *state_;
    if (s.sheet != nullptr) s.end_table();
    if (!s.metadata.empty()) {
        const std::vector<Column> columns = {{"key", ColumnType::String},
                                             {"value", ColumnType::String}};
        s.table = "metadata";
        s.columns = columns;
        s.add_sheet("metadata", columns);
        for (const auto& [key, value] : s.metadata) {
            const auto at = static_cast<lxw_row_t>(++s.sheet_rows);
            s.write_cell(at, 0, key);
            s.write_cell(at, 1, value);
        }
    }
    if (s.names.empty()) s.fail("a workbook needs a sheet");
    lxw_workbook* workbook = s.workbook;
    s.workbook = nullptr;  // workbook_close frees it, whatever it returns
    errno = 0;
    lxw_error error = LXW_NO_ERROR;
    int close_errno = 0;
    {
        const LibraryStderrMuted muted;
        error = workbook_close(workbook);
        close_errno = errno;
    }
    if (error != LXW_NO_ERROR) {
        std::string why = State::library_error(error);
        if (close_errno != 0) why.append(": ").append(std::strerror(close_errno));  // a full disk
        s.fail(why);
    }
    s.output.commit();
}

void write_xlsx(const std::vector<Sheet>& sheets, const std::string& path,
                const Metadata& metadata) {
    for (const Sheet& s : sheets)
        if (s.table == nullptr) throw Error("cannot write '" + path + "': sheet without a table");
    // Every name is checked before anything is written, so a bad one leaves nothing behind.
    std::set<std::string> names;
    for (const Sheet& s : sheets) {
        check_sheet_name(s.name, path);
        if (!names.insert(lower(s.name)).second)
            throw Error("cannot write '" + path + "': two sheets are named '" + s.name + "'");
    }
    XlsxStream stream(path, metadata);
    for (const Sheet& s : sheets) {
        stream.begin_sheet(s.name, s.table->columns);
        for (const auto& row : s.table->rows) stream.add_row(row);
    }
    stream.finish();
}

}  // namespace gg
