// Getis-Ord Gi* and Benjamini-Hochberg (core/getis_ord.hpp; docs/methods.md 7).
#include "core/getis_ord.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/error.hpp"

namespace gg {
namespace {

void check_finite(double x, const char* what) {
    if (!std::isfinite(x))
        throw Error(std::string(what) + ": a valid value is NaN or infinite (" + std::to_string(x) +
                    ")");
}

}  // namespace

void GiGlobalAccumulator::add(double x) {
    check_finite(x, "Gi* statistics");
    n_ += 1;
    const double d = x - mean_;
    mean_ += d / n_;
    m2_ += d * (x - mean_);
}

void GiGlobalAccumulator::merge(const GiGlobalAccumulator& o) {
    if (o.n_ == 0) return;
    if (n_ == 0) {
        *this = o;
        return;
    }
    const double n = n_ + o.n_, d = o.mean_ - mean_;
    mean_ += d * o.n_ / n;
    m2_ += o.m2_ + d * d * n_ * o.n_ / n;
    n_ = n;
}

GiGlobal GiGlobalAccumulator::result(const char* what) const {
    if (n_ < 2)
        throw Error(std::string(what) +
                    ": Gi* needs at least 2 valid pixels in the raster, it has " +
                    std::to_string(static_cast<int64_t>(n_)));
    const double sd = std::sqrt(m2_ / n_);
    // A constant raster has no hot spot: S = 0 would divide by zero.
    if (!(sd > 1e-12 * std::max(1.0, std::abs(mean_))))
        throw Error(std::string(what) + ": the values do not vary over the raster: no Gi* z");
    return {n_, mean_, sd};
}

void gi_star(const ChannelBuffer& x, int64_t cols, int64_t rows, const Window& inner, GiBand band,
             const GiGlobal& g, ChannelBuffer& out) {
    const auto cells = static_cast<size_t>(cols * rows);
    if (x.values.size() != cells || x.valid.size() != cells || inner.col0 < 0 || inner.row0 < 0 ||
        inner.col_end() > cols || inner.row_end() > rows || band.cols < 0 || band.rows < 0)
        throw Error("internal: gi_star: window and buffer do not match");
    // Summed-area tables, one row and column of zeros in front: s of x - mean (centred, so the
    // sums stay of the size of the deviations and a box sum loses no digits to the mean), c of
    // the valid count (exact in double up to 2^53 pixels).
    const int64_t w1 = cols + 1;
    std::vector<double> s(static_cast<size_t>(w1 * (rows + 1)), 0.0);
    std::vector<double> c(s.size(), 0.0);
    for (int64_t r = 0; r < rows; ++r) {
        double row_s = 0, row_c = 0;
        for (int64_t q = 0; q < cols; ++q) {
            const auto p = static_cast<size_t>(r * cols + q);
            if (x.valid[p]) {
                check_finite(x.values[p], "Gi*");
                row_s += x.values[p] - g.mean;
                row_c += 1;
            }
            const auto at = static_cast<size_t>((r + 1) * w1 + q + 1);
            s[at] = s[at - static_cast<size_t>(w1)] + row_s;
            c[at] = c[at - static_cast<size_t>(w1)] + row_c;
        }
    }
    const auto box = [&](const std::vector<double>& t, int64_t c0, int64_t r0, int64_t c1,
                         int64_t r1) {  // [c0, c1) x [r0, r1)
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
            out.values[o] = box(s, c0, r0, c1, r1) / (g.sd * std::sqrt(den / (g.n - 1)));
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
