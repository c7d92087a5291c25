#pragma once
// Read access to one raster through GDAL. One RasterSource holds one GDAL dataset handle and is
// not thread-safe: each worker thread opens its own (cheap; GDAL shares nothing between them).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/grid.hpp"

namespace gg {

struct RasterInfo {
    std::string path;
    Grid grid;
    int band_count = 0;
    std::string crs_wkt;         // WKT2 of the raster CRS
    bool geographic = false;     // true when the CRS is geographic (degrees)
    double linear_unit_m = 1.0;  // metres per CRS linear unit (projected CRS)
    int block_cols = 0;          // natural block size of band 1
    int block_rows = 0;
    std::string data_type;  // GDAL data type name of band 1, e.g. "Byte", "Float32"
};

class RasterSource {
  public:
    // Opens path read-only. Throws gg::Error "<path>: ..." when the file is missing, unreadable,
    // not a raster, rotated (non north-up), or has no CRS.
    static RasterSource open(const std::string& path);
    // The raster at path seen on another grid: warped onto `grid` (in the CRS crs_wkt) by nearest
    // neighbour through a GDAL warped VRT (in memory, nothing written). Cells of `grid` the source
    // does not cover, or whose nearest source pixel is nodata / masked, are invalid. info() then
    // describes `grid` and crs_wkt (path, band count and data type stay the source's). Nearest
    // keeps every value an observed one: no blending of a cloud edge or a fill value into a clear
    // pixel, and QA / classification bands keep their codes. Throws gg::Error as open(), or when
    // no transformation between the two CRSs exists.
    static RasterSource open_warped(const std::string& path, const Grid& grid,
                                    const std::string& crs_wkt);
    RasterSource(RasterSource&&) noexcept;
    RasterSource& operator=(RasterSource&&) noexcept;
    ~RasterSource();

    const RasterInfo& info() const;
    // Throws gg::Error "<path>: band N does not exist (the raster has M bands)".
    void check_band(int band) const;
    // Reads window w of band (1-based) as doubles, row-major, and its validity (1 valid, 0 nodata
    // or masked, from GDAL's mask band: nodata value, alpha or .msk). w must lie inside the grid.
    void read(int band, const Window& w, std::vector<double>& values,
              std::vector<unsigned char>& valid) const;
    // True when band holds whole numbers 0..65535 (Byte or UInt16): the digital numbers of
    // Landsat and Sentinel-2 bands and their QA / SCL codes, which read() below takes as they are.
    bool holds_dn16(int band) const;
    // As read(), the values as 16-bit numbers: a quarter of the bytes of doubles, which for the
    // per-DN look-up tables of the imagery readers is all that is needed. Requires holds_dn16.
    void read(int band, const Window& w, std::vector<uint16_t>& values,
              std::vector<unsigned char>& valid) const;

  private:
    struct Impl;
    template <typename T>
    void read_as(int band, const Window& w, std::vector<T>& values,
                 std::vector<unsigned char>& valid) const;
    explicit RasterSource(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace gg
