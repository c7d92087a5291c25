// Faults around an assess run's outputs, on the real Olinda demo (data/demo/olinda.yaml): a run
// killed at any moment after an earlier complete run to the same folder, and runs to one folder
// at the same time. Expected values come from an undisturbed run to another folder.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "gis/history_store.hpp"
#include "gis/output_lock.hpp"
#include "support/run_command.hpp"

namespace gg::test {
namespace {

namespace fs = std::filesystem;
const std::string kDemo = std::string(GG_DATA_DIR) + "/demo/olinda.yaml";

// Each line of a CSV without its first field (the indicators' and scores' run id, a clock time).
std::string without_run_id(const std::string& csv) {
    std::string out;
    size_t at = 0;
    while (at < csv.size()) {
        const size_t end = std::min(csv.find('\n', at), csv.size());
        const size_t comma = csv.find(',', at);
        out += csv.substr(comma < end ? comma : at, end + 1 - (comma < end ? comma : at));
        at = end + 1;
    }
    return out;
}

// The CSV outputs byte for byte (but the run id) and the GeoPackage's zones layer as a table
// (the file itself records when it was written).
struct Outputs {
    std::vector<std::string> texts;
    Table zones;
};
Outputs outputs_of(const std::string& out) {
    Outputs o;
    o.texts.push_back(read_text(out + "/olinda.csv"));
    for (const char* f : {"olinda_indicators.csv", "olinda_scores.csv"})
        o.texts.push_back(without_run_id(read_text(out + "/" + f)));
    o.zones = read_table(out + "/olinda.gpkg", "zones");
    return o;
}
void expect_same(const Outputs& a, const Outputs& b, const std::string& what) {
    EXPECT_EQ(a.texts, b.texts) << what;
    EXPECT_EQ(a.zones.rows, b.zones.rows) << what;
}

// A second, complete run with --overwrite killed -9 at several moments: every output of the
// folder is still a whole file that reads back, and a re-run gives the undisturbed content.
TEST(OutputFaults, AnAssessKilledAtAnyMomentLeavesTheEarlierOutputsWholeAndARerunRestoresThem) {
    TempDir dir;
    const std::string reference = dir.file("reference");
    ASSERT_EQ(run_greengauge({"assess", kDemo, "-o", reference, "-q"}).exit_code, 0);
    const Outputs expected = outputs_of(reference);
    const std::string out = dir.file("out");
    ASSERT_EQ(run_greengauge({"assess", kDemo, "-o", out, "-q"}).exit_code, 0);
    int killed = 0;
    for (const int ms : {30, 150, 400, 700, 1000, 1400, 1800}) {
        killed += kill_greengauge_after({"assess", kDemo, "-o", out, "-q", "--overwrite"}, ms);
        // Each file is the earlier run's or the killed run's, whole: the same content.
        expect_same(outputs_of(out), expected, "after kill -9 at " + std::to_string(ms) + " ms");
    }
    EXPECT_GT(killed, 0);
    ASSERT_EQ(run_greengauge({"assess", kDemo, "-o", out, "-q", "--overwrite"}).exit_code, 0);
    expect_same(outputs_of(out), expected, "the re-run");
    for (const auto& e : fs::directory_iterator(out))  // the killed runs' temporaries removed
        EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos) << e.path();
}

// While one run holds the folder (here the test itself, through the same lock), another run to
// it, under any spelling of its path, is refused with one line and touches nothing.
TEST(OutputFaults, ARunToAFolderAnotherRunIsWritingIsRefusedWithOneLine) {
    TempDir dir;
    const std::string out = dir.file("out");
    fs::create_directories(dir.file("sub"));
    fs::create_symlink(dir.path(), dir.file("link"));
    {
        const OutputFolderLock held(out);
        for (const std::string& spelling :
             {out, dir.file("sub/../out"), dir.file("link/out"), out + "/"}) {
            const auto r = run_greengauge({"assess", kDemo, "-o", spelling});
            EXPECT_EQ(r.exit_code, 1) << spelling;
            EXPECT_EQ(r.err, "greengauge: error: " + spelling +
                                 ": another greengauge run (process " + std::to_string(::getpid()) +
                                 ") is writing to this folder; wait for it to end, or write to "
                                 "another folder\n")
                << spelling;
            EXPECT_FALSE(fs::exists(out)) << spelling;
        }
    }
    // Released (as when the holder ends, however it ends): the run goes ahead.
    EXPECT_EQ(run_greengauge({"assess", kDemo, "-o", out, "-q"}).exit_code, 0);
    EXPECT_TRUE(fs::exists(out + "/olinda.csv"));
}

// The demo with another NDVI threshold (same name, so the same output files, other numbers).
std::string other_threshold(const TempDir& dir) {
    std::string text = read_text(kDemo);
    for (size_t at = 0; (at = text.find("../olinda/", at)) != std::string::npos;)
        text.replace(at, 3, std::string(GG_DATA_DIR) + "/");
    const size_t at = text.find("ndvi_threshold: 0.3");
    text.replace(at, 19, "ndvi_threshold: 0.5");
    write_text(dir.file("other.yaml"), text);
    return dir.file("other.yaml");
}

// A real run of the demo, and while it runs (it has printed its first warning, so it is past
// taking the folder) a run of other numbers to the same folder: refused with the first's process
// number, and the folder ends with the first run's outputs alone, not a mix.
TEST(OutputFaults, ASecondAssessToAFolderBeingWrittenIsRefusedAndTheFirstsOutputsStandAlone) {
    TempDir dir;
    const std::string other = other_threshold(dir);
    ASSERT_EQ(run_greengauge({"assess", kDemo, "-o", dir.file("ref_a"), "-q"}).exit_code, 0);
    ASSERT_EQ(run_greengauge({"assess", other, "-o", dir.file("ref_b"), "-q"}).exit_code, 0);
    const Outputs ref_a = outputs_of(dir.file("ref_a")), ref_b = outputs_of(dir.file("ref_b"));
    ASSERT_NE(ref_a.texts, ref_b.texts);  // else a mix could not be seen
    const std::string out = dir.file("out");
    ASSERT_EQ(run_greengauge({"assess", other, "-o", out, "-q"}).exit_code, 0);  // b's, before

    int pipe_fds[2];
    ASSERT_EQ(::pipe(pipe_fds), 0);
    const pid_t first = ::fork();
    ASSERT_GE(first, 0);
    if (first == 0) {
        ::dup2(pipe_fds[1], 2);
        ::close(pipe_fds[0]);
        const int null = ::open("/dev/null", O_WRONLY);  // its tables
        ::dup2(null, 1);
        ::execl(GG_EXE, GG_EXE, "assess", kDemo.c_str(), "-o", out.c_str(), "--overwrite",
                static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ::close(pipe_fds[1]);
    std::string printed;
    char c = 0;
    while (printed.find('\n') == std::string::npos && ::read(pipe_fds[0], &c, 1) == 1) printed += c;
    ASSERT_NE(printed.find("warning"), std::string::npos) << printed;

    const auto second = run_greengauge({"assess", other, "-o", out, "-q", "--overwrite"});
    EXPECT_EQ(second.exit_code, 1);
    EXPECT_NE(second.err.find("another greengauge run (process " + std::to_string(first) + ")"),
              std::string::npos)
        << second.err;
    while (::read(pipe_fds[0], &c, 1) == 1) {
    }
    ::close(pipe_fds[0]);
    int status = 0;
    ::waitpid(first, &status, 0);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
    const Outputs now = outputs_of(out);
    EXPECT_EQ(now.texts, ref_a.texts);
    EXPECT_EQ(now.zones.rows, ref_a.zones.rows);
}

}  // namespace
}  // namespace gg::test
