#pragma once
// Run history: non-spatial tables (runs, run inputs, indicator rows, ...) that every run appends
// to and nothing ever rewrites, kept in a GeoPackage or in PostgreSQL/PostGIS (GDAL's PG driver).
//
// A target is either a path ending in .gpkg or a GDAL PostgreSQL connection string starting with
// "PG:" (e.g. "PG:host=db port=5432 dbname=city user=gg password=..."). Errors are one-line
// gg::Error messages naming the target; a password in the connection string (password=... or
// postgresql://user:secret@host) never appears in them.
//
// Writing a table: created when missing, with one column per Table column (Integer: 64-bit
// integer, Real: double, String: text) and an integer key `fid` of GDAL's; when present, every
// column of the new rows must exist in it with a compatible type (an error names the table and
// the column otherwise) or be new: a new column is added (earlier rows read it as empty), so a
// later version of the tool can record more. Columns of the stored table that the new rows lack
// are left empty. Rows are read back in the order they were appended.
//
// Atomicity:
// - GPKG (append_tables): the file (if any) is copied to a temporary file beside it, the rows are
//   appended there in one transaction, and the copy is renamed over the original. On any failure
//   the original is untouched (byte-identical) and the temporary file is removed. Every other
//   layer of the file (say, a zones layer someone else wrote) is kept as it was. A file that SQLite
//   is writing or that was left with a hot journal (a -wal or -journal file beside it: QGIS keeps a
//   -wal while it has the file open) is refused, because renaming over it could lose that data.
// - PG: one transaction for all the tables (BEGIN ... COMMIT), rolled back on any failure, so
//   either every table of a run gets its rows or none does.
//
// Recommended flow for one run that writes a fresh zones layer and appends to the history kept in
// the same out.gpkg, all-or-nothing with a single rename (write_gpkg always writes a fresh file):
//
//     AtomicOutput out("out.gpkg");                          // temp path beside out.gpkg
//     write_gpkg(zones, out.temp_path(), "zones", geometry, metadata);  // fresh file
//     carry_over_layers("out.gpkg", out.temp_path());        // previous history and other layers
//     append_tables_into(out.temp_path(), {{"runs", run}, {"run_inputs", inputs}});
//     out.commit();                                          // zones + history, or nothing
//
// When the history lives in its own file or in PostgreSQL, write the zones as before and then
// call append_tables(history_target, tables) once per run.
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/table.hpp"

namespace gg {

using NamedTables = std::vector<std::pair<std::string, Table>>;

// Appends each (name, table) to `target` (.gpkg path or "PG:..." string), atomically as described
// above. A .gpkg that does not exist yet is created; its directory must exist.
void append_tables(const std::string& target, const NamedTables& tables);

// Appends into a GeoPackage the caller owns (typically an AtomicOutput's temporary file), created
// when missing, in one SQLite transaction but without a copy or a rename: on failure the file may
// be left as it was before the call, and the caller discards it.
void append_tables_into(const std::string& gpkg_path, const NamedTables& tables);

// Copies into `gpkg_path` every layer of `previous_gpkg` that `gpkg_path` does not have (names
// compared case-insensitively): history tables, and spatial layers with their geometries and CRS.
// Does nothing when `previous_gpkg` does not exist; refuses it, like append_tables, when SQLite has
// a -wal or -journal beside it. Used to carry the history over into a freshly written file (see
// the flow above).
void carry_over_layers(const std::string& previous_gpkg, const std::string& gpkg_path);

// The whole table `name` of `target` in append order, without GDAL's key (fid) or geometry
// columns. Integer columns (any width) read as Integer, floating-point and numeric as Real, every
// other type as its text. Throws gg::Error when the target or the table does not exist.
Table read_table(const std::string& target, const std::string& name);

// What for_each_row hands over: the columns once (typed as read_table types them), then each row.
struct RowVisitor {
    std::function<void(const std::vector<Column>&)> columns;
    std::function<void(const std::vector<Cell>&)> row;
};
// Each row of table `name` of the GeoPackage `gpkg_path`, in append order, without holding the
// table: for tables larger than memory (a batch's merge). Throws gg::Error like read_table.
void for_each_row(const std::string& gpkg_path, const std::string& name, const RowVisitor& visit);
// The same for the rows of an SQL query over a GeoPackage (SQLite's dialect) or a "PG:..."
// database (PostgreSQL's), in the query's order.
void for_each_query_row(const std::string& target, const std::string& sql, const RowVisitor& visit);

// True when `target` (.gpkg path or "PG:...") holds every table of `names`; false for a missing
// or unreadable GeoPackage. Throws gg::Error when a PostgreSQL server cannot be reached.
bool has_tables(const std::string& target, const std::vector<std::string>& names);

// True when `gpkg_path` is a GeoPackage holding a run history: a table `runs` with a `run_id`
// column (what append_tables writes for greengauge assess). False for a missing file, another
// GeoPackage, or a file GDAL cannot open as one.
bool is_run_history(const std::string& gpkg_path);

// `target` with any password removed, for messages and logs: "password=..." (quoted or not) is
// dropped and "postgresql://user:secret@host" becomes "postgresql://user@host".
std::string redact_target(const std::string& target);
// A message from GDAL or a server about `target`, with its password removed wherever it shows
// (also as a plain word), on one line.
std::string redact_message(const std::string& message, const std::string& target);

}  // namespace gg
