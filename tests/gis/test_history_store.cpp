// Tests of gis/history_store in GeoPackage (the PostgreSQL tests are in tests/pg/). Expected
// values are the tests' own inputs; the SHA-256 digests were computed independently with
// `sha256sum` (coreutils) and Python's hashlib, not with the code under test.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "gis/checksum.hpp"
#include "gis/history_store.hpp"
#include "gis/table_writer.hpp"
#include "support/gdal_fixtures.hpp"
#include "support/run_command.hpp"

namespace fs = std::filesystem;
using gg::Cell;
using gg::Column;
using gg::ColumnType;
using gg::Table;

namespace {

const std::string kThai = "เทศบาลนครเชียงใหม่";  // Chiang Mai City Municipality

// Byte-exact file access from the shared test support.
std::string read_bytes(const fs::path& path) {
    return gg::test::read_text(path.string());
}
void write_bytes(const fs::path& path, const std::string& bytes) {
    gg::test::write_text(path.string(), bytes);
}

// One run: the shape of the `runs` table the CLI will append.
Table run(int64_t id, const std::string& municipality, double seconds) {
    return Table{{{"run_id", ColumnType::Integer},
                  {"tool_version", ColumnType::String},
                  {"municipality", ColumnType::String},
                  {"seconds", ColumnType::Real}},
                 {{id, std::string("0.1.0"), municipality, seconds}}};
}

std::string error_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const gg::Error& e) {
        return e.what();
    }
    return "(no error)";
}

class HistoryStore : public ::testing::Test {
  protected:
    void SetUp() override {
        gg::init_gdal();
        static int counter = 0;
        dir_ = fs::temp_directory_path() /
               ("gg_history_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    std::vector<std::string> entries() const {
        std::vector<std::string> names;
        for (const auto& e : fs::directory_iterator(dir_)) names.push_back(e.path().filename());
        std::sort(names.begin(), names.end());
        return names;
    }

    // A polygon layer "zones" in EPSG:32647 (UTM 47N) with one named feature.
    void write_zones(const fs::path& path, const std::string& name = "Mueang") const {
        gg::test::write_vector(
            path, "GPKG",
            {{"zones",
              "EPSG:32647",
              wkbPolygon,
              {{"name", OFTString}},
              {{"POLYGON ((500000 2000000,500100 2000000,500100 2000100,500000 2000000))",
                {name}}}}});
    }

    fs::path dir_;
};

TEST_F(HistoryStore, TwoAppendsGiveTwoRowsInOrder) {
    const std::string path = dir_ / "history.gpkg";
    gg::append_tables(path, {{"runs", run(1, "Lamphun", 1.5)}});
    gg::append_tables(path, {{"runs", run(2, "Lampang", 2.25)}});
    const Table runs = gg::read_table(path, "runs");
    ASSERT_EQ(runs.columns.size(), 4u);
    EXPECT_EQ(runs.columns[0].name, "run_id");
    EXPECT_EQ(runs.columns[0].type, ColumnType::Integer);
    EXPECT_EQ(runs.columns[1].type, ColumnType::String);
    EXPECT_EQ(runs.columns[3].type, ColumnType::Real);
    ASSERT_EQ(runs.rows.size(), 2u);
    EXPECT_EQ(runs.rows[0],
              (std::vector<Cell>{int64_t{1}, std::string("0.1.0"), std::string("Lamphun"), 1.5}));
    EXPECT_EQ(runs.rows[1],
              (std::vector<Cell>{int64_t{2}, std::string("0.1.0"), std::string("Lampang"), 2.25}));
    EXPECT_EQ(entries(), std::vector<std::string>{"history.gpkg"});
}

TEST_F(HistoryStore, SeveralTablesAtOnceAndAThirdTableLater) {
    const std::string path = dir_ / "history.gpkg";
    Table inputs{{{"run_id", ColumnType::Integer},
                  {"path", ColumnType::String},
                  {"sha256", ColumnType::String}},
                 {{int64_t{1}, std::string("zones.gpkg"), std::string(64, 'a')},
                  {int64_t{1}, std::string("ndvi.tif"), std::string(64, 'b')}}};
    gg::append_tables(path, {{"runs", run(1, "Lamphun", 1.0)}, {"run_inputs", inputs}});
    Table indicators{{{"run_id", ColumnType::Integer},
                      {"indicator", ColumnType::String},
                      {"value", ColumnType::Real}},
                     {{int64_t{2}, std::string("green_area_per_capita"), 9.5}}};
    gg::append_tables(path, {{"runs", run(2, "Lampang", 2.0)}, {"indicators", indicators}});

    EXPECT_EQ(gg::read_table(path, "runs").rows.size(), 2u);
    EXPECT_EQ(gg::read_table(path, "run_inputs").rows, inputs.rows);
    EXPECT_EQ(gg::read_table(path, "indicators").rows, indicators.rows);
}

TEST_F(HistoryStore, ZonesLayerWrittenBeforeIsPreservedAndStillOpensWithOgr) {
    const fs::path path = dir_ / "out.gpkg";
    write_zones(path);
    gg::append_tables(path, {{"runs", run(1, "Lamphun", 1.0)}});
    gg::append_tables(path, {{"runs", run(2, "Lampang", 2.0)}});

    GDALDatasetUniquePtr ds(
        GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr));
    ASSERT_TRUE(ds);
    OGRLayer* zones = ds->GetLayerByName("zones");
    ASSERT_NE(zones, nullptr);
    EXPECT_EQ(zones->GetFeatureCount(), 1);
    EXPECT_EQ(wkbFlatten(zones->GetGeomType()), wkbPolygon);
    ASSERT_NE(zones->GetSpatialRef(), nullptr);
    EXPECT_STREQ(zones->GetSpatialRef()->GetAuthorityCode(nullptr), "32647");
    OGRFeatureUniquePtr feature(zones->GetNextFeature());
    ASSERT_TRUE(feature);
    EXPECT_STREQ(feature->GetFieldAsString("name"), "Mueang");
    char* wkt = nullptr;
    feature->GetGeometryRef()->exportToWkt(&wkt);
    EXPECT_STREQ(wkt, "POLYGON ((500000 2000000,500100 2000000,500100 2000100,500000 2000000))");
    CPLFree(wkt);
    // The history is an attribute table (no geometry), as QGIS lists it.
    OGRLayer* runs = ds->GetLayerByName("runs");
    ASSERT_NE(runs, nullptr);
    EXPECT_EQ(runs->GetGeomType(), wkbNone);
    EXPECT_EQ(runs->GetFeatureCount(), 2);
}

TEST_F(HistoryStore, ColumnTypeMismatchNamesTableAndColumnAndLeavesFileByteIdentical) {
    const fs::path path = dir_ / "history.gpkg";
    write_zones(path);
    gg::append_tables(path, {{"runs", run(1, "Lamphun", 1.0)}});
    const std::string before = read_bytes(path);

    Table wrong = run(2, "Lampang", 2.0);
    wrong.columns[1].type = ColumnType::Integer;  // tool_version is text in the file
    wrong.rows[0][1] = int64_t{7};
    // A good table first: it must not be appended either.
    const std::string message = error_of([&] {
        gg::append_tables(path, {{"indicators", run(3, "Nan", 3.0)}, {"runs", wrong}});
    });
    EXPECT_NE(message.find("'runs'"), std::string::npos) << message;
    EXPECT_NE(message.find("'tool_version'"), std::string::npos) << message;
    EXPECT_NE(message.find(path.string()), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    EXPECT_EQ(read_bytes(path), before);
    EXPECT_EQ(entries(), std::vector<std::string>{"history.gpkg"});  // no temporary file left
    EXPECT_EQ(gg::read_table(path, "runs").rows.size(), 1u);
}

TEST_F(HistoryStore, FailureOnANewFileLeavesNoFileAndNoTemp) {
    const fs::path path = dir_ / "history.gpkg";
    Table text = run(1, "Lamphun", 1.0);
    text.columns[3].type = ColumnType::String;  // seconds as text: clashes with the first table
    text.rows[0][3] = std::string("1.0");
    const std::string message = error_of([&] {
        gg::append_tables(path, {{"runs", run(1, "Lamphun", 1.0)}, {"runs", text}});
    });
    EXPECT_NE(message.find("'seconds'"), std::string::npos) << message;
    EXPECT_TRUE(entries().empty());
}

TEST_F(HistoryStore, BadRowIsAnErrorBeforeAnythingIsWritten) {
    const fs::path path = dir_ / "history.gpkg";
    Table bad = run(1, "Lamphun", 1.0);
    bad.rows[0][0] = std::string("one");  // text in an integer column
    const std::string message = error_of([&] { gg::append_tables(path, {{"runs", bad}}); });
    EXPECT_NE(message.find("'runs'"), std::string::npos) << message;
    EXPECT_NE(message.find("'run_id'"), std::string::npos) << message;
    EXPECT_TRUE(entries().empty());
}

TEST_F(HistoryStore, ThaiNamesAndValuesSurvive) {
    const fs::path path = dir_ / "history.gpkg";
    Table thai{{{"เทศบาล", ColumnType::String}, {"คะแนน", ColumnType::Real}},
               {{kThai, 0.75}, {std::string("ลำพูน"), Cell{}}}};
    gg::append_tables(path, {{"ผลลัพธ์", thai}});
    const Table back = gg::read_table(path, "ผลลัพธ์");
    ASSERT_EQ(back.columns.size(), 2u);
    EXPECT_EQ(back.columns[0].name, "เทศบาล");
    EXPECT_EQ(back.columns[1].name, "คะแนน");
    EXPECT_EQ(back.rows, thai.rows);
}

TEST_F(HistoryStore, NewColumnIsAddedAndEarlierRowsReadEmpty) {
    const fs::path path = dir_ / "history.gpkg";
    gg::append_tables(path, {{"runs", run(1, "Lamphun", 1.0)}});
    Table more = run(2, "Lampang", 2.0);
    more.columns.push_back({"project_sha256", ColumnType::String});
    more.rows[0].resize(5);  // (push_back of a converted Cell trips GCC 12's -Wmaybe-uninitialized)
    more.rows[0][4] = std::string(64, 'c');
    gg::append_tables(path, {{"runs", more}});
    // Columns the new rows lack stay empty.
    Table fewer{{{"run_id", ColumnType::Integer}}, {{int64_t{3}}}};
    gg::append_tables(path, {{"runs", fewer}});

    const Table runs = gg::read_table(path, "runs");
    ASSERT_EQ(runs.columns.size(), 5u);
    EXPECT_EQ(runs.columns[4].name, "project_sha256");
    ASSERT_EQ(runs.rows.size(), 3u);
    EXPECT_EQ(runs.rows[0][4], Cell{});
    EXPECT_EQ(runs.rows[1][4], Cell{std::string(64, 'c')});
    EXPECT_EQ(runs.rows[2], (std::vector<Cell>{int64_t{3}, Cell{}, Cell{}, Cell{}, Cell{}}));
}

TEST_F(HistoryStore, EmptyTableIsCreated) {
    const fs::path path = dir_ / "history.gpkg";
    Table empty = run(1, "x", 0.0);
    empty.rows.clear();
    gg::append_tables(path, {{"runs", empty}});
    const Table back = gg::read_table(path, "runs");
    EXPECT_EQ(back.columns.size(), 4u);
    EXPECT_TRUE(back.rows.empty());
}

TEST_F(HistoryStore, OpenFileWithSqliteSidecarIsRefusedAndUntouched) {
    const fs::path path = dir_ / "history.gpkg";
    gg::append_tables(path, {{"runs", run(1, "Lamphun", 1.0)}});
    const std::string before = read_bytes(path);
    write_bytes(dir_ / "history.gpkg-wal", "");
    const std::string message = error_of([&] {
        gg::append_tables(path, {{"runs", run(2, "Lampang", 2.0)}});
    });
    EXPECT_NE(message.find("history.gpkg-wal"), std::string::npos) << message;
    EXPECT_EQ(read_bytes(path), before);
}

TEST_F(HistoryStore, TargetThatIsNeitherGpkgNorPgIsAnError) {
    const std::string message = error_of([&] {
        gg::append_tables((dir_ / "history.csv").string(), {{"runs", run(1, "a", 1)}});
    });
    EXPECT_NE(message.find("history.csv"), std::string::npos) << message;
    EXPECT_NE(message.find(".gpkg"), std::string::npos) << message;
    EXPECT_TRUE(entries().empty());
}

TEST_F(HistoryStore, NotAGeoPackageIsAnErrorAndUntouched) {
    const fs::path path = dir_ / "history.gpkg";
    write_bytes(path, "not sqlite");
    const std::string message = error_of([&] {
        gg::append_tables(path, {{"runs", run(1, "a", 1)}});
    });
    EXPECT_NE(message.find(path.string()), std::string::npos) << message;
    EXPECT_EQ(read_bytes(path), "not sqlite");
    EXPECT_EQ(entries(), std::vector<std::string>{"history.gpkg"});
}

TEST_F(HistoryStore, ReadingAMissingTableOrFileNamesIt) {
    const fs::path path = dir_ / "history.gpkg";
    std::string message = error_of([&] { gg::read_table(path, "runs"); });
    EXPECT_NE(message.find(path.string()), std::string::npos) << message;
    gg::append_tables(path, {{"runs", run(1, "a", 1)}});
    message = error_of([&] { gg::read_table(path, "indicators"); });
    EXPECT_NE(message.find("'indicators'"), std::string::npos) << message;
    EXPECT_NE(message.find(path.string()), std::string::npos) << message;
}

// Row by row, as read_table reads them: the same columns and rows in append order; and a query
// in SQLite's dialect in its own order (here the reverse of the keys: run 3, 2, 1).
TEST_F(HistoryStore, RowsAndQueryRowsAreReadOneAtATime) {
    const std::string path = dir_ / "history.gpkg";
    for (int64_t i = 1; i <= 3; ++i)
        gg::append_tables(path, {{"runs", run(i, "zone " + std::to_string(i), 0.5 * i)}});
    Table rows;
    gg::for_each_row(path, "runs",
                     {[&](const std::vector<Column>& c) { rows.columns = c; },
                      [&](const std::vector<Cell>& r) { rows.rows.push_back(r); }});
    const Table whole = gg::read_table(path, "runs");
    EXPECT_EQ(rows.rows, whole.rows);
    ASSERT_EQ(rows.columns.size(), whole.columns.size());
    for (size_t c = 0; c < whole.columns.size(); ++c) {
        EXPECT_EQ(rows.columns[c].name, whole.columns[c].name);
        EXPECT_EQ(rows.columns[c].type, whole.columns[c].type);
    }
    std::vector<int64_t> ids;
    std::vector<double> values;
    gg::for_each_query_row(path, "SELECT run_id, seconds FROM runs ORDER BY fid DESC",
                           {[](const std::vector<Column>&) {},
                            [&](const std::vector<Cell>& r) {
                                ids.push_back(std::get<int64_t>(r[0]));
                                values.push_back(std::get<double>(r[1]));
                            }});
    EXPECT_EQ(ids, (std::vector<int64_t>{3, 2, 1}));
    EXPECT_EQ(values, (std::vector<double>{1.5, 1.0, 0.5}));
    const std::string message = error_of([&] {
        gg::for_each_query_row(path, "SELECT nothing FROM nowhere",
                               {[](const auto&) {}, [](const auto&) {}});
    });
    EXPECT_NE(message.find(path), std::string::npos) << message;
}

// The flow recommended in history_store.hpp: a fresh zones layer and the history carried over and
// appended, committed by one rename.
TEST_F(HistoryStore, FreshZonesPlusCarriedOverHistoryInOneRename) {
    const fs::path path = dir_ / "out.gpkg";
    write_zones(path, "old zones");
    gg::append_tables(path, {{"runs", run(1, "Lamphun", 1.0)}});
    {
        gg::AtomicOutput out(path);
        Table zones{{{"name", ColumnType::String}}, {{std::string("new zones")}}};
        gg::write_gpkg(zones, out.temp_path(), "zones", std::nullopt, {});
        gg::carry_over_layers(path, out.temp_path());
        gg::append_tables_into(out.temp_path(), {{"runs", run(2, "Lampang", 2.0)}});
        EXPECT_EQ(gg::read_table(path, "runs").rows.size(), 1u);  // untouched until commit
        out.commit();
    }
    const Table zones = gg::read_table(path, "zones");
    ASSERT_EQ(zones.rows.size(), 1u);
    EXPECT_EQ(zones.rows[0][0], Cell{std::string("new zones")});
    const Table runs = gg::read_table(path, "runs");
    ASSERT_EQ(runs.rows.size(), 2u);
    EXPECT_EQ(runs.rows[0][0], Cell{int64_t{1}});
    EXPECT_EQ(runs.rows[1][0], Cell{int64_t{2}});
    EXPECT_EQ(entries(), std::vector<std::string>{"out.gpkg"});
}

TEST_F(HistoryStore, CarryOverKeepsOtherSpatialLayersWithGeometryAndCrs) {
    const fs::path previous = dir_ / "previous.gpkg";
    write_zones(previous);
    const fs::path fresh = dir_ / "fresh.gpkg";
    gg::carry_over_layers(previous, fresh);
    gg::carry_over_layers(dir_ / "missing.gpkg", fresh);  // nothing to carry: no error
    GDALDatasetUniquePtr ds(
        GDALDataset::Open(fresh.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr));
    ASSERT_TRUE(ds);
    OGRLayer* zones = ds->GetLayerByName("zones");
    ASSERT_NE(zones, nullptr);
    ASSERT_NE(zones->GetSpatialRef(), nullptr);
    EXPECT_STREQ(zones->GetSpatialRef()->GetAuthorityCode(nullptr), "32647");
    OGRFeatureUniquePtr feature(zones->GetNextFeature());
    ASSERT_TRUE(feature);
    ASSERT_NE(feature->GetGeometryRef(), nullptr);
    EXPECT_DOUBLE_EQ(feature->GetGeometryRef()->toPolygon()->get_Area(), 5000.0);
}

TEST(HistoryRedaction, PasswordsAreRemovedFromTargets) {
    EXPECT_EQ(gg::redact_target("PG:host=db password=s3cret user=gg"), "PG:host=db user=gg");
    EXPECT_EQ(gg::redact_target("PG:host=db user=gg password = 'a b\\'c'"), "PG:host=db user=gg");
    EXPECT_EQ(gg::redact_target("PG:postgresql://gg:s3cret@db:5432/city"),
              "PG:postgresql://gg@db:5432/city");
    EXPECT_EQ(gg::redact_target("PG:postgresql://gg@db/city?password=s3cret&sslmode=require"),
              "PG:postgresql://gg@db/city?sslmode=require");
    EXPECT_EQ(gg::redact_target("history.gpkg"), "history.gpkg");
}

// A URI without PG: was echoed whole, password and all, in "cannot use '...' as run history".
TEST(HistoryRedaction, AUriWithoutPgIsRefusedWithoutItsPassword) {
    try {
        gg::append_tables("postgresql://gg:s3cret@127.0.0.1:1/city", {});
        FAIL() << "accepted";
    } catch (const gg::Error& e) {
        EXPECT_STREQ(e.what(),
                     "cannot use 'postgresql://gg@127.0.0.1:1/city' as run history: write a "
                     "PostgreSQL URI as PG:postgresql://gg@127.0.0.1:1/city");
    }
}

TEST(HistorySha256, KnownDigests) {
    const fs::path dir = fs::temp_directory_path() / ("gg_sha_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    // Digests from `printf abc | sha256sum` and `printf '' | sha256sum`.
    write_bytes(dir / "abc.txt", "abc");
    EXPECT_EQ(gg::sha256_file(dir / "abc.txt"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    write_bytes(dir / "empty", "");
    EXPECT_EQ(gg::sha256_file(dir / "empty"),
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    // 3,000,001 bytes, byte i = i mod 251: crosses the 1 MiB chunks at odd offsets. Digest from
    // Python's hashlib, confirmed with sha256sum.
    std::string big(3'000'001, '\0');
    for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i % 251);
    write_bytes(dir / "big.bin", big);
    EXPECT_EQ(gg::sha256_file(dir / "big.bin"),
              "6676c19ef38e4bb8a162d4efd71b8de3150e82b93da3918ee0e9f69891925d9f");
    fs::remove_all(dir);
}

TEST(HistorySha256, UnreadableFileIsAnErrorNamingIt) {
    const std::string missing = "/nonexistent/zones.shp";
    const std::string message = error_of([&] { gg::sha256_file(missing); });
    EXPECT_NE(message.find(missing), std::string::npos) << message;
    const std::string dir_message = error_of([&] { gg::sha256_file("/tmp"); });
    EXPECT_NE(dir_message.find("directory"), std::string::npos) << dir_message;
}

}  // namespace
