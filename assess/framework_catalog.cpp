#include "assess/framework_catalog.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "core/error.hpp"

namespace gg::assess {

namespace fs = std::filesystem;

std::string builtin_frameworks_dir() {
    if (const char* env = std::getenv("GREENGAUGE_FRAMEWORKS"); env && *env) return env;
    return GG_FRAMEWORKS_DIR;  // the source tree's data/frameworks (set by CMake)
}

std::vector<std::string> builtin_framework_files() {
    std::vector<std::string> files;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(builtin_frameworks_dir(), ec))
        if (e.path().extension() == ".yaml") files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

bool is_framework_file(const std::string& id_or_path) {
    return id_or_path.find('/') != std::string::npos || id_or_path.ends_with(".yaml") ||
           id_or_path.ends_with(".yml");
}

Framework load_framework_ref(const std::string& id_or_path) {
    if (is_framework_file(id_or_path)) return load_framework_file(id_or_path);
    const fs::path file = fs::path(builtin_frameworks_dir()) / (id_or_path + ".yaml");
    std::error_code ec;
    if (fs::exists(file, ec)) return load_framework_file(file.string());
    std::string known;
    for (const auto& f : builtin_framework_files())
        known.append(known.empty() ? "" : ", ").append(fs::path(f).stem().string());
    throw Error("unknown framework \"" + id_or_path + "\" (built-in: " + known +
                "; or give the path of a framework file)");
}

}  // namespace gg::assess
