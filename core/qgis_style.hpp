#pragma once
// A graduated polygon style as QGIS writes it: the QML document of "Save Style" (QGIS 3.22's
// elements: renderer-v2 graduatedSymbol with its ranges, fill symbols and source colour ramp,
// the field aliases) and the SLD 1.1 that QGIS stores beside it in a GeoPackage's layer_styles.
// Plain text only: gis/gpkg_style writes them into the file.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace gg {

struct StyleClass {
    double lower = 0;  // QGIS draws lower < value <= upper (the first class includes lower)
    double upper = 0;
    std::string label;                  // the legend's text
    std::array<std::uint8_t, 3> rgb{};  // fill colour
};

struct FieldAlias {
    std::string field;
    std::string alias;  // empty: none
};

struct GraduatedStyle {
    std::string layer;  // the layer name (SLD NamedLayer)
    std::string field;  // the classified attribute
    std::vector<StyleClass> classes;
    // Every attribute field of the layer in order, the key column (fid) first: QGIS keys aliases
    // by name and by index.
    std::vector<FieldAlias> aliases;
};

std::string qgis_qml(const GraduatedStyle& style);
std::string qgis_sld(const GraduatedStyle& style);

// &, <, >, " and ' as XML entities.
std::string xml_escape(const std::string& text);

}  // namespace gg
