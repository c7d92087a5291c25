#pragma once
// The safe evaluator of indicator expressions (muparser: arithmetic, comparisons, min, max, abs,
// sqrt, log, exp and if(cond, a, b); no code execution, no file access). Kept behind this small
// interface so muparser appears in one file.
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace gg {

// The names (variables) an expression uses, sorted. Throws gg::Error "does not parse: <why>"
// (no file or line: the caller knows where the expression is).
std::vector<std::string> expression_names(const std::string& expression);

// An expression parsed once, for evaluating it many times (per pixel): its variables are bound to
// storage inside the object, evaluate() only copies the values in and runs muparser's byte code.
// Not thread-safe (muparser keeps its evaluation stack in the parser): one per thread. Movable,
// not copyable.
class CompiledExpression {
  public:
    // Throws gg::Error "does not parse: <why>" when the expression does not parse or uses a name
    // that is not in `names`.
    CompiledExpression(const std::string& expression, const std::vector<std::string>& names);
    CompiledExpression(CompiledExpression&&) noexcept;
    CompiledExpression& operator=(CompiledExpression&&) noexcept;
    ~CompiledExpression();

    // names[i] = values[i] (values beyond names are ignored; names without a value keep 0);
    // nullopt when the result is not finite (division by zero, log of 0, ...).
    std::optional<double> evaluate(std::span<const double> values);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Evaluates with names[i] = values[i]; nullopt when the result is not finite (division by zero,
// log of 0, ...). Throws gg::Error when the expression does not parse. Parses on every call: for
// many evaluations of one expression use CompiledExpression.
std::optional<double> evaluate_expression(const std::string& expression,
                                          const std::vector<std::string>& names,
                                          const std::vector<double>& values);

}  // namespace gg
