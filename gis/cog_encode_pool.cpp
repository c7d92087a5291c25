#include "gis/cog_encode_pool.hpp"

#include <algorithm>

namespace gg {

EncodePool::EncodePool(int threads, size_t max_queued, const MakeEncoder& make)
    : max_queued_(std::max<size_t>(max_queued, 1)) {
    for (int i = 0; i <= threads; ++i) encoders_.push_back(make());
    try {
        for (int i = 0; i < threads; ++i)
            threads_.emplace_back([this, i] { work(*encoders_[static_cast<size_t>(i)]); });
    } catch (...) {
        {
            std::lock_guard lock(m_);
            stop_ = true;
        }
        ready_.notify_all();
        for (auto& t : threads_) t.join();
        throw;
    }
}

EncodePool::~EncodePool() {
    {
        std::lock_guard lock(m_);
        stop_ = true;
        queue_.clear();
    }
    ready_.notify_all();
    for (auto& t : threads_) t.join();
}

void EncodePool::run(const Job& job, TileEncoder& encoder) {
    try {
        job(encoder);
    } catch (...) {
        std::lock_guard lock(m_);
        if (!failure_) failure_ = std::current_exception();
    }
}

void EncodePool::work(TileEncoder& encoder) {
    for (;;) {
        Job job;
        {
            std::unique_lock lock(m_);
            ready_.wait(lock, [&] { return stop_ || !queue_.empty(); });
            if (stop_) return;
            job = std::move(queue_.front());
            queue_.pop_front();
            ++running_;
        }
        run(job, encoder);
        job = nullptr;  // releases what the job holds (its row of tiles) before reporting
        {
            std::lock_guard lock(m_);
            --running_;
        }
        idle_.notify_all();
    }
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
    ready_.notify_one();
    if (mine) {
        run(mine, *encoders_.back());
        rethrow();
    }
}

void EncodePool::wait() {
    for (;;) {  // the caller helps with what is left
        Job job;
        {
            std::lock_guard lock(m_);
            if (queue_.empty()) break;
            job = std::move(queue_.front());
            queue_.pop_front();
        }
        run(job, *encoders_.back());
    }
    std::unique_lock lock(m_);
    idle_.wait(lock, [&] { return queue_.empty() && running_ == 0; });
    if (failure_) std::rethrow_exception(failure_);
}

}  // namespace gg
