#pragma once
// The safe evaluator of indicator expressions (muparser: arithmetic, comparisons, min, max, abs,
// sqrt, log, exp and if(cond, a, b); no code execution, no file access). Kept behind this small
// interface so muparser appears in one file.
#include <optional>
#include <string>
#include <vector>

namespace gg {

// The names (variables) an expression uses, sorted. Throws gg::Error "does not parse: <why>"
// (no file or line: the caller knows where the expression is).
std::vector<std::string> expression_names(const std::string& expression);

// Evaluates with names[i] = values[i]; nullopt when the result is not finite (division by zero,
// log of 0, ...). Throws gg::Error when the expression does not parse.
std::optional<double> evaluate_expression(const std::string& expression,
                                          const std::vector<std::string>& names,
                                          const std::vector<double>& values);

}  // namespace gg
