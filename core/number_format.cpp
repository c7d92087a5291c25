#include "core/number_format.hpp"

#include <charconv>
#include <cmath>

namespace gg {

void append_plain_number(std::string& out, double value) {
    // 1e21 has 22 digits in fixed notation; the sign and a decimal part never reach 350 bytes
    // because below 1e-6 the scientific form is used.
    char buf[400];
    const double magnitude = std::abs(value);
    std::to_chars_result r;
    if (value == 0) {
        out += '0';  // also -0: a person reads "-0" as a different number
        return;
    }
    if (!std::isfinite(value) || magnitude < 1e-6 || magnitude >= 1e21)
        r = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
    else
        r = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed);
    out.append(buf, r.ptr);
}

std::string plain_number(double value) {
    std::string out;
    append_plain_number(out, value);
    return out;
}

}  // namespace gg
