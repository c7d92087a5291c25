#include "core/text_encoding.hpp"

namespace gg {

bool is_valid_utf8(std::string_view text) {
    size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        size_t extra = 0;
        unsigned min = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            extra = 1, min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2, min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3, min = 0x10000;
        } else {
            return false;
        }
        if (i + extra >= text.size()) return false;  // the sequence is cut off
        unsigned code = c & (0x3F >> extra);
        for (size_t k = 1; k <= extra; ++k) {
            const auto d = static_cast<unsigned char>(text[i + k]);
            if ((d & 0xC0) != 0x80) return false;
            code = (code << 6) | (d & 0x3F);
        }
        // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
        if (code < min || (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF) return false;
        i += extra + 1;
    }
    return true;
}

std::string guess_legacy_encoding(const std::vector<std::string>& texts) {
    size_t high = 0, in_words = 0;
    for (const auto& t : texts) {
        size_t start = 0;
        while (start <= t.size()) {
            size_t end = t.find(' ', start);
            if (end == std::string::npos) end = t.size();
            size_t word_high = 0;
            for (size_t k = start; k < end; ++k)
                if (static_cast<unsigned char>(t[k]) >= 0x80) ++word_high;
            if (word_high > 0) {
                high += word_high;
                in_words += end - start;
            }
            start = end + 1;
        }
    }
    return in_words > 0 && 2 * high > in_words ? "CP874" : "CP1252";
}

}  // namespace gg
