#pragma once
// Small conversions between OGR and GreenGauge types shared by the readers and writers.
#include <ogr_core.h>
#include <ogr_spatialref.h>

#include <string>

#include "core/table.hpp"

namespace gg {

// The CRS as WKT2 (2018), the form every output and comparison uses.
std::string to_wkt2(const OGRSpatialReference& srs);

// True when two CRS definitions (WKT, EPSG:n, ...) describe the same CRS.
bool same_crs(const std::string& a, const std::string& b);

// text in `encoding` (an iconv name: "CP874", "CP1252") as UTF-8, through GDAL's CPLRecode.
std::string recode_to_utf8(const std::string& text, const std::string& encoding);

// The OGR field type a table column is stored as (64-bit integers, doubles, text).
OGRFieldType ogr_field_type(ColumnType type);

}  // namespace gg
