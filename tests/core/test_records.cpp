// Municipal records CSV (core/records.hpp): parsing, values, and every rejection with
// "<file>:<line>". Line numbers are counted by hand in the CSV texts.
#include "core/records.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "core/error.hpp"

namespace {

const std::set<std::string> kZones = {"Z1", "Z2", "Z3"};

std::string parse_error(const std::string& csv, const std::set<std::string>& zones = kZones) {
    try {
        gg::parse_records(csv, "r.csv", zones);
    } catch (const gg::Error& e) {
        return e.what();
    }
    return "";
}

TEST(Records, ReadsValuesByZoneYearAndInput) {
    const auto r = gg::parse_records(
        "zone_id,year,waste_collected_t,municipality_type\n"
        "Z1,2023,1200.5,city\n"
        "Z2,2023,,town\n"
        "Z1,2024, 1300 ,city\n",
        "r.csv", kZones);
    EXPECT_EQ(r.file, "r.csv");
    EXPECT_EQ(r.columns, (std::set<std::string>{"waste_collected_t", "municipality_type"}));
    EXPECT_EQ(r.rows.size(), 3u);
    EXPECT_EQ(r.text("Z1", 2023, "municipality_type"), "city");
    EXPECT_EQ(gg::record_number(r, "Z1", 2023, "waste_collected_t"), 1200.5);
    EXPECT_EQ(gg::record_number(r, "Z1", 2024, "waste_collected_t"), 1300);  // spaces trimmed
    // Empty cell, absent year, absent zone and absent column are all "no value".
    EXPECT_FALSE(r.text("Z2", 2023, "waste_collected_t").has_value());
    EXPECT_FALSE(gg::record_number(r, "Z2", 2023, "waste_collected_t").has_value());
    EXPECT_FALSE(r.text("Z1", 2022, "waste_collected_t").has_value());
    EXPECT_FALSE(r.text("Z3", 2023, "waste_collected_t").has_value());
    EXPECT_FALSE(r.text("Z1", 2023, "population").has_value());
}

TEST(Records, ByteOrderMarkAndCrlfAreTolerated) {
    // Excel's "CSV UTF-8": a BOM before zone_id and CRLF line ends.
    const auto r = gg::parse_records("\xEF\xBB\xBFzone_id,year,x\r\nZ1,2023,4\r\nZ2,2023,5\r\n",
                                     "r.csv", kZones);
    EXPECT_EQ(gg::record_number(r, "Z2", 2023, "x"), 5);
    EXPECT_EQ(r.columns, std::set<std::string>{"x"});
}

TEST(Records, QuotedThaiTextWithCommasQuotesAndLineBreaks) {
    const std::string csv =
        "zone_id,year,note,x\n"                           // 1
        "Z1,2023,\"เทศบาลนครพิษณุโลก, \"\"นำร่อง\"\"\",1\n"  // 2
        "Z2,2023,\"บรรทัดหนึ่ง\nบรรทัดสอง\",2\n"              // 3-4
        "Z3,2023,x,y,z\n";                                // 5: too many cells
    EXPECT_EQ(parse_error(csv), "r.csv:5: 5 cells, the header has 4");
    const auto r = gg::parse_records(csv.substr(0, csv.rfind("Z3")), "r.csv", kZones);
    EXPECT_EQ(r.text("Z1", 2023, "note"), "เทศบาลนครพิษณุโลก, \"นำร่อง\"");
    EXPECT_EQ(r.text("Z2", 2023, "note"), "บรรทัดหนึ่ง\nบรรทัดสอง");
    EXPECT_EQ(gg::record_number(r, "Z2", 2023, "x"), 2);
}

TEST(Records, UnknownZoneIdsAreListed) {
    // Q9 (lines 3 and 5) and Q8: two distinct unknown ids, reported at the first (line 3).
    const std::string e = parse_error(
        "zone_id,year,x\n"
        "Z1,2023,1\n"
        "Q9,2023,1\n"
        "Q8,2023,1\n"
        "Q9,2024,1\n");
    EXPECT_EQ(e, "r.csv:3: 2 zone id(s) that are not zones of the project: \"Q9\", \"Q8\"");
    // More than five: the first five and "...".
    std::string many = "zone_id,year,x\n";
    for (int i = 1; i <= 7; ++i) many.append("U").append(std::to_string(i)).append(",2023,1\n");
    EXPECT_EQ(parse_error(many),
              "r.csv:2: 7 zone id(s) that are not zones of the project: \"U1\", \"U2\", \"U3\", "
              "\"U4\", \"U5\", ...");
}

TEST(Records, NonNumericValueNamesZoneYearAndInput) {
    const auto r = gg::parse_records("zone_id,year,waste_collected_t\nZ1,2023,abc\nZ2,2023,1e3\n",
                                     "r.csv", kZones);
    try {
        gg::record_number(r, "Z1", 2023, "waste_collected_t");
        ADD_FAILURE() << "abc read as a number";
    } catch (const gg::Error& e) {
        EXPECT_EQ(std::string(e.what()),
                  "r.csv: zone Z1, year 2023: input waste_collected_t is not a number (\"abc\")");
    }
    EXPECT_EQ(gg::record_number(r, "Z2", 2023, "waste_collected_t"), 1000);
    // A thousands separator is not silently misread as 1.
    const auto t = gg::parse_records("zone_id,year,x\nZ1,2023,\"1,200\"\n", "r.csv", kZones);
    EXPECT_THROW(gg::record_number(t, "Z1", 2023, "x"), gg::Error);
}

TEST(Records, DuplicateRowIsRejectedAtItsLine) {
    EXPECT_EQ(parse_error("zone_id,year,x\nZ1,2023,1\nZ2,2023,1\nZ1,2023,2\n"),
              "r.csv:4: duplicate row for zone \"Z1\", year 2023");
}

TEST(Records, HeaderAndYearErrors) {
    EXPECT_EQ(parse_error("zone,year,x\nZ1,2023,1\n"), "r.csv:1: no zone_id column");
    EXPECT_EQ(parse_error("zone_id,yr,x\nZ1,2023,1\n"), "r.csv:1: no year column");
    EXPECT_EQ(parse_error("zone_id,year,x,x\n"), "r.csv:1: duplicate column \"x\"");
    EXPECT_EQ(parse_error("zone_id,year,x\n\nZ1,2023.5,1\n"),  // blank line 2 skipped
              "r.csv:3: year \"2023.5\" is not a whole number");
    EXPECT_EQ(parse_error("zone_id,year,x\nZ1,2023\n"), "r.csv:2: 2 cells, the header has 3");
    EXPECT_EQ(parse_error("zone_id,year,x\nZ1,2023,\"open\n"),
              "r.csv:2: quoted field has no closing quote");
    EXPECT_EQ(parse_error(""), "r.csv:1: empty records file (expected zone_id, year, ...)");
}

TEST(Records, LoadsAFile) {
    const auto path = (std::filesystem::temp_directory_path() / "gg_test_records.csv").string();
    std::ofstream(path) << "zone_id,year,x\nZ3,2020,7\n";
    const auto r = gg::load_records_file(path, kZones);
    EXPECT_EQ(r.file, path);
    EXPECT_EQ(gg::record_number(r, "Z3", 2020, "x"), 7);
    std::filesystem::remove(path);
    EXPECT_THROW(gg::load_records_file(path, kZones), gg::Error);
}

}  // namespace
