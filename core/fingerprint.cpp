#include "core/fingerprint.hpp"

#include <algorithm>
#include <bit>
#include <cstdio>
#include <cstring>
#include <string>

namespace gg {
namespace {

// SplitMix64's finaliser: every input bit moves about half the output bits.
uint64_t mix(uint64_t x) {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

}  // namespace

void Fingerprinter::add(uint64_t v) {
    a_ = mix(a_ ^ v) * 0x9e3779b97f4a7c15ULL;
    b_ = mix(b_ + v * 0xc2b2ae3d27d4eb4fULL) ^ (b_ >> 17);
}

void Fingerprinter::add(double d) {
    add(std::bit_cast<uint64_t>(d));
}

void Fingerprinter::add(std::string_view bytes) {
    add(static_cast<uint64_t>(bytes.size()));
    for (size_t i = 0; i < bytes.size(); i += 8) {  // 8 bytes at a time, the last word zero-padded
        uint64_t word = 0;
        std::memcpy(&word, bytes.data() + i, std::min<size_t>(8, bytes.size() - i));
        add(word);
    }
}

void Fingerprinter::add_ring(const Ring& r) {
    add(static_cast<uint64_t>(r.size()));
    for (const auto& p : r) {
        add(p.x);
        add(p.y);
    }
}

Fingerprint Fingerprinter::finish() const {
    return {mix(a_), mix(b_)};
}

ShapeFingerprint shape_fingerprint(const MultiPolygon& shape) {
    Fingerprinter f;
    f.add(static_cast<uint64_t>(shape.parts.size()));
    for (const auto& part : shape.parts) {
        f.add_ring(part.exterior);
        f.add(static_cast<uint64_t>(part.holes.size()));
        for (const auto& hole : part.holes) f.add_ring(hole);
    }
    return f.finish();
}

Fingerprint bytes_fingerprint(const unsigned char* data, size_t size) {
    Fingerprinter f;
    f.add(std::string_view(reinterpret_cast<const char*>(data), size));
    return f.finish();
}

std::string fingerprint_hex(const Fingerprint& f) {
    char hex[33];
    std::snprintf(hex, sizeof hex, "%016llx%016llx", static_cast<unsigned long long>(f[0]),
                  static_cast<unsigned long long>(f[1]));
    return hex;
}

}  // namespace gg
