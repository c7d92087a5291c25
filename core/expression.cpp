#include "core/expression.hpp"

#include <muParser.h>

#include <algorithm>
#include <cmath>
#include <deque>

#include "core/error.hpp"

namespace gg {

namespace {

// muparser has the ternary `c ? a : b`; the documented form is if(c, a, b).
double if_then_else(double cond, double a, double b) {
    return cond != 0 ? a : b;
}

// Gives every unknown name a variable, so that GetUsedVar can list them all.
double* any_variable(const char* /*name*/, void* storage) {
    auto* values = static_cast<std::deque<double>*>(storage);
    values->push_back(1.0);
    return &values->back();  // deque: pointers stay valid as it grows
}

[[noreturn]] void parse_error(const mu::Parser::exception_type& e) {
    throw Error("does not parse: " + e.GetMsg());
}

}  // namespace

std::vector<std::string> expression_names(const std::string& expression) {
    std::deque<double> storage;
    std::vector<std::string> names;
    try {
        mu::Parser parser;  // local: a muparser instance must not be shared between threads
        parser.DefineFun("if", if_then_else);
        parser.SetVarFactory(any_variable, &storage);
        parser.SetExpr(expression);
        for (const auto& [name, ptr] : parser.GetUsedVar()) names.push_back(name);
        parser.Eval();  // catches what building the byte code alone may not
    } catch (const mu::Parser::exception_type& e) {
        parse_error(e);
    }
    return names;
}

struct CompiledExpression::Impl {
    mu::Parser parser;
    std::vector<double> vars;  // the parser holds their addresses: never resized after binding
};

CompiledExpression::CompiledExpression(const std::string& expression,
                                       const std::vector<std::string>& names)
    : impl_(std::make_unique<Impl>()) {
    impl_->vars.assign(names.size(), 0.0);
    try {
        mu::Parser& parser = impl_->parser;
        parser.DefineFun("if", if_then_else);
        for (std::size_t i = 0; i < names.size(); ++i) parser.DefineVar(names[i], &impl_->vars[i]);
        parser.SetExpr(expression);
        parser.Eval();  // parses now, so a bad expression fails here and not at the first pixel
    } catch (const mu::Parser::exception_type& e) {
        parse_error(e);
    }
}

CompiledExpression::CompiledExpression(CompiledExpression&&) noexcept = default;
CompiledExpression& CompiledExpression::operator=(CompiledExpression&&) noexcept = default;
CompiledExpression::~CompiledExpression() = default;

std::optional<double> CompiledExpression::evaluate(std::span<const double> values) {
    std::vector<double>& vars = impl_->vars;
    const std::size_t n = std::min(vars.size(), values.size());
    std::copy_n(values.begin(), n, vars.begin());
    double result = 0;
    try {
        result = impl_->parser.Eval();
    } catch (const mu::Parser::exception_type& e) {
        parse_error(e);
    }
    if (!std::isfinite(result)) return std::nullopt;
    return result;
}

std::optional<double> evaluate_expression(const std::string& expression,
                                          const std::vector<std::string>& names,
                                          const std::vector<double>& values) {
    // Only the names that have a value are defined: using another one is a parse error.
    const std::vector<std::string> defined(
        names.begin(),
        names.begin() + static_cast<std::ptrdiff_t>(std::min(names.size(), values.size())));
    return CompiledExpression(expression, defined).evaluate(values);
}

}  // namespace gg
