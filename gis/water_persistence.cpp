#include "gis/water_persistence.hpp"

#include <memory>
#include <string>

#include "gis/composite.hpp"
#include "gis/composite_source.hpp"

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
    // Two channels; beyond the composite's buffers, the occurrence and count.
    return composite_reader_source(
        products, roles_of(index), CompositeMethod::Mean, mask, 2, 2,
        [products, index, threshold, mask]() -> std::unique_ptr<WindowReader> {
            return std::make_unique<PersistenceReader>(products, index, threshold, mask);
        });
}

}  // namespace gg
