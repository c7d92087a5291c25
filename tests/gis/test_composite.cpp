// gis/composite: the composite reflectance of several products over a window (what a
// multi-date assess uses for its NDVI), on the first product's grid.
#include "gis/composite.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/spectral.hpp"
#include "support/imagery_fixtures.hpp"

namespace gg::test {
namespace {

constexpr double kClear = 21824, kCloud = 22280;  // QA_PIXEL clear land; cloud

double rho(double dn) {
    return dn * 0.0000275 - 0.2;  // Landsat C2 L2 surface reflectance (docs/methods.md 2)
}

TEST(CompositeReader, MedianRedAndNirReflectanceOverAWindow) {
    TempDir a, b, c;
    std::vector<Product> products = {
        recognise_product(write_c2_l2(a.path(), {10000, 10000, 10000, 10000},
                                      {20000, 21000, 22000, 23000},
                                      {kClear, kClear, kClear, kCloud})),
        recognise_product(write_c2_l2(b.path(), {12000, 12000, 12000, 12000},
                                      {24000, 25000, 26000, 27000},
                                      {kClear, kCloud, kClear, kCloud})),
        recognise_product(write_c2_l2(c.path(), {11000, 11000, 11000, 11000},
                                      {30000, 31000, 32000, 33000},
                                      {kClear, kClear, kClear, kCloud}))};
    std::vector<int> count;
    const auto ch = composite_reflectance(products, {"red", "nir"}, CompositeMethod::Median,
                                          Window{0, 0, 2, 2}, MaskSelection{}, &count);
    ASSERT_EQ(ch.size(), 2u);
    EXPECT_NEAR(ch[0].values[0], rho(11000), 1e-9);
    EXPECT_NEAR(ch[1].values[0], rho(24000), 1e-9);
    EXPECT_NEAR(ch[0].values[1], (rho(10000) + rho(11000)) / 2, 1e-9);  // B cloudy
    EXPECT_NEAR(ch[1].values[1], (rho(21000) + rho(31000)) / 2, 1e-9);
    EXPECT_EQ(ch[0].valid[3], 0);
    EXPECT_EQ(count, (std::vector<int>{3, 2, 3, 0}));
    // NDVI of the composite reflectance, as assess would compute it.
    EXPECT_NEAR(*ndvi(ch[0].values[0], ch[1].values[0]), *ndvi(rho(11000), rho(24000)), 1e-12);

    // A window of the lower row only, through the reader.
    CompositeReader reader(products, {"red"}, CompositeMethod::Mean, MaskSelection{});
    EXPECT_EQ(reader.grid().cols, 2);
    EXPECT_FALSE(reader.reprojected(1));
    CompositeOutput out;
    reader.read(Window{0, 1, 2, 1}, out);
    EXPECT_NEAR(out.channels[0].values[0], (rho(10000) + rho(12000) + rho(11000)) / 3, 1e-9);
    EXPECT_EQ(out.count, (std::vector<int>{3, 0}));
    EXPECT_EQ(reader.scene_observations(), (std::vector<int64_t>{1, 1, 1}));
}

// Max-NDVI through the reader (the scenes folded in one at a time): every role takes the date of
// the highest NDVI, worked by hand from the DNs (rho = DN x 0.0000275 - 0.2): pixel 0's NDVI is
// 0.647 (A: red 0.075, NIR 0.35), 0.559 (B) and 0.718 (C: 0.1025, 0.625), so C; pixel 1 is cloudy
// in B and C's 0.728 beats A's 0.668; pixel 3 is cloudy everywhere.
TEST(CompositeReader, MaxNdviFoldsTheScenesAndTakesTheGreenestDate) {
    TempDir a, b, c;
    const std::vector<Product> products = {
        recognise_product(write_c2_l2(a.path(), {10000, 10000, 10000, 10000},
                                      {20000, 21000, 22000, 23000},
                                      {kClear, kClear, kClear, kCloud})),
        recognise_product(write_c2_l2(b.path(), {12000, 12000, 12000, 12000},
                                      {24000, 25000, 26000, 27000},
                                      {kClear, kCloud, kClear, kCloud})),
        recognise_product(write_c2_l2(c.path(), {11000, 11000, 11000, 11000},
                                      {30000, 31000, 32000, 33000},
                                      {kClear, kClear, kClear, kCloud}))};
    CompositeReader reader(products, {"red", "nir"}, CompositeMethod::MaxNdvi, MaskSelection{});
    EXPECT_TRUE(reader.folds());
    CompositeOutput out;
    reader.read(Window{0, 0, 2, 2}, out);
    EXPECT_EQ(out.chosen, (std::vector<int>{2, 2, 2, -1}));
    EXPECT_NEAR(out.channels[0].values[0], rho(11000), 1e-12);
    EXPECT_NEAR(out.channels[1].values[1], rho(31000), 1e-12);
    EXPECT_EQ(out.count, (std::vector<int>{3, 2, 3, 0}));
    EXPECT_EQ(out.channels[1].valid[3], 0);
    EXPECT_EQ(reader.scene_observations(), (std::vector<int64_t>{3, 2, 3}));
}

// What a read holds does not grow with the scenes when they fold (mean, max-NDVI): one scene's
// buffers and, read whole, one scene's blocks; the median holds every scene's.
TEST(CompositeReader, AFoldHoldsOneScenesBuffersAndBlocksWhateverTheScenes) {
    TempDir a, b, c;
    std::vector<Product> products;
    for (const TempDir* d : {&a, &b, &c})
        products.push_back(recognise_product(write_c2_l2(d->path(), {10000, 10000, 10000, 10000},
                                                         {20000, 21000, 22000, 23000},
                                                         {kClear, kClear, kClear, kClear})));
    const std::vector<Product> one = {products.front()};
    const CompositeReader mean1(one, {"red", "nir"}, CompositeMethod::Mean, MaskSelection{});
    const CompositeReader mean3(products, {"red", "nir"}, CompositeMethod::Mean, MaskSelection{});
    const CompositeReader median3(products, {"red", "nir"}, CompositeMethod::Median,
                                  MaskSelection{});
    EXPECT_EQ(mean3.buffer_layers(), mean1.buffer_layers());
    EXPECT_FALSE(median3.folds());
    EXPECT_EQ(median3.buffer_layers(), 3 * 3);  // red, nir and the QA mask of every scene
    const WindowLayout layout = mean3.layout();
    const int64_t one_scene = mean1.block_cache_bytes(layout, true);
    ASSERT_GT(one_scene, 0);
    EXPECT_EQ(mean3.block_cache_bytes(layout, true), one_scene);
    // Read in slices, a scene's blocks are needed again by the next slice: every scene's then.
    EXPECT_EQ(mean3.block_cache_bytes(layout, false), 3 * one_scene);
    EXPECT_EQ(median3.block_cache_bytes(layout, true), 3 * one_scene);
}

TEST(CompositeReader, NoProductIsAnError) {
    EXPECT_THROW(CompositeReader({}, {"red"}, CompositeMethod::Median, MaskSelection{}), Error);
}

}  // namespace
}  // namespace gg::test
