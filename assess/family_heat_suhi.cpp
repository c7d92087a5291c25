// The heat island intensity part of the heat family (assess/family_heat_suhi.hpp).
#include "assess/family_heat_suhi.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "assess/family_heat.hpp"
#include "assess/family_imagery.hpp"
#include "assess/project_reader.hpp"
#include "assess/raster_plan.hpp"
#include "gis/reference_ring.hpp"

namespace gg::assess {
namespace {

constexpr const char* kRingSet = "suhi_reference";
const char* const kColumns[] = {"suhi_k", "suhi_k_min", "suhi_k_max"};

ReferenceRing read_ring(const ProjectReader& r, const YAML::Node& node, const std::string& what) {
    if (!node.IsSequence() || node.size() != 2)
        r.fail(node, "\"" + what + "\" must be [inner_km, outer_km], e.g. [2, 10]");
    ReferenceRing ring;
    try {
        ring.inner_km = node[0].as<double>();
        ring.outer_km = node[1].as<double>();
    } catch (const YAML::Exception&) {
        r.fail(node, "\"" + what + "\" must be two numbers [inner_km, outer_km]");
    }
    if (!(ring.inner_km >= 0 && ring.outer_km > ring.inner_km && ring.outer_km <= 200))
        r.fail(node, "\"" + what + "\" must have 0 <= inner_km < outer_km <= 200");
    return ring;
}

void put(ZoneMetrics& m, size_t z, const char* id, const HeatValue& v, const std::string& proxy) {
    if (v.value)
        m.set(z, id, *v.value, proxy);
    else
        m.missing(z, id, v.reason);
}

std::string km2(double m2) {
    return fmt::format("{:.1f}", m2 / 1e6);
}

}  // namespace

std::optional<SuhiParams> read_suhi(const ProjectReader& r, const YAML::Node& heat) {
    const YAML::Node node = heat["suhi"];
    if (!node) return std::nullopt;
    SuhiParams p;
    if (node.IsNull()) return p;
    if (!node.IsMap()) r.fail(node, "\"heat.suhi\" must be a mapping (or {} for the defaults)");
    r.check_keys(node,
                 {"ring_km", "sweep_km", "water_mndwi", "builtup_ndbi", "min_reference_pixels"},
                 "heat.suhi");
    if (node["ring_km"]) p.ring = read_ring(r, node["ring_km"], "heat.suhi.ring_km");
    if (const YAML::Node sweep = node["sweep_km"]) {
        if (!sweep.IsSequence() || sweep.size() == 0)
            r.fail(sweep, "\"heat.suhi.sweep_km\" must be a list of [inner_km, outer_km] rings");
        p.sweep.clear();
        for (const YAML::Node& ring : sweep)
            p.sweep.push_back(read_ring(r, ring, "heat.suhi.sweep_km"));
    }
    p.water_mndwi = r.number(node, "water_mndwi", "heat.suhi", p.water_mndwi);
    p.builtup_ndbi = r.number(node, "builtup_ndbi", "heat.suhi", p.builtup_ndbi);
    if (!(p.water_mndwi >= -1 && p.water_mndwi <= 1))
        r.fail(node["water_mndwi"], "\"heat.suhi.water_mndwi\" must be in [-1, 1]");
    if (!(p.builtup_ndbi >= -1 && p.builtup_ndbi <= 1))
        r.fail(node["builtup_ndbi"], "\"heat.suhi.builtup_ndbi\" must be in [-1, 1]");
    p.min_reference_pixels =
        r.number(node, "min_reference_pixels", "heat.suhi", p.min_reference_pixels);
    if (!(p.min_reference_pixels >= 1))
        r.fail(node["min_reference_pixels"],
               "\"heat.suhi.min_reference_pixels\" must be 1 or more");
    return p;
}

std::vector<MetricInfo> suhi_metrics() {
    const char* b = kImageryBasis;
    const char* src = "docs/methods.md 7.4";
    return {
        {"suhi_k", "K",
         "surface urban heat island intensity: mean LST of the zone's land (not water) pixels "
         "minus that of the rural pixels of the reference ring heat.suhi.ring_km (2-10 km)",
         src, true, b},
        {"suhi_k_min", "K", "smallest suhi_k over the rings of heat.suhi.sweep_km and ring_km", src,
         true, b},
        {"suhi_k_max", "K", "largest suhi_k over the rings of heat.suhi.sweep_km and ring_km", src,
         true, b},
    };
}

std::vector<std::string> suhi_columns() {
    return {std::begin(kColumns), std::end(kColumns)};
}

std::vector<std::pair<std::string, std::string>> suhi_parameters(const SuhiParams& p) {
    std::vector<std::string> sweep;
    for (const auto& r : p.sweep) sweep.push_back(r.label());
    return {{"suhi_ring", p.ring.label()},
            {"suhi_sweep", fmt::format("{}", fmt::join(sweep, ", "))},
            {"suhi_water_mndwi", fmt::format("{}", p.water_mndwi)},
            {"suhi_builtup_ndbi", fmt::format("{}", p.builtup_ndbi)},
            {"suhi_min_reference_pixels", fmt::format("{}", p.min_reference_pixels)}};
}

void SuhiRun::plan(RunContext& ctx, RunPlan& plan, ChannelGroup& heat) {
    const size_t nir = plan.band_index(kHeatRaster, "nir");
    const size_t green = plan.band_index(kHeatRaster, "green");
    const size_t swir1 = plan.band_index(kHeatRaster, "swir1");
    const SuhiParams suhi = suhi_;
    // The channels follow the heat group's and are derived from its LST, channel 0.
    const size_t first = heat.names.size();
    heat.key += fmt::format(" suhi {} {}", suhi.water_mndwi, suhi.builtup_ndbi);
    for (const std::string& name : suhi_channel_names()) {
        heat.names.push_back(name);
        heat.keep_distribution.push_back(false);
    }
    heat.derive = [heat_derive = std::move(heat.derive), first, nir, green, swir1, suhi](
                      const std::vector<ChannelBuffer>& b, std::span<ChannelBuffer> out) {
        heat_derive(b, out.first(first));
        derive_suhi_channels(out[0], b[nir], b[green], b[swir1], suhi, out.subspan(first));
    };
    plan.zone_channels(kHeatRaster, {suhi_channel_names()[0]});

    references_.clear();
    references_.push_back({suhi_.ring, 0, 0, {}});
    for (const ReferenceRing& r : suhi_.sweep)
        if (r.inner_km != suhi_.ring.inner_km || r.outer_km != suhi_.ring.outer_km)
            references_.push_back({r, 0, 0, {}});
    std::vector<ReferenceRing> rings;
    for (const auto& ref : references_) rings.push_back(ref.ring);
    const std::string& crs = ctx.raster(kHeatRaster).info.crs_wkt;
    std::vector<MultiPolygon> zones;
    for (const Zone& z : ctx.zones_in(crs).zones) zones.push_back(z.geometry);
    ReferenceRings made = reference_rings(zones, crs, rings, ctx.areas());
    work_crs_ = made.work_crs;
    plan.shape_channels(kHeatRaster, kRingSet, std::move(made.rings), {suhi_channel_names()[1]});
}

void SuhiRun::finish(const PassResults& results, ZoneMetrics& m, const std::string& proxy) {
    std::vector<HeatValue> lst;
    for (size_t i = 0; i < references_.size(); ++i) {
        Reference& ref = references_[i];
        const ZoneAccumulator& rural =
            results.shape(kHeatRaster, kRingSet, i, suhi_channel_names()[1]);
        ref.area_m2 = rural.area_m2();
        ref.pixels = rural.count();
        ref.lst = reference_lst(rural, suhi_, ref.ring.label() + " around the zones");
        lst.push_back(ref.lst);
    }
    for (size_t z = 0; z < m.zones(); ++z) {
        if (results.zone_area(kHeatRaster, z) <= 0) {
            for (const char* id : kColumns) m.missing(z, id, "zone outside the image");
            continue;
        }
        const ZoneAccumulator& land = results.zone(kHeatRaster, z, suhi_channel_names()[0]);
        std::vector<HeatValue> per_ring;
        for (const HeatValue& ref : lst) per_ring.push_back(suhi_of(land, ref));
        put(m, z, "suhi_k", per_ring.front(), proxy);
        const HeatRange range = range_of(per_ring);
        put(m, z, "suhi_k_min", range.min, proxy);
        put(m, z, "suhi_k_max", range.max, proxy);
    }
}

std::vector<SummaryTable> SuhiRun::summaries() const {
    SummaryTable t;
    t.title =
        "Heat island reference (rural pixels: MNDWI <= " + fmt::format("{}", suhi_.water_mndwi) +
        " and NDBI <= " + fmt::format("{}", suhi_.builtup_ndbi) +
        "; rings around the union of the zones, " + "buffered in " + work_crs_ + "):";
    t.columns = {{"ring", 12, true}, {"area km2", 10}, {"rural px", 10}, {"LST K", 8}};
    for (const Reference& ref : references_)
        t.rows.push_back({{ref.ring.label() + (&ref == &references_.front() ? " *" : ""),
                           km2(ref.area_m2), fmt::format("{:.0f}", ref.pixels),
                           ref.lst.value ? fmt::format("{:.2f}", *ref.lst.value) : "-"},
                          ""});
    t.notes.push_back("* the ring of suhi_k; suhi_k_min and suhi_k_max are over every ring");
    for (const Reference& ref : references_)
        if (!ref.lst.value) t.notes.push_back(ref.ring.label() + ": " + ref.lst.reason);
    return {t};
}

std::vector<SummaryFigure> SuhiRun::totals() const {
    std::vector<SummaryFigure> out;
    const Reference& main = references_.front();
    out.push_back({"suhi_reference_area_m2", main.area_m2});
    out.push_back({"suhi_reference_rural_pixels", main.pixels});
    out.push_back({"suhi_reference_lst_k", main.lst.value});
    return out;
}

}  // namespace gg::assess
