// UTF-8 validity and the guess of a legacy encoding, on bytes written out by hand.
#include <gtest/gtest.h>

#include "core/text_encoding.hpp"

namespace gg {
namespace {

TEST(TextEncoding, Utf8IsToldApartFromOtherBytes) {
    EXPECT_TRUE(is_valid_utf8("plain ASCII"));
    EXPECT_TRUE(is_valid_utf8("S\xC3\xA3o"));                // São: U+00E3 as C3 A3
    EXPECT_TRUE(is_valid_utf8("\xE0\xB9\x80\xE0\xB8\x97"));  // เท: U+0E40 U+0E17
    EXPECT_FALSE(is_valid_utf8("S\xE3o"));                   // São in Latin-1: E3 alone
    EXPECT_FALSE(is_valid_utf8("\xE0\xB8"));                 // a sequence cut off
    EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));                 // overlong "/"
    EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));             // a UTF-16 surrogate
    EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));         // past U+10FFFF
}

TEST(TextEncoding, ThaiRunsAreTis620AndAccentsBetweenLettersAreLatin) {
    // เทศบาล in TIS-620: E0 B7 C8 BA D2 C5, a word of high bytes only.
    EXPECT_EQ(guess_legacy_encoding({"\xE0\xB7\xC8\xBA\xD2\xC5 Z1"}), "CP874");
    // "São Benedito", "Caixa D'Água" in Latin-1: one high byte in a word of 3 and of 6.
    EXPECT_EQ(guess_legacy_encoding({"S\xE3o Benedito", "Caixa D'\xC1gua"}), "CP1252");
}

}  // namespace
}  // namespace gg
