// Run history in GeoPackage or PostgreSQL through GDAL (see history_store.hpp).
#include "gis/history_store.hpp"

#include <cpl_error.h>
#include <cpl_port.h>
#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <regex>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "gis/gdal_setup.hpp"
#include "gis/ogr_util.hpp"
#include "gis/table_writer.hpp"
#include "gis/table_writer_internal.hpp"

namespace fs = std::filesystem;

namespace gg {

namespace {

bool is_pg(const std::string& target) {
    return target.size() >= 3 && std::toupper(static_cast<unsigned char>(target[0])) == 'P' &&
           std::toupper(static_cast<unsigned char>(target[1])) == 'G' && target[2] == ':';
}

// The value of password=... in a keyword connection string or ?password= in a URI, to scrub it
// from library messages too (libpq does not echo it today; a future version or driver might).
std::string password_of(const std::string& target) {
    static const std::regex keyword(R"((?:^|[\s:?&])password\s*=\s*('(?:[^'\\]|\\.)*'|[^\s&]*))",
                                    std::regex::icase);
    static const std::regex uri(R"(postgres(?:ql)?://[^:@/\s]*:([^@/\s]*)@)", std::regex::icase);
    std::smatch m;
    if (std::regex_search(target, m, keyword)) {
        std::string value = m[1].str();
        if (value.size() >= 2 && value.front() == '\'') value = value.substr(1, value.size() - 2);
        return value;
    }
    if (std::regex_search(target, m, uri)) return m[1].str();
    return {};
}

std::string one_line(std::string text) {
    for (char& c : text)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    std::string out;
    out.reserve(text.size());
    for (char c : text)
        if (c != ' ' || (!out.empty() && out.back() != ' ')) out += c;
    while (!out.empty() && (out.back() == ' ' || out.back() == '.')) out.pop_back();
    return out;
}

// A message from GDAL/libpq with the password of `target` removed wherever it shows.
std::string scrub(std::string message, const std::string& target) {
    message = redact_target(message);
    const std::string password = password_of(target);
    if (password.size() >= 3) {  // shorter ones would mangle ordinary words
        std::size_t at = 0;
        while ((at = message.find(password, at)) != std::string::npos) {
            message.replace(at, password.size(), "***");
            at += 3;
        }
    }
    return one_line(message);
}

// Keeps GDAL quiet while alive and remembers its first failure, which for some steps (deferred
// table creation, COPY into PostgreSQL, closing) is the only sign that they failed.
class GdalFailures {
  public:
    GdalFailures() { CPLPushErrorHandlerEx(&GdalFailures::handle, this); }
    GdalFailures(const GdalFailures&) = delete;
    GdalFailures& operator=(const GdalFailures&) = delete;
    ~GdalFailures() { CPLPopErrorHandler(); }
    const std::string& first() const { return first_; }
    void clear() { first_.clear(); }

  private:
    static void CPL_STDCALL handle(CPLErr level, CPLErrorNum, const char* message) {
        auto* self = static_cast<GdalFailures*>(CPLGetErrorHandlerUserData());
        if (level >= CE_Failure && self->first_.empty() && message != nullptr) {
            self->first_ = without_quoted_sql(message);
            // PostgreSQL's "LINE 1: CREATE TABLE ... ^" detail quotes SQL, not the problem.
            const std::size_t detail = self->first_.find("\nLINE ");
            if (detail != std::string::npos) self->first_.resize(detail);
        }
    }
    std::string first_;
};

// Builds the one-line errors of one operation on one target ("cannot append to 'x.gpkg': ...").
class Reporter {
  public:
    Reporter(std::string verb, std::string target)
        : prefix_(std::move(verb)), target_(std::move(target)) {
        prefix_.append(" '").append(redact_target(target_)).append("': ");
    }
    [[noreturn]] void fail(const std::string& what) const {
        std::string message = prefix_;
        message.append(what);
        if (!failures_.first().empty()) message.append(": ").append(failures_.first());
        throw Error(scrub(message, target_));
    }
    void check(const std::string& what) const {
        if (!failures_.first().empty()) fail(what);
    }
    void clear() { failures_.clear(); }

  private:
    std::string prefix_;
    std::string target_;
    GdalFailures failures_;
};

std::string quoted(const std::string& name) {
    std::string out = "'";
    out.append(name).append("'");
    return out;
}

std::string stored_type_word(const OGRFieldDefn& field) {
    switch (field.GetType()) {
        case OFTInteger:
            return field.GetSubType() == OFSTBoolean ? "boolean" : "integer";
        case OFTInteger64:
            return "integer";
        case OFTReal:
            return "real";
        case OFTString:
            return "text";
        default:
            return OGRFieldDefn::GetFieldTypeName(field.GetType());
    }
}

bool compatible(ColumnType type, const OGRFieldDefn& field) {
    const OGRFieldType t = field.GetType();
    switch (type) {
        case ColumnType::Integer:
            return (t == OFTInteger64 || t == OFTInteger) && field.GetSubType() != OFSTBoolean;
        case ColumnType::Real:
            return t == OFTReal;
        case ColumnType::String:
            return t == OFTString;
    }
    return false;
}

void check_names_and_rows(const std::string& target, const NamedTables& tables) {
    for (const auto& [name, table] : tables) {
        std::string where = redact_target(target);
        where.append(", table ").append(quoted(name));
        if (name.empty())
            throw Error("cannot append to '" + redact_target(target) + "': a table has no name");
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            if (table.columns[c].name.empty())
                throw Error("cannot append to " + where + ": column " + std::to_string(c + 1) +
                            " has no name");
            for (std::size_t d = 0; d < c; ++d)
                if (EQUAL(table.columns[c].name.c_str(), table.columns[d].name.c_str()))
                    throw Error("cannot append to " + where + ": column " +
                                quoted(table.columns[c].name) + " appears twice");
        }
        for (std::size_t r = 0; r < table.rows.size(); ++r) detail::check_row(table, r, where);
    }
}

void set_cell(OGRFeature& feature, int field, const Cell& cell) {
    if (const auto* i = std::get_if<int64_t>(&cell)) {
        if (feature.GetFieldDefnRef(field)->GetType() == OFTReal)
            feature.SetField(field, static_cast<double>(*i));
        else
            feature.SetField(field, static_cast<GIntBig>(*i));
    } else if (const auto* d = std::get_if<double>(&cell)) {
        feature.SetField(field, *d);
    } else if (const auto* s = std::get_if<std::string>(&cell)) {
        feature.SetField(field, s->c_str());
    } else {
        feature.SetFieldNull(field);
    }
}

// Layer creation options: exact names in PostgreSQL (no laundering to lower case) and the same key
// column name, fid, in both stores, so SQL over the history reads alike.
CPLStringList creation_options(bool pg) {
    CPLStringList options;
    if (pg) {
        options.SetNameValue("LAUNDER", "NO");
        options.SetNameValue("FID", "fid");
        options.SetNameValue("FID64", "YES");  // bigserial: a history only grows
    }
    return options;
}

// Appends every table into an open dataset; the caller owns the transaction.
void append_into_dataset(GDALDataset& ds, const NamedTables& tables, bool pg, Reporter& report) {
    for (const auto& [name, table] : tables) {
        const std::string what_table = "table " + quoted(name);
        OGRLayer* layer = ds.GetLayerByName(name.c_str());
        report.clear();  // a lookup that does not find the table may leave an error behind
        const bool created = layer == nullptr;
        if (created) {
            layer = ds.CreateLayer(name.c_str(), nullptr, wkbNone, creation_options(pg).List());
            if (layer == nullptr) report.fail("cannot create " + what_table);
        }
        OGRFeatureDefn* defn = layer->GetLayerDefn();
        // Check every column before changing anything, so a mismatch names the first problem.
        for (const Column& column : table.columns) {
            const int index = defn->GetFieldIndex(column.name.c_str());
            if (index < 0) continue;
            const OGRFieldDefn* field = defn->GetFieldDefn(index);
            if (!compatible(column.type, *field))
                report.fail(what_table + ", column " + quoted(column.name) + " is " +
                            stored_type_word(*field) + " but the new rows have " +
                            column_type_name(column.type) + " values");
        }
        for (const Column& column : table.columns) {
            if (defn->GetFieldIndex(column.name.c_str()) >= 0) continue;
            OGRFieldDefn field(column.name.c_str(), ogr_field_type(column.type));
            if (layer->CreateField(&field, /*bApproxOK=*/FALSE) != OGRERR_NONE)
                report.fail("cannot add column " + quoted(column.name) + " to " + what_table);
        }
        std::vector<int> fields;
        for (const Column& column : table.columns) {
            const int index = defn->GetFieldIndex(column.name.c_str());
            if (index < 0)
                report.fail(what_table + ": the column " + quoted(column.name) +
                            " was renamed by the driver");
            fields.push_back(index);
        }
        // Deferred creation (GPKG, PG) happens here, inside the transaction, so its errors are
        // reported as such and an empty table is created too.
        layer->SyncToDisk();
        if (created) layer->ResetReading();  // the PG driver creates the table only then
        report.check("cannot create " + what_table);

        for (std::size_t r = 0; r < table.rows.size(); ++r) {
            const auto& row = table.rows[r];
            OGRFeature feature(defn);
            for (std::size_t c = 0; c < row.size(); ++c) {
                const auto* value = std::get_if<int64_t>(&row[c]);
                if (value != nullptr && defn->GetFieldDefn(fields[c])->GetType() == OFTInteger &&
                    (*value < std::numeric_limits<int32_t>::min() ||
                     *value > std::numeric_limits<int32_t>::max()))
                    report.fail(what_table + ", row " + std::to_string(r + 1) + ", column " +
                                quoted(table.columns[c].name) +
                                ": the value does not fit the table's 32-bit integer column");
                set_cell(feature, fields[c], row[c]);
            }
            if (layer->CreateFeature(&feature) != OGRERR_NONE)
                report.fail("cannot append row " + std::to_string(r + 1) + " to " + what_table);
        }
        layer->SyncToDisk();  // ends PostgreSQL's COPY, whose errors show only then
        report.check("cannot append to " + what_table);
    }
}

GDALDatasetUniquePtr open_gpkg(const std::string& path, bool update, const Reporter& report) {
    static const char* const drivers[] = {"GPKG", nullptr};
    GDALDatasetUniquePtr ds(GDALDataset::Open(
        path.c_str(), GDAL_OF_VECTOR | (update ? GDAL_OF_UPDATE : GDAL_OF_READONLY), drivers));
    if (!ds) report.fail("not a GeoPackage GDAL can open");
    return ds;
}

GDALDatasetUniquePtr open_or_create_gpkg(const std::string& path, const Reporter& report) {
    if (path_exists(path)) return open_gpkg(path, /*update=*/true, report);
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    if (driver == nullptr) report.fail("GDAL has no GPKG driver");
    GDALDatasetUniquePtr ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) report.fail("cannot create the GeoPackage");
    return ds;
}

// libpq waits for an unreachable host as long as the OS does (minutes): bound it, unless the
// connection string says otherwise.
std::string with_connect_timeout(const std::string& target) {
    if (target.find("://") != std::string::npos ||
        target.find("connect_timeout") != std::string::npos)
        return target;
    std::string out = target;
    out.append(" connect_timeout=15");
    return out;
}

GDALDatasetUniquePtr open_pg(const std::string& target, bool update, Reporter& report) {
    static const char* const drivers[] = {"PostgreSQL", nullptr};
    const std::string connection = with_connect_timeout(target);
    GDALDatasetUniquePtr ds(
        GDALDataset::Open(connection.c_str(),
                          GDAL_OF_VECTOR | (update ? GDAL_OF_UPDATE : GDAL_OF_READONLY), drivers));
    if (!ds) {
        if (GetGDALDriverManager()->GetDriverByName("PostgreSQL") == nullptr)
            report.fail("GDAL has no PostgreSQL driver");
        report.fail("cannot connect");
    }
    report.clear();  // the driver's probing on open (extensions, views) may leave benign errors
    return ds;
}

void require_gpkg_extension(const std::string& target) {
    if (detail::lower_extension(target) == ".gpkg") return;
    // Never echo a password: a URI as libpq writes it is named without it.
    static const std::regex uri(R"(^postgres(?:ql)?://)", std::regex::icase);
    if (std::regex_search(target, uri))
        throw Error("cannot use '" + redact_target(target) +
                    "' as run history: write a PostgreSQL URI as PG:" + redact_target(target));
    throw Error("cannot use '" + redact_target(target) +
                "' as run history: give a .gpkg path or a PG: connection string");
}

// SQLite keeps committed data in a -wal file while a connection (QGIS) has the database open in
// WAL mode, and a -journal beside a closed file is a crash's hot journal: the main file alone is
// then not the database, and renaming a copy over it could lose data.
void refuse_busy_gpkg(const std::string& path) {
    for (const char* suffix : {"-wal", "-journal"}) {
        std::string side = path;
        side.append(suffix);
        std::error_code ec;
        if (fs::exists(side, ec))
            throw Error("cannot update '" + path + "': '" + side +
                        "' exists: the file is open in another program (QGIS?) or was not closed "
                        "cleanly; close it there and retry");
    }
}

void append_pg(const std::string& target, const NamedTables& tables) {
    Reporter report("cannot append to", target);
    GDALDatasetUniquePtr ds = open_pg(target, /*update=*/true, report);
    if (ds->StartTransaction() != OGRERR_NONE) report.fail("cannot start a transaction");
    try {
        append_into_dataset(*ds, tables, /*pg=*/true, report);
        if (ds->CommitTransaction() != OGRERR_NONE) report.fail("cannot commit");
        report.check("cannot commit");
    } catch (...) {
        ds->RollbackTransaction();
        throw;
    }
}

void append_gpkg_file(const std::string& path, const std::string& shown,
                      const NamedTables& tables) {
    Reporter report("cannot append to", shown);
    GDALDatasetUniquePtr ds = open_or_create_gpkg(path, report);
    report.clear();
    if (ds->StartTransaction() != OGRERR_NONE) report.fail("cannot start a transaction");
    try {
        append_into_dataset(*ds, tables, /*pg=*/false, report);
        if (ds->CommitTransaction() != OGRERR_NONE) report.fail("cannot commit");
        report.check("cannot commit");
    } catch (...) {
        ds->RollbackTransaction();
        throw;
    }
    ds.reset();  // closing writes pending metadata; failures show only as errors
    report.check("closing the GeoPackage failed");
}

}  // namespace

bool is_run_history(const std::string& gpkg_path) {
    init_gdal();
    const QuietGdalErrors quiet;
    if (!path_exists(gpkg_path)) return false;
    static const char* const drivers[] = {"GPKG", nullptr};
    GDALDatasetUniquePtr ds(
        GDALDataset::Open(gpkg_path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers));
    if (!ds) return false;
    OGRLayer* runs = ds->GetLayerByName("runs");
    return runs != nullptr && runs->GetLayerDefn()->GetFieldIndex("run_id") >= 0;
}

std::string redact_message(const std::string& message, const std::string& target) {
    return scrub(message, target);
}

std::string redact_target(const std::string& target) {
    static const std::regex keyword(R"(\s*\bpassword\s*=\s*('(?:[^'\\]|\\.)*'|[^\s&]*)&?)",
                                    std::regex::icase);
    static const std::regex uri(R"((postgres(?:ql)?://[^:@/\s]*):[^@/\s]*@)", std::regex::icase);
    std::string out = std::regex_replace(target, keyword, "");
    return std::regex_replace(out, uri, "$1@");
}

void append_tables(const std::string& target, const NamedTables& tables) {
    init_gdal();
    check_names_and_rows(target, tables);
    if (is_pg(target)) return append_pg(target, tables);
    require_gpkg_extension(target);
    refuse_busy_gpkg(target);
    AtomicOutput output(target);  // declared first: removed after the dataset has been closed
    std::error_code ec;
    if (fs::exists(target, ec)) {
        fs::copy_file(target, output.temp_path(), fs::copy_options::overwrite_existing, ec);
        if (ec)
            throw Error("cannot append to '" + target +
                        "': copying it beside itself failed: " + ec.message());
    }
    append_gpkg_file(output.temp_path(), target, tables);
    output.commit();
}

void append_tables_into(const std::string& gpkg_path, const NamedTables& tables) {
    init_gdal();
    check_names_and_rows(gpkg_path, tables);
    require_gpkg_extension(gpkg_path);
    append_gpkg_file(gpkg_path, gpkg_path, tables);
}

void carry_over_layers(const std::string& previous_gpkg, const std::string& gpkg_path) {
    init_gdal();
    if (!path_exists(previous_gpkg)) return;
    refuse_busy_gpkg(previous_gpkg);  // the caller is about to rename over it
    std::string verb = "cannot carry the layers of '";
    verb.append(previous_gpkg).append("' over into");
    Reporter report(verb, gpkg_path);
    GDALDatasetUniquePtr from = open_gpkg(previous_gpkg, /*update=*/false, report);
    GDALDatasetUniquePtr into = open_or_create_gpkg(gpkg_path, report);
    report.clear();
    // No transaction of ours: CopyLayer commits in batches of its own, and on failure the caller
    // discards the file it owns.
    for (OGRLayer* layer : from->GetLayers()) {
        if (into->GetLayerByName(layer->GetName()) != nullptr) continue;
        report.clear();
        if (into->CopyLayer(layer, layer->GetName()) == nullptr)
            report.fail("cannot copy layer " + quoted(layer->GetName()));
        report.check("cannot copy layer " + quoted(layer->GetName()));
    }
    into.reset();
    report.check("closing the GeoPackage failed");
}

namespace {

// The columns of `defn` as read_table types them.
std::vector<Column> columns_of(OGRFeatureDefn& defn) {
    std::vector<Column> columns;
    for (int i = 0; i < defn.GetFieldCount(); ++i) {
        const OGRFieldDefn* field = defn.GetFieldDefn(i);
        ColumnType type = ColumnType::String;
        if (field->GetType() == OFTInteger || field->GetType() == OFTInteger64)
            type = ColumnType::Integer;
        else if (field->GetType() == OFTReal)
            type = ColumnType::Real;
        columns.push_back({field->GetNameRef(), type});
    }
    return columns;
}

void read_row(OGRFeature& feature, const std::vector<Column>& columns, std::vector<Cell>& row) {
    row.assign(columns.size(), std::monostate{});
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const int f = static_cast<int>(i);
        if (!feature.IsFieldSetAndNotNull(f)) continue;
        switch (columns[i].type) {
            case ColumnType::Integer:
                row[i] = static_cast<int64_t>(feature.GetFieldAsInteger64(f));
                break;
            case ColumnType::Real:
                row[i] = feature.GetFieldAsDouble(f);
                break;
            case ColumnType::String:
                row[i] = std::string(feature.GetFieldAsString(f));
                break;
        }
    }
}

// Every feature of `layer`: the columns once, then each row as read (the layer's own order).
void visit_layer(OGRLayer& layer, const RowVisitor& visit,
                 const std::function<void(GIntBig)>& fid = {}) {
    const std::vector<Column> columns = columns_of(*layer.GetLayerDefn());
    visit.columns(columns);
    std::vector<Cell> row;
    layer.ResetReading();
    for (auto& feature : layer) {
        read_row(*feature, columns, row);
        if (fid) fid(feature->GetFID());
        visit.row(row);
    }
}

GDALDatasetUniquePtr open_gpkg_to_read(const std::string& path, Reporter& report) {
    if (!path_exists(path)) report.fail("no such file");
    return open_gpkg(path, /*update=*/false, report);
}

}  // namespace

Table read_table(const std::string& target, const std::string& name) {
    init_gdal();
    Reporter report("cannot read table " + quoted(name) + " of", target);
    GDALDatasetUniquePtr ds = is_pg(target) ? open_pg(target, /*update=*/false, report)
                                            : open_gpkg_to_read(target, report);
    OGRLayer* layer = ds->GetLayerByName(name.c_str());
    report.clear();
    if (layer == nullptr) report.fail("no such table");

    Table table;
    std::vector<std::pair<GIntBig, std::vector<Cell>>> rows;
    GIntBig current = 0;
    visit_layer(*layer,
                {[&](const std::vector<Column>& columns) { table.columns = columns; },
                 [&](const std::vector<Cell>& row) { rows.emplace_back(current, row); }},
                [&](GIntBig fid) { current = fid; });
    report.check("reading failed");
    // PostgreSQL returns rows in no set order: the key gives the order of appending.
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& row : rows) table.rows.push_back(std::move(row.second));
    return table;
}

void for_each_row(const std::string& gpkg_path, const std::string& name, const RowVisitor& visit) {
    init_gdal();
    Reporter report("cannot read table " + quoted(name) + " of", gpkg_path);
    GDALDatasetUniquePtr ds = open_gpkg_to_read(gpkg_path, report);
    OGRLayer* layer = ds->GetLayerByName(name.c_str());
    report.clear();
    if (layer == nullptr) report.fail("no such table");
    visit_layer(*layer, visit);  // SQLite reads a table in key order: the order of appending
    report.check("reading failed");
}

void for_each_query_row(const std::string& target, const std::string& sql,
                        const RowVisitor& visit) {
    init_gdal();
    Reporter report("cannot query", target);
    GDALDatasetUniquePtr ds = is_pg(target) ? open_pg(target, /*update=*/false, report)
                                            : open_gpkg_to_read(target, report);
    report.clear();
    OGRLayer* result = ds->ExecuteSQL(sql.c_str(), nullptr, nullptr);
    if (result == nullptr) report.fail("the query failed");
    try {
        visit_layer(*result, visit);
    } catch (...) {
        ds->ReleaseResultSet(result);
        throw;
    }
    ds->ReleaseResultSet(result);
    report.check("reading failed");
}

bool has_tables(const std::string& target, const std::vector<std::string>& names) {
    init_gdal();
    Reporter report("cannot read", target);
    GDALDatasetUniquePtr ds;
    if (is_pg(target)) {
        ds = open_pg(target, /*update=*/false, report);
    } else {
        if (!path_exists(target)) return false;
        const QuietGdalErrors quiet;
        static const char* const drivers[] = {"GPKG", nullptr};
        ds.reset(GDALDataset::Open(target.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers));
        if (!ds) return false;
    }
    for (const std::string& name : names) {
        const QuietGdalErrors quiet;  // a lookup that does not find the table reports it
        if (ds->GetLayerByName(name.c_str()) == nullptr) return false;
    }
    return true;
}

}  // namespace gg
