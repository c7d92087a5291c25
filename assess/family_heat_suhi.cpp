// The heat island intensity part of the heat family (assess/family_heat_suhi.hpp).
#include "assess/family_heat_suhi.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "assess/family_heat.hpp"
#include "assess/family_heat_landcover.hpp"
#include "assess/family_imagery.hpp"
#include "assess/project_reader.hpp"
#include "assess/raster_plan.hpp"
#include "core/error.hpp"
#include "gis/raster_source.hpp"
#include "gis/reference_polygon.hpp"
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

std::string polygon_label(const SuhiParams& p) {
    return "polygon " + p.reference_path +
           (p.reference_layer.empty() ? "" : " (layer " + p.reference_layer + ")");
}

// What makes a pixel of the reference rural.
std::string rural_text(const SuhiParams& p) {
    if (p.rural_classes.empty())
        return fmt::format("MNDWI <= {} and NDBI <= {}", p.water_mndwi, p.builtup_ndbi);
    return fmt::format("land-cover classes {} of {} band {}", fmt::join(p.rural_classes, ", "),
                       p.landcover_path, p.landcover_band);
}

constexpr const char* kNoSweep =
    "does not apply: the reference is a polygon (heat.suhi.reference), not rings around the zones";

std::string km2(double m2) {
    return fmt::format("{:.1f}", m2 / 1e6);
}

// The polygon, its errors prefixed with the key that names the file.
ReferencePolygon reference_polygon(const SuhiParams& p, const std::string& crs,
                                   AreaConvention areas) {
    try {
        return read_reference_polygon(p.reference_path, p.reference_layer, crs, areas);
    } catch (const Error& e) {
        throw Error(std::string("heat.suhi.reference: ") + e.what());
    }
}

// A polygon away from the image is a wrong file or CRS, not a reference without pixels.
void check_overlaps_image(const ReferencePolygon& poly, const RasterInfo& image) {
    const Box b = bounds(poly.shape);
    const Grid& g = image.grid;
    const double xmax = g.cell_left(g.cols), ymin = g.y0 - static_cast<double>(g.rows) * g.dy;
    if (b.empty() || b.xmax <= g.x0 || b.xmin >= xmax || b.ymax <= ymin || b.ymin >= g.y0)
        throw Error("heat.suhi.reference: " + poly.where +
                    ": the polygon does not overlap the image (check its CRS and extent)");
}

// The smallest and largest code a band of this GDAL type can hold; nullopt: any whole number.
std::optional<std::pair<long long, long long>> code_range(const std::string& type) {
    if (type == "Byte") return std::pair(0LL, 255LL);
    if (type == "Int8") return std::pair(-128LL, 127LL);
    if (type == "UInt16") return std::pair(0LL, 65535LL);
    if (type == "Int16") return std::pair(-32768LL, 32767LL);
    if (type == "UInt32") return std::pair(0LL, 4294967295LL);
    if (type == "Int32") return std::pair(-2147483648LL, 2147483647LL);
    return std::nullopt;
}

// heat.suhi.rural_classes, and the land-cover raster they are codes of: heat.suhi.landcover, or
// the landcover family's source (one map for both, as a project usually has).
void read_rural_classes(const ProjectReader& r, const YAML::Node& node, SuhiParams& p) {
    const YAML::Node list = node["rural_classes"];
    if (!list) {
        for (const char* key : {"landcover", "landcover_band"})
            if (node[key])
                r.fail(node[key], std::string("\"heat.suhi.") + key +
                                      "\" needs \"heat.suhi.rural_classes\" (the rural codes)");
        return;
    }
    if (!list.IsSequence() || list.size() == 0)
        r.fail(list,
               "\"heat.suhi.rural_classes\" must be a list of class codes, e.g. [10, 20, "
               "30, 40]");
    const HeatLandcover map =
        read_heat_landcover(r, node, "heat.suhi", "heat.suhi.rural_classes", list);
    p.landcover_path = map.path;
    p.landcover_band = map.band;
    std::string type;
    try {
        const RasterSource raster = RasterSource::open(p.landcover_path);
        raster.check_band(p.landcover_band);
        type = raster.info().data_type;
    } catch (const Error& e) {
        r.fail(node["landcover"] ? node["landcover"] : list,
               std::string("the land-cover raster of \"heat.suhi.rural_classes\": ") + e.what());
    }
    const auto range = code_range(type);
    for (const YAML::Node& item : list) {
        long long code = 0;
        if (!item.IsScalar() || !YAML::convert<long long>::decode(item, code))
            r.fail(item, "\"heat.suhi.rural_classes\" holds class codes (integers)");
        if (range && (code < range->first || code > range->second))
            r.fail(item, fmt::format("\"heat.suhi.rural_classes\": {} is not a class code of {} "
                                     "(a {} band holds {} to {})",
                                     code, p.landcover_path, type, range->first, range->second));
        if (std::find(p.rural_classes.begin(), p.rural_classes.end(), code) ==
            p.rural_classes.end())
            p.rural_classes.push_back(code);
    }
}

}  // namespace

std::optional<SuhiParams> read_suhi(const ProjectReader& r, const YAML::Node& heat) {
    const YAML::Node node = heat["suhi"];
    if (!node) return std::nullopt;
    SuhiParams p;
    if (node.IsNull()) return p;
    if (!node.IsMap()) r.fail(node, "\"heat.suhi\" must be a mapping (or {} for the defaults)");
    r.check_keys(
        node,
        {"ring_km", "sweep_km", "reference", "reference_layer", "rural_classes", "landcover",
         "landcover_band", "water_mndwi", "builtup_ndbi", "min_reference_pixels"},
        "heat.suhi");
    if (node["reference"]) {
        // One reference each: a polygon and a ring (or rings) at once would leave suhi_k's unsaid.
        for (const char* ring_key : {"ring_km", "sweep_km"})
            if (node[ring_key])
                r.fail(node[ring_key], std::string("\"heat.suhi.") + ring_key +
                                           "\" and \"heat.suhi.reference\" are two references: "
                                           "give a ring or a polygon, not both");
        p.reference_path = r.path_value(node, "reference", "heat.suhi", true);
        p.reference_layer = r.text(node, "reference_layer", "heat.suhi", false);
        p.sweep.clear();
    } else if (node["reference_layer"]) {
        r.fail(node["reference_layer"],
               "\"heat.suhi.reference_layer\" needs \"heat.suhi.reference\" (its source)");
    }
    if (node["ring_km"]) p.ring = read_ring(r, node["ring_km"], "heat.suhi.ring_km");
    if (const YAML::Node sweep = node["sweep_km"]) {
        if (!sweep.IsSequence() || sweep.size() == 0)
            r.fail(sweep, "\"heat.suhi.sweep_km\" must be a list of [inner_km, outer_km] rings");
        p.sweep.clear();
        for (const YAML::Node& ring : sweep)
            p.sweep.push_back(read_ring(r, ring, "heat.suhi.sweep_km"));
    }
    read_rural_classes(r, node, p);
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
         "minus that of the rural pixels of the reference: the ring heat.suhi.ring_km (2-10 km) "
         "or the polygon heat.suhi.reference",
         src, true, b},
        {"suhi_k_min", "K",
         "smallest suhi_k over the rings of heat.suhi.sweep_km and ring_km (empty for a polygon)",
         src, true, b},
        {"suhi_k_max", "K",
         "largest suhi_k over the rings of heat.suhi.sweep_km and ring_km (empty for a polygon)",
         src, true, b},
    };
}

std::vector<std::string> suhi_columns() {
    return {std::begin(kColumns), std::end(kColumns)};
}

std::vector<std::pair<std::string, std::string>> suhi_parameters(const SuhiParams& p) {
    std::vector<std::string> sweep;
    for (const auto& r : p.sweep) sweep.push_back(r.label());
    std::vector<std::pair<std::string, std::string>> out;
    if (p.polygon()) {
        out.emplace_back("suhi_reference", polygon_label(p));
        out.emplace_back("suhi_sweep", kNoSweep);
    } else {
        out.emplace_back("suhi_ring", p.ring.label());
        out.emplace_back("suhi_sweep", fmt::format("{}", fmt::join(sweep, ", ")));
    }
    if (!p.rural_classes.empty()) out.emplace_back("suhi_rural_classes", rural_text(p));
    out.emplace_back("suhi_water_mndwi", fmt::format("{}", p.water_mndwi));
    out.emplace_back("suhi_builtup_ndbi", fmt::format("{}", p.builtup_ndbi));
    out.emplace_back("suhi_min_reference_pixels", fmt::format("{}", p.min_reference_pixels));
    return out;
}

void SuhiRun::plan(RunContext& ctx, RunPlan& plan, ChannelGroup& heat) {
    const size_t nir = plan.band_index(kHeatRaster, "nir");
    const size_t green = plan.band_index(kHeatRaster, "green");
    const size_t swir1 = plan.band_index(kHeatRaster, "swir1");
    const bool by_class = !suhi_.rural_classes.empty();
    const size_t cls = by_class ? plan.band_index(kHeatRaster, kHeatClassBand) : 0;
    const SuhiParams suhi = suhi_;
    // The channels follow the heat group's and are derived from its LST, channel 0.
    const size_t first = heat.names.size();
    heat.key += fmt::format(" suhi {} {} classes {}", suhi.water_mndwi, suhi.builtup_ndbi,
                            fmt::join(suhi.rural_classes, ","));
    for (const std::string& name : suhi_channel_names()) {
        heat.names.push_back(name);
        heat.keep_distribution.push_back(false);
    }
    heat.derive = [heat_derive = std::move(heat.derive), first, nir, green, swir1, by_class, cls,
                   suhi](const std::vector<ChannelBuffer>& b, std::span<ChannelBuffer> out) {
        heat_derive(b, out.first(first));
        derive_suhi_channels(out[0], b[nir], b[green], b[swir1], by_class ? &b[cls] : nullptr, suhi,
                             out.subspan(first));
    };
    plan.zone_channels(kHeatRaster, {suhi_channel_names()[0]});

    references_.clear();
    const RasterInfo& image = ctx.raster(kHeatRaster).info;
    const std::string& crs = image.crs_wkt;
    if (suhi_.polygon()) {
        ReferencePolygon poly = reference_polygon(suhi_, crs, ctx.areas());
        for (const std::string& w : poly.warnings) ctx.warn(w);
        check_overlaps_image(poly, image);
        std::vector<MultiPolygon> zones;
        for (const Zone& z : ctx.zones_in(crs).zones) zones.push_back(z.geometry);
        if (const double inside = reference_zones_overlap_m2(poly.shape, zones, crs, ctx.areas());
            inside > 0)
            ctx.warn(
                fmt::format("heat.suhi.reference: {}: {:.0f} m2 ({:.1f} %) of the rural "
                            "reference lies within the zones; their rural pixels count in it "
                            "(a reference outside the city is the usual one)",
                            poly.where, inside, 100 * inside / poly.area_m2));
        polygon_area_m2_ = poly.area_m2;
        polygon_where_ = poly.where;
        references_.push_back({polygon_label(suhi_), {}, 0, 0, {}});
        plan.shape_channels(kHeatRaster, kRingSet, {std::move(poly.shape)},
                            {suhi_channel_names()[1]});
        return;
    }
    references_.push_back({suhi_.ring.label(), suhi_.ring, 0, 0, {}});
    for (const ReferenceRing& r : suhi_.sweep)
        if (r.inner_km != suhi_.ring.inner_km || r.outer_km != suhi_.ring.outer_km)
            references_.push_back({r.label(), r, 0, 0, {}});
    std::vector<ReferenceRing> rings;
    for (const auto& ref : references_) rings.push_back(ref.ring);
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
        if (suhi_.polygon() && ref.area_m2 <= 0)
            throw Error("heat.suhi.reference: " + polygon_where_ +
                        ": the polygon covers no pixel of the image");
        std::string what = suhi_.polygon() ? ref.label : ref.label + " around the zones";
        // With classes, an empty reference is most often codes not of the map, or a map that
        // does not reach the reference: the reason names both.
        if (!suhi_.rural_classes.empty())
            what += " (rural: " + rural_text(suhi_) + ", the map's cells under the pixels)";
        ref.lst = reference_lst(rural, suhi_, what);
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
        if (suhi_.polygon()) {
            m.missing(z, "suhi_k_min", std::string("the sweep ") + kNoSweep);
            m.missing(z, "suhi_k_max", std::string("the sweep ") + kNoSweep);
            continue;
        }
        const HeatRange range = range_of(per_ring);
        put(m, z, "suhi_k_min", range.min, proxy);
        put(m, z, "suhi_k_max", range.max, proxy);
    }
}

std::vector<SummaryTable> SuhiRun::summaries() const {
    if (suhi_.polygon()) return {polygon_summary()};
    SummaryTable t;
    t.title = "Heat island reference (rural pixels: " + rural_text(suhi_) +
              "; rings around the union of the zones, " + "buffered in " + work_crs_ + "):";
    t.columns = {{"ring", 12, true}, {"area km2", 10}, {"rural px", 10}, {"LST K", 8}};
    for (const Reference& ref : references_)
        t.rows.push_back({{ref.label + (&ref == &references_.front() ? " *" : ""), km2(ref.area_m2),
                           fmt::format("{:.0f}", ref.pixels),
                           ref.lst.value ? fmt::format("{:.2f}", *ref.lst.value) : "-"},
                          ""});
    t.notes.push_back("* the ring of suhi_k; suhi_k_min and suhi_k_max are over every ring");
    for (const Reference& ref : references_)
        if (!ref.lst.value) t.notes.push_back(ref.label + ": " + ref.lst.reason);
    return {t};
}

SummaryTable SuhiRun::polygon_summary() const {
    const Reference& ref = references_.front();
    SummaryTable t;
    t.title = "Heat island reference (rural pixels: " + rural_text(suhi_) + "; the polygon " +
              polygon_where_ + "):";
    t.columns = {{"polygon km2", 12}, {"in image km2", 12}, {"rural px", 10}, {"LST K", 8}};
    t.rows.push_back({{km2(polygon_area_m2_), km2(ref.area_m2), fmt::format("{:.0f}", ref.pixels),
                       ref.lst.value ? fmt::format("{:.2f}", *ref.lst.value) : "-"},
                      ""});
    t.notes.push_back(std::string("suhi_k_min and suhi_k_max: the sweep ") + kNoSweep);
    if (!ref.lst.value) t.notes.push_back(ref.lst.reason);
    return t;
}

std::vector<SummaryFigure> SuhiRun::totals() const {
    std::vector<SummaryFigure> out;
    const Reference& main = references_.front();
    out.push_back({"suhi_reference_area_m2", main.area_m2});
    out.push_back({"suhi_reference_rural_pixels", main.pixels});
    out.push_back({"suhi_reference_lst_k", main.lst.value});
    if (suhi_.polygon()) out.push_back({"suhi_reference_polygon_area_m2", polygon_area_m2_});
    return out;
}

}  // namespace gg::assess
