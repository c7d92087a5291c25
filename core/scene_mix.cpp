#include "core/scene_mix.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace gg {
namespace {

// Days from 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

int number(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

bool leap(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

}  // namespace

std::optional<std::string> iso_date(std::string_view text) {
    std::string_view y, m, d;
    if (text.size() >= 10 && text[4] == '-' && text[7] == '-') {
        y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
    } else if (text.size() >= 8 && digits(text.substr(0, 8))) {
        y = text.substr(0, 4), m = text.substr(4, 2), d = text.substr(6, 2);
    } else {
        return std::nullopt;
    }
    if (!digits(y) || !digits(m) || !digits(d)) return std::nullopt;
    const int year = number(y), month = number(m), day = number(d);
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (year < 1900 || month < 1 || month > 12 || day < 1) return std::nullopt;
    if (day > kDays[month - 1] + (month == 2 && leap(year) ? 1 : 0)) return std::nullopt;
    char buf[48];  // room for any int, so GCC's -Wformat-truncation has nothing to say
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return std::string(buf);
}

std::optional<int64_t> day_number(std::string_view date) {
    const auto iso = iso_date(date);
    if (!iso) return std::nullopt;
    return days_from_civil(number(iso->substr(0, 4)),
                           static_cast<unsigned>(number(iso->substr(5, 2))),
                           static_cast<unsigned>(number(iso->substr(8, 2))));
}

SceneMix scene_mix(const std::vector<SceneStamp>& scenes, int64_t max_span_days,
                   const std::string& limit_name) {
    SceneMix out;
    std::optional<int64_t> first, last;
    std::vector<std::string> undated, families;
    for (const auto& s : scenes) {
        if (!s.sensor.empty() &&
            std::find(out.sensors.begin(), out.sensors.end(), s.sensor) == out.sensors.end())
            out.sensors.push_back(s.sensor);
        if (!s.sensor_family.empty() &&
            std::find(families.begin(), families.end(), s.sensor_family) == families.end())
            families.push_back(s.sensor_family);
        const auto day = s.date ? day_number(*s.date) : std::nullopt;
        if (!day) {
            undated.push_back(s.label);
            continue;
        }
        if (!first || *day < *first) first = day, out.first_date = *iso_date(*s.date);
        if (!last || *day > *last) last = day, out.last_date = *iso_date(*s.date);
    }
    if (first) out.span_days = *last - *first;
    // Appended piece by piece: GCC 12 misreports -Wrestrict on chained operator+ (PR 105329).
    if (out.span_days && *out.span_days > max_span_days) {
        std::string w = "the products span ";
        w.append(std::to_string(*out.span_days)).append(" days (").append(out.first_date);
        w.append(" to ").append(out.last_date).append("), more than ").append(limit_name);
        w.append(" ").append(std::to_string(max_span_days));
        w.append(": the composite mixes the vegetation and land use of dates that far apart");
        out.warnings.push_back(std::move(w));
    }
    if (families.size() > 1) {
        std::string w = "the products mix sensors: ";
        bool first_sensor = true;
        for (const auto& s : scenes) {
            if (s.sensor.empty()) continue;
            if (!first_sensor) w.append(", ");
            w.append(s.sensor).append(" (").append(s.label).append(")");
            first_sensor = false;
        }
        w.append(
            "; their bands differ (OLI NDVI reads higher than ETM+ NDVI of the same "
            "ground), so the composite mixes their scales");
        out.warnings.push_back(std::move(w));
    }
    if (!undated.empty() && undated.size() < scenes.size()) {
        std::string w = "no acquisition date for ";
        for (size_t i = 0; i < undated.size(); ++i) w.append(i ? ", " : "").append(undated[i]);
        w.append(": the span of the dates is checked without it");
        out.warnings.push_back(std::move(w));
    }
    return out;
}

}  // namespace gg
