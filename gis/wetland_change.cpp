#include "gis/wetland_change.hpp"

#include <fmt/format.h>
#include <ogr_spatialref.h>

#include <cmath>
#include <memory>
#include <optional>

#include "core/error.hpp"
#include "core/window_layout.hpp"
#include "gis/cog_writer.hpp"
#include "gis/composite.hpp"
#include "gis/raster_source.hpp"

namespace gg {
namespace {

std::vector<std::string> roles_of(WaterIndex index) {
    return {"green", index == WaterIndex::Mndwi ? "swir1" : "nir"};
}

bool same_grid(const Grid& a, const Grid& b) {
    const double tol = 1e-6 * std::abs(a.dx);
    return a.cols == b.cols && a.rows == b.rows && std::abs(a.x0 - b.x0) < tol &&
           std::abs(a.y0 - b.y0) < tol && std::abs(a.dx - b.dx) < tol &&
           std::abs(a.dy - b.dy) < tol;
}

bool same_crs(const std::string& a, const std::string& b) {
    if (a == b) return true;
    OGRSpatialReference sa, sb;
    if (sa.importFromWkt(a.c_str()) != OGRERR_NONE || sb.importFromWkt(b.c_str()) != OGRERR_NONE)
        return false;
    return sa.IsSame(&sb) != 0;
}

// One period read on the target grid (none: its own grid, the baseline).
class PeriodReader {
  public:
    PeriodReader(const WetlandPeriod& p, const RasterInfo* target) : p_(p) {
        if (p.imagery()) {
            const auto roles = roles_of(p.index);
            composite_ =
                target ? std::make_unique<CompositeReader>(p.products, roles, p.method, p.mask,
                                                           target->grid, target->crs_wkt)
                       : std::make_unique<CompositeReader>(p.products, roles, p.method, p.mask);
            return;
        }
        RasterSource own = RasterSource::open(p.landcover_path);
        own.check_band(p.band);
        if (!target || (same_grid(own.info().grid, target->grid) &&
                        same_crs(own.info().crs_wkt, target->crs_wkt))) {
            raster_ = std::make_unique<RasterSource>(std::move(own));
            return;
        }
        raster_ = std::make_unique<RasterSource>(
            RasterSource::open_warped(p.landcover_path, target->grid, target->crs_wkt));
    }

    // The period's own grid and CRS (the baseline's defines the comparison).
    RasterInfo info() const {
        if (raster_) return raster_->info();
        RasterInfo info;
        info.path = p_.products.front().path;
        info.grid = composite_->grid();
        info.crs_wkt = composite_->crs_wkt();
        info.band_count = 2;
        return info;
    }
    int64_t buffer_layers() const { return composite_ ? composite_->buffer_layers() : 1; }
    WindowLayout layout(int64_t budget) const {
        if (composite_) return composite_->layout(budget);
        const RasterInfo& i = raster_->info();
        return plan_windows(i.grid.cols, i.grid.rows, std::max(i.block_cols, 1),
                            std::max(i.block_rows, 1), budget > 0 ? budget : 1'000'000);
    }
    // A land-cover raster, or a composite that folds its dates in: windows are best read whole.
    bool whole_windows() const { return !composite_ || composite_->folds(); }
    int64_t block_cache_bytes(const WindowLayout& l, bool whole) const {
        return composite_ ? composite_->block_cache_bytes(l, whole) : 0;
    }

    // 0 not wetland, t + 1 wetland of type t; invalid where not observed.
    void read(const Window& w, ChannelBuffer& out) {
        const size_t n = static_cast<size_t>(w.cols) * static_cast<size_t>(w.rows);
        out.values.assign(n, 0.0);
        out.valid.assign(n, 0);
        if (composite_) {
            composite_->read(w, composite_out_);
            const ChannelBuffer& g = composite_out_.channels[0];
            const ChannelBuffer& o = composite_out_.channels[1];
            for (size_t i = 0; i < n; ++i) {
                if (!g.valid[i] || !o.valid[i]) continue;
                const auto v = water_index(g.values[i], o.values[i]);
                if (!v) continue;
                out.valid[i] = 1;
                out.values[i] = *v > p_.threshold ? static_cast<double>(p_.water_type + 1) : 0.0;
            }
            return;
        }
        raster_->read(p_.band, w, values_, valid_);
        for (size_t i = 0; i < n; ++i) {
            if (!valid_[i]) continue;
            out.valid[i] = 1;
            const auto it = p_.classes.find(std::llround(values_[i]));
            out.values[i] = it == p_.classes.end() ? 0.0 : static_cast<double>(it->second + 1);
        }
    }

  private:
    WetlandPeriod p_;
    std::unique_ptr<CompositeReader> composite_;
    CompositeOutput composite_out_;
    std::unique_ptr<RasterSource> raster_;
    std::vector<double> values_;
    std::vector<unsigned char> valid_;
};

class ChangeReader : public WindowReader {
  public:
    ChangeReader(const WetlandPeriod& baseline, const WetlandPeriod& current,
                 const RasterInfo& grid)
        : baseline_(baseline, nullptr), current_(current, &grid) {}
    void read(const Window& w, std::vector<ChannelBuffer>& out) override {
        out.resize(2);
        baseline_.read(w, out[0]);
        current_.read(w, out[1]);
    }

  private:
    PeriodReader baseline_, current_;
};

// Every window of the source in row-major order, read by one reader: whole when the source asks
// for it, else in slices of rows within the budget of buffers.
template <typename Sink>
void for_each_window(const CustomWindowSource& source, Sink&& sink) {
    const int64_t budget = std::max<int64_t>(
        4'000'000 / std::max<int64_t>(static_cast<int64_t>(source.buffer_layers), 1), 65'536);
    const WindowLayout layout = source.layout(budget);
    const int64_t rows = source.whole_windows ? layout.rows : slice_rows(layout, budget);
    const std::unique_ptr<WindowReader> reader = source.open();
    std::vector<ChannelBuffer> channels;
    for (const Window& w : layout.windows())
        for (int64_t r0 = w.row0; r0 < w.row_end(); r0 += rows) {
            const Window slice{w.col0, r0, w.cols, std::min(rows, w.row_end() - r0)};
            reader->read(slice, channels);
            sink(slice, channels);
        }
}

}  // namespace

std::string WetlandPeriod::describe() const {
    if (imagery())
        return fmt::format("{} ({} product{}, {} {} > {})", label, products.size(),
                           products.size() == 1 ? "" : "s", composite_method_name(method),
                           water_index_name(index), threshold);
    return fmt::format("{} (land cover {})", label, landcover_path);
}

CustomWindowSource wetland_change_source(const WetlandPeriod& baseline,
                                         const WetlandPeriod& current) {
    // Probes: the inputs are checked now (files, bands, overlap), and give the grid; they stay
    // alive in the source's functions (they know the blocks of every file).
    auto base = std::make_shared<PeriodReader>(baseline, nullptr);
    RasterInfo info = base->info();
    auto now = std::make_shared<PeriodReader>(current, &info);
    CustomWindowSource source;
    OGRSpatialReference srs;
    srs.SetFromUserInput(info.crs_wkt.c_str());
    info.band_count = 2;
    info.geographic = srs.IsGeographic();
    info.linear_unit_m = info.geographic ? 1.0 : srs.GetLinearUnits();
    info.data_type = "Float32";
    source.info = info;
    source.channel_count = 2;
    source.buffer_layers = static_cast<size_t>(base->buffer_layers() + now->buffer_layers()) + 2;
    source.layout = [base](int64_t budget) { return base->layout(budget); };
    source.whole_windows = base->whole_windows() && now->whole_windows();
    source.block_cache_bytes = [base, now, whole = source.whole_windows](const WindowLayout& l) {
        return base->block_cache_bytes(l, whole) + now->block_cache_bytes(l, whole);
    };
    source.open = [baseline, current, info]() -> std::unique_ptr<WindowReader> {
        return std::make_unique<ChangeReader>(baseline, current, info);
    };
    return source;
}

Transition transition_of(bool baseline_valid, double baseline, bool current_valid, double current) {
    if (!baseline_valid || !current_valid) return Transition::NoData;
    const bool before = baseline > 0, now = current > 0;
    if (before && now) return Transition::StableWater;
    if (now) return Transition::Gain;
    if (before) return Transition::Loss;
    return Transition::StableLand;
}

void write_transition_cog(const CustomWindowSource& change, const std::string& path,
                          const Metadata& metadata) {
    CogOptions options;
    options.classes = true;
    CogWriter writer(path, change.info.grid, change.info.crs_wkt,
                     static_cast<double>(Transition::NoData), metadata, 1, options);
    writer.describe_band(1, "wetland transition");
    std::vector<float> values;
    for_each_window(change, [&](const Window& w, const std::vector<ChannelBuffer>& c) {
        const size_t n = c[0].values.size();
        values.resize(n);
        for (size_t i = 0; i < n; ++i)
            values[i] = static_cast<float>(transition_of(c[0].valid[i] != 0, c[0].values[i],
                                                         c[1].valid[i] != 0, c[1].values[i]));
        writer.write(w, values);
    });
    writer.finish();
}

void write_persistence_cogs(const CustomWindowSource& persistence,
                            const std::string& occurrence_path, const std::string& count_path,
                            const Metadata& metadata) {
    constexpr double kNodata = -1;
    CogWriter occurrence(occurrence_path, persistence.info.grid, persistence.info.crs_wkt, kNodata,
                         metadata);
    occurrence.describe_band(1, "water occurrence");
    CogOptions counts;
    counts.classes = true;  // counts are whole numbers: overviews keep observed counts
    CogWriter count(count_path, persistence.info.grid, persistence.info.crs_wkt, kNodata, metadata,
                    1, counts);
    count.describe_band(1, "valid observations");
    std::vector<float> occ, cnt;
    for_each_window(persistence, [&](const Window& w, const std::vector<ChannelBuffer>& c) {
        const size_t n = c[0].values.size();
        occ.resize(n);
        cnt.resize(n);
        for (size_t i = 0; i < n; ++i) {
            occ[i] =
                c[0].valid[i] ? static_cast<float>(c[0].values[i]) : static_cast<float>(kNodata);
            cnt[i] = static_cast<float>(c[1].values[i]);
        }
        occurrence.write(w, occ);
        count.write(w, cnt);
    });
    occurrence.finish();
    count.finish();
}

}  // namespace gg
