#include "gis/cog_geotags.hpp"

#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <geotiff/xtiffio.h>
#include <ogr_spatialref.h>

#include <atomic>
#include <string>

#include "core/error.hpp"
#include "gis/gdal_setup.hpp"
#include "gis/tiff_io.hpp"

namespace gg {

namespace {

// The baseline text tags GDAL's GTiff driver writes from metadata items.
constexpr ttag_t kTextTags[] = {
    TIFFTAG_DOCUMENTNAME, TIFFTAG_IMAGEDESCRIPTION, TIFFTAG_SOFTWARE, TIFFTAG_DATETIME,
    TIFFTAG_ARTIST,       TIFFTAG_HOSTCOMPUTER,     TIFFTAG_COPYRIGHT};

// A tag of doubles with a 16-bit count (how libgeotiff declares its tags).
std::vector<double> doubles(TIFF* tif, ttag_t tag) {
    uint16_t n = 0;
    double* v = nullptr;
    if (!TIFFGetField(tif, tag, &n, &v) || !v) return {};
    return {v, v + n};
}

std::string text(TIFF* tif, ttag_t tag) {
    const char* s = nullptr;
    return TIFFGetField(tif, tag, &s) && s ? std::string(s) : std::string();
}

// The GeoTIFF GDAL writes for these settings, as bytes (a /vsimem/ file, removed on return).
std::vector<uint8_t> gdal_geotiff(const Grid& grid, const std::string& crs_wkt, double nodata,
                                  const Metadata& metadata,
                                  const std::vector<std::string>& descriptions) {
    init_gdal();
    const QuietGdalErrors quiet;
    static std::atomic<int> counter{0};
    const std::string path = "/vsimem/greengauge_cog_tags_" + std::to_string(counter++) + ".tif";
    auto fail = [&](const std::string& what) -> Error {
        VSIUnlink(path.c_str());
        VSIUnlink((path + ".aux.xml").c_str());
        const std::string detail = gdal_last_error();
        std::string m = what;
        if (!detail.empty()) m.append(" (").append(detail).append(")");
        return Error(m);
    };
    GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
    if (!gtiff) throw fail("GDAL has no GTiff driver");
    const int bands = static_cast<int>(descriptions.size());
    {
        GDALDatasetUniquePtr ds(gtiff->Create(path.c_str(), 1, 1, bands, GDT_Float32, nullptr));
        if (!ds) throw fail("cannot create the georeferencing tags");
        double gt[6] = {grid.x0, grid.dx, 0, grid.y0, 0, -grid.dy};
        ds->SetGeoTransform(gt);
        OGRSpatialReference srs;
        if (!crs_wkt.empty() && srs.importFromWkt(crs_wkt.c_str()) == OGRERR_NONE)
            ds->SetSpatialRef(&srs);
        for (int b = 1; b <= bands; ++b) {
            ds->GetRasterBand(b)->SetNoDataValue(nodata);
            const std::string& d = descriptions[static_cast<size_t>(b - 1)];
            if (!d.empty()) ds->GetRasterBand(b)->SetDescription(d.c_str());
        }
        for (const auto& [key, value] : metadata) ds->SetMetadataItem(key.c_str(), value.c_str());
        ds.reset();  // no Close() before GDAL 3.7: check the error state
        if (CPLGetLastErrorType() == CE_Failure) throw fail("cannot write the georeferencing tags");
    }
    vsi_l_offset size = 0;
    const GByte* bytes = VSIGetMemFileBuffer(path.c_str(), &size, FALSE);
    if (!bytes) throw fail("cannot read the georeferencing tags");
    std::vector<uint8_t> out(bytes, bytes + size);
    VSIUnlink(path.c_str());
    VSIUnlink((path + ".aux.xml").c_str());
    return out;
}

}  // namespace

GeoTiffTags gdal_geotiff_tags(const Grid& grid, const std::string& crs_wkt, double nodata,
                              const Metadata& metadata,
                              const std::vector<std::string>& band_descriptions) {
    const std::vector<uint8_t> file =
        gdal_geotiff(grid, crs_wkt, nodata, metadata, band_descriptions);
    const TiffHandle h = TiffHandle::over_memory(file.data(), file.size(), "georeferencing");
    TIFF* tif = h.get();
    GeoTiffTags t;
    t.pixel_scale = doubles(tif, TIFFTAG_GEOPIXELSCALE);
    t.tiepoints = doubles(tif, TIFFTAG_GEOTIEPOINTS);
    t.transformation = doubles(tif, TIFFTAG_GEOTRANSMATRIX);
    t.double_params = doubles(tif, TIFFTAG_GEODOUBLEPARAMS);
    uint16_t n = 0;
    uint16_t* keys = nullptr;
    if (TIFFGetField(tif, TIFFTAG_GEOKEYDIRECTORY, &n, &keys) && keys)
        t.key_directory.assign(keys, keys + n);
    t.ascii_params = text(tif, TIFFTAG_GEOASCIIPARAMS);
    t.gdal_metadata = text(tif, kTagGdalMetadata);
    t.gdal_nodata = text(tif, kTagGdalNodata);
    for (const ttag_t tag : kTextTags)
        if (std::string s = text(tif, tag); !s.empty()) t.text.emplace_back(tag, std::move(s));
    return t;
}

void set_geotiff_tags(TIFF* tif, const GeoTiffTags& t, bool full_resolution) {
    if (!t.gdal_nodata.empty()) TIFFSetField(tif, kTagGdalNodata, t.gdal_nodata.c_str());
    if (!full_resolution) return;
    auto set_doubles = [&](ttag_t tag, const std::vector<double>& v) {
        if (!v.empty()) TIFFSetField(tif, tag, static_cast<int>(v.size()), v.data());
    };
    set_doubles(TIFFTAG_GEOPIXELSCALE, t.pixel_scale);
    set_doubles(TIFFTAG_GEOTIEPOINTS, t.tiepoints);
    set_doubles(TIFFTAG_GEOTRANSMATRIX, t.transformation);
    if (!t.key_directory.empty())
        TIFFSetField(tif, TIFFTAG_GEOKEYDIRECTORY, static_cast<int>(t.key_directory.size()),
                     t.key_directory.data());
    set_doubles(TIFFTAG_GEODOUBLEPARAMS, t.double_params);
    if (!t.ascii_params.empty()) TIFFSetField(tif, TIFFTAG_GEOASCIIPARAMS, t.ascii_params.c_str());
    if (!t.gdal_metadata.empty()) TIFFSetField(tif, kTagGdalMetadata, t.gdal_metadata.c_str());
    for (const auto& [tag, value] : t.text) TIFFSetField(tif, tag, value.c_str());
}

}  // namespace gg
