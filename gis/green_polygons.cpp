#include "gis/green_polygons.hpp"

#include <fmt/format.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <memory>
#include <set>

#include "core/error.hpp"
#include "gis/feature_polygons_reader.hpp"
#include "gis/gdal_setup.hpp"
#include "gis/geodesic_area.hpp"
#include "gis/geos_util.hpp"
#include "gis/ground_buffer.hpp"
#include "gis/ogr_layer.hpp"

namespace gg {

namespace {

// Lower-case ASCII letters, spaces trimmed: "Yes " == "yes"; Thai text is compared as it is.
std::string normalised(const std::string& s) {
    size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    std::string out = s.substr(b, e - b);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::set<std::string> normalised_set(const std::vector<std::string>& values) {
    std::set<std::string> out;
    for (const auto& v : values) out.insert(normalised(v));
    return out;
}

std::string field_text(const OGRFeature& f, int idx) {
    return f.IsFieldSetAndNotNull(idx) ? f.GetFieldAsString(idx) : "";
}

OGRSpatialReference parse_crs(const std::string& crs_wkt, const char* what) {
    OGRSpatialReference srs;
    if (crs_wkt.empty() || srs.SetFromUserInput(crs_wkt.c_str()) != OGRERR_NONE)
        throw Error(std::string(what) + ": the coordinate reference system of the zones " +
                    (crs_wkt.empty() ? "is missing" : "cannot be parsed"));
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

// Ground area in m2 of the polygonal parts of a GEOS geometry in the given CRS (gis/geodesic_area:
// geodesic, or the plane area of a projected CRS under the planar convention).
class GeosArea {
  public:
    GeosArea(const Geos& geos, const std::string& crs_wkt, AreaConvention convention,
             const char* what)
        : geos_(geos), srs_(parse_crs(crs_wkt, what)), area_(crs_wkt, convention, what) {
        geographic_ = srs_.IsGeographic();
        if (!geographic_) {
            const double unit = srs_.GetLinearUnits();
            unit2_ = unit * unit;
        }
    }
    const OGRSpatialReference& srs() const { return srs_; }
    bool geographic() const { return geographic_; }

    double operator()(const GEOSGeometry& g) const {
        if (!area_.geodesic()) return geos_.planar_area(g) * unit2_;
        if (GEOSisEmpty_r(geos_.handle(), &g) == 1) return 0;
        const std::vector<Geos::Ptr> polys = geos_.polygons(g);
        std::vector<const GEOSGeometry*> raw;
        for (const auto& p : polys) raw.push_back(p.get());
        return area_.wkb(geos_.iso_wkb(*geos_.collect(raw)));
    }

  private:
    const Geos& geos_;
    OGRSpatialReference srs_;
    GroundArea area_;
    bool geographic_ = false;
    double unit2_ = 1;
};

void check_same_crs(const GreenLayer& layer, const OGRSpatialReference& zones_srs,
                    const char* what) {
    if (layer.crs_wkt.empty()) return;
    OGRSpatialReference layer_srs = parse_crs(layer.crs_wkt, what);
    if (!layer_srs.IsSame(&zones_srs))
        throw Error(std::string(what) + ": the green spaces of " + layer.path +
                    " were read in another CRS than the zones'");
}

std::vector<Geos::Ptr> parts_of(const Geos& geos, const MultiPolygon& g) {
    std::vector<Geos::Ptr> out;
    out.reserve(g.parts.size());
    for (const Polygon& p : g.parts) out.push_back(geos.polygon(p));
    return out;
}

// A zone as a valid GEOS geometry (read_zones already repaired it; this is a safety net).
Geos::Ptr zone_geometry(const Geos& geos, const MultiPolygon& zone) {
    return geos.make_valid(geos.multipolygon(zone));
}

class Prepared {
  public:
    Prepared(const Geos& geos, const GEOSGeometry& g)
        : geos_(geos), p_(GEOSPrepare_r(geos.handle(), &g)) {
        if (!p_) throw Error("GEOS failed to prepare a zone geometry");
    }
    ~Prepared() { GEOSPreparedGeom_destroy_r(geos_.handle(), p_); }
    Prepared(const Prepared&) = delete;
    Prepared& operator=(const Prepared&) = delete;
    bool intersects(const GEOSGeometry& g) const {
        return GEOSPreparedIntersects_r(geos_.handle(), p_, &g) == 1;
    }
    bool contains(const GEOSGeometry& g) const {
        return GEOSPreparedContains_r(geos_.handle(), p_, &g) == 1;
    }

  private:
    const Geos& geos_;
    const GEOSPreparedGeometry* p_;
};

}  // namespace

GreenLayer read_green_layer(const GreenLayerSpec& spec, const std::string& target_crs_wkt) {
    init_gdal();
    const QuietGdalErrors quiet;
    const OpenedLayer opened = open_layer(spec.path, spec.layer, "green spaces");
    OGRLayer* layer = opened.layer;
    const std::string& where = opened.where;

    GreenLayer out;
    out.path = spec.path;
    out.layer_name = layer->GetName();
    out.crs_wkt = target_crs_wkt;

    OGRFeatureDefn& defn = *layer->GetLayerDefn();
    if (spec.category_field.empty() && !spec.categories.empty())
        fail_at(where,
                "categories (" + join(spec.categories) + ") are given without a category field");
    const int cat_idx = spec.category_field.empty()
                            ? -1
                            : field_index(where, defn, spec.category_field, "category");
    const int pub_idx =
        spec.public_field.empty() ? -1 : field_index(where, defn, spec.public_field, "public");
    out.public_known = pub_idx >= 0;
    if (out.public_known && spec.public_values.empty())
        fail_at(where, "public field \"" + spec.public_field + "\" is given without public values");
    const std::set<std::string> categories = normalised_set(spec.categories);
    const std::set<std::string> public_values = normalised_set(spec.public_values);

    out.source_crs_wkt = check_polygon_layer(opened, "green spaces");
    const Reprojection reproj = make_reprojection(where, *layer->GetSpatialRef(), target_crs_wkt);

    const Geos geos;
    std::vector<Geos::Ptr> all, pub;
    FeaturePolygonsReader features(where, reproj, geos, "a green-space geometry");
    std::map<std::string, size_t> other_categories;  // values filtered out, for the error message
    layer->ResetReading();
    for (const auto& f : *layer) {
        ++out.features_read;
        if (cat_idx >= 0 && !categories.empty()) {
            const std::string value = field_text(*f, cat_idx);
            if (!categories.count(normalised(value))) {
                ++other_categories[value.empty() ? "(null)" : value];
                continue;
            }
        }
        Geos::Ptr g = features.read(*f);
        if (!g) continue;
        ++out.features_kept;
        if (pub_idx >= 0 && public_values.count(normalised(field_text(*f, pub_idx)))) {
            ++out.public_features;
            pub.push_back(geos.clone(*g));
        }
        all.push_back(std::move(g));
    }

    if (out.features_kept == 0 && !other_categories.empty()) {
        std::vector<std::string> found;
        for (const auto& [value, n] : other_categories) found.push_back("\"" + value + "\"");
        fail_at(where, "no feature has a category in (" + join(spec.categories) + ") in field \"" +
                           spec.category_field + "\" (values found: " + join(found, 20) + ")");
    }
    out.green = geos.to_core(*geos.dissolve(all));
    out.public_green = geos.to_core(*geos.dissolve(pub));

    out.repaired_count = features.repaired_count();
    features.add_warnings(out.warnings);
    if (out.features_kept == 0)
        out.warnings.push_back(where + ": no green-space polygon to measure");
    return out;
}

std::vector<GreenPolygonMetrics> green_polygons_per_zone(const GreenLayer& layer,
                                                         const std::vector<MultiPolygon>& zones,
                                                         const std::string& crs_wkt,
                                                         AreaConvention areas) {
    init_gdal();
    const QuietGdalErrors quiet;
    const Geos geos;
    const GeosArea area(geos, crs_wkt, areas, "green space per zone");
    check_same_crs(layer, area.srs(), "green space per zone");
    const std::vector<Geos::Ptr> green = parts_of(geos, layer.green);
    const std::vector<Geos::Ptr> pub = parts_of(geos, layer.public_green);
    const GeosIndex green_index(geos, green), public_index(geos, pub);

    std::vector<GreenPolygonMetrics> out(zones.size());
    for (size_t z = 0; z < zones.size(); ++z) {
        if (zones[z].empty()) continue;
        const Geos::Ptr zone = zone_geometry(geos, zones[z]);
        const Prepared prepared(geos, *zone);
        // Sum over the dissolved parts that meet the zone: they do not overlap, so the sum is the
        // area of the union.
        auto area_inside = [&](const std::vector<Geos::Ptr>& parts, const GeosIndex& index,
                               std::vector<const GEOSGeometry*>* touching) {
            double sum = 0;
            for (size_t i : index.query(*zone)) {
                const GEOSGeometry& part = *parts[i];
                if (!prepared.intersects(part)) continue;
                if (touching) touching->push_back(&part);
                if (prepared.contains(part)) {
                    sum += area(part);
                } else {
                    const Geos::Ptr piece = geos.own(
                        GEOSIntersection_r(geos.handle(), zone.get(), &part), "green ∩ zone");
                    sum += area(*piece);
                }
            }
            return sum;
        };
        std::vector<const GEOSGeometry*> touching;
        out[z].green_polygon_area_m2 = area_inside(green, green_index, &touching);
        out[z].public_green_area_m2 = area_inside(pub, public_index, nullptr);
        if (touching.empty()) {
            out[z].zone_outside_green = geos.to_core(*zone);
        } else {
            const Geos::Ptr rest =
                geos.own(GEOSDifference_r(geos.handle(), zone.get(), geos.collect(touching).get()),
                         "zone minus green");
            out[z].zone_outside_green = geos.to_core(*rest);
        }
    }
    return out;
}

std::vector<MultiPolygon> access_areas(const GreenLayer& layer,
                                       const std::vector<MultiPolygon>& zones,
                                       const std::string& crs_wkt, const AccessOptions& options,
                                       AccessReport* report) {
    init_gdal();
    const QuietGdalErrors quiet;
    if (options.public_only && !layer.public_known)
        throw Error(layer.path +
                    ": no public-access field is set for the green spaces, so access to public "
                    "green space cannot be computed (set one, or count every green space)");
    if (!(options.distance_m > 0) || !(options.min_area_m2 >= 0))
        throw Error("accessibility: the distance must be positive and the minimum area >= 0");
    const Geos geos;
    const GeosArea area(geos, crs_wkt, options.areas, "accessibility");
    check_same_crs(layer, area.srs(), "accessibility");
    AccessReport local;
    AccessReport& rep = report ? *report : local;
    rep = AccessReport{};

    // The green spaces that count, in the target CRS.
    MultiPolygon spaces;
    for (const Polygon& p : (options.public_only ? layer.public_green : layer.green).parts)
        if (area(*geos.polygon(p)) >= options.min_area_m2) spaces.parts.push_back(p);
    rep.spaces = spaces.parts.size();

    // The centre of the zones' extent (of the spaces' when no zone has a geometry).
    const OGRSpatialReference& target = area.srs();
    Box extent;
    for (const MultiPolygon& z : zones) {
        const Box b = bounds(z);
        if (b.empty()) continue;
        extent.expand({b.xmin, b.ymin});
        extent.expand({b.xmax, b.ymax});
    }
    if (extent.empty()) extent = bounds(spaces);
    const Point centre =
        extent.empty() ? Point{0, 0}
                       : Point{(extent.xmin + extent.xmax) / 2, (extent.ymin + extent.ymax) / 2};
    const GroundBuffer frame(target, centre, options.areas, "accessibility");
    rep.work_crs = frame.work_crs();
    if (frame.reprojected() && area.geographic())
        rep.notes.push_back("the zones' CRS \"" + std::string(target.GetName()) +
                            "\" is geographic: access buffers were computed in " + rep.work_crs);
    const Geos::Ptr reach =
        frame.buffer(geos, std::move(spaces), options.distance_m, options.quadrant_segments);
    const std::vector<Geos::Ptr> parts = geos.polygons(*reach);
    const GeosIndex index(geos, parts);

    std::vector<MultiPolygon> out(zones.size());
    for (size_t z = 0; z < zones.size(); ++z) {
        if (zones[z].empty()) continue;
        const Geos::Ptr zone = zone_geometry(geos, zones[z]);
        std::vector<const GEOSGeometry*> hits;
        for (size_t i : index.query(*zone)) hits.push_back(parts[i].get());
        if (hits.empty()) continue;
        const Geos::Ptr clipped =
            geos.own(GEOSIntersection_r(geos.handle(), zone.get(), geos.collect(hits).get()),
                     "zone ∩ access area");
        out[z] = geos.to_core(*clipped);
    }
    return out;
}

}  // namespace gg
