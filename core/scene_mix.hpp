#pragma once
// Whether scenes belong in one composite: their acquisition dates and their sensors. A composite
// is meant to show one state of the ground; scenes years apart mix vegetation and land use that
// changed in between, and instruments with different band responses mix their NDVI scales
// (Landsat 8 OLI NDVI is systematically higher than Landsat 7 ETM+ NDVI of the same surface:
// Roy et al. 2016, Remote Sensing of Environment 185, 57-70).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gg {

// "YYYY-MM-DD" from "2013-07-07", "2024-01-15T03:35:39.024Z" or "20230101"; nothing when the text
// does not start with a valid calendar date.
std::optional<std::string> iso_date(std::string_view text);
// Days from 1970-01-01 of a date iso_date accepts.
std::optional<int64_t> day_number(std::string_view date);

struct SceneStamp {
    std::string label;                // the product as the user named it
    std::string sensor;               // "Landsat 7 ETM+", "Landsat 8 OLI", "Sentinel-2A MSI"
    std::string sensor_family;        // sensors whose bands match: "Landsat OLI", ...
    std::optional<std::string> date;  // YYYY-MM-DD
};

struct SceneMix {
    std::optional<int64_t> span_days;  // last date - first date (of the scenes with a date)
    std::string first_date, last_date;
    std::vector<std::string> sensors;  // distinct, in order of appearance
    std::vector<std::string> warnings;
};

// The span and the sensors of the scenes, with a warning when the dates span more than
// max_span_days (limit_name names the limit in the message, e.g. "--max-span-days"), when the
// sensors are of different families, and when a scene has no acquisition date.
SceneMix scene_mix(const std::vector<SceneStamp>& scenes, int64_t max_span_days,
                   const std::string& limit_name);

}  // namespace gg
