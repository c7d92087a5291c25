// The land-cover emissivity table reader (core/emissivity_table.hpp) on any text; a table it
// accepts gives, for any class code, no emissivity or one in (0, 1].
#include <cstdlib>
#include <string>

#include "core/emissivity_table.hpp"
#include "fuzz/clean_errors.hpp"
#include "fuzz/targets.hpp"

namespace gg::fuzz {

int emissivity_table(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    expect_clean([&] {
        const EmissivityTable t = parse_emissivity_table(text, "emissivity.csv");
        for (const auto& entry : t.by_class)
            for (const double code : {static_cast<double>(entry.first), entry.first + 0.5})
                for (const double ndvi : {-1.0, 0.1, 0.35, 0.9}) {
                    const auto e = class_emissivity(t, code, ndvi, 0.1);
                    if (e && !(*e > 0 && *e <= 1)) std::abort();  // an emissivity out of (0, 1]
                }
    });
    return 0;
}

}  // namespace gg::fuzz
