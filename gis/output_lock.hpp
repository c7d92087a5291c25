#pragma once
// One run at a time per output folder. A run writes several files (GeoPackage, CSV, XLSX, COGs)
// one after the other, each atomically; two runs to one folder at once would leave a mix of both.
// The lock is an flock(2) on a small file in the system temp folder named after the folder's
// canonical path (not inside the folder: a refused or failed run must leave it untouched), so the
// kernel releases it when the process ends in any way, kill -9 included, and a stale lock cannot
// exist. The holder removes the file as it ends normally; after a kill -9 it stays (a few bytes)
// and is reused by the next run to the folder. The thread that holds it may take it again (the
// library's write_outputs does, inside a caller's own lock): the inner one is a count, and the
// folder stays locked until the outer one ends. Another thread of the same process is refused,
// as another process is.
#include <string>

namespace gg {

class OutputFolderLock {
  public:
    // Throws gg::Error "<folder>: another greengauge run (process N) is writing to this folder;
    // ..." when another process holds it.
    explicit OutputFolderLock(const std::string& folder);
    ~OutputFolderLock();
    OutputFolderLock(const OutputFolderLock&) = delete;
    OutputFolderLock& operator=(const OutputFolderLock&) = delete;

  private:
    std::string path_;
    int fd_ = -1;
    bool nested_ = false;  // this thread held it already: released by the outer one
};

}  // namespace gg
