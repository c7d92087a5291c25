// gis/parallel (with_threads, per_thread, compute_in_order) and the COG encoder's tasks
// (EncodePool): windows written in order, a worker never shared between threads, a bounded
// number of windows and jobs in flight, the first exception wins and stops the rest, and no
// deadlock when the ordered write stage submits encode jobs to the same arena (as `index` and
// `composite` do through CogWriter), on arenas of 1, 2 and 3 threads.
#include "gis/parallel.hpp"

#include <gtest/gtest.h>
#include <oneapi/tbb/global_control.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "gis/cog_encode_pool.hpp"

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

std::unique_ptr<TileEncoder> make_encoder() {
    return std::make_unique<TileEncoder>(CogCompression::None, 0);
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

// The shape of `index`: the ordered write stage hands jobs to an EncodePool of the same arena
// (CogWriter's, threads 0). Every job runs, each encoder on one thread at a time, and the jobs in
// flight stay bounded, whatever the arena's size, including 1 (where nothing but the calling
// thread can run them).
TEST(EncodePool, JobsFromTheOrderedWriteStageOfTheSameArenaAllRun) {
    AllowThreads allow;
    for (const int threads : {1, 2, 3}) {
        SCOPED_TRACE(threads);
        with_threads(threads, [&] {
            EncodePool pool(0, make_encoder);
            std::mutex m;
            std::map<const TileEncoder*, std::thread::id> owner;
            std::map<const TileEncoder*, bool> busy;
            std::atomic<int> in_flight{0}, most{0}, running{0}, most_running{0}, done{0};
            PerThread<Worker> workers = per_thread(Worker{}, [] { return Worker{}; });
            const size_t windows = 100, jobs_per_window = 4;
            compute_in_order<Worker, int>(
                workers, windows, [&](Worker& w, size_t, int&) { use(w); },
                [&](size_t, int&) {
                    for (size_t j = 0; j < jobs_per_window; ++j) {
                        raise_to(most, ++in_flight);
                        pool.submit([&](TileEncoder& e) {
                            raise_to(most_running, ++running);
                            {
                                std::lock_guard lock(m);
                                const auto [at, fresh] =
                                    owner.emplace(&e, std::this_thread::get_id());
                                EXPECT_EQ(at->second, std::this_thread::get_id())
                                    << "an encoder went to another thread";
                                EXPECT_FALSE(busy[&e]) << "an encoder was used twice at once";
                                busy[&e] = true;
                            }
                            spin(100);
                            {
                                std::lock_guard lock(m);
                                busy[&e] = false;
                            }
                            --running;
                            ++done;
                            --in_flight;
                        });
                    }
                });
            pool.wait();
            EXPECT_EQ(done.load(), static_cast<int>(windows * jobs_per_window));
            EXPECT_LE(most_running.load(), threads) << "more threads than the arena's";
            // Waiting (2 per thread), running (one per thread), and the one being submitted.
            EXPECT_LE(most.load(), 3 * threads + 1);
        });
    }
}

TEST(EncodePool, AFailedJobIsRethrownBySubmitOrWait) {
    for (const int threads : {0, 1, 2}) {
        SCOPED_TRACE(threads);
        EncodePool pool(threads, make_encoder);
        bool thrown = false;
        try {
            for (int j = 0; j < 50; ++j)
                pool.submit([j](TileEncoder&) {
                    if (j == 3) throw std::runtime_error("job 3");
                });
            pool.wait();
        } catch (const std::runtime_error& e) {
            thrown = true;
            EXPECT_EQ(std::string(e.what()), "job 3");
        }
        EXPECT_TRUE(thrown);
    }
}

// One encoder thread held by the first job: the two others wait in the queue and are dropped
// with the pool, which waits for the running one.
TEST(EncodePool, DroppingThePoolDropsTheWaitingJobsAndWaitsForTheRunningOne) {
    std::atomic<bool> open{false};
    std::atomic<int> started{0}, done{0};
    std::thread opener;
    {
        EncodePool pool(1, make_encoder);
        for (int j = 0; j < 3; ++j)  // fewer than the queue holds: none runs on this thread
            pool.submit([&](TileEncoder&) {
                ++started;
                while (!open) std::this_thread::sleep_for(std::chrono::milliseconds(1));
                ++done;
            });
        while (started == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        opener = std::thread([&open] {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            open = true;
        });
    }
    EXPECT_EQ(done.load(), 1) << "the pool did not wait for the running job";
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    opener.join();
    EXPECT_EQ(started.load(), 1) << "a waiting job ran after the pool was dropped";
}

}  // namespace
}  // namespace gg::test
