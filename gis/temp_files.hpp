#pragma once
// Temporary output files (AtomicOutput) are never left behind:
// - on SIGINT, SIGTERM or SIGHUP the live ones are removed before the process ends with that
//   signal (install_temp_file_cleanup, once, by the executable);
// - a run that was killed without a chance to clean up (kill -9, a power cut) leaves
//   "<output>.tmp-<pid>-<n>..." files: the next run writing <output> removes those whose process
//   no longer exists (remove_stale_temp_files).
#include <string>

namespace gg {

// Installs the signal handlers; idempotent.
void install_temp_file_cleanup();

// A live temporary file, removed by the signal handler until it is forgotten. `path` must stay
// valid (and unchanged) until forget_temp_file(path) is called. At most 64 are tracked at once;
// more are still removed by their owners and by the next run.
void track_temp_file(const std::string& path);
void forget_temp_file(const std::string& path);

// Removes "<final_path>.tmp-<pid>-*" beside final_path when process <pid> is gone (not this
// process, not a live one); returns how many files were removed.
int remove_stale_temp_files(const std::string& final_path);

}  // namespace gg
