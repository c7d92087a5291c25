#pragma once
// 128-bit content fingerprints: what the caches (coverage, ground areas) and a batch's file names
// key on. Two inputs with the same fingerprint are taken as the same input (a chance collision is
// about 2^-128 per pair). Not cryptographic: nothing here defends against a crafted collision.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/geometry.hpp"

namespace gg {

using Fingerprint = std::array<uint64_t, 2>;
using ShapeFingerprint = Fingerprint;

// Fed piece by piece, so a large input need not be gathered into one string first.
class Fingerprinter {
  public:
    void add(uint64_t v);
    void add(double d);
    // The length first, so ("ab", "c") and ("a", "bc") differ.
    void add(std::string_view bytes);
    void add_ring(const Ring& r);
    Fingerprint finish() const;

  private:
    // Two independent 64-bit streams (different seeds and multipliers), so the pair is 128 bits.
    uint64_t a_ = 0x243f6a8885a308d3ULL;
    uint64_t b_ = 0x13198a2e03707344ULL;
};

// Over every coordinate's bit pattern and the ring structure.
ShapeFingerprint shape_fingerprint(const MultiPolygon& shape);
// Over a byte string (e.g. a geometry's WKB, a CRS's WKT) and its length.
Fingerprint bytes_fingerprint(const unsigned char* data, size_t size);
// 32 lowercase hex digits, e.g. for a file name.
std::string fingerprint_hex(const Fingerprint& f);

}  // namespace gg
