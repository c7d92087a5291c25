#include "gis/zonal_engine.hpp"

#include <gdal.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_pipeline.h>

#include <algorithm>
#include <memory>
#include <numeric>

#include "core/coverage.hpp"
#include "core/error.hpp"
#include "core/zonal_window.hpp"
#include "gis/gdal_setup.hpp"
#include "gis/parallel.hpp"
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

// What one thread holds: its own GDAL handle or custom reader (handles are not thread-safe), the
// buffers of a window, and the zones' coverage while a window is read in slices.
struct ThreadState {
    std::optional<RasterSource> source;
    std::unique_ptr<WindowReader> reader;
    std::vector<ChannelBuffer> bands;
    std::vector<ChannelBuffer> derived;
    std::vector<CoverageMatrix> coverage;  // per zone, of the current window
};

// The accumulators of the zones touching one window: what the parallel stage hands to the merge.
struct WindowAccumulators {
    std::vector<size_t> zones;
    std::vector<std::vector<ZoneAccumulator>> accumulators;  // per zone above
    std::vector<ZoneWindowSums> sums;                        // per zone above: its open runs
};

class Pass {
  public:
    Pass(const ZonalJob& job, std::vector<const MultiPolygon*> zones)
        : job_(job), zones_(std::move(zones)) {
        if (!job.custom) {
            probe_.emplace(RasterSource::open(job.raster_path));
            for (int b : job.bands) probe_->check_band(b);
        }
        info_ = job.custom ? &job.custom->info : &probe_->info();
        band_count_ = job.custom ? job.custom->channel_count : job.bands.size();
        channels_ = job.derive ? job.channel_count : band_count_;
        areas_ = pixel_areas(*info_, job.areas);
        for (size_t z = 0; z < zones_.size(); ++z) {
            std::vector<size_t> list;
            if (z < job.shape_channels.size()) list = job.shape_channels[z];
            if (list.empty()) {
                list.resize(channels_);
                std::iota(list.begin(), list.end(), size_t{0});
            }
            for (size_t k : list)
                if (k >= channels_) throw Error("zonal engine: shape channel out of range");
            std::vector<size_t> all(channels_);
            std::iota(all.begin(), all.end(), size_t{0});
            every_channel_.push_back(list == all);
            zone_channels_.push_back(std::move(list));
        }
        if (job.coverage_cache)
            for (const MultiPolygon* z : zones_) fingerprints_.push_back(shape_fingerprint(*z));
        plan();
    }

    std::vector<std::vector<ZoneAccumulator>> run() {
        std::vector<std::vector<ZoneAccumulator>> result(zones_.size());
        for (size_t z = 0; z < zones_.size(); ++z) result[z] = fresh(z);
        if (busy_.empty()) return result;
        // --threads N: an arena of N (at most the cores); 0: the caller's arena, shared.
        with_threads(job_.threads, [&] {
            const auto concurrency =
                std::clamp<size_t>(arena_threads(), 1, static_cast<size_t>(busy_.size()));
            size_block_cache(job_.custom ? job_.custom->block_cache_bytes(layout_)
                                         : raster_block_cache_bytes(*info_, band_count_, layout_),
                             concurrency);
            stream(concurrency, result);
        });
        return result;
    }

  private:
    // Windows of whole blocks within the per-thread budget; the cells each zone can touch, and
    // for every window the zones that touch it.
    void plan() {
        const Grid& grid = info_->grid;
        const size_t layers =
            job_.custom ? std::max(band_count_, job_.custom->buffer_layers) : band_count_;
        const auto budget_cells = std::max<int64_t>(
            1, static_cast<int64_t>(job_.window_budget_bytes / (9 * std::max<size_t>(layers, 1))));
        layout_ = job_.custom ? job_.custom->layout(budget_cells)
                              : plan_windows(grid.cols, grid.rows, info_->block_cols,
                                             info_->block_rows, budget_cells);
        rows_per_slice_ = job_.custom && job_.custom->whole_windows
                              ? layout_.rows
                              : slice_rows(layout_, budget_cells);
        sliced_ = rows_per_slice_ < layout_.rows;
        zone_cells_.resize(zones_.size());
        window_zones_.assign(static_cast<size_t>(layout_.count()), {});
        for (size_t z = 0; z < zones_.size(); ++z) {
            zone_cells_[z] = intersect(grid.cells_touching(bounds(*zones_[z])), grid.full());
            for (int64_t i : layout_.windows_touching(zone_cells_[z]))
                window_zones_[static_cast<size_t>(i)].push_back(z);
        }
        for (int64_t i = 0; i < layout_.count(); ++i)
            if (!window_zones_[static_cast<size_t>(i)].empty()) busy_.push_back(i);
    }

    std::vector<ZoneAccumulator> fresh(size_t z) const {
        std::vector<ZoneAccumulator> accs;
        accs.reserve(zone_channels_[z].size());
        for (size_t k : zone_channels_[z])
            accs.emplace_back(k < job_.keep_distribution.size() && job_.keep_distribution[k]);
        return accs;
    }

    ThreadState open_thread() const {
        ThreadState s;
        if (job_.custom)
            s.reader = job_.custom->open();
        else
            s.source.emplace(RasterSource::open(job_.raster_path));
        s.bands.resize(band_count_);
        s.derived.resize(channels_);
        if (sliced_) s.coverage.resize(zones_.size());
        return s;
    }

    void read(ThreadState& s, const Window& slice) const {
        if (s.reader) {
            s.reader->read(slice, s.bands);
            return;
        }
        for (size_t b = 0; b < job_.bands.size(); ++b)
            s.source->read(job_.bands[b], slice, s.bands[b].values, s.bands[b].valid);
    }

    void accumulate(const CoverageMatrix& cov, const Window& slice,
                    const std::vector<ChannelBuffer>& values, size_t z, ZoneWindowSums& sums,
                    std::vector<ZoneAccumulator>& accs) const {
        static const std::vector<size_t> every;
        sums.add(cov, slice, areas_, values, every_channel_[z] ? every : zone_channels_[z], accs);
    }

    CoverageMatrix coverage(size_t z, const Window& cells) const {
        if (job_.coverage_cache)
            return job_.coverage_cache->coverage(*zones_[z], fingerprints_[z], info_->grid, cells);
        return coverage_fractions(*zones_[z], info_->grid, cells);
    }

    // Window n, read in slices of rows, accumulated for every zone touching it.
    std::shared_ptr<WindowAccumulators> window(ThreadState& s, int64_t n) const {
        auto out = std::make_shared<WindowAccumulators>();
        const Window window = layout_.window(n);
        const std::vector<size_t>& here = window_zones_[static_cast<size_t>(n)];
        std::vector<size_t> slot(here.size(), SIZE_MAX);  // index into out->zones
        for (int64_t r0 = window.row0; r0 < window.row_end(); r0 += rows_per_slice_) {
            const Window slice{window.col0, r0, window.cols,
                               std::min(rows_per_slice_, window.row_end() - r0)};
            read(s, slice);
            if (job_.derive) job_.derive(s.bands, s.derived);
            const std::vector<ChannelBuffer>& values = job_.derive ? s.derived : s.bands;
            for (size_t h = 0; h < here.size(); ++h) {
                const size_t z = here[h];
                const Window cells = intersect(zone_cells_[z], window);
                if (intersect(cells, slice).empty()) continue;
                if (slot[h] == SIZE_MAX) {
                    slot[h] = out->zones.size();
                    out->zones.push_back(z);
                    out->accumulators.push_back(fresh(z));
                    out->sums.emplace_back(RunShape{layout_.run_rows, layout_.run_cols});
                }
                auto& accs = out->accumulators[slot[h]];
                auto& sums = out->sums[slot[h]];
                if (!sliced_) {  // used once: not kept
                    accumulate(coverage(z, cells), slice, values, z, sums, accs);
                    continue;
                }
                // Once per window (the polygon's edges are the cost), then row by slice.
                if (s.coverage[z].window != cells) s.coverage[z] = coverage(z, cells);
                accumulate(rows_of(s.coverage[z], slice), slice, values, z, sums, accs);
            }
        }
        for (size_t i = 0; i < out->zones.size(); ++i) out->sums[i].finish(out->accumulators[i]);
        out->sums.clear();
        if (sliced_)
            for (size_t z : here) s.coverage[z] = {};
        return out;
    }

    // One serial stage hands out the windows in order, a parallel stage reads and accumulates
    // them, and a serial stage merges them in the same order: the sums never depend on which
    // thread did what. Two windows in flight per thread bound the memory.
    void stream(size_t concurrency, std::vector<std::vector<ZoneAccumulator>>& result) const {
        tbb::enumerable_thread_specific<ThreadState> states([this] { return open_thread(); });
        size_t next = 0, merged = 0;
        tbb::parallel_pipeline(
            2 * concurrency, tbb::make_filter<void, int64_t>(tbb::filter_mode::serial_in_order,
                                                             [&](tbb::flow_control& fc) -> int64_t {
                                                                 if (next >= busy_.size()) {
                                                                     fc.stop();
                                                                     return 0;
                                                                 }
                                                                 return busy_[next++];
                                                             }) &
                                 tbb::make_filter<int64_t, std::shared_ptr<WindowAccumulators>>(
                                     tbb::filter_mode::parallel,
                                     [&](int64_t n) { return window(states.local(), n); }) &
                                 tbb::make_filter<std::shared_ptr<WindowAccumulators>, void>(
                                     tbb::filter_mode::serial_in_order,
                                     [&](const std::shared_ptr<WindowAccumulators>& w) {
                                         for (size_t i = 0; i < w->zones.size(); ++i) {
                                             auto& into = result[w->zones[i]];
                                             for (size_t j = 0; j < into.size(); ++j)
                                                 into[j].merge(w->accumulators[i][j]);
                                         }
                                         ++merged;
                                         if (job_.progress)
                                             job_.progress(static_cast<double>(merged) /
                                                           static_cast<double>(busy_.size()));
                                     }));
    }

    const ZonalJob& job_;
    const std::vector<const MultiPolygon*> zones_;  // the caller's, not copied
    std::optional<RasterSource> probe_;
    const RasterInfo* info_ = nullptr;
    size_t band_count_ = 0;
    size_t channels_ = 0;
    PixelAreas areas_;
    std::vector<std::vector<size_t>> zone_channels_;
    std::vector<bool> every_channel_;  // per zone: its channels are 0, 1, ... (all of them)
    std::vector<ShapeFingerprint> fingerprints_;  // per zone, when a coverage cache is given
    WindowLayout layout_;
    int64_t rows_per_slice_ = 0;
    bool sliced_ = false;
    std::vector<Window> zone_cells_;
    std::vector<std::vector<size_t>> window_zones_;
    std::vector<int64_t> busy_;
};

}  // namespace

std::vector<std::vector<ZoneAccumulator>> run_zonal(const ZonalJob& job,
                                                    const std::vector<MultiPolygon>& zones) {
    std::vector<const MultiPolygon*> each;
    each.reserve(zones.size());
    for (const auto& z : zones) each.push_back(&z);
    return Pass(job, std::move(each)).run();
}

std::vector<std::vector<ZoneAccumulator>> run_zonal(const ZonalJob& job,
                                                    std::vector<const MultiPolygon*> zones) {
    return Pass(job, std::move(zones)).run();
}

}  // namespace gg
