// gis/parallel (with_threads, per_thread, compute_in_order): windows written in order, a worker
// never shared between threads, a bounded number of windows in flight, the first exception wins
// and stops the rest, on arenas of 1, 2 and 3 threads.
#include "gis/parallel.hpp"

#include <gtest/gtest.h>
#include <oneapi/tbb/global_control.h>

#include <atomic>
#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace gg::test {
namespace {

// TBB runs no more threads than the cores unless told: an arena of 3 gets 3 threads here even on
// a machine of 2.
struct AllowThreads {
    tbb::global_control limit{tbb::global_control::max_allowed_parallelism, 4};
};

struct Worker {
    std::optional<std::thread::id> owner;  // the thread that used it first
    bool busy = false;
    int windows = 0;
};

// A little work, so that windows overlap on several threads.
void spin(int micros) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::microseconds(micros);
    while (std::chrono::steady_clock::now() < until) {
    }
}

void raise_to(std::atomic<int>& most, int now) {
    for (int m = most; now > m && !most.compare_exchange_weak(m, now);) {
    }
}

void use(Worker& w) {
    if (!w.owner) w.owner = std::this_thread::get_id();
    EXPECT_EQ(*w.owner, std::this_thread::get_id()) << "a worker went to another thread";
    EXPECT_FALSE(w.busy) << "a worker was used twice at once";
    w.busy = true;
    spin(200);
    w.busy = false;
    ++w.windows;
}

TEST(Parallel, WithThreadsRunsInAnArenaOfThatMany) {
    AllowThreads allow;
    for (const int threads : {1, 2, 3})
        EXPECT_EQ(with_threads(threads, arena_threads), static_cast<size_t>(threads));
    // 0: the current arena, shared (an outer arena's size is seen inside).
    EXPECT_EQ(with_threads(3, [] { return with_threads(0, arena_threads); }), 3u);
    // More than TBB may run: no more than it may run.
    EXPECT_EQ(with_threads(64, arena_threads), static_cast<size_t>(max_threads()));
}

TEST(Parallel, WindowsAreWrittenInOrderWithOneWorkerPerThread) {
    AllowThreads allow;
    for (const int threads : {1, 2, 3}) {
        SCOPED_TRACE(threads);
        with_threads(threads, [&] {
            std::atomic<int> made{0};
            PerThread<Worker> workers = per_thread(Worker{}, [&made] {
                ++made;
                return Worker{};
            });
            const size_t windows = 300;
            std::atomic<int> in_flight{0}, most{0}, computing{0}, most_computing{0};
            std::vector<size_t> written;
            compute_in_order<Worker, size_t>(
                workers, windows,
                [&](Worker& w, size_t i, size_t& out) {
                    raise_to(most, ++in_flight);
                    raise_to(most_computing, ++computing);
                    use(w);
                    --computing;
                    out = i * 7;
                },
                [&](size_t i, size_t& out) {
                    EXPECT_EQ(out, i * 7);
                    written.push_back(i);
                    --in_flight;
                });
            ASSERT_EQ(written.size(), windows);
            for (size_t i = 0; i < windows; ++i) EXPECT_EQ(written[i], i);
            EXPECT_LE(most.load(), 2 * threads) << "more than two windows per thread in flight";
            // At once: over time TBB may hand the arena's places to other threads of its pool
            // (each then has a worker of its own).
            EXPECT_LE(most_computing.load(), threads) << "more threads than the arena's";
            int total = 0;
            for (const Worker& w : workers) total += w.windows;
            EXPECT_EQ(total, static_cast<int>(windows));
            EXPECT_EQ(static_cast<int>(workers.size()), made.load() + 1);  // the first was given
        });
    }
}

TEST(Parallel, TheFirstExceptionOfEitherSideStopsEverything) {
    AllowThreads allow;
    for (const int threads : {1, 2, 3}) {
        SCOPED_TRACE(threads);
        with_threads(threads, [&] {
            const size_t windows = 1000;
            for (const bool in_compute : {true, false}) {
                PerThread<Worker> workers = per_thread(Worker{}, [] { return Worker{}; });
                std::atomic<size_t> computed{0};
                std::vector<size_t> written;
                try {
                    compute_in_order<Worker, size_t>(
                        workers, windows,
                        [&](Worker& w, size_t i, size_t&) {
                            use(w);
                            ++computed;
                            if (in_compute && i == 37) throw std::runtime_error("compute 37");
                        },
                        [&](size_t i, size_t&) {
                            if (!in_compute && i == 5) throw std::runtime_error("write 5");
                            written.push_back(i);
                        });
                    ADD_FAILURE() << "no exception";
                } catch (const std::runtime_error& e) {
                    EXPECT_EQ(std::string(e.what()), in_compute ? "compute 37" : "write 5");
                }
                // Written in order up to the failure, never past it.
                for (size_t i = 0; i < written.size(); ++i) EXPECT_EQ(written[i], i);
                EXPECT_LE(written.size(), in_compute ? 37u : 5u);
                // Stopped: past the failed window, no more than the windows in flight (two per
                // thread) were computed.
                const size_t failed_at = in_compute ? 37 : 5;
                EXPECT_LE(computed.load(), failed_at + 2 * static_cast<size_t>(threads));
            }
        });
    }
}

}  // namespace
}  // namespace gg::test
