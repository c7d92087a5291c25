#include "gis/cog_assemble.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "core/error.hpp"
#include "gis/tiff_io.hpp"

namespace gg {

namespace {

// GDAL's structural metadata, right after the TIFF header: GDAL reports LAYOUT=COG for a file
// that has it, and readers may trust the tile leaders and trailers it announces. The final space
// is GDAL's: it lets an editor turn NO into YES in place.
std::string ghost_area() {
    const std::string body =
        "LAYOUT=IFDS_BEFORE_DATA\n"
        "BLOCK_ORDER=ROW_MAJOR\n"
        "BLOCK_LEADER=SIZE_AS_UINT4\n"
        "BLOCK_TRAILER=LAST_4_BYTES_REPEATED\n"
        "KNOWN_INCOMPATIBLE_EDITION=NO\n ";
    char head[64];
    std::snprintf(head, sizeof head, "GDAL_STRUCTURAL_METADATA_SIZE=%06zu bytes\n", body.size());
    return std::string(head).append(body);
}

// An upper bound of the file size counted with BigTIFF's wider fields: classic TIFF (32-bit
// offsets) is used whenever this bound fits, so only files within a few KB of 4 GB are BigTIFF
// without needing it.
bool needs_bigtiff(const CogLayout& layout, const GeoTiffTags& tags, size_t ghost) {
    uint64_t total = 16 + ghost + 2;
    for (size_t l = 0; l < layout.levels.size(); ++l) {
        const auto tiles = static_cast<uint64_t>(layout.tiles[l].size());
        total += 8 + 32 * 20 + 8 + 2 * 8 * tiles + 3 * 2 * static_cast<uint64_t>(layout.bands) +
                 tags.gdal_nodata.size() + 16;
        for (const TileStore::Record& r : layout.tiles[l]) total += r.size + 8;
    }
    total += 8 * (tags.pixel_scale.size() + tags.tiepoints.size() + tags.transformation.size() +
                  tags.double_params.size()) +
             2 * tags.key_directory.size() + tags.ascii_params.size() + tags.gdal_metadata.size() +
             64;
    for (const auto& t : tags.text) total += t.second.size() + 2;
    return total > 0xFFFFFFFFull;
}

class File {
  public:
    explicit File(const std::string& path)
        : fd_(::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) {
        if (fd_ < 0) throw Error(std::strerror(errno));
    }
    ~File() {
        if (fd_ >= 0) ::close(fd_);
    }
    File(const File&) = delete;
    File& operator=(const File&) = delete;
    int fd() const { return fd_; }
    void write_at(uint64_t offset, const void* data, size_t n) const {
        size_t done = 0;
        while (done < n) {
            const ssize_t w = ::pwrite(fd_, static_cast<const char*>(data) + done, n - done,
                                       static_cast<off_t>(offset + done));
            if (w < 0 && errno == EINTR) continue;
            if (w <= 0) throw Error(std::strerror(w < 0 ? errno : ENOSPC));
            done += static_cast<size_t>(w);
        }
    }
    void append(const void* data, size_t n) const {
        const off_t end = ::lseek(fd_, 0, SEEK_END);
        if (end < 0) throw Error(std::strerror(errno));
        write_at(static_cast<uint64_t>(end), data, n);
    }
    void close() {
        const int fd = fd_;
        fd_ = -1;
        if (::close(fd) != 0) throw Error(std::strerror(errno));
    }

  private:
    int fd_;
};

void set_directory(TIFF* tif, const CogLayout& layout, size_t level, const GeoTiffTags& tags) {
    const LevelSize& s = layout.levels[level];
    if (level > 0) TIFFSetField(tif, TIFFTAG_SUBFILETYPE, FILETYPE_REDUCEDIMAGE);
    TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, static_cast<uint32_t>(s.cols));
    TIFFSetField(tif, TIFFTAG_IMAGELENGTH, static_cast<uint32_t>(s.rows));
    TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, 32);
    TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, layout.bands);
    TIFFSetField(tif, TIFFTAG_SAMPLEFORMAT, SAMPLEFORMAT_IEEEFP);
    TIFFSetField(tif, TIFFTAG_PLANARCONFIG,
                 layout.bands > 1 ? PLANARCONFIG_SEPARATE : PLANARCONFIG_CONTIG);
    TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
    if (layout.bands > 1) {  // bands past the first are neither alpha nor colour
        const std::vector<uint16_t> extra(static_cast<size_t>(layout.bands - 1),
                                          EXTRASAMPLE_UNSPECIFIED);
        TIFFSetField(tif, TIFFTAG_EXTRASAMPLES, static_cast<int>(extra.size()), extra.data());
    }
    TIFFSetField(tif, TIFFTAG_COMPRESSION, tiff_compression_tag(layout.compression));
    if (layout.compression != CogCompression::None)
        TIFFSetField(tif, TIFFTAG_PREDICTOR, PREDICTOR_FLOATINGPOINT);
    TIFFSetField(tif, TIFFTAG_TILEWIDTH, static_cast<uint32_t>(layout.block));
    TIFFSetField(tif, TIFFTAG_TILELENGTH, static_cast<uint32_t>(layout.block));
    set_geotiff_tags(tif, tags, level == 0);
}

}  // namespace

int64_t tiles_per_band(const LevelSize& level, int64_t block) {
    return ((level.cols + block - 1) / block) * ((level.rows + block - 1) / block);
}

void assemble_cog(const std::string& path, const CogLayout& layout, const TileStore& store,
                  const GeoTiffTags& tags, const std::function<void(double)>& progress) {
    const std::string ghost = ghost_area();
    const bool big = layout.force_bigtiff || needs_bigtiff(layout, tags, ghost.size());
    File file(path);
    TiffHandle h = TiffHandle::over_fd(file.fd(), path, big ? "w8l" : "wl");
    TIFF* tif = h.get();
    auto check = [&](int ok, const char* what) {
        if (!ok) throw Error(h.error(what));
    };
    // libtiff has written the header; the first IFD goes at the (even) end of file, after this.
    file.write_at(big ? 16 : 8, ghost.data(), ghost.size());

    // Every IFD first, their tile arrays deferred, then the arrays (zeros for now) after them.
    for (size_t l = 0; l < layout.levels.size(); ++l) {
        set_directory(tif, layout, l, tags);
        check(TIFFDeferStrileArrayWriting(tif), "cannot defer the tile arrays");
        check(TIFFWriteCheck(tif, 1, "assemble_cog"), "libtiff refuses the tile layout");
        check(TIFFWriteDirectory(tif), "cannot write an image directory");
    }
    for (size_t l = 0; l < layout.levels.size(); ++l) {
        check(TIFFSetDirectory(tif, static_cast<tdir_t>(l)), "cannot reopen an image directory");
        check(TIFFForceStrileArrayWriting(tif), "cannot write the tile arrays");
    }

    uint64_t total = 0, done = 0;
    for (const auto& level : layout.tiles)
        for (const TileStore::Record& r : level) total += r.size + 8;
    // The tiles, smallest overview first; libtiff appends each at the end of the file and records
    // its offset. The size leader is written here; the bytes and the trailer after them are
    // copied from the store (in the kernel) where libtiff would have written the bytes.
    static uint8_t unread = 0;  // libtiff hands this to the copy, which does not read it
    std::string copy_error;
    for (size_t l = layout.levels.size(); l-- > 0;) {
        check(TIFFSetDirectory(tif, static_cast<tdir_t>(l)), "cannot reopen an image directory");
        const std::vector<TileStore::Record>& tiles = layout.tiles[l];
        for (size_t i = 0; i < tiles.size(); ++i) {
            const TileStore::Record& r = tiles[i];
            const uint8_t leader[4] = {
                static_cast<uint8_t>(r.size), static_cast<uint8_t>(r.size >> 8),
                static_cast<uint8_t>(r.size >> 16), static_cast<uint8_t>(r.size >> 24)};
            file.append(leader, 4);
            h.copy_next_write([&](int fd, uint64_t at, uint64_t n) {
                try {  // no exception may cross libtiff's C frames
                    store.copy_to(r, n + (n >= 4 ? 4 : 0), fd, at);
                    return n == r.size;
                } catch (const Error& e) {
                    copy_error = e.what();
                    return false;
                }
            });
            const auto n = static_cast<tmsize_t>(r.size);
            if (TIFFWriteRawTile(tif, static_cast<uint32_t>(i), &unread, n) != n)
                throw Error(copy_error.empty() ? h.error("cannot write a tile") : copy_error);
            done += r.size + 8;
            if (progress) progress(static_cast<double>(done) / static_cast<double>(total));
        }
        check(TIFFFlush(tif), "cannot write the tile arrays");  // rewrites them in place
    }
    check(h.close(), "cannot close the file");
    file.close();
}

}  // namespace gg
