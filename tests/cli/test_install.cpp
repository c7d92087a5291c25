// cmake --install, as a user installs: greengauge in bin/, the built-in frameworks in
// share/greengauge/frameworks, the docs in share/doc/greengauge. The installed (or moved, or
// copied) executable finds its frameworks relative to itself or through GREENGAUGE_DATA, never
// through the source tree it was built from.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/run_command.hpp"

namespace gg::test {
namespace {

namespace fs = std::filesystem;

const std::string kData = GG_DATA_DIR;
// No variable that points at frameworks: what a user's shell has.
const std::vector<std::string> kCleanEnv = {"-u", "GREENGAUGE_FRAMEWORKS", "-u", "GREENGAUGE_DATA"};

void install_into(const std::string& prefix) {
    const auto r = run_program(GG_CMAKE_COMMAND, {"--install", GG_BUILD_DIR, "--prefix", prefix});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
}

TEST(Install, InstalledTreeFindsItsFrameworksWhereverItIsMoved) {
    TempDir tmp;
    const std::string prefix = tmp.file("prefix");
    install_into(prefix);
    for (const char* f : {"bin/greengauge", "share/greengauge/frameworks/deqp_green_area.yaml",
                          "share/greengauge/frameworks/README.md",
                          "share/greengauge/frameworks/examples/my_municipality.yaml",
                          "share/doc/greengauge/README.md", "share/doc/greengauge/architecture.md",
                          "share/doc/greengauge/frameworks.md"})
        EXPECT_TRUE(fs::exists(prefix + "/" + f)) << f;

    // Moved elsewhere: nothing of the install prefix is compiled in.
    const std::string moved = tmp.file("moved");
    fs::rename(prefix, moved);
    const std::string exe = moved + "/bin/greengauge";
    const auto list = run_program(exe, {"frameworks", "list"}, kCleanEnv);
    ASSERT_EQ(list.exit_code, 0) << list.err;
    EXPECT_NE(list.out.find("Built-in frameworks (" + moved + "/share/greengauge/frameworks)"),
              std::string::npos)
        << list.out;
    EXPECT_NE(list.out.find("deqp_green_area"), std::string::npos) << list.out;
    EXPECT_EQ(list.out.find(kData), std::string::npos) << "read the source tree: " << list.out;

    // The demo, its data copied: assess scores its built-in frameworks.
    fs::create_directories(tmp.file("data"));
    fs::copy(kData + "/demo", tmp.file("data/demo"), fs::copy_options::recursive);
    fs::copy(kData + "/olinda", tmp.file("data/olinda"), fs::copy_options::recursive);
    const auto demo = run_program(
        exe, {"assess", tmp.file("data/demo/olinda.yaml"), "-o", tmp.file("out")}, kCleanEnv);
    ASSERT_EQ(demo.exit_code, 0) << demo.err;
    EXPECT_NE(demo.out.find("onep_green_per_capita - ONEP green space per capita"),
              std::string::npos)
        << demo.out;
    EXPECT_NE(read_text(tmp.file("out/olinda_scores.csv")).find("green_benchmarks"),
              std::string::npos);
}

TEST(Install, CopiedExecutableUsesGreenGaugeDataOrSaysWhereItLooked) {
    TempDir tmp;
    const std::string prefix = tmp.file("prefix");
    install_into(prefix);
    fs::create_directories(tmp.file("lone"));
    const std::string exe = tmp.file("lone/greengauge");
    fs::copy_file(prefix + "/bin/greengauge", exe);

    // Alone, without its share/ folder: an error saying where it looked, not the source tree.
    const auto alone = run_program(exe, {"frameworks", "list"}, kCleanEnv);
    EXPECT_EQ(alone.exit_code, 1);
    EXPECT_NE(alone.err.find("the built-in frameworks are not found: looked in " + tmp.path() +
                             "/share/greengauge/frameworks"),
              std::string::npos)
        << alone.err;
    EXPECT_NE(alone.err.find("GREENGAUGE_DATA"), std::string::npos) << alone.err;

    std::vector<std::string> env = kCleanEnv;
    env.push_back("GREENGAUGE_DATA=" + prefix + "/share/greengauge");
    const auto data = run_program(exe, {"frameworks", "show", "onep_green_per_capita"}, env);
    ASSERT_EQ(data.exit_code, 0) << data.err;
    EXPECT_NE(data.out.find("File: " + prefix + "/share/greengauge/frameworks/"), std::string::npos)
        << data.out;

    // GREENGAUGE_FRAMEWORKS, a folder of framework files, still works and comes first.
    env.push_back("GREENGAUGE_FRAMEWORKS=" + kData + "/frameworks");
    const auto frameworks = run_program(exe, {"frameworks", "list"}, env);
    ASSERT_EQ(frameworks.exit_code, 0) << frameworks.err;
    EXPECT_NE(frameworks.out.find("Built-in frameworks (" + kData + "/frameworks)"),
              std::string::npos)
        << frameworks.out;

    const auto wrong = run_program(exe, {"frameworks", "list"},
                                   {"-u", "GREENGAUGE_FRAMEWORKS", "GREENGAUGE_DATA=/nowhere"});
    EXPECT_EQ(wrong.exit_code, 1);
    EXPECT_NE(wrong.err.find("GREENGAUGE_DATA=/nowhere: no frameworks folder in it"),
              std::string::npos)
        << wrong.err;
}

}  // namespace
}  // namespace gg::test
