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
    // A first reader checks the products (roles present, scenes overlapping) and gives the grid.
    CompositeReader probe(products, roles, method, mask);
    CustomWindowSource source;
    RasterInfo& info = source.info;
    info.path = products.front().path;
    info.grid = probe.grid();
    info.band_count = static_cast<int>(roles.size());
    info.crs_wkt = probe.crs_wkt();
    OGRSpatialReference srs;
    srs.SetFromUserInput(info.crs_wkt.c_str());
    info.geographic = srs.IsGeographic();
    info.linear_unit_m = info.geographic ? 1.0 : srs.GetLinearUnits();
    info.data_type = "Float32";
    source.channel_count = roles.size();
    // Per output cell the reader holds, for every scene, each role read and its mask, plus the
    // composite itself.
    source.buffer_layers = static_cast<size_t>(probe.buffer_layers()) + roles.size();
    // The probe stays alive in these (its files are open, its GDAL handles unused): it knows the
    // blocks of every file.
    source.whole_windows = probe.folds();
    auto shared = std::make_shared<const CompositeReader>(std::move(probe));
    source.layout = [shared](int64_t budget_cells) { return shared->layout(budget_cells); };
    source.block_cache_bytes = [shared, whole = source.whole_windows](const WindowLayout& l) {
        return shared->block_cache_bytes(l, whole);
    };
    source.open = [products, roles, method, mask]() -> std::unique_ptr<WindowReader> {
        return std::make_unique<CompositeWindowReader>(products, roles, method, mask);
    };
    return source;
}

}  // namespace gg
