// core/qgis_style: the QML and SLD texts, checked against what the inputs spell out. That QGIS
// reads them is tests/qgis/check_zones_layer.py (label qgis).
#include "core/qgis_style.hpp"

#include <gtest/gtest.h>

#include <string>

namespace gg {
namespace {

size_t count(const std::string& text, const std::string& part) {
    size_t n = 0;
    for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
    return n;
}

GraduatedStyle two_classes() {
    GraduatedStyle s;
    s.layer = "zones";
    s.field = "green_m2_per_capita";
    s.classes = {{0, 9, "0 - 9", {237, 248, 233}}, {9, 1e12, "> 9", {0, 109, 44}}};
    s.aliases = {{"fid", ""}, {"share", "NDVI >= \"the\" tree's & <threshold>"}};
    return s;
}

TEST(QgisStyle, XmlSpecialCharactersAreEscaped) {
    EXPECT_EQ(xml_escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
    EXPECT_EQ(xml_escape("เทศบาล"), "เทศบาล");  // UTF-8 passes as it is
}

TEST(QgisStyle, QmlHasOneRangeAndSymbolPerClassAndEveryAlias) {
    const std::string qml = qgis_qml(two_classes());
    EXPECT_EQ(qml.rfind("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>", 0), 0u);
    EXPECT_NE(qml.find("<renderer-v2 type=\"graduatedSymbol\" attr=\"green_m2_per_capita\""),
              std::string::npos);
    EXPECT_EQ(count(qml, "<range "), 2u);
    EXPECT_EQ(count(qml, "<symbol "), 2u);
    // Bounds as QGIS writes them, 15 decimals; colours as r,g,b,alpha.
    EXPECT_NE(qml.find("label=\"&gt; 9\" lower=\"9.000000000000000\" "
                       "upper=\"1000000000000.000000000000000\""),
              std::string::npos);
    EXPECT_NE(qml.find("<Option name=\"color\" value=\"0,109,44,255\" type=\"QString\"/>"),
              std::string::npos);
    EXPECT_NE(qml.find("<alias field=\"share\" name=\"NDVI &gt;= &quot;the&quot; tree&apos;s "
                       "&amp; &lt;threshold&gt;\" index=\"1\"/>"),
              std::string::npos);
    EXPECT_NE(qml.find("<alias field=\"fid\" name=\"\" index=\"0\"/>"), std::string::npos);
}

TEST(QgisStyle, SldHasOneRulePerClassTheFirstIncludingItsLowerBound) {
    const std::string sld = qgis_sld(two_classes());
    EXPECT_EQ(count(sld, "<se:Rule>"), 2u);
    EXPECT_EQ(count(sld, "PropertyIsGreaterThanOrEqualTo>"), 2u);  // opening and closing tag
    EXPECT_EQ(count(sld, "<ogc:PropertyIsGreaterThan>"), 1u);
    EXPECT_NE(sld.find("<se:SvgParameter name=\"fill\">#edf8e9</se:SvgParameter>"),
              std::string::npos);
    EXPECT_NE(sld.find("<se:SvgParameter name=\"fill\">#006d2c</se:SvgParameter>"),
              std::string::npos);
}

}  // namespace
}  // namespace gg
