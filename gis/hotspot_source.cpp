// Streamed Gi* of LST (gis/hotspot_source.hpp).
#include "gis/hotspot_source.hpp"

#include <algorithm>
#include <memory>

#include "gis/cog_writer.hpp"
#include "gis/composite.hpp"
#include "gis/composite_source.hpp"
#include "gis/parallel.hpp"
#include "gis/raster_source.hpp"

namespace gg {
namespace {

// Surface temperature is LST already: red and NIR (the emissivity's NDVI) only for Level-1.
std::vector<std::string> lst_roles(const HeatParams& params) {
    if (params.input == ThermalInput::SurfaceTemperature) return {"thermal"};
    return {"thermal", "red", "nir"};
}

class LstReader : public WindowReader {
  public:
    // grid, crs: the composite's, onto which the land-cover classes are put (nearest neighbour).
    LstReader(const LstInputs& in, const Grid& grid, const std::string& crs)
        : reader_(in.products, lst_roles(in.params), in.method, in.mask), params_(in.params) {
        if (params_.emissivity_table) {
            classes_.emplace(RasterSource::open_warped(in.classes_path, grid, crs));
            classes_band_ = in.classes_band;
        }
    }
    void read(const Window& w, std::vector<ChannelBuffer>& out) override {
        reader_.read(w, composite_);
        const auto& c = composite_.channels;
        if (classes_) classes_->read(classes_band_, w, class_.values, class_.valid);
        out.resize(1);
        // As channel 0 of the heat pass's channels, without the others (core/heat.hpp).
        const size_t red = c.size() > 1 ? 1 : 0, nir = c.size() > 2 ? 2 : 0;
        derive_lst(c[0], c[red], c[nir], classes_ ? &class_ : nullptr, params_, out[0]);
    }

  private:
    CompositeReader reader_;
    HeatParams params_;
    std::optional<RasterSource> classes_;  // one per worker: a RasterSource is not thread-safe
    int classes_band_ = 1;
    ChannelBuffer class_;
    CompositeOutput composite_;
};

// Reads the LST of the window grown by the band (cut at the grid's edge), and z of the window.
class HotspotReader : public WindowReader {
  public:
    HotspotReader(std::unique_ptr<WindowReader> lst, const Grid& grid, GiBand band, GiGlobal g)
        : lst_(std::move(lst)), grid_(grid), band_(band), global_(g) {}
    void read(const Window& w, std::vector<ChannelBuffer>& out) override {
        const Window halo = intersect({w.col0 - band_.cols, w.row0 - band_.rows,
                                       w.cols + 2 * band_.cols, w.rows + 2 * band_.rows},
                                      grid_.full());
        lst_->read(halo, buffer_);
        out.resize(2);
        const Window inner{w.col0 - halo.col0, w.row0 - halo.row0, w.cols, w.rows};
        gi_star(buffer_[0], halo.cols, halo.rows, inner, band_, global_, out[1]);
        // LST of the window itself, cut from the halo buffer.
        ChannelBuffer& lst = out[0];
        lst.values.resize(static_cast<size_t>(w.size()));
        lst.valid.resize(static_cast<size_t>(w.size()));
        for (int64_t r = 0; r < w.rows; ++r) {
            const auto from = static_cast<size_t>((r + inner.row0) * halo.cols + inner.col0);
            const auto to = static_cast<size_t>(r * w.cols);
            std::copy_n(buffer_[0].values.begin() + static_cast<std::ptrdiff_t>(from), w.cols,
                        lst.values.begin() + static_cast<std::ptrdiff_t>(to));
            std::copy_n(buffer_[0].valid.begin() + static_cast<std::ptrdiff_t>(from), w.cols,
                        lst.valid.begin() + static_cast<std::ptrdiff_t>(to));
        }
    }

  private:
    std::unique_ptr<WindowReader> lst_;
    Grid grid_;
    GiBand band_;
    GiGlobal global_;
    std::vector<ChannelBuffer> buffer_;
};

// The windows of the source read and computed on the arena's threads (one reader each), their
// results handed to write in window order: the outcome does not depend on the thread count.
template <typename Result, typename Compute, typename Write>
void windows_in_order(const CustomWindowSource& source, Compute&& compute, Write&& write) {
    const WindowLayout layout = source.layout(std::max<int64_t>(
        4'000'000 / std::max<int64_t>(static_cast<int64_t>(source.buffer_layers), 1), 65'536));
    const std::vector<Window> windows = layout.windows();
    struct Worker {
        std::unique_ptr<WindowReader> reader;
        std::vector<ChannelBuffer> channels;
    };
    auto workers = per_thread<Worker>(Worker{source.open(), {}}, [&source] {
        return Worker{source.open(), {}};
    });
    compute_in_order<Worker, Result>(
        workers, windows.size(),
        [&](Worker& w, size_t i, Result& r) {
            w.reader->read(windows[i], w.channels);
            compute(windows[i], w.channels, r);
        },
        [&](size_t i, Result& r) { write(windows[i], r); });
}

}  // namespace

CustomWindowSource lst_source(const LstInputs& in) {
    // Per cell, beyond the composite's buffers: its roles, the classes and the LST. The grid is
    // known once the source is made; the readers are made later.
    auto grid = std::make_shared<std::pair<Grid, std::string>>();
    const std::vector<std::string> roles = lst_roles(in.params);
    CustomWindowSource source = composite_reader_source(
        in.products, roles, in.method, in.mask, 1, roles.size() + 2,
        [in, grid]() -> std::unique_ptr<WindowReader> {
            return std::make_unique<LstReader>(in, grid->first, grid->second);
        });
    *grid = {source.info.grid, source.info.crs_wkt};
    if (in.params.emissivity_table)  // a missing file or band fails here, once
        RasterSource::open_warped(in.classes_path, grid->first, grid->second)
            .check_band(in.classes_band);
    return source;
}

GiGlobal lst_statistics(const CustomWindowSource& lst) {
    GiGlobalAccumulator all;
    windows_in_order<GiGlobalAccumulator>(
        lst,
        [](const Window&, const std::vector<ChannelBuffer>& c, GiGlobalAccumulator& acc) {
            for (size_t i = 0; i < c[0].values.size(); ++i)
                if (c[0].valid[i]) acc.add(c[0].values[i]);
        },
        [&](const Window&, GiGlobalAccumulator& acc) { all.merge(acc); });
    return all.result("heat.hotspots: land surface temperature");
}

CustomWindowSource hotspot_source(const CustomWindowSource& lst, GiBand band,
                                  const GiGlobal& global) {
    CustomWindowSource source = lst;
    source.info.band_count = 2;
    source.channel_count = 2;
    // Plus the summed-area tables (two doubles a cell) and z.
    source.buffer_layers = lst.buffer_layers + 3;
    const Grid grid = lst.info.grid;
    source.open = [lst, grid, band, global]() -> std::unique_ptr<WindowReader> {
        return std::make_unique<HotspotReader>(lst.open(), grid, band, global);
    };
    return source;
}

AbsZHistogram z_histogram(const CustomWindowSource& hotspots) {
    AbsZHistogram all;
    // Per window its |z| (a histogram each would be 40,000 bins), counted in window order.
    windows_in_order<std::vector<double>>(
        hotspots,
        [](const Window&, const std::vector<ChannelBuffer>& c, std::vector<double>& z) {
            for (size_t i = 0; i < c[1].values.size(); ++i)
                if (c[1].valid[i]) z.push_back(c[1].values[i]);
        },
        [&](const Window&, std::vector<double>& z) {
            for (double v : z) all.add(v);
        });
    return all;
}

void write_gi_z_cog(const CustomWindowSource& hotspots, const std::string& path,
                    const Metadata& metadata) {
    CogWriter writer(path, hotspots.info.grid, hotspots.info.crs_wkt, kGiZNodata, metadata);
    writer.describe_band(1, "Getis-Ord Gi* z of land surface temperature");
    windows_in_order<std::vector<float>>(
        hotspots,
        [](const Window&, const std::vector<ChannelBuffer>& c, std::vector<float>& z) {
            const size_t n = c[1].values.size();
            z.resize(n);
            for (size_t i = 0; i < n; ++i)
                z[i] = static_cast<float>(c[1].valid[i] ? c[1].values[i] : kGiZNodata);
        },
        [&](const Window& w, std::vector<float>& z) { writer.write(w, z); });
    writer.finish();
}

void write_nodata_cog(const CustomWindowSource& lst, const std::string& path,
                      const Metadata& metadata) {
    CogWriter writer(path, lst.info.grid, lst.info.crs_wkt, kGiZNodata, metadata);
    writer.describe_band(1, "Getis-Ord Gi* z of land surface temperature");
    writer.finish();  // pixels never written are nodata
}

}  // namespace gg
