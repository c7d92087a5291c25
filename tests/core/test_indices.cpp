// Spectral indices (core/indices.hpp) on hand values. With blue 0.05, green 0.08, red 0.06,
// nir 0.30, swir1 0.15 (swir2 0.10, unused), by hand:
//   NDVI  = 0.24 / 0.36                        = 2/3
//   EVI   = 2.5 * 0.24 / (0.30 + 0.36 - 0.375 + 1) = 0.6 / 1.285 = 120/257
//   SAVI  = 1.5 * 0.24 / (0.36 + 0.5)           = 0.36 / 0.86 = 18/43
//   NDWI  = (0.08 - 0.30) / 0.38                = -11/19
//   MNDWI = (0.08 - 0.15) / 0.23                = -7/23
//   NDBI  = (0.15 - 0.30) / 0.45                = -1/3
//   NDMI  = (0.30 - 0.15) / 0.45                = 1/3
#include "core/indices.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/error.hpp"

namespace {

using gg::SpectralIndex;

const gg::Reflectance kPixel{0.05, 0.08, 0.06, 0.30, 0.15, 0.10};

double value(SpectralIndex index, const gg::Reflectance& r = kPixel) {
    const auto v = gg::spectral_index(index, r);
    EXPECT_TRUE(v.has_value()) << gg::spectral_index_name(index);
    return v.value_or(-999);
}

TEST(Indices, HandValues) {
    EXPECT_NEAR(value(SpectralIndex::Ndvi), 2.0 / 3.0, 1e-12);
    EXPECT_NEAR(value(SpectralIndex::Evi), 120.0 / 257.0, 1e-12);
    EXPECT_NEAR(value(SpectralIndex::Savi), 18.0 / 43.0, 1e-12);
    EXPECT_NEAR(value(SpectralIndex::Ndwi), -11.0 / 19.0, 1e-12);
    EXPECT_NEAR(value(SpectralIndex::Mndwi), -7.0 / 23.0, 1e-12);
    EXPECT_NEAR(value(SpectralIndex::Ndbi), -1.0 / 3.0, 1e-12);
    EXPECT_NEAR(value(SpectralIndex::Ndmi), 1.0 / 3.0, 1e-12);
}

TEST(Indices, WaterPixel) {
    // Open water: green 0.06 > nir 0.02 and swir1 0.01. NDWI = 0.04 / 0.08 = 0.5; MNDWI =
    // 0.05 / 0.07 = 5/7; NDVI = -0.02 / 0.06 = -1/3.
    const gg::Reflectance water{0.07, 0.06, 0.04, 0.02, 0.01, 0.005};
    EXPECT_NEAR(value(SpectralIndex::Ndwi, water), 0.5, 1e-12);
    EXPECT_NEAR(value(SpectralIndex::Mndwi, water), 5.0 / 7.0, 1e-12);
    EXPECT_NEAR(value(SpectralIndex::Ndvi, water), -1.0 / 3.0, 1e-12);
}

TEST(Indices, ZeroDenominatorsGiveNoValue) {
    const gg::Reflectance zero{};
    for (const auto index : {SpectralIndex::Ndvi, SpectralIndex::Ndwi, SpectralIndex::Mndwi,
                             SpectralIndex::Ndbi, SpectralIndex::Ndmi}) {
        EXPECT_EQ(gg::spectral_index(index, zero), std::nullopt) << gg::spectral_index_name(index);
    }
    // EVI and SAVI have constants in the denominator: 0 reflectance gives 0, not nothing.
    EXPECT_EQ(gg::spectral_index(SpectralIndex::Evi, zero), 0.0);
    EXPECT_EQ(gg::spectral_index(SpectralIndex::Savi, zero), 0.0);
    // EVI: nir + 6 red - 7.5 blue + 1 = 1.25 + 1.5 - 3.75 + 1 = 0 (exact in binary).
    EXPECT_EQ(gg::spectral_index(SpectralIndex::Evi, {0.5, 0, 0.25, 1.25, 0, 0}), std::nullopt);
    // SAVI: nir + red + 0.5 = 0 with negative reflectances (they occur after offsets).
    EXPECT_EQ(gg::spectral_index(SpectralIndex::Savi, {0, 0, -0.25, -0.25, 0, 0}), std::nullopt);
    // Opposite values: (a - b) / 0.
    EXPECT_EQ(gg::spectral_index(SpectralIndex::Ndvi, {0, 0, 0.1, -0.1, 0, 0}), std::nullopt);
    EXPECT_EQ(gg::spectral_index(SpectralIndex::Ndwi, {0, 0.1, 0, -0.1, 0, 0}), std::nullopt);
    EXPECT_EQ(gg::spectral_index(SpectralIndex::Mndwi, {0, 0.1, 0, 0, -0.1, 0}), std::nullopt);
    EXPECT_EQ(gg::spectral_index(SpectralIndex::Ndbi, {0, 0, 0, 0.1, -0.1, 0}), std::nullopt);
    EXPECT_EQ(gg::spectral_index(SpectralIndex::Ndmi, {0, 0, 0, 0.1, -0.1, 0}), std::nullopt);
}

TEST(Indices, NamesAndBands) {
    const std::vector<std::pair<std::string, SpectralIndex>> all = {
        {"ndvi", SpectralIndex::Ndvi},   {"evi", SpectralIndex::Evi},
        {"savi", SpectralIndex::Savi},   {"ndwi", SpectralIndex::Ndwi},
        {"mndwi", SpectralIndex::Mndwi}, {"ndbi", SpectralIndex::Ndbi},
        {"ndmi", SpectralIndex::Ndmi}};
    for (const auto& [name, index] : all) {
        EXPECT_EQ(gg::parse_spectral_index(name), index);
        EXPECT_EQ(gg::spectral_index_name(index), name);
    }
    EXPECT_EQ(gg::parse_spectral_index("NDVI"), SpectralIndex::Ndvi);
    EXPECT_EQ(gg::spectral_index_bands(SpectralIndex::Ndvi),
              (std::vector<std::string>{"red", "nir"}));
    EXPECT_EQ(gg::spectral_index_bands(SpectralIndex::Evi),
              (std::vector<std::string>{"blue", "red", "nir"}));
    EXPECT_EQ(gg::spectral_index_bands(SpectralIndex::Savi),
              (std::vector<std::string>{"red", "nir"}));
    EXPECT_EQ(gg::spectral_index_bands(SpectralIndex::Ndwi),
              (std::vector<std::string>{"green", "nir"}));
    EXPECT_EQ(gg::spectral_index_bands(SpectralIndex::Mndwi),
              (std::vector<std::string>{"green", "swir1"}));
    EXPECT_EQ(gg::spectral_index_bands(SpectralIndex::Ndbi),
              (std::vector<std::string>{"nir", "swir1"}));
    EXPECT_EQ(gg::spectral_index_bands(SpectralIndex::Ndmi),
              (std::vector<std::string>{"nir", "swir1"}));
}

TEST(Indices, OnlyTheListedBandsAreRead) {
    // Poison every band an index does not list: the value must not change.
    for (const auto index :
         {SpectralIndex::Ndvi, SpectralIndex::Evi, SpectralIndex::Savi, SpectralIndex::Ndwi,
          SpectralIndex::Mndwi, SpectralIndex::Ndbi, SpectralIndex::Ndmi}) {
        gg::Reflectance r{1e9, 1e9, 1e9, 1e9, 1e9, 1e9};
        for (const auto& band : gg::spectral_index_bands(index)) {
            if (band == "blue") r.blue = kPixel.blue;
            if (band == "green") r.green = kPixel.green;
            if (band == "red") r.red = kPixel.red;
            if (band == "nir") r.nir = kPixel.nir;
            if (band == "swir1") r.swir1 = kPixel.swir1;
        }
        EXPECT_EQ(gg::spectral_index(index, r), gg::spectral_index(index, kPixel))
            << gg::spectral_index_name(index);
    }
}

TEST(Indices, UnknownNameListsTheKnownOnes) {
    try {
        gg::parse_spectral_index("ndxi");
        ADD_FAILURE() << "no error";
    } catch (const gg::Error& e) {
        EXPECT_STREQ(
            e.what(),
            "unknown spectral index 'ndxi' (known: ndvi, evi, savi, ndwi, mndwi, ndbi, ndmi)");
    }
}

}  // namespace

namespace {

// spectral_index_many against spectral_index pixel by pixel (itself checked against hand values
// above), for every index: values, masked pixels and zero denominators.
TEST(Indices, ManyEqualsOneByOne) {
    const std::vector<double> a = {0.05, 0.2, 0.3, 0.0, -0.1, 0.4, 0.25};
    const std::vector<double> b = {0.30, 0.1, 0.3, 0.0, 0.1, 0.2, 0.5};
    const std::vector<double> c = {0.40, 0.5, 0.2, 0.0, 0.3, 0.1, -2.0};
    const std::vector<unsigned char> valid = {1, 1, 0, 1, 1, 1, 1};
    for (const char* name : {"ndvi", "evi", "savi", "ndwi", "mndwi", "ndbi", "ndmi"}) {
        const SpectralIndex index = gg::parse_spectral_index(name);
        const auto roles = gg::spectral_index_bands(index);
        std::vector<const double*> bands = {a.data(), b.data(), c.data()};
        bands.resize(roles.size());
        std::vector<float> out(a.size());
        const int64_t n =
            gg::spectral_index_many(index, bands, valid.data(), a.size(), out.data(), -9999.0f);
        int64_t expected_n = 0;
        for (size_t p = 0; p < a.size(); ++p) {
            gg::Reflectance r;
            for (size_t i = 0; i < roles.size(); ++i) {
                const double v = bands[i][p];
                if (roles[i] == "blue") r.blue = v;
                if (roles[i] == "green") r.green = v;
                if (roles[i] == "red") r.red = v;
                if (roles[i] == "nir") r.nir = v;
                if (roles[i] == "swir1") r.swir1 = v;
            }
            const auto one = gg::spectral_index(index, r);
            if (!valid[p] || !one) {
                EXPECT_EQ(out[p], -9999.0f) << name << " pixel " << p;
                continue;
            }
            ++expected_n;
            EXPECT_EQ(out[p], static_cast<float>(*one)) << name << " pixel " << p;
        }
        EXPECT_EQ(n, expected_n) << name;
        EXPECT_GE(a.size() - static_cast<size_t>(n), 1u) << name;  // pixel 2 is masked
    }
}

// spectral_index_channel with the index's own bands (the window-at-once loop) against the same
// channels plus a thermal one, which takes the pixel-by-pixel path through spectral_index: the
// same values (as doubles) and validity, for every index. Channel 0 is invalid at pixel 2,
// channel 1 at pixel 5; pixel 3 is 0/0.
TEST(Indices, ChannelLoopEqualsPixelByPixel) {
    const std::vector<double> a = {0.05, 0.2, 0.3, 0.0, -0.1, 0.4, 0.25};
    const std::vector<double> b = {0.30, 0.1, 0.3, 0.0, 0.1, 0.2, 0.5};
    const std::vector<double> c = {0.40, 0.5, 0.2, 0.0, 0.3, 0.1, -2.0};
    std::vector<gg::ChannelBuffer> all = {
        {a, {1, 1, 0, 1, 1, 1, 1}}, {b, {1, 1, 1, 1, 1, 0, 1}}, {c, {1, 1, 1, 1, 1, 1, 1}}};
    for (const char* name : {"ndvi", "evi", "savi", "ndwi", "mndwi", "ndbi", "ndmi"}) {
        const SpectralIndex index = gg::parse_spectral_index(name);
        std::vector<std::string> roles = gg::spectral_index_bands(index);
        std::vector<gg::ChannelBuffer> channels(all.begin(), all.begin() + std::ssize(roles));
        gg::ChannelBuffer fast, slow;
        gg::spectral_index_channel(index, roles, channels, fast);
        roles.push_back("thermal");
        channels.push_back(
            {std::vector<double>(a.size(), 300.0), std::vector<unsigned char>(a.size(), 1)});
        gg::spectral_index_channel(index, roles, channels, slow);
        EXPECT_EQ(fast.values, slow.values) << name;
        EXPECT_EQ(fast.valid, slow.valid) << name;
        EXPECT_EQ(fast.valid[2], 0) << name;
        EXPECT_EQ(fast.valid[5], 0) << name;
        // 0 / 0 for the normalized differences; EVI (2.5 * 0 / 1) and SAVI (1.5 * 0 / 0.5) are 0.
        const bool ratio_of_sums = std::string(name) != "evi" && std::string(name) != "savi";
        EXPECT_EQ(fast.valid[3], ratio_of_sums ? 0 : 1) << name;
    }
}

}  // namespace
