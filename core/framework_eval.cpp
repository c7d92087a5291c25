// Evaluating a framework for one zone (docs/frameworks.md "Scores"): indicator values in
// dependency order, targets, scores, then weighted means. A missing value is never 0: it has
// a reason and is left out of the means.
#include <algorithm>
#include <cmath>
#include <map>

#include "core/error.hpp"
#include "core/expression.hpp"
#include "core/framework.hpp"
#include "core/framework_graph.hpp"
#include "core/framework_score.hpp"
#include "core/metric_registry.hpp"

namespace gg {

namespace {

const MetricInfo* registry_entry(const std::string& id) {
    for (const auto& m : metric_registry())
        if (m.id == id) return &m;
    return nullptr;
}

void add_reason(std::string& reasons, const std::string& r) {
    if (reasons.find(r) != std::string::npos) return;
    if (!reasons.empty()) reasons.append("; ");
    reasons.append(r);
}

void add_unique(std::vector<std::string>& list, const std::string& s) {
    if (std::find(list.begin(), list.end(), s) == list.end()) list.push_back(s);
}

const std::string* find_text(const std::map<std::string, std::string>& map,
                             const std::string& name) {
    const auto it = map.find(name);
    return it != map.end() && !it->second.empty() ? &it->second : nullptr;
}

class ZoneEvaluator {
  public:
    ZoneEvaluator(const Framework& fw, const ZoneValues& values, int year)
        : fw_(fw), values_(values), year_(year) {}

    IndicatorResult evaluate(const IndicatorDef& ind) {
        IndicatorResult r;
        r.indicator_id = ind.id;
        r.unit = ind.unit;
        r.inputs_used = ind.names_used.empty() && !ind.expression.empty()
                            ? expression_names(ind.expression)
                            : ind.names_used;
        value(ind, r);
        Marks& marks = marks_[ind.id];
        mark(ind, r, marks);
        for (const auto& w : marks.withheld) add_reason(r.reason, w);
        for (const auto& p : marks.proxies) add_reason(r.proxy, p);
        if (ind.target) score(ind, r, marks.withheld.empty());
        done_[ind.id] = r;
        return r;
    }

  private:
    // What upstream says about the values an indicator uses, directly or through the indicators
    // it uses (docs/frameworks.md "Scores"): the withheld reasons and the proxy notes.
    struct Marks {
        std::vector<std::string> withheld;
        std::vector<std::string> proxies;
    };

    void mark(const IndicatorDef& ind, const IndicatorResult& r, Marks& marks) const {
        auto from_zone = [&](const std::string& name) {
            if (const std::string* w = find_text(values_.withheld, name))
                add_unique(marks.withheld, *w);
            if (const std::string* p = find_text(values_.proxies, name))
                add_unique(marks.proxies, *p);
        };
        for (const auto& name : r.inputs_used) {
            if (resolve_name(fw_, ind.id, name) != NameKind::Indicator) {
                from_zone(name);
                continue;
            }
            const auto it = marks_.find(name);  // evaluation order puts it before
            if (it == marks_.end()) continue;
            for (const auto& w : it->second.withheld) add_unique(marks.withheld, w);
            for (const auto& p : it->second.proxies) add_unique(marks.proxies, p);
        }
        // The zone's own target counts as a value the indicator uses.
        if (ind.target && !ind.target->value_input.empty()) from_zone(ind.target->value_input);
        if (ind.target && !ind.target->by_input.empty()) from_zone(ind.target->by_input);
    }

    void value(const IndicatorDef& ind, IndicatorResult& r) {
        for (const auto& m : ind.requires_metrics) {
            const MetricInfo* info = registry_entry(m);
            if (!info || !info->available) add_reason(r.reason, "metric not available yet: " + m);
        }
        std::vector<double> vals;
        for (const auto& name : r.inputs_used) vals.push_back(lookup(ind, name, r.reason));
        if (!r.reason.empty()) return;
        r.value = evaluate_expression(ind.expression, r.inputs_used, vals);
        if (r.value) return;
        // Undefined (division by zero, log of 0): upstream may know why a value used is 0.
        std::string why;
        for (std::size_t i = 0; i < vals.size(); ++i) {
            if (vals[i] != 0 || resolve_name(fw_, ind.id, r.inputs_used[i]) == NameKind::Indicator)
                continue;
            if (const std::string* z = find_text(values_.zero_reasons, r.inputs_used[i]))
                add_reason(why, *z);
        }
        add_reason(r.reason, why.empty() ? "division by zero or undefined result" : why);
    }

    double lookup(const IndicatorDef& ind, const std::string& name, std::string& reason) const {
        const NameKind kind = resolve_name(fw_, ind.id, name);
        if (kind == NameKind::Indicator) {
            const auto it = done_.find(name);  // evaluation order puts it before
            if (it != done_.end() && it->second.value) return *it->second.value;
            add_reason(reason, "indicator " + name + " has no value" +
                                   (it != done_.end() ? " (" + it->second.reason + ")" : ""));
            return 0;
        }
        if (kind == NameKind::Metric) {
            const MetricInfo* info = registry_entry(name);
            if (!info->available) {
                add_reason(reason, "metric not available yet: " + name);
                return 0;
            }
        }
        // A non-finite number from upstream is as missing as an absent one: never let it through.
        const auto it = values_.numbers.find(name);
        if (it != values_.numbers.end() && std::isfinite(it->second)) return it->second;
        if (kind != NameKind::Unknown) {
            if (const std::string* why = find_text(values_.reasons, name)) {
                add_reason(reason, *why);  // upstream knows why ("no residents")
                return 0;
            }
        }
        add_reason(reason, kind == NameKind::Input    ? "missing input " + name
                           : kind == NameKind::Metric ? "missing metric " + name
                                                      : "unknown name " + name);
        return 0;
    }

    std::optional<double> target_value(const TargetDef& t, std::string& reason) const {
        if (t.value) return t.value;
        if (!t.value_input.empty()) {
            // Non-finite is missing here too: a NaN target would make a NaN score.
            const auto it = values_.numbers.find(t.value_input);
            if (it != values_.numbers.end() && std::isfinite(it->second)) return it->second;
            const std::string* why = find_text(values_.reasons, t.value_input);
            add_reason(reason, why ? *why : "missing target input " + t.value_input);
            return std::nullopt;
        }
        const auto cls = values_.classes.find(t.by_input);
        if (cls == values_.classes.end() || cls->second.empty()) {
            const std::string* why = find_text(values_.reasons, t.by_input);
            add_reason(reason, why ? *why : "missing class for " + t.by_input);
            return std::nullopt;
        }
        const auto it = t.by_class.find(cls->second);
        if (it != t.by_class.end()) return it->second;
        std::string r = "no target for class \"";
        r.append(cls->second).append("\" of ").append(t.by_input);
        add_reason(reason, r);
        return std::nullopt;
    }

    std::optional<double> baseline_value(const IndicatorDef& ind, IndicatorResult& r) const {
        r.baseline_year = ind.baseline->year;
        if (ind.baseline->value) {
            r.baseline_source = "framework";
            return ind.baseline->value;
        }
        const auto it = values_.baselines.find(ind.id);
        if (it != values_.baselines.end() && std::isfinite(it->second)) {
            const std::string* from = find_text(values_.baseline_sources, ind.id);
            r.baseline_source = from ? *from : "";
            return it->second;
        }
        add_reason(r.reason, "missing baseline value for " + std::to_string(*ind.baseline->year) +
                                 " (neither the records CSV nor the run history has this zone's " +
                                 ind.id + " in that year)");
        return std::nullopt;
    }

    // `scorable` false: the value is shown with its target, but not judged (a withheld value).
    void score(const IndicatorDef& ind, IndicatorResult& r, bool scorable) const {
        const TargetDef& t = *ind.target;
        r.comparison = comparison_text(t.comparison);
        r.target_year = t.year;
        r.target = target_value(t, r.reason);
        std::optional<double> b;
        if (ind.baseline) r.baseline = b = baseline_value(ind, r);
        if (!scorable || !r.value || !r.target) return;
        const double v = *r.value;
        r.met = target_met(v, *r.target, t.comparison);
        if (!ind.baseline) {
            r.score = score_without_baseline(v, *r.target, ind.direction, t.comparison);
            return;
        }
        if (!b) return;
        r.score = score_with_baseline(v, *b, *r.target, ind.direction, t.comparison);
        if (ind.baseline->year && t.year && *ind.baseline->year < *t.year) {
            r.trajectory_value =
                trajectory_value(*ind.baseline->year, *b, *t.year, *r.target, year_);
            r.on_track = on_track(v, *r.trajectory_value, ind.direction);
        }
    }

    const Framework& fw_;
    const ZoneValues& values_;
    int year_;
    std::map<std::string, IndicatorResult> done_;
    std::map<std::string, Marks> marks_;
};

// Weighted mean of the scored entries; nullopt when none is scored (or all weights are 0).
struct WeightedMean {
    double sum = 0, weights = 0;
    int scored = 0;
    void add(double score, double weight) {
        sum += score * weight;
        weights += weight;
        ++scored;
    }
    std::optional<double> mean() const {
        if (weights <= 0) return std::nullopt;
        return sum / weights;
    }
};

std::string status_text(bool complete, int valued, int defined) {
    if (complete) return "complete";
    return "partial: " + std::to_string(valued) + " of " + std::to_string(defined) + " indicators";
}

}  // namespace

std::string status(const ComponentResult& component) {
    return status_text(component.complete, component.indicators_valued,
                       component.indicators_defined);
}

std::string status(const FrameworkResult& framework) {
    return status_text(framework.complete, framework.indicators_valued,
                       framework.indicators_defined);
}

FrameworkResult evaluate_framework(const Framework& framework, const ZoneValues& values, int year) {
    ZoneEvaluator zone(framework, values, year);
    std::map<std::string, IndicatorResult> results;
    for (const IndicatorDef* ind : evaluation_order(framework))
        results[ind->id] = zone.evaluate(*ind);

    FrameworkResult out;
    out.framework_id = framework.id;
    WeightedMean total;
    int defined_in_file = 0;
    double share_sum = 0, component_weights = 0;
    // A placeholder (a component of positive weight with no indicator at all, for the
    // municipality to fill in) keeps the framework partial. A component of report-only
    // indicators (no target) is not scored and takes no part in the weight share.
    bool placeholder = false;
    for (const auto& c : framework.components) {
        ComponentResult cr;
        cr.component_id = c.id;
        WeightedMean mean;
        double defined_weight = 0, valued_weight = 0;
        for (const auto& ind : c.indicators) {
            IndicatorResult r = results.at(ind.id);
            r.component_id = c.id;
            // Indicators without a target are reported, not scored: they are not "missing", and
            // not defined either.
            if (ind.target) {
                ++cr.indicators_defined;
                defined_weight += ind.weight;
            }
            if (r.score) {
                mean.add(*r.score, ind.weight);
                valued_weight += ind.weight;
            } else if (ind.target) {
                ++cr.missing;
            }
            out.indicators.push_back(std::move(r));
        }
        cr.scored = mean.scored;
        cr.score = mean.mean();
        cr.indicators_valued = mean.scored;  // only indicators with a target get a score
        // Equal sums when all are valued, so exactly 1 then.
        cr.valued_weight_share = defined_weight > 0 ? valued_weight / defined_weight : 0;
        cr.complete = cr.indicators_defined > 0 && cr.indicators_valued == cr.indicators_defined;
        if (cr.score) total.add(*cr.score, c.weight);
        defined_in_file += cr.indicators_defined;
        out.indicators_valued += cr.indicators_valued;
        const bool empty = c.indicators.empty();
        if (cr.indicators_defined > 0 || empty) {
            share_sum += c.weight * cr.valued_weight_share;
            component_weights += c.weight;
        }
        placeholder = placeholder || (c.weight > 0 && empty);
        out.components.push_back(cr);
    }
    out.score = total.mean();
    // The loader keeps indicator_count >= defined_in_file; max() all the same.
    out.indicators_defined = std::max(defined_in_file, framework.indicator_count.value_or(0));
    out.valued_weight_share = component_weights > 0 ? share_sum / component_weights : 0;
    out.complete = out.indicators_defined > 0 && out.indicators_valued == out.indicators_defined &&
                   !placeholder;
    return out;
}

}  // namespace gg
