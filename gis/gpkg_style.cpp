// layer_styles and gpkg_data_columns rows in a GeoPackage, through GDAL's GPKG driver.
#include "gis/gpkg_style.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <ctime>
#include <string>

#include "gis/gdal_setup.hpp"
#include "gis/table_writer_internal.hpp"

namespace gg {

namespace {

std::string sql_text(const std::string& text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'') out += '\'';
        out += c;
    }
    return out + "'";
}

GDALDatasetUniquePtr open_for_update(const std::string& path, const detail::GdalErrors& errors) {
    static const char* const drivers[] = {"GPKG", nullptr};
    GDALDatasetUniquePtr ds(
        GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, drivers, nullptr));
    if (!ds) errors.fail(path, "not a GeoPackage GDAL can open");
    return ds;
}

// Runs a statement that returns no rows.
void execute(GDALDataset& ds, const std::string& sql, const std::string& path,
             const detail::GdalErrors& errors) {
    OGRLayer* result = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
    if (result != nullptr) ds.ReleaseResultSet(result);
    errors.check(path, "SQL failed (" + sql.substr(0, sql.find(' ', 7)) + ")");
}

long long count(GDALDataset& ds, const std::string& sql, const std::string& path,
                const detail::GdalErrors& errors) {
    OGRLayer* result = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
    if (result == nullptr) errors.fail(path, "SQL failed (" + sql + ")");
    long long n = 0;
    if (OGRFeature* f = result->GetNextFeature()) {
        n = f->GetFieldAsInteger64(0);
        OGRFeature::DestroyFeature(f);
    }
    ds.ReleaseResultSet(result);
    return n;
}

void add_field(OGRLayer& layer, const char* name, OGRFieldType type, int width,
               const std::string& path, const detail::GdalErrors& errors) {
    OGRFieldDefn field(name, type);
    if (width > 0) field.SetWidth(width);
    if (type == OFTInteger) field.SetSubType(OFSTBoolean);
    if (type == OFTDateTime) field.SetDefault("CURRENT_TIMESTAMP");
    if (layer.CreateField(&field, /*bApproxOK=*/FALSE) != OGRERR_NONE)
        errors.fail(path, std::string("cannot create layer_styles.") + name);
}

// The table as QGIS creates it (QgsOgrProviderUtils::saveStyle): the same columns, widths and
// types, so QGIS, which may add rows later, finds what it expects.
OGRLayer* create_layer_styles(GDALDataset& ds, const std::string& path,
                              const detail::GdalErrors& errors) {
    const char* const options[] = {"FID=id", nullptr};  // QGIS's key column
    OGRLayer* layer = ds.CreateLayer("layer_styles", nullptr, wkbNone, const_cast<char**>(options));
    if (layer == nullptr) errors.fail(path, "cannot create the table layer_styles");
    add_field(*layer, "f_table_catalog", OFTString, 256, path, errors);
    add_field(*layer, "f_table_schema", OFTString, 256, path, errors);
    add_field(*layer, "f_table_name", OFTString, 256, path, errors);
    add_field(*layer, "f_geometry_column", OFTString, 256, path, errors);
    add_field(*layer, "styleName", OFTString, 30, path, errors);
    add_field(*layer, "styleQML", OFTString, 0, path, errors);
    add_field(*layer, "styleSLD", OFTString, 0, path, errors);
    add_field(*layer, "useAsDefault", OFTInteger, 0, path, errors);
    add_field(*layer, "description", OFTString, 0, path, errors);
    add_field(*layer, "owner", OFTString, 30, path, errors);
    add_field(*layer, "ui", OFTString, 30, path, errors);
    add_field(*layer, "update_time", OFTDateTime, 0, path, errors);
    layer->SyncToDisk();
    errors.check(path, "cannot create the table layer_styles");
    return layer;
}

}  // namespace

void write_layer_style(const std::string& gpkg_path, const LayerStyle& style) {
    init_gdal();
    detail::GdalErrors errors;
    GDALDatasetUniquePtr ds = open_for_update(gpkg_path, errors);
    OGRLayer* layer = ds->GetLayerByName("layer_styles");
    if (layer == nullptr) layer = create_layer_styles(*ds, gpkg_path, errors);
    // QGIS looks a layer's styles up with f_table_schema = '' (not NULL).
    const std::string same_layer =
        "f_table_schema = '' AND f_table_name = " + sql_text(style.layer) +
        " AND f_geometry_column = " + sql_text(style.geometry_column);
    execute(
        *ds,
        "DELETE FROM layer_styles WHERE " + same_layer + " AND styleName = " + sql_text(style.name),
        gpkg_path, errors);
    const bool other_default =
        count(*ds, "SELECT COUNT(*) FROM layer_styles WHERE " + same_layer + " AND useAsDefault",
              gpkg_path, errors) > 0;

    OGRFeature feature(layer->GetLayerDefn());
    feature.SetField("f_table_catalog", "");
    feature.SetField("f_table_schema", "");
    feature.SetField("f_table_name", style.layer.c_str());
    feature.SetField("f_geometry_column", style.geometry_column.c_str());
    feature.SetField("styleName", style.name.c_str());
    feature.SetField("styleQML", style.qml.c_str());
    feature.SetField("styleSLD", style.sld.c_str());
    feature.SetField("useAsDefault", other_default ? 0 : 1);
    feature.SetField("description", style.description.c_str());
    feature.SetField("owner", "");
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    feature.SetField("update_time", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour,
                     utc.tm_min, static_cast<float>(utc.tm_sec), /*TZFlag UTC=*/100);
    if (layer->CreateFeature(&feature) != OGRERR_NONE)
        errors.fail(gpkg_path, "cannot write the style of layer '" + style.layer + "'");
    errors.check(gpkg_path, "cannot write the style of layer '" + style.layer + "'");
    ds.reset();
    errors.check(gpkg_path, "closing the GeoPackage failed");
}

void write_data_columns(const std::string& gpkg_path, const std::string& table,
                        const std::vector<DataColumn>& columns) {
    init_gdal();
    detail::GdalErrors errors;
    GDALDatasetUniquePtr ds = open_for_update(gpkg_path, errors);
    // The DDL of the GeoPackage 1.3 specification, table 32 (and GDAL's own, from 3.7 on).
    execute(*ds,
            "CREATE TABLE IF NOT EXISTS gpkg_data_columns (table_name TEXT NOT NULL, "
            "column_name TEXT NOT NULL, name TEXT, title TEXT, description TEXT, mime_type TEXT, "
            "constraint_name TEXT, CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name), "
            "CONSTRAINT gdc_tn UNIQUE (table_name, name))",
            gpkg_path, errors);
    execute(*ds,
            "CREATE TABLE IF NOT EXISTS gpkg_extensions (table_name TEXT, column_name TEXT, "
            "extension_name TEXT NOT NULL, definition TEXT NOT NULL, scope TEXT NOT NULL, "
            "CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))",
            gpkg_path, errors);
    if (count(*ds,
              "SELECT COUNT(*) FROM gpkg_extensions WHERE table_name = 'gpkg_data_columns' AND "
              "extension_name = 'gpkg_schema'",
              gpkg_path, errors) == 0)
        execute(*ds,
                "INSERT INTO gpkg_extensions (table_name, column_name, extension_name, "
                "definition, scope) VALUES ('gpkg_data_columns', NULL, 'gpkg_schema', "
                "'http://www.geopackage.org/spec121/#extension_schema', 'read-write')",
                gpkg_path, errors);
    for (const DataColumn& c : columns)
        execute(*ds,
                "INSERT OR REPLACE INTO gpkg_data_columns (table_name, column_name, name, title, "
                "description) VALUES (" +
                    sql_text(table) + ", " + sql_text(c.column) + ", " + sql_text(c.column) + ", " +
                    sql_text(c.title) + ", " + sql_text(c.description) + ")",
                gpkg_path, errors);
    ds.reset();
    errors.check(gpkg_path, "closing the GeoPackage failed");
}

}  // namespace gg
