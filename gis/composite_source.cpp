#include "gis/composite_source.hpp"

#include <ogr_spatialref.h>

#include "gis/composite.hpp"

namespace gg {
namespace {

class CompositeWindowReader : public WindowReader {
  public:
    CompositeWindowReader(const std::vector<Product>& products,
                          const std::vector<std::string>& roles, CompositeMethod method,
                          const MaskSelection& mask)
        : reader_(products, roles, method, mask) {}
    void read(const Window& w, std::vector<ChannelBuffer>& out) override {
        reader_.read(w, composite_);
        out = composite_.channels;
    }

  private:
    CompositeReader reader_;
    CompositeOutput composite_;
};

}  // namespace

CustomWindowSource composite_window_source(const std::vector<Product>& products,
                                           const std::vector<std::string>& roles,
                                           CompositeMethod method, const MaskSelection& mask) {
    // Per output cell the reader holds, for every scene, each role read and its mask, plus the
    // composite itself.
    return composite_reader_source(
        products, roles, method, mask, roles.size(), roles.size(),
        [products, roles, method, mask]() -> std::unique_ptr<WindowReader> {
            return std::make_unique<CompositeWindowReader>(products, roles, method, mask);
        });
}

CustomWindowSource composite_reader_source(const std::vector<Product>& products,
                                           const std::vector<std::string>& roles,
                                           CompositeMethod method, const MaskSelection& mask,
                                           size_t channels, size_t extra_layers,
                                           std::function<std::unique_ptr<WindowReader>()> open) {
    // A first reader checks the products (roles present, scenes overlapping) and gives the grid.
    CompositeReader probe(products, roles, method, mask);
    CustomWindowSource source;
    RasterInfo& info = source.info;
    info.path = products.front().path;
    info.grid = probe.grid();
    info.band_count = static_cast<int>(channels);
    info.crs_wkt = probe.crs_wkt();
    OGRSpatialReference srs;
    srs.SetFromUserInput(info.crs_wkt.c_str());
    info.geographic = srs.IsGeographic();
    info.linear_unit_m = info.geographic ? 1.0 : srs.GetLinearUnits();
    info.data_type = "Float32";
    source.channel_count = channels;
    source.buffer_layers = static_cast<size_t>(probe.buffer_layers()) + extra_layers;
    // A fold decodes each block once only when a window is read at once, never in slices.
    source.whole_windows = probe.folds();
    // The probe stays alive in these (its files are open, its GDAL handles unused): it knows the
    // blocks of every file.
    auto shared = std::make_shared<const CompositeReader>(std::move(probe));
    source.layout = [shared](int64_t budget_cells) { return shared->layout(budget_cells); };
    source.block_cache_bytes = [shared, whole = source.whole_windows](const WindowLayout& l) {
        return shared->block_cache_bytes(l, whole);
    };
    source.open = std::move(open);
    return source;
}

}  // namespace gg
