#pragma once
// Reading a YAML file with "<file>:<line>: reason" errors (gg::Error). Every accessor knows the
// node's line, and keys() rejects unknown and duplicate keys so that a typo never passes silently.
#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace gg {

class YamlReader {
  public:
    explicit YamlReader(std::string file) : file_(std::move(file)) {}

    // Parses text; malformed YAML becomes "<file>:<line>: invalid YAML: ...".
    YAML::Node load(const std::string& text) const;

    // A key given twice in any mapping of the document, however deep, is an error
    // "<file>:<line>: duplicate key "k" in <where> (first at line N)": yaml-cpp keeps both and a
    // lookup finds only the first, so the second would be ignored without a word. For documents
    // whose mappings are not all read through keys() (project files; framework files are).
    void unique_keys(const YAML::Node& root) const;

    const std::string& file() const { return file_; }
    // 1-based line of a node; `fallback` for nodes without a position (absent keys).
    static int line(const YAML::Node& node, int fallback = 1);
    [[noreturn]] void fail(int line, const std::string& reason) const;

    // Requires a mapping whose keys are all in `allowed`, each once; `what` names it in messages.
    void keys(const YAML::Node& map, std::string_view what,
              std::initializer_list<std::string_view> allowed) const;
    // Requires a sequence, non-empty unless `may_be_empty` (placeholder components have
    // `indicators: []` for the municipality to fill in).
    void list(const YAML::Node& node, std::string_view what, bool may_be_empty = false) const;

    // The value of `key` in `map`, or nullopt when absent or null (`key:` with nothing after).
    static std::optional<YAML::Node> get(const YAML::Node& map, const std::string& key);
    // Like get(), but a missing value is "missing <what>" at the map's line.
    YAML::Node need(const YAML::Node& map, const std::string& key, std::string_view what) const;

    // Scalars with type errors at the node's line; text() rejects empty strings.
    std::string text(const YAML::Node& node, std::string_view what) const;
    double number(const YAML::Node& node, std::string_view what) const;
    int integer(const YAML::Node& node, std::string_view what) const;

  private:
    std::string file_;
};

}  // namespace gg
