#pragma once
// Indicator frameworks as data (docs/frameworks.md): the model, loading from YAML with file:line
// errors, and evaluation of one zone into values, targets, met/not met and 0-100 scores.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gg {

struct LocalizedText {
    std::string en;
    std::string th;  // may be empty
};

enum class Direction { Higher, Lower };
enum class Comparison { GreaterOrEqual, Greater, LessOrEqual, Less };

std::string comparison_text(Comparison c);  // ">=", ">", "<=", "<"

struct TargetDef {
    std::optional<double> value;             // a single target value, or
    std::string by_input;                    // a table keyed by an input's class
    std::map<std::string, double> by_class;  //   (e.g. municipality_type -> 15/20/25), or
    std::string value_input;                 // a numeric input holding each zone's own target
    Comparison comparison = Comparison::GreaterOrEqual;
    std::optional<int> year;
    std::string source;
};

struct BaselineDef {
    std::optional<int> year;
    std::optional<double> value;
};

struct IndicatorDef {
    std::string id;
    LocalizedText name;
    std::string unit;
    std::string expression;
    Direction direction = Direction::Higher;
    std::optional<TargetDef> target;  // ISO 37120-style indicators may have none
    std::optional<BaselineDef> baseline;
    double weight = 1;
    std::vector<std::string> requires_metrics;
    std::vector<std::string> names_used;  // metric/input/indicator ids the expression uses
    int line = 0;                         // in the framework file, for messages
};

struct ComponentDef {
    std::string id;
    LocalizedText name;
    double weight = 1;
    std::vector<IndicatorDef> indicators;
};

struct InputDef {
    enum class From { Records, ZoneAttribute };
    std::string id;
    std::string unit;
    LocalizedText description;
    From from = From::Records;
};

struct Framework {
    std::string file;
    std::string id;
    std::string version;
    LocalizedText name;
    std::string citation;
    std::string url;
    std::string notes;
    // The programme's own number of indicators (`indicator_count:`), when the file holds only
    // some of them: the framework's indicators_defined is never below it.
    std::optional<int> indicator_count;
    std::vector<InputDef> inputs;
    std::vector<ComponentDef> components;
};

// Parses and checks a framework. Metric ids come from core/metric_registry (available or not).
// Throws gg::Error "<file>:<line>: <reason>" (see docs/frameworks.md for what is rejected).
Framework load_framework_file(const std::string& path);
Framework parse_framework(const std::string& yaml_text, const std::string& file_label);

// What one zone has for a framework: metric values and numeric inputs (absent = missing) and
// class inputs (e.g. municipality_type). Metrics not available yet are known from the registry.
// The other maps are what upstream knows about those values (docs/frameworks.md "Scores"); each
// is keyed by a metric or input id.
struct ZoneValues {
    std::map<std::string, double> numbers;
    std::map<std::string, std::string> classes;
    // Indicator id -> the zone's own value in the baseline year, for baselines that give a year
    // but no value (docs/frameworks.md: read from the records CSV or the run history), and where
    // it was read ("records CSV", "run history, run <id>"); the evaluation is per framework.
    std::map<std::string, double> baselines;
    std::map<std::string, std::string> baseline_sources;
    // Why a name absent from `numbers` is missing ("no residents", "zone outside the image"):
    // the reason of an indicator using it, instead of "missing metric X".
    std::map<std::string, std::string> reasons;
    // Names whose value is present but must not be scored for this zone, with the reason ("image
    // covers 33 % of the zone (min_coverage 90 %)"): an indicator using one, directly or through
    // another indicator, keeps its value but gets no met, score, trajectory or on_track.
    std::map<std::string, std::string> withheld;
    // Why a name is 0 ({"population": "no residents"}): the reason of an indicator using it whose
    // result is undefined (division by zero), instead of "division by zero or undefined result".
    std::map<std::string, std::string> zero_reasons;
    // Names whose value is a proxy, with a short note ("tree_canopy_share from NDVI >= 0.5 (no
    // tree map)"): copied to IndicatorResult::proxy of every indicator using one.
    std::map<std::string, std::string> proxies;
};

struct IndicatorResult {
    std::string component_id;
    std::string indicator_id;
    std::optional<double> value;
    std::string unit;
    std::optional<double> target;
    std::string comparison;  // ">=" etc.; empty without target
    std::optional<int> target_year;
    std::optional<bool> met;
    std::optional<double> score;             // 0..100
    std::optional<double> trajectory_value;  // expected value in the assessment year
    std::optional<bool> on_track;
    // The baseline used (with a baseline): its value, year, and where it came from: "framework"
    // (the file gives it) or ZoneValues::baseline_sources.
    std::optional<double> baseline;
    std::optional<int> baseline_year;
    std::string baseline_source;
    std::string reason;                    // why value or score is missing; empty otherwise
    std::vector<std::string> inputs_used;  // names the expression used
    // The ZoneValues::proxies notes of every name used, directly or through the indicators used,
    // joined with "; "; empty when no value used is a proxy.
    std::string proxy;
};

// How much of a score is scored (docs/frameworks.md "Scores"). Only indicators with a target
// count: report-only indicators are in neither count.
//   indicators_defined   indicators with a target (framework: at least its indicator_count)
//   indicators_valued    of those, the ones with a score
//   valued_weight_share  component: scored indicator weights / all target indicator weights;
//                        framework: the components' shares averaged with the component weights,
//                        an empty placeholder component counting 0 and a component of
//                        report-only indicators left out; 0 when the weights sum to 0
//   complete             every defined indicator is valued, and there is at least one; for a
//                        framework also no component of positive weight is an empty placeholder
struct ComponentResult {
    std::string component_id;
    std::optional<double> score;
    int scored = 0;
    int missing = 0;
    int indicators_defined = 0;
    int indicators_valued = 0;
    double valued_weight_share = 0;
    bool complete = false;
};

struct FrameworkResult {
    std::string framework_id;
    std::vector<IndicatorResult> indicators;
    std::vector<ComponentResult> components;
    std::optional<double> score;
    std::optional<int> rank;  // set by rank_zones
    int indicators_defined = 0;
    int indicators_valued = 0;
    double valued_weight_share = 0;
    bool complete = false;
};

// "complete", or "partial: V of D indicators" (V = indicators_valued, D = indicators_defined).
std::string status(const ComponentResult& component);
std::string status(const FrameworkResult& framework);

// Evaluates every indicator for one zone in assessment year `year` (docs/frameworks.md "Scores").
FrameworkResult evaluate_framework(const Framework& framework, const ZoneValues& values, int year);

// Ranks zones by framework score, 1 = best; ties share the better rank; unscored: no rank.
void rank_zones(std::vector<FrameworkResult>& zones);

}  // namespace gg
