// GDAL dataset names in a project file (PG:..., WFS:..., http(s)://..., /vsicurl/..., /vsizip/...)
// go to GDAL as written, never joined to the project's folder; one that cannot be opened reports
// the server's error, without the password, instead of "no such file".
#include <arpa/inet.h>
#include <cpl_vsi.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <regex>

#include "gis/history_store.hpp"
#include "support/grid_city.hpp"

namespace gg::test {
namespace {

namespace fs = std::filesystem;

// A TCP port of 127.0.0.1 where nothing listens (the system's choice, then closed again).
int free_port() {
    const int s = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    socklen_t n = sizeof a;
    if (s < 0 || bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        getsockname(s, reinterpret_cast<sockaddr*>(&a), &n) != 0)
        throw std::runtime_error("no free port");
    close(s);
    return ntohs(a.sin_port);
}

// The grid city's project with another zones source.
std::string project_with_zones(const TempDir& dir, const std::string& source) {
    const std::string project = write_grid_city(dir.path(), GridCity{});
    const std::string text = std::regex_replace(
        read_text(project), std::regex("source: zones.geojson"), "source: \"" + source + "\"");
    write_text(project, text);
    return project;
}

void expect_one_error(const CommandResult& r, const std::string& start) {
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_EQ(r.err.rfind("greengauge: error: " + start, 0), 0u) << r.err;
    EXPECT_EQ(r.err.find("no such file"), std::string::npos) << r.err;
}

TEST(DatasetNames, UnreachablePgZonesReportTheServersErrorWithoutThePassword) {
    TempDir dir;
    const std::string port = std::to_string(free_port());
    const std::string pg =
        "PG:host=127.0.0.1 port=" + port + " dbname=city user=gg password=s3cret-pw";
    const auto r = run_greengauge({"assess", project_with_zones(dir, pg), "-o", dir.file("out")});
    expect_one_error(r, "PG:host=127.0.0.1 port=" + port +
                            " dbname=city user=gg: cannot open the zones source (");
    EXPECT_NE(r.err.find("port " + port + " failed: Connection refused"), std::string::npos)
        << r.err;
    EXPECT_EQ(r.err.find("s3cret-pw"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("password"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir.file("out"))) << "nothing written";
}

TEST(DatasetNames, UrlsAndConnectionStringsAreNotJoinedToTheProjectFolder) {
    const std::string port = std::to_string(free_port());
    for (const std::string& name :
         {"https://127.0.0.1:" + port + "/zones.geojson", "WFS:http://127.0.0.1:" + port + "/wfs",
          "/vsicurl/http://127.0.0.1:" + port + "/zones.geojson"}) {
        TempDir dir;
        const auto r =
            run_greengauge({"assess", project_with_zones(dir, name), "-o", dir.file("out")});
        expect_one_error(r, name + ": cannot open the zones source (");
        EXPECT_NE(r.err.find("onnect"), std::string::npos) << r.err;  // couldn't connect
    }
}

// A zipped shapefile written by the test, named /vsizip/<zip>/zones.shp: read in place, and
// recorded in run_inputs by that name.
TEST(DatasetNames, ZippedShapefileIsReadThroughVsizip) {
    TempDir dir;
    GridCity c;
    c.zones_x = 2;
    const std::string project = write_grid_city(dir.path(), c);
    // The same zones as a shapefile, then its files into zones.zip with GDAL's /vsizip/ writer.
    {
        GDALDatasetUniquePtr src(
            GDALDataset::Open(dir.file("zones.geojson").c_str(), GDAL_OF_VECTOR));
        GDALDriver* shp = GetGDALDriverManager()->GetDriverByName("ESRI Shapefile");
        fs::create_directories(dir.file("shp"));
        GDALDatasetUniquePtr out(shp->CreateCopy(dir.file("shp/zones.shp").c_str(), src.get(),
                                                 FALSE, nullptr, nullptr, nullptr));
        ASSERT_TRUE(out);
    }
    const std::string zip = dir.file("zones.zip");
    for (const char* ext : {".shp", ".shx", ".dbf", ".prj", ".cpg"}) {
        const std::string from = dir.file(std::string("shp/zones") + ext);
        if (!fs::exists(from)) continue;
        const std::string bytes = read_text(from);
        VSILFILE* f = VSIFOpenL(("/vsizip/" + zip + "/zones" + ext).c_str(), "wb");
        ASSERT_NE(f, nullptr) << ext;
        ASSERT_EQ(VSIFWriteL(bytes.data(), 1, bytes.size(), f), bytes.size());
        VSIFCloseL(f);
    }
    fs::remove_all(dir.file("shp"));
    fs::remove(dir.file("zones.geojson"));
    const std::string name = "/vsizip/" + zip + "/zones.shp";
    write_text(project, std::regex_replace(read_text(project), std::regex("zones.geojson"), name));

    const auto r = run_greengauge({"assess", project, "-o", dir.file("out")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string csv = read_text(dir.file("out/city.csv"));
    EXPECT_NE(csv.find("\nz0,zone 0,"), std::string::npos) << csv;
    EXPECT_NE(csv.find("\nz1,zone 1,"), std::string::npos) << csv;
    const Table inputs = read_table(dir.file("out/city.gpkg"), "run_inputs");
    bool recorded = false;
    for (const auto& row : inputs.rows)
        recorded = recorded || (std::get<std::string>(row[1]) == "zones" &&
                                std::get<std::string>(row[2]) == name);
    EXPECT_TRUE(recorded) << "the zones are recorded in run_inputs as " << name;
}

}  // namespace
}  // namespace gg::test
