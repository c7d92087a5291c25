// Streamed Gi* (gis/hotspot_source.hpp) on the real Landsat 8 Level-1 sample (41 x 41 pixels):
// z of a window read with its halo equals z of the whole raster read at once, for windows in the
// middle, at each edge and at a corner, so no window needs more than its halo. The whole-raster z
// is itself checked against a brute force in tests/assess/test_heat_hotspots.cpp.
#include "gis/hotspot_source.hpp"

#include <gtest/gtest.h>

#include "core/lst.hpp"
#include "support/imagery_fixtures.hpp"

namespace gg {
namespace {

LstInputs l8() {
    LstInputs in;
    in.products = {recognise_product(test::kL8Mtl)};
    in.params.input = ThermalInput::BrightnessTemperature;
    in.params.wavelength_um = kLandsat89Band10WavelengthUm;
    return in;
}

TEST(HotspotSource, AWindowWithItsHaloEqualsTheWholeRaster) {
    const CustomWindowSource lst = lst_source(l8());
    const GiGlobal g = lst_statistics(lst);
    EXPECT_EQ(g.n, 41 * 41);
    for (const int64_t r : {1, 3, 10}) {
        const CustomWindowSource hot = hotspot_source(lst, {r, r}, g);
        std::vector<ChannelBuffer> whole, part;
        hot.open()->read({0, 0, 41, 41}, whole);
        ASSERT_EQ(whole.size(), 2u);
        for (const Window w : {Window{15, 12, 7, 5}, Window{0, 0, 6, 9}, Window{35, 20, 6, 21},
                               Window{10, 36, 20, 5}, Window{0, 17, 41, 3}}) {
            hot.open()->read(w, part);
            for (int64_t row = 0; row < w.rows; ++row)
                for (int64_t c = 0; c < w.cols; ++c) {
                    const auto at = static_cast<size_t>((w.row0 + row) * 41 + w.col0 + c);
                    const auto o = static_cast<size_t>(row * w.cols + c);
                    for (size_t ch = 0; ch < 2; ++ch) {
                        ASSERT_EQ(part[ch].valid[o], whole[ch].valid[at]) << r << " " << ch;
                        // The same LST, and z up to the order of the summed-area sums.
                        EXPECT_NEAR(part[ch].values[o], whole[ch].values[at], 1e-9)
                            << "r " << r << " channel " << ch << " window " << w.col0 << ","
                            << w.row0 << " cell " << c << "," << row;
                    }
                }
        }
    }
}

TEST(HotspotSource, TheHistogramCountsEveryPixelWithAZ) {
    const CustomWindowSource lst = lst_source(l8());
    const CustomWindowSource hot = hotspot_source(lst, {10, 10}, lst_statistics(lst));
    EXPECT_EQ(z_histogram(hot).tests(), 41u * 41u);
}

}  // namespace
}  // namespace gg
