#include "assess/zone_layer_style.hpp"

#include <string>

#include "core/metric_registry.hpp"
#include "core/qgis_style.hpp"

namespace gg::assess {

namespace {

const char* const kStyledColumn = "green_m2_per_capita";

std::string title(const MetricInfo& m) {
    std::string t(m.id);
    if (m.unit != "1") t.append(" [").append(m.unit).append("]");
    return t;
}

}  // namespace

std::vector<DataColumn> zones_data_columns(const Table& zones) {
    std::vector<DataColumn> out;
    for (const auto& c : zones.columns) {
        const MetricInfo* m = find_metric(c.name);
        if (m == nullptr) continue;  // the id, the name, kept source fields
        std::string description(m->description);
        description.append(" (unit: ").append(m->unit);
        if (!m->source.empty()) description.append("; source: ").append(m->source);
        description.append(")");
        out.push_back({c.name, title(*m), std::move(description)});
    }
    return out;
}

std::optional<LayerStyle> zones_layer_style(const Table& zones) {
    bool styled = false;
    for (const auto& c : zones.columns) styled = styled || c.name == kStyledColumn;
    if (!styled) return std::nullopt;
    GraduatedStyle s;
    s.layer = "zones";
    s.field = kStyledColumn;
    s.classes = {{0, 4, "0 - 4 m2/person", {237, 248, 233}},
                 {4, 9, "4 - 9 m2/person", {186, 228, 179}},
                 {9, 15, "9 - 15 m2/person", {116, 196, 118}},
                 {15, 30, "15 - 30 m2/person", {49, 163, 84}},
                 {30, 1e12, "more than 30 m2/person", {0, 109, 44}}};
    // GDAL's key column comes first in QGIS's field list (a zones table keyed by the feature id
    // has it already: the GPKG driver makes that column the key).
    if (zones.columns.empty() || zones.columns.front().name != "fid")
        s.aliases.push_back({"fid", ""});
    for (const auto& c : zones.columns) {
        const MetricInfo* m = find_metric(c.name);
        s.aliases.push_back({c.name, m ? title(*m) : ""});
    }
    LayerStyle style;
    style.layer = "zones";
    style.name = "GreenGauge green per capita";
    style.qml = qgis_qml(s);
    style.sld = qgis_sld(s);
    style.description =
        "Green space per capita (m2/person), classes at the ONEP targets 9 and 15 m2/person; "
        "written by GreenGauge on every run";
    return style;
}

}  // namespace gg::assess
