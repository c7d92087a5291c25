#include "gis/gdal_setup.hpp"

#include <algorithm>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_vsi.h>
#include <gdal.h>

#include <cctype>
#include <cstdint>
#include <mutex>

namespace gg {

namespace {
// A fixed cache keeps memory bounded by design (docs/architecture.md: memory) instead of GDAL's
// default of 5 % of RAM, which varies from machine to machine.
constexpr int64_t kCacheBytes = int64_t{64} * 1024 * 1024;
}  // namespace

void init_gdal() {
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
        if (CPLGetConfigOption("GDAL_CACHEMAX", nullptr) == nullptr) GDALSetCacheMax64(kCacheBytes);
        CPLSetErrorHandler(CPLQuietErrorHandler);
    });
}

void size_block_cache(int64_t per_thread_bytes, size_t threads) {
    init_gdal();
    const int64_t need = per_thread_bytes * static_cast<int64_t>(threads) * 5 / 4 + (8 << 20);
    const int64_t bytes = std::clamp<int64_t>(need, 16 << 20, int64_t{512} << 20);
    if (CPLGetConfigOption("GDAL_CACHEMAX", nullptr) == nullptr) GDALSetCacheMax64(bytes);
}

QuietGdalErrors::QuietGdalErrors() {
    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLErrorReset();
}

QuietGdalErrors::~QuietGdalErrors() {
    CPLPopErrorHandler();
}

std::string without_quoted_sql(std::string message) {
    const std::string failed = ") failed: ";
    const size_t call = message.find("sqlite3_");
    const size_t end = message.rfind(failed);
    if (call == std::string::npos || end == std::string::npos || end < call) return message;
    return message.substr(0, call) + "SQLite: " + message.substr(end + failed.size());
}

std::string gdal_last_error() {
    std::string msg =
        CPLGetLastErrorType() == CE_None ? "" : without_quoted_sql(CPLGetLastErrorMsg());
    for (char& c : msg)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    while (!msg.empty() && (msg.back() == ' ' || msg.back() == '.')) msg.pop_back();
    return msg;
}

bool is_remote_dataset(const std::string& name) {
    if (name.find("://") != std::string::npos) return true;
    for (const char* prefix : {"/vsicurl", "/vsis3", "/vsigs", "/vsiaz", "/vsiadls", "/vsioss",
                               "/vsiswift", "/vsiwebhdfs", "/vsihdfs"})
        if (name.rfind(prefix, 0) == 0) return true;
    // DRIVER:... with a name of two or more letters, digits or underscores (not a drive "C:").
    size_t i = 0;
    while (i < name.size() && (std::isalnum(static_cast<unsigned char>(name[i])) || name[i] == '_'))
        ++i;
    return i >= 2 && i < name.size() && name[i] == ':' &&
           std::isalpha(static_cast<unsigned char>(name[0]));
}

bool path_exists(const std::string& path) {
    VSIStatBufL st;
    return VSIStatExL(path.c_str(), &st, VSI_STAT_EXISTS_FLAG) == 0;
}

}  // namespace gg
