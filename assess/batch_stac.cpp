#include "assess/batch_stac.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <optional>

#include "core/error.hpp"

namespace gg::assess {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

bool ends_with_nocase(std::string text, std::string tail) {
    if (text.size() < tail.size()) return false;
    const auto lower = [](std::string& s) {
        std::transform(s.begin(), s.end(), s.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    };
    lower(text);
    lower(tail);
    return text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

json read_json(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw Error(path + ": cannot open the STAC file");
    try {
        return json::parse(in);
    } catch (const json::exception& e) {
        throw Error(path + ": not valid JSON (" + std::string(e.what()) + ")");
    }
}

// A relative href is relative to the file that holds it; file:// is stripped. Empty for an
// address of another scheme (https://...): not a local file.
std::optional<std::string> local_path(const std::string& file, const std::string& href) {
    std::string h = href.rfind("file://", 0) == 0 ? href.substr(7) : href;
    if (h.find("://") != std::string::npos) return std::nullopt;
    const fs::path p(h);
    return p.is_absolute() ? h : (fs::path(file).parent_path() / p).lexically_normal().string();
}

std::string local_href(const std::string& file, const std::string& href) {
    if (auto path = local_path(file, href)) return *path;
    throw Error(file + ": \"" + href + "\" is not a local file (batch reads no network)");
}

bool is_metadata(const std::string& href) {
    return ends_with_nocase(href, "_MTL.txt") || ends_with_nocase(href, "MTD_MSIL2A.xml");
}

StacProduct item_product(const std::string& file, const json& item) {
    const std::string id = item.value("id", std::string("?"));
    const json assets = item.value("assets", json::object());
    StacProduct out;
    for (const auto& [key, asset] : assets.items()) {
        const std::string href = asset.value("href", std::string());
        if (!is_metadata(href) || !out.metadata.empty()) continue;
        const std::string path = local_href(file, href);
        std::error_code ec;
        if (!fs::is_regular_file(path, ec))
            throw Error(file + ": item \"" + id + "\": asset \"" + key + "\" (" + path +
                        ") is missing");
        out.metadata = path;
    }
    if (out.metadata.empty())
        throw Error(file + ": item \"" + id +
                    "\" has no product metadata asset (a Landsat *_MTL.txt or a Sentinel-2 "
                    "MTD_MSIL2A.xml)");
    for (const auto& [key, asset] : assets.items()) {
        const std::string href = asset.value("href", std::string());
        if (href.empty() || is_metadata(href)) continue;
        const auto path = local_path(file, href);  // none: not downloaded, not ours to read
        std::error_code ec;
        if (path && fs::is_regular_file(*path, ec)) out.files.push_back(*path);
    }
    return out;
}

void collect(const std::string& file, const json& doc, int depth, std::vector<StacProduct>& out) {
    if (depth > 8) throw Error(file + ": STAC links nest more than 8 levels deep");
    const std::string type = doc.value("type", std::string());
    if (type == "FeatureCollection") {
        for (const json& item : doc.value("features", json::array()))
            out.push_back(item_product(file, item));
        return;
    }
    if (type == "Feature") {
        out.push_back(item_product(file, doc));
        return;
    }
    if (type == "Catalog" || type == "Collection") {
        for (const json& link : doc.value("links", json::array())) {
            const std::string rel = link.value("rel", std::string());
            if (rel != "item" && rel != "child") continue;
            const std::string next = local_href(file, link.value("href", std::string()));
            collect(next, read_json(next), depth + 1, out);
        }
        return;
    }
    throw Error(file + ": not a STAC ItemCollection, Item or Catalog (\"type\": \"" + type + "\")");
}

}  // namespace

std::vector<StacProduct> stac_products(const std::string& path) {
    std::vector<StacProduct> out;
    try {
        collect(path, read_json(path), 0, out);
    } catch (const json::exception& e) {
        throw Error(path + ": unexpected STAC content (" + std::string(e.what()) + ")");
    }
    return out;
}

}  // namespace gg::assess
