#pragma once
// Hot spots by the Getis-Ord Gi* statistic (Getis and Ord 1992, Geogr. Anal. 24:189-206; Ord and
// Getis 1995, Geogr. Anal. 27:286-306; docs/methods.md 7) on a raster window, and the
// Benjamini-Hochberg false discovery rate over all pixels (Benjamini and Hochberg 1995, J. R.
// Stat. Soc. B 57:289-300). Pure: gis/hotspot_source reads the windows.
//
// z_i = (sum_j w_ij x_j - mean W_i) / (S sqrt((n W_i - W_i^2) / (n - 1))), with binary weights
// (w_ij = 1 inside the band, i itself included: Gi*), so sum_j w_ij^2 = W_i = the count of valid
// pixels in the band; n, mean and S (population standard deviation) over every valid pixel of the
// raster. The band is a square of (2 r + 1) pixels a side, clipped at the raster's edge: a square
// makes each neighbourhood sum exact from four entries of a summed-area table, so the cost is the
// same for any r (a circle would need a row-wise sum per row of the band).
#include <cstdint>
#include <optional>
#include <vector>

#include "core/channel.hpp"
#include "core/grid.hpp"

namespace gg {

// The 0.975 quantile of the standard normal (two-sided 95 %), 1.959964 (Abramowitz and Stegun
// 1964, Handbook of Mathematical Functions, ch. 26; tests/core check it with erfc), rounded.
inline constexpr double kGiDefaultZ = 1.96;

// The variable over every valid pixel of the raster: n, mean, S = sqrt(sum (x - mean)^2 / n),
// and its least and largest value (they bound the fixed point of gi_star's sums).
struct GiGlobal {
    double n = 0, mean = 0, sd = 0, min = 0, max = 0;
};

// n and the sums of x and x^2 in fixed point: each x as an integer count of 2^-38 (3.6e-12 of
// its unit, far below any LST's resolution), summed in 128-bit integers, so windows can be added
// in any grouping and give the same bits; the mean and n^2 S^2 = n sum x^2 - (sum x)^2 are formed
// exactly from them before one rounding each (no cancellation at ~300 K either).
class GiGlobalAccumulator {
  public:
    // Throws gg::Error for NaN, Inf or |x| >= 1024 (beyond any surface temperature, K or C).
    void add(double x);
    void merge(const GiGlobalAccumulator& other);
    double count() const { return static_cast<double>(n_); }
    // Throws gg::Error (naming `what`) for fewer than 2 pixels or a constant variable.
    GiGlobal result(const char* what) const;

  private:
    __extension__ typedef __int128 Int128;
    int64_t n_ = 0;
    double min_ = 0, max_ = 0;
    Int128 sum_ = 0, squares_ = 0;
};

// Half widths of the square band in pixels (columns, rows): a pixel's neighbours are those
// within `cols` columns and `rows` rows of it.
struct GiBand {
    int64_t cols = 1, rows = 1;
};

// z over the sub-window `inner` of a buffer of cols x rows values (row-major, with validity),
// inner given in the buffer's coordinates. The buffer is the raster window with a halo of the
// band (cut at the raster's edge): neighbourhoods are clipped to the buffer. Masked values are
// neither centres (no z) nor neighbours; z is also undefined where n W - W^2 <= 0 (the band holds
// every valid pixel of the raster). out: inner.size() values. The band's sums are exact: each
// x - mean is held in fixed point, as an integer count of 2^-k (k the largest exponent that keeps
// a band's sum below 2^62 and a step within double precision of the largest deviation), so z has
// the same bits whatever the window and halo around a pixel. Throws gg::Error for a valid NaN or
// Inf value, a value outside [global.min, global.max] or a buffer of the wrong size.
void gi_star(const ChannelBuffer& x, int64_t cols, int64_t rows, const Window& inner, GiBand band,
             const GiGlobal& global, ChannelBuffer& out);

// Two-sided p-value of a standard normal z: erfc(|z| / sqrt 2).
double two_sided_p(double z);

// The Benjamini-Hochberg critical |z| from a histogram of |z| over every test (pixel) of the
// raster, built in a pass before the zones are measured. Bins are kBinWidth wide up to kMaxAbsZ
// (beyond: the last bin, p < 1e-300 anyway). The threshold is a bin's lower edge t, the smallest
// with p(t) <= q K(t) / m, K(t) the count of |z| in bins at or above t's, m every test: every pixel
// with |z| >= t is one exact BH rejects too (a pixel with |z| = v >= t has rank >= K(t) and
// p(v) <= p(t)), so it is conservative. How close: exact BH may also reject pixels below t; its own
// threshold lies in the bin under t unless the BH condition holds there only within the change of
// p across one bin (about 0.2 % of p near |z| = 2), which is where binning alone decides.
class AbsZHistogram {
  public:
    static constexpr double kBinWidth = 1e-3;
    static constexpr double kMaxAbsZ = 40;
    AbsZHistogram();
    void add(double z);  // throws gg::Error for NaN or Inf
    void merge(const AbsZHistogram& other);
    uint64_t tests() const { return total_; }
    // Empty when BH rejects nothing at level q (then no pixel is significant).
    std::optional<double> bh_threshold(double q) const;

  private:
    std::vector<uint64_t> bins_;
    uint64_t total_ = 0;
};

}  // namespace gg
