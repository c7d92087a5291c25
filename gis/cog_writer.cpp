#include "gis/cog_writer.hpp"

#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include "core/error.hpp"
#include "gis/gdal_setup.hpp"

namespace gg {

struct CogWriter::Impl {
    std::string path;
    AtomicOutput staging;  // the tiled GeoTIFF the strips go into (never committed)
    AtomicOutput output;   // the COG, renamed into place by finish()
    GDALDatasetUniquePtr ds;

    explicit Impl(const std::string& p) : path(p), staging(p + ".strips.tif"), output(p) {}

    [[noreturn]] void fail(const std::string& what) const {
        const std::string detail = gdal_last_error();
        throw Error("cannot write '" + path + "': " + what +
                    (detail.empty() ? "" : " (" + detail + ")"));
    }
};

namespace {

constexpr int kBlock = 512;  // blocks of the temporary raster and of the COG

int progress_adapter(double done, const char* /*message*/, void* arg) {
    const auto* f = static_cast<const std::function<void(double)>*>(arg);
    if (f && *f) (*f)(done);
    return TRUE;
}

}  // namespace

CogWriter::CogWriter(const std::string& path, const Grid& grid, const std::string& crs_wkt,
                     double nodata, const Metadata& metadata, int bands)
    : impl_(std::make_unique<Impl>(path)) {
    init_gdal();
    const QuietGdalErrors quiet;
    GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
    if (!gtiff) impl_->fail("GDAL has no GTiff driver");
    // Tiled like the COG, so the copy reads whole blocks. Not compressed: DEFLATE (even level 1)
    // saved only a quarter of the space on a Sentinel-2 NDVI and cost a compression here and a
    // decompression in the copy (docs/benchmarks.md, "NDVI index"); the file is temporary.
    CPLStringList opts;
    opts.SetNameValue("TILED", "YES");
    opts.SetNameValue("BLOCKXSIZE", std::to_string(kBlock).c_str());
    opts.SetNameValue("BLOCKYSIZE", std::to_string(kBlock).c_str());
    opts.SetNameValue("BIGTIFF", "IF_SAFER");
    opts.SetNameValue("INTERLEAVE", "BAND");  // bands are written one after the other
    impl_->ds.reset(gtiff->Create(impl_->staging.temp_path().c_str(), static_cast<int>(grid.cols),
                                  static_cast<int>(grid.rows), bands, GDT_Float32, opts.List()));
    if (!impl_->ds) impl_->fail("cannot create the temporary raster");
    double gt[6] = {grid.x0, grid.dx, 0, grid.y0, 0, -grid.dy};
    impl_->ds->SetGeoTransform(gt);
    OGRSpatialReference srs;
    if (!crs_wkt.empty() && srs.importFromWkt(crs_wkt.c_str()) == OGRERR_NONE)
        impl_->ds->SetSpatialRef(&srs);
    for (int b = 1; b <= bands; ++b) impl_->ds->GetRasterBand(b)->SetNoDataValue(nodata);
    for (const auto& [key, value] : metadata)
        impl_->ds->SetMetadataItem(key.c_str(), value.c_str());
}

int64_t CogWriter::block_cache_bytes(const Grid& grid) {
    return grid.cols * kBlock * static_cast<int64_t>(sizeof(float));
}

CogWriter::~CogWriter() {
    impl_->ds.reset();  // close before the AtomicOutputs remove the files
}

void CogWriter::describe_band(int band, const std::string& description) {
    if (!impl_->ds) throw Error("cannot write '" + impl_->path + "': already finished");
    impl_->ds->GetRasterBand(band)->SetDescription(description.c_str());
}

void CogWriter::write(int band, const Window& w, const std::vector<float>& values) {
    if (!impl_->ds) throw Error("cannot write '" + impl_->path + "': already finished");
    const QuietGdalErrors quiet;
    auto values_ptr = const_cast<float*>(values.data());  // GF_Write does not modify the buffer
    if (impl_->ds->GetRasterBand(band)->RasterIO(
            GF_Write, static_cast<int>(w.col0), static_cast<int>(w.row0), static_cast<int>(w.cols),
            static_cast<int>(w.rows), values_ptr, static_cast<int>(w.cols),
            static_cast<int>(w.rows), GDT_Float32, 0, 0) != CE_None)
        impl_->fail("cannot write rows " + std::to_string(w.row0) + ".." +
                    std::to_string(w.row_end() - 1));
}

void CogWriter::finish(const std::function<void(double)>& progress) {
    const QuietGdalErrors quiet;
    impl_->ds->FlushCache(false);  // returns void before GDAL 3.7: check the error state
    if (CPLGetLastErrorType() == CE_Failure) impl_->fail("cannot flush the temporary raster");
    GDALDriver* cog = GetGDALDriverManager()->GetDriverByName("COG");
    if (!cog) impl_->fail("GDAL has no COG driver (GDAL 3.1 or later is needed)");
    CPLStringList opts;
    opts.SetNameValue("COMPRESS", "DEFLATE");
    opts.SetNameValue("PREDICTOR", "YES");  // floating-point predictor for Float32
    opts.SetNameValue("BLOCKSIZE", std::to_string(kBlock).c_str());
    opts.SetNameValue("OVERVIEWS", "AUTO");
    // Averages, not cubic, in overviews: an index is a ratio, cubic overshoots its range.
    opts.SetNameValue("RESAMPLING", "AVERAGE");
    // Compression is most of the copy's time: blocks are compressed on every core (the bytes
    // written do not depend on it).
    opts.SetNameValue("NUM_THREADS", "ALL_CPUS");
    // DEFLATE level 1: on index values (noisy low mantissa bits) level 6 was 0.3 % smaller and
    // took 1.3 s longer on a 10980 x 10980 tile (docs/benchmarks.md, "NDVI index").
    opts.SetNameValue("LEVEL", "1");
    // The overviews' temporary file is read once and removed: ZSTD there only costs time
    // (unless the user set COG_TMP_COMPRESSION).
    const CPLConfigOptionSetter tmp_raw("COG_TMP_COMPRESSION", "NONE", true);
    opts.SetNameValue("BIGTIFF", "IF_SAFER");
    GDALDatasetUniquePtr out(cog->CreateCopy(impl_->output.temp_path().c_str(), impl_->ds.get(),
                                             FALSE, opts.List(), progress_adapter,
                                             const_cast<std::function<void(double)>*>(&progress)));
    if (!out) impl_->fail("the Cloud-Optimized GeoTIFF copy failed");
    out.reset();
    impl_->ds.reset();
    impl_->output.commit();
}

}  // namespace gg
