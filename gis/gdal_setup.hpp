#pragma once
// Process-wide GDAL set-up shared by every gis/ reader and writer, and the helpers that turn
// GDAL's error state into the one-line messages of gg::Error.
#include <cstdint>
#include <string>

namespace gg {

// Registers all drivers, sets the block cache to 64 MB (unless the user set GDAL_CACHEMAX) and
// installs a quiet global error handler, so library noise never reaches the terminal: errors
// surface as gg::Error lines instead. Idempotent and thread-safe.
void init_gdal();

// Sizes GDAL's block cache for a streaming job unless the user set GDAL_CACHEMAX: the blocks
// each of `threads` readers holds at a time (per_thread_bytes, e.g. one row of blocks of every
// band it reads), plus a quarter and 8 MB of margin, between 16 MB and 512 MB. Each block is
// decoded once, so a larger cache would only cost memory.
void size_block_cache(int64_t per_thread_bytes, size_t threads);

// Silences GDAL on the current thread while alive (other code may have installed a printing
// handler) and clears the thread's last error, so gdal_last_error() only reports what happened
// inside the scope.
class QuietGdalErrors {
  public:
    QuietGdalErrors();
    ~QuietGdalErrors();
    QuietGdalErrors(const QuietGdalErrors&) = delete;
    QuietGdalErrors& operator=(const QuietGdalErrors&) = delete;
};

// GDAL's last error message on this thread folded into one line; empty when there is none.
std::string gdal_last_error();

// A GeoPackage (SQLite) failure quotes the whole statement, kilobytes of SQL, before the reason:
// "sqlite3_exec(CREATE TABLE ...) failed: database or disk is full" becomes
// "SQLite: database or disk is full". Other messages are returned as they are.
std::string without_quoted_sql(std::string message);

// True when path names an existing file or directory (also /vsi... paths).
bool path_exists(const std::string& path);

// A GDAL dataset name that is not a path of this machine's file system: a connection string with
// a driver prefix (PG:..., WFS:..., MySQL:...), a URL (http://, https://, ftp://) or a network
// virtual file system (/vsicurl/, /vsis3/, /vsigs/, /vsiaz/, ...). When one cannot be opened the
// error is GDAL's (the server's), never "no such file".
bool is_remote_dataset(const std::string& name);

}  // namespace gg
