// Unit tests of gg::ZoneAccumulator. Every expected value is worked out by hand in the comment next
// to it; "weight" is the coverage fraction c.
#include "core/accumulator.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

namespace {

using gg::ZoneAccumulator;

constexpr double kTol = 1e-12;

struct Pixel {
    double x;
    double c;
};

ZoneAccumulator fed(const std::vector<Pixel>& pixels, bool keep = true, double pixel_area = 1) {
    ZoneAccumulator acc(keep);
    for (const auto& p : pixels) acc.add(p.x, p.c, pixel_area);
    return acc;
}

TEST(ZoneAccumulator, EmptyHasNoValues) {
    const ZoneAccumulator acc(true);
    EXPECT_FALSE(acc.has_values());
    EXPECT_EQ(acc.count(), 0.0);
    EXPECT_EQ(acc.sum(), 0.0);
    EXPECT_FALSE(acc.mean());
    EXPECT_FALSE(acc.min());
    EXPECT_FALSE(acc.max());
    EXPECT_FALSE(acc.stddev());
    EXPECT_FALSE(acc.median());
    EXPECT_FALSE(acc.quantile(0.9));
    EXPECT_FALSE(acc.majority());
    EXPECT_FALSE(acc.minority());
    EXPECT_FALSE(acc.fraction(1));
    EXPECT_TRUE(acc.classes().empty());
    EXPECT_EQ(acc.area_m2(), 0.0);
    EXPECT_FALSE(acc.valid_share());  // covers no pixel: 0 / 0 is undefined
}

TEST(ZoneAccumulator, InvalidOnlyHasAreaButNoValues) {
    ZoneAccumulator acc;
    acc.add_invalid(1.0, 100);
    acc.add_invalid(0.5, 100);
    EXPECT_FALSE(acc.has_values());
    EXPECT_EQ(acc.count(), 0.0);
    EXPECT_FALSE(acc.mean());
    EXPECT_FALSE(acc.stddev());
    EXPECT_DOUBLE_EQ(acc.area_m2(), 150.0);  // 1*100 + 0.5*100
    EXPECT_EQ(acc.valid_area_m2(), 0.0);
    ASSERT_TRUE(acc.valid_share());
    EXPECT_EQ(*acc.valid_share(), 0.0);  // 0 / 150
}

TEST(ZoneAccumulator, WeightedMeanAndStddevByHand) {
    // Weights 0.5, 1, 1; values 2, 4, 6; pixel area 10 m2.
    const auto acc = fed({{2, 0.5}, {4, 1}, {6, 1}}, false, 10);
    EXPECT_DOUBLE_EQ(acc.count(), 2.5);   // 0.5 + 1 + 1
    EXPECT_DOUBLE_EQ(acc.sum(), 11.0);    // 1 + 4 + 6
    EXPECT_NEAR(*acc.mean(), 4.4, kTol);  // 11 / 2.5
    // sum c (x - 4.4)^2 = 0.5*2.4^2 + 1*0.4^2 + 1*1.6^2 = 2.88 + 0.16 + 2.56 = 5.6;
    // population variance = 5.6 / 2.5 = 2.24.
    EXPECT_NEAR(*acc.stddev(), std::sqrt(2.24), kTol);
    EXPECT_DOUBLE_EQ(acc.area_m2(), 25.0);             // 10 * 2.5
    EXPECT_DOUBLE_EQ(acc.valid_area_m2(), 25.0);       // all valid
    EXPECT_DOUBLE_EQ(acc.area_weighted_sum(), 110.0);  // 10 * 11
    EXPECT_DOUBLE_EQ(*acc.valid_share(), 1.0);
}

TEST(ZoneAccumulator, StddevOfConstantValuesIsExactlyZero) {
    // Equal values: every deviation from the running mean is 0, so m2 stays 0 (a naive
    // sum-of-squares formula would lose this to cancellation at 1e9).
    const auto acc = fed({{1e9 + 0.1, 0.3}, {1e9 + 0.1, 0.7}, {1e9 + 0.1, 1}}, false);
    EXPECT_EQ(*acc.stddev(), 0.0);
}

TEST(ZoneAccumulator, MinMaxIgnoreWeight) {
    // 10 covers only 1 % of its pixel, 5 the whole pixel: both still count for min/max.
    const auto acc = fed({{10, 0.01}, {5, 1}, {7, 0.5}}, false);
    EXPECT_EQ(*acc.min(), 5.0);
    EXPECT_EQ(*acc.max(), 10.0);
}

TEST(ZoneAccumulator, ZeroCoverageIsIgnored) {
    ZoneAccumulator acc(true);
    acc.add(100, 0, 1);
    acc.add_invalid(0, 1);
    EXPECT_FALSE(acc.has_values());
    EXPECT_EQ(acc.area_m2(), 0.0);
    acc.add(5, 1, 1);  // one real pixel afterwards: the c = 0 pixel left no trace
    EXPECT_EQ(*acc.max(), 5.0);
    EXPECT_EQ(*acc.mean(), 5.0);
    EXPECT_EQ(*acc.stddev(), 0.0);
    EXPECT_EQ(acc.classes(), std::vector<double>{5});
}

TEST(ZoneAccumulator, NanValueCountsAsInvalid) {
    ZoneAccumulator acc(true);
    acc.add(std::numeric_limits<double>::quiet_NaN(), 1, 10);
    acc.add(3, 1, 10);
    EXPECT_EQ(acc.count(), 1.0);
    EXPECT_EQ(*acc.mean(), 3.0);
    EXPECT_DOUBLE_EQ(*acc.valid_share(), 0.5);  // 10 valid m2 of 20
    EXPECT_EQ(acc.classes(), std::vector<double>{3});
}

TEST(ZoneAccumulator, MergeOfHalvesMatchesHandValues) {
    // The pixels of WeightedMeanAndStddevByHand split in two: the merge must give the same
    // mean 4.4 and stddev sqrt(2.24).
    auto a = fed({{2, 0.5}, {4, 1}}, true, 10);
    const auto b = fed({{6, 1}}, true, 10);
    a.merge(b);
    EXPECT_DOUBLE_EQ(a.count(), 2.5);
    EXPECT_NEAR(*a.mean(), 4.4, kTol);
    EXPECT_NEAR(*a.stddev(), std::sqrt(2.24), kTol);
    EXPECT_EQ(*a.min(), 2.0);
    EXPECT_EQ(*a.max(), 6.0);
    EXPECT_DOUBLE_EQ(a.area_weighted_sum(), 110.0);
    // Cumulative weights 0.5, 1.5, 2.5; median target 1.25 is first reached at 4.
    EXPECT_EQ(*a.median(), 4.0);
}

void expect_same(const ZoneAccumulator& a, const ZoneAccumulator& b) {
    const auto near = [](double x, double y) {
        EXPECT_NEAR(x, y, kTol * std::max(1.0, std::abs(y)));
    };
    EXPECT_EQ(a.has_values(), b.has_values());
    near(a.count(), b.count());
    near(a.sum(), b.sum());
    near(*a.mean(), *b.mean());
    near(*a.stddev(), *b.stddev());
    EXPECT_EQ(*a.min(), *b.min());
    EXPECT_EQ(*a.max(), *b.max());
    near(a.area_m2(), b.area_m2());
    near(a.valid_area_m2(), b.valid_area_m2());
    near(a.area_weighted_sum(), b.area_weighted_sum());
    EXPECT_EQ(a.classes(), b.classes());
    for (double q : {0.0, 0.1, 0.5, 0.9, 1.0}) EXPECT_EQ(*a.quantile(q), *b.quantile(q)) << q;
    EXPECT_EQ(*a.majority(), *b.majority());
    EXPECT_EQ(*a.minority(), *b.minority());
}

TEST(ZoneAccumulator, MergeEqualsOneAccumulatorFedEverything) {
    // 200 deterministic pixels with varied values, coverages and some nodata, split at several
    // points; the merge of the two parts must equal one accumulator fed all pixels (to 1e-12),
    // which is what the Chan et al. combination guarantees up to rounding.
    struct Sample {
        double x, c;
        bool valid;
    };
    std::vector<Sample> samples;
    for (int i = 0; i < 200; ++i) {
        samples.push_back(
            {((i * 37) % 101) / 7.0 + 1000.0, ((i * 13) % 10 + 1) / 10.0, i % 9 != 0});
    }
    const auto feed = [&](ZoneAccumulator& acc, std::size_t from, std::size_t to) {
        for (std::size_t i = from; i < to; ++i) {
            if (samples[i].valid) {
                acc.add(samples[i].x, samples[i].c, 30.0);
            } else {
                acc.add_invalid(samples[i].c, 30.0);
            }
        }
    };
    ZoneAccumulator whole(true);
    feed(whole, 0, samples.size());
    for (std::size_t split : {1, 50, 100, 173}) {
        ZoneAccumulator left(true);
        ZoneAccumulator right(true);
        feed(left, 0, split);
        feed(right, split, samples.size());
        left.merge(right);
        SCOPED_TRACE(split);
        expect_same(left, whole);
    }
}

TEST(ZoneAccumulator, MergeWithEmptyAndInvalidOnly) {
    const auto a = fed({{2, 0.5}, {4, 1}, {6, 1}}, true, 10);
    ZoneAccumulator empty(true);
    empty.merge(a);  // empty + a = a
    expect_same(empty, a);

    auto b = a;
    b.merge(ZoneAccumulator(true));  // a + empty = a
    expect_same(b, a);

    ZoneAccumulator invalid(true);
    invalid.add_invalid(1, 10);
    b.merge(invalid);                     // adds 10 m2 of area, no values
    EXPECT_DOUBLE_EQ(b.area_m2(), 35.0);  // 25 + 10
    EXPECT_DOUBLE_EQ(*b.valid_share(), 25.0 / 35.0);
    EXPECT_NEAR(*b.stddev(), std::sqrt(2.24), kTol);
}

TEST(ZoneAccumulator, MergeWithoutDistributionIntoOneWithIsRejected) {
    ZoneAccumulator with(true);
    const auto without = fed({{1, 1}}, false);
    EXPECT_THROW(with.merge(without), std::logic_error);
}

TEST(ZoneAccumulator, MedianOfEvenEqualWeightsAveragesTheMiddle) {
    // {1,2,3,4} weight 1: median target 0.5*4 = 2 is hit exactly after 2 -> (2+3)/2 = 2.5.
    EXPECT_EQ(*fed({{1, 1}, {2, 1}, {3, 1}, {4, 1}}).median(), 2.5);
    // {1,2,3}: target 1.5, cumulative 1, 2 -> first reached at 2.
    EXPECT_EQ(*fed({{3, 1}, {1, 1}, {2, 1}}).median(), 2.0);
    // Two values of weight 0.5: target 0.5 hit exactly after 1 -> (1+5)/2 = 3.
    EXPECT_EQ(*fed({{1, 0.5}, {5, 0.5}}).median(), 3.0);
}

TEST(ZoneAccumulator, ExactTieSurvivesRoundingOfFractionalWeights) {
    // 1..10, weight 0.1 each: in doubles the total is 0.9999999999999999 and the target
    // 0.49999999999999994, while the cumulative weight after 5 is 0.5; within the 1e-12 relative
    // tolerance that is the exact tie, so the median is (5+6)/2 = 5.5 (not 5).
    std::vector<Pixel> pixels;
    for (int v = 1; v <= 10; ++v) pixels.push_back({double(v), 0.1});
    EXPECT_EQ(*fed(pixels).median(), 5.5);
}

TEST(ZoneAccumulator, WeightedMedianFollowsTheHeavyValue) {
    // 1 and 2 cover 0.1 each, 50 a whole pixel: total 1.2, target 0.6; cumulative 0.1, 0.2, 1.2
    // -> median 50 (an unweighted median of three values would be 2).
    EXPECT_EQ(*fed({{1, 0.1}, {2, 0.1}, {50, 1}}).median(), 50.0);
    // 1 weight 0.25, 5 weight 0.75: target 0.5, cumulative 0.25, 1.0 -> 5 (no averaging).
    EXPECT_EQ(*fed({{1, 0.25}, {5, 0.75}}).median(), 5.0);
}

TEST(ZoneAccumulator, QuantileEndsAndInside) {
    // 3 weight 0.2, 7 weight 1, 9 weight 0.4: total 1.6, cumulative 0.2, 1.2, 1.6.
    const auto acc = fed({{7, 1}, {3, 0.2}, {9, 0.4}});
    EXPECT_EQ(*acc.quantile(0), 3.0);      // target 0: first value (0.2 > 0) = min
    EXPECT_EQ(*acc.quantile(1), 9.0);      // target 1.6 hit after the last value, no next = max
    EXPECT_EQ(*acc.quantile(0.25), 7.0);   // target 0.4: 0.2 < 0.4 <= 1.2
    EXPECT_EQ(*acc.quantile(0.125), 5.0);  // target 0.2 hit exactly after 3 -> (3+7)/2
    EXPECT_EQ(*acc.quantile(0.75), 8.0);   // target 1.2 hit exactly after 7 -> (7+9)/2 = 8
}

TEST(ZoneAccumulator, QuantileArgumentChecks) {
    const auto acc = fed({{1, 1}});
    EXPECT_THROW(acc.quantile(-0.01), std::invalid_argument);
    EXPECT_THROW(acc.quantile(1.01), std::invalid_argument);
    EXPECT_THROW(acc.quantile(std::nan("")), std::invalid_argument);
    const auto plain = fed({{1, 1}}, false);  // built without distribution
    EXPECT_FALSE(plain.keeps_distribution());
    EXPECT_THROW(plain.quantile(0.5), std::logic_error);
    EXPECT_THROW(plain.majority(), std::logic_error);
    EXPECT_THROW(plain.classes(), std::logic_error);
}

TEST(ZoneAccumulator, MajorityAndMinority) {
    // Totals 10: 0.3, 20: 0.9, 30: 0.5 -> majority 20, minority 10.
    const auto acc = fed({{30, 0.5}, {10, 0.3}, {20, 0.4}, {20, 0.5}});
    EXPECT_EQ(*acc.majority(), 20.0);
    EXPECT_EQ(*acc.minority(), 10.0);
}

TEST(ZoneAccumulator, MajorityAndMinorityTiesPickTheSmallerValue) {
    // Totals 1: 1, 2: 2, 3: 2, 4: 1 -> majority tie 2/3 -> 2, minority tie 1/4 -> 1.
    const auto acc = fed({{4, 1}, {3, 2}, {2, 2}, {1, 1}});
    EXPECT_EQ(*acc.majority(), 2.0);
    EXPECT_EQ(*acc.minority(), 1.0);
    // Value 1 totals 0.3; value 2 totals 0.1 + 0.2 = 0.30000000000000004 in doubles: a tie within
    // the tolerance, so both majority and minority are the smaller value 1.
    const auto rounded = fed({{1, 0.3}, {2, 0.1}, {2, 0.2}});
    EXPECT_EQ(*rounded.majority(), 1.0);
    EXPECT_EQ(*rounded.minority(), 1.0);
}

TEST(ZoneAccumulator, FractionOfAClass) {
    // Totals 1: 1, 2: 2, 3: 2, 4: 1; count 6.
    const auto acc = fed({{1, 1}, {2, 1}, {2, 1}, {3, 2}, {4, 1}});
    EXPECT_DOUBLE_EQ(*acc.fraction(2), 2.0 / 6.0);
    EXPECT_DOUBLE_EQ(*acc.fraction(4), 1.0 / 6.0);
    EXPECT_EQ(*acc.fraction(5), 0.0);  // absent class
    double total = 0;
    for (double v : acc.classes()) total += *acc.fraction(v);
    EXPECT_NEAR(total, 1.0, kTol);  // 1/6 + 2/6 + 2/6 + 1/6
}

TEST(ZoneAccumulator, ClassesAreDistinctAndAscending) {
    const auto acc = fed({{30, 1}, {10, 0.5}, {20, 1}, {10, 0.2}});
    EXPECT_EQ(acc.classes(), (std::vector<double>{10, 20, 30}));
}

TEST(ZoneAccumulator, ValidShareMixesValidAndNodataArea) {
    ZoneAccumulator acc;
    acc.add(1, 1, 100);         // 100 m2 valid
    acc.add(2, 0.5, 100);       // 50 m2 valid
    acc.add_invalid(0.5, 100);  // 50 m2 nodata
    EXPECT_DOUBLE_EQ(acc.area_m2(), 200.0);
    EXPECT_DOUBLE_EQ(acc.valid_area_m2(), 150.0);
    EXPECT_DOUBLE_EQ(*acc.valid_share(), 0.75);  // 150 / 200
}

}  // namespace

namespace {

// Every statistic, as bits to compare with EXPECT_EQ.
std::vector<double> all_statistics(const ZoneAccumulator& a) {
    std::vector<double> s = {a.area_m2(), a.valid_area_m2(), a.area_weighted_sum(), a.count(),
                             a.sum()};
    for (const auto& v : {a.mean(), a.min(), a.max(), a.stddev(), a.median(), a.quantile(0.9),
                          a.majority(), a.fraction(3)})
        s.push_back(v.value_or(-1e300));
    return s;
}

TEST(ZoneAccumulator, RunsInAnyOrderAndGroupingGiveTheSameBits) {
    // 600 pixels cut into runs of random lengths; the runs then go to accumulators in a shuffled
    // order and random groups merged in a random order. What a window size or a thread changes is
    // which runs meet where: the statistics must not move by a bit. The pixels' order within a run
    // stays fixed (the zonal engine fixes it by the grid).
    std::mt19937_64 gen(20261204);
    const auto unit = [&gen] { return static_cast<double>(gen() >> 11) * 0x1.0p-53; };
    struct P {
        double x, c, a;
        bool valid;
    };
    std::vector<std::vector<P>> runs;
    for (int i = 0; i < 60; ++i) {
        std::vector<P> run(1 + gen() % 19);
        for (P& p : run)
            p = {std::floor(unit() * 7) + unit() * 1e-3, unit(), 900 + unit(), unit() > 0.1};
        runs.push_back(run);
    }
    const auto fill = [](ZoneAccumulator& acc, const std::vector<P>& run) {
        gg::PixelRun open;
        for (const P& p : run) {
            if (p.valid)
                acc.add(p.x, p.c, p.a, open);
            else
                acc.add_invalid(p.c, p.a, open);
        }
        acc.close_run(open);
    };
    ZoneAccumulator reference(true);
    for (const auto& run : runs) fill(reference, run);
    const std::vector<double> expected = all_statistics(reference);
    for (int trial = 0; trial < 10; ++trial) {
        std::shuffle(runs.begin(), runs.end(), gen);
        std::vector<ZoneAccumulator> groups(1 + gen() % 7, ZoneAccumulator(true));
        for (const auto& run : runs) fill(groups[gen() % groups.size()], run);
        std::shuffle(groups.begin(), groups.end(), gen);
        ZoneAccumulator merged(true);
        for (const auto& g : groups) merged.merge(g);
        EXPECT_EQ(all_statistics(merged), expected) << "trial " << trial;
    }
}

TEST(ZoneAccumulator, AConstantOverManyRunsHasNoSpreadAtAll) {
    // 0.1 has no exact double; 1,000 runs of it with weights 0.3: each run's mean is 0.1 (or a
    // neighbour), and the exact between-run term keeps the spread at (nearly) zero, never the
    // sqrt of a negative rounding or a large cancellation.
    ZoneAccumulator acc;
    for (int i = 0; i < 1000; ++i) {
        gg::PixelRun run;
        for (int k = 0; k < 1 + i % 5; ++k) acc.add(0.1, 0.3, 1, run);
        acc.close_run(run);
    }
    EXPECT_LT(*acc.stddev(), 1e-16);
    EXPECT_NEAR(*acc.mean(), 0.1, 1e-16);
}

TEST(ZoneAccumulator, WeightsAreFixedPointAndBounded) {
    EXPECT_THROW(gg::fixed_fraction(65537), std::invalid_argument);
    EXPECT_THROW(gg::fixed_fraction(-0.1), std::invalid_argument);
    EXPECT_EQ(gg::fixed_fraction(65536).value(), 65536);
    // 1 is 2^92 units, 2^-92 one unit, 2^-93 half a unit: ties to even give 0 units.
    EXPECT_EQ(gg::fixed_fraction(1).value(), 1);
    EXPECT_EQ(gg::fixed_fraction(0x1p-92).value(), 0x1p-92);
    EXPECT_EQ(gg::fixed_fraction(0x1p-93).value(), 0);
    gg::FractionSum s = gg::fixed_fraction(0.75);
    s.add(gg::fixed_fraction(0.5));
    EXPECT_EQ(s.value(), 1.25);
}

}  // namespace
