#pragma once
// Text of attribute tables that may not be UTF-8: shapefiles written without a .cpg (code page)
// by older software hold their names in the writer's legacy encoding, TIS-620 / Windows-874 in
// Thai offices, Latin-1 / Windows-1252 in Brazil and Europe. Written out unchanged they make
// CSVs that are not UTF-8.
#include <string>
#include <string_view>
#include <vector>

namespace gg {

bool is_valid_utf8(std::string_view text);

// For texts that are not all UTF-8: the legacy encoding they most likely use, as an iconv name.
// Thai script in TIS-620 is made of bytes 0xA1-0xFB in runs (a word is all of them); Latin
// letters with accents are single bytes 0xC0-0xFF between ASCII letters. So: "CP874" when most
// bytes of the words that hold any byte above 0x7F are above 0x7F, else "CP1252" (which reads
// Latin-1 text the same and also has the quotes and dashes Windows writes).
std::string guess_legacy_encoding(const std::vector<std::string>& texts);

}  // namespace gg
