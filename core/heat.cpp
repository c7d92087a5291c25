// Urban heat per zone (core/heat.hpp; docs/methods.md section 7).
#include "core/heat.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "core/lst.hpp"
#include "core/spectral.hpp"

namespace gg {

namespace {
constexpr const char* kNoThermalPixel =
    "no valid thermal pixel in the zone (nodata, fill or masked)";

// The NDVI of pixel p of a window, empty where red or NIR is not valid or both are 0.
std::optional<double> window_ndvi(const ChannelBuffer& red, const ChannelBuffer& nir, size_t p) {
    if (!red.valid[p] || !nir.valid[p]) return std::nullopt;
    return ndvi(red.values[p], nir.values[p]);  // Rouse et al. 1974 (core/spectral.hpp)
}
}  // namespace

const std::vector<std::string>& heat_channel_names() {
    static const std::vector<std::string> names = {
        "lst",           "lst_green",         "lst_nongreen",       "heat_pair_ndvi",
        "heat_pair_lst", "heat_pair_ndvi_sq", "heat_pair_lst_ndvi", "heat_pair_lst_sq"};
    return names;
}

std::optional<double> pixel_lst(double thermal, std::optional<double> ndvi, double red,
                                const HeatParams& params, std::optional<double> land_class) {
    if (params.input == ThermalInput::SurfaceTemperature) return thermal;
    // Single channel (docs/methods.md 7.1): the emissivity by the pixel's class from the table, or
    // from NDVI thresholds.
    if (params.emissivity_table) {
        if (!land_class) return std::nullopt;
        const std::optional<double> e =
            class_emissivity(*params.emissivity_table, *land_class, ndvi, red);
        if (!e) return std::nullopt;
        return single_channel_lst(thermal, params.wavelength_um, *e);
    }
    if (!ndvi) return std::nullopt;
    static const NdviThresholdEmissivity emissivity;
    return single_channel_lst(thermal, params.wavelength_um,
                              ndvi_threshold_emissivity(*ndvi, red, emissivity));
}

void derive_lst(const ChannelBuffer& thermal, const ChannelBuffer& red, const ChannelBuffer& nir,
                const ChannelBuffer* classes, const HeatParams& params, ChannelBuffer& out) {
    if (params.emissivity_table && !classes)
        throw Error("heat: an emissivity table needs the land-cover classes of the pixels");
    const size_t n = thermal.values.size();
    out.values.assign(n, 0.0);
    out.valid.assign(n, 0);
    if (params.input == ThermalInput::SurfaceTemperature) {  // LST already
        for (size_t p = 0; p < n; ++p)
            if (thermal.valid[p]) out.values[p] = thermal.values[p], out.valid[p] = 1;
        return;
    }
    for (size_t p = 0; p < n; ++p) {
        if (!thermal.valid[p]) continue;
        const std::optional<double> ndvi = window_ndvi(red, nir, p);
        const std::optional<double> land_class =
            classes && classes->valid[p] ? std::optional<double>(classes->values[p]) : std::nullopt;
        const auto lst = pixel_lst(thermal.values[p], ndvi, red.values[p], params, land_class);
        if (!lst) continue;
        out.values[p] = *lst;
        out.valid[p] = 1;
    }
}

int64_t lst_window(const ChannelBuffer& thermal, const ChannelBuffer& red, const ChannelBuffer& nir,
                   const ChannelBuffer* classes, const HeatParams& params, bool celsius, float* out,
                   float nodata) {
    ChannelBuffer lst;
    derive_lst(thermal, red, nir, classes, params, lst);
    int64_t count = 0;
    for (size_t p = 0; p < lst.values.size(); ++p) {
        out[p] = nodata;
        if (!lst.valid[p]) continue;
        const double v = celsius ? lst.values[p] - kKelvinAtZeroCelsius : lst.values[p];
        if (!std::isfinite(static_cast<float>(v))) continue;
        out[p] = static_cast<float>(v);
        ++count;
    }
    return count;
}

void derive_heat_channels(const ChannelBuffer& thermal, const ChannelBuffer& red,
                          const ChannelBuffer& nir, const HeatParams& params,
                          std::span<ChannelBuffer> out, const ChannelBuffer* classes) {
    derive_lst(thermal, red, nir, classes, params, out[0]);
    const size_t n = thermal.values.size();
    for (auto& ch : out.subspan(1)) {
        ch.values.assign(n, 0.0);
        ch.valid.assign(n, 0);
    }
    // The other channels need NDVI too: green or not, and the cooling regression's sums.
    for (size_t p = 0; p < n; ++p) {
        if (!out[0].valid[p]) continue;
        const std::optional<double> pixel_ndvi = window_ndvi(red, nir, p);
        if (!pixel_ndvi) continue;
        const double ndvi = *pixel_ndvi;
        const double lst = out[0].values[p];
        const size_t side = ndvi >= params.green_ndvi_threshold ? 1 : 2;
        out[side].values[p] = lst;
        out[side].valid[p] = 1;
        const double y = lst - kHeatShiftK;
        const double v[] = {ndvi, y, ndvi * ndvi, y * ndvi, y * y};
        for (size_t k = 0; k < 5; ++k) {
            out[3 + k].values[p] = v[k];
            out[3 + k].valid[p] = 1;
        }
    }
}

std::optional<LinearFit> weighted_ols(double w, double sx, double sy, double sxx, double sxy,
                                      double syy) {
    if (!(w >= 3)) return std::nullopt;
    const double sxx_c = sxx - sx * sx / w;  // sum of w (x - mean x)^2
    if (!(sxx_c > 1e-12 * std::max(1.0, sxx))) return std::nullopt;
    // Normal equations [w sx; sx sxx] [a; b] = [sy; sxy].
    Eigen::Matrix2d a;
    a << w, sx, sx, sxx;
    const Eigen::Vector2d rhs(sy, sxy);
    const Eigen::Vector2d ab = a.ldlt().solve(rhs);
    LinearFit f;
    f.intercept = ab(0);
    f.slope = ab(1);
    f.n = w;
    const double syy_c = syy - sy * sy / w;
    const double residual = syy - ab(0) * sy - ab(1) * sxy;
    f.r2 = syy_c > 0 ? std::clamp(1.0 - residual / syy_c, 0.0, 1.0) : 1.0;
    return f;
}

HeatZoneMetrics cooling_metrics(const std::vector<ZoneAccumulator>& ch, const HeatParams& params) {
    const std::string no_pixel = kNoThermalPixel;
    HeatZoneMetrics m;
    const double w = ch[3].count();
    if (!ch[0].has_values()) {
        for (HeatValue* v : {&m.cooling_slope_k_per_0_1_ndvi, &m.cooling_r2, &m.cooling_n})
            v->reason = no_pixel;
        return m;
    }
    m.cooling_n.value = w;
    const auto fit =
        w >= params.min_cooling_pixels
            ? weighted_ols(w, ch[3].sum(), ch[4].sum(), ch[5].sum(), ch[6].sum(), ch[7].sum())
            : std::nullopt;
    if (!fit) {
        const std::string reason =
            w < params.min_cooling_pixels
                ? "too few pixels with LST and NDVI for the regression (heat.min_cooling_pixels)"
                : "NDVI does not vary in the zone: no regression";
        m.cooling_slope_k_per_0_1_ndvi.reason = m.cooling_r2.reason = reason;
        return m;
    }
    m.cooling_slope_k_per_0_1_ndvi.value = fit->slope * 0.1;  // K per 0.1 NDVI
    m.cooling_r2.value = fit->r2;
    return m;
}

HeatZoneMetrics heat_zone_metrics(const std::vector<ZoneAccumulator>& ch,
                                  const HeatParams& params) {
    HeatZoneMetrics m;
    const std::string no_pixel = kNoThermalPixel;
    const ZoneAccumulator& lst = ch[0];
    auto put = [](HeatValue& v, std::optional<double> x, const std::string& reason) {
        v.value = x;
        if (!x) v.reason = reason;
    };
    put(m.lst_valid_share, lst.valid_share(), "zone outside the image");
    put(m.lst_mean_k, lst.mean(), no_pixel);
    put(m.lst_p90_k, lst.has_values() ? lst.quantile(0.9) : std::nullopt, no_pixel);
    put(m.lst_max_k, lst.max(), no_pixel);
    if (ch[1].has_values() && ch[2].has_values())
        m.lst_green_minus_nongreen_k.value = *ch[1].mean() - *ch[2].mean();
    else
        m.lst_green_minus_nongreen_k.reason =
            !lst.has_values()     ? no_pixel
            : !ch[1].has_values() ? "no valid green pixel (NDVI >= the green threshold) in the zone"
                                  : "no valid non-green pixel in the zone";
    const HeatZoneMetrics cooling = cooling_metrics(ch, params);
    m.cooling_slope_k_per_0_1_ndvi = cooling.cooling_slope_k_per_0_1_ndvi;
    m.cooling_r2 = cooling.cooling_r2;
    m.cooling_n = cooling.cooling_n;
    return m;
}

}  // namespace gg
