// Getis-Ord Gi* and Benjamini-Hochberg (core/getis_ord.hpp; docs/methods.md 7).
#include "core/getis_ord.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

#include "core/error.hpp"
#include "core/exact_sum.hpp"

namespace gg {
namespace {

void check_finite(double x, const char* what) {
    if (!std::isfinite(x))
        throw Error(std::string(what) + ": a valid value is NaN or infinite (" + std::to_string(x) +
                    ")");
}

}  // namespace

namespace {

__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;

// The accumulator's fixed point: 2^-38 of the unit (3.6e-12 K); |x| < 2^10, so a value is below
// 2^48, its square below 2^96, and 2^31 pixels' squares below 2^127.
constexpr int kGlobalBits = 38;
constexpr double kGlobalScale = 0x1p38;
constexpr double kGlobalLimit = 1024;
constexpr int64_t kMaxPixels = int64_t{1} << 31;

// v rounded to the nearest integer, ties to even, for |v| < 2^63: inline (std::llround and
// std::nearbyint are library calls on the x86-64 baseline).
int64_t round_to_int(double v) {
    const auto t = static_cast<int64_t>(v);       // towards zero
    const double f = v - static_cast<double>(t);  // exact
    if (f > 0.5 || (f == 0.5 && (t & 1) != 0)) return t + 1;
    if (f < -0.5 || (f == -0.5 && (t & 1) != 0)) return t - 1;
    return t;
}

// v * 2^shift into `sum` exactly, 32 bits at a time (each piece is exactly a double).
void add_exactly(ExactSum& sum, Int128 v, int shift) {
    const bool negative = v < 0;
    auto u = static_cast<UInt128>(negative ? -v : v);
    for (int piece = 0; u != 0; ++piece, u >>= 32) {
        const double chunk = static_cast<double>(static_cast<uint32_t>(u & 0xffffffffu));
        sum.add(std::ldexp(negative ? -chunk : chunk, shift + 32 * piece));
    }
}

}  // namespace

void GiGlobalAccumulator::add(double x) {
    check_finite(x, "Gi* statistics");
    if (!(std::abs(x) < kGlobalLimit))
        throw Error("Gi* statistics: a value of " + std::to_string(x) +
                    ", beyond the +-1024 the statistic takes (a temperature in kelvin or degrees)");
    min_ = n_ == 0 ? x : std::min(min_, x);
    max_ = n_ == 0 ? x : std::max(max_, x);
    ++n_;
    const Int128 q = round_to_int(x * kGlobalScale);
    sum_ += q;
    squares_ += q * q;
}

void GiGlobalAccumulator::merge(const GiGlobalAccumulator& o) {
    if (o.n_ == 0) return;
    min_ = n_ == 0 ? o.min_ : std::min(min_, o.min_);
    max_ = n_ == 0 ? o.max_ : std::max(max_, o.max_);
    n_ += o.n_;
    sum_ += o.sum_;
    squares_ += o.squares_;
}

GiGlobal GiGlobalAccumulator::result(const char* what) const {
    if (n_ < 2)
        throw Error(std::string(what) +
                    ": Gi* needs at least 2 valid pixels in the raster, it has " +
                    std::to_string(n_));
    if (n_ > kMaxPixels)
        throw Error(std::string(what) + ": Gi* takes at most 2^31 valid pixels, the raster has " +
                    std::to_string(n_));
    // In units of 2^-38: sum q and n^2 S^2 2^76 = n sum q^2 - (sum q)^2, each exact.
    const auto n = static_cast<double>(n_);
    ExactSum sum, n2_var;
    add_exactly(sum, sum_, -kGlobalBits);
    add_exactly(n2_var, squares_, -2 * kGlobalBits);
    ExactSum scaled;
    scaled.add_scaled(n2_var, n);
    for (const double p : sum.parts())
        for (const double q : sum.parts()) scaled.add_product(p, -q);
    const double mean = sum.value() / n;
    const double sd = std::sqrt(std::max(0.0, scaled.value()) / n / n);
    // A constant raster has no hot spot: S = 0 would divide by zero.
    if (!(sd > 1e-12 * std::max(1.0, std::abs(mean))))
        throw Error(std::string(what) + ": the values do not vary over the raster: no Gi* z");
    return {n, mean, sd, min_, max_};
}

namespace {

// The k of gi_star's fixed point: |x - mean| < 2^e (frexp), a band of fewer than 2^b pixels, so
// a step of 2^-k keeps each value below 2^53 (as fine as double's precision at the largest
// deviation, no finer) and a band's sum below 2^62.
int fixed_point_exponent(double max_deviation, int64_t band_pixels) {
    int e = 0, b = 0;
    std::frexp(max_deviation, &e);
    std::frexp(static_cast<double>(band_pixels), &b);
    return std::min(53 - e, 62 - e - b);
}

}  // namespace

void gi_star(const ChannelBuffer& x, int64_t cols, int64_t rows, const Window& inner, GiBand band,
             const GiGlobal& g, ChannelBuffer& out) {
    const auto cells = static_cast<size_t>(cols * rows);
    if (x.values.size() != cells || x.valid.size() != cells || inner.col0 < 0 || inner.row0 < 0 ||
        inner.col_end() > cols || inner.row_end() > rows || band.cols < 0 || band.rows < 0)
        throw Error("internal: gi_star: window and buffer do not match");
    // Summed-area tables, one row and column of zeros in front: s of x - mean in fixed point
    // (unsigned, so a table entry may wrap around 2^64: a band's sum of four entries is still
    // exact, being below 2^62), c of the valid count (exact in double up to 2^53 pixels).
    const double max_deviation = std::max(g.max - g.mean, g.mean - g.min);
    const int k = fixed_point_exponent(max_deviation, (2 * band.cols + 1) * (2 * band.rows + 1));
    const double scale = std::ldexp(1.0, k), unscale = std::ldexp(1.0, -k);  // exact powers of 2
    const int64_t w1 = cols + 1;
    std::vector<uint64_t> s(static_cast<size_t>(w1 * (rows + 1)), 0);
    std::vector<double> c(s.size(), 0.0);
    for (int64_t r = 0; r < rows; ++r) {
        uint64_t row_s = 0;
        double row_c = 0;
        for (int64_t q = 0; q < cols; ++q) {
            const auto p = static_cast<size_t>(r * cols + q);
            if (x.valid[p]) {
                check_finite(x.values[p], "Gi*");
                const double d = x.values[p] - g.mean;
                if (!(std::abs(d) <= max_deviation))
                    throw Error("internal: gi_star: a value outside the raster's range");
                row_s += static_cast<uint64_t>(round_to_int(d * scale));
                row_c += 1;
            }
            const auto at = static_cast<size_t>((r + 1) * w1 + q + 1);
            s[at] = s[at - static_cast<size_t>(w1)] + row_s;
            c[at] = c[at - static_cast<size_t>(w1)] + row_c;
        }
    }
    const auto box = [&](const auto& t, int64_t c0, int64_t r0, int64_t c1, int64_t r1) {
        // [c0, c1) x [r0, r1)
        return t[static_cast<size_t>(r1 * w1 + c1)] - t[static_cast<size_t>(r0 * w1 + c1)] -
               t[static_cast<size_t>(r1 * w1 + c0)] + t[static_cast<size_t>(r0 * w1 + c0)];
    };
    const auto n_out = static_cast<size_t>(inner.size());
    out.values.assign(n_out, 0.0);
    out.valid.assign(n_out, 0);
    for (int64_t r = inner.row0; r < inner.row_end(); ++r) {
        const int64_t r0 = std::max<int64_t>(0, r - band.rows);
        const int64_t r1 = std::min(rows, r + band.rows + 1);
        for (int64_t q = inner.col0; q < inner.col_end(); ++q) {
            if (!x.valid[static_cast<size_t>(r * cols + q)]) continue;
            const int64_t c0 = std::max<int64_t>(0, q - band.cols);
            const int64_t c1 = std::min(cols, q + band.cols + 1);
            const double w = box(c, c0, r0, c1, r1);
            const double den = g.n * w - w * w;
            if (!(den > 0)) continue;
            const auto o = static_cast<size_t>((r - inner.row0) * inner.cols + (q - inner.col0));
            const double sum =
                static_cast<double>(static_cast<int64_t>(box(s, c0, r0, c1, r1))) * unscale;
            out.values[o] = sum / (g.sd * std::sqrt(den / (g.n - 1)));
            out.valid[o] = 1;
        }
    }
}

double two_sided_p(double z) {
    return std::erfc(std::abs(z) / std::sqrt(2.0));
}

AbsZHistogram::AbsZHistogram()
    : bins_(static_cast<size_t>(std::lround(kMaxAbsZ / kBinWidth)) + 1, 0) {}

void AbsZHistogram::add(double z) {
    check_finite(z, "Gi* false discovery rate");
    const double bin = std::floor(std::abs(z) / kBinWidth);
    const size_t last = bins_.size() - 1;
    ++bins_[bin >= static_cast<double>(last) ? last : static_cast<size_t>(bin)];
    ++total_;
}

void AbsZHistogram::merge(const AbsZHistogram& o) {
    for (size_t i = 0; i < bins_.size(); ++i) bins_[i] += o.bins_[i];
    total_ += o.total_;
}

std::optional<double> AbsZHistogram::bh_threshold(double q) const {
    if (total_ == 0) return std::nullopt;
    const auto m = static_cast<double>(total_);
    // From the top down, K = the count of |z| in bins b and above; the last edge where the
    // condition holds going down is the smallest such edge.
    std::optional<double> best;
    uint64_t k = 0;
    for (size_t b = bins_.size(); b-- > 0;) {
        k += bins_[b];
        const double t = static_cast<double>(b) * kBinWidth;
        if (k > 0 && two_sided_p(t) <= q * static_cast<double>(k) / m) best = t;
    }
    return best;
}

}  // namespace gg
