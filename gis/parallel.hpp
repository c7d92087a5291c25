#pragma once
// Threads through oneTBB, so that nested work (a batch of commands, each computing windows, each
// window's tiles compressed) shares the cores instead of each level starting a pool of its own:
// - with_threads: a command's --threads N (its own arena of N threads) or 0 (the current arena:
//   every core by default, or the arena of whatever runs the command);
// - per_thread: state that must not be shared between threads (GDAL handles), one per thread that
//   asks for it, made on first use;
// - compute_in_order: windows computed on the arena's threads and written one after the other in
//   window order (the shape of `index` and `composite`), with a bounded number in flight.
// Generic: no GDAL here (gis/ because core/ does not link TBB).
#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_pipeline.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace gg {

// The most threads TBB runs at once in this process: the cores (those the process may use) unless
// a tbb::global_control says otherwise. An arena asked for more gets no more, and TBB warns on
// standard error.
inline int max_threads() {
    return static_cast<int>(std::max<size_t>(
        1, tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism)));
}

// f() inside a task arena of `threads` threads (at most max_threads()) when threads > 0, else in
// the calling thread's current arena (TBB's default arena, every core, unless the caller runs in
// an arena of its own, which is then shared). Everything f() starts through TBB (pipelines, the
// COG encoder) runs on that arena's threads. Returns what f returns; f's exceptions propagate.
template <typename F>
decltype(auto) with_threads(int threads, F&& f) {
    if (threads <= 0) return std::forward<F>(f)();
    tbb::task_arena arena(std::min(threads, max_threads()));
    return arena.execute(std::forward<F>(f));
}

// The threads the current arena runs at most (the caller's included).
inline size_t arena_threads() {
    return static_cast<size_t>(std::max(1, tbb::this_task_arena::max_concurrency()));
}

// One T per thread that calls local(), made on that thread's first call: the first one is
// `first` (e.g. the reader the caller opened to learn the layout), the others make(). T must be
// movable.
template <typename T>
using PerThread = tbb::enumerable_thread_specific<T>;

template <typename T, typename Make>
PerThread<T> per_thread(T first, Make make) {
    struct Spare {
        std::mutex m;
        std::optional<T> value;
    };
    auto spare = std::make_shared<Spare>();
    spare->value.emplace(std::move(first));
    return PerThread<T>([spare, make]() -> T {
        {
            std::lock_guard lock(spare->m);
            if (spare->value) {
                T t = std::move(*spare->value);
                spare->value.reset();
                return t;
            }
        }
        return make();
    });
}

// compute(worker, i, result) fills result for window i on one of the current arena's threads,
// with that thread's worker (workers.local(): a worker is never used by two threads, nor twice at
// once on one thread: compute must not wait on TBB work); write(i, result) runs for i = 0, 1, ...
// in order, one at a time (on any of the arena's threads). At most two windows per thread are in
// flight (computed or being computed, not yet written), which bounds memory. The first exception,
// from either side, cancels what is left and is rethrown here.
template <typename Worker, typename Result>
void compute_in_order(PerThread<Worker>& workers, size_t windows,
                      const std::function<void(Worker&, size_t, Result&)>& compute,
                      const std::function<void(size_t, Result&)>& write) {
    if (windows == 0) return;
    const size_t tokens = 2 * std::min(arena_threads(), windows);
    // The results live in slots owned here, not in the items between the filters: a pipeline
    // cancelled by an exception does not destroy the items in flight (oneTBB 2021.8 leaks them,
    // LeakSanitizer saw it). Window i uses slot i % tokens: at most `tokens` windows are in
    // flight and they are written in order, so window i - tokens is written before i starts.
    std::vector<std::unique_ptr<Result>> slots(tokens);
    size_t next = 0;
    tbb::parallel_pipeline(
        tokens,
        tbb::make_filter<void, size_t>(tbb::filter_mode::serial_in_order,
                                       [&](tbb::flow_control& fc) -> size_t {
                                           if (next >= windows) {
                                               fc.stop();
                                               return 0;
                                           }
                                           return next++;
                                       }) &
            tbb::make_filter<size_t, size_t>(tbb::filter_mode::parallel,
                                             [&](size_t i) {
                                                 auto& slot = slots[i % tokens];
                                                 slot = std::make_unique<Result>();
                                                 compute(workers.local(), i, *slot);
                                                 return i;
                                             }) &
            tbb::make_filter<size_t, void>(tbb::filter_mode::serial_in_order, [&](size_t i) {
                auto& slot = slots[i % tokens];
                write(i, *slot);
                slot.reset();  // freed as soon as written, as before
            }));
}

}  // namespace gg
