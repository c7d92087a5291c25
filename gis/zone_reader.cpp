#include "gis/zone_reader.hpp"

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <map>
#include <memory>

#include "core/error.hpp"
#include "gis/gdal_setup.hpp"
#include "gis/ogr_polygons.hpp"
#include "gis/ogr_util.hpp"

namespace gg {

namespace {

[[noreturn]] void fail(const std::string& where, const std::string& problem) {
    throw Error(where + ": " + problem);
}

GDALDatasetUniquePtr open_vector(const std::string& path) {
    GDALDatasetUniquePtr ds(
        GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR));
    if (ds) return ds;
    const std::string detail = gdal_last_error();
    if (!path_exists(path)) fail(path, "no such file");
    if (GDALDatasetUniquePtr(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY)))
        fail(path, "is a raster, not a vector source of zones");
    const bool generic = detail.empty() || detail.find("not recognized") != std::string::npos;
    fail(path, generic ? "not a vector source GDAL can read"
                       : "not a vector source GDAL can read (" + detail + ")");
}

std::string join(const std::vector<std::string>& items, size_t max_items = 50) {
    std::string out;
    for (size_t i = 0; i < items.size() && i < max_items; ++i) out += (i ? ", " : "") + items[i];
    if (items.size() > max_items) out += ", ...";
    return out;
}

OGRLayer* select_layer(GDALDataset& ds, const ZoneLayerSpec& spec) {
    if (ds.GetLayerCount() == 0) fail(spec.path, "has no layers");
    if (spec.layer.empty()) return ds.GetLayer(0);
    if (OGRLayer* layer = ds.GetLayerByName(spec.layer.c_str())) return layer;
    std::vector<std::string> names;
    for (OGRLayer* layer : ds.GetLayers()) names.push_back(layer->GetName());
    fail(spec.path, "layer \"" + spec.layer + "\" not found (layers: " + join(names) + ")");
}

// Index of a required field, or an error listing the fields the layer does have.
int field_index(const std::string& where, OGRFeatureDefn& defn, const std::string& name,
                const char* role) {
    const int idx = defn.GetFieldIndex(name.c_str());
    if (idx >= 0) return idx;
    std::vector<std::string> names;
    for (int i = 0; i < defn.GetFieldCount(); ++i)
        names.push_back(defn.GetFieldDefn(i)->GetNameRef());
    fail(where,
         std::string(role) + " field \"" + name + "\" not found (fields: " + join(names) + ")");
}

bool is_integer(OGRFieldType t) {
    return t == OFTInteger || t == OFTInteger64;
}

// Ids are text; integral reals (shapefiles store many integer ids as Real) print without ".0".
std::string id_text(const OGRFeature& f, int idx, OGRFieldType type) {
    if (idx < 0) return std::to_string(f.GetFID());
    if (!f.IsFieldSetAndNotNull(idx)) return "";
    if (is_integer(type)) return std::to_string(f.GetFieldAsInteger64(idx));
    if (type == OFTReal) {
        const double v = f.GetFieldAsDouble(idx);
        if (std::trunc(v) == v && std::abs(v) < 9007199254740992.0)  // 2^53: exact integers
            return std::to_string(static_cast<int64_t>(v));
        char buf[32];
        const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
        return std::string(buf, end);
    }
    return f.GetFieldAsString(idx);
}

// Source -> target CRS, or nothing to do when they are the same (or no target is given).
struct Reprojection {
    std::unique_ptr<OGRCoordinateTransformation> ct;
    double max_segment = 0;  // densify edges longer than this (source units) before transforming
};

Reprojection make_reprojection(const std::string& where, const OGRSpatialReference& layer_srs,
                               const std::string& target_crs_wkt) {
    Reprojection r;
    if (target_crs_wkt.empty()) return r;
    OGRSpatialReference src(layer_srs), dst;
    if (dst.SetFromUserInput(target_crs_wkt.c_str()) != OGRERR_NONE)
        fail(where, "the target coordinate reference system cannot be parsed");
    // x = easting/longitude, y = northing/latitude on both sides, whatever the CRS's axis order.
    src.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    dst.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (src.IsSame(&dst)) return r;
    r.ct.reset(OGRCreateCoordinateTransformation(&src, &dst));
    if (!r.ct) {
        const std::string detail = gdal_last_error();
        fail(where, std::string("cannot transform from the layer CRS \"") + src.GetName() +
                        "\" to \"" + dst.GetName() + "\"" +
                        (detail.empty() ? "" : " (" + detail + ")"));
    }
    // A straight edge in the source CRS is curved in the target one: densify so long edges
    // follow it (0.001 degree ~ 100 m; short tract edges get no extra vertices).
    if (src.IsGeographic())
        r.max_segment = 0.001 * CPLAtof(SRS_UA_DEGREE_CONV) / src.GetAngularUnits();
    else
        r.max_segment = 100.0 / src.GetLinearUnits();
    return r;
}

std::string quoted_sample(const std::vector<std::string>& ids) {
    std::vector<std::string> q;
    for (size_t i = 0; i < ids.size() && i < 5; ++i) q.push_back("\"" + ids[i] + "\"");
    return join(q, 5) + (ids.size() > 5 ? ", ..." : "");
}

std::string plural(size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

ZoneSet read_zones(const ZoneLayerSpec& spec, const std::string& target_crs_wkt) {
    init_gdal();
    const QuietGdalErrors quiet;
    GDALDatasetUniquePtr ds = open_vector(spec.path);
    OGRLayer* layer = select_layer(*ds, spec);
    const bool name_layer = ds->GetLayerCount() > 1 || !spec.layer.empty();
    const std::string where =
        spec.path + (name_layer ? std::string(", layer \"") + layer->GetName() + "\"" : "");

    ZoneSet set;
    set.path = spec.path;
    set.layer_name = layer->GetName();
    set.id_field = spec.id_field;

    OGRFeatureDefn& defn = *layer->GetLayerDefn();
    const int id_idx = spec.id_field.empty() ? -1 : field_index(where, defn, spec.id_field, "id");
    const int name_idx =
        spec.name_field.empty() ? -1 : field_index(where, defn, spec.name_field, "name");
    const int pop_idx = spec.population_field.empty()
                            ? -1
                            : field_index(where, defn, spec.population_field, "population");
    std::vector<std::pair<std::string, int>> attribute_idx;
    for (const auto& field : spec.attribute_fields)
        attribute_idx.emplace_back(field, field_index(where, defn, field, "attribute"));
    const OGRFieldType id_type = id_idx < 0 ? OFTInteger64 : defn.GetFieldDefn(id_idx)->GetType();
    set.id_is_integer = is_integer(id_type);
    if (pop_idx >= 0) {
        const OGRFieldType t = defn.GetFieldDefn(pop_idx)->GetType();
        if (!is_integer(t) && t != OFTReal)
            fail(where, "population field \"" + spec.population_field + "\" is not numeric (" +
                            OGRFieldDefn::GetFieldTypeName(t) + ")");
    }

    const OGRwkbGeometryType gtype = wkbFlatten(layer->GetGeomType());
    if (gtype == wkbNone) fail(where, "has no geometry column");
    if (gtype == wkbPoint || gtype == wkbMultiPoint || OGR_GT_IsCurve(gtype) ||
        OGR_GT_IsSubClassOf(gtype, wkbMultiCurve))
        fail(where, std::string("has ") + OGRGeometryTypeToName(gtype) +
                        " geometries, zones must be polygons");
    const OGRSpatialReference* layer_srs = layer->GetSpatialRef();
    if (layer_srs == nullptr || layer_srs->IsEmpty())
        fail(where, "has no coordinate reference system (a shapefile needs its .prj)");
    set.source_crs_wkt = to_wkt2(*layer_srs);
    if (layer->GetFeatureCount(FALSE) == 0) fail(where, "has no features");
    const Reprojection reproj = make_reprojection(where, *layer_srs, target_crs_wkt);

    std::vector<std::string> repaired_ids, empty_ids, dropped_ids, null_ids;
    std::map<std::string, int> id_uses;
    layer->ResetReading();
    for (const auto& f : *layer) {
        Zone z;
        z.id = id_text(*f, id_idx, id_type);
        if (id_idx >= 0 && !f->IsFieldSetAndNotNull(id_idx))
            null_ids.push_back("FID " + std::to_string(f->GetFID()));
        else
            ++id_uses[z.id];
        if (name_idx >= 0 && f->IsFieldSetAndNotNull(name_idx))
            z.name = f->GetFieldAsString(name_idx);
        for (const auto& [field, idx] : attribute_idx)
            z.attributes[field] = f->IsFieldSetAndNotNull(idx) ? f->GetFieldAsString(idx) : "";
        if (pop_idx >= 0 && f->IsFieldSetAndNotNull(pop_idx))
            z.population = f->GetFieldAsDouble(pop_idx);

        const OGRGeometry* g = f->GetGeometryRef();
        bool dropped = false;
        std::unique_ptr<OGRMultiPolygon> mp;
        if (g) mp = polygonal_parts(*g, &dropped);
        if (dropped) dropped_ids.push_back(z.id);
        if (mp && !mp->IsEmpty()) {
            mp = make_valid_polygons(std::move(mp), z.repaired);
            if (!mp) fail(where, "zone \"" + z.id + "\": invalid geometry that GEOS cannot repair");
            if (z.repaired) {
                ++set.repaired_count;
                repaired_ids.push_back(z.id);
            }
        }
        if (!mp || mp->IsEmpty()) {
            empty_ids.push_back(z.id);
            set.zones.push_back(std::move(z));
            continue;
        }
        z.source_wkb = to_iso_wkb(*mp);
        if (reproj.ct) {
            if (reproj.max_segment > 0) mp->segmentize(reproj.max_segment);
            if (mp->transform(reproj.ct.get()) != OGRERR_NONE)
                fail(where, "zone \"" + z.id + "\" cannot be transformed to the raster CRS");
        }
        z.geometry = to_core(*mp);
        set.zones.push_back(std::move(z));
    }
    if (set.zones.empty()) fail(where, "has no features");

    if (!repaired_ids.empty())
        set.warnings.push_back(
            where + ": " + plural(repaired_ids.size(), "invalid geometry", "invalid geometries") +
            " repaired with GEOS make-valid (zones " + quoted_sample(repaired_ids) + ")");
    if (!dropped_ids.empty())
        set.warnings.push_back(where + ": non-polygon parts dropped from " +
                               plural(dropped_ids.size(), "zone", "zones") + " (" +
                               quoted_sample(dropped_ids) + ")");
    if (!empty_ids.empty())
        set.warnings.push_back(where + ": " + plural(empty_ids.size(), "zone has", "zones have") +
                               " no polygon geometry (" + quoted_sample(empty_ids) + ")");
    if (!null_ids.empty())
        set.warnings.push_back(
            where + ": " + plural(null_ids.size(), "feature has", "features have") +
            " no value in id field \"" + spec.id_field + "\" (" + quoted_sample(null_ids) + ")");
    std::vector<std::string> duplicates;
    for (const auto& [id, uses] : id_uses)
        if (uses > 1) duplicates.push_back(id);
    if (!duplicates.empty())
        set.warnings.push_back(where + ": " + plural(duplicates.size(), "id is", "ids are") +
                               " shared by several zones (" + quoted_sample(duplicates) + ")");
    return set;
}

}  // namespace gg
