// Urban heat per zone (core/heat.hpp, docs/methods.md 7): the weighted OLS against the closed
// form computed here in a plain loop (slope = sum w (x - mx)(y - my) / sum w (x - mx)^2, R2 =
// Sxy^2 / (Sxx Syy)), and the channels of a window.
#include "core/heat.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace {

TEST(Heat, WeightedOlsMatchesTheClosedForm) {
    const std::vector<double> x = {0.05, 0.2, 0.35, 0.5, 0.62, 0.8};
    const std::vector<double> y = {8.1, 6.0, 5.2, 2.9, 2.4, -0.3};  // LST - 300 K
    const std::vector<double> w = {1, 0.5, 1, 1, 0.25, 1};
    double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
    for (size_t i = 0; i < x.size(); ++i) {
        sw += w[i], sx += w[i] * x[i], sy += w[i] * y[i];
        sxx += w[i] * x[i] * x[i], sxy += w[i] * x[i] * y[i], syy += w[i] * y[i] * y[i];
    }
    const double mx = sx / sw, my = sy / sw;
    double cxy = 0, cxx = 0, cyy = 0;
    for (size_t i = 0; i < x.size(); ++i) {
        cxy += w[i] * (x[i] - mx) * (y[i] - my);
        cxx += w[i] * (x[i] - mx) * (x[i] - mx);
        cyy += w[i] * (y[i] - my) * (y[i] - my);
    }
    const auto fit = gg::weighted_ols(sw, sx, sy, sxx, sxy, syy);
    ASSERT_TRUE(fit);
    EXPECT_NEAR(fit->slope, cxy / cxx, 1e-12);
    EXPECT_NEAR(fit->intercept, my - cxy / cxx * mx, 1e-12);
    EXPECT_NEAR(fit->r2, cxy * cxy / (cxx * cyy), 1e-12);
    EXPECT_EQ(fit->n, sw);
    // An exact line: y = 10 - 12 x at x = 0.2, 0.3, 0.4 (y = 7.6, 6.4, 5.2): R2 1, slope -12
    // (-1.2 K per 0.1 NDVI).
    const auto line = gg::weighted_ols(3, 0.9, 19.2, 0.29, 5.52, 125.76);
    ASSERT_TRUE(line);
    EXPECT_NEAR(line->slope, -12, 1e-9);
    EXPECT_NEAR(line->intercept, 10, 1e-9);
    EXPECT_NEAR(line->r2, 1, 1e-9);
    // Too few pixels, or x that does not vary: no fit.
    EXPECT_FALSE(gg::weighted_ols(2, 0.5, 1, 0.25, 0.5, 1));
    EXPECT_FALSE(gg::weighted_ols(4, 1.2, 4, 0.36, 1.2, 4));
}

TEST(Heat, ChannelsOfSurfaceTemperatureSplitGreenAndNonGreen) {
    // Pixels: green (NDVI 0.6), non-green (NDVI 0.1), thermal masked, NDVI undefined.
    gg::ChannelBuffer t{{305, 310, 300, 308}, {1, 1, 0, 1}};
    gg::ChannelBuffer red{{0.04, 0.18, 0.1, 0}, {1, 1, 1, 1}};
    gg::ChannelBuffer nir{{0.16, 0.22, 0.3, 0}, {1, 1, 1, 1}};
    std::vector<gg::ChannelBuffer> out(gg::kHeatChannels);
    gg::derive_heat_channels(t, red, nir, {}, out);
    EXPECT_EQ(out[0].valid, (std::vector<unsigned char>{1, 1, 0, 1}));  // LST: no NDVI needed
    EXPECT_EQ(out[1].valid, (std::vector<unsigned char>{1, 0, 0, 0}));  // green
    EXPECT_EQ(out[2].valid, (std::vector<unsigned char>{0, 1, 0, 0}));  // non-green
    EXPECT_EQ(out[3].valid, (std::vector<unsigned char>{1, 1, 0, 0}));  // the regression's
    EXPECT_NEAR(out[3].values[0], 0.6, 1e-12);
    EXPECT_NEAR(out[4].values[1], 10, 1e-12);  // LST - 300
    EXPECT_NEAR(out[6].values[0], 5 * 0.6, 1e-12);
    // Brightness temperature needs NDVI: the pixel without one gets no LST.
    gg::HeatParams bt;
    bt.input = gg::ThermalInput::BrightnessTemperature;
    bt.wavelength_um = 10.895;
    gg::derive_heat_channels(t, red, nir, bt, out);
    EXPECT_EQ(out[0].valid, (std::vector<unsigned char>{1, 1, 0, 0}));
    EXPECT_GT(out[0].values[0], 305);  // e < 1: LST above BT
}

TEST(Heat, LstWindowOfBrightnessTemperatureByHandKeepsNodata) {
    // Level-1 single channel with NDVI-threshold emissivity, the map of `index --index lst`.
    // Pixels: NDVI 0.6 (vegetation, e 0.99), NDVI 0.1 (soil, e = 0.979 - 0.035 x 0.18 = 0.9727),
    // NDVI undefined (0 / 0), thermal masked, red masked. Expected LST by Python 3 (float64):
    //   300 / (1 + (10.895 * 300 / 14388) * math.log(0.99))   = 300.6865032057142
    //   305 / (1 + (10.895 * 305 / 14388) * math.log(0.9727)) = 306.9623254944183
    gg::ChannelBuffer bt{{300, 305, 300, 300, 300}, {1, 1, 1, 0, 1}};
    gg::ChannelBuffer red{{0.04, 0.18, 0, 0.1, 0.1}, {1, 1, 1, 1, 0}};
    gg::ChannelBuffer nir{{0.16, 0.22, 0, 0.3, 0.3}, {1, 1, 1, 1, 1}};
    gg::HeatParams params;
    params.input = gg::ThermalInput::BrightnessTemperature;
    params.wavelength_um = 10.895;
    std::vector<float> out(5);
    EXPECT_EQ(gg::lst_window(bt, red, nir, nullptr, params, false, out.data(), -9999.f), 2);
    EXPECT_FLOAT_EQ(out[0], 300.6865032057142f);
    EXPECT_FLOAT_EQ(out[1], 306.9623254944183f);
    for (size_t p = 2; p < 5; ++p) EXPECT_EQ(out[p], -9999.f) << p;
    std::vector<float> celsius(5);
    gg::lst_window(bt, red, nir, nullptr, params, true, celsius.data(), -9999.f);
    EXPECT_FLOAT_EQ(celsius[0], static_cast<float>(300.6865032057142 - 273.15));
    EXPECT_EQ(celsius[2], -9999.f);
}

TEST(Heat, ZoneMetricsSayWhyAValueIsMissing) {
    std::vector<gg::ZoneAccumulator> acc(gg::kHeatChannels);
    acc[0] = gg::ZoneAccumulator(true);  // LST keeps its distribution (quantiles), as planned
    for (auto& a : acc) a.add_invalid(1, 900);
    const gg::HeatZoneMetrics m = gg::heat_zone_metrics(acc, {});
    EXPECT_FALSE(m.lst_mean_k.value);
    EXPECT_NE(m.lst_mean_k.reason.find("no valid thermal pixel"), std::string::npos);
    EXPECT_EQ(*m.lst_valid_share.value, 0.0);
    EXPECT_FALSE(m.cooling_n.value);
    EXPECT_FALSE(m.cooling_n.reason.empty());
    EXPECT_FALSE(m.lst_green_minus_nongreen_k.reason.empty());
}

}  // namespace
