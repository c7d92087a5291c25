// Spectral indices (core/indices.hpp, docs/methods.md section 3). A zero denominator gives no
// value.
#include "core/indices.hpp"

#include <array>
#include <cctype>
#include <cmath>
#include <utility>

#include "core/error.hpp"
#include "core/spectral.hpp"

namespace gg {
namespace {

struct IndexInfo {
    SpectralIndex index;
    const char* name;
};

constexpr std::array<IndexInfo, 7> kIndices = {{
    {SpectralIndex::Ndvi, "ndvi"},
    {SpectralIndex::Evi, "evi"},
    {SpectralIndex::Savi, "savi"},
    {SpectralIndex::Ndwi, "ndwi"},
    {SpectralIndex::Mndwi, "mndwi"},
    {SpectralIndex::Ndbi, "ndbi"},
    {SpectralIndex::Ndmi, "ndmi"},
}};

// (a - b) / (a + b); nothing when a + b == 0.
std::optional<double> normalized_difference(double a, double b) {
    const double denominator = a + b;
    if (denominator == 0) return std::nullopt;
    return (a - b) / denominator;
}

// EVI (Huete et al. 2002, MODIS EVI): G (NIR - Red) / (NIR + C1 Red - C2 Blue + L) with
// G = 2.5, C1 = 6, C2 = 7.5, L = 1 (docs/methods.md 3).
constexpr double kEviGain = 2.5;
constexpr double kEviC1 = 6.0;
constexpr double kEviC2 = 7.5;
constexpr double kEviL = 1.0;

// SAVI (Huete 1988): (1 + L) (NIR - Red) / (NIR + Red + L) with L = 0.5 (docs/methods.md 3).
constexpr double kSaviL = 0.5;

}  // namespace

SpectralIndex parse_spectral_index(const std::string& name) {
    std::string lower;
    lower.reserve(name.size());
    for (const char c : name)
        lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    for (const auto& info : kIndices) {
        if (lower == info.name) return info.index;
    }
    std::string message = "unknown spectral index '";
    message.append(name).append("' (known:");
    for (std::size_t i = 0; i < kIndices.size(); ++i) {
        message.append(i == 0 ? " " : ", ").append(kIndices[i].name);
    }
    message.append(")");
    throw Error(message);
}

std::string spectral_index_name(SpectralIndex index) {
    for (const auto& info : kIndices) {
        if (info.index == index) return info.name;
    }
    throw Error("spectral_index_name: unknown SpectralIndex value");
}

std::vector<std::string> spectral_index_bands(SpectralIndex index) {
    switch (index) {
        case SpectralIndex::Ndvi:
        case SpectralIndex::Savi:
            return {"red", "nir"};
        case SpectralIndex::Evi:
            return {"blue", "red", "nir"};
        case SpectralIndex::Ndwi:
            return {"green", "nir"};
        case SpectralIndex::Mndwi:
            return {"green", "swir1"};
        case SpectralIndex::Ndbi:
        case SpectralIndex::Ndmi:
            return {"nir", "swir1"};
    }
    throw Error("spectral_index_bands: unknown SpectralIndex value");
}

std::optional<double> spectral_index(SpectralIndex index, const Reflectance& r) {
    switch (index) {
        case SpectralIndex::Ndvi:  // (NIR - Red) / (NIR + Red), Rouse et al. 1974
            return ndvi(r.red, r.nir);
        case SpectralIndex::Evi: {
            const double denominator = r.nir + kEviC1 * r.red - kEviC2 * r.blue + kEviL;
            if (denominator == 0) return std::nullopt;
            return kEviGain * (r.nir - r.red) / denominator;
        }
        case SpectralIndex::Savi: {
            const double denominator = r.nir + r.red + kSaviL;
            if (denominator == 0) return std::nullopt;
            return (1.0 + kSaviL) * (r.nir - r.red) / denominator;
        }
        case SpectralIndex::Ndwi:  // (Green - NIR) / (Green + NIR), McFeeters 1996
            return normalized_difference(r.green, r.nir);
        case SpectralIndex::Mndwi:  // (Green - SWIR1) / (Green + SWIR1), Xu 2006
            return normalized_difference(r.green, r.swir1);
        case SpectralIndex::Ndbi:  // (SWIR1 - NIR) / (SWIR1 + NIR), Zha et al. 2003
            return normalized_difference(r.swir1, r.nir);
        case SpectralIndex::Ndmi:  // (NIR - SWIR1) / (NIR + SWIR1), Gao 1996
            return normalized_difference(r.nir, r.swir1);
    }
    throw Error("spectral_index: unknown SpectralIndex value");
}

namespace {

// emit(p, value) for each valid pixel p where f (the index of the band values at p) is defined.
template <size_t N, typename F, typename Emit>
void loop(const std::vector<const double*>& bands, const unsigned char* valid, size_t n, F f,
          Emit emit) {
    if (bands.size() != N) throw Error("spectral index: wrong number of bands");
    for (size_t p = 0; p < n; ++p) {
        if (!valid[p]) continue;
        std::optional<double> v;
        if constexpr (N == 2)
            v = f(bands[0][p], bands[1][p]);
        else
            v = f(bands[0][p], bands[1][p], bands[2][p]);
        if (v) emit(p, *v);
    }
}

// The index over whole bands (in spectral_index_bands(index) order): the switch on the index is
// outside the loop, the formula (the same helpers as spectral_index) inlined into it.
template <typename Emit>
void for_each_value(SpectralIndex index, const std::vector<const double*>& bands,
                    const unsigned char* valid, size_t n, Emit emit) {
    const auto value = [index](double a, double b, double c = 0) {
        Reflectance r;
        switch (index) {
            case SpectralIndex::Evi:
                r.blue = a, r.red = b, r.nir = c;
                break;
            case SpectralIndex::Ndvi:
            case SpectralIndex::Savi:
                r.red = a, r.nir = b;
                break;
            case SpectralIndex::Ndwi:
                r.green = a, r.nir = b;
                break;
            case SpectralIndex::Mndwi:
                r.green = a, r.swir1 = b;
                break;
            case SpectralIndex::Ndbi:
            case SpectralIndex::Ndmi:
                r.nir = a, r.swir1 = b;
                break;
        }
        return spectral_index(index, r);
    };
    switch (index) {
        case SpectralIndex::Ndvi:  // the common case: its own loop, nothing but the formula
            return loop<2>(
                bands, valid, n,
                [](double red, double nir) { return normalized_difference(nir, red); }, emit);
        case SpectralIndex::Evi:
            return loop<3>(bands, valid, n, value, emit);
        default:
            return loop<2>(
                bands, valid, n, [&](double a, double b) { return value(a, b); }, emit);
    }
}

}  // namespace

int64_t spectral_index_many(SpectralIndex index, const std::vector<const double*>& bands,
                            const unsigned char* valid, size_t n, float* out, float nodata) {
    std::fill(out, out + n, nodata);
    int64_t count = 0;
    for_each_value(index, bands, valid, n, [&](size_t p, double v) {
        const auto value = static_cast<float>(v);
        if (!std::isfinite(value)) return;
        out[p] = value;
        ++count;
    });
    return count;
}

void spectral_index_channel(SpectralIndex index, const std::vector<std::string>& roles,
                            const std::vector<ChannelBuffer>& channels, ChannelBuffer& out) {
    const size_t n = channels.empty() ? 0 : channels.front().values.size();
    if (roles == spectral_index_bands(index) && channels.size() == roles.size()) {
        // The usual case (the index's own bands, in its order): the window-at-once loop.
        std::vector<unsigned char> all_valid(channels.front().valid);
        std::vector<const double*> bands;
        for (const auto& c : channels) {
            bands.push_back(c.values.data());
            for (size_t p = 0; p < n; ++p) all_valid[p] &= c.valid[p];
        }
        out.values.assign(n, 0.0);
        out.valid.assign(n, 0);
        for_each_value(index, bands, all_valid.data(), n, [&](size_t p, double v) {
            if (!std::isfinite(v)) return;
            out.values[p] = v;
            out.valid[p] = 1;
        });
        return;
    }
    // Where each role's value goes in Reflectance (nullptr: not a reflectance role).
    std::vector<double Reflectance::*> slots;
    for (const auto& role : roles) {
        double Reflectance::*slot = nullptr;
        if (role == "blue")
            slot = &Reflectance::blue;
        else if (role == "green")
            slot = &Reflectance::green;
        else if (role == "red")
            slot = &Reflectance::red;
        else if (role == "nir")
            slot = &Reflectance::nir;
        else if (role == "swir1")
            slot = &Reflectance::swir1;
        else if (role == "swir2")
            slot = &Reflectance::swir2;
        slots.push_back(slot);
    }
    out.values.assign(n, 0.0);
    out.valid.assign(n, 0);
    for (size_t p = 0; p < n; ++p) {
        Reflectance r;
        bool ok = true;
        for (size_t i = 0; ok && i < channels.size() && i < slots.size(); ++i) {
            ok = channels[i].valid[p] != 0;
            if (slots[i]) r.*slots[i] = channels[i].values[p];
        }
        if (!ok) continue;
        const auto v = spectral_index(index, r);
        if (!v || !std::isfinite(*v)) continue;
        out.values[p] = *v;
        out.valid[p] = 1;
    }
}

}  // namespace gg
