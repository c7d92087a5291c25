#include "gis/grid_only_source.hpp"

#include <memory>

namespace gg {
namespace {

class NoPixelReader : public WindowReader {
  public:
    explicit NoPixelReader(size_t channels) : channels_(channels) {}
    void read(const Window& w, std::vector<ChannelBuffer>& out) override {
        const auto n = static_cast<size_t>(w.size());
        out.resize(channels_);
        for (auto& c : out) {
            c.values.assign(n, 0.0);
            c.valid.assign(n, 0);
        }
    }

  private:
    size_t channels_;
};

}  // namespace

CustomWindowSource grid_only_source(const CustomWindowSource& source) {
    CustomWindowSource s = source;  // grid, CRS, channels, window layout and cache as they are
    const size_t channels = source.channel_count;
    s.open = [channels]() -> std::unique_ptr<WindowReader> {
        return std::make_unique<NoPixelReader>(channels);
    };
    return s;
}

}  // namespace gg
