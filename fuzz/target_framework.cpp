// The framework loader on any bytes, against the built-in families' metric registry (as the CLI
// installs it).
#include <string>

#include "assess/families.hpp"
#include "core/framework.hpp"
#include "fuzz/clean_errors.hpp"
#include "fuzz/targets.hpp"

namespace gg::fuzz {

int framework(const uint8_t* data, size_t size) {
    static const bool registry = (assess::use_families(assess::builtin_families()), true);
    (void)registry;
    const std::string text(reinterpret_cast<const char*>(data), size);
    expect_clean([&] { (void)parse_framework(text, "fuzz.yaml"); });
    return 0;
}

}  // namespace gg::fuzz
