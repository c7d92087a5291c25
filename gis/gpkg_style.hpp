#pragma once
// What QGIS and other GeoPackage readers show besides the features: a layer's default style in
// `layer_styles` (the table QGIS itself creates, saves to and loads from) and the columns' titles
// and descriptions in `gpkg_data_columns` (the GeoPackage schema extension, OGC 12-128r18 F.4).
// Both write into an existing GeoPackage the caller owns (an AtomicOutput's temporary file) and
// throw gg::Error naming the file on failure.
#include <string>
#include <vector>

namespace gg {

struct LayerStyle {
    std::string layer;                     // f_table_name
    std::string geometry_column = "geom";  // f_geometry_column (GDAL's default name)
    std::string name;                      // styleName (QGIS shows it in the style manager)
    std::string qml;                       // styleQML: what QGIS reads
    std::string sld;                       // styleSLD: for other clients
    std::string description;
};

// Creates layer_styles when missing, with QGIS's columns and types; replaces an earlier row of
// the same layer and style name (the previous run's); the style is the layer's default
// (useAsDefault) unless another style of the layer already is (one the user saved in QGIS), so a
// re-run never overrides the user's choice.
void write_layer_style(const std::string& gpkg_path, const LayerStyle& style);

struct DataColumn {
    std::string column;
    std::string title;        // shown as the field's alias (GDAL >= 3.7 alternative name)
    std::string description;  // GDAL >= 3.7 field comment
};

// Creates gpkg_data_columns when missing (and registers the gpkg_schema extension), replacing
// the rows of these columns of `table`.
void write_data_columns(const std::string& gpkg_path, const std::string& table,
                        const std::vector<DataColumn>& columns);

}  // namespace gg
