#include "core/indicator_tables.hpp"

namespace gg {
namespace {

Cell number(const std::optional<double>& v) {
    return v ? Cell{*v} : Cell{std::monostate{}};
}
Cell integer(const std::optional<int>& v) {
    return v ? Cell{static_cast<int64_t>(*v)} : Cell{std::monostate{}};
}
Cell boolean(const std::optional<bool>& v) {
    return v ? Cell{static_cast<int64_t>(*v ? 1 : 0)} : Cell{std::monostate{}};
}
Cell text(const std::string& s) {
    return s.empty() ? Cell{std::monostate{}} : Cell{s};
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out.append(out.empty() ? "" : " ").append(i);
    return out;
}

}  // namespace

Table indicator_table(const std::string& run_id, const std::vector<ZoneFrameworkResults>& zones) {
    using T = ColumnType;
    Table t;
    t.columns = {
        {"run_id", T::String},     {"zone_id", T::String},        {"zone_name", T::String},
        {"framework", T::String},  {"component", T::String},      {"indicator", T::String},
        {"value", T::Real},        {"unit", T::String},           {"target", T::Real},
        {"comparison", T::String}, {"target_year", T::Integer},   {"met", T::Integer},
        {"score", T::Real},        {"trajectory_value", T::Real}, {"on_track", T::Integer},
        {"reason", T::String},     {"inputs_used", T::String},    {"proxy", T::String},
        {"baseline", T::Real},     {"baseline_year", T::Integer}, {"baseline_source", T::String}};
    for (const auto& z : zones) {
        for (const auto& f : z.frameworks) {
            for (const auto& i : f.indicators) {
                t.rows.push_back({run_id,
                                  z.zone_id,
                                  text(z.zone_name),
                                  f.framework_id,
                                  i.component_id,
                                  i.indicator_id,
                                  number(i.value),
                                  text(i.unit),
                                  number(i.target),
                                  text(i.comparison),
                                  integer(i.target_year),
                                  boolean(i.met),
                                  number(i.score),
                                  number(i.trajectory_value),
                                  boolean(i.on_track),
                                  text(i.reason),
                                  text(joined(i.inputs_used)),
                                  text(i.proxy),
                                  number(i.baseline),
                                  integer(i.baseline_year),
                                  text(i.baseline_source)});
            }
        }
    }
    return t;
}

Table score_table(const std::string& run_id, const std::vector<ZoneFrameworkResults>& zones) {
    using T = ColumnType;
    Table t;
    // After rank: how much of the score is scored (docs/frameworks.md "Scores").
    t.columns = {{"run_id", T::String},
                 {"zone_id", T::String},
                 {"zone_name", T::String},
                 {"framework", T::String},
                 {"component", T::String},
                 {"score", T::Real},
                 {"scored", T::Integer},
                 {"missing", T::Integer},
                 {"rank", T::Integer},
                 {"indicators_valued", T::Integer},
                 {"indicators_defined", T::Integer},
                 {"valued_weight_share", T::Real},
                 {"complete", T::Integer},
                 {"status", T::String}};
    for (const auto& z : zones) {
        for (const auto& f : z.frameworks) {
            int scored = 0, missing = 0;
            for (const auto& c : f.components) {
                scored += c.scored;
                missing += c.missing;
                t.rows.push_back({run_id, z.zone_id, text(z.zone_name), f.framework_id,
                                  c.component_id, number(c.score), int64_t{c.scored},
                                  int64_t{c.missing}, std::monostate{},
                                  int64_t{c.indicators_valued}, int64_t{c.indicators_defined},
                                  c.valued_weight_share, boolean(c.complete), status(c)});
            }
            // The framework total: component left empty, with the zone's rank.
            t.rows.push_back({run_id, z.zone_id, text(z.zone_name), f.framework_id,
                              std::monostate{}, number(f.score), int64_t{scored}, int64_t{missing},
                              integer(f.rank), int64_t{f.indicators_valued},
                              int64_t{f.indicators_defined}, f.valued_weight_share,
                              boolean(f.complete), status(f)});
        }
    }
    return t;
}

}  // namespace gg
