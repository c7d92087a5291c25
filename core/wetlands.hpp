#pragma once
// Wetlands (docs/methods.md section 6): the wetland types, the water mask from a water index,
// land-cover classes mapped to types, and the union of the sources per zone with nothing counted
// twice. Pure computation; gis/wetland_polygons reads the inventory polygons.
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/accumulator.hpp"
#include "core/channel.hpp"

namespace gg {

// A wetland type of the vocabulary, with the broad group of the Ramsar Classification System for
// Wetland Type it falls in (docs/methods.md 6.1).
struct WetlandType {
    const char* id;
    const char* ramsar_group;  // "inland", "marine/coastal", "human-made", "-"
    const char* description;
};

// The vocabulary, in the default precedence order: where inventory polygons of two types overlap,
// the overlap goes to the type listed first (a project file may list its own order).
const std::vector<WetlandType>& wetland_types();
// Index in wetland_types(), or nothing for an unknown id.
std::optional<size_t> wetland_type_index(const std::string& id);
inline constexpr const char* kOtherWetlandType = "other";

// Lower-case ASCII letters, spaces trimmed: "Mangrove " == "mangrove"; Thai text is compared as it
// is. Inventory values are compared in this form.
std::string normalised_value(const std::string& s);

// Layer values -> types: a value that is not mapped is counted as `other` (and listed).
struct WetlandTypeMapping {
    std::vector<std::string> types;             // the precedence order; holds "other"
    std::map<std::string, std::string> values;  // normalised layer value -> type id
    // Position in `types` of the value's type; `other` when the value is not mapped (then
    // *unmapped is set when given).
    size_t type_of(const std::string& value, bool* unmapped = nullptr) const;
};

// ---- Water mask from a water index (docs/methods.md 6.3) ------------------------------------

enum class WaterIndex { Mndwi, Ndwi };
const char* water_index_name(WaterIndex index);

struct WaterParams {
    WaterIndex index = WaterIndex::Mndwi;
    // Water where index > threshold: McFeeters 1996 (NDWI) and Xu 2006 (MNDWI) take positive
    // values as water.
    double threshold = 0.0;
    // The sweep: the default +/- 0.1, a sensitivity range of ours (docs/methods.md 6.3).
    std::vector<double> sweep = {-0.1, 0.0, 0.1};
};

// The index from green and `other` (SWIR1 for MNDWI, NIR for NDWI): (green - other) / (green +
// other), nodata when either band is or the sum is 0.
std::optional<double> water_index(double green, double other);

// Channels: 0 the index, 1 water (1 where index > threshold, else 0), then one water mask per
// sweep threshold; all valid where the index is.
size_t water_channel_count(const WaterParams& params);
void derive_water_channels(const ChannelBuffer& green, const ChannelBuffer& other,
                           const WaterParams& params, std::span<ChannelBuffer> out);

struct WaterMetrics {
    std::optional<double> valid_share;    // valid area / covered area of the zone
    std::optional<double> water_share;    // water area / valid area
    std::optional<double> water_area_m2;  // observed water area
    std::optional<double> water_share_sweep_min, water_share_sweep_max;
};
// channels: the zone's accumulators of every channel above.
WaterMetrics water_metrics(const std::vector<ZoneAccumulator>& channels, const WaterParams& params);

// ---- Water persistence over a time series (docs/methods.md 6.7) -----------------------------

// Occurrence per pixel = water observations / valid observations over the dates (Pekel et al.
// 2016); permanent and seasonal are occurrence thresholds of ours, not JRC's classes.
struct PersistenceParams {
    double permanent = 0.75;  // permanent water where occurrence >= this
    double seasonal = 0.25;   // seasonal water where seasonal <= occurrence < permanent
};

// From the occurrence channel: 0 occurrence itself, 1 permanent (1/0), 2 seasonal (1/0); all
// valid where occurrence is (at least one valid observation).
inline constexpr size_t kPersistenceChannels = 3;
void derive_persistence_channels(const ChannelBuffer& occurrence, const PersistenceParams& params,
                                 std::span<ChannelBuffer> out);

struct PersistenceMetrics {
    std::optional<double> observed_share;   // area with >= 1 valid observation / covered area
    std::optional<double> occurrence_mean;  // coverage-weighted over the observed pixels
    std::optional<double> permanent_m2;
    std::optional<double> seasonal_m2;
    std::optional<double> observations_min;  // fewest valid observations of any covered pixel
};
// occurrence, permanent, seasonal: the channels above; count: the valid observations per pixel
// (valid wherever the grid is).
PersistenceMetrics persistence_metrics(const ZoneAccumulator& occurrence,
                                       const ZoneAccumulator& permanent,
                                       const ZoneAccumulator& seasonal,
                                       const ZoneAccumulator& count);

// ---- Land-cover classes mapped to types (docs/methods.md 6.2) -------------------------------

// class code -> position in the project's type list.
using WetlandClassMap = std::map<long long, size_t>;
// Channels: one per type (1 where the class maps to that type, else 0), then "any wetland"; all
// valid where the class band is. out.size() must be types + 1.
void derive_wetland_class_channels(const ChannelBuffer& classes, const WetlandClassMap& map,
                                   std::span<ChannelBuffer> out);

// ---- The union of the sources per zone (docs/methods.md 6.4) --------------------------------

// What each source measured in one zone. The inventory polygons come first (their types are
// disjoint by precedence); a raster source (a land-cover map, or else the imagery water mask) is
// counted only outside the polygons, so no square metre is counted twice.
struct WetlandSources {
    size_t types = 0;
    bool inventory = false;
    std::vector<double> polygon_m2;  // per type, inside the zone
    bool raster = false;
    std::vector<double> raster_outside_m2;  // per type: the raster's wetland outside the polygons
    double raster_outside_total_m2 = 0;     // its wetland of any type outside the polygons
    double raster_valid_outside_m2 = 0;     // its valid (observed) area outside the polygons
    std::optional<double> zone_area_m2;     // ground area of the zone (inventory alone)
};

struct WetlandFigures {
    std::optional<double> area_m2;
    std::optional<double> share;
    std::optional<double> observed_m2;  // the share's denominator
    std::vector<std::optional<double>> type_area_m2;
    std::vector<std::optional<double>> type_share;
    std::string reason;  // why the values are missing
};

// area = polygons + raster outside them; share = area / the observed area, i.e. polygons + the
// raster's valid area outside them (with a raster), or the zone's ground area (inventory alone).
WetlandFigures combine_wetland_sources(const WetlandSources& s);

// The change of extent against a baseline, as SDG indicator 6.6.1 states it: (current -
// baseline) / baseline x 100 (docs/methods.md 6.5); nothing when the baseline is 0.
std::optional<double> percent_change(double baseline, double current);

}  // namespace gg
