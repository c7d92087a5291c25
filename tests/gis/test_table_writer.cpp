// Tests of gis/table_writer: every expected value below is written out from the test's own
// inputs (literal bytes, coordinates, EPSG code), never from the writer's output.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "gis/table_writer.hpp"
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

std::vector<unsigned char> wkb_from_wkt(const char* wkt) {
    OGRGeometry* geometry = nullptr;
    EXPECT_EQ(OGRGeometryFactory::createFromWkt(wkt, nullptr, &geometry), OGRERR_NONE);
    std::vector<unsigned char> wkb(geometry->WkbSize());
    geometry->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
    OGRGeometryFactory::destroyGeometry(geometry);
    return wkb;
}

std::string wkt_of_epsg(int code) {
    OGRSpatialReference srs;
    EXPECT_EQ(srs.importFromEPSG(code), OGRERR_NONE);
    char* wkt = nullptr;
    srs.exportToWkt(&wkt);
    std::string result = wkt;
    CPLFree(wkt);
    return result;
}

GDALDatasetUniquePtr open_vector(const fs::path& path) {
    return GDALDatasetUniquePtr(
        GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr));
}

// A workbook as GDAL reads it back: the first row as column names, cell types as stored.
GDALDatasetUniquePtr open_xlsx(const fs::path& path) {
    const char* const options[] = {"HEADERS=FORCE", "FIELD_TYPES=AUTO", nullptr};
    static const char* const drivers[] = {"XLSX", nullptr};
    return GDALDatasetUniquePtr(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                                  drivers, options, nullptr));
}

// A table of `n` rows (id, value) where row `bad` (0-based) has one cell too few.
Table table_with_bad_row(std::size_t n, std::size_t bad) {
    Table table{{{"id", ColumnType::Integer}, {"value", ColumnType::Real}}, {}};
    for (std::size_t i = 0; i < n; ++i) {
        table.rows.push_back({static_cast<int64_t>(i), 0.5 * static_cast<double>(i)});
        if (i == bad) table.rows.back().pop_back();
    }
    return table;
}

class WriterTest : public ::testing::Test {
  protected:
    void SetUp() override {
        GDALAllRegister();
        CPLSetConfigOption("OGR_XLSX_HEADERS", "FORCE");  // see open_xlsx
        static int counter = 0;
        dir_ = fs::temp_directory_path() /
               ("gg_writer_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    std::vector<std::string> entries() const {
        std::vector<std::string> names;
        for (const auto& e : fs::directory_iterator(dir_)) names.push_back(e.path().filename());
        std::sort(names.begin(), names.end());
        return names;
    }

    fs::path dir_;
};

using CsvWriter = WriterTest;
using GpkgWriter = WriterTest;
using XlsxWriter = WriterTest;
using TableWriter = WriterTest;
using AtomicOutputTest = WriterTest;

// ---------------------------------------------------------------------------------------- CSV

TEST_F(CsvWriter, ThaiNameRoundTripsByteExactWithoutBom) {
    Table table{{{"zone_id", ColumnType::Integer},
                 {"name", ColumnType::String},
                 {"ชื่อ", ColumnType::String}},
                {{int64_t{50}, kThai, std::string("ป่าไม้")}}};
    const fs::path path = dir_ / "zones.csv";
    gg::write_csv(table, path);
    // The bytes the inputs spell out: header, one row, CRLF line ends (RFC 4180), no BOM.
    EXPECT_EQ(read_bytes(path), "zone_id,name,ชื่อ\r\n50," + kThai + ",ป่าไม้\r\n");
    EXPECT_EQ(entries(), std::vector<std::string>{"zones.csv"});
}

TEST_F(CsvWriter, QuotesCommaQuoteAndLineBreaks) {
    Table table{{{"a", ColumnType::String}, {"b,c", ColumnType::String}},
                {{std::string("x,y"), std::string("say \"hi\"")},
                 {std::string("line1\nline2"), std::string("cr\rhere")},
                 {std::string("plain"), std::string("")}}};
    const fs::path path = dir_ / "q.csv";
    gg::write_csv(table, path);
    EXPECT_EQ(read_bytes(path),
              "a,\"b,c\"\r\n"
              "\"x,y\",\"say \"\"hi\"\"\"\r\n"
              "\"line1\nline2\",\"cr\rhere\"\r\n"
              "plain,\r\n");
}

TEST_F(CsvWriter, EmptyCellsAreEmptyFields) {
    Table table{{{"i", ColumnType::Integer}, {"r", ColumnType::Real}, {"s", ColumnType::String}},
                {{std::monostate{}, 1.5, std::monostate{}},
                 {int64_t{-7}, std::monostate{}, std::string("z")},
                 {std::monostate{}, std::monostate{}, std::monostate{}}}};
    const fs::path path = dir_ / "e.csv";
    gg::write_csv(table, path);
    EXPECT_EQ(read_bytes(path), "i,r,s\r\n,1.5,\r\n-7,,z\r\n,,\r\n");
}

// Row by row: the header at once, each row checked as it comes, the bytes spelled out from the
// inputs; nothing at the path until finish(), and nothing left when it is never called.
TEST_F(CsvWriter, AStreamWritesRowByRowAndOnlyFinishedReplacesTheFile) {
    const fs::path path = dir_ / "s.csv";
    write_bytes(path, "previous");
    {
        gg::CsvStream stream(path, {{"id", ColumnType::String}, {"v", ColumnType::Real}},
                             {.bom = true});
        stream.add_row({kThai, 0.5});
        EXPECT_THROW(stream.add_row({kThai}), gg::Error);  // one cell short
    }
    EXPECT_EQ(read_bytes(path), "previous");
    EXPECT_EQ(entries(), std::vector<std::string>{"s.csv"});
    gg::CsvStream stream(path, {{"id", ColumnType::String}, {"v", ColumnType::Real}},
                         {.bom = true});
    stream.add_row({kThai, 0.5});
    stream.add_row({std::string("a,b"), Cell{}});
    EXPECT_EQ(read_bytes(path), "previous");
    stream.finish();
    EXPECT_EQ(read_bytes(path), "\xEF\xBB\xBFid,v\r\n" + kThai + ",0.5\r\n\"a,b\",\r\n");
}

TEST_F(CsvWriter, DoublesRoundTripExactlyAndIntegersArePlain) {
    const std::vector<double> values = {
        0.1, 1e-300, 123456789.123, 1.0 / 3.0, -2.5e-8, 5e-324, std::numeric_limits<double>::max()};
    Table table{{{"v", ColumnType::Real}}, {}};
    for (double v : values) table.rows.push_back({v});
    table.rows.push_back({int64_t{9007199254740993}});  // 2^53 + 1: not exact as a double
    const fs::path path = dir_ / "d.csv";
    gg::write_csv(table, path);

    std::istringstream lines(read_bytes(path));
    std::string line;
    std::getline(lines, line);
    EXPECT_EQ(line, "v\r");
    for (double expected : values) {
        ASSERT_TRUE(std::getline(lines, line));
        ASSERT_FALSE(line.empty());
        line.pop_back();  // '\r'
        double parsed = 0;
        const auto result = std::from_chars(line.data(), line.data() + line.size(), parsed);
        EXPECT_EQ(result.ptr, line.data() + line.size()) << line;
        EXPECT_EQ(parsed, expected) << line;  // bit-exact, not approximately
    }
    std::getline(lines, line);
    EXPECT_EQ(line, "9007199254740993\r");
    // The shortest forms, as a person would type them.
    const std::string text = read_bytes(path);
    EXPECT_NE(text.find("\r\n0.1\r\n1e-300\r\n123456789.123\r\n"), std::string::npos) << text;
}

TEST_F(CsvWriter, BadRowMidwayLeavesNoFileAndNoTemp) {
    const fs::path path = dir_ / "bad.csv";
    try {
        gg::write_csv(table_with_bad_row(100000, 70000), path);  // fails after a flush
        FAIL() << "expected gg::Error";
    } catch (const gg::Error& e) {
        EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("row 70001"), std::string::npos) << e.what();
    }
    EXPECT_TRUE(entries().empty());
}

TEST_F(CsvWriter, WrongCellTypeIsAnError) {
    Table table{{{"n", ColumnType::Integer}}, {{2.5}}};
    const fs::path path = dir_ / "t.csv";
    EXPECT_THROW(gg::write_csv(table, path), gg::Error);
    EXPECT_TRUE(entries().empty());
}

TEST_F(CsvWriter, ExistingFileIsUntouchedOnFailureAndReplacedOnSuccess) {
    const fs::path path = dir_ / "keep.csv";
    write_bytes(path, "previous,run\r\n");
    EXPECT_THROW(gg::write_csv(table_with_bad_row(10, 5), path), gg::Error);
    EXPECT_EQ(read_bytes(path), "previous,run\r\n");
    EXPECT_EQ(entries(), std::vector<std::string>{"keep.csv"});

    gg::write_csv(Table{{{"x", ColumnType::Integer}}, {{int64_t{1}}}}, path);
    EXPECT_EQ(read_bytes(path), "x\r\n1\r\n");
    EXPECT_EQ(entries(), std::vector<std::string>{"keep.csv"});
}

TEST_F(CsvWriter, ByteOrderMarkOnlyWhenAsked) {
    const std::string name = "เทศบาลเมืองคอหงส์";  // Kho Hong Town Municipality, Songkhla
    Table table{{{"zone_id", ColumnType::String}, {"name", ColumnType::String}},
                {{std::string("9001"), name}}};
    const fs::path plain = dir_ / "plain.csv", marked = dir_ / "marked.csv";
    gg::write_csv(table, plain);
    gg::write_csv(table, marked, gg::CsvOptions{/*bom=*/true});
    // EF BB BF is U+FEFF in UTF-8 (Unicode 15, section 23.8), then the same bytes.
    const std::string body = "zone_id,name\r\n9001," + name + "\r\n";
    EXPECT_EQ(read_bytes(plain), body);
    EXPECT_EQ(read_bytes(marked), "\xEF\xBB\xBF" + body);
    // The name's own bytes: 17 Thai characters of 3 bytes each, starting with E0 B9 80 (U+0E40).
    EXPECT_EQ(name.size(), 17u * 3);
    EXPECT_EQ(read_bytes(marked).substr(3 + 19, 3), "\xE0\xB9\x80");
}

TEST_F(CsvWriter, AreasArePlainDecimalsNeverExponents) {
    Table table{{{"area_m2", ColumnType::Real}},
                {{4000000.0}, {-4000000.0}, {0.1}, {1e-7}, {123456789.123}}};
    const fs::path path = dir_ / "areas.csv";
    gg::write_csv(table, path);
    // 4 km2 as a person types it; 1e-7 is below the plain range (core/number_format.hpp).
    EXPECT_EQ(read_bytes(path),
              "area_m2\r\n4000000\r\n-4000000\r\n0.1\r\n1e-07\r\n123456789.123\r\n");
}

// --------------------------------------------------------------------------------------- XLSX

TEST_F(XlsxWriter, SheetsWithThaiNamesNumbersAndEmptyCellsReadBackWithGdal) {
    const std::string name = "เทศบาลเมืองคอหงส์";
    Table zones{{{"zone_id", ColumnType::String},
                 {"name", ColumnType::String},
                 {"population", ColumnType::Integer},
                 {"green_share", ColumnType::Real}},
                {{std::string("0901"), name, int64_t{41000}, 0.25},
                 {std::string("0902"), std::string("b"), std::monostate{}, 0.5}}};
    Table scores{{{"zone_id", ColumnType::String}, {"score", ColumnType::Real}},
                 {{std::string("0901"), 87.5}}};
    const fs::path path = dir_ / "city.xlsx";
    gg::write_xlsx({{"zones", &zones}, {"scores", &scores}}, path, {{"greengauge_version", "9"}});
    EXPECT_EQ(entries(), std::vector<std::string>{"city.xlsx"});

    auto ds = open_xlsx(path);
    ASSERT_TRUE(ds);
    ASSERT_EQ(ds->GetLayerCount(), 3);
    EXPECT_STREQ(ds->GetLayer(0)->GetName(), "zones");
    EXPECT_STREQ(ds->GetLayer(1)->GetName(), "scores");
    EXPECT_STREQ(ds->GetLayer(2)->GetName(), "metadata");

    OGRLayer* layer = ds->GetLayer(0);
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    ASSERT_EQ(defn->GetFieldCount(), 4);
    EXPECT_STREQ(defn->GetFieldDefn(1)->GetNameRef(), "name");
    // Numbers are numeric cells: GDAL types the columns from the cells it reads. The ids stay
    // text, leading zero included (a numeric cell would lose it).
    EXPECT_EQ(defn->GetFieldDefn(0)->GetType(), OFTString);
    EXPECT_EQ(defn->GetFieldDefn(2)->GetType(), OFTInteger);
    EXPECT_EQ(defn->GetFieldDefn(3)->GetType(), OFTReal);
    layer->ResetReading();
    OGRFeatureUniquePtr f1(layer->GetNextFeature());
    ASSERT_TRUE(f1);
    EXPECT_STREQ(f1->GetFieldAsString(0), "0901");
    EXPECT_EQ(std::string(f1->GetFieldAsString(1)), name);  // byte for byte
    EXPECT_EQ(f1->GetFieldAsInteger64(2), 41000);
    EXPECT_EQ(f1->GetFieldAsDouble(3), 0.25);
    OGRFeatureUniquePtr f2(layer->GetNextFeature());
    ASSERT_TRUE(f2);
    EXPECT_FALSE(f2->IsFieldSetAndNotNull(2));  // empty, not 0
    EXPECT_EQ(f2->GetFieldAsDouble(3), 0.5);
    EXPECT_EQ(layer->GetNextFeature(), nullptr);

    OGRLayer* meta = ds->GetLayer(2);
    meta->ResetReading();
    OGRFeatureUniquePtr m(meta->GetNextFeature());
    ASSERT_TRUE(m);
    EXPECT_STREQ(m->GetFieldAsString(0), "greengauge_version");
    EXPECT_STREQ(m->GetFieldAsString(1), "9");
}

TEST_F(XlsxWriter, SheetNamesExcelRefusesAreAnErrorAndLeaveNothing) {
    Table t{{{"x", ColumnType::Integer}}, {{int64_t{1}}}};
    for (const std::string name : {"a/b", "", "x234567890123456789012345678901234"}) {
        EXPECT_THROW(gg::write_xlsx({{name, &t}}, dir_ / "bad.xlsx", {}), gg::Error) << name;
    }
    EXPECT_THROW(gg::write_xlsx({{"Zones", &t}, {"zones", &t}}, dir_ / "bad.xlsx", {}), gg::Error);
    EXPECT_TRUE(entries().empty());
}

TEST_F(XlsxWriter, BadRowLeavesNoFileAndKeepsTheOldOne) {
    const fs::path path = dir_ / "keep.xlsx";
    write_bytes(path, "previous");
    EXPECT_THROW(gg::write_xlsx({{"t", nullptr}}, path, {}), gg::Error);
    const Table bad = table_with_bad_row(10, 5);
    EXPECT_THROW(gg::write_xlsx({{"t", &bad}}, path, {}), gg::Error);
    EXPECT_EQ(read_bytes(path), "previous");
    EXPECT_EQ(entries(), std::vector<std::string>{"keep.xlsx"});
}

// Excel's sheet has 1,048,576 rows (Microsoft, "Excel specifications and limits"): the names,
// then 1,048,575 rows of data. A table 5 rows longer goes on two sheets, the second under the
// names again with the last 5 rows, and the metadata sheet says where it went. Expected values
// by counting: row i holds i, so sheet 2 starts at 1,048,575.
TEST_F(XlsxWriter, ATablePastExcelsLastRowContinuesOnASecondSheet) {
    constexpr int64_t per_sheet = 1048575;
    Table t{{{"row", ColumnType::Integer}}, {}};
    t.rows.reserve(per_sheet + 5);
    for (int64_t i = 0; i < per_sheet + 5; ++i) t.rows.push_back({i});
    Table small{{{"x", ColumnType::Integer}}, {{int64_t{7}}}};
    const fs::path path = dir_ / "long.xlsx";
    gg::write_xlsx({{"zone_series", &t}, {"scores", &small}}, path, {{"greengauge_version", "9"}});
    t.rows.clear();
    t.rows.shrink_to_fit();

    auto ds = open_xlsx(path);
    ASSERT_TRUE(ds);
    ASSERT_EQ(ds->GetLayerCount(), 4);
    EXPECT_STREQ(ds->GetLayer(0)->GetName(), "zone_series");
    EXPECT_STREQ(ds->GetLayer(1)->GetName(), "zone_series (2)");
    EXPECT_STREQ(ds->GetLayer(2)->GetName(), "scores");
    EXPECT_STREQ(ds->GetLayer(3)->GetName(), "metadata");
    EXPECT_EQ(ds->GetLayer(0)->GetFeatureCount(), per_sheet);
    OGRLayer* second = ds->GetLayer(1);
    EXPECT_STREQ(second->GetLayerDefn()->GetFieldDefn(0)->GetNameRef(), "row");
    second->ResetReading();
    std::vector<int64_t> rows;
    for (OGRFeatureUniquePtr f(second->GetNextFeature()); f; f.reset(second->GetNextFeature()))
        rows.push_back(f->GetFieldAsInteger64(0));
    EXPECT_EQ(rows, (std::vector<int64_t>{per_sheet, per_sheet + 1, per_sheet + 2, per_sheet + 3,
                                          per_sheet + 4}));
    std::string note;
    OGRLayer* meta = ds->GetLayer(3);
    meta->ResetReading();
    for (OGRFeatureUniquePtr f(meta->GetNextFeature()); f; f.reset(meta->GetNextFeature()))
        if (std::string(f->GetFieldAsString(0)) == "sheets of zone_series")
            note = f->GetFieldAsString(1);
    EXPECT_EQ(note,
              "1048580 rows, more than one Excel sheet holds: 1048575 a sheet on 'zone_series' "
              "to 'zone_series (2)'");
}

// A cell holds 32,767 characters (the same page). 40,000 Thai characters (3 bytes each in
// UTF-8, one character each for Excel) keep 32,767 - 64 = 32,703 of them and say that 7,297
// are left out; a text at the limit is kept whole.
TEST_F(XlsxWriter, ATextLongerThanACellHoldsIsCutVisibly) {
    std::string thai, at_limit(32767, 'a');
    for (int i = 0; i < 40000; ++i) thai += "ก";
    Table t{{{"scenes", ColumnType::String}}, {{thai}, {at_limit}}};
    const fs::path path = dir_ / "text.xlsx";
    gg::write_xlsx({{"t", &t}}, path, {});
    auto ds = open_xlsx(path);
    ASSERT_TRUE(ds);
    OGRLayer* layer = ds->GetLayer(0);
    layer->ResetReading();
    OGRFeatureUniquePtr f1(layer->GetNextFeature());
    ASSERT_TRUE(f1);
    std::string expected;
    for (int i = 0; i < 32703; ++i) expected += "ก";
    expected += " [... 7297 more characters: an Excel cell holds 32767]";
    EXPECT_EQ(std::string(f1->GetFieldAsString(0)), expected);
    OGRFeatureUniquePtr f2(layer->GetNextFeature());
    ASSERT_TRUE(f2);
    EXPECT_EQ(std::string(f2->GetFieldAsString(0)), at_limit);
}

// The stream is the writer: the same tables give the same bytes whether written whole or row by
// row, and the bytes hold no clock time (a second apart, the second file is the first's bytes:
// libxlsxwriter would stamp the creation second otherwise).
TEST_F(XlsxWriter, RowByRowGivesTheBytesOfTheWholeTableAndNoClockTime) {
    const Table zones{{{"zone_id", ColumnType::String},
                       {"green_share", ColumnType::Real},
                       {"population", ColumnType::Integer}},
                      {{kThai, 0.25, int64_t{120}}, {std::string("0901"), Cell{}, int64_t{7}}}};
    const fs::path whole = dir_ / "whole.xlsx", streamed = dir_ / "streamed.xlsx";
    gg::write_xlsx({{"zones", &zones}}, whole, {{"greengauge_version", "9"}});
    ::sleep(1);
    {
        gg::XlsxStream stream(streamed, {{"greengauge_version", "9"}});
        stream.begin_sheet("zones", zones.columns);
        for (const auto& row : zones.rows) stream.add_row(row);
        stream.finish();
    }
    EXPECT_EQ(read_bytes(whole), read_bytes(streamed));
    EXPECT_EQ(entries(), (std::vector<std::string>{"streamed.xlsx", "whole.xlsx"}));
}

// Destroyed before finish() (an error mid-way): the old file keeps its bytes and nothing else is
// left in the folder, neither the temporary workbook nor libxlsxwriter's row files.
TEST_F(XlsxWriter, AStreamNotFinishedLeavesTheOldFileAndNothingElse) {
    const fs::path path = dir_ / "keep.xlsx";
    write_bytes(path, "previous");
    {
        gg::XlsxStream stream(path, {});
        stream.begin_sheet("t", {{"x", ColumnType::Integer}});
        for (int64_t i = 0; i < 1000; ++i) stream.add_row({i});
        EXPECT_THROW(stream.add_row({std::string("text in an integer column")}), gg::Error);
    }
    EXPECT_EQ(read_bytes(path), "previous");
    EXPECT_EQ(entries(), std::vector<std::string>{"keep.xlsx"});
}

// --------------------------------------------------------------------------------------- GPKG

TEST_F(GpkgWriter, RoundTripsFieldsNullsThaiGeometryCrsAndMetadata) {
    Table table{{{"zone_id", ColumnType::Integer},
                 {"name", ColumnType::String},
                 {"ndvi_mean", ColumnType::Real}},
                {{int64_t{1}, kThai, 0.1},
                 {int64_t{2}, std::string("b"), std::monostate{}},
                 {int64_t{3}, std::monostate{}, int64_t{4}}}};  // an integer in a real column
    gg::TableGeometry geometry{
        {wkb_from_wkt("POLYGON ((500000 2000000,500100 2000000,500100 2000050,"
                      "500000 2000050,500000 2000000))"),
         wkb_from_wkt("MULTIPOLYGON (((0 0,10 0,10 10,0 10,0 0)),((20 0,30 0,30 10,20 10,20 0)))"),
         {}},
        wkt_of_epsg(32647)};
    const gg::Metadata metadata{{"greengauge_version", "0.1.0"}, {"command", "zonal ทดสอบ"}};
    const fs::path path = dir_ / "zones.gpkg";
    gg::write_gpkg(table, path, "zone_stats", geometry, metadata);
    EXPECT_EQ(entries(), std::vector<std::string>{"zones.gpkg"});

    auto ds = open_vector(path);
    ASSERT_TRUE(ds);
    EXPECT_STREQ(ds->GetDriver()->GetDescription(), "GPKG");
    ASSERT_EQ(ds->GetLayerCount(), 1);
    OGRLayer* layer = ds->GetLayerByName("zone_stats");
    ASSERT_NE(layer, nullptr);
    EXPECT_EQ(layer->GetFeatureCount(), 3);
    EXPECT_EQ(layer->GetGeomType(), wkbMultiPolygon);  // the polygon was promoted

    OGRFeatureDefn* defn = layer->GetLayerDefn();
    ASSERT_EQ(defn->GetFieldCount(), 3);
    EXPECT_EQ(defn->GetFieldDefn(0)->GetType(), OFTInteger64);
    EXPECT_EQ(defn->GetFieldDefn(1)->GetType(), OFTString);
    EXPECT_EQ(defn->GetFieldDefn(2)->GetType(), OFTReal);
    EXPECT_STREQ(defn->GetFieldDefn(2)->GetNameRef(), "ndvi_mean");

    const OGRSpatialReference* srs = layer->GetSpatialRef();
    ASSERT_NE(srs, nullptr);
    EXPECT_STREQ(srs->GetAuthorityName(nullptr), "EPSG");
    EXPECT_STREQ(srs->GetAuthorityCode(nullptr), "32647");

    EXPECT_STREQ(layer->GetMetadataItem("greengauge_version"), "0.1.0");
    EXPECT_STREQ(layer->GetMetadataItem("command"), "zonal ทดสอบ");
    EXPECT_STREQ(ds->GetMetadataItem("greengauge_version"), "0.1.0");

    layer->ResetReading();
    OGRFeatureUniquePtr f1(layer->GetNextFeature());
    ASSERT_TRUE(f1);
    EXPECT_EQ(f1->GetFieldAsInteger64(0), 1);
    EXPECT_EQ(std::string(f1->GetFieldAsString(1)), kThai);
    EXPECT_EQ(f1->GetFieldAsDouble(2), 0.1);
    ASSERT_NE(f1->GetGeometryRef(), nullptr);
    EXPECT_EQ(wkbFlatten(f1->GetGeometryRef()->getGeometryType()), wkbMultiPolygon);
    EXPECT_DOUBLE_EQ(f1->GetGeometryRef()->toMultiPolygon()->get_Area(), 100.0 * 50.0);

    OGRFeatureUniquePtr f2(layer->GetNextFeature());
    ASSERT_TRUE(f2);
    EXPECT_EQ(f2->GetFieldAsInteger64(0), 2);
    EXPECT_TRUE(f2->IsFieldNull(2));
    EXPECT_FALSE(f2->IsFieldNull(1));
    EXPECT_DOUBLE_EQ(f2->GetGeometryRef()->toMultiPolygon()->get_Area(), 2 * 10.0 * 10.0);

    OGRFeatureUniquePtr f3(layer->GetNextFeature());
    ASSERT_TRUE(f3);
    EXPECT_TRUE(f3->IsFieldNull(1));
    EXPECT_EQ(f3->GetFieldAsDouble(2), 4.0);
    EXPECT_EQ(f3->GetGeometryRef(), nullptr);  // empty WKB: NULL geometry
}

TEST_F(GpkgWriter, TenThousandRowsWithoutGeometry) {
    Table table{{{"id", ColumnType::Integer}, {"v", ColumnType::Real}}, {}};
    for (int64_t i = 0; i < 10000; ++i) table.rows.push_back({i, 0.25 * static_cast<double>(i)});
    const fs::path path = dir_ / "many.gpkg";
    gg::write_gpkg(table, path, "stats", std::nullopt, {});
    auto ds = open_vector(path);
    ASSERT_TRUE(ds);
    OGRLayer* layer = ds->GetLayerByName("stats");
    ASSERT_NE(layer, nullptr);
    EXPECT_EQ(layer->GetGeomType(), wkbNone);
    EXPECT_EQ(layer->GetFeatureCount(), 10000);
    layer->SetAttributeFilter("id = 9999");
    OGRFeatureUniquePtr last(layer->GetNextFeature());
    ASSERT_TRUE(last);
    EXPECT_EQ(last->GetFieldAsDouble(1), 0.25 * 9999);
}

TEST_F(GpkgWriter, BadRowMidwayLeavesNothingAndKeepsExistingFile) {
    const fs::path path = dir_ / "out.gpkg";
    write_bytes(path, "not really a geopackage");
    try {
        gg::write_gpkg(table_with_bad_row(5000, 2500), path, "stats", std::nullopt, {});
        FAIL() << "expected gg::Error";
    } catch (const gg::Error& e) {
        EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("row 2501"), std::string::npos) << e.what();
    }
    EXPECT_EQ(read_bytes(path), "not really a geopackage");
    EXPECT_EQ(entries(), std::vector<std::string>{"out.gpkg"});
}

TEST_F(GpkgWriter, InvalidWkbIsAnErrorNamingTheRowAndLeavesNothing) {
    Table table{{{"id", ColumnType::Integer}}, {{int64_t{1}}, {int64_t{2}}}};
    gg::TableGeometry geometry{{wkb_from_wkt("POLYGON ((0 0,1 0,1 1,0 0))"), {0x01, 0x03, 0x00}},
                               wkt_of_epsg(4326)};
    const fs::path path = dir_ / "g.gpkg";
    try {
        gg::write_gpkg(table, path, "z", geometry, {});
        FAIL() << "expected gg::Error";
    } catch (const gg::Error& e) {
        EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("row 2"), std::string::npos) << e.what();
    }
    EXPECT_TRUE(entries().empty());
}

TEST_F(GpkgWriter, GdalFailureIsOneQuietLine) {
    // GPKG refuses a second field of the same name: the failure comes from GDAL itself.
    Table table{{{"ซ้ำ", ColumnType::Real}, {"ซ้ำ", ColumnType::Real}}, {}};
    const fs::path path = dir_ / "fields.gpkg";
    ::testing::internal::CaptureStderr();
    std::string message;
    try {
        gg::write_gpkg(table, path, "z", std::nullopt, {});
    } catch (const gg::Error& e) {
        message = e.what();
    }
    EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
    EXPECT_NE(message.find(path.string()), std::string::npos) << message;
    EXPECT_NE(message.find("ซ้ำ"), std::string::npos) << message;  // from GDAL's reason
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    EXPECT_TRUE(entries().empty());
}

// ------------------------------------------------------------------------------ write_table

TEST_F(TableWriter, ChoosesFormatByExtensionCaseInsensitively) {
    Table table{{{"x", ColumnType::Integer}}, {{int64_t{7}}}};
    gg::write_table(table, dir_ / "A.CSV", "t", std::nullopt, {});
    EXPECT_EQ(read_bytes(dir_ / "A.CSV"), "x\r\n7\r\n");
    gg::write_table(table, dir_ / "B.GPKG", "t", std::nullopt, {});
    auto ds = open_vector(dir_ / "B.GPKG");
    ASSERT_TRUE(ds);
    EXPECT_STREQ(ds->GetDriver()->GetDescription(), "GPKG");
    gg::write_table(table, dir_ / "C.XLSX", "t", std::nullopt, {});
    auto xlsx = open_xlsx(dir_ / "C.XLSX");
    ASSERT_TRUE(xlsx);
    EXPECT_STREQ(xlsx->GetDriver()->GetDescription(), "XLSX");
    EXPECT_NE(xlsx->GetLayerByName("t"), nullptr);
}

TEST_F(TableWriter, UnsupportedExtensionNamesThePath) {
    const fs::path path = dir_ / "out.ods";
    try {
        gg::write_table(Table{}, path, "t", std::nullopt, {});
        FAIL() << "expected gg::Error";
    } catch (const gg::Error& e) {
        EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos) << e.what();
    }
    EXPECT_TRUE(entries().empty());
}

TEST_F(TableWriter, MissingDirectoryNamesThePathAndCreatesNothing) {
    for (const char* name : {"out.csv", "out.gpkg"}) {
        const fs::path path = dir_ / "no_such_dir" / name;
        try {
            gg::write_table(Table{{{"x", ColumnType::Integer}}, {}}, path, "t", std::nullopt, {});
            FAIL() << "expected gg::Error for " << path;
        } catch (const gg::Error& e) {
            EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos) << e.what();
            EXPECT_NE(std::string(e.what()).find("does not exist"), std::string::npos) << e.what();
        }
    }
    EXPECT_TRUE(entries().empty());
}

// ----------------------------------------------------------------------------- AtomicOutput

TEST_F(AtomicOutputTest, TempIsUniqueBesideFinalAndRemovedUnlessCommitted) {
    const fs::path final_path = dir_ / "r.gpkg";
    std::string first;
    {
        gg::AtomicOutput a(final_path);
        gg::AtomicOutput b(final_path);
        first = a.temp_path();
        EXPECT_NE(a.temp_path(), b.temp_path());
        EXPECT_EQ(fs::path(a.temp_path()).parent_path(), dir_);
        EXPECT_EQ(fs::path(a.temp_path()).extension(), ".gpkg");  // GDAL drivers check it
        write_bytes(a.temp_path(), "partial");
        EXPECT_TRUE(fs::exists(first));
    }
    EXPECT_FALSE(fs::exists(first));
    EXPECT_FALSE(fs::exists(final_path));
    EXPECT_TRUE(entries().empty());
}

TEST_F(AtomicOutputTest, CommitRenamesOverTheFinalFile) {
    const fs::path final_path = dir_ / "r.csv";
    write_bytes(final_path, "old");
    {
        gg::AtomicOutput out(final_path);
        write_bytes(out.temp_path(), "new");
        EXPECT_EQ(read_bytes(final_path), "old");
        out.commit();
    }
    EXPECT_EQ(read_bytes(final_path), "new");
    EXPECT_EQ(entries(), std::vector<std::string>{"r.csv"});
}

TEST_F(AtomicOutputTest, MissingDirectoryThrowsNamingThePath) {
    const fs::path final_path = dir_ / "missing" / "r.csv";
    try {
        gg::AtomicOutput out(final_path);
        FAIL() << "expected gg::Error";
    } catch (const gg::Error& e) {
        EXPECT_NE(std::string(e.what()).find(final_path.string()), std::string::npos) << e.what();
    }
}

}  // namespace
