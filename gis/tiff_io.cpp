#include "gis/tiff_io.hpp"

#include <geotiff/xtiffio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <functional>
#include <mutex>
#include <utility>

#include "core/error.hpp"

namespace gg {

// What a handle reads and writes, and the messages libtiff gave about it.
struct TiffHandle::Source {
    int fd = -1;
    std::function<bool(int, uint64_t, uint64_t)> copy_next;  // see copy_next_write()
    const uint8_t* data = nullptr;                           // memory source when fd < 0
    uint64_t size = 0;
    uint64_t pos = 0;
    // Over a file whose tail is data already in place (over_fd_with_tail): where libtiff's file
    // ends, as far as it knows.
    bool own_end = false;
    uint64_t end = 0;
    void wrote(uint64_t to) { end = std::max(end, to); }
    std::string last_error;
};

namespace {

TIFFExtendProc parent_extender = nullptr;

void gdal_tags(TIFF* tif) {
    // GDAL's own definitions: ASCII, any length. Registering an already known tag is a no-op.
    static const TIFFFieldInfo info[] = {
        {kTagGdalMetadata, -1, -1, TIFF_ASCII, FIELD_CUSTOM, 1, 0,
         const_cast<char*>("GDALMetadata")},
        {kTagGdalNodata, -1, -1, TIFF_ASCII, FIELD_CUSTOM, 1, 0,
         const_cast<char*>("GDALNoDataValue")},
    };
    TIFFMergeFieldInfo(tif, info, sizeof info / sizeof info[0]);
    if (parent_extender) parent_extender(tif);
}

void register_tags() {
    static std::once_flag once;
    std::call_once(once, [] {
        XTIFFInitialize();  // libgeotiff's tags, through its own extender
        parent_extender = TIFFSetTagExtender(gdal_tags);
    });
}

int keep_error(TIFF*, void* user, const char* module, const char* fmt, va_list ap) {
    char text[1024];
    std::vsnprintf(text, sizeof text, fmt, ap);
    *static_cast<std::string*>(user) =
        std::string(module ? module : "libtiff").append(": ").append(text);
    return 1;  // handled: not printed by the global handler
}

int ignore_warning(TIFF*, void*, const char*, const char*, va_list) {
    return 1;
}

int no_close(thandle_t) {
    return 0;
}  // the caller owns the descriptor
int no_map(thandle_t, void**, toff_t*) {
    return 0;
}
void no_unmap(thandle_t, void*, toff_t) {}

}  // namespace

// A file descriptor, read and written at its current offset.
struct FdProcs {
    static int fd(thandle_t h) { return static_cast<TiffHandle::Source*>(h)->fd; }
    static tmsize_t read(thandle_t h, void* buf, tmsize_t n) {
        tmsize_t done = 0;
        while (done < n) {
            const ssize_t r =
                ::read(fd(h), static_cast<char*>(buf) + done, static_cast<size_t>(n - done));
            if (r < 0 && errno == EINTR) continue;
            if (r <= 0) break;
            done += r;
        }
        return done;
    }
    static tmsize_t write(thandle_t h, void* buf, tmsize_t n) {
        auto* s = static_cast<TiffHandle::Source*>(h);
        if (s->copy_next) {  // the bytes come from elsewhere: see copy_next_write()
            const auto copy = std::move(s->copy_next);
            s->copy_next = nullptr;
            const off_t at = ::lseek(s->fd, 0, SEEK_CUR);
            if (at < 0 || !copy(s->fd, static_cast<uint64_t>(at), static_cast<uint64_t>(n)) ||
                ::lseek(s->fd, at + n, SEEK_SET) < 0)
                return -1;
            s->wrote(static_cast<uint64_t>(at + n));
            return n;
        }
        const off_t at = ::lseek(s->fd, 0, SEEK_CUR);
        tmsize_t done = 0;
        while (done < n) {
            const ssize_t w =
                ::write(s->fd, static_cast<const char*>(buf) + done, static_cast<size_t>(n - done));
            if (w < 0 && errno == EINTR) continue;
            if (w <= 0) return -1;
            done += w;
        }
        if (at >= 0) s->wrote(static_cast<uint64_t>(at + done));
        return done;
    }
    static toff_t seek(thandle_t h, toff_t off, int whence) {
        const auto* s = static_cast<TiffHandle::Source*>(h);
        off_t r = -1;
        if (whence == SEEK_END && s->own_end)
            r = ::lseek(s->fd, static_cast<off_t>(s->end + off), SEEK_SET);
        else
            r = ::lseek(s->fd, static_cast<off_t>(off), whence);
        return r < 0 ? static_cast<toff_t>(-1) : static_cast<toff_t>(r);
    }
    static toff_t size(thandle_t h) {
        const auto* s = static_cast<TiffHandle::Source*>(h);
        if (s->own_end) return s->end;
        struct stat st {};
        return ::fstat(s->fd, &st) == 0 ? static_cast<toff_t>(st.st_size) : 0;
    }
};

// A read-only file in memory (the small GeoTIFF GDAL writes for the georeferencing).
struct MemoryProcs {
    static tmsize_t read(thandle_t h, void* buf, tmsize_t n) {
        auto* s = static_cast<TiffHandle::Source*>(h);
        const uint64_t k =
            std::min<uint64_t>(static_cast<uint64_t>(n), s->size - std::min(s->pos, s->size));
        std::memcpy(buf, s->data + s->pos, k);
        s->pos += k;
        return static_cast<tmsize_t>(k);
    }
    static tmsize_t write(thandle_t, void*, tmsize_t) { return -1; }
    static toff_t seek(thandle_t h, toff_t off, int whence) {
        auto* s = static_cast<TiffHandle::Source*>(h);
        const uint64_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? s->pos : s->size;
        s->pos = base + off;
        return s->pos;
    }
    static toff_t size(thandle_t h) { return static_cast<TiffHandle::Source*>(h)->size; }
};

TiffHandle TiffHandle::over_fd_with_tail(int fd, const std::string& name, const char* mode) {
    return over_fd(fd, name, mode, true);
}

namespace {

// libtiff over `source` through Procs, its messages kept in the source.
template <typename Procs>
TIFF* client_open(TiffHandle::Source* source, const std::string& name, const char* mode) {
    register_tags();
    TIFFOpenOptions* opts = TIFFOpenOptionsAlloc();
    TIFFOpenOptionsSetErrorHandlerExtR(opts, keep_error, &source->last_error);
    TIFFOpenOptionsSetWarningHandlerExtR(opts, ignore_warning, nullptr);
    TIFF* tif = TIFFClientOpenExt(name.c_str(), mode, source, Procs::read, Procs::write,
                                  Procs::seek, no_close, Procs::size, no_map, no_unmap, opts);
    TIFFOpenOptionsFree(opts);
    return tif;
}

}  // namespace

TiffHandle TiffHandle::over_fd(int fd, const std::string& name, const char* mode, bool own_end) {
    TiffHandle t;
    t.source_ = std::make_unique<Source>();
    t.source_->fd = fd;
    t.source_->own_end = own_end;
    t.tif_ = client_open<FdProcs>(t.source_.get(), name, mode);
    if (!t.tif_) throw Error(t.error("libtiff cannot open it"));
    return t;
}

TiffHandle TiffHandle::over_memory(const uint8_t* data, uint64_t size, const std::string& name) {
    TiffHandle t;
    t.source_ = std::make_unique<Source>();
    t.source_->data = data;
    t.source_->size = size;
    t.tif_ = client_open<MemoryProcs>(t.source_.get(), name, "r");
    if (!t.tif_) throw Error(t.error("libtiff cannot read it"));
    return t;
}

TiffHandle::TiffHandle(TiffHandle&& o) noexcept
    : source_(std::move(o.source_)), tif_(std::exchange(o.tif_, nullptr)) {}

TiffHandle::~TiffHandle() {
    if (tif_) TIFFClose(tif_);
}

std::string TiffHandle::error(const std::string& fallback) const {
    return source_ && !source_->last_error.empty() ? source_->last_error : fallback;
}

void TiffHandle::copy_next_write(std::function<bool(int, uint64_t, uint64_t)> copy) {
    source_->copy_next = std::move(copy);
}

void TiffHandle::wrote_up_to(uint64_t offset) {
    source_->wrote(offset);
}

uint64_t TiffHandle::end() const {
    return source_->end;
}

bool TiffHandle::close() {
    if (!tif_) return true;
    const bool flushed = TIFFFlush(tif_) != 0;
    TIFFClose(tif_);
    tif_ = nullptr;
    return flushed && source_->last_error.empty();
}

}  // namespace gg
