#pragma once
// libtiff handles for the COG writer: over a file descriptor (read-write) or a memory buffer
// (read-only), with the GeoTIFF tags (libgeotiff) and GDAL's GDAL_METADATA / GDAL_NODATA tags
// registered, and libtiff's messages kept per handle instead of printed.
#include <tiffio.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace gg {

constexpr ttag_t kTagGdalMetadata = 42112;  // GDAL's XML of metadata items and band descriptions
constexpr ttag_t kTagGdalNodata = 42113;    // GDAL's nodata value, as text

class TiffHandle {
  public:
    // mode as TIFFOpen's ("r", "wl", "w8l"...). Throws gg::Error with libtiff's message.
    static TiffHandle over_fd(int fd, const std::string& name, const char* mode) {
        return over_fd(fd, name, mode, false);
    }
    // Over a file descriptor whose file already holds data further on (the full-resolution tiles
    // of a COG, written in place): libtiff sees a file that ends where the writes made through
    // this handle (and those reported by wrote_up_to) end, and appends there, not at the real end.
    static TiffHandle over_fd_with_tail(int fd, const std::string& name, const char* mode);
    static TiffHandle over_memory(const uint8_t* data, uint64_t size, const std::string& name);

    TiffHandle(TiffHandle&& o) noexcept;
    TiffHandle& operator=(TiffHandle&&) = delete;
    TiffHandle(const TiffHandle&) = delete;
    TiffHandle& operator=(const TiffHandle&) = delete;
    ~TiffHandle();

    TIFF* get() const { return tif_; }
    // libtiff's last error on this handle, or `fallback` when it said nothing.
    std::string error(const std::string& fallback) const;
    // Over a file descriptor: the next write libtiff makes (TIFFWriteRawTile's bytes) is done by
    // copy(fd, offset, size) instead, e.g. a copy between files inside the kernel; the buffer
    // libtiff was given is not read. copy returns false on failure.
    void copy_next_write(std::function<bool(int, uint64_t, uint64_t)> copy);
    // Bytes up to `offset` were written around libtiff (or are already there): the end libtiff
    // sees moves there if it is before (over_fd_with_tail; otherwise only recorded).
    void wrote_up_to(uint64_t offset);
    uint64_t end() const;  // the furthest byte written through the handle or reported, + 1
    // Closes the handle (writing what libtiff still holds); false when that failed.
    bool close();

    struct Source;  // what the handle reads and writes (opaque)

  private:
    TiffHandle() = default;
    static TiffHandle over_fd(int fd, const std::string& name, const char* mode, bool own_end);
    std::unique_ptr<Source> source_;  // outlives tif_
    TIFF* tif_ = nullptr;
};

}  // namespace gg
