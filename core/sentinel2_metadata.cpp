// Sentinel-2 L2A MTD_MSIL2A.xml reader (core/sentinel2_metadata.hpp). Plain text scanning of a
// few elements; core/ links no XML library.
#include "core/sentinel2_metadata.hpp"

#include <array>
#include <charconv>
#include <fstream>
#include <optional>
#include <sstream>
#include <string_view>

#include "core/error.hpp"
#include "core/text_number.hpp"

namespace gg {
namespace {

// BOA_ADD_OFFSET = -1000 from processing baseline 04.00 (25 January 2022) on (docs/methods.md 2;
// ESA, "Sentinel-2: new processing baseline 04.00", 2022).
constexpr int kFirstBaselineWithOffsets = 4;

constexpr int kLastBandId = 12;  // B12; band ids 0..12 (MTD_MSIL2A.xml Spectral_Information)

[[noreturn]] void fail(const std::string& file, const std::string& what) {
    std::string message = file;
    message.append(": ").append(what);
    throw Error(message);
}

std::string_view trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

struct Element {
    std::string_view attributes;  // the text between the tag name and '>'
    std::string_view content;     // between the start and the end tag
    std::size_t end = 0;          // just after the element
};

// The next element <tag ...>...</tag> (or <tag .../>) at or after `from`, inside `text`.
std::optional<Element> find_element(std::string_view text, std::string_view tag, std::size_t from,
                                    const std::string& file) {
    std::string open = "<";
    open.append(tag);
    for (auto at = text.find(open, from); at != std::string_view::npos;
         at = text.find(open, at + 1)) {
        const std::size_t after_name = at + open.size();
        if (after_name >= text.size()) break;
        const char next = text[after_name];
        // "<BOA_ADD_OFFSET" must not match "<BOA_ADD_OFFSET_VALUES_LIST".
        if (next != '>' && next != '/' && next != ' ' && next != '\t' && next != '\r' &&
            next != '\n') {
            continue;
        }
        const auto close_angle = text.find('>', after_name);
        if (close_angle == std::string_view::npos) {
            std::string what = "unterminated <";
            what.append(tag).append("> start tag");
            fail(file, what);
        }
        Element element;
        if (text[close_angle - 1] == '/') {  // <tag ... />
            element.attributes = text.substr(after_name, close_angle - 1 - after_name);
            element.end = close_angle + 1;
            return element;
        }
        element.attributes = text.substr(after_name, close_angle - after_name);
        std::string close = "</";
        close.append(tag).append(">");
        const auto end_tag = text.find(close, close_angle + 1);
        if (end_tag == std::string_view::npos) {
            std::string what = "<";
            what.append(tag).append("> has no end tag ").append(close);
            fail(file, what);
        }
        element.content = text.substr(close_angle + 1, end_tag - close_angle - 1);
        element.end = end_tag + close.size();
        return element;
    }
    return std::nullopt;
}

// The value of attribute `name` ("band_id") in a start tag's attribute text.
std::optional<std::string_view> attribute(std::string_view attributes, std::string_view name) {
    for (auto at = attributes.find(name); at != std::string_view::npos;
         at = attributes.find(name, at + 1)) {
        const bool starts_word = at == 0 || attributes[at - 1] == ' ' ||
                                 attributes[at - 1] == '\t' || attributes[at - 1] == '\n' ||
                                 attributes[at - 1] == '\r';
        std::string_view rest = attributes.substr(at + name.size());
        const auto first = rest.find_first_not_of(" \t\r\n");
        if (!starts_word || first == std::string_view::npos || rest[first] != '=') continue;
        rest = trim(rest.substr(first + 1));
        if (rest.empty() || (rest.front() != '"' && rest.front() != '\'')) return std::nullopt;
        const auto closing = rest.find(rest.front(), 1);
        if (closing == std::string_view::npos) return std::nullopt;
        return rest.substr(1, closing - 1);
    }
    return std::nullopt;
}

// "04.00" -> 4 (major version); nothing for a malformed baseline.
std::optional<int> baseline_major(const std::string& baseline) {
    const auto dot = baseline.find('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 == baseline.size()) return std::nullopt;
    for (std::size_t i = 0; i < baseline.size(); ++i) {
        if (i != dot && (baseline[i] < '0' || baseline[i] > '9')) return std::nullopt;
    }
    // from_chars, not stoi: a major part beyond int's range ("99999999999.00") is malformed, not
    // a std::out_of_range escaping the parser (a fuzz finding).
    int major = 0;
    const auto [end, error] = std::from_chars(baseline.data(), baseline.data() + dot, major);
    if (error != std::errc() || end != baseline.data() + dot) return std::nullopt;
    return major;
}

}  // namespace

bool sentinel2_baseline_has_offsets(const std::string& processing_baseline) {
    const auto major = baseline_major(processing_baseline);
    if (!major) {
        std::string what = "not a Sentinel-2 processing baseline: '";
        what.append(processing_baseline).append("' (expected e.g. 04.00)");
        throw Error(what);
    }
    return *major >= kFirstBaselineWithOffsets;
}

Sentinel2Metadata parse_mtd_msil2a(const std::string& xml_text, const std::string& file_label) {
    const std::string_view xml(xml_text);
    Sentinel2Metadata metadata;
    metadata.file = file_label;

    const auto baseline = find_element(xml, "PROCESSING_BASELINE", 0, file_label);
    if (!baseline) fail(file_label, "PROCESSING_BASELINE is missing (is this an MTD_MSIL2A.xml?)");
    metadata.processing_baseline = std::string(trim(baseline->content));
    if (!baseline_major(metadata.processing_baseline)) {
        std::string what = "PROCESSING_BASELINE is not a baseline: '";
        what.append(metadata.processing_baseline).append("' (expected e.g. 04.00)");
        fail(file_label, what);
    }

    if (const auto t = find_element(xml, "PRODUCT_START_TIME", 0, file_label))
        metadata.product_start_time = std::string(trim(t->content));
    if (const auto c = find_element(xml, "SPACECRAFT_NAME", 0, file_label))
        metadata.spacecraft_name = std::string(trim(c->content));

    if (const auto q = find_element(xml, "BOA_QUANTIFICATION_VALUE", 0, file_label)) {
        const auto value = parse_finite_number(q->content);
        if (!value || *value <= 0) {
            std::string what = "BOA_QUANTIFICATION_VALUE is not a positive number: '";
            what.append(trim(q->content)).append("'");
            fail(file_label, what);
        }
        metadata.quantification_value = *value;
    }

    if (const auto list = find_element(xml, "BOA_ADD_OFFSET_VALUES_LIST", 0, file_label)) {
        std::size_t from = 0;
        while (const auto offset =
                   find_element(list->content, "BOA_ADD_OFFSET", from, file_label)) {
            from = offset->end;
            const auto id_text = attribute(offset->attributes, "band_id");
            const auto id = id_text ? parse_finite_number(*id_text) : std::nullopt;
            if (!id || *id < 0 || *id > kLastBandId ||
                *id != static_cast<double>(static_cast<int>(*id))) {
                std::string what =
                    "BOA_ADD_OFFSET needs band_id=\"0\"..\"12\", got '<BOA_ADD_OFFSET";
                what.append(offset->attributes).append(">'");
                fail(file_label, what);
            }
            const int band_id = static_cast<int>(*id);
            const auto value = parse_finite_number(offset->content);
            if (!value) {
                std::string what = "BOA_ADD_OFFSET of band_id ";
                what.append(std::to_string(band_id))
                    .append(" is not a number: '")
                    .append(trim(offset->content))
                    .append("'");
                fail(file_label, what);
            }
            if (!metadata.boa_add_offset.emplace(band_id, *value).second) {
                std::string what = "BOA_ADD_OFFSET of band_id ";
                what.append(std::to_string(band_id)).append(" is given twice");
                fail(file_label, what);
            }
        }
    }

    if (metadata.boa_add_offset.empty() &&
        sentinel2_baseline_has_offsets(metadata.processing_baseline)) {
        std::string what = "processing baseline ";
        what.append(metadata.processing_baseline)
            .append(
                " lists no BOA_ADD_OFFSET values (products from baseline 04.00 on have them, "
                "normally -1000)");
        fail(file_label, what);
    }
    return metadata;
}

Sentinel2Metadata load_mtd_msil2a_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path + ": cannot open the Sentinel-2 metadata (MTD_MSIL2A.xml)");
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw Error(path + ": cannot read the Sentinel-2 metadata (MTD_MSIL2A.xml)");
    return parse_mtd_msil2a(text.str(), path);
}

double boa_offset_for(const Sentinel2Metadata& metadata, int band_id) {
    const auto it = metadata.boa_add_offset.find(band_id);
    if (it != metadata.boa_add_offset.end()) return it->second;
    if (!sentinel2_baseline_has_offsets(metadata.processing_baseline)) return 0.0;
    std::string what = "no BOA_ADD_OFFSET for band_id ";
    what.append(std::to_string(band_id))
        .append(" (processing baseline ")
        .append(metadata.processing_baseline)
        .append(")");
    fail(metadata.file, what);
}

int sentinel2_band_id(const std::string& band_name) {
    // Band ids of MTD_MSIL2A.xml (Spectral_Information bandId / BOA_ADD_OFFSET band_id).
    static constexpr std::array<std::string_view, 13> kNames = {
        "B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B09", "B10", "B11", "B12"};
    static constexpr std::array<std::string_view, 13> kShortNames = {
        "B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8", "B8A", "B9", "B10", "B11", "B12"};
    for (std::size_t i = 0; i < kNames.size(); ++i) {
        if (band_name == kNames[i] || band_name == kShortNames[i]) return static_cast<int>(i);
    }
    std::string what = "unknown Sentinel-2 band '";
    what.append(band_name).append("' (expected B01..B12 or B8A)");
    throw Error(what);
}

double sentinel2_reflectance(const Sentinel2Metadata& metadata, int band_id, double dn) {
    return (dn + boa_offset_for(metadata, band_id)) / metadata.quantification_value;
}

}  // namespace gg
