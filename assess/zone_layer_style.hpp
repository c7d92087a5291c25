#pragma once
// What QGIS shows of the zones layer besides the features: its default style (a graduated green
// ramp on green_m2_per_capita) and each metric column's title and description from the metric
// registry (core/metric_registry).
#include <optional>
#include <vector>

#include "core/table.hpp"
#include "gis/gpkg_style.hpp"

namespace gg::assess {

// Classes: 0-4, 4-9, 9-15, 15-30 and above 30 m2/person, ColorBrewer's 5-class Greens. Fixed
// breaks at the targets the frameworks use (ONEP: above 9, towards 15 m2/person; DM 1444/1968:
// 9), so maps of different runs and cities compare; a value of exactly 9 is in 4-9, "not above 9".
// None when the table has no green_m2_per_capita column.
std::optional<LayerStyle> zones_layer_style(const Table& zones);

// One entry per registered metric column: title "id [unit]" (no unit for the dimensionless "1"),
// the QGIS alias; description: the registry's description, unit and source.
std::vector<DataColumn> zones_data_columns(const Table& zones);

}  // namespace gg::assess
