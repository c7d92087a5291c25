#include "gis/cog_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <mutex>

#include "core/error.hpp"
#include "core/tile_pyramid.hpp"
#include "gis/cog_assemble.hpp"
#include "gis/cog_encode_pool.hpp"
#include "gis/cog_geotags.hpp"
#include "gis/cog_tile_store.hpp"

namespace gg {

namespace {

// The largest output: 200,000 x 200,000 pixels, 2,000 km square at 10 m (more than Thailand).
// Beyond, an input (a VRT declaring 10^6 x 10^6) would start a job of months.
constexpr double kMaxPixels = 4e10;
constexpr int64_t kBlock = 512;  // tiles of every level, and the size overviews stop at

}  // namespace

CogOptions CogOptions::parse(const std::string& value) {
    CogOptions o;
    const auto colon = value.find(':');
    try {
        o.compression = parse_cog_compression(value.substr(0, colon));
        if (colon != std::string::npos) {
            size_t used = 0;
            o.level = std::stoi(value.substr(colon + 1), &used);
            if (used != value.size() - colon - 1 || o.level < 1) throw std::invalid_argument("");
        }
    } catch (const std::logic_error&) {  // stoi
        throw Error("--compress '" + value +
                    "': use NAME or NAME:LEVEL with a level >= 1, e.g. zstd:3");
    } catch (const Error& e) {
        throw Error("--compress '" + value + "': " + e.what());
    }
    try {
        const TileEncoder check(o.compression, o.level);  // the level's range, before any output
    } catch (const Error& e) {
        throw Error("--compress '" + value + "': " + e.what());
    }
    return o;
}

struct CogWriter::Impl {
    std::string path;
    Grid grid;
    std::string crs;
    double nodata;
    Metadata metadata;
    std::vector<std::string> descriptions;  // one per band
    AtomicOutput output;                    // the COG, renamed into place by finish()
    AtomicOutput store_file;                // the compressed tiles (never committed: removed)
    std::unique_ptr<TileStore> store;       // every tile, or the overviews' when in place
    // In place (one band): the full-resolution tiles go straight into the output's temporary
    // file, in file order, and finish() inserts the directories and overviews before them.
    std::unique_ptr<TileStore> full;
    std::unique_ptr<OrderedTileAppender> ordered;
    bool in_place = false;
    CogLayout layout;
    std::unique_ptr<TilePyramid> pyramid;
    bool finished = false;
    // Packed tiles waiting for (or in) compression: recycled, at most the queue's length plus
    // the threads (and the submitter) are alive.
    std::mutex spare_m;
    std::vector<std::vector<uint8_t>> spare;
    std::unique_ptr<EncodePool> pool;  // last: stopped before what its jobs use goes

    Impl(const std::string& p, const Grid& g, const std::string& c, double nd, const Metadata& m,
         int bands)
        : path(p),
          grid(g),
          crs(c),
          nodata(nd),
          metadata(m),
          descriptions(static_cast<size_t>(std::max(bands, 0))),
          output(p),
          store_file(p + ".tiles") {}

    [[noreturn]] void fail(const std::string& what) const {
        std::string m = "cannot write '";
        m.append(path).append("': ").append(what);
        throw Error(m);
    }

    void check_open() const {
        if (finished) fail("already finished");
    }

    // A complete tile is packed here (so its row of tiles can be reused at once) and compressed
    // by the pool; its place in the store goes to the layout slot reserved for it (each job
    // writes its own slot).
    void compress(const TileRef& t) {
        const int64_t per_band =
            tiles_per_band(layout.levels[static_cast<size_t>(t.level)], kBlock);
        TileStore::Record* slot = &layout.tiles[static_cast<size_t>(t.level)]
                                               [static_cast<size_t>(t.band * per_band + t.index)];
        std::vector<uint8_t> plain;
        {
            std::lock_guard lock(spare_m);
            if (!spare.empty()) {
                plain = std::move(spare.back());
                spare.pop_back();
            }
        }
        pack_tile(t.data, t.stride, t.cols, t.rows, static_cast<float>(nodata), kBlock,
                  layout.compression != CogCompression::None, plain);
        auto shared = std::make_shared<std::vector<uint8_t>>(std::move(plain));
        const bool in_order = ordered && t.level == 0;
        const int64_t number = t.band * per_band + t.index;
        pool->submit([this, shared, slot, in_order, number](TileEncoder& encoder) {
            const std::vector<uint8_t>& bytes = encoder.compress(*shared);
            if (in_order)
                ordered->put(number, bytes.data(), bytes.size(), slot);
            else
                *slot = store->append(bytes.data(), bytes.size());
            std::lock_guard lock(spare_m);
            spare.push_back(std::move(*shared));
        });
    }
};

CogWriter::CogWriter(const std::string& path, const Grid& grid, const std::string& crs_wkt,
                     double nodata, const Metadata& metadata, int bands, const CogOptions& options)
    : impl_(std::make_unique<Impl>(path, grid, crs_wkt, nodata, metadata, bands)) {
    Impl& im = *impl_;
    if (bands < 1) im.fail("no band to write");
    if (grid.cols <= 0 || grid.rows <= 0) im.fail("the raster is empty");
    if (static_cast<double>(grid.cols) * static_cast<double>(grid.rows) > kMaxPixels)
        im.fail(
            fmt::format("{} x {} pixels is more than the {:g} billion one output holds (2,000 "
                        "km square at 10 m); crop the input first, e.g. gdal_translate "
                        "-projwin or a VRT of the municipality",
                        grid.cols, grid.rows, kMaxPixels / 1e9));
    try {
        im.store = std::make_unique<TileStore>(im.store_file.temp_path());
        im.in_place = options.in_place;
        if (bands == 1) {
            im.full = std::make_unique<TileStore>(im.output.temp_path());
            im.ordered = std::make_unique<OrderedTileAppender>(*im.full, im.in_place);
        }
        im.pyramid = std::make_unique<TilePyramid>(
            LevelSize{grid.cols, grid.rows}, bands, kBlock, static_cast<float>(nodata),
            [&im](const TileRef& t) { im.compress(t); }, options.classes);
        im.layout.levels = im.pyramid->levels();
        im.layout.bands = bands;
        im.layout.block = kBlock;
        im.layout.compression = options.compression;
        im.layout.force_bigtiff = options.force_bigtiff;
        for (const LevelSize& s : im.layout.levels)
            im.layout.tiles.emplace_back(static_cast<size_t>(bands * tiles_per_band(s, kBlock)));
        const CogCompression codec = options.compression;
        const int level = options.level;
        // Two packed tiles per thread keep every compressor busy (the caller runs the overflow).
        im.pool = std::make_unique<EncodePool>(options.threads, [codec, level] {
            return std::make_unique<TileEncoder>(codec, level);
        });
    } catch (const Error& e) {
        im.fail(e.what());
    }
}

CogWriter::~CogWriter() = default;

void CogWriter::describe_band(int band, const std::string& description) {
    Impl& im = *impl_;
    im.check_open();
    if (band < 1 || band > im.layout.bands)
        im.fail("band " + std::to_string(band) + " does not exist");
    im.descriptions[static_cast<size_t>(band - 1)] = description;
}

void CogWriter::write(int band, const Window& w, const std::vector<float>& values) {
    Impl& im = *impl_;
    im.check_open();
    if (std::ssize(values) != w.size())
        im.fail(std::to_string(values.size()) + " values for a window of " +
                std::to_string(w.size()) + " pixels");
    try {
        im.pyramid->write(band - 1, w, values.data());
    } catch (const Error& e) {
        im.finished = true;  // the pyramid may be half-updated: nothing more can be written
        im.fail(e.what());
    }
}

void CogWriter::finish(const std::function<void(double)>& progress) {
    Impl& im = *impl_;
    im.check_open();
    im.finished = true;
    try {
        im.pyramid->finish();
        im.pool->wait();
        const GeoTiffTags tags =
            gdal_geotiff_tags(im.grid, im.crs, im.nodata, im.metadata, im.descriptions);
        if (im.full && im.in_place &&
            assemble_cog_in_place(im.layout, *im.store, *im.full, tags, progress)) {
            im.output.commit();
        } else if (im.full) {  // copied into a second file
            AtomicOutput copy(im.path);
            assemble_cog(copy.temp_path(), im.layout, *im.store, *im.full, tags, progress);
            copy.commit();
        } else {
            assemble_cog(im.output.temp_path(), im.layout, *im.store, *im.store, tags, progress);
            im.output.commit();
        }
    } catch (const Error& e) {
        std::string own = "cannot write '";
        own.append(im.path).append("'");
        if (std::string(e.what()).rfind(own, 0) == 0) throw;  // already names the file
        im.fail(e.what());
    }
    im.pool.reset();
    im.store.reset();
}

}  // namespace gg
