// Hot spots and heat island area of the heat family (assess/family_heat_hotspots.hpp;
// docs/methods.md 7).
#include "assess/family_heat_hotspots.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "assess/family_heat_exposure.hpp"
#include "assess/family_imagery.hpp"
#include "assess/raster_plan.hpp"
#include "core/error.hpp"
#include "core/exposure.hpp"
#include "gis/people_on_grid.hpp"

namespace gg::assess {
namespace {

// The raster of the hot spot pass: LST and its Gi* z, read with a halo of the band.
constexpr const char* kHotspotRaster = "heat_hotspots";
constexpr const char* kGiZSuffix = "_lst_gi_z.tif";
// Bounds the halo every window is read with (this many rows and columns on each side).
constexpr int64_t kMaxBandPixels = 1000;

}  // namespace

struct HotspotRun::State {
    GiBand band;
    GiGlobal global;
    double threshold = kGiDefaultZ;  // |z|; +inf when BH rejects nothing
    uint64_t tests = 0;              // BH: pixels with a z
    std::string unavailable;         // why there is no z at all (no or constant LST), or ""
    CustomWindowSource lst, hotspots;
};

std::vector<ProjectKey> hotspot_keys() {
    return {{"heat", "hotspots",
             "Getis-Ord Gi* hot spots of LST: {band_m: 300 (distance band, half the side of a "
             "square of pixels; the product's default, docs/methods.md 7.3), z: 1.96 (two-sided "
             "95 %), fdr: false (true: Benjamini-Hochberg 1995 instead of z), fdr_q: 0.05}; "
             "false: no hot spots"},
            {"heat", "heat_island_sd",
             "heat island: pixels with LST > mean + k SD of the zone set (k = 1, Zhang and Wang "
             "2008)"}};
}

std::vector<MetricInfo> hotspot_metrics() {
    const char* b = kImageryBasis;
    const char* gi = "Getis and Ord 1992; Ord and Getis 1995; docs/methods.md 7.3";
    return {
        {"hotspot_share", "1",
         "share of the zone's area with a Gi* z of LST that is a hot spot (z >= "
         "heat.hotspots.z, or the Benjamini-Hochberg threshold)",
         gi, true, b},
        {"coldspot_share", "1", "the same for cold spots (z <= -threshold)", gi, true, b},
        {"heat_island_area_m2", "m2",
         "ground area of the zone's pixels with LST > mean + heat.heat_island_sd (1) SD of the "
         "zone set",
         "Zhang and Wang 2008, Sensors 8:7453; docs/methods.md 7.3", true, b},
    };
}

HotspotSettings read_hotspots(const ProjectReader& r, const YAML::Node& heat) {
    HotspotSettings s;
    const char* label = "heat.hotspots";
    if (const YAML::Node h = heat["hotspots"]) {
        if (h.IsScalar()) {
            s.enabled = r.boolean(heat, "hotspots", "heat", true);
        } else if (h.IsMap()) {
            r.check_keys(h, {"band_m", "z", "fdr", "fdr_q"}, label);
            s.band_m = r.number(h, "band_m", label, s.band_m);
            s.z = r.number(h, "z", label, s.z);
            s.fdr = r.boolean(h, "fdr", label, s.fdr);
            s.fdr_q = r.number(h, "fdr_q", label, s.fdr_q);
            if (!(s.band_m > 0)) r.fail(h["band_m"], "\"heat.hotspots.band_m\" must be > 0 m");
            if (!(s.z > 0)) r.fail(h["z"], "\"heat.hotspots.z\" must be > 0");
            if (!(s.fdr_q > 0 && s.fdr_q < 1))
                r.fail(h["fdr_q"], "\"heat.hotspots.fdr_q\" must be in (0, 1)");
            if (s.fdr && h["z"])
                r.fail(h["z"],
                       "\"heat.hotspots.z\" and \"fdr: true\" exclude each other (the FDR "
                       "gives the threshold)");
            if (!s.fdr && h["fdr_q"])
                r.fail(h["fdr_q"], "\"heat.hotspots.fdr_q\" needs \"fdr: true\"");
        } else {
            r.fail(h, "\"heat.hotspots\" must be a mapping (band_m, z, fdr, fdr_q) or false");
        }
    }
    s.heat_island_sd = r.number(heat, "heat_island_sd", "heat", s.heat_island_sd);
    if (!(s.heat_island_sd >= 0))
        r.fail(heat["heat_island_sd"], "\"heat.heat_island_sd\" must be 0 or more");
    return s;
}

std::vector<std::string> hotspot_columns(const HotspotSettings& s) {
    if (!s.enabled) return {"heat_island_area_m2"};
    return {"hotspot_share", "coldspot_share", "heat_island_area_m2"};
}

std::vector<std::pair<std::string, std::string>> hotspot_parameters(const HotspotSettings& s) {
    std::vector<std::pair<std::string, std::string>> p;
    if (s.enabled) {
        p.emplace_back("hotspots_band_m", fmt::format("{}", s.band_m));
        p.emplace_back("hotspots_threshold",
                       s.fdr ? fmt::format("fdr q {}", s.fdr_q) : fmt::format("z {}", s.z));
    } else {
        p.emplace_back("hotspots", "off");
    }
    p.emplace_back("heat_island_sd", fmt::format("{}", s.heat_island_sd));
    return p;
}

std::vector<std::string> hotspot_raster_suffixes(const HotspotSettings& s) {
    if (!s.enabled) return {};
    return {kGiZSuffix};
}

GiBand band_pixels(double band_m, const RasterInfo& info) {
    if (info.geographic)
        throw Error("heat.hotspots.band_m is in metres but the thermal grid of " + info.path +
                    " is geographic (degrees): use products on a projected grid");
    const auto pixels = [&](double cell, const char* axis) {
        const double size = cell * info.linear_unit_m;
        const double r = std::round(band_m / size);
        if (r < 1)
            throw Error(fmt::format(
                "heat.hotspots.band_m ({} m) is less than half a pixel ({} m {}): the band "
                "would hold the pixel alone",
                band_m, size, axis));
        if (r > kMaxBandPixels)
            throw Error(fmt::format("heat.hotspots.band_m ({} m) is more than {} pixels of {} m",
                                    band_m, kMaxBandPixels, size));
        return static_cast<int64_t>(r);
    };
    return {pixels(info.grid.dx, "wide"), pixels(info.grid.dy, "high")};
}

HotspotRun::HotspotRun(const HotspotSettings& s, RunContext& ctx, LstInputs lst,
                       std::string heat_raster, std::string population_raster)
    : s_(s),
      heat_raster_(std::move(heat_raster)),
      population_(std::move(population_raster)),
      state_(std::make_shared<State>()) {
    if (!s_.enabled) return;
    // Checked now (bands, overlap, band in pixels); the statistics pass waits for the opening.
    state_->lst = lst_source(lst);
    try {
        state_->band = band_pixels(s_.band_m, state_->lst.info);
    } catch (const Error& e) {
        throw Error(ctx.project().path + ": " + e.what());
    }
    const auto state = state_;
    const HotspotSettings settings = s_;
    const std::string population = population_;
    ctx.add_raster(kHotspotRaster, [state, settings, population](const std::vector<std::string>&) {
        RasterInput in;
        in.name = kHotspotRaster;
        in.label = state->lst.info.path + " (LST Gi*)";
        in.progress_label = "heat hot spots";
        // The global n, mean and S first (one read of the bands), then z can be read anywhere.
        try {
            state->global = lst_statistics(state->lst);
        } catch (const Error& e) {
            // All masked or constant: no z anywhere, the zones say why (as LST metrics do).
            state->unavailable = e.what();
            in.bands = {"lst"};
            in.custom = state->lst;
            in.info = state->lst.info;
            return in;
        }
        state->hotspots = hotspot_source(state->lst, state->band, state->global);
        if (settings.fdr) {
            const AbsZHistogram h = z_histogram(state->hotspots);
            const auto t = h.bh_threshold(settings.fdr_q);
            state->threshold = t ? *t : std::numeric_limits<double>::infinity();
            state->tests = h.tests();
        } else {
            state->threshold = settings.z;
        }
        in.bands = {"lst", "gi_z"};
        in.custom = state->hotspots;
        if (!population.empty()) {  // the people per pixel, for pop_in_hotspots
            in.bands.emplace_back(kHeatPeopleBand);
            in.custom = with_people(state->hotspots, population);
        }
        in.info = state->hotspots.info;
        return in;
    });
}

void HotspotRun::plan(RunPlan& plan) const {
    if (!s_.enabled || !state_->unavailable.empty()) return;
    const size_t zi = plan.band_index(kHotspotRaster, "gi_z");
    const double t = state_->threshold;
    ChannelGroup g;
    g.key = "hotspots";
    g.names = {"hotspot", "coldspot"};
    g.keep_distribution = {false, false};
    // 1 or 0 where z is defined, so the area-weighted mean is the area share.
    g.derive = [zi, t](const std::vector<ChannelBuffer>& bands, std::span<ChannelBuffer> out) {
        const ChannelBuffer& z = bands[zi];
        for (auto& c : out) {
            c.valid = z.valid;
            c.values.assign(z.values.size(), 0.0);
        }
        for (size_t p = 0; p < z.values.size(); ++p) {
            if (!z.valid[p]) continue;
            out[0].values[p] = z.values[p] >= t ? 1.0 : 0.0;
            out[1].values[p] = z.values[p] <= -t ? 1.0 : 0.0;
        }
    };
    plan.channels(kHotspotRaster, std::move(g));
    plan.zone_channels(kHotspotRaster, {"hotspot", "coldspot"});
    if (population_.empty()) return;
    const size_t people = plan.band_index(kHotspotRaster, kHeatPeopleBand);
    ChannelGroup p;
    p.key = "hotspot residents";
    p.names = {"hotspot_residents"};
    p.keep_distribution = {false};
    p.derive = [zi, people, t](const std::vector<ChannelBuffer>& bands,
                               std::span<ChannelBuffer> out) {
        derive_people_in_hotspots(bands[zi], bands[people], t, out[0]);
    };
    plan.channels(kHotspotRaster, std::move(p));
    plan.zone_channels(kHotspotRaster, {"hotspot_residents"});
}

namespace {

// Ground area of the accumulator's pixels with a value above t: its valid area times the share
// of its coverage weight above t (exact when the zone's pixels have one area, as on a projected
// grid with plane areas; otherwise within the spread of pixel areas over the zone).
double area_above(const ZoneAccumulator& a, double t) {
    double share = 0;
    for (double v : a.classes())
        if (v > t) share += *a.fraction(v);
    return a.valid_area_m2() * share;
}

}  // namespace

void HotspotRun::finish(const PassResults& results, ZoneMetrics& m,
                        const std::string& proxy) const {
    const size_t zones = m.zones();
    const bool residents = s_.enabled && !population_.empty();
    if (s_.enabled && !state_->unavailable.empty()) {
        for (size_t z = 0; z < zones; ++z) {
            for (const char* id : {"hotspot_share", "coldspot_share"})
                m.missing(z, id, state_->unavailable);
            if (residents) m.missing(z, "pop_in_hotspots", state_->unavailable);
        }
    } else if (s_.enabled) {
        for (size_t z = 0; z < zones; ++z) {
            const ZoneAccumulator& hot = results.zone(kHotspotRaster, z, "hotspot");
            const ZoneAccumulator& cold = results.zone(kHotspotRaster, z, "coldspot");
            if (!(hot.valid_area_m2() > 0)) {
                const std::string why = hot.area_m2() > 0
                                            ? "no pixel with a Gi* z in the zone (no valid LST)"
                                            : "zone outside the image";
                m.missing(z, "hotspot_share", why);
                m.missing(z, "coldspot_share", why);
                if (residents) m.missing(z, "pop_in_hotspots", why);
                continue;
            }
            m.set(z, "hotspot_share", hot.area_weighted_sum() / hot.valid_area_m2(), proxy);
            m.set(z, "coldspot_share", cold.area_weighted_sum() / cold.valid_area_m2(), proxy);
            if (!residents) continue;
            // sum c p over the hot spots: persons, the zone's share of each pixel's residents.
            const ZoneAccumulator& people = results.zone(kHotspotRaster, z, "hotspot_residents");
            if (people.has_values())
                m.set(z, "pop_in_hotspots", people.sum(), proxy);
            else
                m.missing(z, "pop_in_hotspots",
                          "no population pixel on the zone's pixels with a Gi* z (outside the "
                          "population raster or nodata)");
        }
    }
    // The zone set's LST: every zone's pixels together (coverage-weighted, as the zones' own).
    ZoneAccumulator all;
    for (size_t z = 0; z < zones; ++z) all.merge(results.zone(heat_raster_, z, "lst"));
    if (!all.has_values()) {
        for (size_t z = 0; z < zones; ++z)
            m.missing(z, "heat_island_area_m2", "no valid LST pixel in any zone");
        return;
    }
    const double t = *all.mean() + s_.heat_island_sd * *all.stddev();
    for (size_t z = 0; z < zones; ++z) {
        const ZoneAccumulator& lst = results.zone(heat_raster_, z, "lst");
        if (!lst.has_values())
            m.missing(z, "heat_island_area_m2",
                      lst.area_m2() > 0 ? "no valid thermal pixel in the zone"
                                        : "zone outside the image");
        else
            m.set(z, "heat_island_area_m2", area_above(lst, t), proxy);
    }
}

std::vector<RasterOutput> HotspotRun::rasters() const {
    if (!s_.enabled) return {};
    const auto state = state_;
    const HotspotSettings s = s_;
    return {{{kGiZSuffix}, [state, s](const std::vector<std::string>& paths, const Metadata& run) {
                 Metadata meta = run;
                 const State& st = *state;
                 if (!st.unavailable.empty()) {  // every pixel nodata, and why
                     meta["lst_gi_star"] = "no Gi* z: " + st.unavailable;
                     write_nodata_cog(st.lst, paths[0], meta);
                     return;
                 }
                 const std::string significance =
                     s.fdr ? (std::isfinite(st.threshold)
                                  ? fmt::format("|z| >= {:.3f}: Benjamini-Hochberg FDR q = {} "
                                                "over {} pixels (Benjamini and Hochberg 1995)",
                                                st.threshold, s.fdr_q, st.tests)
                                  : fmt::format("none: Benjamini-Hochberg FDR q = {} over {} "
                                                "pixels rejects no pixel",
                                                s.fdr_q, st.tests))
                           : fmt::format("|z| >= {} (two-sided, unadjusted)", st.threshold);
                 meta["lst_gi_star"] = fmt::format(
                     "Getis-Ord Gi* z of land surface temperature (Getis and Ord 1992; Ord and "
                     "Getis 1995): binary weights, self included, square band of {} m = {} x {} "
                     "pixels either side, clipped at the raster edge; masked pixels excluded; "
                     "n = {}, mean = {:.4f} K, S = {:.4f} K (population SD over every valid pixel "
                     "of the raster); significant: {}; nodata {}",
                     s.band_m, st.band.cols, st.band.rows, st.global.n, st.global.mean,
                     st.global.sd, significance, kGiZNodata);
                 write_gi_z_cog(st.hotspots, paths[0], meta);
             }}};
}

}  // namespace gg::assess
