#include "assess/family_wetlands.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <optional>
#include <set>
#include <tuple>

#include "assess/family_imagery.hpp"
#include "assess/project_reader.hpp"
#include "assess/raster_plan.hpp"
#include "core/composite.hpp"
#include "core/error.hpp"
#include "gis/composite_source.hpp"
#include "gis/product.hpp"
#include "gis/raster_source.hpp"
#include "gis/water_persistence.hpp"
#include "gis/wetland_change.hpp"

namespace gg::assess {
namespace {

constexpr const char* kLandCoverRaster = "wetlands_landcover";
constexpr const char* kStackRaster = "wetlands_water";  // the stack's green / SWIR1 bands
constexpr const char* kOutsideSet = "zone minus wetland inventory";
constexpr const char* kPersistenceRaster = "wetlands_persistence";
constexpr const char* kChangeRaster = "wetlands_change";  // baseline and current period codes
constexpr const char* kTransitionSuffix = "_wetland_transition.tif";
constexpr const char* kOccurrenceSuffix = "_water_occurrence.tif";
constexpr const char* kObservationsSuffix = "_water_observations.tif";
constexpr const char* kPolygonBasis = "polygons";
constexpr const char* kLandCoverBasis = "landcover";

// ---- Metric ids ------------------------------------------------------------------------------

std::string area_id(const std::string& type) {
    return "wetland_area_m2_" + type;
}
std::string share_id(const std::string& type) {
    return "wetland_share_" + type;
}
std::string change_id(const std::string& type) {
    return "wetland_change_pct_" + type;
}

const char* const kChangeIds[] = {"wetland_baseline_area_m2", "wetland_gain_m2", "wetland_loss_m2",
                                  "wetland_net_m2", "wetland_change_pct"};

const char* const kPersistenceIds[] = {"water_observed_share", "water_occurrence_mean",
                                       "permanent_water_m2", "seasonal_water_m2",
                                       "observations_min"};
const char* const kPersistenceChannelNames[] = {"water_occurrence", "permanent_water",
                                                "seasonal_water"};

const char* const kWaterIds[] = {"water_valid_share", "water_area_m2", "water_share",
                                 "water_share_sweep_min", "water_share_sweep_max"};

// The registry holds string views: the per-type texts live here for the process.
std::vector<MetricInfo> wetland_metrics() {
    static std::deque<std::string> text;
    auto keep = [](std::string s) -> std::string_view { return text.emplace_back(std::move(s)); };
    std::vector<MetricInfo> m = {
        {"wetland_area_m2", "m2",
         "wetland area in the zone: the inventory polygons, plus the land-cover wetland classes "
         "(or else the imagery water mask) outside them; nothing counted twice",
         "docs/methods.md 6.4", true},
        {"wetland_share", "1",
         "wetland_area_m2 / the zone's observed area (inventory polygons plus the raster's valid "
         "area outside them; the zone's ground area with an inventory alone)",
         "docs/methods.md 6.4", true},
    };
    if (text.empty()) {
        for (const WetlandType& t : wetland_types()) {
            keep(area_id(t.id));
            keep(fmt::format("wetland_area_m2 of type {}: {}", t.id, t.description));
            keep(share_id(t.id));
            keep(fmt::format("wetland_area_m2_{} / the zone's observed area", t.id));
            keep(
                fmt::format("Ramsar Classification System for Wetland Type, {} group "
                            "(docs/methods.md 6.1)",
                            t.ramsar_group));
            keep(change_id(t.id));
            keep(
                fmt::format("percent change of the {} area against the baseline (inventory, or "
                            "land-cover period); empty when the baseline has none",
                            t.id));
        }
    }
    for (size_t i = 0; i < wetland_types().size(); ++i) {
        const size_t k = 7 * i;
        m.push_back({text[k], "m2", text[k + 1], text[k + 4], true});
        m.push_back({text[k + 2], "1", text[k + 3], text[k + 4], true});
    }
    const char* p = kPolygonBasis;
    const char* sdg = "SDG indicator 6.6.1 (docs/methods.md 6.5)";
    m.push_back({"wetland_baseline_area_m2", "m2",
                 "baseline wetland in the zone: the baseline inventory's polygons "
                 "(wetlands.baseline), or the baseline period's wetland pixels observed in both "
                 "periods (wetlands.change)",
                 "docs/methods.md 6.5", true, p});
    m.push_back({"wetland_gain_m2", "m2",
                 "wetland now that was not wetland in the baseline (inventory, or period pixels "
                 "observed in both)",
                 "docs/methods.md 6.5", true, p});
    m.push_back({"wetland_loss_m2", "m2",
                 "baseline wetland that is not wetland now (inventory, or period pixels observed "
                 "in both)",
                 "docs/methods.md 6.5", true, p});
    m.push_back({"wetland_net_m2", "m2",
                 "current wetland area minus the baseline's (wetland_gain_m2 - wetland_loss_m2)",
                 "docs/methods.md 6.5", true, p});
    m.push_back({"wetland_change_pct", "%",
                 "(current - baseline) / baseline x 100 of the wetland area; empty when the "
                 "baseline has none",
                 sdg, true, p});
    m.push_back({"wetland_change_valid_share", "1",
                 "share of area_m2 observed in both periods of wetlands.change (the area the "
                 "change is measured on)",
                 "docs/methods.md 6.5", true, kImageryBasis});
    for (size_t i = 0; i < wetland_types().size(); ++i)
        m.push_back({text[7 * i + 5], "%", text[7 * i + 6], sdg, true, p});
    const char* b = kImageryBasis;
    m.push_back({"wetland_inventory_area_m2", "m2",
                 "area of the dissolved inventory polygons inside the zone (any type, no overlap "
                 "counted twice), ellipsoidal",
                 "wetlands.inventory; docs/methods.md 6.1", true, kPolygonBasis});
    m.push_back({"wetland_landcover_area_m2", "m2",
                 "area of the land-cover classes mapped to a wetland type (wetlands.landcover)",
                 "exact coverage; ESA WorldCover 80, 90, 95 by default (docs/methods.md 6.2)", true,
                 kLandCoverBasis});
    m.push_back({"wetland_landcover_share", "1",
                 "share of the classified area in classes mapped to a wetland type",
                 "docs/methods.md 6.2", true, kLandCoverBasis});
    m.push_back({"water_valid_share", "1",
                 "share of area_m2 where the water index has a valid value (both bands valid)",
                 "docs/methods.md 6.3", true, b});
    m.push_back({"water_area_m2", "m2",
                 "observed open water: valid area where the water index > wetlands.water.threshold",
                 "MNDWI (Xu 2006) or NDWI (McFeeters 1996) > 0 by default (docs/methods.md 6.3)",
                 true, b});
    m.push_back({"water_share", "1", "water_area_m2 / the valid area of the water index",
                 "docs/methods.md 6.3", true, b});
    m.push_back({"water_share_sweep_min", "1",
                 "lowest water_share over the water-index threshold sweep",
                 "docs/methods.md 6.3: thresholds -0.1, 0, 0.1 by default", true, b});
    const char* occ = "water occurrence (Pekel et al. 2016); docs/methods.md 6.7";
    m.push_back({"water_observed_share", "1",
                 "share of area_m2 with at least one valid observation over the dates of "
                 "imagery.products",
                 occ, true, b});
    m.push_back({"water_occurrence_mean", "1",
                 "coverage-weighted mean over the observed pixels of water occurrence = water "
                 "observations / valid observations",
                 occ, true, b});
    m.push_back({"permanent_water_m2", "m2",
                 "area with occurrence >= wetlands.persistence.permanent (0.75, a parameter of "
                 "ours, not JRC's months-of-water classes)",
                 occ, true, b});
    m.push_back({"seasonal_water_m2", "m2",
                 "area with wetlands.persistence.seasonal (0.25) <= occurrence < permanent (a "
                 "parameter of ours)",
                 occ, true, b});
    m.push_back({"observations_min", "dates",
                 "the fewest valid observations of any pixel of the zone (masked dates are not "
                 "observations): how often the zone was seen",
                 occ, true, b});
    m.push_back({"water_share_sweep_max", "1",
                 "highest water_share over the water-index threshold sweep", "docs/methods.md 6.3",
                 true, b});
    return m;
}

// ---- The run ---------------------------------------------------------------------------------

std::vector<std::string> water_channels(const WaterParams& p) {
    std::vector<std::string> names = {"water_index", "water"};
    for (size_t k = 0; k < p.sweep.size(); ++k) names.push_back("water_sweep_" + std::to_string(k));
    return names;
}

std::vector<std::string> class_channels(const std::vector<std::string>& types) {
    std::vector<std::string> names;
    for (const auto& t : types) names.push_back("wetland_lc_" + t);
    names.push_back("wetland_lc_any");
    return names;
}

// The channels of the change between two periods (docs/methods.md 6.5), from the two period
// codes (0 not wetland, t + 1 type t): each period's wetland where that period is observed, then,
// where both are: the baseline's and the current wetland, gain, loss, and per type.
std::vector<std::string> change_channels(const std::vector<std::string>& types, bool per_type) {
    std::vector<std::string> names = {"chg_baseline_seen", "chg_current_seen", "chg_baseline",
                                      "chg_current",       "chg_gain",         "chg_loss"};
    if (per_type)
        for (const auto& t : types) {
            names.push_back("chg_baseline_" + t);
            names.push_back("chg_current_" + t);
        }
    return names;
}

void derive_change_channels(const ChannelBuffer& before, const ChannelBuffer& now, size_t types,
                            std::span<ChannelBuffer> out) {
    const size_t n = before.values.size();
    for (auto& c : out) {
        c.values.assign(n, 0.0);
        c.valid.assign(n, 0);
    }
    for (size_t i = 0; i < n; ++i) {
        const bool b_ok = before.valid[i] != 0, c_ok = now.valid[i] != 0;
        const bool b = b_ok && before.values[i] > 0, c = c_ok && now.values[i] > 0;
        out[0].valid[i] = b_ok;
        out[0].values[i] = b;
        out[1].valid[i] = c_ok;
        out[1].values[i] = c;
        if (!b_ok || !c_ok) continue;
        for (size_t k = 2; k < out.size(); ++k) out[k].valid[i] = 1;
        out[2].values[i] = b;
        out[3].values[i] = c;
        out[4].values[i] = !b && c;
        out[5].values[i] = b && !c;
        if (out.size() < 6 + 2 * types) continue;
        const long bt = std::lround(before.values[i]), ct = std::lround(now.values[i]);
        for (size_t t = 0; t < types; ++t) {
            out[6 + 2 * t].values[i] = bt == static_cast<long>(t + 1);
            out[7 + 2 * t].values[i] = ct == static_cast<long>(t + 1);
        }
    }
}

class WetlandsRun : public FamilyRun {
  public:
    WetlandsRun(const WetlandsSettings& s, WaterParams water, std::string water_raster,
                std::string other_band)
        : s_(s),
          water_(std::move(water)),
          water_raster_(std::move(water_raster)),
          other_band_(std::move(other_band)) {}

    // The raster counted outside the inventory: the land cover, or else the water mask.
    std::string union_raster() const {
        return s_.landcover ? kLandCoverRaster : (s_.water ? water_raster_ : "");
    }

    // The inputs opened by start(): the change between periods and the persistence sources.
    std::optional<CustomWindowSource> change_source, persistence_source;
    WetlandPeriod baseline_period, current_period;

    void plan(RunContext& ctx, RunPlan& plan) override {
        if (s_.change) {
            const size_t types = s_.types.size();
            const bool per_type = s_.change_per_type();
            ChannelGroup group;
            group.key = "wetlands change";
            group.names = change_channels(s_.types, per_type);
            group.derive = [types, per_type](const std::vector<ChannelBuffer>& bands,
                                             std::span<ChannelBuffer> out) {
                derive_change_channels(bands[0], bands[1], per_type ? types : 0, out);
            };
            plan.channels(kChangeRaster, std::move(group));
            plan.zone_channels(kChangeRaster, change_channels(s_.types, per_type));
        }
        if (s_.water) {
            const size_t green = plan.band_index(water_raster_, "green");
            const size_t other = plan.band_index(water_raster_, other_band_);
            const WaterParams p = water_;
            ChannelGroup group;
            group.key = fmt::format("wetlands water {} {} {}", water_index_name(p.index),
                                    p.threshold, fmt::join(p.sweep, ","));
            group.names = water_channels(p);
            group.derive = [p, green, other](const std::vector<ChannelBuffer>& bands,
                                             std::span<ChannelBuffer> out) {
                derive_water_channels(bands[green], bands[other], p, out);
            };
            plan.channels(water_raster_, std::move(group));
            plan.zone_channels(water_raster_, water_channels(p));
        }
        if (s_.persistence) {
            const PersistenceParams pp = s_.persistence_params;
            ChannelGroup group;
            group.key = fmt::format("wetlands persistence {} {}", pp.permanent, pp.seasonal);
            group.names = {std::begin(kPersistenceChannelNames),
                           std::end(kPersistenceChannelNames)};
            group.derive = [pp](const std::vector<ChannelBuffer>& bands,
                                std::span<ChannelBuffer> out) {
                derive_persistence_channels(bands[0], pp, out);
            };
            plan.channels(kPersistenceRaster, std::move(group));
            plan.band_channel(kPersistenceRaster, "count");
            plan.zone_channels(kPersistenceRaster, {std::begin(kPersistenceChannelNames),
                                                    std::end(kPersistenceChannelNames)});
            plan.zone_channels(kPersistenceRaster, {"count"});
        }
        if (s_.landcover) {
            WetlandClassMap map;
            for (const auto& [code, type] : s_.classes) {
                const auto it = std::find(s_.types.begin(), s_.types.end(), type);
                map[code] = static_cast<size_t>(it - s_.types.begin());
            }
            ChannelGroup group;
            group.key = "wetlands landcover";
            group.names = class_channels(s_.types);
            group.derive = [map](const std::vector<ChannelBuffer>& bands,
                                 std::span<ChannelBuffer> out) {
                derive_wetland_class_channels(bands[0], map, out);
            };
            plan.channels(kLandCoverRaster, std::move(group));
            plan.zone_channels(kLandCoverRaster, class_channels(s_.types));
            plan.band_channel(kLandCoverRaster, "class", true);  // the classes present
            plan.zone_channels(kLandCoverRaster, {"class"});
        }
        if (!s_.inventory) return;
        // The inventory in the CRS of the raster counted outside it (or of the zones).
        const std::string raster = union_raster();
        const std::string crs = ctx.raster(raster.empty() ? kImageryRaster : raster).info.crs_wkt;
        const ZoneSet& zones = ctx.zones_in(crs);
        const WetlandLayer layer = read_wetland_layer(s_.layer, crs);
        for (const auto& w : layer.warnings) ctx.warn(w);
        std::vector<MultiPolygon> shapes;
        for (const auto& z : zones.zones) shapes.push_back(z.geometry);
        polygons_ = wetland_polygons_per_zone(layer, shapes, crs, ctx.areas());
        if (s_.baseline) {
            const WetlandLayer before = read_wetland_layer(s_.baseline_layer, crs);
            for (const auto& w : before.warnings) ctx.warn(w);
            change_ = wetland_change_per_zone(before, layer, shapes, crs, ctx.areas());
        }
        if (raster.empty()) return;
        std::vector<MultiPolygon> outside;
        for (auto& p : polygons_) outside.push_back(std::move(p.zone_outside));
        plan.shape_channels(
            raster, kOutsideSet, std::move(outside),
            s_.landcover ? class_channels(s_.types) : std::vector<std::string>{"water"});
    }

    void finish(RunContext& ctx, const PassResults& results, ZoneMetrics& m) override {
        if (s_.landcover) warn_absent_classes(ctx, results, m.zones());
        if (s_.change) check_periods_seen(ctx, results, m.zones());
        if (s_.persistence) {
            bool seen = false;
            for (size_t z = 0; z < m.zones() && !seen; ++z)
                seen = results.zone(kPersistenceRaster, z, "water_occurrence").valid_area_m2() > 0;
            if (!seen)
                ctx.warn(ctx.raster(kPersistenceRaster).label +
                         ": no valid observation in any zone on any date (every date masked or "
                         "nodata there): the water persistence figures are empty");
        }
        const size_t types = s_.types.size();
        const std::string raster = union_raster();
        const size_t open_water = static_cast<size_t>(
            std::find(s_.types.begin(), s_.types.end(), "open_water") - s_.types.begin());
        const std::string no_pixel = "no valid pixel in the zone (nodata or masked)";
        const std::string outside_image = "zone outside the image";
        const std::string outside_lc = "zone outside the land-cover raster";
        observed_m2_.assign(m.zones(), 0);
        water_valid_m2_.assign(m.zones(), 0);
        for (size_t z = 0; z < m.zones(); ++z) {
            // Each source on its own.
            if (s_.inventory) {
                double sum = 0;
                for (double a : polygons_[z].type_m2) sum += a;
                m.set(z, "wetland_inventory_area_m2", sum);
            }
            if (s_.landcover) {
                const ZoneAccumulator& any = results.zone(kLandCoverRaster, z, "wetland_lc_any");
                if (any.valid_area_m2() > 0) {
                    m.set(z, "wetland_landcover_area_m2", any.area_weighted_sum());
                    m.set(z, "wetland_landcover_share",
                          any.area_weighted_sum() / any.valid_area_m2());
                } else {
                    const std::string why = any.area_m2() > 0 ? no_pixel : outside_lc;
                    m.missing(z, "wetland_landcover_area_m2", why);
                    m.missing(z, "wetland_landcover_share", why);
                }
            }
            if (s_.water) {
                std::vector<ZoneAccumulator> acc;
                for (const auto& n : water_channels(water_))
                    acc.push_back(results.zone(water_raster_, z, n));
                const WaterMetrics w = water_metrics(acc, water_);
                water_valid_m2_[z] = acc[1].valid_area_m2();
                const std::string why = acc[1].area_m2() > 0 ? no_pixel : outside_image;
                m.put(z, "water_valid_share", w.valid_share, why);
                m.put(z, "water_area_m2", w.water_area_m2, why);
                m.put(z, "water_share", w.water_share, why);
                m.put(z, "water_share_sweep_min", w.water_share_sweep_min, why);
                m.put(z, "water_share_sweep_max", w.water_share_sweep_max, why);
            }

            if (s_.baseline) put_change(z, m);
            if (s_.change) put_period_change(z, results, m);
            if (s_.persistence) put_persistence(z, results, m);

            if (!s_.inventory && !s_.landcover && !s_.water) continue;  // persistence alone

            // Combined: the inventory, then the raster outside it.
            WetlandSources src;
            src.types = types;
            src.inventory = s_.inventory;
            src.polygon_m2 = s_.inventory ? polygons_[z].type_m2 : std::vector<double>(types, 0);
            if (s_.inventory) src.zone_area_m2 = polygons_[z].zone_area_m2;
            std::string why_missing;
            if (!raster.empty()) {
                src.raster = true;
                src.raster_outside_m2.assign(types, 0);
                auto acc = [&](const std::string& channel) -> const ZoneAccumulator& {
                    return s_.inventory ? results.shape(raster, kOutsideSet, z, channel)
                                        : results.zone(raster, z, channel);
                };
                if (s_.landcover) {
                    const auto names = class_channels(s_.types);
                    for (size_t t = 0; t < types; ++t)
                        src.raster_outside_m2[t] = acc(names[t]).area_weighted_sum();
                    src.raster_outside_total_m2 = acc(names.back()).area_weighted_sum();
                    src.raster_valid_outside_m2 = acc(names.back()).valid_area_m2();
                } else {
                    const ZoneAccumulator& w = acc("water");
                    if (open_water < types)
                        src.raster_outside_m2[open_water] = w.area_weighted_sum();
                    src.raster_outside_total_m2 = w.area_weighted_sum();
                    src.raster_valid_outside_m2 = w.valid_area_m2();
                }
                double polygons = 0;
                for (double a : src.polygon_m2) polygons += a;
                if (results.zone_area(raster, z) <= 0 && polygons <= 0)
                    why_missing = s_.landcover ? outside_lc : outside_image;
            }
            const WetlandFigures f = combine_wetland_sources(src);
            observed_m2_[z] = f.observed_m2.value_or(0);
            const std::string reason = !why_missing.empty() ? why_missing : f.reason;
            const std::string basis = raster.empty() ? kPolygonBasis
                                      : s_.landcover ? kLandCoverBasis
                                                     : kImageryBasis;
            auto put = [&](const std::string& id, const std::optional<double>& v) {
                m.put(z, id, why_missing.empty() ? v : std::nullopt, reason);
                m.set_basis(z, id, basis);
            };
            put("wetland_area_m2", f.area_m2);
            put("wetland_share", f.share);
            for (size_t t = 0; t < types; ++t) {
                put(area_id(s_.types[t]), f.type_area_m2[t]);
                put(share_id(s_.types[t]), f.type_share[t]);
            }
        }
    }

    // The whole run per type: areas add up, shares are recomputed from the summed observed area.
    std::vector<SummaryTable> summaries(RunContext& /*ctx*/, const ZoneMetrics& m) const override {
        SummaryTable t;
        t.title = fmt::format("Wetlands ({} zones; {}):", m.zones(), sources_text());
        t.columns = {{"type", 14, true, 0}, {"area km2", 10}, {"share%", 7}};
        double observed = 0;
        size_t valued = 0;
        for (size_t z = 0; z < m.zones() && (s_.inventory || s_.landcover || s_.water); ++z)
            if (m.value(z, "wetland_area_m2")) {
                observed += observed_m2_[z];
                ++valued;
            }
        auto row = [&](const std::string& label, const std::string& area) {
            double a = 0;
            for (size_t z = 0; z < m.zones(); ++z) a += m.value(z, area).value_or(0);
            t.rows.push_back({{label, valued ? fmt::format("{:.3f}", a / 1e6) : "-",
                               observed > 0 ? fmt::format("{:.2f}", 100 * a / observed) : "-"},
                              {}});
        };
        const bool area = s_.inventory || s_.landcover || s_.water;
        if (area) {
            for (const auto& type : s_.types) row(type, area_id(type));
            t.rows.push_back({{}, std::string(33, '-')});
            row("all (union)", "wetland_area_m2");
            t.notes.push_back(fmt::format("{} of {} zones valued; observed area {:.3f} km2", valued,
                                          m.zones(), observed / 1e6));
        } else {
            t.header = false;
        }
        if (s_.water) {
            double water = 0, valid = 0;
            for (size_t z = 0; z < m.zones(); ++z) {
                water += m.value(z, "water_area_m2").value_or(0);
                valid += water_valid_m2_[z];
            }
            t.notes.push_back(fmt::format(
                "Imagery water mask {} > {} (sweep {}): {:.3f} km2 of water, {} of the valid "
                "area",
                water_index_name(water_.index), water_.threshold, fmt::join(water_.sweep, ", "),
                water / 1e6,
                valid > 0 ? fmt::format("{:.2f} %", 100 * water / valid) : std::string("-")));
        }
        if (s_.change) {
            double gain = 0, loss = 0, before = 0;
            for (size_t z = 0; z < m.zones(); ++z) {
                gain += m.value(z, "wetland_gain_m2").value_or(0);
                loss += m.value(z, "wetland_loss_m2").value_or(0);
                before += m.value(z, "wetland_baseline_area_m2").value_or(0);
            }
            const auto pct = percent_change(before, before + gain - loss);
            t.notes.push_back(fmt::format(
                "Change {} -> {} (pixels observed in both): {:.3f} km2 gained, {:.3f} km2 lost, "
                "net {:+.3f} km2 ({})",
                baseline_period.label, current_period.label, gain / 1e6, loss / 1e6,
                (gain - loss) / 1e6,
                pct ? fmt::format("{:+.2f} %", *pct) : std::string("no baseline wetland")));
        }
        if (s_.persistence) {
            double permanent = 0, seasonal = 0;
            std::optional<double> fewest;
            for (size_t z = 0; z < m.zones(); ++z) {
                permanent += m.value(z, "permanent_water_m2").value_or(0);
                seasonal += m.value(z, "seasonal_water_m2").value_or(0);
                if (const auto n = m.value(z, "observations_min"))
                    fewest = std::min(fewest.value_or(*n), *n);
            }
            t.notes.push_back(fmt::format(
                "Water persistence: {:.3f} km2 permanent (occurrence >= {}), {:.3f} km2 seasonal "
                "(>= {}); fewest valid observations of a pixel: {}",
                permanent / 1e6, s_.persistence_params.permanent, seasonal / 1e6,
                s_.persistence_params.seasonal,
                fewest ? fmt::format("{:.0f}", *fewest) : std::string("-")));
        }
        return {t};
    }

    std::vector<SummaryFigure> totals(RunContext& /*ctx*/, const ZoneMetrics& m) const override {
        std::optional<double> area, water;
        const bool sources = s_.inventory || s_.landcover || s_.water;
        for (size_t z = 0; z < m.zones(); ++z) {
            if (sources)
                if (const auto v = m.value(z, "wetland_area_m2")) area = area.value_or(0) + *v;
            if (s_.water)
                if (const auto v = m.value(z, "water_area_m2")) water = water.value_or(0) + *v;
        }
        std::vector<SummaryFigure> out;
        if (sources) out.push_back({"wetland_area_m2", area});
        if (s_.water) out.push_back({"water_area_m2", water});
        return out;
    }

    std::vector<RasterOutput> rasters(RunContext& /*ctx*/) const override {
        std::vector<RasterOutput> out;
        if (change_source) {
            const CustomWindowSource source = *change_source;
            const std::string before = baseline_period.describe(), now = current_period.describe();
            out.push_back(
                {{kTransitionSuffix},
                 [source, before, now](const std::vector<std::string>& paths, const Metadata& run) {
                     Metadata meta = run;
                     meta["wetland_baseline_period"] = before;
                     meta["wetland_current_period"] = now;
                     meta["wetland_transition_classes"] =
                         "0 stable land, 1 stable water (wetland in both periods), 2 "
                         "gain, 3 loss, 255 no data (docs/methods.md 6.5)";
                     write_transition_cog(source, paths[0], meta);
                 }});
        }
        if (persistence_source) {
            const CustomWindowSource source = *persistence_source;
            const std::string what = fmt::format(
                "water occurrence = water observations / valid observations over the {} dates of "
                "imagery.products (Pekel et al. 2016); band 1 of the observations file: valid "
                "observations per pixel",
                persistence_dates);
            out.push_back(
                {{kOccurrenceSuffix, kObservationsSuffix},
                 [source, what](const std::vector<std::string>& paths, const Metadata& run) {
                     Metadata meta = run;
                     meta["water_persistence"] = what;
                     write_persistence_cogs(source, paths[0], paths[1], meta);
                 }});
        }
        return out;
    }
    size_t persistence_dates = 0;

  private:
    // Stops the run when a period has no valid observation in any zone: nothing can be compared.
    void check_periods_seen(RunContext& ctx, const PassResults& results, size_t zones) const {
        for (const auto& [channel, period, key] :
             {std::tuple{"chg_baseline_seen", &baseline_period, "baseline"},
              std::tuple{"chg_current_seen", &current_period, "current"}}) {
            bool seen = false;
            for (size_t z = 0; z < zones && !seen; ++z)
                seen = results.zone(kChangeRaster, z, channel).valid_area_m2() > 0;
            if (!seen)
                throw Error(fmt::format(
                    "{}: wetlands.change.{} ({}): no valid observation in any zone (every date "
                    "masked or nodata there, or outside the zones): nothing to compare",
                    ctx.project().path, key, period->describe()));
        }
    }

    // The current period against the baseline period, pixel by pixel (docs/methods.md 6.5).
    void put_period_change(size_t z, const PassResults& r, ZoneMetrics& m) const {
        const ZoneAccumulator& seen_b = r.zone(kChangeRaster, z, "chg_baseline_seen");
        const ZoneAccumulator& seen_c = r.zone(kChangeRaster, z, "chg_current_seen");
        const ZoneAccumulator& before = r.zone(kChangeRaster, z, "chg_baseline");
        const ZoneAccumulator& now = r.zone(kChangeRaster, z, "chg_current");
        const double covered = r.zone_area(kChangeRaster, z);
        std::string why;
        if (covered <= 0)
            why = "zone outside the baseline period's grid";
        else if (seen_b.valid_area_m2() <= 0)
            why = "no valid observation of the baseline period (" + baseline_period.label +
                  ") in the zone (every date masked or nodata)";
        else if (seen_c.valid_area_m2() <= 0)
            why = "no valid observation of the current period (" + current_period.label +
                  ") in the zone (every date masked or nodata)";
        else if (before.valid_area_m2() <= 0)
            why = "no pixel of the zone observed in both periods";
        const std::string basis =
            baseline_period.imagery() || current_period.imagery() ? kImageryBasis : kLandCoverBasis;
        auto put = [&](const std::string& id, std::optional<double> v, const std::string& reason) {
            m.put(z, id, why.empty() ? v : std::nullopt, why.empty() ? reason : why);
            m.set_basis(z, id, basis);
        };
        const double b = before.area_weighted_sum(), c = now.area_weighted_sum();
        if (covered > 0) {  // 0 too: the share says how much of the zone was compared
            m.set(z, "wetland_change_valid_share", before.valid_area_m2() / covered);
            m.set_basis(z, "wetland_change_valid_share", basis);
        } else {
            m.missing(z, "wetland_change_valid_share", why);
        }
        put("wetland_baseline_area_m2", b, "");
        put("wetland_gain_m2", r.zone(kChangeRaster, z, "chg_gain").area_weighted_sum(), "");
        put("wetland_loss_m2", r.zone(kChangeRaster, z, "chg_loss").area_weighted_sum(), "");
        put("wetland_net_m2", c - b, "");
        put("wetland_change_pct", percent_change(b, c),
            "no wetland in the zone in the baseline period (" + baseline_period.label +
                "): a percent change is undefined");
        if (!s_.change_per_type()) return;
        for (const auto& t : s_.types) {
            const double bt = r.zone(kChangeRaster, z, "chg_baseline_" + t).area_weighted_sum();
            const double ct = r.zone(kChangeRaster, z, "chg_current_" + t).area_weighted_sum();
            put(change_id(t), percent_change(bt, ct),
                "no " + t + " in the zone in the baseline period (" + baseline_period.label + ")");
        }
    }

    void put_persistence(size_t z, const PassResults& results, ZoneMetrics& m) const {
        const auto& r = results;
        const PersistenceMetrics p =
            persistence_metrics(r.zone(kPersistenceRaster, z, "water_occurrence"),
                                r.zone(kPersistenceRaster, z, "permanent_water"),
                                r.zone(kPersistenceRaster, z, "seasonal_water"),
                                r.zone(kPersistenceRaster, z, "count"));
        const bool outside = r.zone_area(kPersistenceRaster, z) <= 0;
        const std::string why = outside ? "zone outside the image"
                                        : "no valid observation in the zone on any date (every "
                                          "date masked or nodata)";
        m.put(z, "water_observed_share", p.observed_share, why);
        m.put(z, "observations_min", p.observations_min, why);
        m.put(z, "water_occurrence_mean", p.occurrence_mean, why);
        m.put(z, "permanent_water_m2", p.permanent_m2, why);
        m.put(z, "seasonal_water_m2", p.seasonal_m2, why);
    }

    // The inventory against the baseline inventory (docs/methods.md 6.5).
    void put_change(size_t z, ZoneMetrics& m) const {
        const WetlandChangeZone& c = change_[z];
        const std::vector<double>& now = polygons_[z].type_m2;
        double current = 0, before = 0;
        for (double a : now) current += a;
        for (double a : c.baseline_type_m2) before += a;
        const std::string none = "no wetland in the zone in the baseline inventory (" +
                                 s_.baseline_label + "): a percent change is undefined";
        m.set(z, "wetland_baseline_area_m2", before);
        m.set(z, "wetland_gain_m2", c.gain_m2);
        m.set(z, "wetland_loss_m2", c.loss_m2);
        m.set(z, "wetland_net_m2", current - before);
        m.put(z, "wetland_change_pct", percent_change(before, current), none);
        for (size_t t = 0; t < s_.types.size(); ++t)
            m.put(z, change_id(s_.types[t]), percent_change(c.baseline_type_m2[t], now[t]),
                  "no " + s_.types[t] + " in the zone in the baseline inventory (" +
                      s_.baseline_label + ")");
    }

    // Class codes of the project's map that occur in no zone: a typo, or another legend.
    void warn_absent_classes(RunContext& ctx, const PassResults& results, size_t zones) const {
        std::set<long long> present, absent;
        for (size_t z = 0; z < zones; ++z)
            for (double v : results.zone(kLandCoverRaster, z, "class").classes())
                present.insert(std::llround(v));
        for (const auto& [code, type] : s_.classes)
            if (!present.count(code)) absent.insert(code);
        if (absent.empty()) return;
        ctx.warn(fmt::format(
            "{}: class code(s) {} of wetlands.landcover.classes occur in no zone (check the codes "
            "against the raster's legend)",
            s_.landcover_path, fmt::join(absent, ", ")));
    }

    std::string sources_text() const {
        std::vector<std::string> parts;
        if (s_.inventory) parts.push_back("inventory");
        if (s_.landcover) parts.push_back("land cover");
        if (s_.water) parts.push_back(fmt::format("{} water mask", water_index_name(water_.index)));
        if (s_.persistence) parts.push_back("water persistence");
        if (s_.change)
            parts.push_back("change " + baseline_period.label + " -> " + current_period.label);
        return fmt::format("{}", fmt::join(parts, " + "));
    }

    const WetlandsSettings& s_;
    WaterParams water_;
    std::string water_raster_;
    std::string other_band_;  // "swir1" (MNDWI) or "nir" (NDWI)
    std::vector<WetlandPolygonZone> polygons_;
    std::vector<WetlandChangeZone> change_;
    std::vector<double> observed_m2_;     // per zone: the denominator of wetland_share
    std::vector<double> water_valid_m2_;  // per zone: the water index's valid area
};

// ---- The family ------------------------------------------------------------------------------

class WetlandsFamily : public Family {
  public:
    std::string id() const override { return "wetlands"; }
    std::string summary() const override {
        return "wetland area and share per zone and type from an inventory, land-cover classes and "
               "an imagery water mask (MNDWI / NDWI), combined without double counting; the "
               "inventory's "
               "change against a baseline; water persistence over the dates of a time series";
    }
    std::vector<ProjectKey> keys() const override {
        return {{"wetlands", "types",
                 "the wetland types, in precedence order for overlapping polygons ([open_water, "
                 "marsh, swamp_forest, mangrove, rice_paddy, other])"},
                {"wetlands", "inventory",
                 "polygons with a type: {source, layer, type_field, values: {layer value: type}}"},
                {"wetlands", "baseline",
                 "the baseline period as an inventory, for the change of the inventory: {label, "
                 "inventory: {source, layer, type_field, values}}"},
                {"wetlands", "change",
                 "the change between two periods pixel by pixel, with a transition COG: "
                 "{baseline: PERIOD, current: PERIOD}, a PERIOD being {label, products: [...]} "
                 "(imagery composited per imagery.composite, water per wetlands.water) or "
                 "{label, landcover: {source, band, classes}}"},
                {"wetlands", "persistence",
                 "water occurrence over the dates of imagery.products: {permanent: 0.75, "
                 "seasonal: 0.25} (occurrence thresholds of ours)"},
                {"wetlands", "landcover",
                 "a land-cover raster: {source, band, classes: {code: type}} (ESA WorldCover 80 "
                 "open_water, 90 marsh, 95 mangrove by default)"},
                {"wetlands", "water",
                 "the imagery water mask: {index: auto|mndwi|ndwi, green_band, swir1_band, "
                 "threshold (0), sensitivity_thresholds ([-0.1, 0, 0.1])}"}};
    }
    std::vector<MetricInfo> metrics() const override { return wetland_metrics(); }

    std::shared_ptr<const FamilySettings> read(const ProjectReader& r) const override {
        const auto section = r.section("wetlands");
        if (!section) return nullptr;
        const YAML::Node& w = *section;
        auto s = std::make_shared<WetlandsSettings>();
        for (const auto& t : wetland_types()) s->types.push_back(t.id);
        if (const YAML::Node types = w["types"]) {
            if (!types.IsSequence() || types.size() == 0)
                r.fail(types, "\"wetlands.types\" must be a list of wetland types");
            s->types.clear();
            for (const auto& item : types) {
                const std::string id = item.IsScalar() ? item.as<std::string>() : "";
                if (!wetland_type_index(id))
                    r.fail(item,
                           "unknown wetland type \"" + id + "\" (types: " + type_list() + ")");
                if (std::find(s->types.begin(), s->types.end(), id) != s->types.end())
                    r.fail(item, "wetland type \"" + id + "\" is listed twice");
                s->types.push_back(id);
            }
            if (std::find(s->types.begin(), s->types.end(), kOtherWetlandType) == s->types.end())
                s->types.push_back(kOtherWetlandType);  // unmapped values go there
        }
        auto check_type = [&](const YAML::Node& at, const std::string& type) {
            if (std::find(s->types.begin(), s->types.end(), type) == s->types.end())
                r.fail(at, "\"" + type + "\" is not one of wetlands.types (" +
                               fmt::format("{}", fmt::join(s->types, ", ")) + ")");
        };

        auto inventory = [&](const YAML::Node& inv, const std::string& label) {
            r.check_keys(inv, {"source", "layer", "type_field", "values"}, label);
            WetlandLayerSpec spec;
            spec.label = label;
            spec.path = r.path_value(inv, "source", label, true);
            spec.layer = r.text(inv, "layer", label, false);
            spec.type_field = r.text(inv, "type_field", label, true);
            spec.mapping.types = s->types;
            if (const YAML::Node values = inv["values"]) {
                if (!values.IsMap() || values.size() == 0)
                    r.fail(values, "\"" + label +
                                       ".values\" maps layer values to types: {lake: open_water, "
                                       "...}");
                for (const auto& kv : values) {
                    if (!kv.second.IsScalar()) r.fail(kv.first, "a type is a word");
                    const std::string type = kv.second.as<std::string>();
                    check_type(kv.second, type);
                    spec.mapping.values[normalised_value(kv.first.as<std::string>())] = type;
                }
            } else {
                for (const auto& t : s->types) spec.mapping.values[t] = t;  // the ids as-is
            }
            return spec;
        };
        if (const auto inv = sub(r, w, "inventory")) {
            s->inventory = true;
            s->layer = inventory(*inv, "wetlands.inventory");
        }
        if (const auto base = sub(r, w, "baseline")) {
            r.check_keys(*base, {"label", "inventory"}, "wetlands.baseline");
            if (!s->inventory)
                r.fail(*base,
                       "\"wetlands.baseline\" is compared with the current inventory: give "
                       "wetlands.inventory too");
            const YAML::Node inv = (*base)["inventory"];
            if (!inv || !inv.IsMap())
                r.fail(*base,
                       "\"wetlands.baseline.inventory\" is required (a mapping: source, "
                       "type_field, ...)");
            s->baseline = true;
            s->baseline_layer = inventory(inv, "wetlands.baseline.inventory");
            s->baseline_label = (*base)["label"] ? r.text(*base, "label", "wetlands.baseline", true)
                                                 : std::string("baseline");
        }
        if (const auto lc = sub(r, w, "landcover")) {
            r.check_keys(*lc, {"source", "band", "classes"}, "wetlands.landcover");
            s->landcover = true;
            s->landcover_path = r.path_value(*lc, "source", "wetlands.landcover", true);
            if ((*lc)["band"])
                s->landcover_band = r.positive_int(*lc, "band", "wetlands.landcover");
            if (const YAML::Node classes = (*lc)["classes"]) {
                if (!classes.IsMap() || classes.size() == 0)
                    r.fail(classes,
                           "\"wetlands.landcover.classes\" maps class codes to types: {80: "
                           "open_water, 90: marsh, 95: mangrove}");
                for (const auto& kv : classes) {
                    long long code = 0;
                    if (!kv.first.IsScalar() || !YAML::convert<long long>::decode(kv.first, code))
                        r.fail(kv.first, "a land-cover class code is an integer");
                    if (!kv.second.IsScalar()) r.fail(kv.first, "a type is a word");
                    const std::string type = kv.second.as<std::string>();
                    check_type(kv.second, type);
                    s->classes[code] = type;
                }
            } else {
                // ESA WorldCover v200 (Zanaga et al. 2022; docs/methods.md 6.2).
                for (const auto& [code, type] : std::map<long long, std::string>{
                         {80, "open_water"}, {90, "marsh"}, {95, "mangrove"}})
                    if (std::find(s->types.begin(), s->types.end(), type) != s->types.end())
                        s->classes[code] = type;
            }
        }
        if (const auto water = sub(r, w, "water")) {
            r.check_keys(
                *water,
                {"index", "green_band", "swir1_band", "threshold", "sensitivity_thresholds"},
                "wetlands.water");
            s->water = true;
            if ((*water)["index"]) {
                s->water_index = r.text(*water, "index", "wetlands.water", true);
                if (s->water_index != "auto" && s->water_index != "mndwi" &&
                    s->water_index != "ndwi")
                    r.fail((*water)["index"], "\"wetlands.water.index\" is auto, mndwi or ndwi");
            }
            if ((*water)["green_band"])
                s->green_band = r.positive_int(*water, "green_band", "wetlands.water");
            if ((*water)["swir1_band"])
                s->swir1_band = r.positive_int(*water, "swir1_band", "wetlands.water");
            WaterParams& p = s->water_params;
            auto in_range = [&](const YAML::Node& at, double v, const std::string& what) {
                if (!(v >= -1 && v <= 1))
                    r.fail(at, what + " must be between -1 and 1 (a water index is)");
            };
            p.threshold = r.number(*water, "threshold", "wetlands.water", p.threshold);
            if ((*water)["threshold"])
                in_range((*water)["threshold"], p.threshold, "\"wetlands.water.threshold\"");
            if (const YAML::Node sweep = (*water)["sensitivity_thresholds"]) {
                if (!sweep.IsSequence() || sweep.size() == 0)
                    r.fail(sweep,
                           "\"wetlands.water.sensitivity_thresholds\" must be a list of index "
                           "values");
                p.sweep.clear();
                for (const auto& item : sweep) {
                    double v = 0;
                    if (!item.IsScalar() || !YAML::convert<double>::decode(item, v))
                        r.fail(item, "each sensitivity threshold is a number");
                    in_range(item, v, "each water-index sensitivity threshold");
                    p.sweep.push_back(v);
                }
            }
            const bool stack = static_cast<bool>(r.root()["imagery"]["source"]);
            if (stack && s->green_band == 0)
                r.fail(*water,
                       "\"wetlands.water.green_band\" is required with imagery.source (a stack: "
                       "say which band is green)");
            if (!stack && (s->green_band || s->swir1_band))
                r.fail(*water,
                       "wetlands.water.green_band / swir1_band are for imagery.source (a stack); "
                       "products know their bands");
            if (stack && s->water_index == "mndwi" && s->swir1_band == 0)
                r.fail((*water)["index"],
                       "MNDWI needs SWIR1: give wetlands.water.swir1_band (or index: ndwi)");
        }
        if (const auto per = sub(r, w, "persistence")) {
            r.check_keys(*per, {"permanent", "seasonal"}, "wetlands.persistence");
            const YAML::Node products = r.root()["imagery"]["products"];
            if (!products || !products.IsSequence() || products.size() < 2)
                r.fail(*per,
                       "\"wetlands.persistence\" needs a time series: imagery.products with at "
                       "least 2 products");
            s->persistence = true;
            PersistenceParams& pp = s->persistence_params;
            pp.permanent = r.number(*per, "permanent", "wetlands.persistence", pp.permanent);
            pp.seasonal = r.number(*per, "seasonal", "wetlands.persistence", pp.seasonal);
            if (!(pp.permanent > 0 && pp.permanent <= 1))
                r.fail((*per)["permanent"] ? (*per)["permanent"] : *per,
                       "\"wetlands.persistence.permanent\" must be an occurrence in (0, 1]");
            if (!(pp.seasonal > 0 && pp.seasonal <= pp.permanent))
                r.fail((*per)["seasonal"] ? (*per)["seasonal"] : *per,
                       "\"wetlands.persistence.seasonal\" must be an occurrence in (0, "
                       "permanent]");
        }
        if (const auto change = sub(r, w, "change")) {
            r.check_keys(*change, {"baseline", "current"}, "wetlands.change");
            if (s->baseline)
                r.fail(*change,
                       "give wetlands.baseline (an inventory against wetlands.inventory) or "
                       "wetlands.change (two periods of imagery or land cover), not both");
            s->change = true;
            s->change_baseline = period(r, *change, "baseline", *s);
            s->change_current = period(r, *change, "current", *s);
            if ((s->change_baseline.imagery() || s->change_current.imagery()) &&
                std::find(s->types.begin(), s->types.end(), "open_water") == s->types.end())
                r.fail(*change,
                       "an imagery period counts water as open_water: keep open_water in "
                       "wetlands.types");
        }
        if (!s->inventory && !s->landcover && !s->water && !s->persistence && !s->change)
            r.fail(w, "\"wetlands\" needs a source: inventory, landcover, water and/or change");
        return s;
    }

    std::vector<std::string> columns(const FamilySettings& fs) const override {
        const auto& s = settings_as<WetlandsSettings>(fs);
        std::vector<std::string> c;
        if (s.inventory || s.landcover || s.water) {  // a source of wetland area
            c = {"wetland_area_m2", "wetland_share"};
            for (const auto& t : s.types) c.push_back(area_id(t));
            for (const auto& t : s.types) c.push_back(share_id(t));
        }
        if (s.inventory) c.push_back("wetland_inventory_area_m2");
        if (s.baseline || s.change) {
            c.insert(c.end(), std::begin(kChangeIds), std::end(kChangeIds));
            if (s.baseline || s.change_per_type())
                for (const auto& t : s.types) c.push_back(change_id(t));
            if (s.change) c.push_back("wetland_change_valid_share");
        }
        if (s.landcover) {
            c.push_back("wetland_landcover_area_m2");
            c.push_back("wetland_landcover_share");
        }
        if (s.water) c.insert(c.end(), std::begin(kWaterIds), std::end(kWaterIds));
        if (s.persistence)
            c.insert(c.end(), std::begin(kPersistenceIds), std::end(kPersistenceIds));
        return c;
    }
    std::vector<RunInput> inputs(const FamilySettings& fs) const override {
        const auto& s = settings_as<WetlandsSettings>(fs);
        std::vector<RunInput> in;
        if (s.inventory) in.push_back({"wetland_inventory", s.layer.path});
        if (s.baseline) in.push_back({"wetland_baseline_inventory", s.baseline_layer.path});
        if (s.landcover) in.push_back({"wetland_landcover", s.landcover_path});
        for (const auto* period : {&s.change_baseline, &s.change_current}) {
            if (!s.change) break;
            for (const auto& p : period->products) in.push_back({"wetland_period_product", p});
            if (!period->imagery())
                in.push_back({"wetland_period_landcover", period->landcover_path});
        }
        return in;
    }
    std::vector<std::pair<std::string, std::string>> parameters(
        const FamilySettings& fs) const override {
        const auto& s = settings_as<WetlandsSettings>(fs);
        std::vector<std::pair<std::string, std::string>> p = {
            {"wetland_types", fmt::format("{}", fmt::join(s.types, ","))}};
        if (s.baseline) p.emplace_back("wetland_baseline", s.baseline_label);
        if (s.change) {
            auto text = [](const WetlandsSettings::Period& q) {
                return q.imagery() ? fmt::format("{}: {} product{}", q.label, q.products.size(),
                                                 q.products.size() == 1 ? "" : "s")
                                   : fmt::format("{}: land cover {}", q.label, q.landcover_path);
            };
            p.emplace_back("wetland_change_baseline", text(s.change_baseline));
            p.emplace_back("wetland_change_current", text(s.change_current));
        }
        if (s.persistence)
            p.emplace_back("water_persistence", fmt::format("permanent >= {}, seasonal >= {}",
                                                            s.persistence_params.permanent,
                                                            s.persistence_params.seasonal));
        if (s.water) {
            p.emplace_back("water_index", s.water_index);
            p.emplace_back("water_threshold", fmt::format("{}", s.water_params.threshold));
            p.emplace_back("water_sensitivity_thresholds",
                           fmt::format("{}", fmt::join(s.water_params.sweep, ",")));
        }
        return p;
    }

    std::vector<std::string> raster_suffixes(const FamilySettings& fs) const override {
        const auto& s = settings_as<WetlandsSettings>(fs);
        std::vector<std::string> out;
        if (s.change) out.emplace_back(kTransitionSuffix);
        if (s.persistence) {
            out.emplace_back(kOccurrenceSuffix);
            out.emplace_back(kObservationsSuffix);
        }
        return out;
    }

    std::unique_ptr<FamilyRun> start(const FamilySettings& fs, RunContext& ctx) const override {
        const auto& s = settings_as<WetlandsSettings>(fs);
        std::optional<CustomWindowSource> persistence_source, change_source;
        WetlandPeriod baseline, current;
        size_t persistence_dates = 0;
        if (s.landcover) {
            const RasterSource raster = RasterSource::open(s.landcover_path);
            raster.check_band(s.landcover_band);
            const RasterInfo info = raster.info();
            const std::string path = s.landcover_path;
            const int band = s.landcover_band;
            ctx.add_raster(kLandCoverRaster, [info, path, band](const std::vector<std::string>&) {
                return RasterInput{
                    kLandCoverRaster, path,        "wetlands land cover", info, {"class"}, path,
                    {band},           std::nullopt};
            });
        }
        WaterParams water = s.water_params;
        std::string water_raster, other;
        if (s.persistence) {
            const auto* imagery = ctx.project().settings<ImagerySettings>("imagery");
            std::vector<Product> products;
            bool swir1 = true;
            for (const auto& path : imagery->products) {
                products.push_back(recognise_product(path, imagery->recognise_options(path)));
                swir1 = swir1 && products.back().has("swir1");
            }
            if (s.water_index == "mndwi" && !swir1)
                throw Error(ctx.project().path +
                            ": wetlands.water.index is mndwi but a product has no SWIR1 band");
            const WaterIndex index =
                (s.water_index == "ndwi" || !swir1) ? WaterIndex::Ndwi : WaterIndex::Mndwi;
            const double threshold = s.water_params.threshold;
            const MaskSelection mask = imagery->mask;
            // Checked now (bands present, scenes overlapping), read in a pass of its own.
            const CustomWindowSource source =
                water_persistence_source(products, index, threshold, mask);
            persistence_source = source;
            persistence_dates = products.size();
            const std::string label =
                std::to_string(products.size()) + " products (water occurrence)";
            ctx.add_raster(kPersistenceRaster, [source, label](const std::vector<std::string>&) {
                RasterInput in;
                in.name = kPersistenceRaster;
                in.label = label;
                in.progress_label = "wetlands persistence";
                in.bands = {"occurrence", "count"};
                in.custom = source;
                in.info = source.info;
                return in;
            });
        }
        if (s.water) {
            const auto* imagery = ctx.project().settings<ImagerySettings>("imagery");
            if (!imagery) throw Error(ctx.project().path + ": wetlands.water needs imagery");
            bool swir1 = false;
            if (imagery->products.empty()) {
                swir1 = s.swir1_band > 0;
            } else {
                swir1 = true;
                for (const auto& path : imagery->products)
                    swir1 = swir1 &&
                            recognise_product(path, imagery->recognise_options(path)).has("swir1");
            }
            if (s.water_index == "mndwi" && !swir1)
                throw Error(ctx.project().path +
                            ": wetlands.water.index is mndwi but a product has no SWIR1 band");
            water.index =
                (s.water_index == "ndwi" || !swir1) ? WaterIndex::Ndwi : WaterIndex::Mndwi;
            other = water.index == WaterIndex::Mndwi ? "swir1" : "nir";
            if (imagery->products.empty()) {
                water_raster = kStackRaster;
                register_stack(ctx, *imagery, s, other);
            } else {
                water_raster = kImageryRaster;
                ctx.use_bands(kImageryRaster, {"green", other});
            }
        }
        if (s.change) {
            baseline = period_input(ctx, s, s.change_baseline);
            current = period_input(ctx, s, s.change_current);
            // Checked now (files, bands, overlap with the baseline), read in a pass of its own.
            const CustomWindowSource source = wetland_change_source(baseline, current);
            change_source = source;
            const std::string label = "wetland change " + baseline.label + " -> " + current.label;
            ctx.add_raster(kChangeRaster, [source, label](const std::vector<std::string>&) {
                RasterInput in;
                in.name = kChangeRaster;
                in.label = label;
                in.progress_label = "wetlands change";
                in.bands = {"baseline", "current"};
                in.custom = source;
                in.info = source.info;
                return in;
            });
        }
        auto run = std::make_unique<WetlandsRun>(s, water, water_raster, other);
        run->persistence_source = persistence_source;
        run->persistence_dates = persistence_dates;
        run->change_source = change_source;
        run->baseline_period = baseline;
        run->current_period = current;
        return run;
    }

  private:
    // A period of wetlands.change: {label, products: [...]} or {label, landcover: {source, band,
    // classes}}.
    static WetlandsSettings::Period period(const ProjectReader& r, const YAML::Node& change,
                                           const char* key, const WetlandsSettings& s) {
        const std::string at = std::string("wetlands.change.") + key;
        const YAML::Node n = change[key];
        if (!n || !n.IsMap())
            r.fail(n ? n : change, "\"" + at +
                                       "\" is required: {label, products: [...]} or {label, "
                                       "landcover: {source, band, classes}}");
        r.check_keys(n, {"label", "products", "landcover"}, at);
        WetlandsSettings::Period p;
        p.label = n["label"] ? r.text(n, "label", at, true) : std::string(key);
        if (n["products"] && n["landcover"])
            r.fail(n, "\"" + at + "\" is imagery (products) or land cover (landcover), not both");
        if (const YAML::Node products = n["products"]) {
            if (!products.IsSequence() || products.size() == 0)
                r.fail(products, "\"" + at + ".products\" must be a list of product paths");
            for (size_t i = 0; i < products.size(); ++i) {
                if (!products[i].IsScalar())
                    r.fail(products[i], "each of " + at + ".products is a path");
                p.products.push_back(r.resolve(products[i].as<std::string>()));
            }
            return p;
        }
        const YAML::Node lc = n["landcover"];
        if (!lc || !lc.IsMap())
            r.fail(n, "\"" + at + "\" needs products: [...] or landcover: {source, band, classes}");
        r.check_keys(lc, {"source", "band", "classes"}, at + ".landcover");
        p.landcover_path = r.path_value(lc, "source", at + ".landcover", true);
        if (lc["band"]) p.band = r.positive_int(lc, "band", at + ".landcover");
        if (const YAML::Node classes = lc["classes"]) {
            if (!classes.IsMap() || classes.size() == 0)
                r.fail(classes, "\"" + at +
                                    ".landcover.classes\" maps class codes to types: {80: "
                                    "open_water, 90: marsh, 95: mangrove}");
            for (const auto& kv : classes) {
                long long code = 0;
                if (!kv.first.IsScalar() || !YAML::convert<long long>::decode(kv.first, code))
                    r.fail(kv.first, "a land-cover class code is an integer");
                const std::string type = kv.second.IsScalar() ? kv.second.as<std::string>() : "";
                if (std::find(s.types.begin(), s.types.end(), type) == s.types.end())
                    r.fail(kv.second, "\"" + type + "\" is not one of wetlands.types (" +
                                          fmt::format("{}", fmt::join(s.types, ", ")) + ")");
                p.classes[code] = type;
            }
        } else {
            // ESA WorldCover v200 (Zanaga et al. 2022; docs/methods.md 6.2).
            for (const auto& [code, type] : std::map<long long, std::string>{
                     {80, "open_water"}, {90, "marsh"}, {95, "mangrove"}})
                if (std::find(s.types.begin(), s.types.end(), type) != s.types.end())
                    p.classes[code] = type;
        }
        return p;
    }

    // The period's inputs: products recognised, the composite and water index of the project.
    static WetlandPeriod period_input(RunContext& ctx, const WetlandsSettings& s,
                                      const WetlandsSettings::Period& q) {
        WetlandPeriod p;
        p.label = q.label;
        auto position = [&](const std::string& type) {
            return static_cast<size_t>(std::find(s.types.begin(), s.types.end(), type) -
                                       s.types.begin());
        };
        if (!q.imagery()) {
            p.landcover_path = q.landcover_path;
            p.band = q.band;
            for (const auto& [code, type] : q.classes) p.classes[code] = position(type);
            return p;
        }
        const auto* imagery = ctx.project().settings<ImagerySettings>("imagery");
        if (imagery) {
            p.method = parse_composite_method(imagery->composite);
            p.mask = imagery->mask;
        }
        bool swir1 = true;
        for (const auto& path : q.products) {
            p.products.push_back(recognise_product(path));
            swir1 = swir1 && p.products.back().has("swir1");
        }
        if (s.water_index == "mndwi" && !swir1)
            throw Error(ctx.project().path +
                        ": wetlands.water.index is mndwi but a product of "
                        "wetlands.change (" +
                        q.label + ") has no SWIR1 band");
        p.index = (s.water_index == "ndwi" || !swir1) ? WaterIndex::Ndwi : WaterIndex::Mndwi;
        p.threshold = s.water_params.threshold;
        p.water_type = position("open_water");
        return p;
    }

    static std::string type_list() {
        std::vector<std::string> ids;
        for (const auto& t : wetland_types()) ids.push_back(t.id);
        return fmt::format("{}", fmt::join(ids, ", "));
    }
    static std::optional<YAML::Node> sub(const ProjectReader& r, const YAML::Node& w,
                                         const char* key) {
        const YAML::Node n = w[key];
        if (!n) return std::nullopt;
        if (!n.IsMap())
            r.fail(n, std::string("\"wetlands.") + key + "\" must be a mapping (key: value)");
        return n;
    }
    // The stack's green and SWIR1 / NIR bands, read in a pass of their own: the imagery section
    // names red and NIR only (docs/methods.md 6.3).
    static void register_stack(RunContext& ctx, const ImagerySettings& imagery,
                               const WetlandsSettings& s, const std::string& other) {
        const int other_band = other == "swir1" ? s.swir1_band : imagery.role_bands.at("nir");
        const RasterSource image = RasterSource::open(imagery.image);
        image.check_band(s.green_band);
        image.check_band(other_band);
        const RasterInfo info = image.info();
        const std::string path = imagery.image;
        const std::map<std::string, int> roles = {{"green", s.green_band}, {other, other_band}};
        const double scale = imagery.scale, offset = imagery.offset;
        ctx.add_raster(kStackRaster, [=](const std::vector<std::string>&) {
            RasterInput in;
            in.name = kStackRaster;
            in.label = path;
            in.progress_label = "wetlands";
            in.bands = {"green", other};
            in.info = info;
            if (scale != 1 || offset != 0) {
                const Product stack = generic_product(path, roles, {scale, offset});
                in.custom = composite_window_source({stack}, in.bands, CompositeMethod::Median,
                                                    MaskSelection::none());
                in.info = in.custom->info;
                return in;
            }
            in.path = path;
            in.band_numbers = {roles.at("green"), roles.at(other)};
            return in;
        });
    }
};

}  // namespace

const Family& wetlands_family() {
    static const WetlandsFamily family;
    return family;
}

}  // namespace gg::assess
