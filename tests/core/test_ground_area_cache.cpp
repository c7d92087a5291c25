// Zones' ground areas kept across a batch's tasks (core/ground_area_cache.hpp): a zone is measured
// once per geometry and CRS, and a different geometry, CRS or byte length is measured anew.
#include "core/ground_area_cache.hpp"

#include <gtest/gtest.h>

namespace {

TEST(GroundAreaCache, MeasuresEachGeometryAndCrsOnce) {
    gg::GroundAreaCache cache;
    int calls = 0;
    auto measure = [&](double v) {
        return [&calls, v]() -> std::optional<double> {
            ++calls;
            return v;
        };
    };
    const std::vector<unsigned char> a = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    const std::vector<unsigned char> b = {1, 2, 3, 4, 5, 6, 7, 8, 10};     // last byte differs
    const std::vector<unsigned char> a0 = {1, 2, 3, 4, 5, 6, 7, 8, 9, 0};  // a + a zero byte
    EXPECT_EQ(cache.area(a, "EPSG:32647", measure(10)), 10);
    EXPECT_EQ(cache.area(a, "EPSG:32647", measure(99)), 10);  // kept: not measured again
    EXPECT_EQ(calls, 1);
    EXPECT_EQ(cache.area(b, "EPSG:32647", measure(20)), 20);
    EXPECT_EQ(cache.area(a0, "EPSG:32647", measure(30)), 30);
    EXPECT_EQ(cache.area(a, "EPSG:32648", measure(40)), 40);
    EXPECT_EQ(calls, 4);
    // An empty value (no area) is kept as such.
    const std::vector<unsigned char> c = {42};
    EXPECT_FALSE(cache.area(c, "EPSG:4326", [] { return std::optional<double>(); }));
    EXPECT_FALSE(cache.area(c, "EPSG:4326", measure(50)));
    EXPECT_EQ(calls, 4);
    EXPECT_EQ(cache.stats().misses, 5);
    EXPECT_EQ(cache.stats().hits, 2);
}

}  // namespace
