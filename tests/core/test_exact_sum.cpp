// ExactSum: totals checked against sums worked out by hand (powers of two and integers, whose
// exact sums are known), and order independence against shuffles of the same terms.
#include "core/exact_sum.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace gg {
namespace {

TEST(ExactSum, KeepsWhatPlainAdditionLoses) {
    // 1e16 + 1 - 1e16 is 0 in doubles (1e16 + 1 rounds to 1e16); exactly it is 1.
    ExactSum s;
    s.add(1e16);
    s.add(1);
    s.add(-1e16);
    EXPECT_EQ(s.value(), 1);
    // 2^60 + 1 + 1 + ... (1,000 ones) - 2^60 = 1000 exactly.
    ExactSum t;
    t.add(0x1p60);
    for (int i = 0; i < 1000; ++i) t.add(1);
    t.add(-0x1p60);
    EXPECT_EQ(t.value(), 1000);
    EXPECT_TRUE(ExactSum{}.is_zero());
    EXPECT_EQ(ExactSum{}.value(), 0);
}

TEST(ExactSum, RoundsTheExactTotalToNearestWithTiesToEven) {
    // 1 + 2^-53 is half-way between 1 and 1 + 2^-52: ties to even give 1. A further 2^-80 pushes
    // it past half-way: 1 + 2^-52. A further -2^-80 instead keeps it below: 1.
    ExactSum tie;
    tie.add(1);
    tie.add(0x1p-53);
    EXPECT_EQ(tie.value(), 1);
    ExactSum above = tie;
    above.add(0x1p-80);
    EXPECT_EQ(above.value(), 1 + 0x1p-52);
    ExactSum below = tie;
    below.add(-0x1p-80);
    EXPECT_EQ(below.value(), 1);
    // 1 + 2^-52 + 2^-53 is half-way between 1 + 2^-52 (odd) and 1 + 2^-51 (even): 1 + 2^-51.
    ExactSum odd;
    odd.add(1 + 0x1p-52);
    odd.add(0x1p-53);
    EXPECT_EQ(odd.value(), 1 + 0x1p-51);
}

TEST(ExactSum, AnyOrderAndGroupingGivesTheSameBits) {
    // Terms of mixed signs and magnitudes from 1e-8 to 1e8, whose plain sum depends on the order:
    // every shuffle, and every grouping into partial sums added together, gives the same value.
    std::mt19937_64 gen(20261204);
    std::vector<double> terms;
    for (int i = 0; i < 2000; ++i) {
        const double u = static_cast<double>(gen() >> 11) * 0x1.0p-53;
        const double magnitude = std::pow(10.0, -8 + 16 * u);
        terms.push_back((gen() & 1) ? magnitude : -magnitude);
    }
    ExactSum reference;
    for (double t : terms) reference.add(t);
    const double expected = reference.value();
    bool plain_differs = false;
    double plain_first = 0;
    for (double t : terms) plain_first += t;
    for (int trial = 0; trial < 20; ++trial) {
        std::shuffle(terms.begin(), terms.end(), gen);
        double plain = 0;
        for (double t : terms) plain += t;
        plain_differs = plain_differs || plain != plain_first;
        ExactSum whole;
        std::vector<ExactSum> groups(1 + gen() % 17);
        for (double t : terms) {
            whole.add(t);
            groups[gen() % groups.size()].add(t);
        }
        ExactSum grouped;
        for (const ExactSum& g : groups) grouped.add(g);
        EXPECT_EQ(whole.value(), expected) << "trial " << trial;
        EXPECT_EQ(grouped.value(), expected) << "trial " << trial;
    }
    EXPECT_TRUE(plain_differs);  // the case is one where order matters for plain doubles
}

TEST(ExactSum, ProductsAreAddedExactly) {
    // (1 + 2^-30)^2 = 1 + 2^-29 + 2^-60: its double rounds the 2^-60 away; add_product keeps it,
    // so subtracting 1 + 2^-29 leaves 2^-60 exactly.
    const double a = 1 + 0x1p-30;
    ExactSum s;
    s.add_product(a, a);
    s.add(-(1 + 0x1p-29));
    EXPECT_EQ(s.value(), 0x1p-60);
    // add_scaled multiplies every term: (1e16 + 1) * 3 = 30000000000000003, and the exact total
    // minus 3e16 is 3.
    ExactSum t;
    t.add(1e16);
    t.add(1);
    ExactSum u;
    u.add_scaled(t, 3);
    u.add(-3e16);
    EXPECT_EQ(u.value(), 3);
}

TEST(ExactSum, CancellingTermsLeaveNothing) {
    ExactSum s;
    for (double x : {0.1, 0.2, 0.3, 1e-300, 7e20}) s.add(x);
    for (double x : {7e20, 0.3, 1e-300, 0.1, 0.2}) s.add(-x);
    EXPECT_TRUE(s.is_zero());
    EXPECT_EQ(s.value(), 0);
}

}  // namespace
}  // namespace gg
