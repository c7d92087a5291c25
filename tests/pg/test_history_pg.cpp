// Tests of gis/history_store against PostgreSQL/PostGIS. ctest starts a throw-away server (fixture
// `pg`, scripts/pg-test-server.sh) and passes its connection string in GG_TEST_PG. Without it
// these tests fail rather than skip: a skipped test would hide a broken fixture.
#include <arpa/inet.h>
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <ogrsf_frmts.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "gis/gdal_setup.hpp"
#include "gis/history_store.hpp"

using gg::Cell;
using gg::ColumnType;
using gg::Table;

namespace {

const std::string kThai = "เทศบาลนครเชียงใหม่";  // Chiang Mai City Municipality

std::string error_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const gg::Error& e) {
        return e.what();
    }
    return "(no error)";
}

Table run(int64_t id, const std::string& municipality, double seconds) {
    return Table{{{"run_id", ColumnType::Integer},
                  {"tool_version", ColumnType::String},
                  {"municipality", ColumnType::String},
                  {"seconds", ColumnType::Real}},
                 {{id, std::string("0.1.0"), municipality, seconds}}};
}

// A TCP port on 127.0.0.1 that nothing listens on: bound by the kernel's choice, then closed.
int closed_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t size = sizeof address;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0)
        return 1;  // port 1 is closed too on any test machine
    ::close(fd);
    return ntohs(address.sin_port);
}

class HistoryPg : public ::testing::Test {
  protected:
    void SetUp() override {
        gg::init_gdal();
        const char* target = std::getenv("GG_TEST_PG");
        ASSERT_NE(target, nullptr)
            << "GG_TEST_PG is not set: run these tests through ctest (fixture pg starts a server)"
               " or set it to a PG: connection string";
        target_ = target;
        // Names of their own, so reruns against a server that was not thrown away still start
        // from missing tables.
        const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
        suffix_ = "_" + std::to_string(::getpid()) + "_" + std::to_string(now % 1000000007);
    }

    // Runs SQL as the fixture's (super)user.
    void execute(const std::string& sql) const {
        GDALDatasetUniquePtr ds(GDALDataset::Open(target_.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE,
                                                  nullptr, nullptr, nullptr));
        ASSERT_TRUE(ds) << "cannot connect to " << target_;
        ds->ReleaseResultSet(ds->ExecuteSQL(sql.c_str(), nullptr, nullptr));
    }

    std::string target_;
    std::string suffix_;
};

TEST_F(HistoryPg, TwoRunsAreAppendedAndReadBack) {
    const std::string runs = "runs" + suffix_;
    Table first = run(1, kThai, 1.5);
    first.rows[0][2] = kThai;
    Table second = run(int64_t{1} << 40, "Lampang", 0.1);  // beyond 32 bits
    second.rows[0][1] = Cell{};                            // NULL
    gg::append_tables(target_, {{runs, first}});
    gg::append_tables(target_, {{runs, second}});

    const Table back = gg::read_table(target_, runs);
    ASSERT_EQ(back.columns.size(), 4u);
    EXPECT_EQ(back.columns[0].name, "run_id");
    EXPECT_EQ(back.columns[0].type, ColumnType::Integer);
    EXPECT_EQ(back.columns[1].type, ColumnType::String);
    EXPECT_EQ(back.columns[3].type, ColumnType::Real);
    ASSERT_EQ(back.rows.size(), 2u);
    EXPECT_EQ(back.rows[0], first.rows[0]);
    EXPECT_EQ(back.rows[1], second.rows[0]);
}

TEST_F(HistoryPg, AllTablesOfARunCommitOrNone) {
    const std::string runs = "runs" + suffix_;
    const std::string inputs = "inputs" + suffix_;
    gg::append_tables(target_, {{runs, run(1, "Lamphun", 1.0)}});
    Table wrong = run(2, "Lampang", 2.0);
    wrong.columns[3].type = ColumnType::String;  // seconds is double precision in the table
    wrong.rows[0][3] = std::string("2.0");
    Table input{{{"path", ColumnType::String}}, {{std::string("zones.gpkg")}}};
    const std::string message = error_of([&] {
        gg::append_tables(target_, {{inputs, input}, {runs, wrong}});
    });
    EXPECT_NE(message.find("'" + runs + "'"), std::string::npos) << message;
    EXPECT_NE(message.find("'seconds'"), std::string::npos) << message;
    EXPECT_EQ(gg::read_table(target_, runs).rows.size(), 1u);
    // The table created earlier in the same transaction was rolled back too.
    EXPECT_NE(error_of([&] { gg::read_table(target_, inputs); }).find("no such table"),
              std::string::npos);
}

TEST_F(HistoryPg, NewColumnIsAdded) {
    const std::string runs = "runs" + suffix_;
    gg::append_tables(target_, {{runs, run(1, "Lamphun", 1.0)}});
    Table more = run(2, "Lampang", 2.0);
    more.columns.push_back({"project_sha256", ColumnType::String});
    more.rows[0].resize(5);  // (push_back of a converted Cell trips GCC 12's -Wmaybe-uninitialized)
    more.rows[0][4] = std::string(64, 'c');
    gg::append_tables(target_, {{runs, more}});
    const Table back = gg::read_table(target_, runs);
    ASSERT_EQ(back.columns.size(), 5u);
    ASSERT_EQ(back.rows.size(), 2u);
    EXPECT_EQ(back.rows[0][4], Cell{});
    EXPECT_EQ(back.rows[1][4], Cell{std::string(64, 'c')});
}

TEST_F(HistoryPg, UnreachableServerIsOneLineWithoutThePassword) {
    const std::string target = "PG:host=127.0.0.1 port=" + std::to_string(closed_port()) +
                               " dbname=greengauge_test user=postgres password=Sup3rS3cret";
    const std::string message = error_of([&] {
        gg::append_tables(target, {{"runs", run(1, "a", 1.0)}});
    });
    EXPECT_NE(message, "(no error)");
    EXPECT_EQ(message.find("Sup3rS3cret"), std::string::npos) << message;
    EXPECT_EQ(message.find("password"), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    EXPECT_NE(message.find("127.0.0.1"), std::string::npos) << message;  // names the target
    EXPECT_NE(message.find("cannot connect"), std::string::npos) << message;

    const std::string read_message = error_of([&] { gg::read_table(target, "runs"); });
    EXPECT_EQ(read_message.find("Sup3rS3cret"), std::string::npos) << read_message;
    EXPECT_NE(read_message.find("cannot connect"), std::string::npos) << read_message;
}

TEST_F(HistoryPg, BadConnectionStringIsOneLineWithoutThePassword) {
    const std::string message = error_of([&] {
        gg::append_tables("PG:hostt=127.0.0.1 password='Sup3r S3cret'", {{"runs", run(1, "a", 1)}});
    });
    EXPECT_NE(message, "(no error)");
    EXPECT_EQ(message.find("S3cret"), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    EXPECT_NE(message.find("hostt"), std::string::npos) << message;
}

TEST_F(HistoryPg, PermissionDeniedIsAnErrorNamingTheTable) {
    // PostgreSQL 15 lets only the owner create tables in schema public: a plain role cannot.
    execute(
        "DO $$ BEGIN CREATE ROLE gg_reader LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END "
        "$$");
    std::string target = target_;
    target.replace(target.find("user=postgres"), 13, "user=gg_reader password=Sup3rS3cret");
    const std::string runs = "runs" + suffix_;
    const std::string message = error_of([&] {
        gg::append_tables(target, {{runs, run(1, "a", 1.0)}});
    });
    EXPECT_NE(message.find("'" + runs + "'"), std::string::npos) << message;
    EXPECT_NE(message.find("permission denied"), std::string::npos) << message;
    EXPECT_EQ(message.find("Sup3rS3cret"), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
}

TEST_F(HistoryPg, MissingTableIsAnError) {
    const std::string message = error_of([&] { gg::read_table(target_, "missing" + suffix_); });
    EXPECT_NE(message.find("no such table"), std::string::npos) << message;
}

}  // namespace
