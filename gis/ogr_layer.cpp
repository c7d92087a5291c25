#include "gis/ogr_layer.hpp"

#include <fmt/format.h>

#include <cmath>
#include <tuple>

#include "core/error.hpp"
#include "gis/gdal_setup.hpp"
#include "gis/history_store.hpp"
#include "gis/ogr_polygons.hpp"
#include "gis/ogr_util.hpp"

namespace gg {

void fail_at(const std::string& where, const std::string& problem) {
    std::string msg = where;
    msg.append(": ").append(problem);
    throw Error(msg);
}

std::string join(const std::vector<std::string>& items, size_t max_items) {
    std::string out;
    for (size_t i = 0; i < items.size() && i < max_items; ++i) {
        if (i) out.append(", ");
        out.append(items[i]);
    }
    if (items.size() > max_items) out.append(", ...");
    return out;
}

std::string quoted_sample(const std::vector<std::string>& items) {
    std::vector<std::string> q;
    for (size_t i = 0; i < items.size() && i < 5; ++i) q.push_back("\"" + items[i] + "\"");
    return join(q, 5) + (items.size() > 5 ? ", ..." : "");
}

std::string plural(size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

namespace {

GDALDatasetUniquePtr open_vector(const std::string& path, const std::string& role) {
    GDALDatasetUniquePtr ds(
        GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR));
    if (ds) return ds;
    const std::string detail = redact_message(gdal_last_error(), path);
    const std::string where = redact_target(path);
    // A database or a server: its own error (without the password), not "no such file".
    if (is_remote_dataset(path))
        fail_at(where, "cannot open the " + role + " source" +
                           (detail.empty() ? "" : " (" + detail + ")"));
    if (!path_exists(path)) fail_at(where, "no such file");
    if (GDALDatasetUniquePtr(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY)))
        fail_at(where, "is a raster, not a vector source of " + role);
    const bool generic = detail.empty() || detail.find("not recognized") != std::string::npos;
    fail_at(where, generic ? "not a vector source GDAL can read"
                           : "not a vector source GDAL can read (" + detail + ")");
}

}  // namespace

OpenedLayer open_layer(const std::string& path, const std::string& layer_name,
                       const std::string& role) {
    OpenedLayer out;
    out.dataset = open_vector(path, role);
    GDALDataset& ds = *out.dataset;
    const std::string name = redact_target(path);  // messages never show a password
    if (ds.GetLayerCount() == 0) fail_at(name, "has no layers");
    if (layer_name.empty()) {
        out.layer = ds.GetLayer(0);
    } else if (!(out.layer = ds.GetLayerByName(layer_name.c_str()))) {
        std::vector<std::string> names;
        for (OGRLayer* layer : ds.GetLayers()) names.push_back(layer->GetName());
        fail_at(name, "layer \"" + layer_name + "\" not found (layers: " + join(names) + ")");
    }
    const bool name_layer = ds.GetLayerCount() > 1 || !layer_name.empty();
    out.where = name;
    if (name_layer) out.where.append(", layer \"").append(out.layer->GetName()).append("\"");
    return out;
}

int field_index(const std::string& where, OGRFeatureDefn& defn, const std::string& name,
                const char* role) {
    const int idx = defn.GetFieldIndex(name.c_str());
    if (idx >= 0) return idx;
    std::vector<std::string> names;
    for (int i = 0; i < defn.GetFieldCount(); ++i)
        names.push_back(defn.GetFieldDefn(i)->GetNameRef());
    // A shapefile whose .dbf is missing opens with no field at all.
    if (names.empty())
        fail_at(where, std::string(role) + " field \"" + name +
                           "\" not found: the layer has no attribute fields (a shapefile "
                           "without its .dbf?)");
    fail_at(where,
            std::string(role) + " field \"" + name + "\" not found (fields: " + join(names) + ")");
}

std::string check_polygon_layer(const OpenedLayer& opened, const std::string& role) {
    OGRLayer& layer = *opened.layer;
    const std::string& where = opened.where;
    const OGRwkbGeometryType gtype = wkbFlatten(layer.GetGeomType());
    if (gtype == wkbNone) fail_at(where, "has no geometry column");
    if (gtype == wkbPoint || gtype == wkbMultiPoint || OGR_GT_IsCurve(gtype) ||
        OGR_GT_IsSubClassOf(gtype, wkbMultiCurve))
        fail_at(where, std::string("has ") + OGRGeometryTypeToName(gtype) + " geometries, " + role +
                           " must be polygons");
    const OGRSpatialReference* layer_srs = layer.GetSpatialRef();
    if (layer_srs == nullptr || layer_srs->IsEmpty())
        fail_at(where, "has no coordinate reference system (a shapefile needs its .prj)");
    if (layer.GetFeatureCount(FALSE) == 0) fail_at(where, "has no features");
    return to_wkt2(*layer_srs);
}

Reprojection make_reprojection(const std::string& where, const OGRSpatialReference& layer_srs,
                               const std::string& target_crs_wkt) {
    Reprojection r;
    if (layer_srs.IsGeographic()) {
        const double degree = CPLAtof(SRS_UA_DEGREE_CONV) / layer_srs.GetAngularUnits();
        r.max_abs_x = 540 * degree;  // longitudes beyond +-180 occur (across the antimeridian)
        r.max_abs_y = 90 * (1 + 1e-9) * degree;
    } else {
        r.max_abs_x = r.max_abs_y = 1e8 / layer_srs.GetLinearUnits();
    }
    if (target_crs_wkt.empty()) return r;
    OGRSpatialReference src(layer_srs), dst;
    if (dst.SetFromUserInput(target_crs_wkt.c_str()) != OGRERR_NONE)
        fail_at(where, "the target coordinate reference system cannot be parsed");
    // x = easting/longitude, y = northing/latitude on both sides, whatever the CRS's axis order.
    src.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    dst.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (src.IsSame(&dst)) return r;
    r.ct.reset(OGRCreateCoordinateTransformation(&src, &dst));
    if (!r.ct) {
        const std::string detail = gdal_last_error();
        fail_at(where, std::string("cannot transform from the layer CRS \"") + src.GetName() +
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

FeaturePolygons feature_polygons(const OGRGeometry* g) {
    FeaturePolygons out;
    if (!g) return out;
    out.geometry = polygonal_parts(*g, &out.dropped);
    if (out.geometry->IsEmpty()) return out;
    out.geometry = make_valid_polygons(std::move(out.geometry), out.repaired);
    out.unrepairable = out.geometry == nullptr;
    return out;
}

std::string coordinate_problem(const OGRGeometry& g, const Reprojection& r) {
    if (r.max_abs_x <= 0) return "";
    OGREnvelope e;
    g.getEnvelope(&e);
    for (const auto& [value, limit, axis] :
         {std::tuple{e.MinX, r.max_abs_x, "x"}, std::tuple{e.MaxX, r.max_abs_x, "x"},
          std::tuple{e.MinY, r.max_abs_y, "y"}, std::tuple{e.MaxY, r.max_abs_y, "y"}})
        if (!std::isfinite(value) || std::abs(value) > limit)
            return std::string("a vertex at ") + axis + " = " + fmt::format("{:g}", value) +
                   ", outside the range of its coordinate reference system";
    return "";
}

bool reproject(OGRGeometry& g, const Reprojection& r) {
    if (!coordinate_problem(g, r).empty()) return false;
    if (!r.ct) return true;
    if (r.max_segment > 0) g.segmentize(r.max_segment);
    return g.transform(r.ct.get()) == OGRERR_NONE;
}

}  // namespace gg
