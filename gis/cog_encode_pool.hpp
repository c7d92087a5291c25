#pragma once
// Tile jobs run as oneTBB tasks, each thread with its own TileEncoder (made on its first job),
// from a bounded queue. When the queue is full the submitting thread runs the oldest job itself
// instead of waiting, so memory stays bounded (a job keeps its packed tile alive), no core idles,
// and a submitter that is itself a TBB task (the write stage of `index`) never blocks on work
// that only its own arena could run. Jobs are taken oldest first whichever thread runs them; the
// order in which they finish does not matter to the output (the COG writer places every tile by
// its number).
#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/task_arena.h>
#include <oneapi/tbb/task_group.h>

#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

#include "gis/cog_tile_encoder.hpp"

namespace gg {

class EncodePool {
  public:
    using Job = std::function<void(TileEncoder&)>;
    using MakeEncoder = std::function<std::unique_ptr<TileEncoder>()>;

    // threads > 0: an arena of its own with that many threads; 0: the arena of the thread that
    // submits (shared with whatever else runs there, e.g. a command's --threads; submit and
    // wait from threads of one arena, the one the constructing thread is in). At most 2 jobs
    // per thread of the arena wait.
    EncodePool(int threads, const MakeEncoder& make);
    ~EncodePool();  // drops the waiting jobs and waits for the running ones
    EncodePool(const EncodePool&) = delete;
    EncodePool& operator=(const EncodePool&) = delete;

    // Rethrows the first failure of a job, if any. Never waits for another thread.
    void submit(Job job);
    // Returns once every submitted job has run (the caller runs those still waiting);
    // rethrows the first failure.
    void wait();

  private:
    void run_next();  // a task: the oldest waiting job, if any is left
    void run(const Job& job);
    void rethrow();
    void wait_for_tasks();

    std::mutex m_;
    std::deque<Job> queue_;
    size_t max_queued_ = 1;
    std::exception_ptr failure_;
    MakeEncoder make_;
    tbb::enumerable_thread_specific<std::unique_ptr<TileEncoder>> encoders_;
    std::optional<tbb::task_arena> own_;  // threads > 0
    // Isolated: a cancelled caller (an exception in the pipeline that submits) does not cancel
    // the jobs, whose tiles finish() or the destructor still account for.
    tbb::task_group_context context_{tbb::task_group_context::isolated};
    tbb::task_group tasks_{context_};
};

}  // namespace gg
