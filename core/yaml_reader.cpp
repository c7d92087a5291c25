#include "core/yaml_reader.hpp"

#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include "core/error.hpp"

namespace gg {

namespace {

std::string quoted(std::string_view s) {
    std::string out = "\"";
    out.append(s);
    out.append("\"");
    return out;
}

// Trims ASCII spaces only, so Thai text is never touched.
std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

}  // namespace

YAML::Node YamlReader::load(const std::string& text) const {
    try {
        return YAML::Load(text);
    } catch (const YAML::ParserException& e) {
        fail(e.mark.line >= 0 ? e.mark.line + 1 : 1, "invalid YAML: " + e.msg);
    }
}

namespace {

// A project or framework file holds a few thousand values; aliases can make a few lines stand
// for billions ("billion laughs"), which a walk would visit one by one for minutes.
constexpr size_t kMaxValues = 1000000;
// An alias inside its own anchor (`a: &x [*x]`) makes a node that holds itself: a walk would
// recurse until the stack overflows. No project or framework file nests 100 levels deep.
constexpr size_t kMaxDepth = 100;

void unique_keys_in(const YamlReader& y, const YAML::Node& node, const std::string& where,
                    size_t& visited, size_t depth = 0) {
    if (++visited > kMaxValues)
        y.fail(YamlReader::line(node),
               "more than 1,000,000 values: aliases (*name) that repeat without end?");
    if (depth > kMaxDepth)
        y.fail(YamlReader::line(node),
               "nested more than 100 levels deep: an alias (*name) inside its own anchor (&name)?");
    if (node.IsSequence()) {
        for (size_t i = 0; i < node.size(); ++i)
            unique_keys_in(y, node[i], where + "[" + std::to_string(i) + "]", visited, depth + 1);
        return;
    }
    if (!node.IsMap()) return;
    std::map<std::string, int> first_line;
    for (const auto& kv : node) {
        if (!kv.first.IsScalar()) continue;
        const std::string key = kv.first.Scalar();
        const int line = YamlReader::line(kv.first);
        const auto [at, inserted] = first_line.emplace(key, line);
        if (!inserted)
            y.fail(line, "duplicate key " + quoted(key) + " in " +
                             (where.empty() ? std::string("the top level") : quoted(where)) +
                             " (first at line " + std::to_string(at->second) + ")");
        unique_keys_in(y, kv.second, where.empty() ? key : where + "." + key, visited, depth + 1);
    }
}

}  // namespace

void YamlReader::unique_keys(const YAML::Node& root) const {
    size_t visited = 0;
    unique_keys_in(*this, root, "", visited);
}

int YamlReader::line(const YAML::Node& node, int fallback) {
    if (!node.IsDefined()) return fallback;
    const YAML::Mark m = node.Mark();
    return m.line >= 0 ? m.line + 1 : fallback;
}

void YamlReader::fail(int line, const std::string& reason) const {
    std::string msg = file_;
    msg.append(":").append(std::to_string(line)).append(": ").append(reason);
    throw Error(msg);
}

void YamlReader::keys(const YAML::Node& map, std::string_view what,
                      std::initializer_list<std::string_view> allowed) const {
    if (!map.IsMap()) fail(line(map), std::string(what) + " must be a mapping (key: value)");
    std::set<std::string> seen;
    for (const auto& kv : map) {
        const std::string key = kv.first.Scalar();
        bool known = false;
        for (const auto a : allowed) known = known || a == key;
        if (!known) {
            std::string expected;
            for (const auto a : allowed) expected.append(expected.empty() ? "" : ", ").append(a);
            fail(line(kv.first), "unknown key " + quoted(key) + " in " + std::string(what) +
                                     " (expected: " + expected + ")");
        }
        if (!seen.insert(key).second)
            fail(line(kv.first), "duplicate key " + quoted(key) + " in " + std::string(what));
    }
}

void YamlReader::list(const YAML::Node& node, std::string_view what, bool may_be_empty) const {
    if (!node.IsSequence()) fail(line(node), std::string(what) + " must be a list (- item)");
    if (node.size() == 0 && !may_be_empty)
        fail(line(node), std::string(what) + " must not be empty");
}

std::optional<YAML::Node> YamlReader::get(const YAML::Node& map, const std::string& key) {
    const YAML::Node v = map[key];  // const Node: looking up never inserts
    if (!v.IsDefined() || v.IsNull()) return std::nullopt;
    return v;
}

YAML::Node YamlReader::need(const YAML::Node& map, const std::string& key,
                            std::string_view what) const {
    auto v = get(map, key);
    if (!v) fail(line(map), "missing " + std::string(what));
    return *v;
}

std::string YamlReader::text(const YAML::Node& node, std::string_view what) const {
    if (!node.IsScalar()) fail(line(node), std::string(what) + " must be a single value");
    const std::string s(trim(node.Scalar()));
    if (s.empty()) fail(line(node), std::string(what) + " must not be empty");
    return s;
}

double YamlReader::number(const YAML::Node& node, std::string_view what) const {
    const std::string s = text(node, what);
    double v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v))
        fail(line(node), std::string(what) + " must be a number, not " + quoted(s));
    return v;
}

int YamlReader::integer(const YAML::Node& node, std::string_view what) const {
    const std::string s = text(node, what);
    int v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size())
        fail(line(node), std::string(what) + " must be a whole number, not " + quoted(s));
    return v;
}

}  // namespace gg
