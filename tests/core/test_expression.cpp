// The compiled expression (parsed once, evaluated per pixel) gives exactly what the parse-per-call
// evaluate_expression gives, and fails the same way.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/expression.hpp"

namespace {

using gg::CompiledExpression;
using gg::evaluate_expression;

TEST(CompiledExpression, EqualsParsingOnEveryCall) {
    const std::vector<std::string> names = {"nir", "red", "swir1"};
    const std::vector<std::string> expressions = {
        "(nir - red) / (nir + red)", "2.5 * (nir - red) / (nir + 6 * red - 7.5 * swir1 + 1)",
        "if(nir > red, sqrt(nir), -log(red))", "min(nir, red) + max(red, swir1) * abs(nir - 0.3)",
        "nir > 0.2 && red < 0.1"};
    for (const auto& e : expressions) {
        CompiledExpression compiled(e, names);
        for (double nir = -0.1; nir <= 0.6; nir += 0.05)
            for (double red = 0.01; red <= 0.31; red += 0.06)
                for (double swir1 : {0.0, 0.12, 0.4}) {
                    const std::vector<double> v = {nir, red, swir1};
                    const auto once = compiled.evaluate(v);
                    const auto each = evaluate_expression(e, names, v);
                    ASSERT_EQ(once.has_value(), each.has_value()) << e;
                    if (once) {
                        EXPECT_EQ(*once, *each) << e << " at " << nir << ", " << red;
                    }
                }
    }
}

TEST(CompiledExpression, ValuesMatchTheFormula) {
    CompiledExpression ndvi("(nir - red) / (nir + red)", {"red", "nir"});
    const double red = 0.05, nir = 0.3;
    EXPECT_EQ(*ndvi.evaluate(std::vector<double>{red, nir}), (nir - red) / (nir + red));
    // The last values do not stick: every call binds all of them again.
    EXPECT_EQ(*ndvi.evaluate(std::vector<double>{0.1, 0.1}), 0.0);
}

TEST(CompiledExpression, NotFiniteIsNoValue) {
    CompiledExpression e("(nir - red) / (nir + red)", {"nir", "red"});
    EXPECT_FALSE(e.evaluate(std::vector<double>{0.0, 0.0}).has_value());
    CompiledExpression l("log(nir)", {"nir"});
    EXPECT_FALSE(l.evaluate(std::vector<double>{0.0}).has_value());
    EXPECT_TRUE(l.evaluate(std::vector<double>{1.0}).has_value());
}

TEST(CompiledExpression, BadExpressionFailsAtConstruction) {
    EXPECT_THROW(CompiledExpression("(nir - ", {"nir"}), gg::Error);
    EXPECT_THROW(CompiledExpression("nir - purple", {"nir"}), gg::Error);
    try {
        CompiledExpression("nir +* 2", {"nir"});
        FAIL() << "no error";
    } catch (const gg::Error& e) {
        EXPECT_EQ(std::string(e.what()).rfind("does not parse: ", 0), 0u) << e.what();
    }
    // The per-call function still rejects a name that has no value.
    EXPECT_THROW(evaluate_expression("nir + red", {"nir", "red"}, {1.0}), gg::Error);
}

TEST(CompiledExpression, KeepsWorkingAfterAMove) {
    CompiledExpression a("nir * 2", {"nir"});
    CompiledExpression b = std::move(a);
    EXPECT_EQ(*b.evaluate(std::vector<double>{1.5}), 3.0);
    std::vector<CompiledExpression> many;
    for (int i = 0; i < 20; ++i)
        many.emplace_back("nir + " + std::to_string(i), std::vector<std::string>{"nir"});
    for (int i = 0; i < 20; ++i)
        EXPECT_EQ(*many[static_cast<size_t>(i)].evaluate(std::vector<double>{1.0}), 1.0 + i);
}

}  // namespace
