#include "assess/project_reader.hpp"

#include <cmath>
#include <filesystem>

#include "core/error.hpp"
#include "core/yaml_reader.hpp"
#include "gis/gdal_setup.hpp"

namespace gg::assess {

namespace fs = std::filesystem;

YAML::Node load_yaml_mapping(const std::string& path, const std::string& what,
                             const std::string& hint) {
    std::error_code ec;
    if (!fs::exists(path, ec)) throw Error(path + ": no such " + what);
    YAML::Node root;
    try {
        root = YAML::LoadFile(path);
    } catch (const YAML::ParserException& e) {
        throw Error(path + ":" + std::to_string(e.mark.line + 1) + ": not valid YAML (" + e.msg +
                    ")");
    } catch (const YAML::Exception& e) {
        throw Error(path + ": cannot read the " + what + " (" + e.msg + ")");
    }
    if (!root.IsMap()) throw Error(path + ": a " + what + " is a YAML mapping (" + hint + ")");
    YamlReader(path).unique_keys(root);  // a key given twice is an error, not the first kept
    return root;
}

void ProjectReader::fail(const YAML::Node& at, const std::string& problem) const {
    const auto mark = at.Mark();
    const std::string where = mark.line >= 0 ? path_ + ":" + std::to_string(mark.line + 1) : path_;
    throw Error(where + ": " + problem);
}

void ProjectReader::fail(const std::string& problem) const {
    throw Error(path_ + ": " + problem);
}

std::optional<YAML::Node> ProjectReader::section(const std::string& key) const {
    const YAML::Node node = root_[key];
    if (!node) return std::nullopt;
    if (!node.IsMap()) fail(node, "\"" + key + "\" must be a mapping of keys to values");
    return node;
}

void ProjectReader::check_keys(const YAML::Node& map, const std::set<std::string>& allowed,
                               const std::string& label) const {
    for (const auto& kv : map) {
        // A list or mapping as a key (`[a, b]: x`) is a typo, not a key yaml-cpp can name.
        if (!kv.first.IsScalar())
            fail(kv.first, "a key must be a plain word" +
                               (label.empty() ? std::string() : " in \"" + label + "\"") +
                               ", not a list or mapping");
        const auto key = kv.first.as<std::string>();
        if (allowed.count(key)) continue;
        std::string list;
        for (const auto& a : allowed) list.append(list.empty() ? "" : ", ").append(a);
        fail(kv.first, "unknown key \"" + key + "\"" +
                           (label.empty() ? "" : " in \"" + label + "\"") + " (expected: " + list +
                           ")");
    }
}

std::string ProjectReader::text(const YAML::Node& map, const std::string& key,
                                const std::string& label, bool required) const {
    const YAML::Node node = map[key];
    if (!node) {
        if (required) fail("\"" + label + "." + key + "\" is required");
        return "";
    }
    if (!node.IsScalar()) fail(node, "\"" + label + "." + key + "\" must be a text value");
    return node.as<std::string>();
}

std::string ProjectReader::path_value(const YAML::Node& map, const std::string& key,
                                      const std::string& label, bool required) const {
    return resolve(text(map, key, label, required));
}

int ProjectReader::positive_int(const YAML::Node& map, const std::string& key,
                                const std::string& label) const {
    const YAML::Node node = map[key];
    if (!node) fail("\"" + label + "." + key + "\" is required");
    int v = 0;
    if (!node.IsScalar() || !YAML::convert<int>::decode(node, v) || v < 1)
        fail(node, "\"" + label + "." + key + "\" must be a band number (1, 2, ...)");
    return v;
}

double ProjectReader::number(const YAML::Node& map, const std::string& key,
                             const std::string& label, double fallback) const {
    const YAML::Node node = map[key];
    if (!node) return fallback;
    double v = 0;
    if (!node.IsScalar() || !YAML::convert<double>::decode(node, v))
        fail(node, "\"" + label + "." + key + "\" must be a number");
    // YAML's .nan and .inf are numbers to yaml-cpp; as a threshold or distance they would give
    // plausible-looking results (NaN compares false: "0 % green").
    if (!std::isfinite(v))
        fail(node, "\"" + label + "." + key + "\" must be a finite number, not " +
                       node.as<std::string>());
    return v;
}

bool ProjectReader::boolean(const YAML::Node& map, const std::string& key, const std::string& label,
                            bool fallback) const {
    const YAML::Node node = map[key];
    if (!node) return fallback;
    bool v = fallback;
    if (!node.IsScalar() || !YAML::convert<bool>::decode(node, v))
        fail(node, "\"" + label + "." + key + "\" must be true or false");
    return v;
}

std::vector<std::string> ProjectReader::texts(const YAML::Node& map, const std::string& key,
                                              const std::string& label) const {
    const YAML::Node list = map[key];
    std::vector<std::string> out;
    if (!list) return out;
    if (!list.IsSequence()) fail(list, "\"" + label + "." + key + "\" must be a list");
    for (const auto& item : list) {
        if (!item.IsScalar()) fail(item, "\"" + label + "." + key + "\" holds text values");
        out.push_back(item.as<std::string>());
    }
    return out;
}

std::string ProjectReader::resolve(const std::string& p) const {
    // GDAL dataset names (PG:..., WFS:..., URLs, /vsizip/..., /vsicurl/...) go to GDAL as written.
    if (p.empty() || fs::path(p).is_absolute() || p.rfind("/vsi", 0) == 0 || is_remote_dataset(p))
        return p;
    return (fs::path(path_).parent_path() / p).lexically_normal().string();
}

}  // namespace gg::assess
