#pragma once
// Runs the greengauge executable as a user would and captures what it printed.
#include <string>
#include <vector>

namespace gg::test {

struct CommandResult {
    int exit_code = -1;
    std::string out;  // standard output
    std::string err;  // standard error
};

// Runs GG_EXE with the given arguments (no shell quoting issues: arguments are quoted here).
CommandResult run_greengauge(const std::vector<std::string>& args);
// Runs `program` with the given arguments through env(1): env_args first ("-u NAME" unsets a
// variable, "NAME=value" sets one), e.g. an installed greengauge without GREENGAUGE_* variables.
CommandResult run_program(const std::string& program, const std::vector<std::string>& args,
                          const std::vector<std::string>& env_args = {});
// Starts GG_EXE with the given arguments (its output to /dev/null), kills it with SIGKILL after
// `ms` milliseconds and reaps it. True when the kill found it still running.
bool kill_greengauge_after(const std::vector<std::string>& args, int ms);

// A fresh empty directory under the system temp dir (or under `base`), removed when the object
// dies.
class TempDir {
  public:
    explicit TempDir(const std::string& base = "");
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return path_; }
    std::string file(const std::string& name) const { return path_ + "/" + name; }
    // Names of the entries in the directory (to prove no output or temp file was left behind).
    std::vector<std::string> entries() const;

  private:
    std::string path_;
};

std::string read_text(const std::string& path);
// The bytes of a file greengauge wrote, with the values of the metadata items that differ from
// run to run (greengauge_command, greengauge_created_utc) overwritten by as many '.': two runs
// whose command lines have the same length compare byte for byte.
std::string output_bytes_without_run_stamp(const std::string& path);
void write_text(const std::string& path, const std::string& text);

}  // namespace gg::test
