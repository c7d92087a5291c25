#pragma once
// Process-wide GDAL set-up shared by every gis/ reader and writer, and the helpers that turn
// GDAL's error state into the one-line messages of gg::Error.
#include <cstdint>
#include <string>

namespace gg {

// Registers all drivers, sets the block cache to 256 MB (unless the user set GDAL_CACHEMAX) and
// installs a quiet global error handler, so library noise never reaches the terminal: errors
// surface as gg::Error lines instead. Idempotent and thread-safe.
void init_gdal();

// Sizes GDAL's block cache for a streaming job (the blocks one pass holds at a time) unless the
// user set GDAL_CACHEMAX: each block is decoded once, so a larger cache only costs memory.
void size_block_cache(int64_t bytes);

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

// True when path names an existing file or directory (also /vsi... paths).
bool path_exists(const std::string& path);

}  // namespace gg
