// Ctrl-C or SIGTERM during a long write leaves no temporary file (they were left as
// "<output>.tmp-PID-N", possibly gigabytes, that no later run removed), and a run killed
// outright (kill -9) leaves files the next run writing the same output removes.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogr_spatialref.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "support/run_command.hpp"

extern char** environ;

namespace gg::test {
namespace {

namespace fs = std::filesystem;

// A 3000 x 3000 two-band Float32 stack in UTM 47N: `index` needs about a second on it, long
// enough to be interrupted while its temporary files exist.
void write_stack(const std::string& path) {
    GDALAllRegister();
    GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
    const char* options[] = {"TILED=YES", nullptr};
    GDALDatasetUniquePtr ds(
        gtiff->Create(path.c_str(), 3000, 3000, 2, GDT_Float32, const_cast<char**>(options)));
    ASSERT_TRUE(ds);
    double gt[6] = {500000, 10, 0, 1600000, 0, -10};
    ds->SetGeoTransform(gt);
    OGRSpatialReference srs;
    srs.importFromEPSG(32647);
    ds->SetSpatialRef(&srs);
    std::vector<float> row(3000);
    for (int b = 1; b <= 2; ++b)
        for (int y = 0; y < 3000; ++y) {
            for (int x = 0; x < 3000; ++x) row[x] = 0.1f * b + 0.0001f * static_cast<float>(x % 97);
            ASSERT_EQ(ds->GetRasterBand(b)->RasterIO(GF_Write, 0, y, 3000, 1, row.data(), 3000, 1,
                                                     GDT_Float32, 0, 0),
                      CE_None);
        }
}

bool has_temp_file(const TempDir& dir) {
    for (const auto& name : dir.entries())
        if (name.find(".tmp-") != std::string::npos) return true;
    return false;
}

TEST(Signals, TerminatedIndexLeavesNoTemporaryFile) {
    TempDir in, out;
    write_stack(in.file("stack.tif"));
    for (int sig : {SIGTERM, SIGINT}) {
        const std::vector<std::string> args = {
            GG_EXE, "index", "-p", in.file("stack.tif"), "--band", "red=1", "--band", "nir=2", "-i",
            "ndvi", "-q",    "-o", out.file("ndvi.tif")};
        std::vector<char*> argv;
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        pid_t pid = 0;
        ASSERT_EQ(posix_spawn(&pid, GG_EXE, nullptr, nullptr, argv.data(), environ), 0);
        // Wait until the writer has its temporary files, then interrupt it.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (!has_temp_file(out) && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        ASSERT_TRUE(has_temp_file(out)) << "no temporary file seen";
        ::kill(pid, sig);
        int status = 0;
        ASSERT_EQ(::waitpid(pid, &status, 0), pid);
        // Ended by the signal (the run was interrupted, not finished) and nothing left.
        ASSERT_TRUE(WIFSIGNALED(status)) << "exit " << WEXITSTATUS(status);
        EXPECT_EQ(WTERMSIG(status), sig);
        EXPECT_TRUE(out.entries().empty()) << out.entries().front();
    }
}

TEST(Signals, TemporaryFilesOfAKilledRunAreRemovedByTheNextRun) {
    TempDir out;
    // The pid of a process that has ended (a child of ours, waited for), and our own (alive).
    pid_t dead = 0;
    char true_path[] = "/bin/true";
    char* argv[] = {true_path, nullptr};
    ASSERT_EQ(posix_spawn(&dead, true_path, nullptr, nullptr, argv, environ), 0);
    ASSERT_EQ(::waitpid(dead, nullptr, 0), dead);
    const std::string stale = out.file("ndvi.tif.tmp-" + std::to_string(dead) + "-0.tif");
    const std::string live = out.file("ndvi.tif.tmp-" + std::to_string(::getpid()) + "-0.tif");
    const std::string other = out.file("other.tif.tmp-" + std::to_string(dead) + "-0.tif");
    for (const auto& f : {stale, live, other}) std::ofstream(f) << "partial";

    const auto r = run_greengauge(
        {"index", "-p",
         std::string(GG_DATA_DIR) + "/landsat/LC08_L1TP_195025_20130707_20170503_01_T1_MTL.txt",
         "-i", "ndvi", "-q", "-o", out.file("ndvi.tif")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(fs::exists(out.file("ndvi.tif")));
    EXPECT_FALSE(fs::exists(stale));  // its process is gone
    EXPECT_TRUE(fs::exists(live));    // a live process may still be writing it
    EXPECT_TRUE(fs::exists(other));   // another output's: not this run's business
}

}  // namespace
}  // namespace gg::test
