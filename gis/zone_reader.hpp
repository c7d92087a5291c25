#pragma once
// Reads zone polygons (any OGR vector source) and converts them into core geometry in the CRS of
// the raster they will be measured against.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/geometry.hpp"
#include "gis/table_writer.hpp"

namespace gg {

struct ZoneLayerSpec {
    std::string path;
    std::string layer;                          // empty: the first layer
    std::string id_field;                       // empty: the feature id (FID)
    std::string name_field;                     // optional
    std::string population_field;               // optional
    std::vector<std::string> attribute_fields;  // optional: more fields to read as text
    // optional: fields copied into the outputs with their types (ZoneSet::kept_columns)
    std::vector<std::string> keep_fields = {};  // (a default: brace lists may omit it)
    // optional: only the features whose field `select_field` reads as the text `select_value`
    // (a batch's zone sets split by a field: zone_field_values)
    std::string select_field = {};
    std::string select_value = {};
};

struct Zone {
    std::string id;                         // the id field's value as text (FID when no id field)
    std::string name;                       // empty when no name field
    std::optional<double> population;       // empty when no population field or the value is null
    MultiPolygon geometry;                  // in the target CRS; empty for empty/null geometries
    std::vector<unsigned char> source_wkb;  // the (repaired) geometry in the layer's own CRS
    bool repaired = false;                  // the input geometry was invalid and was made valid
    std::map<std::string, std::string> attributes;  // attribute_fields -> value ("" when null)
    std::vector<Cell> kept;  // the keep_fields' values, as ZoneSet::kept_columns; empty when null
};

struct ZoneSet {
    std::string path;
    std::string layer_name;
    std::string id_field;                // as given (empty: FID)
    bool id_is_integer = false;          // the id field (or FID) is an integer field
    bool population_is_integer = false;  // the population field is an integer field
    // The keep_fields in the order given, under their own names: integer fields (any width) as
    // Integer, real fields as Real, every other type (text, dates, ...) as its text.
    std::vector<Column> kept_columns;
    std::string source_crs_wkt;  // WKT2 of the layer CRS, for writing zones back out
    std::vector<Zone> zones;
    int repaired_count = 0;
    std::vector<std::string> warnings;  // one line each, ready to print
};

// Throws gg::Error with one line naming the file/layer/field and the problem: missing or
// unreadable file, not a vector source, unknown layer, empty layer, id/name/population field
// missing, zones without CRS, non-numeric population field. Invalid geometries are repaired with
// GEOS make-valid (counted in repaired_count); non-polygon parts are dropped.
ZoneSet read_zones(const ZoneLayerSpec& spec, const std::string& target_crs_wkt);

// The distinct texts of `field` over the layer's features (null as ""), sorted. Throws gg::Error
// as read_zones does for a missing file, layer or field.
std::vector<std::string> zone_field_values(const ZoneLayerSpec& spec, const std::string& field);

// The zones' geometries in their own CRS (as read, repaired), for a GeoPackage layer.
TableGeometry zone_geometries(const ZoneSet& zones);

}  // namespace gg
