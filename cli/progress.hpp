#pragma once
// Progress with an ETA on standard error: a live line on a terminal, a few lines otherwise, and
// nothing at all for runs shorter than two seconds or with -q.
#include <chrono>
#include <string>

namespace gg::cli {

class Progress {
  public:
    explicit Progress(std::string label);
    // done_fraction 0..1; cheap to call often. detail is shown after the ETA ("3/10 tasks, ...").
    void update(double done_fraction, const std::string& detail = "");
    void finish();

  private:
    std::string label_;
    std::chrono::steady_clock::time_point start_;
    bool terminal_;
    int last_decile_ = -1;
    double last_print_ = -1;
    bool printed_ = false;
};

}  // namespace gg::cli
