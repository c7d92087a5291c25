// The expression evaluator on any text: the names it finds, compiled over them (as `index
// --expression` and indicators do) and over a fixed list, then evaluated on a few values.
#include <string>
#include <vector>

#include "core/expression.hpp"
#include "fuzz/clean_errors.hpp"
#include "fuzz/targets.hpp"

namespace gg::fuzz {

int expression(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const std::vector<double> values = {0.0, -1.0, 0.5, 1e308, -0.0, 3.0};
    expect_clean([&] {
        const std::vector<std::string> names = expression_names(text);
        CompiledExpression compiled(text, names);
        for (size_t i = 0; i <= values.size(); ++i)
            (void)compiled.evaluate(std::span<const double>(values).subspan(0, i));
    });
    expect_clean([&] {
        (void)evaluate_expression(text, {"nir", "red", "green_share"}, {0.4, 0.1, 0.0});
    });
    return 0;
}

}  // namespace gg::fuzz
