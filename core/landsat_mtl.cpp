// Landsat MTL.txt parser (core/landsat_mtl.hpp). The format (ODL-like "KEY = value" lines in
// nested GROUP / END_GROUP blocks, closed by a line "END") is that of the USGS Landsat Level-1
// and Level-2 metadata files, Collections 1 and 2 (see the real files in data/landsat/).
#include "core/landsat_mtl.hpp"

#include <cmath>

#include <fstream>
#include <sstream>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/text_number.hpp"

namespace gg {
namespace {

std::string_view trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t\r");
    return s.substr(first, last - first + 1);
}

bool is_key(std::string_view key) {
    if (key.empty()) return false;
    for (const char c : key) {
        const bool ok =
            (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        if (!ok) return false;
    }
    return true;
}

// "<file>:<line>: <what>"
[[noreturn]] void fail_at(const std::string& file, int line, const std::string& what) {
    std::string message = file;
    message.append(":").append(std::to_string(line)).append(": ").append(what);
    throw Error(message);
}

struct OpenGroup {
    std::string name;
    int line = 0;
};

}  // namespace

std::optional<std::string> LandsatMtl::text(const std::string& key) const {
    const auto it = values.find(key);
    if (it == values.end()) return std::nullopt;
    return it->second;
}

std::optional<std::string> LandsatMtl::text_in(const std::string& group,
                                               const std::string& key) const {
    std::string path = group;
    path.append("/").append(key);
    const auto it = grouped.find(path);
    if (it == grouped.end()) return std::nullopt;
    return it->second;
}

namespace {

double to_number(const std::string& file, const std::string& name,
                 const std::optional<std::string>& value) {
    if (!value) {
        std::string message = file;
        message.append(": ").append(name).append(" is missing");
        throw Error(message);
    }
    const auto number = parse_finite_number(*value);
    if (!number) {
        std::string message = file;
        message.append(": ").append(name).append(" is not a number: '").append(*value).append("'");
        throw Error(message);
    }
    return *number;
}

}  // namespace

double LandsatMtl::number(const std::string& key) const {
    return to_number(file, key, text(key));
}

double LandsatMtl::number_in(const std::string& group, const std::string& key) const {
    std::string path = group;
    path.append("/").append(key);
    return to_number(file, path, text_in(group, key));
}

int LandsatMtl::collection() const {
    const double value = number("COLLECTION_NUMBER");  // "01" in C1, "02" in C2
    // Range first: converting a double beyond int's range is undefined (a fuzz finding, 8.9e28).
    if (!(value >= 1 && value <= 99) || value != std::floor(value)) {
        std::string message = file;
        message.append(": COLLECTION_NUMBER is not a collection number: '")
            .append(*text("COLLECTION_NUMBER"))
            .append("'");
        throw Error(message);
    }
    return static_cast<int>(value);
}

std::string LandsatMtl::spacecraft() const {
    const auto value = text("SPACECRAFT_ID");
    if (!value) throw Error(file + ": SPACECRAFT_ID is missing");
    return *value;
}

std::string LandsatMtl::processing_level() const {
    // Collection 1 names the level DATA_TYPE (e.g. "L1TP"); Collection 2 PROCESSING_LEVEL (e.g.
    // "L1TP", "L2SP"). In C2 the first PROCESSING_LEVEL, in PRODUCT_CONTENTS, is the product's.
    const std::string key = collection() == 1 ? "DATA_TYPE" : "PROCESSING_LEVEL";
    const auto value = text(key);
    if (!value) {
        std::string message = file;
        message.append(": ").append(key).append(" is missing");
        throw Error(message);
    }
    return *value;
}

double LandsatMtl::sun_elevation_deg() const {
    return number("SUN_ELEVATION");
}

std::optional<std::string> LandsatMtl::file_name(const std::string& band_suffix) const {
    // Prefer the product's own list (C2 PRODUCT_CONTENTS) over the Level-1 record of a C2 L2 file.
    const auto find = [this](const std::string& key) -> std::optional<std::string> {
        if (auto own = text_in("PRODUCT_CONTENTS", key)) return own;
        return text(key);
    };
    std::vector<std::string> keys;
    if (band_suffix == "QUALITY") {
        keys = {"FILE_NAME_BAND_QUALITY", "FILE_NAME_QUALITY_L1_PIXEL"};
    } else {
        std::string band_key = "FILE_NAME_BAND_";
        band_key.append(band_suffix);
        std::string other_key = "FILE_NAME_";
        other_key.append(band_suffix);
        keys = {band_key, other_key};
        if (band_suffix == "QUALITY_L2_PIXEL") keys.emplace_back("FILE_NAME_QUALITY_L1_PIXEL");
    }
    for (const auto& key : keys) {
        if (auto value = find(key)) return value;
    }
    return std::nullopt;
}

LandsatMtl parse_mtl(const std::string& text, const std::string& file_label) {
    LandsatMtl mtl;
    mtl.file = file_label;
    std::vector<OpenGroup> groups;
    bool ended = false;
    int line_number = 0;
    int last_line = 1;  // the last non-blank line, for a file without END
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        const std::string_view line = trim(std::string_view(text).substr(start, end - start));
        ++line_number;
        start = end + 1;
        if (line.empty()) continue;
        last_line = line_number;
        if (ended) fail_at(file_label, line_number, "text after the END line");
        if (line == "END") {
            if (!groups.empty()) {
                std::string what = "END inside GROUP ";
                what.append(groups.back().name)
                    .append(" (opened at line ")
                    .append(std::to_string(groups.back().line))
                    .append(")");
                fail_at(file_label, line_number, what);
            }
            ended = true;
            continue;
        }
        const auto equals = line.find('=');
        if (equals == std::string_view::npos) {
            std::string what = "expected 'KEY = value', got '";
            what.append(line).append("'");
            fail_at(file_label, line_number, what);
        }
        const std::string key(trim(line.substr(0, equals)));
        std::string_view value = trim(line.substr(equals + 1));
        if (!is_key(key)) {
            std::string what = "invalid key '";
            what.append(key).append("' (expected letters, digits and _)");
            fail_at(file_label, line_number, what);
        }
        if (value.empty()) fail_at(file_label, line_number, key + " has no value");
        if (value.front() == '"') {
            if (value.size() < 2 || value.back() != '"') {
                fail_at(file_label, line_number, key + " has an unterminated quoted string");
            }
            value = value.substr(1, value.size() - 2);
        }
        if (key == "GROUP") {
            groups.push_back({std::string(value), line_number});
            continue;
        }
        if (key == "END_GROUP") {
            if (groups.empty()) {
                std::string what = "END_GROUP = ";
                what.append(value).append(" without an open GROUP");
                fail_at(file_label, line_number, what);
            }
            if (groups.back().name != value) {
                std::string what = "END_GROUP = ";
                what.append(value)
                    .append(" does not close GROUP = ")
                    .append(groups.back().name)
                    .append(" (opened at line ")
                    .append(std::to_string(groups.back().line))
                    .append(")");
                fail_at(file_label, line_number, what);
            }
            groups.pop_back();
            continue;
        }
        std::string path = groups.empty() ? std::string() : groups.back().name;
        path.append("/").append(key);
        if (!mtl.grouped.emplace(path, std::string(value)).second) {
            std::string what = key;
            what.append(" appears twice in GROUP ")
                .append(groups.empty() ? "(none)" : groups.back().name);
            fail_at(file_label, line_number, what);
        }
        mtl.values.emplace(key, std::string(value));  // the first occurrence wins
    }
    if (!groups.empty()) {
        std::string what = "GROUP = ";
        what.append(groups.back().name).append(" is never closed by END_GROUP");
        fail_at(file_label, groups.back().line, what);
    }
    if (!ended) fail_at(file_label, last_line, "no END line after this one (truncated file?)");
    return mtl;
}

LandsatMtl load_mtl_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path + ": cannot open the Landsat metadata (MTL) file");
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw Error(path + ": cannot read the Landsat metadata (MTL) file");
    return parse_mtl(text.str(), path);
}

}  // namespace gg
