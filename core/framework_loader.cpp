// Loading an indicator framework from YAML (docs/frameworks.md): the structure is read field by
// field with file:line errors, then names, targets and cycles are checked on the whole framework.
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/error.hpp"
#include "core/expression.hpp"
#include "core/framework.hpp"
#include "core/framework_graph.hpp"
#include "core/yaml_reader.hpp"

namespace gg {

namespace {

std::string q(const std::string& s) {
    std::string out = "\"";
    out.append(s).append("\"");
    return out;
}

bool id_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

// Lines of nodes the whole-framework checks point at, per indicator.
struct IndicatorLines {
    int expression = 0;
    int by = 0;
};

class Loader {
  public:
    explicit Loader(std::string file) : y_(std::move(file)) {}

    Framework load(const std::string& text) {
        const YAML::Node root = y_.load(text);
        if (!root.IsMap())
            y_.fail(YamlReader::line(root),
                    "a framework file is a mapping with framework: and "
                    "components: (see docs/frameworks.md)");
        y_.keys(root, "the framework file", {"framework", "inputs", "components"});
        Framework fw;
        fw.file = y_.file();
        read_header(y_.need(root, "framework", "framework: (id, name, source)"), fw);
        if (auto inputs = YamlReader::get(root, "inputs")) read_inputs(*inputs, fw);
        const YAML::Node comps = y_.need(root, "components", "components: (the indicators)");
        y_.list(comps, "components");
        for (const auto& c : comps) fw.components.push_back(read_component(c));
        check_indicator_count(fw);
        check_names(fw);
        evaluation_order(fw);  // throws on a cycle
        return fw;
    }

  private:
    // Ids are names in expressions too, so those of inputs and indicators start with a letter
    // (muparser does not accept a variable that starts with a digit).
    std::string id(const YAML::Node& node, const std::string& what, bool letter_first) {
        const std::string s = y_.text(node, what);
        bool ok = !s.empty();
        for (char c : s) ok = ok && id_char(c);
        if (letter_first) ok = ok && s[0] >= 'a' && s[0] <= 'z';
        if (!ok)
            y_.fail(YamlReader::line(node),
                    what + " " + q(s) +
                        (letter_first ? " must be a lowercase letter followed by [a-z0-9_]"
                                      : " must use only [a-z0-9_]"));
        return s;
    }

    LocalizedText localized(const YAML::Node& node, const std::string& what) {
        LocalizedText t;
        if (node.IsScalar()) {  // `name: Green space` is English only
            t.en = y_.text(node, what);
            return t;
        }
        y_.keys(node, what, {"en", "th"});
        t.en = y_.text(y_.need(node, "en", what + ".en (English text)"), what + ".en");
        if (auto th = YamlReader::get(node, "th")) t.th = y_.text(*th, what + ".th");
        return t;
    }

    double weight(const YAML::Node& map, const std::string& what) {
        auto w = YamlReader::get(map, "weight");
        if (!w) return 1;
        const double v = y_.number(*w, what + " weight");
        if (v < 0) y_.fail(YamlReader::line(*w), what + " weight must not be negative");
        return v;
    }

    void read_header(const YAML::Node& h, Framework& fw) {
        y_.keys(h, "framework", {"id", "version", "name", "source", "notes", "indicator_count"});
        fw.id = id(y_.need(h, "id", "framework id"), "framework id", false);
        if (auto v = YamlReader::get(h, "version")) fw.version = y_.text(*v, "framework version");
        fw.name = localized(y_.need(h, "name", "framework name"), "framework name");
        const YAML::Node src = y_.need(h, "source", "framework source (citation)");
        y_.keys(src, "framework source", {"citation", "url"});
        fw.citation = y_.text(y_.need(src, "citation", "framework source citation"), "citation");
        if (auto u = YamlReader::get(src, "url")) fw.url = y_.text(*u, "source url");
        if (auto n = YamlReader::get(h, "notes")) fw.notes = y_.text(*n, "framework notes");
        if (auto n = YamlReader::get(h, "indicator_count")) {
            indicator_count_line_ = YamlReader::line(*n);
            fw.indicator_count = y_.integer(*n, "framework indicator_count");
            if (*fw.indicator_count < 1)
                y_.fail(indicator_count_line_,
                        "framework indicator_count must be at least 1, not " +
                            std::to_string(*fw.indicator_count));
        }
    }

    // The programme's count cannot be below what the file itself scores: a smaller one is a typo
    // (or a count of something else).
    void check_indicator_count(const Framework& fw) const {
        if (!fw.indicator_count) return;
        int with_target = 0;
        for (const auto& c : fw.components)
            for (const auto& i : c.indicators) with_target += i.target ? 1 : 0;
        if (*fw.indicator_count < with_target)
            y_.fail(indicator_count_line_,
                    "framework indicator_count " + std::to_string(*fw.indicator_count) +
                        " is smaller than the " + std::to_string(with_target) +
                        " indicators with a target in this file");
    }

    void read_inputs(const YAML::Node& list, Framework& fw) {
        y_.list(list, "inputs");
        for (const auto& n : list) {
            y_.keys(n, "input", {"id", "unit", "description", "from"});
            InputDef in;
            const YAML::Node idn = y_.need(n, "id", "input id");
            in.id = id(idn, "input id", true);
            if (!input_ids_.insert(in.id).second)
                y_.fail(YamlReader::line(idn), "duplicate input id " + q(in.id));
            if (auto u = YamlReader::get(n, "unit")) in.unit = y_.text(*u, "input unit");
            if (auto d = YamlReader::get(n, "description"))
                in.description = localized(*d, "input description");
            if (auto f = YamlReader::get(n, "from")) {
                const std::string from = y_.text(*f, "input from");
                if (from == "records") {
                    in.from = InputDef::From::Records;
                } else if (from == "zone_attribute") {
                    in.from = InputDef::From::ZoneAttribute;
                } else {
                    y_.fail(YamlReader::line(*f),
                            "input from must be records or zone_attribute, "
                            "not " +
                                q(from));
                }
            }
            fw.inputs.push_back(in);
        }
    }

    ComponentDef read_component(const YAML::Node& n) {
        y_.keys(n, "component", {"id", "name", "weight", "indicators"});
        ComponentDef c;
        const YAML::Node idn = y_.need(n, "id", "component id");
        c.id = id(idn, "component id", false);
        if (!component_ids_.insert(c.id).second)
            y_.fail(YamlReader::line(idn), "duplicate component id " + q(c.id));
        if (auto name = YamlReader::get(n, "name")) c.name = localized(*name, "component name");
        c.weight = weight(n, "component " + c.id);
        const YAML::Node inds = y_.need(n, "indicators", "indicators of component " + c.id);
        y_.list(inds, "indicators of component " + c.id, true);
        for (const auto& i : inds) c.indicators.push_back(read_indicator(i));
        return c;
    }

    IndicatorDef read_indicator(const YAML::Node& n) {
        y_.keys(n, "indicator",
                {"id", "name", "unit", "expression", "direction", "target", "baseline", "weight",
                 "requires"});
        IndicatorDef ind;
        ind.line = YamlReader::line(n);
        const YAML::Node idn = y_.need(n, "id", "indicator id");
        ind.id = id(idn, "indicator id", true);
        if (!indicator_ids_.insert(ind.id).second)
            y_.fail(YamlReader::line(idn), "duplicate indicator id " + q(ind.id));
        if (input_ids_.count(ind.id))
            y_.fail(YamlReader::line(idn), "indicator id " + q(ind.id) + " is also an input id");
        const std::string what = "indicator " + ind.id;
        ind.name = localized(y_.need(n, "name", what + " name"), what + " name");
        ind.unit = y_.text(y_.need(n, "unit", what + " unit"), what + " unit");
        const YAML::Node expr = y_.need(n, "expression", what + " expression");
        ind.expression = y_.text(expr, what + " expression");
        IndicatorLines lines;
        lines.expression = YamlReader::line(expr);
        const YAML::Node dir = y_.need(n, "direction", what + " direction (higher or lower)");
        const std::string d = y_.text(dir, what + " direction");
        if (d == "higher") {
            ind.direction = Direction::Higher;
        } else if (d == "lower") {
            ind.direction = Direction::Lower;
        } else {
            y_.fail(YamlReader::line(dir),
                    what + " direction must be higher or lower, not " + q(d));
        }
        if (auto t = YamlReader::get(n, "target")) ind.target = read_target(*t, ind, lines);
        if (auto b = YamlReader::get(n, "baseline")) ind.baseline = read_baseline(*b, ind);
        ind.weight = weight(n, what);
        if (auto r = YamlReader::get(n, "requires")) {
            if (!r->IsSequence()) y_.fail(YamlReader::line(*r), what + " requires must be a list");
            for (const auto& m : *r) ind.requires_metrics.push_back(id(m, "required metric", true));
        }
        lines_[ind.id] = lines;
        return ind;
    }

    static std::optional<Comparison> comparison(const std::string& s) {
        if (s == ">=") return Comparison::GreaterOrEqual;
        if (s == ">") return Comparison::Greater;
        if (s == "<=") return Comparison::LessOrEqual;
        if (s == "<") return Comparison::Less;
        return std::nullopt;
    }

    TargetDef read_target(const YAML::Node& n, const IndicatorDef& ind, IndicatorLines& lines) {
        const std::string what = "target of indicator " + ind.id;
        y_.keys(n, what, {"value", "input", "by", "values", "comparison", "year", "source"});
        TargetDef t;
        const YAML::Node cmp = y_.need(n, "comparison", what + ": comparison (>=, >, <=, <)");
        const std::string c = y_.text(cmp, "comparison");
        const auto parsed = comparison(c);
        if (!parsed)
            y_.fail(YamlReader::line(cmp), "comparison must be >=, >, <= or <, not " + q(c));
        t.comparison = *parsed;
        // A target pointing the other way than `direction` is a typo, never a design.
        const bool up =
            t.comparison == Comparison::GreaterOrEqual || t.comparison == Comparison::Greater;
        if (up != (ind.direction == Direction::Higher))
            y_.fail(YamlReader::line(cmp),
                    "comparison " + q(c) + " contradicts direction " +
                        (ind.direction == Direction::Higher ? "higher" : "lower") +
                        " of indicator " + ind.id);
        t.source = y_.text(y_.need(n, "source", what + ": source"), what + " source");
        if (auto yr = YamlReader::get(n, "year")) t.year = y_.integer(*yr, what + " year");

        const auto value = YamlReader::get(n, "value");
        const auto input = YamlReader::get(n, "input");
        const auto by = YamlReader::get(n, "by");
        const auto values = YamlReader::get(n, "values");
        if ((value ? 1 : 0) + (input ? 1 : 0) + (by || values ? 1 : 0) > 1)
            y_.fail(YamlReader::line(n), what + ": give one of value, input, or by and values");
        if (input) {
            // Each zone's own target, from the records CSV or a zone attribute (e.g. the
            // municipality's IMT-GT SUDF targets).
            t.value_input = id(*input, what + " input", true);
            lines.by = YamlReader::line(*input);
        } else if (value) {
            t.value = y_.number(*value, what + " value");
        } else if (by && values) {
            t.by_input = id(*by, what + " by", true);
            lines.by = YamlReader::line(*by);
            if (!values->IsMap() || values->size() == 0)
                y_.fail(YamlReader::line(*values),
                        what + " values must be a table of class: number");
            for (const auto& kv : *values) {
                const std::string cls = y_.text(kv.first, what + " class");
                if (!t.by_class.emplace(cls, y_.number(kv.second, what + " value of " + cls))
                         .second)
                    y_.fail(YamlReader::line(kv.first), what + ": duplicate class " + q(cls));
            }
        } else if (by || values) {
            y_.fail(YamlReader::line(by ? *by : *values), what + ": by and values go together");
        } else {
            y_.fail(YamlReader::line(n), "missing " + what + " value (or input, or by and values)");
        }
        return t;
    }

    BaselineDef read_baseline(const YAML::Node& n, const IndicatorDef& ind) {
        const std::string what = "baseline of indicator " + ind.id;
        y_.keys(n, what, {"year", "value"});
        BaselineDef b;
        if (auto yr = YamlReader::get(n, "year")) b.year = y_.integer(*yr, what + " year");
        if (auto v = YamlReader::get(n, "value")) b.value = y_.number(*v, what + " value");
        if (!b.year && !b.value) y_.fail(YamlReader::line(n), what + " needs a year or a value");
        if (b.year && ind.target && ind.target->year && *b.year >= *ind.target->year)
            y_.fail(YamlReader::line(n), what + ": year " + std::to_string(*b.year) +
                                             " is not before the target year " +
                                             std::to_string(*ind.target->year));
        return b;
    }

    // Needs the whole framework: expressions may name indicators defined later.
    void check_names(Framework& fw) {
        for (auto& c : fw.components) {
            for (auto& ind : c.indicators) {
                const IndicatorLines& lines = lines_[ind.id];
                try {
                    ind.names_used = expression_names(ind.expression);
                } catch (const Error& e) {
                    y_.fail(lines.expression, "expression of indicator " + ind.id + " " + e.what());
                }
                for (const auto& name : ind.names_used)
                    if (resolve_name(fw, ind.id, name) == NameKind::Unknown)
                        y_.fail(lines.expression,
                                "expression of indicator " + ind.id + " names " + q(name) +
                                    ", which is not a metric (greengauge frameworks metrics), an "
                                    "input or an indicator of this framework");
                if (ind.target && !ind.target->value_input.empty() &&
                    !input_ids_.count(ind.target->value_input))
                    y_.fail(lines.by, "target of indicator " + ind.id + " is input " +
                                          q(ind.target->value_input) +
                                          ", which is not an input of this framework");
                if (ind.target && !ind.target->by_input.empty() &&
                    !input_ids_.count(ind.target->by_input))
                    y_.fail(lines.by, "target of indicator " + ind.id + " is by " +
                                          q(ind.target->by_input) +
                                          ", which is not an input of this framework");
            }
        }
    }

    YamlReader y_;
    std::set<std::string> input_ids_, component_ids_, indicator_ids_;
    std::map<std::string, IndicatorLines> lines_;
    int indicator_count_line_ = 0;
};

}  // namespace

Framework parse_framework(const std::string& yaml_text, const std::string& file_label) {
    return Loader(file_label).load(yaml_text);
}

Framework load_framework_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path + ": cannot open the framework file");
    std::ostringstream text;
    text << in.rdbuf();
    return parse_framework(text.str(), path);
}

}  // namespace gg
