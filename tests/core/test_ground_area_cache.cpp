// Zones' ground areas kept across a batch's tasks (core/ground_area_cache.hpp): a zone is measured
// once per geometry and CRS, and a different geometry, CRS or byte length is measured anew.
#include "core/ground_area_cache.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

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

TEST(GroundAreaCache, ASecondCallWaitsForTheMeasurementUnderWay) {
    // Thread 1 measures slowly (it holds until thread 2 has asked); thread 2 asks for the same
    // zone meanwhile: it must get thread 1's value, and the zone is measured once.
    gg::GroundAreaCache cache;
    const std::vector<unsigned char> wkb = {7, 7, 7};
    std::atomic<int> calls{0};
    std::atomic<bool> started{false};
    std::optional<double> first, second;
    std::thread one([&] {
        first = cache.area(wkb, "EPSG:32647", [&]() -> std::optional<double> {
            ++calls;
            started = true;
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            return 123.5;
        });
    });
    while (!started) std::this_thread::yield();
    std::thread two([&] {
        second = cache.area(wkb, "EPSG:32647", [&]() -> std::optional<double> {
            ++calls;
            return 999;
        });
    });
    one.join();
    two.join();
    EXPECT_EQ(calls, 1);
    EXPECT_EQ(first, 123.5);
    EXPECT_EQ(second, 123.5);
    EXPECT_EQ(cache.stats().misses, 1);
    EXPECT_EQ(cache.stats().hits, 1);
}

TEST(GroundAreaCache, AFailedMeasurementIsTriedAgainLater) {
    gg::GroundAreaCache cache;
    const std::vector<unsigned char> wkb = {9};
    EXPECT_THROW(cache.area(wkb, "EPSG:4326",
                            []() -> std::optional<double> { throw std::runtime_error("PROJ"); }),
                 std::runtime_error);
    EXPECT_EQ(cache.area(wkb, "EPSG:4326", [] { return std::optional<double>(5); }), 5);
    EXPECT_EQ(cache.area(wkb, "EPSG:4326", [] { return std::optional<double>(6); }), 5);
}

}  // namespace
