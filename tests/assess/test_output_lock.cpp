// One run at a time per output folder, in the library (assess/outputs.cpp write_outputs takes
// gis/output_lock.hpp's lock itself, so every caller gets it): the thread that holds the lock
// may take it again (the CLI holds it from before its run), another thread is refused as another
// process is, and a refused write_outputs touches nothing.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <thread>

#include "assess/assessment.hpp"
#include "assess/families.hpp"
#include "assess/outputs.hpp"
#include "core/error.hpp"
#include "gis/output_lock.hpp"
#include "synthetic_city.hpp"

namespace gg::assess {
namespace {

namespace fs = std::filesystem;

// What taking the folder's lock on another thread gives: "" when taken, else the error.
std::string lock_on_another_thread(const std::string& folder) {
    std::string what;
    std::thread t([&] {
        try {
            const OutputFolderLock lock(folder);
        } catch (const Error& e) {
            what = e.what();
        }
    });
    t.join();
    return what;
}

TEST(OutputLock, TheHoldingThreadTakesItAgainAndOthersAreRefusedUntilTheOuterEnds) {
    test::TempDir dir;
    const std::string out = dir.file("out");
    {
        const OutputFolderLock outer(out);
        { const OutputFolderLock inner(out); }  // no error: the same thread
        // The inner one ended: the folder is still held.
        EXPECT_NE(lock_on_another_thread(out).find("another greengauge run"), std::string::npos);
    }
    EXPECT_EQ(lock_on_another_thread(out), "");  // released with the outer one
}

TEST(OutputLock, WriteOutputsIsRefusedWhileAnotherThreadHoldsTheFolder) {
    test::SyntheticCity city;
    const Project p = load_project(city.project, builtin_families());
    const AssessmentResult r = run_assessment(p);
    std::string what;
    {
        const OutputFolderLock held(city.out);
        std::thread t([&] {
            try {
                write_outputs(p, r, city.out);
            } catch (const Error& e) {
                what = e.what();
            }
        });
        t.join();
    }
    EXPECT_NE(what.find(city.out + ": another greengauge run"), std::string::npos) << what;
    EXPECT_FALSE(fs::exists(city.out));  // nothing written
    // Once released, the same call writes.
    const WrittenOutputs w = write_outputs(p, r, city.out);
    EXPECT_FALSE(w.files.empty());
    EXPECT_TRUE(fs::exists(w.files.front())) << w.files.front();
}

}  // namespace
}  // namespace gg::assess
