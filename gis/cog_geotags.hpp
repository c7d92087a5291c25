#pragma once
// The georeferencing and GDAL metadata tags of a COG, as GDAL writes them: GDAL writes a 1 x 1
// GeoTIFF in memory with the same geotransform, CRS, nodata, metadata items and band
// descriptions, and its tags are read back with libtiff to be copied verbatim into the COG.
#include <tiffio.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/grid.hpp"
#include "gis/table_writer.hpp"

namespace gg {

struct GeoTiffTags {
    std::vector<double> pixel_scale;      // ModelPixelScale (33550)
    std::vector<double> tiepoints;        // ModelTiepoint (33922)
    std::vector<double> transformation;   // ModelTransformation (34264)
    std::vector<uint16_t> key_directory;  // GeoKeyDirectory (34735)
    std::vector<double> double_params;    // GeoDoubleParams (34736)
    std::string ascii_params;             // GeoAsciiParams (34737)
    std::string gdal_metadata;            // GDAL_METADATA (42112)
    std::string gdal_nodata;              // GDAL_NODATA (42113)
    // Baseline text tags GDAL fills from metadata items named after them (TIFFTAG_SOFTWARE...).
    std::vector<std::pair<ttag_t, std::string>> text;
};

// Throws gg::Error (the reason only: the caller names the file).
GeoTiffTags gdal_geotiff_tags(const Grid& grid, const std::string& crs_wkt, double nodata,
                              const Metadata& metadata,
                              const std::vector<std::string>& band_descriptions);

// Sets the tags on the directory being written: all of them on the full-resolution image, only
// GDAL_NODATA on an overview (as GDAL does).
void set_geotiff_tags(TIFF* tif, const GeoTiffTags& tags, bool full_resolution);

}  // namespace gg
