#pragma once
// Spectral indices over reflectance (docs/methods.md section 3). A zero denominator gives no value
// (nodata), never inf.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/channel.hpp"

namespace gg {

enum class SpectralIndex { Ndvi, Evi, Savi, Ndwi, Mndwi, Ndbi, Ndmi };

// "ndvi", "evi", ... (any case) -> index; throws gg::Error listing the names for an unknown one.
SpectralIndex parse_spectral_index(const std::string& name);
std::string spectral_index_name(SpectralIndex index);
// The band roles an index needs, e.g. {"red", "nir"} for NDVI.
std::vector<std::string> spectral_index_bands(SpectralIndex index);

// Reflectances by role; only the ones the index needs are read.
struct Reflectance {
    double blue = 0, green = 0, red = 0, nir = 0, swir1 = 0, swir2 = 0;
};

// NDVI = (NIR-Red)/(NIR+Red) (Rouse 1974). EVI = 2.5(NIR-Red)/(NIR + 6Red - 7.5Blue + 1)
// (Huete 2002). SAVI = 1.5(NIR-Red)/(NIR+Red+0.5) (Huete 1988). NDWI = (Green-NIR)/(Green+NIR)
// (McFeeters 1996). MNDWI = (Green-SWIR1)/(Green+SWIR1) (Xu 2006). NDBI = (SWIR1-NIR)/(SWIR1+NIR)
// (Zha 2003). NDMI = (NIR-SWIR1)/(NIR+SWIR1) (Gao 1996).
std::optional<double> spectral_index(SpectralIndex index, const Reflectance& r);

// The same over n pixels at once (the hot loop of `greengauge index`): bands[i] points to the n
// values of spectral_index_bands(index)[i]; out[p] = the index where valid[p] != 0 and the index
// is defined and finite as a float, else `nodata`. Returns the number of values written.
int64_t spectral_index_many(SpectralIndex index, const std::vector<const double*>& bands,
                            const unsigned char* valid, size_t n, float* out, float nodata);

// The index over a window: channels[i] holds the reflectance of roles[i] (blue, green, red, nir,
// swir1, swir2; others are ignored). A pixel is valid when every channel is valid there and the
// index is defined (a finite value).
void spectral_index_channel(SpectralIndex index, const std::vector<std::string>& roles,
                            const std::vector<ChannelBuffer>& channels, ChannelBuffer& out);

}  // namespace gg
