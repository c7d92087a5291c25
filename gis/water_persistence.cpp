#include "gis/water_persistence.hpp"

#include <ogr_spatialref.h>

#include <memory>
#include <string>

#include "gis/composite.hpp"

namespace gg {
namespace {

std::vector<std::string> roles_of(WaterIndex index) {
    return {"green", index == WaterIndex::Mndwi ? "swir1" : "nir"};
}

class PersistenceReader : public WindowReader {
  public:
    PersistenceReader(const std::vector<Product>& products, WaterIndex index, double threshold,
                      const MaskSelection& mask)
        : reader_(products, roles_of(index), CompositeMethod::Mean, mask), threshold_(threshold) {}
    void read(const Window& w, std::vector<ChannelBuffer>& out) override {
        const double threshold = threshold_;
        // Each date's water mask (1 water, 0 not; invalid where the index is), then its mean over
        // the dates where it is valid: water observations / valid observations.
        reader_.read(
            w,
            [threshold](const std::vector<ChannelBuffer>& c, ChannelBuffer& water) {
                const size_t n = c[0].values.size();
                water.values.resize(n);
                water.valid.resize(n);
                for (size_t i = 0; i < n; ++i) {
                    const auto v = c[0].valid[i] && c[1].valid[i]
                                       ? water_index(c[0].values[i], c[1].values[i])
                                       : std::nullopt;
                    water.valid[i] = v.has_value();
                    water.values[i] = v && *v > threshold ? 1.0 : 0.0;
                }
            },
            composite_);
        out.resize(2);
        out[0] = composite_.channels[0];
        const size_t n = composite_.count.size();
        out[1].values.resize(n);
        out[1].valid.assign(n, 1);
        for (size_t i = 0; i < n; ++i) out[1].values[i] = composite_.count[i];
    }

  private:
    CompositeReader reader_;
    double threshold_;
    CompositeOutput composite_;
};

}  // namespace

CustomWindowSource water_persistence_source(const std::vector<Product>& products, WaterIndex index,
                                            double threshold, const MaskSelection& mask) {
    CompositeReader probe(products, roles_of(index), CompositeMethod::Mean, mask);
    CustomWindowSource source;
    RasterInfo& info = source.info;
    info.path = products.front().path;
    info.grid = probe.grid();
    info.band_count = 2;
    info.crs_wkt = probe.crs_wkt();
    OGRSpatialReference srs;
    srs.SetFromUserInput(info.crs_wkt.c_str());
    info.geographic = srs.IsGeographic();
    info.linear_unit_m = info.geographic ? 1.0 : srs.GetLinearUnits();
    info.data_type = "Float32";
    source.channel_count = 2;
    source.buffer_layers = static_cast<size_t>(probe.buffer_layers()) + 2;  // + occurrence, count
    source.whole_windows = probe.folds();
    auto shared = std::make_shared<const CompositeReader>(std::move(probe));
    source.layout = [shared](int64_t budget_cells) { return shared->layout(budget_cells); };
    source.block_cache_bytes = [shared, whole = source.whole_windows](const WindowLayout& l) {
        return shared->block_cache_bytes(l, whole);
    };
    source.open = [products, index, threshold, mask]() -> std::unique_ptr<WindowReader> {
        return std::make_unique<PersistenceReader>(products, index, threshold, mask);
    };
    return source;
}

}  // namespace gg
