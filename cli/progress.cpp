#include "cli/progress.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdio>

#include "cli/common.hpp"

namespace gg::cli {

Progress::Progress(std::string label)
    : label_(std::move(label)),
      start_(std::chrono::steady_clock::now()),
      terminal_(isatty(STDERR_FILENO) != 0) {}

void Progress::update(double done, const std::string& detail) {
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    if (elapsed < 2.0 || done <= 0 || !progress_output()) return;
    const double eta = elapsed * (1 - done) / done;
    const int decile = static_cast<int>(std::floor(done * 10));
    if (terminal_) {
        if (elapsed - last_print_ < 0.2 && done < 1) return;
        std::fprintf(stderr, "\r%s: %3.0f%%  elapsed %.0f s, ETA %.0f s%s%s   ", label_.c_str(),
                     done * 100, elapsed, eta, detail.empty() ? "" : ", ", detail.c_str());
    } else {
        if (decile == last_decile_) return;
        std::fprintf(stderr, "%s: %3.0f%%  elapsed %.0f s, ETA %.0f s%s%s\n", label_.c_str(),
                     done * 100, elapsed, eta, detail.empty() ? "" : ", ", detail.c_str());
    }
    std::fflush(stderr);
    last_decile_ = decile;
    last_print_ = elapsed;
    printed_ = true;
}

void Progress::finish() {
    if (printed_ && terminal_) std::fprintf(stderr, "\n");
    printed_ = false;
}

}  // namespace gg::cli
