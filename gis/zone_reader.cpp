#include "gis/zone_reader.hpp"

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <set>

#include "core/error.hpp"
#include "core/text_encoding.hpp"
#include "gis/gdal_setup.hpp"
#include "gis/ogr_layer.hpp"
#include "gis/ogr_polygons.hpp"
#include "gis/ogr_util.hpp"

namespace gg {

namespace {

// Every text the zones hold: when one is not UTF-8, the legacy encoding they were written in
// (core/text_encoding), else "".
std::string legacy_encoding_of(const ZoneSet& set) {
    std::vector<std::string> texts;
    bool invalid = false;
    const auto add = [&](const std::string& t) {
        if (t.empty()) return;
        invalid = invalid || !is_valid_utf8(t);
        texts.push_back(t);
    };
    for (const Zone& z : set.zones) {
        add(z.id);
        add(z.name);
        for (const auto& [field, value] : z.attributes) add(value);
        for (const Cell& c : z.kept)
            if (const auto* text = std::get_if<std::string>(&c)) add(*text);
    }
    return invalid ? guess_legacy_encoding(texts) : "";
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

ColumnType kept_column_type(const OGRFieldDefn* field) {
    if (is_integer(field->GetType())) return ColumnType::Integer;
    if (field->GetType() == OFTReal) return ColumnType::Real;
    return ColumnType::String;
}

Cell kept_cell(const OGRFeature& f, int idx, ColumnType type) {
    if (!f.IsFieldSetAndNotNull(idx)) return std::monostate{};
    switch (type) {
        case ColumnType::Integer:
            return static_cast<int64_t>(f.GetFieldAsInteger64(idx));
        case ColumnType::Real:
            return f.GetFieldAsDouble(idx);
        case ColumnType::String:
            break;
    }
    return std::string(f.GetFieldAsString(idx));
}

std::string field_text(const OGRFeature& f, int idx) {
    return f.IsFieldSetAndNotNull(idx) ? f.GetFieldAsString(idx) : "";
}

}  // namespace

std::vector<std::string> zone_field_values(const ZoneLayerSpec& spec, const std::string& field) {
    init_gdal();
    const QuietGdalErrors quiet;
    const OpenedLayer opened = open_layer(spec.path, spec.layer, "zones");
    const int idx = field_index(opened.where, *opened.layer->GetLayerDefn(), field, "split");
    std::set<std::string> values;
    opened.layer->ResetReading();
    for (const auto& f : *opened.layer) values.insert(field_text(*f, idx));
    return {values.begin(), values.end()};
}

ZoneSet read_zones(const ZoneLayerSpec& spec, const std::string& target_crs_wkt) {
    init_gdal();
    const QuietGdalErrors quiet;
    const OpenedLayer opened = open_layer(spec.path, spec.layer, "zones");
    OGRLayer* layer = opened.layer;
    const std::string& where = opened.where;

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
    const int select_idx =
        spec.select_field.empty() ? -1 : field_index(where, defn, spec.select_field, "selection");
    std::vector<std::pair<std::string, int>> attribute_idx;
    for (const auto& field : spec.attribute_fields)
        attribute_idx.emplace_back(field, field_index(where, defn, field, "attribute"));
    std::vector<int> kept_idx;
    for (const auto& field : spec.keep_fields) {
        kept_idx.push_back(field_index(where, defn, field, "kept"));
        set.kept_columns.push_back({field, kept_column_type(defn.GetFieldDefn(kept_idx.back()))});
    }
    const OGRFieldType id_type = id_idx < 0 ? OFTInteger64 : defn.GetFieldDefn(id_idx)->GetType();
    set.id_is_integer = is_integer(id_type);
    if (pop_idx >= 0) {
        const OGRFieldType t = defn.GetFieldDefn(pop_idx)->GetType();
        if (!is_integer(t) && t != OFTReal)
            fail_at(where, "population field \"" + spec.population_field + "\" is not numeric (" +
                               OGRFieldDefn::GetFieldTypeName(t) + ")");
        set.population_is_integer = is_integer(t);
    }

    set.source_crs_wkt = check_polygon_layer(opened, "zones");
    const Reprojection reproj = make_reprojection(where, *layer->GetSpatialRef(), target_crs_wkt);

    std::vector<std::string> repaired_ids, empty_ids, dropped_ids, null_ids;
    std::map<std::string, int> id_uses;
    layer->ResetReading();
    for (const auto& f : *layer) {
        if (select_idx >= 0 && field_text(*f, select_idx) != spec.select_value) continue;
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
        for (size_t k = 0; k < kept_idx.size(); ++k)
            z.kept.push_back(kept_cell(*f, kept_idx[k], set.kept_columns[k].type));
        if (pop_idx >= 0 && f->IsFieldSetAndNotNull(pop_idx))
            z.population = f->GetFieldAsDouble(pop_idx);

        FeaturePolygons fp = feature_polygons(f->GetGeometryRef());
        if (fp.dropped) dropped_ids.push_back(z.id);
        if (fp.unrepairable)
            fail_at(where, "zone \"" + z.id + "\": invalid geometry that GEOS cannot repair");
        z.repaired = fp.repaired;
        if (z.repaired) {
            ++set.repaired_count;
            repaired_ids.push_back(z.id);
        }
        std::unique_ptr<OGRMultiPolygon>& mp = fp.geometry;
        if (!mp || mp->IsEmpty()) {
            empty_ids.push_back(z.id);
            set.zones.push_back(std::move(z));
            continue;
        }
        z.source_wkb = to_iso_wkb(*mp);
        if (const std::string problem = coordinate_problem(*mp, reproj); !problem.empty())
            fail_at(where, "zone \"" + z.id + "\": " + problem);
        if (!reproject(*mp, reproj))
            fail_at(where, "zone \"" + z.id + "\" cannot be transformed to the raster CRS");
        z.geometry = to_core(*mp);
        set.zones.push_back(std::move(z));
    }
    if (set.zones.empty())
        fail_at(where, select_idx < 0 ? "has no features"
                                      : "has no feature with " + spec.select_field + " = \"" +
                                            spec.select_value + "\"");
    // A shapefile without a .cpg from older software holds its names in a legacy encoding, and
    // GDAL passes the bytes on unchanged: they would make a CSV that is not UTF-8.
    const std::string legacy = legacy_encoding_of(set);
    const auto utf8 = [&legacy](std::string& text) {
        if (!legacy.empty() && !is_valid_utf8(text)) text = recode_to_utf8(text, legacy);
    };
    if (!legacy.empty()) {
        for (Zone& z : set.zones) {
            utf8(z.id);
            utf8(z.name);
            for (auto& [field, value] : z.attributes) utf8(value);
            for (Cell& c : z.kept)
                if (auto* text = std::get_if<std::string>(&c)) utf8(*text);
        }
        for (auto* ids : {&repaired_ids, &dropped_ids, &empty_ids})
            std::for_each(ids->begin(), ids->end(), utf8);
        set.warnings.push_back(where +
                               ": its text is not UTF-8 and it names no code page (a .cpg "
                               "file): read as " +
                               legacy + (legacy == "CP874" ? " (Thai, TIS-620)" : " (Latin-1)") +
                               "; if that is wrong, add a .cpg file naming its encoding");
    }
    // A layer of type Geometry may hold only points or lines: say so, rather than "no zone
    // overlaps the raster" later.
    if (empty_ids.size() == set.zones.size())
        fail_at(where, "no polygon among its " + plural(set.zones.size(), "feature", "features") +
                           " (zones must be polygons)");

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
    std::for_each(duplicates.begin(), duplicates.end(), utf8);
    if (!duplicates.empty())
        set.warnings.push_back(where + ": " + plural(duplicates.size(), "id is", "ids are") +
                               " shared by several zones (" + quoted_sample(duplicates) + ")");
    return set;
}

TableGeometry zone_geometries(const ZoneSet& zones) {
    TableGeometry g;
    g.crs_wkt = zones.source_crs_wkt;
    g.wkb.reserve(zones.zones.size());
    for (const auto& z : zones.zones) g.wkb.push_back(z.source_wkb);
    return g;
}

}  // namespace gg
