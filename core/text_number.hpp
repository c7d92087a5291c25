#pragma once
// A decimal number from metadata text ("58.99675180", "2.0000E-05", "-1000", "01", "+3"):
// surrounding blanks ignored, the whole text must be the number, finite values only.
#include <charconv>
#include <cmath>
#include <optional>
#include <string_view>

namespace gg {

inline std::optional<double> parse_finite_number(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return std::nullopt;
    text = text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
    // from_chars does not take a leading plus; "+-1" stays invalid.
    if (text.size() > 1 && text.front() == '+' && text[1] != '-') text.remove_prefix(1);
    double value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
    return value;
}

}  // namespace gg
