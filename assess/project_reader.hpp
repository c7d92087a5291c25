#pragma once
// Reading a project file's values with "<file>:<line>: problem" errors (gg::Error). The project
// loader and every metric family read their keys through it, so a typo or a value of the wrong
// type is reported the same way everywhere.
#include <yaml-cpp/yaml.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace gg::assess {

// The YAML mapping of a file (a project, a batch manifest), every key given once. Throws
// gg::Error "<path>: no such <what>", "<path>:<line>: not valid YAML (...)", or "<path>: a <what>
// is a YAML mapping (<hint>)".
YAML::Node load_yaml_mapping(const std::string& path, const std::string& what,
                             const std::string& hint);

class ProjectReader {
  public:
    ProjectReader(std::string path, YAML::Node root) : path_(std::move(path)), root_(root) {}

    const std::string& path() const { return path_; }
    const YAML::Node& root() const { return root_; }

    [[noreturn]] void fail(const YAML::Node& at, const std::string& problem) const;
    [[noreturn]] void fail(const std::string& problem) const;  // no line: the whole file

    // The mapping under `key` of the file's root; empty when absent. Not a mapping: an error.
    std::optional<YAML::Node> section(const std::string& key) const;
    // Every key of `map` must be in `allowed` (label names the mapping in the message).
    void check_keys(const YAML::Node& map, const std::set<std::string>& allowed,
                    const std::string& label) const;

    // Scalars of `map` under `key` (label: the section, for messages). Absent: the fallback, or
    // an error "label.key is required" when required.
    std::string text(const YAML::Node& map, const std::string& key, const std::string& label,
                     bool required) const;
    // A path: relative paths are relative to the project file's folder; absolute paths and GDAL
    // dataset names (PG:..., WFS:..., http(s)://..., /vsizip/..., /vsicurl/...) are kept as they
    // are.
    std::string path_value(const YAML::Node& map, const std::string& key, const std::string& label,
                           bool required) const;
    int positive_int(const YAML::Node& map, const std::string& key, const std::string& label) const;
    double number(const YAML::Node& map, const std::string& key, const std::string& label,
                  double fallback) const;
    bool boolean(const YAML::Node& map, const std::string& key, const std::string& label,
                 bool fallback) const;
    // A list of texts (absent: empty).
    std::vector<std::string> texts(const YAML::Node& map, const std::string& key,
                                   const std::string& label) const;

    std::string resolve(const std::string& p) const;

  private:
    std::string path_;
    YAML::Node root_;
};

}  // namespace gg::assess
