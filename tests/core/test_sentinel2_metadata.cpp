// Sentinel-2 L2A metadata (core/sentinel2_metadata.hpp): MTD_MSIL2A.xml snippets of processing
// baseline 04.00 (offsets -1000) and 02.09 (no offsets), band ids, reflectance, rejections.
#include "core/sentinel2_metadata.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/error.hpp"

namespace {

// The elements of a real baseline-04.00 MTD_MSIL2A.xml that matter, in their real nesting.
std::string mtd(const std::string& baseline, const std::string& offsets_list,
                const std::string& quantification = "10000") {
    std::string xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<n1:Level-2A_User_Product xmlns:n1="https://psd-14.sentinel2.eo.esa.int/PSD/User_Product_Level-2A.xsd">
  <n1:General_Info>
    <Product_Info>
      <PRODUCT_TYPE>S2MSI2A</PRODUCT_TYPE>
      <PROCESSING_LEVEL>Level-2A</PROCESSING_LEVEL>
      <PROCESSING_BASELINE>)";
    xml.append(baseline).append(R"(</PROCESSING_BASELINE>
    </Product_Info>
    <Product_Image_Characteristics>
      <QUANTIFICATION_VALUES_LIST>
        <BOA_QUANTIFICATION_VALUE unit="none">)");
    xml.append(quantification).append(R"(</BOA_QUANTIFICATION_VALUE>
        <AOT_QUANTIFICATION_VALUE unit="none">1000.0</AOT_QUANTIFICATION_VALUE>
        <WVP_QUANTIFICATION_VALUE unit="cm">1000.0</WVP_QUANTIFICATION_VALUE>
      </QUANTIFICATION_VALUES_LIST>
)");
    xml.append(offsets_list).append(R"(
    </Product_Image_Characteristics>
  </n1:General_Info>
</n1:Level-2A_User_Product>
)");
    return xml;
}

std::string all_offsets(const std::string& value) {
    std::string list = "      <BOA_ADD_OFFSET_VALUES_LIST>\n";
    for (int id = 0; id <= 12; ++id) {
        list.append("        <BOA_ADD_OFFSET band_id=\"")
            .append(std::to_string(id))
            .append("\">")
            .append(value)
            .append("</BOA_ADD_OFFSET>\n");
    }
    list.append("      </BOA_ADD_OFFSET_VALUES_LIST>");
    return list;
}

std::string parse_error(const std::string& xml) {
    try {
        gg::parse_mtd_msil2a(xml, "MTD_MSIL2A.xml");
    } catch (const gg::Error& e) {
        return e.what();
    }
    return "";
}

TEST(Sentinel2Metadata, Baseline0400WithOffsets) {
    const auto m = gg::parse_mtd_msil2a(mtd("04.00", all_offsets("-1000")), "MTD_MSIL2A.xml");
    EXPECT_EQ(m.file, "MTD_MSIL2A.xml");
    EXPECT_EQ(m.processing_baseline, "04.00");
    EXPECT_EQ(m.quantification_value, 10000);
    EXPECT_EQ(m.boa_add_offset.size(), 13u);
    for (int id = 0; id <= 12; ++id) EXPECT_EQ(gg::boa_offset_for(m, id), -1000) << id;
    // B04 DN 2000: (2000 - 1000) / 10000 = 0.1; B08 DN 4321: 3321 / 10000 = 0.3321.
    EXPECT_NEAR(gg::sentinel2_reflectance(m, gg::sentinel2_band_id("B04"), 2000), 0.1, 1e-15);
    EXPECT_NEAR(gg::sentinel2_reflectance(m, gg::sentinel2_band_id("B08"), 4321), 0.3321, 1e-15);
    EXPECT_TRUE(gg::sentinel2_baseline_has_offsets(m.processing_baseline));
}

TEST(Sentinel2Metadata, Baseline0209WithoutOffsets) {
    const auto m = gg::parse_mtd_msil2a(mtd("02.09", ""), "old.xml");
    EXPECT_EQ(m.processing_baseline, "02.09");
    EXPECT_TRUE(m.boa_add_offset.empty());
    for (int id = 0; id <= 12; ++id) EXPECT_EQ(gg::boa_offset_for(m, id), 0) << id;
    // B04 DN 1000: 1000 / 10000 = 0.1.
    EXPECT_NEAR(gg::sentinel2_reflectance(m, 3, 1000), 0.1, 1e-15);
    EXPECT_FALSE(gg::sentinel2_baseline_has_offsets("02.09"));
    EXPECT_FALSE(gg::sentinel2_baseline_has_offsets("03.01"));
    EXPECT_TRUE(gg::sentinel2_baseline_has_offsets("05.10"));
}

TEST(Sentinel2Metadata, OffsetsAndQuantificationAsTheFileSays) {
    // A partial list and another quantification: what the file says is used.
    const std::string list = R"(      <BOA_ADD_OFFSET_VALUES_LIST>
        <BOA_ADD_OFFSET band_id="3" >-1000</BOA_ADD_OFFSET>
        <BOA_ADD_OFFSET band_id='8'> -500 </BOA_ADD_OFFSET>
      </BOA_ADD_OFFSET_VALUES_LIST>)";
    const auto m = gg::parse_mtd_msil2a(mtd("05.09", list, "20000"), "m.xml");
    EXPECT_EQ(m.quantification_value, 20000);
    EXPECT_EQ(gg::boa_offset_for(m, 3), -1000);
    EXPECT_EQ(gg::boa_offset_for(m, 8), -500);
    // (5000 - 500) / 20000 = 0.225.
    EXPECT_NEAR(gg::sentinel2_reflectance(m, gg::sentinel2_band_id("B8A"), 5000), 0.225, 1e-15);
    try {
        gg::boa_offset_for(m, 1);
        ADD_FAILURE() << "no error";
    } catch (const gg::Error& e) {
        EXPECT_STREQ(e.what(),
                     "m.xml: no BOA_ADD_OFFSET for band_id 1 (processing baseline 05.09)");
    }
}

TEST(Sentinel2Metadata, QuantificationDefaultsTo10000) {
    const auto m =
        gg::parse_mtd_msil2a("<a><PROCESSING_BASELINE>02.14</PROCESSING_BASELINE></a>", "q.xml");
    EXPECT_EQ(m.quantification_value, 10000);
}

TEST(Sentinel2Metadata, Rejections) {
    EXPECT_EQ(parse_error("<a></a>"),
              "MTD_MSIL2A.xml: PROCESSING_BASELINE is missing (is this an MTD_MSIL2A.xml?)");
    EXPECT_EQ(parse_error(mtd("4.x", "")),
              "MTD_MSIL2A.xml: PROCESSING_BASELINE is not a baseline: '4.x' (expected e.g. 04.00)");
    EXPECT_EQ(parse_error(mtd("04.00", "")),
              "MTD_MSIL2A.xml: processing baseline 04.00 lists no BOA_ADD_OFFSET values (products "
              "from baseline 04.00 on have them, normally -1000)");
    EXPECT_EQ(parse_error(mtd("02.09", "", "zero")),
              "MTD_MSIL2A.xml: BOA_QUANTIFICATION_VALUE is not a positive number: 'zero'");
    EXPECT_EQ(parse_error(mtd("02.09", "", "0")),
              "MTD_MSIL2A.xml: BOA_QUANTIFICATION_VALUE is not a positive number: '0'");
    const auto one = [](const std::string& element) {
        std::string list = "<BOA_ADD_OFFSET_VALUES_LIST>";
        list.append(element).append("</BOA_ADD_OFFSET_VALUES_LIST>");
        return mtd("04.00", list);
    };
    EXPECT_EQ(
        parse_error(one(R"(<BOA_ADD_OFFSET band_id="13">-1000</BOA_ADD_OFFSET>)")),
        R"(MTD_MSIL2A.xml: BOA_ADD_OFFSET needs band_id="0".."12", got '<BOA_ADD_OFFSET band_id="13">')");
    EXPECT_EQ(parse_error(one(R"(<BOA_ADD_OFFSET>-1000</BOA_ADD_OFFSET>)")),
              R"(MTD_MSIL2A.xml: BOA_ADD_OFFSET needs band_id="0".."12", got '<BOA_ADD_OFFSET>')");
    EXPECT_EQ(parse_error(one(R"(<BOA_ADD_OFFSET band_id="2">n/a</BOA_ADD_OFFSET>)")),
              "MTD_MSIL2A.xml: BOA_ADD_OFFSET of band_id 2 is not a number: 'n/a'");
    EXPECT_EQ(parse_error(one(R"(<BOA_ADD_OFFSET band_id="2">-1000</BOA_ADD_OFFSET>)"
                              R"(<BOA_ADD_OFFSET band_id="2">-1000</BOA_ADD_OFFSET>)")),
              "MTD_MSIL2A.xml: BOA_ADD_OFFSET of band_id 2 is given twice");
    EXPECT_EQ(parse_error(one(R"(<BOA_ADD_OFFSET band_id="2">-1000)")),
              "MTD_MSIL2A.xml: <BOA_ADD_OFFSET> has no end tag </BOA_ADD_OFFSET>");
    EXPECT_EQ(parse_error("<PROCESSING_BASELINE>04.00"),
              "MTD_MSIL2A.xml: <PROCESSING_BASELINE> has no end tag </PROCESSING_BASELINE>");
}

// A baseline whose major part overflows int let std::out_of_range from std::stoi escape the
// parser (a fuzz finding, fuzz/regressions/sentinel2_mtd/): it is a malformed baseline.
TEST(Sentinel2Metadata, HugeBaselineIsMalformed) {
    EXPECT_NE(parse_error(mtd("99999999999.00", all_offsets("-1000"))).find("not a baseline"),
              std::string::npos);
    EXPECT_THROW(gg::sentinel2_baseline_has_offsets("99999999999.00"), gg::Error);
}

TEST(Sentinel2Metadata, BandIds) {
    const char* names[] = {"B01", "B02", "B03", "B04", "B05", "B06", "B07",
                           "B08", "B8A", "B09", "B10", "B11", "B12"};
    for (int id = 0; id <= 12; ++id) EXPECT_EQ(gg::sentinel2_band_id(names[id]), id) << names[id];
    EXPECT_EQ(gg::sentinel2_band_id("B4"), 3);
    EXPECT_EQ(gg::sentinel2_band_id("B8"), 7);
    EXPECT_EQ(gg::sentinel2_band_id("B9"), 9);
    EXPECT_THROW(gg::sentinel2_band_id("B13"), gg::Error);
    EXPECT_THROW(gg::sentinel2_band_id("SCL"), gg::Error);
    EXPECT_THROW(gg::sentinel2_band_id("b04"), gg::Error);
}

TEST(Sentinel2Metadata, LoadReportsAMissingFile) {
    EXPECT_THROW(gg::load_mtd_msil2a_file("/nonexistent/MTD_MSIL2A.xml"), gg::Error);
}

}  // namespace
