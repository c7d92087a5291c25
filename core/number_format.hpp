#pragma once
// Numbers as text for tables people read (CSV): exact, and plain.
#include <string>

namespace gg {

// The shortest text that reads back to exactly `value` (std::from_chars, strtod, Excel, pandas),
// in plain decimal notation for ordinary magnitudes: 4000000, 0.1, -123456789.123, 0.000001.
// The rule is ECMAScript's Number-to-String: plain when 1e-6 <= |value| < 1e21 (and for 0),
// the shortest scientific form otherwise (1e-07, 1e-300, 1.7976931348623157e+308), where plain
// notation would be a long run of zeros. Whole numbers from 2^53 on are written as the double's
// exact value (105955700751481968, as long as the shortest digits padded with zeros would be).
// -0 is written 0; NaN and infinities as "nan", "inf", "-inf".
std::string plain_number(double value);

// Appends plain_number(value) to out.
void append_plain_number(std::string& out, double value);

}  // namespace gg
