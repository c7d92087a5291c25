// plain_number: every expected text below is written by hand from the value; the property test
// derives the shortest digit count independently with printf's %.*e (not std::to_chars).
#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <random>
#include <string>

#include "core/number_format.hpp"

namespace gg {
namespace {

double read_back(const std::string& text) {
    double v = 0;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
    EXPECT_EQ(r.ptr, text.data() + text.size()) << text;
    return v;
}

// The fewest significant digits that printf needs for `value` to read back exactly.
int shortest_digits(double value) {
    for (int p = 1; p <= 17; ++p) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.*e", p - 1, value);
        if (std::strtod(buf, nullptr) == value) return p;
    }
    return 17;
}

// Significant digits of a plain decimal text: digits without the sign, the point, leading zeros
// and (for an integer written in full) trailing zeros.
int significant_digits(const std::string& text) {
    std::string digits;
    for (char c : text)
        if (c >= '0' && c <= '9') digits += c;
    const auto first = digits.find_first_not_of('0');
    if (first == std::string::npos) return 0;
    digits = digits.substr(first);
    if (text.find('.') == std::string::npos)
        digits.erase(digits.find_last_not_of('0') + 1);  // 4000000 has one significant digit
    return static_cast<int>(digits.size());
}

TEST(PlainNumber, OrdinaryMagnitudesArePlainDecimals) {
    EXPECT_EQ(plain_number(4000000), "4000000");  // an area: never 4e+06
    EXPECT_EQ(plain_number(0.1), "0.1");
    EXPECT_EQ(plain_number(123456789.123), "123456789.123");
    EXPECT_EQ(plain_number(-4000000), "-4000000");
    EXPECT_EQ(plain_number(-0.1), "-0.1");
    EXPECT_EQ(plain_number(-123456789.123), "-123456789.123");
    EXPECT_EQ(plain_number(1.0 / 3.0), "0.3333333333333333");
    EXPECT_EQ(plain_number(2.5), "2.5");
    EXPECT_EQ(plain_number(1e20), "100000000000000000000");  // the last plain power of ten
    EXPECT_EQ(plain_number(0.000001), "0.000001");           // the smallest plain power of ten
    EXPECT_EQ(plain_number(0), "0");
    EXPECT_EQ(plain_number(-0.0), "0");
}

TEST(PlainNumber, TinyAndHugeMagnitudesAreScientific) {
    EXPECT_EQ(plain_number(1e-7), "1e-07");  // below 1e-6: 0.0000001 would be a run of zeros
    EXPECT_EQ(plain_number(-1e-7), "-1e-07");
    EXPECT_EQ(plain_number(1.5e-7), "1.5e-07");
    EXPECT_EQ(plain_number(1e21), "1e+21");
    EXPECT_EQ(plain_number(1e-300), "1e-300");
    EXPECT_EQ(plain_number(5e-324), "5e-324");
    EXPECT_EQ(plain_number(std::numeric_limits<double>::max()), "1.7976931348623157e+308");
    EXPECT_EQ(plain_number(std::numeric_limits<double>::infinity()), "inf");
    EXPECT_EQ(plain_number(-std::numeric_limits<double>::infinity()), "-inf");
}

TEST(PlainNumber, EveryTextReadsBackExactlyAndIsTheShortestPlainForm) {
    std::mt19937_64 random(20240601);
    std::uniform_real_distribution<double> exponent(-6.0, 21.0);
    std::uniform_int_distribution<int> sign(0, 1);
    for (int i = 0; i < 20000; ++i) {
        double v = std::pow(10.0, exponent(random)) * (sign(random) ? -1 : 1);
        if (i % 4 == 0) v = std::round(v);                // whole numbers: areas in m2, populations
        if (i % 4 == 1) v = std::round(v * 1000) / 1000;  // three decimals, as typed
        if (std::abs(v) < 1e-6 || std::abs(v) >= 1e21) continue;
        const std::string text = plain_number(v);
        ASSERT_EQ(text.find_first_of("eE"), std::string::npos) << text;
        ASSERT_EQ(read_back(text), v) << text;
        if (std::abs(v) < 9007199254740992.0) {
            ASSERT_EQ(significant_digits(text), shortest_digits(v)) << text;
        } else {
            // From 2^53 on every double is a whole number, written as its exact value: as many
            // digits as the integer part has (log10), no point, the sign.
            const auto digits = static_cast<size_t>(std::floor(std::log10(std::abs(v)))) + 1;
            ASSERT_EQ(text.size(), digits + (v < 0 ? 1 : 0)) << text;
            ASSERT_EQ(text.find('.'), std::string::npos) << text;
        }
    }
}

}  // namespace
}  // namespace gg
