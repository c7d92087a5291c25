#include "core/stat_spec.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "core/error.hpp"

namespace gg {

namespace {

constexpr std::string_view kQuantilePrefix = "quantile_";

// Fixed-name statistics, in the order --help lists them (quantile_<q> goes after median).
constexpr std::array<std::pair<std::string_view, StatKind>, 12> kNamed = {{
    {"count", StatKind::Count},
    {"sum", StatKind::Sum},
    {"mean", StatKind::Mean},
    {"min", StatKind::Min},
    {"max", StatKind::Max},
    {"stddev", StatKind::Stddev},
    {"median", StatKind::Median},
    {"majority", StatKind::Majority},
    {"minority", StatKind::Minority},
    {"frac", StatKind::Frac},
    {"area_m2", StatKind::AreaM2},
    {"valid_share", StatKind::ValidShare},
}};

std::string_view trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t");
    return s.substr(first, last - first + 1);
}

// Shortest text that reads back as the same double: 90 -> "90", 2.5 -> "2.5".
std::string format_number(double value) {
    std::array<char, 32> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    return std::string(buffer.data(), result.ptr);
}

StatSpec parse_one(std::string_view name) {
    for (const auto& [known, kind] : kNamed) {
        if (name == known) return StatSpec{kind, 0};
    }
    if (!name.starts_with(kQuantilePrefix)) {
        throw Error("unknown statistic \"" + std::string(name) + "\" (valid: " + stat_names_help() +
                    ")");
    }
    const std::string_view number = name.substr(kQuantilePrefix.size());
    double percent = 0;
    const auto result = std::from_chars(number.data(), number.data() + number.size(), percent,
                                        std::chars_format::fixed);
    if (number.empty() || result.ec != std::errc() || result.ptr != number.data() + number.size()) {
        throw Error("malformed statistic \"" + std::string(name) +
                    "\": expected quantile_<q> with q a number from 0 to 100, e.g. quantile_90");
    }
    if (!(percent >= 0 && percent <= 100)) {  // also rejects nan
        throw Error("statistic \"" + std::string(name) +
                    "\": the quantile must be between 0 and 100 (a percentage)");
    }
    if (percent == 0) percent = 0;  // "-0" -> 0, so the column is named quantile_0
    return StatSpec{StatKind::Quantile, percent};
}

}  // namespace

std::string StatSpec::name() const {
    if (kind == StatKind::Quantile) return std::string(kQuantilePrefix) + format_number(percent);
    for (const auto& [known, k] : kNamed) {
        if (k == kind) return std::string(known);
    }
    throw std::logic_error("StatSpec::name: unhandled StatKind");
}

bool StatSpec::needs_distribution() const {
    switch (kind) {
        case StatKind::Median:
        case StatKind::Quantile:
        case StatKind::Majority:
        case StatKind::Minority:
        case StatKind::Frac:
            return true;
        default:
            return false;
    }
}

std::vector<StatSpec> parse_stats(const std::string& comma_separated) {
    if (trim(comma_separated).empty()) {
        throw Error("no statistics given (valid: " + stat_names_help() + ")");
    }
    std::vector<StatSpec> specs;
    std::string_view rest = comma_separated;
    while (true) {
        const auto comma = rest.find(',');
        const std::string_view item = trim(rest.substr(0, comma));
        if (item.empty()) {
            throw Error("empty statistic name in \"" + comma_separated +
                        "\" (valid: " + stat_names_help() + ")");
        }
        const StatSpec spec = parse_one(item);
        const bool seen = std::any_of(specs.begin(), specs.end(), [&](const StatSpec& s) {
            return s.kind == spec.kind && s.percent == spec.percent;
        });
        if (!seen) specs.push_back(spec);
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
    }
    return specs;
}

std::string stat_names_help() {
    std::string help;
    for (const auto& [known, kind] : kNamed) {
        if (!help.empty()) help += ", ";
        help += known;
        if (kind == StatKind::Median) help += ", quantile_<q>";
    }
    return help;
}

std::optional<double> stat_value(const StatSpec& spec, const ZoneAccumulator& acc) {
    const bool covers_pixels = acc.area_m2() > 0;
    switch (spec.kind) {
        case StatKind::Count:
            return covers_pixels ? std::optional(acc.count()) : std::nullopt;
        case StatKind::Sum:
            return covers_pixels ? std::optional(acc.sum()) : std::nullopt;
        case StatKind::Mean:
            return acc.mean();
        case StatKind::Min:
            return acc.min();
        case StatKind::Max:
            return acc.max();
        case StatKind::Stddev:
            return acc.stddev();
        case StatKind::Median:
            return acc.median();
        case StatKind::Quantile:
            return acc.quantile(spec.percent / 100);
        case StatKind::Majority:
            return acc.majority();
        case StatKind::Minority:
            return acc.minority();
        case StatKind::AreaM2:
            return covers_pixels ? std::optional(acc.area_m2()) : std::nullopt;
        case StatKind::ValidShare:
            return acc.valid_share();
        case StatKind::Frac:
            break;
    }
    throw std::logic_error("stat_value: frac is expanded per class by the caller (use fraction)");
}

}  // namespace gg
