#include "gis/cog_encode_pool.hpp"

#include <algorithm>

#include "gis/parallel.hpp"

namespace gg {

EncodePool::EncodePool(int threads, const MakeEncoder& make) : make_(make) {
    // Its own arena: `threads` TBB worker threads (as many as TBB has, at most) run the jobs,
    // plus a slot for the thread that waits (the submitter does not join the arena).
    if (threads > 0) own_.emplace(std::min(threads + 1, max_threads()), 1);
    const int width = own_ ? own_->max_concurrency() : tbb::this_task_arena::max_concurrency();
    max_queued_ = 2 * static_cast<size_t>(std::max(1, width));
}

EncodePool::~EncodePool() {
    {
        std::lock_guard lock(m_);
        queue_.clear();
    }
    // The tasks left find nothing to do; the running jobs use what the owner still holds.
    wait_for_tasks();
}

void EncodePool::wait_for_tasks() {
    if (own_)
        own_->execute([this] { tasks_.wait(); });
    else
        tasks_.wait();
}

void EncodePool::run(const Job& job) {
    try {
        std::unique_ptr<TileEncoder>& encoder = encoders_.local();
        if (!encoder) encoder = make_();
        job(*encoder);
    } catch (...) {
        std::lock_guard lock(m_);
        if (!failure_) failure_ = std::current_exception();
    }
}

void EncodePool::run_next() {
    Job job;
    {
        std::lock_guard lock(m_);
        if (queue_.empty()) return;  // run by the submitter or by wait()
        job = std::move(queue_.front());
        queue_.pop_front();
    }
    run(job);
}

void EncodePool::rethrow() {
    std::lock_guard lock(m_);
    if (failure_) std::rethrow_exception(failure_);
}

void EncodePool::submit(Job job) {
    Job mine;
    {
        std::lock_guard lock(m_);
        if (failure_) std::rethrow_exception(failure_);
        queue_.push_back(std::move(job));
        if (queue_.size() > max_queued_) {
            mine = std::move(queue_.front());
            queue_.pop_front();
        }
    }
    if (!mine) {
        // One task per waiting job (a task may find its job taken: then it does nothing). In the
        // submitter's arena, spawned (not enqueued: TBB would add a thread to an arena of one
        // for an enqueued task, past the --threads asked for).
        if (own_)
            own_->enqueue(tasks_.defer([this] { run_next(); }));
        else
            tasks_.run([this] { run_next(); });
        return;
    }
    run(mine);
    mine = nullptr;  // releases what the job holds before going on
    rethrow();
}

void EncodePool::wait() {
    for (;;) {  // the caller runs what is left
        Job job;
        {
            std::lock_guard lock(m_);
            if (queue_.empty()) break;
            job = std::move(queue_.front());
            queue_.pop_front();
        }
        run(job);
    }
    wait_for_tasks();
    rethrow();
}

}  // namespace gg
