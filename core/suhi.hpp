#pragma once
// Surface urban heat island intensity (docs/methods.md 7.4): the mean LST of a zone's land pixels
// minus the mean LST of a rural reference, pixels classified by spectral indices. Pure: the heat
// family plans the pass and the reference shapes (gis/reference_ring.hpp).
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/accumulator.hpp"
#include "core/channel.hpp"
#include "core/heat.hpp"

namespace gg {

// A reference ring around the union of the zones, between two ground distances (km).
struct ReferenceRing {
    double inner_km = 0;
    double outer_km = 0;
    std::string label() const;  // "2-10 km"
};

struct SuhiParams {
    // The reference ring of suhi_k; 2-10 km by default (docs/methods.md 7.4).
    ReferenceRing ring{2, 10};
    // The rings of the sweep: suhi_k_min and suhi_k_max are over these and `ring`.
    std::vector<ReferenceRing> sweep{{1, 5}, {2, 10}, {5, 15}, {10, 30}};
    // Or a user polygon instead of the ring (heat.suhi.reference, a vector source, and its layer;
    // empty: the first): one reference, so no sweep.
    std::string reference_path;
    std::string reference_layer;
    bool polygon() const { return !reference_path.empty(); }
    // Or rural by land cover (heat.suhi.rural_classes): the class codes of a land-cover raster
    // (heat.suhi.landcover, by default the project's landcover.source) that are rural; the index
    // thresholds then decide only the zones' water. Empty: rural by the index thresholds.
    std::vector<long long> rural_classes;
    std::string landcover_path;
    int landcover_band = 1;
    // Water: MNDWI > water_mndwi (Xu 2006); built-up: NDBI > builtup_ndbi (Zha et al. 2003).
    double water_mndwi = 0;
    double builtup_ndbi = 0;
    // Fewest rural pixels (sum of coverage) a reference needs: a mean of a few pixels is no
    // reference. GreenGauge's choice, not from a source.
    double min_reference_pixels = 100;
};

// Channels, in this order: LST of land pixels (not water), LST of rural pixels (neither water
// nor built-up). A pixel without MNDWI or NDBI (a band masked, a zero sum) is in neither.
inline constexpr size_t kSuhiChannels = 2;
const std::vector<std::string>& suhi_channel_names();

// lst: the LST channel of derive_heat_channels (K), so LST is derived once per pixel; nir,
// green, swir1: reflectance; classes: the land-cover class on the same grid, needed (and read)
// only with params.rural_classes: a pixel is then rural when its class is one of them.
void derive_suhi_channels(const ChannelBuffer& lst, const ChannelBuffer& nir,
                          const ChannelBuffer& green, const ChannelBuffer& swir1,
                          const ChannelBuffer* classes, const SuhiParams& params,
                          std::span<ChannelBuffer> out);

// The mean LST of a reference's rural pixels, or the reason there is none (fewer than
// min_reference_pixels; `what` names the reference in that reason).
HeatValue reference_lst(const ZoneAccumulator& rural, const SuhiParams& params,
                        const std::string& what);

// suhi = mean LST of the zone's land pixels - the reference's mean; empty with a reason when
// either is.
HeatValue suhi_of(const ZoneAccumulator& zone_land, const HeatValue& reference);

// The smallest and largest of the values that exist; the reason of the first missing one when
// none does.
struct HeatRange {
    HeatValue min, max;
};
HeatRange range_of(const std::vector<HeatValue>& values);

}  // namespace gg
