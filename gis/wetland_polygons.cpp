#include "gis/wetland_polygons.hpp"

#include <memory>

#include "core/error.hpp"
#include "gis/feature_polygons_reader.hpp"
#include "gis/gdal_setup.hpp"
#include "gis/geodesic_area.hpp"
#include "gis/geos_util.hpp"
#include "gis/ogr_layer.hpp"

namespace gg {

namespace {

// The one place a wetland polygon is measured: by the run's area convention (GroundArea: the
// geodesic area on the CRS's ellipsoid by default, docs/methods.md 8), as every other area.
double polygon_area_m2(const Geos& geos, const GEOSGeometry& g, const GroundArea& measure) {
    if (GEOSisEmpty_r(geos.handle(), &g) == 1) return 0;
    const std::vector<Geos::Ptr> polys = geos.polygons(g);
    if (polys.empty()) return 0;
    std::vector<const GEOSGeometry*> raw;
    for (const auto& p : polys) raw.push_back(p.get());
    return measure.wkb(geos.iso_wkb(*geos.collect(raw)));
}

std::string field_text(const OGRFeature& f, int idx) {
    return f.IsFieldSetAndNotNull(idx) ? f.GetFieldAsString(idx) : "";
}

std::vector<Geos::Ptr> parts_of(const Geos& geos, const MultiPolygon& g) {
    std::vector<Geos::Ptr> out;
    out.reserve(g.parts.size());
    for (const Polygon& p : g.parts) out.push_back(geos.polygon(p));
    return out;
}

}  // namespace

WetlandLayer read_wetland_layer(const WetlandLayerSpec& spec, const std::string& target_crs_wkt) {
    init_gdal();
    const QuietGdalErrors quiet;
    const OpenedLayer opened = open_layer(spec.path, spec.layer, "wetland inventory");
    OGRLayer* layer = opened.layer;
    const std::string& where = opened.where;
    const WetlandTypeMapping& mapping = spec.mapping;
    if (mapping.types.empty()) fail_at(where, "no wetland type to measure");

    WetlandLayer out;
    out.path = spec.path;
    out.layer_name = layer->GetName();
    out.crs_wkt = target_crs_wkt;
    OGRFeatureDefn& defn = *layer->GetLayerDefn();
    const int type_idx = field_index(where, defn, spec.type_field, "type");
    check_polygon_layer(opened, "wetland inventory");
    const Reprojection reproj = make_reprojection(where, *layer->GetSpatialRef(), target_crs_wkt);

    const Geos geos;
    std::vector<std::vector<Geos::Ptr>> per_type(mapping.types.size());
    out.features_by_type.assign(mapping.types.size(), 0);
    FeaturePolygonsReader features(where, reproj, geos, "a wetland geometry");
    layer->ResetReading();
    for (const auto& f : *layer) {
        ++out.features_read;
        Geos::Ptr g = features.read(*f);
        if (!g) continue;
        const std::string value = field_text(*f, type_idx);
        bool unmapped = false;
        const size_t t = mapping.type_of(value, &unmapped);
        if (unmapped) ++out.unmapped[value.empty() ? "(null)" : value];
        ++out.features_kept;
        ++out.features_by_type[t];
        per_type[t].push_back(std::move(g));
    }

    // Precedence: each type's dissolved polygons minus the union of the types before it.
    Geos::Ptr taken;  // the union of the types so far
    for (size_t t = 0; t < per_type.size(); ++t) {
        Geos::Ptr mine = geos.dissolve(per_type[t]);
        if (taken && GEOSisEmpty_r(geos.handle(), mine.get()) != 1) {
            Geos::Ptr rest =
                geos.make_valid(geos.own(GEOSDifference_r(geos.handle(), mine.get(), taken.get()),
                                         "a wetland type minus "
                                         "those before it"));
            out.by_type.push_back(geos.to_core(*rest));
            taken = geos.own(GEOSUnion_r(geos.handle(), taken.get(), mine.get()),
                             "the wetland types so far");
        } else {
            out.by_type.push_back(geos.to_core(*mine));
            if (!taken) taken = geos.clone(*mine);
        }
    }

    if (!out.unmapped.empty()) {
        std::vector<std::string> listed;
        for (const auto& [value, n] : out.unmapped)
            listed.push_back("\"" + value + "\" (" + plural(n, "feature", "features") + ")");
        out.warnings.push_back(where + ": value(s) of \"" + spec.type_field + "\" not in " +
                               spec.label + ".values, counted as other: " + join(listed, 20));
    }
    out.repaired_count = features.repaired_count();
    features.add_warnings(out.warnings);
    if (out.features_kept == 0) out.warnings.push_back(where + ": no wetland polygon to measure");
    return out;
}

std::vector<WetlandPolygonZone> wetland_polygons_per_zone(const WetlandLayer& layer,
                                                          const std::vector<MultiPolygon>& zones,
                                                          const std::string& crs_wkt,
                                                          AreaConvention areas) {
    init_gdal();
    const GroundArea measure(crs_wkt, areas, "wetland area");
    const QuietGdalErrors quiet;
    const Geos geos;
    std::vector<std::vector<Geos::Ptr>> parts;
    std::vector<std::unique_ptr<GeosIndex>> index;
    for (const MultiPolygon& t : layer.by_type) {
        parts.push_back(parts_of(geos, t));
        index.push_back(std::make_unique<GeosIndex>(geos, parts.back()));
    }
    std::vector<WetlandPolygonZone> out(zones.size());
    for (size_t z = 0; z < zones.size(); ++z) {
        out[z].type_m2.assign(layer.by_type.size(), 0);
        if (zones[z].empty()) continue;
        const Geos::Ptr zone = geos.make_valid(geos.multipolygon(zones[z]));
        out[z].zone_area_m2 = polygon_area_m2(geos, *zone, measure);
        // The zone minus each type in turn (parts of one type do not overlap; parts of two types
        // may share an edge, so they are not collected into one multipolygon).
        Geos::Ptr rest = geos.clone(*zone);
        for (size_t t = 0; t < parts.size(); ++t) {
            std::vector<const GEOSGeometry*> touching;
            for (size_t i : index[t]->query(*zone)) {
                const GEOSGeometry& part = *parts[t][i];
                if (GEOSIntersects_r(geos.handle(), zone.get(), &part) != 1) continue;
                touching.push_back(&part);
                // The parts of a type do not overlap, nor do the types: the sum is the union.
                const Geos::Ptr piece = geos.own(
                    GEOSIntersection_r(geos.handle(), zone.get(), &part), "wetland ∩ zone");
                out[z].type_m2[t] += polygon_area_m2(geos, *piece, measure);
            }
            if (!touching.empty())
                rest = geos.own(
                    GEOSDifference_r(geos.handle(), rest.get(), geos.collect(touching).get()),
                    "zone minus wetlands");
        }
        out[z].zone_outside = geos.to_core(*rest);
    }
    return out;
}

std::vector<WetlandChangeZone> wetland_change_per_zone(const WetlandLayer& baseline,
                                                       const WetlandLayer& current,
                                                       const std::vector<MultiPolygon>& zones,
                                                       const std::string& crs_wkt,
                                                       AreaConvention areas) {
    init_gdal();
    const GroundArea measure(crs_wkt, areas, "wetland area");
    const QuietGdalErrors quiet;
    const Geos geos;
    // Each period as one valid geometry (its types are disjoint; the union merges shared edges)
    // and its parts, for the STRtree.
    struct Period {
        std::vector<std::vector<Geos::Ptr>> type_parts;
        std::vector<std::unique_ptr<GeosIndex>> type_index;
        std::vector<Geos::Ptr> parts;
        std::unique_ptr<GeosIndex> index;
    };
    auto prepare = [&](const WetlandLayer& layer) {
        Period p;
        std::vector<Geos::Ptr> all;
        for (const MultiPolygon& t : layer.by_type) {
            p.type_parts.push_back(parts_of(geos, t));
            p.type_index.push_back(std::make_unique<GeosIndex>(geos, p.type_parts.back()));
            for (const Polygon& poly : t.parts) all.push_back(geos.polygon(poly));
        }
        p.parts = geos.polygons(*geos.dissolve(all));
        p.index = std::make_unique<GeosIndex>(geos, p.parts);
        return p;
    };
    const Period before = prepare(baseline), now = prepare(current);
    // The period inside the zone, as one valid geometry (empty when nothing meets the zone).
    auto inside = [&](const Period& p, const GEOSGeometry& zone) -> Geos::Ptr {
        std::vector<const GEOSGeometry*> hits;
        for (size_t i : p.index->query(zone)) hits.push_back(p.parts[i].get());
        if (hits.empty()) return nullptr;
        return geos.make_valid(geos.own(
            GEOSIntersection_r(geos.handle(), &zone, geos.collect(hits).get()), "wetland ∩ zone"));
    };
    auto minus = [&](const Geos::Ptr& a, const Geos::Ptr& b) {
        if (!a) return 0.0;
        if (!b) return polygon_area_m2(geos, *a, measure);
        const Geos::Ptr d =
            geos.own(GEOSDifference_r(geos.handle(), a.get(), b.get()), "a period minus another");
        return polygon_area_m2(geos, *d, measure);
    };
    std::vector<WetlandChangeZone> out(zones.size());
    for (size_t z = 0; z < zones.size(); ++z) {
        out[z].baseline_type_m2.assign(baseline.by_type.size(), 0);
        if (zones[z].empty()) continue;
        const Geos::Ptr zone = geos.make_valid(geos.multipolygon(zones[z]));
        const Geos::Ptr b = inside(before, *zone), c = inside(now, *zone);
        out[z].gain_m2 = minus(c, b);
        out[z].loss_m2 = minus(b, c);
        for (size_t t = 0; t < before.type_parts.size(); ++t)
            for (size_t i : before.type_index[t]->query(*zone)) {
                const GEOSGeometry& part = *before.type_parts[t][i];
                if (GEOSIntersects_r(geos.handle(), zone.get(), &part) != 1) continue;
                const Geos::Ptr piece = geos.own(
                    GEOSIntersection_r(geos.handle(), zone.get(), &part), "wetland ∩ zone");
                out[z].baseline_type_m2[t] += polygon_area_m2(geos, *piece, measure);
            }
    }
    return out;
}

}  // namespace gg
