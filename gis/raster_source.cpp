#include "gis/raster_source.hpp"

#include <gdal_alg.h>
#include <gdal_priv.h>
#include <gdalwarper.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <type_traits>

#include "core/error.hpp"
#include "gis/gdal_setup.hpp"
#include "gis/history_store.hpp"
#include "gis/ogr_util.hpp"

namespace gg {

struct RasterSource::Impl {
    // A warped source keeps the file's dataset here: declared first, so the warped VRT (ds, which
    // holds a reference to it) is closed before it.
    GDALDatasetUniquePtr source;
    GDALDatasetUniquePtr ds;
    RasterInfo info;
};

namespace {

[[noreturn]] void fail(const std::string& path, const std::string& problem) {
    throw Error(path + ": " + problem);
}

// Why an open failed, in the user's terms. GDAL's own message is kept only when it says more
// than "not recognized" (e.g. a truncated TIFF).
[[noreturn]] void fail_open(const std::string& path) {
    const std::string detail = gdal_last_error();
    // A database or a server: its own error (without the password), not "no such file".
    if (is_remote_dataset(path))
        fail(redact_target(path),
             "cannot open the raster" +
                 (detail.empty() ? std::string() : " (" + redact_message(detail, path) + ")"));
    if (!path_exists(path)) fail(path, "no such file");
    {
        const GDALDatasetUniquePtr vec(
            GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
        if (vec) fail(path, "is a vector dataset, not a raster");
    }
    const bool generic = detail.empty() || detail.find("not recognized") != std::string::npos ||
                         detail.find("not a supported") != std::string::npos;
    fail(path,
         generic ? "not a raster GDAL can read" : "not a raster GDAL can read (" + detail + ")");
}

// North-up grid from the geotransform; anything else would need resampling, which is not this
// reader's job (gdalwarp does it well).
Grid grid_from(const std::string& path, GDALDataset& ds) {
    double gt[6];
    if (ds.GetGeoTransform(gt) != CE_None) {
        if (ds.GetGCPCount() > 0)
            fail(path, "georeferenced by ground control points only; warp it first (gdalwarp)");
        fail(path, "has no geotransform (not georeferenced)");
    }
    const double cols = ds.GetRasterXSize();
    const double rows = ds.GetRasterYSize();
    // Shear smaller than a millionth of a cell across the whole raster is rounding noise.
    if (std::abs(gt[2]) * rows > 1e-6 * std::abs(gt[1]) ||
        std::abs(gt[4]) * cols > 1e-6 * std::abs(gt[5]))
        fail(path, "rotated geotransform not supported (warp it north-up first, e.g. gdalwarp)");
    if (gt[1] <= 0) fail(path, "geotransform with columns running westwards not supported");
    if (gt[5] >= 0) fail(path, "south-up geotransform not supported (warp it north-up first)");
    Grid g;
    g.x0 = gt[0];
    g.y0 = gt[3];
    g.dx = gt[1];
    g.dy = -gt[5];
    g.cols = ds.GetRasterXSize();
    g.rows = ds.GetRasterYSize();
    return g;
}

void fill_crs(const std::string& path, GDALDataset& ds, RasterInfo& info) {
    const OGRSpatialReference* srs = ds.GetSpatialRef();
    if (srs == nullptr || srs->IsEmpty()) fail(path, "has no coordinate reference system");
    info.crs_wkt = to_wkt2(*srs);
    if (srs->IsGeographic()) {
        info.geographic = true;
        // The grid is in the CRS's angular unit; areas and coverage assume degrees.
        const double deg = CPLAtof(SRS_UA_DEGREE_CONV);
        if (std::abs(srs->GetAngularUnits() - deg) > 1e-12 * deg)
            fail(path, "geographic CRS with angular unit other than degree not supported");
    } else if (srs->IsProjected() || srs->IsLocal()) {
        info.linear_unit_m = srs->GetLinearUnits();
    } else {
        fail(path, "coordinate reference system is neither geographic nor projected");
    }
}

}  // namespace

RasterSource RasterSource::open(const std::string& path) {
    init_gdal();
    const QuietGdalErrors quiet;
    auto impl = std::make_unique<Impl>();
    impl->ds.reset(
        GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR));
    if (!impl->ds) fail_open(path);
    GDALDataset& ds = *impl->ds;
    RasterInfo& info = impl->info;
    info.path = path;
    info.band_count = ds.GetRasterCount();
    if (info.band_count == 0) {
        const int subdatasets = CSLCount(ds.GetMetadata("SUBDATASETS")) / 2;
        fail(path, subdatasets > 0
                       ? "has no bands, only subdatasets (open one of them: gdalinfo " + path + ")"
                       : "has no raster bands");
    }
    info.grid = grid_from(path, ds);
    fill_crs(path, ds, info);
    GDALRasterBand* band = ds.GetRasterBand(1);
    band->GetBlockSize(&info.block_cols, &info.block_rows);
    info.data_type = GDALGetDataTypeName(band->GetRasterDataType());
    return RasterSource(std::move(impl));
}

RasterSource RasterSource::open_warped(const std::string& path, const Grid& grid,
                                       const std::string& crs_wkt) {
    RasterSource src = open(path);
    const QuietGdalErrors quiet;
    Impl& im = *src.impl_;
    GDALDataset& s = *im.ds;
    const int n = s.GetRasterCount();
    double src_gt[6];
    s.GetGeoTransform(src_gt);
    double dst_gt[6] = {grid.x0, grid.dx, 0, grid.y0, 0, -grid.dy};
    const auto fail_warp = [&](const std::string& what) {
        const std::string detail = gdal_last_error();
        fail(path, "cannot reproject onto the output grid: " + what +
                       (detail.empty() ? "" : " (" + detail + ")"));
    };
    void* transformer =
        GDALCreateGenImgProjTransformer3(im.info.crs_wkt.c_str(), src_gt, crs_wkt.c_str(), dst_gt);
    if (!transformer) fail_warp("no transformation between the coordinate reference systems");
    GDALWarpOptions* wo = GDALCreateWarpOptions();
    wo->hSrcDS = GDALDataset::ToHandle(&s);
    wo->eResampleAlg = GRA_NearestNeighbour;
    wo->nBandCount = n;
    wo->panSrcBands = static_cast<int*>(CPLMalloc(sizeof(int) * static_cast<size_t>(n)));
    wo->panDstBands = static_cast<int*>(CPLMalloc(sizeof(int) * static_cast<size_t>(n)));
    for (int b = 0; b < n; ++b) wo->panSrcBands[b] = wo->panDstBands[b] = b + 1;
    // Validity travels in an alpha band: 255 where a valid source pixel was taken, 0 elsewhere
    // (outside the source, or on a source nodata value).
    wo->nDstAlphaBand = n + 1;
    bool all_nodata = true;
    std::vector<double> nodata(static_cast<size_t>(n));
    for (int b = 0; b < n; ++b) {
        int has = 0;
        nodata[static_cast<size_t>(b)] = s.GetRasterBand(b + 1)->GetNoDataValue(&has);
        all_nodata = all_nodata && has;
    }
    if (all_nodata) {
        wo->padfSrcNoDataReal =
            static_cast<double*>(CPLMalloc(sizeof(double) * static_cast<size_t>(n)));
        std::copy(nodata.begin(), nodata.end(), wo->padfSrcNoDataReal);
    }
    wo->pfnTransformer = GDALGenImgProjTransform;
    wo->pTransformerArg = transformer;  // owned by the VRT from here on
    if (grid.cols > INT32_MAX || grid.rows > INT32_MAX) fail_warp("output grid too large");
    GDALDatasetH vrt = GDALCreateWarpedVRT(GDALDataset::ToHandle(&s), static_cast<int>(grid.cols),
                                           static_cast<int>(grid.rows), dst_gt, wo);
    GDALDestroyWarpOptions(wo);
    if (!vrt) {
        GDALDestroyTransformer(transformer);
        fail_warp("GDAL could not create the warped VRT");
    }
    im.source = std::move(im.ds);
    im.ds.reset(GDALDataset::FromHandle(vrt));
    OGRSpatialReference srs;
    if (srs.importFromWkt(crs_wkt.c_str()) == OGRERR_NONE) {
        im.ds->SetSpatialRef(&srs);
        im.info.geographic = srs.IsGeographic() != 0;
        im.info.linear_unit_m = im.info.geographic ? 1.0 : srs.GetLinearUnits();
    }
    // The VRT bands copy the source nodata; drop it so GDAL's mask is the alpha band.
    for (int b = 1; b <= n; ++b) im.ds->GetRasterBand(b)->DeleteNoDataValue();
    im.info.grid = grid;
    im.info.crs_wkt = crs_wkt;
    im.ds->GetRasterBand(1)->GetBlockSize(&im.info.block_cols, &im.info.block_rows);
    return src;
}

RasterSource::RasterSource(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RasterSource::RasterSource(RasterSource&&) noexcept = default;
RasterSource& RasterSource::operator=(RasterSource&&) noexcept = default;
RasterSource::~RasterSource() = default;

const RasterInfo& RasterSource::info() const {
    return impl_->info;
}

void RasterSource::check_band(int band) const {
    const int n = impl_->info.band_count;
    if (band < 1 || band > n)
        fail(impl_->info.path, "band " + std::to_string(band) + " does not exist (the raster has " +
                                   std::to_string(n) + (n == 1 ? " band)" : " bands)"));
}

namespace {

template <typename T>
constexpr GDALDataType gdal_type_of() {
    if constexpr (std::is_same_v<T, double>) return GDT_Float64;
    return GDT_UInt16;
}

}  // namespace

template <typename T>
void RasterSource::read_as(int band, const Window& w, std::vector<T>& values,
                           std::vector<unsigned char>& valid) const {
    check_band(band);
    const RasterInfo& info = impl_->info;
    if (w.empty() || w.col0 < 0 || w.row0 < 0 || w.col_end() > info.grid.cols ||
        w.row_end() > info.grid.rows)
        throw std::out_of_range(info.path + ": window outside the " +
                                std::to_string(info.grid.cols) + "x" +
                                std::to_string(info.grid.rows) + " grid");
    const QuietGdalErrors quiet;
    // Inside the grid, so every extent fits GDAL's int offsets.
    const int x = static_cast<int>(w.col0), y = static_cast<int>(w.row0);
    const int nx = static_cast<int>(w.cols), ny = static_cast<int>(w.rows);
    GDALRasterBand* b = impl_->ds->GetRasterBand(band);
    values.resize(static_cast<size_t>(w.size()));
    valid.resize(values.size());
    const auto read_error = [&] {
        const std::string detail = gdal_last_error();
        fail(info.path, "cannot read band " + std::to_string(band) + " rows " + std::to_string(y) +
                            ".." + std::to_string(y + ny - 1) +
                            (detail.empty() ? "" : " (" + detail + ")"));
    };
    if (b->RasterIO(GF_Read, x, y, nx, ny, values.data(), nx, ny, gdal_type_of<T>(), 0, 0) !=
        CE_None)
        read_error();
    // Values are read first, so a nodata mask re-reads the blocks from GDAL's cache, not disk.
    if (b->GetMaskFlags() & GMF_ALL_VALID) {
        std::fill(valid.begin(), valid.end(), 1);
    } else {
        if (b->GetMaskBand()->RasterIO(GF_Read, x, y, nx, ny, valid.data(), nx, ny, GDT_Byte, 0,
                                       0) != CE_None)
            read_error();
        // Alpha masks may hold partial opacity: any non-zero is valid.
        for (auto& v : valid) v = v != 0;
    }
    if constexpr (std::is_floating_point_v<T>) {
        if (GDALDataTypeIsFloating(b->GetRasterDataType()))
            for (size_t i = 0; i < values.size(); ++i)
                if (std::isnan(values[i])) valid[i] = 0;
    }
}

void RasterSource::read(int band, const Window& w, std::vector<double>& values,
                        std::vector<unsigned char>& valid) const {
    read_as(band, w, values, valid);
}

bool RasterSource::holds_dn16(int band) const {
    check_band(band);
    const GDALDataType t = impl_->ds->GetRasterBand(band)->GetRasterDataType();
    return t == GDT_Byte || t == GDT_UInt16;
}

void RasterSource::read(int band, const Window& w, std::vector<uint16_t>& values,
                        std::vector<unsigned char>& valid) const {
    if (!holds_dn16(band))
        throw std::logic_error(impl_->info.path + ": band " + std::to_string(band) +
                               " is not Byte or UInt16");
    read_as(band, w, values, valid);
}

}  // namespace gg
