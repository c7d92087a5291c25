// Per-pixel composites over N dates, with values worked out by hand.
#include "core/composite.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>

#include "core/error.hpp"
#include "core/indices.hpp"

namespace gg {
namespace {

// One channel over a window of pixels; a NaN value marks a masked pixel (valid 0).
ChannelBuffer channel(const std::vector<double>& values) {
    ChannelBuffer c;
    for (const double v : values) {
        c.values.push_back(std::isnan(v) ? 0.0 : v);
        c.valid.push_back(std::isnan(v) ? 0 : 1);
    }
    return c;
}

constexpr double X = std::numeric_limits<double>::quiet_NaN();  // masked

TEST(Composite, MedianOfOddAndEvenCounts) {
    EXPECT_EQ(median_of({3, 1, 2}), 2.0);
    EXPECT_EQ(median_of({4, 1, 3, 2}), 2.5);  // even: mean of the two middle values
    EXPECT_EQ(median_of({0.2, 0.6}), 0.4);
    EXPECT_EQ(median_of({7}), 7.0);
    EXPECT_FALSE(median_of({}).has_value());
}

TEST(Composite, ParsesMethodNames) {
    EXPECT_EQ(parse_composite_method("median"), CompositeMethod::Median);
    EXPECT_EQ(parse_composite_method("MEAN"), CompositeMethod::Mean);
    EXPECT_EQ(parse_composite_method("max-ndvi"), CompositeMethod::MaxNdvi);
    EXPECT_EQ(parse_composite_method("max_ndvi"), CompositeMethod::MaxNdvi);
    EXPECT_EQ(composite_method_name(CompositeMethod::MaxNdvi), "max-ndvi");
    try {
        parse_composite_method("mode");
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("unknown composite method 'mode'"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("median, mean, max-ndvi"), std::string::npos);
    }
}

// Three dates, four pixels: pixel 0 valid on all dates, 1 on two, 2 on one, 3 on none.
std::vector<std::vector<ChannelBuffer>> three_dates() {
    return {{channel({0.30, 0.50, X, X})},
            {channel({0.10, X, X, X})},
            {channel({0.20, 0.80, 0.40, X})}};
}

TEST(Composite, MedianSkipsMaskedDates) {
    CompositeOutput out;
    composite(CompositeMethod::Median, three_dates(), {}, out);
    ASSERT_EQ(out.channels.size(), 1u);
    const ChannelBuffer& c = out.channels[0];
    EXPECT_DOUBLE_EQ(c.values[0], 0.20);                           // {0.1, 0.2, 0.3}
    EXPECT_DOUBLE_EQ(c.values[1], 0.65);                           // {0.5, 0.8}: mean of the two
    EXPECT_DOUBLE_EQ(c.values[2], 0.40);                           // one observation
    EXPECT_EQ(c.valid, (std::vector<unsigned char>{1, 1, 1, 0}));  // none: nodata
    EXPECT_EQ(out.count, (std::vector<int>{3, 2, 1, 0}));
    EXPECT_TRUE(out.chosen.empty());
}

TEST(Composite, MeanSkipsMaskedDates) {
    CompositeOutput out;
    composite(CompositeMethod::Mean, three_dates(), {}, out);
    const ChannelBuffer& c = out.channels[0];
    EXPECT_DOUBLE_EQ(c.values[0], 0.2);
    EXPECT_DOUBLE_EQ(c.values[1], 0.65);
    EXPECT_DOUBLE_EQ(c.values[2], 0.4);
    EXPECT_EQ(c.valid[3], 0);
    EXPECT_EQ(out.count, (std::vector<int>{3, 2, 1, 0}));
}

TEST(Composite, MedianOfSeveralChannelsUsesDatesValidInEveryChannel) {
    // Date 1's second channel is masked at pixel 0: date 1 is not an observation there.
    const std::vector<std::vector<ChannelBuffer>> dates = {
        {channel({1}), channel({10})}, {channel({5}), channel({X})}, {channel({3}), channel({30})}};
    CompositeOutput out;
    composite(CompositeMethod::Median, dates, {}, out);
    EXPECT_DOUBLE_EQ(out.channels[0].values[0], 2);   // {1, 3}
    EXPECT_DOUBLE_EQ(out.channels[1].values[0], 20);  // {10, 30}
    EXPECT_EQ(out.count[0], 2);
}

TEST(Composite, MaxNdviTakesEveryChannelFromTheGreenestValidDate) {
    // Channels: red, nir reflectance; NDVI given per date.
    const std::vector<std::vector<ChannelBuffer>> dates = {
        {channel({0.10, 0.10, 0.10}), channel({0.30, 0.30, 0.30})},
        {channel({0.05, 0.05, 0.05}), channel({0.45, 0.45, 0.45})},
        {channel({0.08, 0.08, 0.08}), channel({0.40, 0.40, 0.40})}};
    // Pixel 0: date 1 greenest. Pixel 1: date 1's NDVI masked (cloud) -> date 2. Pixel 2: a tie
    // between dates 0 and 2 -> the earlier one, 0.
    const std::vector<ChannelBuffer> ndvi = {channel({0.5, 0.5, 0.7}), channel({0.8, X, 0.6}),
                                             channel({0.6, 0.6, 0.7})};
    CompositeOutput out;
    composite(CompositeMethod::MaxNdvi, dates, ndvi, out);
    EXPECT_EQ(out.chosen, (std::vector<int>{1, 2, 0}));
    EXPECT_DOUBLE_EQ(out.channels[0].values[0], 0.05);
    EXPECT_DOUBLE_EQ(out.channels[1].values[0], 0.45);
    EXPECT_DOUBLE_EQ(out.channels[0].values[1], 0.08);
    EXPECT_DOUBLE_EQ(out.channels[1].values[2], 0.30);
    EXPECT_EQ(out.count, (std::vector<int>{3, 2, 3}));
}

TEST(Composite, MaxNdviWithoutAnyValidDateIsNodata) {
    const std::vector<std::vector<ChannelBuffer>> dates = {{channel({0.1})}, {channel({X})}};
    const std::vector<ChannelBuffer> ndvi = {channel({X}), channel({0.9})};
    CompositeOutput out;
    composite(CompositeMethod::MaxNdvi, dates, ndvi, out);
    EXPECT_EQ(out.channels[0].valid[0], 0);
    EXPECT_EQ(out.count[0], 0);
    EXPECT_EQ(out.chosen[0], -1);
}

TEST(Composite, InconsistentBuffersAreAProgrammingError) {
    CompositeOutput out;
    EXPECT_THROW(composite(CompositeMethod::Mean, {}, {}, out), std::invalid_argument);
    EXPECT_THROW(composite(CompositeMethod::Mean, {{channel({1, 2})}, {channel({1})}}, {}, out),
                 std::invalid_argument);
    EXPECT_THROW(composite(CompositeMethod::MaxNdvi, {{channel({1})}}, {}, out),
                 std::invalid_argument);
}

TEST(Composite, IndexChannelIsValidWhereEveryRoleIsAndTheIndexIsDefined) {
    ChannelBuffer out;
    spectral_index_channel(SpectralIndex::Ndvi, {"red", "nir"},
                           {channel({0.1, X, 0.0}), channel({0.3, 0.3, 0.0})}, out);
    EXPECT_DOUBLE_EQ(out.values[0], 0.5);
    EXPECT_EQ(out.valid, (std::vector<unsigned char>{1, 0, 0}));  // masked; 0/0
}

}  // namespace
}  // namespace gg
