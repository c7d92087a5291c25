#include "core/expression.hpp"

#include <muParser.h>

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

std::optional<double> evaluate_expression(const std::string& expression,
                                          const std::vector<std::string>& names,
                                          const std::vector<double>& values) {
    std::vector<double> vars(values);  // muparser binds to addresses: keep them local
    double result = 0;
    try {
        mu::Parser parser;
        parser.DefineFun("if", if_then_else);
        for (std::size_t i = 0; i < names.size() && i < vars.size(); ++i)
            parser.DefineVar(names[i], &vars[i]);
        parser.SetExpr(expression);
        result = parser.Eval();
    } catch (const mu::Parser::exception_type& e) {
        parse_error(e);
    }
    if (!std::isfinite(result)) return std::nullopt;
    return result;
}

}  // namespace gg
