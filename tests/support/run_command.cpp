#include "support/run_command.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace gg::test {
namespace {

std::string shell_quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) {
        if (c == '\'')
            q += "'\\''";
        else
            q += c;
    }
    q += '\'';
    return q;
}

}  // namespace

CommandResult run_greengauge(const std::vector<std::string>& args) {
    return run_program(GG_EXE, args);
}

CommandResult run_program(const std::string& program, const std::vector<std::string>& args,
                          const std::vector<std::string>& env_args) {
    TempDir capture;
    std::string cmd;
    if (!env_args.empty()) {
        cmd = "env";
        for (const auto& e : env_args) cmd.append(" ").append(shell_quote(e));
        cmd.append(" ");
    }
    cmd.append(shell_quote(program));
    // Appended piece by piece: GCC 12 misreports -Wrestrict on chained operator+ (PR 105329).
    for (const auto& a : args) cmd.append(" ").append(shell_quote(a));
    cmd.append(" >").append(shell_quote(capture.file("out")));
    cmd.append(" 2>").append(shell_quote(capture.file("err"))).append(" </dev/null");
    const int status = std::system(cmd.c_str());
    CommandResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = read_text(capture.file("out"));
    r.err = read_text(capture.file("err"));
    return r;
}

bool kill_greengauge_after(const std::vector<std::string>& args, int ms) {
    std::vector<std::string> argv_text{GG_EXE};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("cannot fork");
    if (pid == 0) {
        const int null = ::open("/dev/null", O_RDWR);
        ::dup2(null, 0);
        ::dup2(null, 1);
        ::dup2(null, 2);
        ::execv(GG_EXE, argv.data());
        ::_exit(127);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    const bool killed = ::kill(pid, SIGKILL) == 0;
    int status = 0;
    ::waitpid(pid, &status, 0);
    return killed;
}

TempDir::TempDir(const std::string& base) {
    const std::filesystem::path dir =
        base.empty() ? std::filesystem::temp_directory_path() : std::filesystem::path(base);
    std::string tmpl = (dir / "gg-test-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("cannot create a temporary directory");
    path_ = tmpl;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

std::vector<std::string> TempDir::entries() const {
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(path_))
        names.push_back(e.path().filename().string());
    return names;
}

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string output_bytes_without_run_stamp(const std::string& path) {
    std::string bytes = read_text(path);
    for (const std::string item : {"greengauge_command", "greengauge_created_utc"}) {
        const std::string open = "<Item name=\"" + item + "\">";
        const size_t at = bytes.find(open);
        if (at == std::string::npos) continue;
        const size_t from = at + open.size(), to = bytes.find("</Item>", from);
        if (to == std::string::npos) continue;
        std::fill(bytes.begin() + static_cast<std::ptrdiff_t>(from),
                  bytes.begin() + static_cast<std::ptrdiff_t>(to), '.');
    }
    return bytes;
}

void write_text(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

}  // namespace gg::test
