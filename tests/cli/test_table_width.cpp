// Terminal tables line up by display width, not by bytes or code points: Thai vowel and tone
// marks above or below a consonant take no column, nor do the combining accents of decomposed
// Portuguese; a name cut to its column keeps its marks with their consonant.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "support/grid_city.hpp"

namespace gg::test {
namespace {

// Code points of UTF-8 text.
std::vector<char32_t> code_points(const std::string& s) {
    std::vector<char32_t> out;
    for (size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        const int n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        char32_t cp = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
        for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.push_back(cp);
        i += static_cast<size_t>(n);
    }
    return out;
}

// Marks that combine with the character before them: Thai above/below vowels and tone marks
// (Unicode Mn in the Thai block) and the combining diacritics U+0300-U+036F.
bool combining(char32_t cp) {
    return (cp >= 0x0300 && cp <= 0x036F) || cp == 0x0E31 || (cp >= 0x0E34 && cp <= 0x0E3A) ||
           (cp >= 0x0E47 && cp <= 0x0E4E);
}

int width(const std::string& s) {
    int w = 0;
    for (char32_t cp : code_points(s)) w += combining(cp) ? 0 : 1;
    return w;
}

// The lines of the table whose title starts with `title`, up to the next blank line.
std::vector<std::string> table(const std::string& out, const std::string& title) {
    std::istringstream in(out);
    std::vector<std::string> lines;
    std::string line;
    bool inside = false;
    while (std::getline(in, line)) {
        if (!inside) {
            inside = line.rfind(title, 0) == 0;
            continue;
        }
        if (line.empty()) break;
        lines.push_back(line);
    }
    return lines;
}

const std::vector<std::string> kNames = {
    "เทศบาลเมืองคอหงส์",             // Kho Hong: sara ue (above) and thanthakhat (above)
    "เทศบาลนครหาดใหญ่",             // Hat Yai: mai ek (tone mark, above)
    "São João",                    // Portuguese, precomposed (NFC)
    "Conc\u0065ic\u0327a\u0303o",  // "Conceição" decomposed (NFD): cedilla and tilde combine
    "เทศบาลนครนครศรีธรรมราช เขตเมืองเก่าริมน้ำ",  // longer than the name column: cut
    "Olinda"};

TEST(TableWidth, ThaiAndPortugueseNamesLineUp) {
    ASSERT_EQ(width("เทศบาลเมืองคอหงส์"), 15);  // 17 code points, 2 of them marks
    ASSERT_EQ(width(kNames[3]), 9);
    TempDir dir;
    GridCity c;
    c.zones_x = static_cast<int>(kNames.size());
    c.name = [](int k) { return kNames[static_cast<size_t>(k)]; };
    const auto r = run_greengauge({"assess", write_grid_city(dir.path(), c), "-o", dir.file("o")});
    ASSERT_EQ(r.exit_code, 0) << r.err;

    // Green cover: name 28, then 5, 10, 7, 10, 10, 9 columns, each after one space.
    const auto green = table(r.out, "Green cover");
    ASSERT_EQ(green.size(), kNames.size() + 3) << r.out;  // header, rows, rule, TOTAL
    for (const auto& line : green) {
        if (line[0] == '-') continue;  // the rule above TOTAL
        EXPECT_EQ(width(line), 28 + 5 + 10 + 7 + 10 + 10 + 9 + 6) << line;
    }
    for (const auto& name : kNames) {
        if (width(name) > 28) continue;
        bool found = false;
        for (const auto& line : green) found = found || line.rfind(name + " ", 0) == 0;
        EXPECT_TRUE(found) << name << "\n" << r.out;
    }
    // The long name is cut to the 28 columns, never between a consonant and its marks: the cut
    // text is a start of the name, and what follows it is not a mark.
    const std::string& longest = kNames[4];
    std::string cut;
    for (const auto& line : green)
        if (line.rfind("เทศบาลนครนครศรี", 0) == 0) cut = line.substr(0, line.find("  "));
    ASSERT_FALSE(cut.empty()) << r.out;
    while (!cut.empty() && cut.back() == ' ') cut.pop_back();
    ASSERT_EQ(longest.rfind(cut, 0), 0u) << cut;
    EXPECT_GE(width(cut), 27);
    EXPECT_LE(width(cut), 28);
    EXPECT_FALSE(combining(code_points(longest.substr(cut.size())).front())) << cut;

    // Scores per zone: zone 20, name 24, one score column of 12.
    const auto scores = table(r.out, "Scores 0-100 per zone");
    ASSERT_EQ(scores.size(), kNames.size() + 1) << r.out;
    for (const auto& line : scores) EXPECT_EQ(width(line), 20 + 1 + 24 + 1 + 12) << line;
}

}  // namespace
}  // namespace gg::test
