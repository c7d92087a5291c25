#pragma once
// Windows computed on several threads, written in order on the calling thread: the shape of
// `index` and `composite` (read, compute, hand to one CogWriter). Workers run at most two windows
// per thread ahead of the writer, which bounds memory; the output does not depend on the number
// of threads because every window is computed the same way and written in order.
#include <algorithm>
#include <condition_variable>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace gg::cli {

// Worker threads for `windows` windows: `requested` (--threads), or every core when 0; never more
// than there are windows.
inline size_t worker_count(int requested, size_t windows) {
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const size_t wanted = requested > 0 ? static_cast<size_t>(requested) : cores;
    return std::clamp<size_t>(wanted, 1, std::max<size_t>(windows, 1));
}

// compute(worker, i, result) fills result for window i, on worker's thread (one thread per
// worker, so a worker may hold GDAL handles that are not thread-safe); write(i, result) runs on
// the calling thread for i = 0, 1, ... in order. The first exception, from either side, stops
// everything and is rethrown here.
template <typename Worker, typename Result>
void compute_in_order(std::vector<Worker>& workers, size_t windows,
                      const std::function<void(Worker&, size_t, Result&)>& compute,
                      const std::function<void(size_t, Result&)>& write) {
    const size_t ahead = 2 * workers.size();
    std::mutex m;
    std::condition_variable cv;
    std::map<size_t, Result> ready;  // computed, not yet written
    size_t next = 0, written = 0;
    bool stop = false;
    std::exception_ptr failure;
    auto fail = [&](std::exception_ptr e) {
        {
            std::lock_guard lock(m);
            if (!failure) failure = e;
            stop = true;
        }
        cv.notify_all();
    };
    auto work = [&](Worker& worker) {
        try {
            for (;;) {
                size_t i = 0;
                {
                    std::unique_lock lock(m);
                    cv.wait(lock,
                            [&] { return stop || next >= windows || next < written + ahead; });
                    if (stop || next >= windows) return;
                    i = next++;
                }
                Result r;
                compute(worker, i, r);
                {
                    std::lock_guard lock(m);
                    ready.emplace(i, std::move(r));
                }
                cv.notify_all();
            }
        } catch (...) {
            fail(std::current_exception());
        }
    };
    std::vector<std::thread> pool;
    for (auto& w : workers) pool.emplace_back(work, std::ref(w));
    try {
        for (size_t i = 0; i < windows; ++i) {
            Result r;
            {
                std::unique_lock lock(m);
                cv.wait(lock, [&] { return stop || ready.count(i) != 0; });
                if (stop) break;
                r = std::move(ready[i]);
                ready.erase(i);
            }
            write(i, r);
            {
                std::lock_guard lock(m);
                ++written;
            }
            cv.notify_all();
        }
    } catch (...) {
        fail(std::current_exception());
    }
    for (auto& t : pool) t.join();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace gg::cli
