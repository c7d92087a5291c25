#include "core/qgis_style.hpp"

#include <cstdio>

namespace gg {

namespace {

// QGIS writes range bounds with 15 decimals (QString::number(v, 'f', 15)).
std::string bound(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.15f", v);
    return buf;
}

std::string rgba(const std::array<std::uint8_t, 3>& c) {
    return std::to_string(c[0]) + "," + std::to_string(c[1]) + "," + std::to_string(c[2]) + ",255";
}

std::string hex(const std::array<std::uint8_t, 3>& c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c[0], c[1], c[2]);
    return buf;
}

std::string option(const std::string& name, const std::string& value) {
    return "<Option name=\"" + name + "\" value=\"" + xml_escape(value) + "\" type=\"QString\"/>";
}

const char* const kDataDefined =
    "<data_defined_properties><Option type=\"Map\"><Option name=\"name\" value=\"\" "
    "type=\"QString\"/><Option name=\"properties\"/><Option name=\"type\" value=\"collection\" "
    "type=\"QString\"/></Option></data_defined_properties>";

// A SimpleFill symbol layer with QGIS's defaults and a thin dark outline, as QGIS 3.22 saves it:
// the properties both as an Option map (read by QGIS >= 3.10) and as <prop> (older readers).
std::string fill_symbol(std::size_t index, const std::array<std::uint8_t, 3>& colour) {
    const std::pair<const char*, std::string> props[] = {
        {"border_width_map_unit_scale", "3x:0,0,0,0,0,0"},
        {"color", rgba(colour)},
        {"joinstyle", "bevel"},
        {"offset", "0,0"},
        {"offset_map_unit_scale", "3x:0,0,0,0,0,0"},
        {"offset_unit", "MM"},
        {"outline_color", "35,35,35,255"},
        {"outline_style", "solid"},
        {"outline_width", "0.26"},
        {"outline_width_unit", "MM"},
        {"style", "solid"},
    };
    std::string out = "<symbol clip_to_extent=\"1\" name=\"" + std::to_string(index) +
                      "\" type=\"fill\" alpha=\"1\" force_rhr=\"0\">";
    out += kDataDefined;
    out +=
        "<layer class=\"SimpleFill\" enabled=\"1\" locked=\"0\" pass=\"0\"><Option type=\"Map\">";
    for (const auto& [k, v] : props) out += option(k, v);
    out += "</Option>";
    for (const auto& [k, v] : props)
        out.append("<prop v=\"").append(xml_escape(v)).append("\" k=\"").append(k).append("\"/>");
    out += kDataDefined;
    out += "</layer></symbol>";
    return out;
}

// The source colour ramp: a gradient from the first class's colour to the last's through the
// others, so that "Classify" in QGIS keeps the same greens.
std::string colour_ramp(const std::vector<StyleClass>& classes) {
    std::string stops;
    for (std::size_t i = 1; i + 1 < classes.size(); ++i) {
        char pos[32];
        std::snprintf(pos, sizeof pos, "%.4g",
                      static_cast<double>(i) / static_cast<double>(classes.size() - 1));
        if (!stops.empty()) stops += ':';
        stops.append(pos).append(";").append(rgba(classes[i].rgb));
    }
    const std::string first = classes.empty() ? "0,0,0,255" : rgba(classes.front().rgb);
    const std::string last = classes.empty() ? "0,0,0,255" : rgba(classes.back().rgb);
    std::string out = "<colorramp name=\"[source]\" type=\"gradient\"><Option type=\"Map\">";
    out += option("color1", first) + option("color2", last) + option("discrete", "0") +
           option("rampType", "gradient");
    if (!stops.empty()) out += option("stops", stops);
    out += "</Option></colorramp>";
    return out;
}

}  // namespace

std::string xml_escape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&apos;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string qgis_qml(const GraduatedStyle& style) {
    std::string out =
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
        "<qgis version=\"3.22.16-Białowieża\" styleCategories=\"AllStyleCategories\" "
        "hasScaleBasedVisibilityFlag=\"0\" minScale=\"100000000\" maxScale=\"0\" "
        "readOnly=\"0\" labelsEnabled=\"0\" simplifyDrawingHints=\"1\" simplifyAlgorithm=\"0\" "
        "simplifyDrawingTol=\"1\" simplifyLocal=\"1\" simplifyMaxScale=\"1\" "
        "symbologyReferenceScale=\"-1\">\n"
        " <renderer-v2 type=\"graduatedSymbol\" attr=\"" +
        xml_escape(style.field) +
        "\" graduatedMethod=\"GraduatedColor\" symbollevels=\"0\" enableorderby=\"0\" "
        "forceraster=\"0\" referencescale=\"-1\">\n  <ranges>\n";
    for (std::size_t i = 0; i < style.classes.size(); ++i) {
        const StyleClass& c = style.classes[i];
        out += "   <range render=\"true\" symbol=\"" + std::to_string(i) + "\" label=\"" +
               xml_escape(c.label) + "\" lower=\"" + bound(c.lower) + "\" upper=\"" +
               bound(c.upper) + "\"/>\n";
    }
    out += "  </ranges>\n  <symbols>\n";
    for (std::size_t i = 0; i < style.classes.size(); ++i)
        out += "   " + fill_symbol(i, style.classes[i].rgb) + "\n";
    out += "  </symbols>\n  " + colour_ramp(style.classes) + "\n";
    out +=
        "  <classificationMethod id=\"EqualInterval\"><symmetricMode symmetrypoint=\"0\" "
        "enabled=\"0\" astride=\"0\"/><labelFormat trimtrailingzeroes=\"1\" format=\"%1 - %2\" "
        "labelprecision=\"4\"/><parameters><Option/></parameters><extraInformation/>"
        "</classificationMethod>\n  <rotation/>\n  <sizescale/>\n </renderer-v2>\n";
    out += " <blendMode>0</blendMode>\n <featureBlendMode>0</featureBlendMode>\n";
    out += " <layerOpacity>1</layerOpacity>\n";
    out += " <aliases>\n";
    for (std::size_t i = 0; i < style.aliases.size(); ++i)
        out += "  <alias field=\"" + xml_escape(style.aliases[i].field) + "\" name=\"" +
               xml_escape(style.aliases[i].alias) + "\" index=\"" + std::to_string(i) + "\"/>\n";
    out += " </aliases>\n";
    out += " <legend showLabelLegend=\"0\" type=\"default-vector\"/>\n";
    out += " <layerGeometryType>2</layerGeometryType>\n</qgis>\n";
    return out;
}

std::string qgis_sld(const GraduatedStyle& style) {
    const std::string field = xml_escape(style.field);
    std::string out =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<StyledLayerDescriptor xmlns=\"http://www.opengis.net/sld\" "
        "xmlns:se=\"http://www.opengis.net/se\" xmlns:ogc=\"http://www.opengis.net/ogc\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
        "xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1.0\" "
        "xsi:schemaLocation=\"http://www.opengis.net/sld "
        "http://schemas.opengis.net/sld/1.1.0/StyledLayerDescriptor.xsd\">\n"
        " <NamedLayer>\n  <se:Name>" +
        xml_escape(style.layer) + "</se:Name>\n  <UserStyle>\n   <se:Name>" +
        xml_escape(style.layer) + "</se:Name>\n   <se:FeatureTypeStyle>\n";
    for (std::size_t i = 0; i < style.classes.size(); ++i) {
        const StyleClass& c = style.classes[i];
        // As QGIS exports a range: the first includes its lower bound, the others do not.
        const char* lower_op = i == 0 ? "PropertyIsGreaterThanOrEqualTo" : "PropertyIsGreaterThan";
        out += "    <se:Rule>\n     <se:Name>" + xml_escape(c.label) +
               "</se:Name>\n     <se:Description>\n      <se:Title>" + xml_escape(c.label) +
               "</se:Title>\n     </se:Description>\n     <ogc:Filter>\n      <ogc:And>\n";
        out.append("       <ogc:").append(lower_op).append("><ogc:PropertyName>").append(field);
        out.append("</ogc:PropertyName><ogc:Literal>").append(bound(c.lower));
        out.append("</ogc:Literal></ogc:").append(lower_op).append(">\n");
        out += "       <ogc:PropertyIsLessThanOrEqualTo><ogc:PropertyName>" + field +
               "</ogc:PropertyName><ogc:Literal>" + bound(c.upper) +
               "</ogc:Literal></ogc:PropertyIsLessThanOrEqualTo>\n      </ogc:And>\n"
               "     </ogc:Filter>\n";
        out +=
            "     <se:PolygonSymbolizer>\n      <se:Fill>\n       <se:SvgParameter "
            "name=\"fill\">" +
            hex(c.rgb) +
            "</se:SvgParameter>\n      </se:Fill>\n      <se:Stroke>\n       "
            "<se:SvgParameter name=\"stroke\">#232323</se:SvgParameter>\n       "
            "<se:SvgParameter name=\"stroke-width\">1</se:SvgParameter>\n       "
            "<se:SvgParameter name=\"stroke-linejoin\">bevel</se:SvgParameter>\n      "
            "</se:Stroke>\n     </se:PolygonSymbolizer>\n    </se:Rule>\n";
    }
    out += "   </se:FeatureTypeStyle>\n  </UserStyle>\n </NamedLayer>\n</StyledLayerDescriptor>\n";
    return out;
}

}  // namespace gg
