// Land-cover classes on the grid of another source (gis/classes_on_grid.hpp).
#include "gis/classes_on_grid.hpp"

#include "gis/raster_source.hpp"

namespace gg {
namespace {

class WithClassesReader : public WindowReader {
  public:
    WithClassesReader(std::unique_ptr<WindowReader> inner, size_t channels, RasterSource classes,
                      int band)
        : inner_(std::move(inner)),
          channels_(channels),
          classes_(std::move(classes)),
          band_(band) {}
    void read(const Window& w, std::vector<ChannelBuffer>& out) override {
        inner_->read(w, out);
        out.resize(channels_ + 1);
        classes_.read(band_, w, out[channels_].values, out[channels_].valid);
    }

  private:
    std::unique_ptr<WindowReader> inner_;
    size_t channels_;
    RasterSource classes_;  // one per worker: a RasterSource is not thread-safe
    int band_;
};

}  // namespace

CustomWindowSource with_classes(const CustomWindowSource& source, const std::string& path,
                                int band) {
    const Grid grid = source.info.grid;
    const std::string crs = source.info.crs_wkt;
    RasterSource::open_warped(path, grid, crs).check_band(band);  // fails here, once
    CustomWindowSource out = source;
    out.info.band_count += 1;
    out.channel_count += 1;
    out.buffer_layers += 1;
    const size_t channels = source.channel_count;
    out.open = [inner = source.open, channels, path, grid, crs,
                band]() -> std::unique_ptr<WindowReader> {
        return std::make_unique<WithClassesReader>(
            inner(), channels, RasterSource::open_warped(path, grid, crs), band);
    };
    return out;
}

}  // namespace gg
