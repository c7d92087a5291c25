#include "gis/output_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>

#include "core/error.hpp"
#include "gis/checksum.hpp"

namespace gg {
namespace fs = std::filesystem;

namespace {

// One name per folder however it is spelt (relative, through a symbolic link, with "..", with a
// trailing slash), even before the folder exists.
std::string lock_path(const std::string& folder) {
    std::error_code ec;
    fs::path p = fs::weakly_canonical(fs::absolute(folder), ec);
    if (ec) p = fs::absolute(folder);
    p = p.lexically_normal();
    if (!p.has_filename() && p.has_parent_path()) p = p.parent_path();
    fs::path tmp = fs::temp_directory_path(ec);
    if (ec) tmp = "/tmp";
    return (tmp / ("greengauge-output-" + sha256_text(p.string()).substr(0, 16) + ".lock"))
        .string();
}

// The locks this thread holds, by lock file, with how many times each is taken.
thread_local std::map<std::string, int> held_by_this_thread;

bool same_file(int fd, const std::string& path) {
    struct stat held {
    }, named{};
    return ::fstat(fd, &held) == 0 && ::stat(path.c_str(), &named) == 0 &&
           held.st_dev == named.st_dev && held.st_ino == named.st_ino;
}

}  // namespace

OutputFolderLock::OutputFolderLock(const std::string& folder) : path_(lock_path(folder)) {
    if (auto it = held_by_this_thread.find(path_); it != held_by_this_thread.end()) {
        ++it->second;
        nested_ = true;
        return;
    }
    // The holder removes the file when it ends (no litter in the temp folder), so a lock taken on
    // a file that has meanwhile been removed is taken again on the new one.
    for (;;) {
        fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
        if (fd_ < 0)
            throw Error(path_ + ": cannot create the lock of output folder " + folder + " (" +
                        std::strerror(errno) + ")");
        if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
            char pid[32] = {};
            const ssize_t n = ::pread(fd_, pid, sizeof pid - 1, 0);
            ::close(fd_);
            fd_ = -1;
            const std::string who =
                n > 0 ? " (process " + std::string(pid, static_cast<size_t>(n)) + ")" : "";
            throw Error(folder + ": another greengauge run" + who +
                        " is writing to this folder; wait for it to end, or write to another "
                        "folder");
        }
        if (same_file(fd_, path_)) break;
        ::close(fd_);
    }
    // Who holds it, for the message of a run refused meanwhile.
    const std::string me = std::to_string(::getpid());
    const bool noted = ::ftruncate(fd_, 0) == 0 &&
                       ::pwrite(fd_, me.data(), me.size(), 0) == static_cast<ssize_t>(me.size());
    (void)noted;  // if not, a run refused meanwhile only misses the process number
    held_by_this_thread[path_] = 1;
}

OutputFolderLock::~OutputFolderLock() {
    if (nested_) {
        --held_by_this_thread[path_];
        return;
    }
    if (fd_ < 0) return;
    held_by_this_thread.erase(path_);
    ::unlink(path_.c_str());  // while still held: no one can have locked the name meanwhile
    ::close(fd_);             // releases the flock
}

}  // namespace gg
