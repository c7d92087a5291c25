// 128-bit content fingerprints (core/fingerprint.hpp): every byte and the length count, pieces fed
// one by one are not their concatenation, and the values are pinned, because a batch names its
// files by them and a re-run with a new build must find the files an older build wrote.
#include "core/fingerprint.hpp"

#include <gtest/gtest.h>

namespace {

TEST(Fingerprint, BytesSeeLengthAndEveryByte) {
    const unsigned char x[] = {0, 0, 0, 0, 0, 0, 0, 0, 0};
    EXPECT_NE(gg::bytes_fingerprint(x, 8), gg::bytes_fingerprint(x, 9));  // zero padding
    EXPECT_NE(gg::bytes_fingerprint(x, 0), gg::bytes_fingerprint(x, 1));
    unsigned char y[9] = {};
    for (int i = 0; i < 9; ++i) {
        y[i] = 1;
        EXPECT_NE(gg::bytes_fingerprint(x, 9), gg::bytes_fingerprint(y, 9)) << i;
        y[i] = 0;
    }
    EXPECT_EQ(gg::bytes_fingerprint(x, 9), gg::bytes_fingerprint(y, 9));
}

TEST(Fingerprint, PiecesAreNotTheirConcatenation) {
    gg::Fingerprinter ab_c, a_bc, abc;
    ab_c.add(std::string_view("ab"));
    ab_c.add(std::string_view("c"));
    a_bc.add(std::string_view("a"));
    a_bc.add(std::string_view("bc"));
    abc.add(std::string_view("abc"));
    EXPECT_NE(ab_c.finish(), a_bc.finish());
    EXPECT_NE(ab_c.finish(), abc.finish());
    // One piece is bytes_fingerprint of it.
    const std::string_view s = "abc";
    EXPECT_EQ(abc.finish(),
              gg::bytes_fingerprint(reinterpret_cast<const unsigned char*>(s.data()), s.size()));
}

TEST(Fingerprint, ValuesArePinned) {
    // Expected from an independent Python transcription of the algorithm (SplitMix64 finaliser,
    // two streams, length then little-endian 8-byte words, the last zero-padded).
    const std::string_view s = "GreenGauge zones";
    EXPECT_EQ(gg::fingerprint_hex(gg::bytes_fingerprint(
                  reinterpret_cast<const unsigned char*>(s.data()), s.size())),
              "2fffd41aa07008e88f666c10a426a8c9");
    EXPECT_EQ(gg::fingerprint_hex(gg::bytes_fingerprint(nullptr, 0)),
              "4a6b5d899dced16e03ccd2eae1cee6d2");
}

}  // namespace
