#include "assess/framework_catalog.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "core/error.hpp"

namespace gg::assess {

namespace fs = std::filesystem;

namespace {

bool is_folder(const fs::path& p) {
    std::error_code ec;
    return fs::is_directory(p, ec);
}

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? v : "";
}

// The folder of the running executable (Linux: /proc/self/exe), or empty.
fs::path executable_dir() {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path() : exe.parent_path();
}

// True when `p` is `root` or inside it.
bool inside(const fs::path& p, const fs::path& root) {
    std::error_code ec;
    const fs::path a = fs::weakly_canonical(p, ec), b = fs::weakly_canonical(root, ec);
    if (ec) return false;
    const auto [end, _] = std::mismatch(b.begin(), b.end(), a.begin(), a.end());
    return end == b.end();
}

}  // namespace

std::string builtin_frameworks_dir() {
    if (const std::string dir = env("GREENGAUGE_FRAMEWORKS"); !dir.empty()) {
        if (!is_folder(dir)) throw Error("GREENGAUGE_FRAMEWORKS=" + dir + ": no such folder");
        return dir;
    }
    if (const std::string data = env("GREENGAUGE_DATA"); !data.empty()) {
        const fs::path dir = fs::path(data) / "frameworks";
        if (!is_folder(dir))
            throw Error("GREENGAUGE_DATA=" + data + ": no frameworks folder in it (expected " +
                        dir.string() + ", as installed in share/greengauge)");
        return dir.string();
    }
    const fs::path exe = executable_dir();
    const fs::path installed =
        (exe / ".." / "share" / "greengauge" / "frameworks").lexically_normal();
    if (!exe.empty() && is_folder(installed)) return installed.string();
    // An executable of the build tree (greengauge, the test programs) reads the source tree's
    // files; an installed or copied one never does.
    if (!exe.empty() && inside(exe, GG_BUILD_DIR) && is_folder(GG_SOURCE_FRAMEWORKS_DIR))
        return GG_SOURCE_FRAMEWORKS_DIR;
    throw Error("the built-in frameworks are not found: looked in " +
                (exe.empty() ? std::string("../share/greengauge/frameworks") : installed.string()) +
                " (beside the executable's folder); install greengauge with cmake --install, or "
                "set GREENGAUGE_DATA to its data folder (share/greengauge)");
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
