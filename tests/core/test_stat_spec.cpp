// Unit tests of statistic names (gg::parse_stats) and their values (gg::stat_value). Expected
// values are worked out by hand in the comments.
#include "core/stat_spec.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace {

using gg::parse_stats;
using gg::stat_value;
using gg::StatKind;
using gg::StatSpec;
using gg::ZoneAccumulator;

const std::string kValid =
    "count, sum, mean, min, max, stddev, median, quantile_<q>, majority, minority, frac, area_m2, "
    "valid_share";

// The gg::Error message parse_stats throws for text, or "" when it does not throw.
std::string parse_error(const std::string& text) {
    try {
        parse_stats(text);
    } catch (const gg::Error& e) {
        return e.what();
    }
    return "";
}

std::vector<std::string> names(const std::vector<StatSpec>& specs) {
    std::vector<std::string> out;
    for (const auto& s : specs) out.push_back(s.name());
    return out;
}

TEST(StatSpec, ParsesTrimmedListInOrder) {
    const auto specs = parse_stats("  mean, sum ,quantile_90\t");
    ASSERT_EQ(specs.size(), 3u);
    EXPECT_EQ(specs[0].kind, StatKind::Mean);
    EXPECT_EQ(specs[1].kind, StatKind::Sum);
    EXPECT_EQ(specs[2].kind, StatKind::Quantile);
    EXPECT_EQ(specs[2].percent, 90.0);
    EXPECT_EQ(names(specs), (std::vector<std::string>{"mean", "sum", "quantile_90"}));
}

TEST(StatSpec, EveryFixedNameRoundTrips) {
    const std::vector<std::string> all = {"count",    "sum",    "mean",    "min",
                                          "max",      "stddev", "median",  "majority",
                                          "minority", "frac",   "area_m2", "valid_share"};
    for (const auto& n : all) {
        const auto specs = parse_stats(n);
        ASSERT_EQ(specs.size(), 1u) << n;
        EXPECT_EQ(specs[0].name(), n);
    }
    EXPECT_EQ(gg::stat_names_help(), kValid);
}

TEST(StatSpec, QuantilePercentages) {
    const auto specs = parse_stats("quantile_2.5,quantile_0,quantile_100,quantile_-0");
    // "-0" is 0, a duplicate of quantile_0.
    EXPECT_EQ(names(specs),
              (std::vector<std::string>{"quantile_2.5", "quantile_0", "quantile_100"}));
    EXPECT_EQ(specs[0].percent, 2.5);
    EXPECT_EQ(specs[2].percent, 100.0);
}

TEST(StatSpec, DuplicatesRemovedOrderKept) {
    // quantile_90.0 is the same statistic as quantile_90; median and quantile_50 are distinct
    // columns and both stay.
    const auto specs = parse_stats("mean,sum,mean,quantile_90,quantile_90.0,median,quantile_50");
    EXPECT_EQ(names(specs),
              (std::vector<std::string>{"mean", "sum", "quantile_90", "median", "quantile_50"}));
}

TEST(StatSpec, UnknownNameListsValidNames) {
    EXPECT_EQ(parse_error("mean,meen"), "unknown statistic \"meen\" (valid: " + kValid + ")");
    // Case-sensitive: "Mean" is not "mean".
    EXPECT_EQ(parse_error("Mean"), "unknown statistic \"Mean\" (valid: " + kValid + ")");
}

TEST(StatSpec, EmptyListsAndItemsAreRejected) {
    for (const std::string text : {"", "   ", "mean,", "mean,,sum", ",mean"}) {
        const auto message = parse_error(text);
        EXPECT_NE(message.find("valid: count"), std::string::npos) << '"' << text << '"';
    }
}

TEST(StatSpec, QuantileOutOfRangeOrMalformed) {
    for (const std::string bad : {"quantile_101", "quantile_-1", "quantile_100.5"}) {
        const auto message = parse_error(bad);
        EXPECT_NE(message.find('"' + bad + '"'), std::string::npos) << message;
        EXPECT_NE(message.find("between 0 and 100"), std::string::npos) << message;
    }
    for (const std::string bad : {"quantile_", "quantile_abc", "quantile_90x", "quantile_nan",
                                  "quantile_1e1", "quantile_ 9"}) {
        const auto message = parse_error(bad);
        EXPECT_NE(message.find('"' + bad + '"'), std::string::npos) << bad << ": " << message;
    }
}

TEST(StatSpec, NeedsDistribution) {
    for (const auto& s : parse_stats("median,quantile_10,majority,minority,frac")) {
        EXPECT_TRUE(s.needs_distribution()) << s.name();
    }
    for (const auto& s : parse_stats("count,sum,mean,min,max,stddev,area_m2,valid_share")) {
        EXPECT_FALSE(s.needs_distribution()) << s.name();
    }
}

std::optional<double> value(const std::string& stat, const ZoneAccumulator& acc) {
    return stat_value(parse_stats(stat).at(0), acc);
}

TEST(StatSpec, ValuesOfAZoneThatCoversNoPixel) {
    const ZoneAccumulator acc(true);
    for (const std::string s : {"count", "sum", "mean", "min", "max", "stddev", "median",
                                "quantile_90", "majority", "minority", "area_m2", "valid_share"}) {
        EXPECT_FALSE(value(s, acc)) << s;
    }
}

TEST(StatSpec, ValuesOfAZoneWithOnlyNodata) {
    ZoneAccumulator acc(true);
    acc.add_invalid(0.5, 100);
    EXPECT_EQ(value("count", acc), 0.0);  // covers a pixel, no valid value: count is 0
    EXPECT_EQ(value("sum", acc), 0.0);
    EXPECT_EQ(value("area_m2", acc), 50.0);  // 0.5 * 100
    EXPECT_EQ(value("valid_share", acc), 0.0);
    EXPECT_FALSE(value("mean", acc));
    EXPECT_FALSE(value("median", acc));
    EXPECT_FALSE(value("majority", acc));
}

TEST(StatSpec, ValuesOfOneToFour) {
    // Values 1, 2, 3, 4, coverage 1, pixel area 1 m2.
    ZoneAccumulator acc(true);
    for (double v : {1, 2, 3, 4}) acc.add(v, 1, 1);
    EXPECT_EQ(value("count", acc), 4.0);
    EXPECT_EQ(value("sum", acc), 10.0);  // 1+2+3+4
    EXPECT_EQ(value("mean", acc), 2.5);  // 10/4
    EXPECT_EQ(value("min", acc), 1.0);
    EXPECT_EQ(value("max", acc), 4.0);
    // Population variance ((1.5^2 + 0.5^2) * 2) / 4 = 1.25.
    EXPECT_NEAR(*value("stddev", acc), std::sqrt(1.25), 1e-12);
    EXPECT_EQ(value("median", acc), 2.5);        // target 2 hit after 2 -> (2+3)/2
    EXPECT_EQ(value("quantile_25", acc), 1.5);   // 25 % -> q 0.25, target 1 hit after 1 -> (1+2)/2
    EXPECT_EQ(value("quantile_30", acc), 2.0);   // target 1.2: 1 < 1.2 <= 2
    EXPECT_EQ(value("quantile_100", acc), 4.0);  // max
    EXPECT_EQ(value("majority", acc), 1.0);      // all tie at 1 -> smallest
    EXPECT_EQ(value("minority", acc), 1.0);
    EXPECT_EQ(value("area_m2", acc), 4.0);
    EXPECT_EQ(value("valid_share", acc), 1.0);
}

TEST(StatSpec, FracHasNoSingleValue) {
    ZoneAccumulator acc(true);
    acc.add(1, 1, 1);
    EXPECT_THROW(value("frac", acc), std::logic_error);
}

}  // namespace
