#include "gis/cog_assemble.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
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

// An upper bound of the bytes of the header, the ghost area, every IFD with its tile arrays, and
// the tiles of the levels from `first_level` on (leaders and trailers included), counted with
// BigTIFF's wider fields.
uint64_t bytes_bound(const CogLayout& layout, const GeoTiffTags& tags, size_t ghost,
                     size_t first_level) {
    uint64_t total = 16 + ghost + 2;
    for (size_t l = 0; l < layout.levels.size(); ++l) {
        const auto tiles = static_cast<uint64_t>(layout.tiles[l].size());
        total += 8 + 32 * 20 + 8 + 2 * 8 * tiles + 3 * 2 * static_cast<uint64_t>(layout.bands) +
                 tags.gdal_nodata.size() + 16;
        if (l >= first_level)
            for (const TileStore::Record& r : layout.tiles[l]) total += r.size + 8;
    }
    total += 8 * (tags.pixel_scale.size() + tags.tiepoints.size() + tags.transformation.size() +
                  tags.double_params.size()) +
             2 * tags.key_directory.size() + tags.ascii_params.size() + tags.gdal_metadata.size() +
             64;
    for (const auto& t : tags.text) total += t.second.size() + 2;
    return total;
}

// Classic TIFF (32-bit offsets) is used whenever the bound fits, so only files within a few KB
// of 4 GB are BigTIFF without needing it.
bool needs_bigtiff(const CogLayout& layout, const GeoTiffTags& tags, size_t ghost) {
    return bytes_bound(layout, tags, ghost, 0) > 0xFFFFFFFFull;
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

namespace {

void write_at(int fd, uint64_t offset, const void* data, size_t n) {
    size_t done = 0;
    while (done < n) {
        const ssize_t w = ::pwrite(fd, static_cast<const char*>(data) + done, n - done,
                                   static_cast<off_t>(offset + done));
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) throw Error(std::strerror(w < 0 ? errno : ENOSPC));
        done += static_cast<size_t>(w);
    }
}

// Puts (or finds) a tile's bytes where libtiff places them, `at`: returns where its trailer ends.
using PlaceTile = std::function<uint64_t(const TileStore::Record& r, uint64_t at, uint64_t n)>;
// Writes (or skips) a tile's size leader at the end of the file as libtiff sees it.
using LeadTile = std::function<void(const TileStore::Record& r)>;

// The tiles of one level through libtiff, which records their offsets in the tile arrays.
void write_tiles(TiffHandle& h, const CogLayout& layout, size_t level, const LeadTile& lead,
                 const PlaceTile& place, uint64_t& done, uint64_t total,
                 const std::function<void(double)>& progress) {
    TIFF* tif = h.get();
    if (!TIFFSetDirectory(tif, static_cast<tdir_t>(level)))
        throw Error(h.error("cannot reopen an image directory"));
    static uint8_t unread = 0;  // libtiff hands this to `place`, which does not read it
    std::string place_error;
    const std::vector<TileStore::Record>& tiles = layout.tiles[level];
    for (size_t i = 0; i < tiles.size(); ++i) {
        const TileStore::Record& r = tiles[i];
        lead(r);
        uint64_t tile_end = 0;
        h.copy_next_write([&](int, uint64_t at, uint64_t n) {
            try {  // no exception may cross libtiff's C frames
                tile_end = place(r, at, n);
                return n == r.size;
            } catch (const Error& e) {
                place_error = e.what();
                return false;
            }
        });
        const auto n = static_cast<tmsize_t>(r.size);
        if (TIFFWriteRawTile(tif, static_cast<uint32_t>(i), &unread, n) != n)
            throw Error(place_error.empty() ? h.error("cannot write a tile") : place_error);
        h.wrote_up_to(tile_end);
        done += r.size + 8;
        if (progress) progress(static_cast<double>(done) / static_cast<double>(total));
    }
    // Rewrites the tile arrays in place.
    if (!TIFFFlush(tif)) throw Error(h.error("cannot write the tile arrays"));
}

// A tile's size leader written at the end of the file as libtiff sees it.
LeadTile write_leader(TiffHandle& h, int fd) {
    return [&h, fd](const TileStore::Record& r) {
        const uint8_t leader[4] = {static_cast<uint8_t>(r.size), static_cast<uint8_t>(r.size >> 8),
                                   static_cast<uint8_t>(r.size >> 16),
                                   static_cast<uint8_t>(r.size >> 24)};
        write_at(fd, h.end(), leader, 4);
        h.wrote_up_to(h.end() + 4);
    };
}

// A tile's bytes and trailer copied from a store (in the kernel where it can).
PlaceTile copy_from(const TileStore& store, int fd) {
    return [&store, fd](const TileStore::Record& r, uint64_t at, uint64_t n) {
        const uint64_t with_trailer = n + (n >= 4 ? 4 : 0);
        store.copy_to(r, with_trailer, fd, at);
        return at + with_trailer;
    };
}

// Everything but the full-resolution tiles, on a file libtiff has just started (header written),
// through a handle whose end is its own (TiffHandle::over_fd_with_tail): the ghost area, every
// IFD, their tile arrays (zeros until the tiles are written), then the overview tiles from the
// smallest level up, copied from `overviews`.
void write_all_but_full_resolution(TiffHandle& h, int fd, bool big, const std::string& ghost,
                                   const CogLayout& layout, const TileStore& overviews,
                                   const GeoTiffTags& tags, uint64_t& done, uint64_t total,
                                   const std::function<void(double)>& progress) {
    TIFF* tif = h.get();
    auto check = [&](int ok, const char* what) {
        if (!ok) throw Error(h.error(what));
    };
    // libtiff has written the header; the first IFD goes at the (even) end of file, after this.
    write_at(fd, big ? 16 : 8, ghost.data(), ghost.size());
    h.wrote_up_to((big ? 16 : 8) + ghost.size());
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
    for (size_t l = layout.levels.size(); l-- > 1;)
        write_tiles(h, layout, l, write_leader(h, fd), copy_from(overviews, fd), done, total,
                    progress);
}

uint64_t tile_bytes(const CogLayout& layout) {
    uint64_t total = 0;
    for (const auto& level : layout.tiles)
        for (const TileStore::Record& r : level) total += r.size + 8;
    return total;
}

}  // namespace

void assemble_cog(const std::string& path, const CogLayout& layout, const TileStore& overviews,
                  const TileStore& full, const GeoTiffTags& tags,
                  const std::function<void(double)>& progress) {
    const std::string ghost = ghost_area();
    const bool big = layout.force_bigtiff || needs_bigtiff(layout, tags, ghost.size());
    File file(path);
    TiffHandle h = TiffHandle::over_fd_with_tail(file.fd(), path, big ? "w8l" : "wl");
    uint64_t done = 0;
    const uint64_t total = tile_bytes(layout);
    write_all_but_full_resolution(h, file.fd(), big, ghost, layout, overviews, tags, done, total,
                                  progress);
    write_tiles(h, layout, 0, write_leader(h, file.fd()), copy_from(full, file.fd()), done, total,
                progress);
    if (!h.close()) throw Error(h.error("cannot close the file"));
    file.close();
}

bool assemble_cog_in_place(const CogLayout& layout, const TileStore& overviews,
                           const TileStore& full, const GeoTiffTags& tags,
                           const std::function<void(double)>& progress) {
    const std::string ghost = ghost_area();
    const bool big = layout.force_bigtiff || needs_bigtiff(layout, tags, ghost.size());
    const int fd = full.fd();
    struct stat st {};
    if (::fstat(fd, &st) != 0) throw Error(std::strerror(errno));
    const auto tail = static_cast<uint64_t>(st.st_size);
    if (tail != full.bytes()) throw Error("the full-resolution tiles are not all written");
    // Room for everything before the full-resolution tiles, in whole file-system blocks.
    const auto block = static_cast<uint64_t>(std::max<blksize_t>(st.st_blksize, 4096));
    const uint64_t room = (bytes_bound(layout, tags, ghost.size(), 1) + block - 1) / block * block;
    if (::fallocate(fd, FALLOC_FL_INSERT_RANGE, 0, static_cast<off_t>(room)) != 0) {
        if (errno == EOPNOTSUPP || errno == EINVAL || errno == ENOSYS || errno == ENODEV)
            return false;  // the file is as it was
        throw Error(std::string("cannot make room for the directories: ") + std::strerror(errno));
    }
    TiffHandle h = TiffHandle::over_fd_with_tail(fd, full.path(), big ? "w8l" : "wl");
    uint64_t done = 0;
    const uint64_t total = tile_bytes(layout);
    write_all_but_full_resolution(h, fd, big, ghost, layout, overviews, tags, done, total,
                                  progress);
    if (h.end() > room) throw Error("the directories outgrew the room made for them");
    // The tiles are already there, leaders and trailers included, `room` bytes further on.
    h.wrote_up_to(room);
    write_tiles(
        h, layout, 0,
        [&](const TileStore::Record& r) {
            if (h.end() + 4 != room + r.offset)
                throw Error("the full-resolution tiles are not in file order");
            h.wrote_up_to(h.end() + 4);
        },
        [&](const TileStore::Record& r, uint64_t at, uint64_t n) {
            if (at != room + r.offset || n != r.size)
                throw Error("a full-resolution tile is not where libtiff puts it");
            return at + n + (n >= 4 ? 4 : 0);
        },
        done, total, progress);
    if (h.end() != room + tail) throw Error("the full-resolution tiles do not end the file");
    if (!h.close()) throw Error(h.error("cannot close the file"));
    return true;
}

}  // namespace gg
