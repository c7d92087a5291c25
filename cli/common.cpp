#include "cli/common.hpp"

#include <algorithm>
#include <iostream>

#include "core/error.hpp"

namespace gg::cli {
namespace {

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

void check_output_extension(const std::string& path, const std::vector<std::string>& allowed) {
    const auto dot = path.find_last_of('.');
    const std::string ext = dot == std::string::npos ? "" : lower(path.substr(dot + 1));
    if (std::find(allowed.begin(), allowed.end(), ext) != allowed.end()) return;
    std::string list;
    for (const auto& a : allowed) list.append(list.empty() ? "." : " or .").append(a);
    throw Error(path + ": unsupported output format (use " + list + ")");
}

}  // namespace gg::cli
