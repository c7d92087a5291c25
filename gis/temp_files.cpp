#include "gis/temp_files.hpp"

#include <signal.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <filesystem>
#include <system_error>

namespace gg {

namespace fs = std::filesystem;

namespace {

constexpr size_t kSlots = 64;
// The paths' characters, owned by their AtomicOutput: the handler only reads them.
std::array<std::atomic<const char*>, kSlots> live_paths{};

// Async-signal-safe: unlink and raise only.
void remove_live_files_and_die(int sig) {
    for (auto& slot : live_paths)
        if (const char* p = slot.load()) ::unlink(p);
    ::signal(sig, SIG_DFL);
    ::raise(sig);
}

bool process_alive(long pid) {
    return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

}  // namespace

void install_temp_file_cleanup() {
    static const bool installed = [] {
        struct sigaction action {};
        action.sa_handler = remove_live_files_and_die;
        sigemptyset(&action.sa_mask);
        for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaction(sig, &action, nullptr);
        return true;
    }();
    (void)installed;
}

void track_temp_file(const std::string& path) {
    for (auto& slot : live_paths) {
        const char* empty = nullptr;
        if (slot.compare_exchange_strong(empty, path.c_str())) return;
    }
}

void forget_temp_file(const std::string& path) {
    for (auto& slot : live_paths) {
        const char* mine = path.c_str();
        if (slot.compare_exchange_strong(mine, nullptr)) return;
    }
}

int remove_stale_temp_files(const std::string& final_path) {
    const fs::path final_fs(final_path);
    fs::path dir = final_fs.parent_path();
    if (dir.empty()) dir = ".";
    const std::string prefix = final_fs.filename().string() + ".tmp-";
    int removed = 0;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(prefix, 0) != 0) continue;
        // "<pid>-<n>...": a temporary name of ours only when digits and a dash follow.
        size_t end = prefix.size();
        while (end < name.size() && name[end] >= '0' && name[end] <= '9') ++end;
        if (end == prefix.size() || end >= name.size() || name[end] != '-') continue;
        const long pid = std::stol(name.substr(prefix.size(), end - prefix.size()));
        if (pid == static_cast<long>(::getpid()) || process_alive(pid)) continue;
        std::error_code rm;
        if (fs::remove(entry.path(), rm)) ++removed;
    }
    return removed;
}

}  // namespace gg
