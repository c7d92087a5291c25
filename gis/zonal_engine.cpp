#include "gis/zonal_engine.hpp"

#include <gdal.h>

#include <algorithm>
#include <exception>
#include <mutex>
#include <thread>

#include "core/coverage.hpp"
#include "core/error.hpp"
#include "core/zonal_window.hpp"
#include "gis/gdal_setup.hpp"
#include "gis/pixel_area.hpp"
#include "gis/raster_source.hpp"

namespace gg {
namespace {

// Rows per strip: a multiple of the block height (so no block is decoded twice) within the
// per-thread buffer budget, and never less than one block.
int64_t strip_rows(const RasterInfo& info, size_t band_count, size_t budget_bytes) {
    const int64_t block = std::max(1, info.block_rows);
    const auto row_bytes = static_cast<int64_t>(info.grid.cols) * 9 *
                           static_cast<int64_t>(std::max<size_t>(band_count, 1));
    const int64_t fit = std::max<int64_t>(1, static_cast<int64_t>(budget_bytes) / row_bytes);
    return std::min(info.grid.rows, std::max<int64_t>(block, fit / block * block));
}

// The blocks one thread's pass holds at once: one row of blocks per band. Strips are aligned to
// block rows, so no block is read twice.
int64_t row_of_blocks_bytes(const RasterInfo& info, size_t bands) {
    const int pixel =
        std::max(1, GDALGetDataTypeSizeBytes(GDALGetDataTypeByName(info.data_type.c_str())));
    return info.grid.cols * std::max(1, info.block_rows) * pixel * static_cast<int64_t>(bands);
}

std::vector<ZoneAccumulator> fresh_accumulators(const ZonalJob& job, size_t channels) {
    std::vector<ZoneAccumulator> accs;
    accs.reserve(channels);
    for (size_t k = 0; k < channels; ++k)
        accs.emplace_back(k < job.keep_distribution.size() && job.keep_distribution[k]);
    return accs;
}

}  // namespace

std::vector<std::vector<ZoneAccumulator>> run_zonal(const ZonalJob& job,
                                                    const std::vector<MultiPolygon>& zones) {
    std::optional<RasterSource> probe;
    if (!job.custom) {
        probe.emplace(RasterSource::open(job.raster_path));
        for (int b : job.bands) probe->check_band(b);
    }
    const RasterInfo& info = job.custom ? job.custom->info : probe->info();
    const size_t band_count = job.custom ? job.custom->channel_count : job.bands.size();
    const Grid& grid = info.grid;
    const std::vector<double> row_areas = pixel_row_areas(info);
    const size_t channels = job.derive ? job.channel_count : band_count;

    // The cells each zone can touch, and for every strip the zones that touch it.
    const size_t layers = job.custom ? std::max(band_count, job.custom->buffer_layers) : band_count;
    const int64_t rows_per_strip = strip_rows(info, layers, job.strip_budget_bytes);
    const int64_t strip_count = (grid.rows + rows_per_strip - 1) / rows_per_strip;
    std::vector<Window> zone_cells(zones.size());
    std::vector<std::vector<size_t>> strip_zones(static_cast<size_t>(strip_count));
    for (size_t z = 0; z < zones.size(); ++z) {
        zone_cells[z] = intersect(grid.cells_touching(bounds(zones[z])), grid.full());
        if (zone_cells[z].empty()) continue;
        const int64_t s0 = zone_cells[z].row0 / rows_per_strip;
        const int64_t s1 = (zone_cells[z].row_end() - 1) / rows_per_strip;
        for (int64_t s = s0; s <= s1; ++s) strip_zones[static_cast<size_t>(s)].push_back(z);
    }
    std::vector<int64_t> busy_strips;
    for (int64_t s = 0; s < strip_count; ++s)
        if (!strip_zones[static_cast<size_t>(s)].empty()) busy_strips.push_back(s);

    unsigned hw = std::max(1u, std::thread::hardware_concurrency());
    const auto threads = static_cast<size_t>(std::clamp<int64_t>(
        job.threads > 0 ? job.threads : hw, 1, std::max<int64_t>(1, std::ssize(busy_strips))));

    size_block_cache(job.custom && job.custom->block_cache_bytes > 0
                         ? job.custom->block_cache_bytes
                         : row_of_blocks_bytes(info, band_count),
                     threads);

    // accumulators[thread][zone][channel]; threads take strips round-robin (a fixed order, so a
    // run is reproducible bit for bit for a given thread count).
    std::vector<std::vector<std::vector<ZoneAccumulator>>> per_thread(threads);
    std::mutex progress_mutex;
    size_t strips_done = 0;
    std::vector<std::exception_ptr> failures(threads);

    auto worker = [&](size_t t) {
        try {
            // One GDAL dataset handle (or custom reader) per thread: handles are not thread-safe.
            std::optional<RasterSource> source;
            std::unique_ptr<WindowReader> reader;
            if (job.custom)
                reader = job.custom->open();
            else
                source.emplace(RasterSource::open(job.raster_path));
            auto& accs = per_thread[t];
            accs.assign(zones.size(), {});
            std::vector<ChannelBuffer> bands(band_count);
            std::vector<ChannelBuffer> derived(channels);
            for (size_t i = t; i < busy_strips.size(); i += threads) {
                const int64_t s = busy_strips[i];
                const Window strip{0, s * rows_per_strip, grid.cols,
                                   std::min(rows_per_strip, grid.rows - s * rows_per_strip)};
                if (reader)
                    reader->read(strip, bands);
                else
                    for (size_t b = 0; b < job.bands.size(); ++b)
                        source->read(job.bands[b], strip, bands[b].values, bands[b].valid);
                if (job.derive) job.derive(bands, derived);
                const std::vector<ChannelBuffer>& values = job.derive ? derived : bands;
                for (size_t z : strip_zones[static_cast<size_t>(s)]) {
                    const Window cells = intersect(zone_cells[z], strip);
                    if (cells.empty()) continue;
                    if (accs[z].empty()) accs[z] = fresh_accumulators(job, channels);
                    const CoverageMatrix cov = coverage_fractions(zones[z], grid, cells);
                    accumulate_covered(cov, strip, row_areas, values, accs[z]);
                }
                if (job.progress) {
                    std::lock_guard lock(progress_mutex);
                    ++strips_done;
                    job.progress(static_cast<double>(strips_done) /
                                 static_cast<double>(busy_strips.size()));
                }
            }
        } catch (...) {
            failures[t] = std::current_exception();
        }
    };
    std::vector<std::thread> pool;
    for (size_t t = 1; t < threads; ++t) pool.emplace_back(worker, t);
    worker(0);
    for (auto& th : pool) th.join();
    for (const auto& f : failures)
        if (f) std::rethrow_exception(f);

    std::vector<std::vector<ZoneAccumulator>> result(zones.size());
    for (size_t z = 0; z < zones.size(); ++z) {
        result[z] = fresh_accumulators(job, channels);
        for (size_t t = 0; t < threads; ++t)
            if (!per_thread[t][z].empty())
                for (size_t k = 0; k < channels; ++k) result[z][k].merge(per_thread[t][z][k]);
    }
    return result;
}

}  // namespace gg
