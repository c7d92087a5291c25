#include "cli/common.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <iostream>

#include "core/error.hpp"
#include "core/version.hpp"

namespace gg::cli {
namespace {

std::string& command_line_storage() {
    static std::string line;
    return line;
}

std::string utc_now() {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    return buf;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

}  // namespace

void warn(const std::string& message) {
    std::cerr << "greengauge: warning: " << message << "\n";
}

MaskSelection mask_option(const std::string& text) {
    try {
        return parse_mask_selection(text);
    } catch (const Error& e) {
        throw Error(std::string("--") + e.what());
    }
}

void warn_unmasked_saturation(const Product& product, const MaskSelection& mask) {
    if (!mask.use_qa || !product.mask.saturation_missing) return;
    warn(product.path + ": QA_RADSAT file missing (" + product.mask.saturation_path +
         "): radiometrically saturated pixels are not masked");
}

void set_command_line(int argc, char** argv) {
    std::string line;
    for (int i = 0; i < argc; ++i) line.append(i ? " " : "").append(argv[i]);
    command_line_storage() = line;
}

Metadata output_metadata(const std::vector<std::pair<std::string, std::string>>& inputs) {
    Metadata m;
    m["greengauge_version"] = kVersion;
    m["greengauge_command"] = command_line_storage();
    m["greengauge_created_utc"] = utc_now();
    for (const auto& [k, v] : inputs) m["greengauge_" + k] = v;
    return m;
}

void check_output_extension(const std::string& path, const std::vector<std::string>& allowed) {
    const auto dot = path.find_last_of('.');
    const std::string ext = dot == std::string::npos ? "" : lower(path.substr(dot + 1));
    if (std::find(allowed.begin(), allowed.end(), ext) != allowed.end()) return;
    std::string list;
    for (const auto& a : allowed) list.append(list.empty() ? "." : " or .").append(a);
    throw Error(path + ": unsupported output format (use " + list + ")");
}

void report_zone_coverage(const ZoneSet& zones, const std::string& raster_path,
                          const std::vector<const ZoneAccumulator*>& first_channel) {
    for (const auto& w : zones.warnings) warn(w);
    std::vector<std::string> outside;
    for (size_t z = 0; z < zones.zones.size(); ++z)
        if (first_channel[z]->area_m2() <= 0) outside.push_back(zones.zones[z].id);
    if (outside.size() == zones.zones.size())
        throw Error(zones.path + ": no zone overlaps the raster " + raster_path +
                    " (check that both cover the same place)");
    if (!outside.empty()) {
        std::string ids;
        for (size_t i = 0; i < std::min<size_t>(outside.size(), 5); ++i)
            ids.append(i ? ", " : "").append(outside[i]);
        if (outside.size() > 5) ids += ", ...";
        warn(std::to_string(outside.size()) +
             " zone(s) are empty or outside the raster; their statistics are left empty: " + ids);
    }
}

TableGeometry zone_geometries(const ZoneSet& zones) {
    TableGeometry g;
    g.crs_wkt = zones.source_crs_wkt;
    g.wkb.reserve(zones.zones.size());
    for (const auto& z : zones.zones) g.wkb.push_back(z.source_wkb);
    return g;
}

}  // namespace gg::cli
