#pragma once
// A few threads, each with its own TileEncoder, running tile jobs from a bounded queue. When the
// queue is full the submitting thread runs the oldest job itself instead of waiting, so memory
// stays bounded (a job keeps its row of tiles alive) and no core idles.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "gis/cog_tile_encoder.hpp"

namespace gg {

class EncodePool {
  public:
    using Job = std::function<void(TileEncoder&)>;
    using MakeEncoder = std::function<std::unique_ptr<TileEncoder>()>;

    // threads >= 1 workers; at most max_queued jobs wait.
    EncodePool(int threads, size_t max_queued, const MakeEncoder& make);
    ~EncodePool();  // drops the waiting jobs and joins the workers
    EncodePool(const EncodePool&) = delete;
    EncodePool& operator=(const EncodePool&) = delete;

    // Rethrows the first failure of a job, if any.
    void submit(Job job);
    // Returns once every submitted job has run; rethrows the first failure.
    void wait();

  private:
    void work(TileEncoder& encoder);
    void run(const Job& job, TileEncoder& encoder);
    void rethrow();

    std::mutex m_;
    std::condition_variable ready_, idle_;
    std::deque<Job> queue_;
    size_t max_queued_;
    int running_ = 0;
    bool stop_ = false;
    std::exception_ptr failure_;
    std::vector<std::unique_ptr<TileEncoder>> encoders_;  // the workers', then the caller's
    std::vector<std::thread> threads_;
};

}  // namespace gg
