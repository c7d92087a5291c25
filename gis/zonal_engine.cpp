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

// The rows of `cov` inside `slice` (which spans its columns).
CoverageMatrix rows_of(const CoverageMatrix& cov, const Window& slice) {
    const Window w = intersect(cov.window, slice);
    CoverageMatrix part;
    part.window = w;
    const auto first = static_cast<size_t>((w.row0 - cov.window.row0) * cov.window.cols);
    part.fraction.assign(
        cov.fraction.begin() + static_cast<std::ptrdiff_t>(first),
        cov.fraction.begin() + static_cast<std::ptrdiff_t>(first + static_cast<size_t>(w.size())));
    return part;
}

// The GDAL block cache one thread's pass needs over `bands` bands of one raster file.
int64_t raster_block_cache_bytes(const RasterInfo& info, size_t bands, const WindowLayout& l) {
    const int pixel =
        std::max(1, GDALGetDataTypeSizeBytes(GDALGetDataTypeByName(info.data_type.c_str())));
    return block_cache_need(l, 1, info.grid.cols, info.block_cols, info.block_rows, pixel) *
           static_cast<int64_t>(bands);
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

    // Windows of whole blocks within the per-thread budget; the cells each zone can touch, and
    // for every window the zones that touch it.
    const size_t layers = job.custom ? std::max(band_count, job.custom->buffer_layers) : band_count;
    const auto budget_cells = std::max<int64_t>(
        1, static_cast<int64_t>(job.window_budget_bytes / (9 * std::max<size_t>(layers, 1))));
    const WindowLayout layout = job.custom ? job.custom->layout(budget_cells)
                                           : plan_windows(grid.cols, grid.rows, info.block_cols,
                                                          info.block_rows, budget_cells);
    const int64_t rows_per_slice = slice_rows(layout, budget_cells);
    const bool sliced = rows_per_slice < layout.rows;
    std::vector<Window> zone_cells(zones.size());
    std::vector<std::vector<size_t>> window_zones(static_cast<size_t>(layout.count()));
    for (size_t z = 0; z < zones.size(); ++z) {
        zone_cells[z] = intersect(grid.cells_touching(bounds(zones[z])), grid.full());
        for (int64_t i : layout.windows_touching(zone_cells[z]))
            window_zones[static_cast<size_t>(i)].push_back(z);
    }
    std::vector<int64_t> busy_windows;
    for (int64_t i = 0; i < layout.count(); ++i)
        if (!window_zones[static_cast<size_t>(i)].empty()) busy_windows.push_back(i);

    unsigned hw = std::max(1u, std::thread::hardware_concurrency());
    const auto threads = static_cast<size_t>(std::clamp<int64_t>(
        job.threads > 0 ? job.threads : hw, 1, std::max<int64_t>(1, std::ssize(busy_windows))));

    size_block_cache(job.custom ? job.custom->block_cache_bytes(layout)
                                : raster_block_cache_bytes(info, band_count, layout),
                     threads);

    // accumulators[thread][zone][channel]; threads take windows round-robin (a fixed order, so a
    // run is reproducible bit for bit for a given thread count).
    std::vector<std::vector<std::vector<ZoneAccumulator>>> per_thread(threads);
    std::mutex progress_mutex;
    size_t windows_done = 0;
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
            std::vector<CoverageMatrix> coverage(zones.size());  // of the current window
            for (size_t i = t; i < busy_windows.size(); i += threads) {
                const int64_t n = busy_windows[i];
                const Window window = layout.window(n);
                const std::vector<size_t>& here = window_zones[static_cast<size_t>(n)];
                for (int64_t r0 = window.row0; r0 < window.row_end(); r0 += rows_per_slice) {
                    const Window slice{window.col0, r0, window.cols,
                                       std::min(rows_per_slice, window.row_end() - r0)};
                    if (reader)
                        reader->read(slice, bands);
                    else
                        for (size_t b = 0; b < job.bands.size(); ++b)
                            source->read(job.bands[b], slice, bands[b].values, bands[b].valid);
                    if (job.derive) job.derive(bands, derived);
                    const std::vector<ChannelBuffer>& values = job.derive ? derived : bands;
                    for (size_t z : here) {
                        const Window cells = intersect(zone_cells[z], window);
                        if (intersect(cells, slice).empty()) continue;
                        if (accs[z].empty()) accs[z] = fresh_accumulators(job, channels);
                        if (!sliced) {  // used once: not kept
                            accumulate_covered(coverage_fractions(zones[z], grid, cells), slice,
                                               row_areas, values, accs[z]);
                            continue;
                        }
                        // Once per window (the polygon's edges are the cost), then row by slice.
                        if (coverage[z].window != cells)
                            coverage[z] = coverage_fractions(zones[z], grid, cells);
                        accumulate_covered(rows_of(coverage[z], slice), slice, row_areas, values,
                                           accs[z]);
                    }
                }
                if (sliced)
                    for (size_t z : here) coverage[z] = {};
                if (job.progress) {
                    std::lock_guard lock(progress_mutex);
                    ++windows_done;
                    job.progress(static_cast<double>(windows_done) /
                                 static_cast<double>(busy_windows.size()));
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
