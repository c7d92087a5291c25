// What `greengauge assess` writes for Excel, QGIS and scripts, on the synthetic city
// (synthetic_city.hpp: every value below follows from its description). Its zones are rewritten
// here with a Thai name, an integer population and two more fields to keep.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "gis/history_store.hpp"
#include "support/gdal_fixtures.hpp"
#include "support/run_command.hpp"
#include "synthetic_city.hpp"

namespace gg::test {
namespace {

const std::string kThai = "เทศบาลเมืองคอหงส์";  // Kho Hong Town Municipality, Songkhla
const std::string kBom = "\xEF\xBB\xBF";

// The synthetic city with zones whose population field is an integer and that carry an amphoe
// (district, text) and an area in rai (real) to keep; frameworks give indicator and score tables.
struct ThaiCity : SyntheticCity {
    explicit ThaiCity(const std::string& keep = "[amphoe, area_rai]")
        : SyntheticCity("frameworks: [onep_green_per_capita]\n") {
        LayerFixture zones;
        zones.crs = "EPSG:32647";
        zones.fields = {{"code", OFTString},
                        {"name", OFTString},
                        {"pop", OFTInteger64},
                        {"amphoe", OFTString},
                        {"area_rai", OFTReal}};
        zones.features = {
            {rectangle(600000, 1499800, 600150, 1500000), {"F", kThai, "100", "หาดใหญ่", "18.75"}},
            {rectangle(600150, 1499800, 600200, 1500000), {"E", "North", "0", "", "6.25"}},
            {rectangle(600200, 1499800, 600500, 1500000), {"T", "South", "50", "Hat Yai", ""}},
            {rectangle(601000, 1499800, 601100, 1500000), {"O", "East", "70", "Sadao", "12.5"}}};
        write_vector(dir.file("zones.gpkg"), "GPKG", {zones});
        std::string text = read_text(project);
        const std::string anchor = "  population_field: pop\n";
        text.replace(text.find(anchor), anchor.size(), anchor + "  keep_fields: " + keep + "\n");
        write_text(project, text);
    }
    CommandResult assess(const std::vector<std::string>& extra = {}) const {
        std::vector<std::string> args = {"assess", project, "-o", out};
        args.insert(args.end(), extra.begin(), extra.end());
        return run_greengauge(args);
    }
    std::string gpkg() const { return out + "/city.gpkg"; }
};

GDALDatasetUniquePtr open_gpkg(const std::string& path, bool update = false) {
    init_gdal();
    return GDALDatasetUniquePtr(GDALDataset::Open(
        path.c_str(), GDAL_OF_VECTOR | (update ? GDAL_OF_UPDATE : GDAL_OF_READONLY)));
}

// Rows of a SELECT as text (NULL as "<null>").
std::vector<std::vector<std::string>> query(GDALDataset& ds, const std::string& sql) {
    std::vector<std::vector<std::string>> rows;
    OGRLayer* result = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
    if (result == nullptr) {
        ADD_FAILURE() << "SQL failed: " << sql;
        return rows;
    }
    for (auto& f : *result) {
        std::vector<std::string> row;
        for (int i = 0; i < f->GetFieldCount(); ++i)
            row.push_back(f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "<null>");
        rows.push_back(row);
    }
    ds.ReleaseResultSet(result);
    return rows;
}

OGRFieldType field_type(OGRLayer& layer, const char* name) {
    const int i = layer.GetLayerDefn()->GetFieldIndex(name);
    EXPECT_GE(i, 0) << name;
    return i < 0 ? OFTMaxType : layer.GetLayerDefn()->GetFieldDefn(i)->GetType();
}

std::vector<std::string> csv_header(const std::string& text) {
    std::vector<std::string> cells;
    std::stringstream in(text.substr(0, text.find("\r\n")));
    for (std::string cell; std::getline(in, cell, ',');) cells.push_back(cell);
    return cells;
}

TEST(AssessOutputs, EveryCsvStartsWithAByteOrderMarkUnlessNoCsvBom) {
    ThaiCity city;
    ASSERT_EQ(city.assess().exit_code, 0);
    for (const char* name : {"city.csv", "city_indicators.csv", "city_scores.csv"})
        EXPECT_EQ(read_text(city.out + "/" + name).substr(0, 3), kBom) << name;
    const std::string marked = read_text(city.out + "/city.csv");
    const auto r = city.assess({"--no-csv-bom"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (const char* name : {"city.csv", "city_indicators.csv", "city_scores.csv"})
        EXPECT_NE(read_text(city.out + "/" + name).substr(0, 3), kBom) << name;
    const std::string plain = read_text(city.out + "/city.csv");
    EXPECT_EQ(plain.rfind("code,name,", 0), 0u) << plain.substr(0, 40);
    EXPECT_EQ(marked, kBom + plain);                                   // nothing else differs
    EXPECT_NE(plain.find("\r\nF," + kThai + ","), std::string::npos);  // UTF-8 bytes as read
}

TEST(AssessOutputs, XlsxHasZonesIndicatorsAndScoresSheetsWithThaiNamesAndNumbers) {
    ThaiCity city;
    const auto r = city.assess();
    ASSERT_EQ(r.exit_code, 0) << r.err;
    CPLSetConfigOption("OGR_XLSX_HEADERS", "FORCE");  // the first row names the columns
    static const char* const drivers[] = {"XLSX", nullptr};
    GDALDatasetUniquePtr ds(GDALDataset::Open((city.out + "/city.xlsx").c_str(), GDAL_OF_VECTOR,
                                              drivers, nullptr, nullptr));
    ASSERT_TRUE(ds);
    std::vector<std::string> sheets;
    for (OGRLayer* l : ds->GetLayers()) sheets.push_back(l->GetName());
    EXPECT_EQ(sheets, (std::vector<std::string>{"zones", "indicators", "scores", "metadata"}));

    OGRLayer* zones = ds->GetLayerByName("zones");
    ASSERT_NE(zones, nullptr);
    EXPECT_EQ(zones->GetFeatureCount(), 4);
    // Numeric cells: GDAL types a column from its cells, Integer when all are whole numbers
    // (XLSX itself has one kind of number). F's NDVI is 0.667, so ndvi_mean reads as Real.
    EXPECT_EQ(field_type(*zones, "population"), OFTInteger);
    EXPECT_EQ(field_type(*zones, "ndvi_mean"), OFTReal);
    EXPECT_NE(field_type(*zones, "green_m2_per_capita"), OFTString);
    EXPECT_EQ(field_type(*zones, "amphoe"), OFTString);
    zones->ResetReading();
    OGRFeatureUniquePtr f(zones->GetNextFeature());
    ASSERT_TRUE(f);
    EXPECT_STREQ(f->GetFieldAsString("code"), "F");
    EXPECT_EQ(std::string(f->GetFieldAsString("name")), kThai);
    EXPECT_EQ(std::string(f->GetFieldAsString("amphoe")), "หาดใหญ่");
    EXPECT_EQ(f->GetFieldAsInteger64("population"), 100);
    // F is all green: 30,000 m2 for 100 residents.
    EXPECT_DOUBLE_EQ(f->GetFieldAsDouble("green_m2_per_capita"), 300.0);

    OGRLayer* indicators = ds->GetLayerByName("indicators");
    ASSERT_NE(indicators, nullptr);
    // onep_green_per_capita has 2 indicators, for each of the 4 zones.
    EXPECT_EQ(indicators->GetFeatureCount(), 8);
    OGRLayer* scores = ds->GetLayerByName("scores");
    ASSERT_NE(scores, nullptr);
    EXPECT_GT(scores->GetFeatureCount(), 0);
    EXPECT_NE(field_type(*scores, "score"), OFTString);
}

TEST(AssessOutputs, KeepFieldsAndIntegerTypesInTheZonesLayerCsvAndXlsx) {
    ThaiCity city;
    const auto r = city.assess({"--no-csv-bom"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto header = csv_header(read_text(city.out + "/city.csv"));
    ASSERT_GE(header.size(), 5u);
    // The kept fields in the order given, after the id and the name, before the metrics (the
    // first: population).
    EXPECT_EQ(std::vector<std::string>(header.begin(), header.begin() + 5),
              (std::vector<std::string>{"code", "name", "amphoe", "area_rai", "population"}));
    const std::string csv = read_text(city.out + "/city.csv");
    // F: 100 residents, 150 m x 200 m = 30,000 m2.
    EXPECT_NE(csv.find("\r\nF," + kThai + ",หาดใหญ่,18.75,100,30000,"), std::string::npos) << csv;
    EXPECT_NE(csv.find("\r\nT,South,Hat Yai,,"), std::string::npos) << csv;  // null: empty

    auto ds = open_gpkg(city.gpkg());
    ASSERT_TRUE(ds);
    OGRLayer* zones = ds->GetLayerByName("zones");
    ASSERT_NE(zones, nullptr);
    EXPECT_EQ(field_type(*zones, "amphoe"), OFTString);
    EXPECT_EQ(field_type(*zones, "area_rai"), OFTReal);
    // pop is an integer field, so population is one; the 3-30-300 flags are 0/1 integers.
    EXPECT_EQ(field_type(*zones, "population"), OFTInteger64);
    EXPECT_EQ(field_type(*zones, "canopy_30_met"), OFTInteger64);
    EXPECT_EQ(field_type(*zones, "access_300_met"), OFTInteger64);
    EXPECT_EQ(field_type(*zones, "green_share"), OFTReal);
    std::map<std::string, std::pair<std::string, std::string>> values;  // code -> canopy, access
    const auto text = [](const OGRFeature& f, const char* field) -> std::string {
        const int i = f.GetFieldIndex(field);
        return f.IsFieldSetAndNotNull(i) ? f.GetFieldAsString(i) : "";
    };
    for (auto& f : *zones)
        values[f->GetFieldAsString("code")] = {text(*f, "canopy_30_met"),
                                               text(*f, "access_300_met")};
    // F: NDVI 0.667 >= 0.5 everywhere, canopy 100 % -> 1; T's covered third has NDVI 0.091 -> 0;
    // O is outside the image -> empty. No public park reaches 0.5 ha (P is 2,500 m2) -> 0.
    EXPECT_EQ(values["F"], (std::pair<std::string, std::string>{"1", "0"}));
    EXPECT_EQ(values["T"].first, "0");
    EXPECT_EQ(values["O"].first, "");
}

TEST(AssessOutputs, KeepFieldsThatAreMissingOrAlreadyColumnsAreErrors) {
    {
        ThaiCity city("[name]");
        const auto r = city.assess();
        EXPECT_EQ(r.exit_code, 1);
        EXPECT_NE(r.err.find("city.yaml:"), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("\"name\" is already a column"), std::string::npos) << r.err;
    }
    {
        ThaiCity city("[green_share]");
        EXPECT_NE(city.assess().err.find("\"green_share\" is already a column"), std::string::npos);
    }
    {
        ThaiCity city("[tambon]");
        const auto r = city.assess();
        EXPECT_EQ(r.exit_code, 1);
        EXPECT_NE(r.err.find("\"tambon\" not found"), std::string::npos) << r.err;
    }
}

TEST(AssessOutputs, ZonesLayerHasAQgisDefaultStyleAndColumnTitles) {
    ThaiCity city;
    ASSERT_EQ(city.assess().exit_code, 0);
    auto ds = open_gpkg(city.gpkg());
    ASSERT_TRUE(ds);
    // One style for the zones layer, as QGIS looks it up (schema '', geometry column geom).
    const auto styles = query(*ds,
                              "SELECT f_table_catalog, f_table_schema, f_table_name, "
                              "f_geometry_column, styleName, useAsDefault, "
                              "instr(styleQML, 'type=\"graduatedSymbol\"') > 0, "
                              "instr(styleQML, 'attr=\"green_m2_per_capita\"') > 0, "
                              "instr(styleSLD, '<se:Rule>') > 0 FROM layer_styles");
    ASSERT_EQ(styles.size(), 1u);
    EXPECT_EQ(styles[0],
              (std::vector<std::string>{"", "", "zones", "geom", "GreenGauge green per capita", "1",
                                        "1", "1", "1"}));
    // layer_styles is a GeoPackage attributes table, as QGIS creates it.
    EXPECT_EQ(query(*ds, "SELECT data_type FROM gpkg_contents WHERE table_name = 'layer_styles'"),
              (std::vector<std::vector<std::string>>{{"attributes"}}));
    // Titles: the id and the unit of the README's table ("1" units get none).
    const auto titles = query(*ds,
                              "SELECT column_name, title FROM gpkg_data_columns WHERE "
                              "table_name = 'zones' AND column_name IN ('green_m2_per_capita', "
                              "'green_share', 'population') ORDER BY column_name");
    EXPECT_EQ(titles, (std::vector<std::vector<std::string>>{
                          {"green_m2_per_capita", "green_m2_per_capita [m2/person]"},
                          {"green_share", "green_share"},
                          {"population", "population [persons]"}}));
    const auto description = query(
        *ds, "SELECT description FROM gpkg_data_columns WHERE column_name = 'green_m2_per_capita'");
    ASSERT_EQ(description.size(), 1u);
    EXPECT_NE(description[0][0].find("unit: m2/person"), std::string::npos) << description[0][0];
    // The kept and id columns are no metrics: no entry.
    EXPECT_TRUE(query(*ds,
                      "SELECT 1 FROM gpkg_data_columns WHERE column_name IN ('code', "
                      "'name', 'amphoe')")
                    .empty());
    EXPECT_EQ(query(*ds,
                    "SELECT extension_name FROM gpkg_extensions WHERE table_name = "
                    "'gpkg_data_columns'"),
              (std::vector<std::vector<std::string>>{{"gpkg_schema"}}));
}

TEST(AssessOutputs, ARerunReplacesItsOwnStyleAndKeepsTheUsersDefault) {
    ThaiCity city;
    ASSERT_EQ(city.assess().exit_code, 0);
    {
        // What QGIS writes when the user saves a style of their own as the default.
        auto ds = open_gpkg(city.gpkg(), /*update=*/true);
        ASSERT_TRUE(ds);
        ds->ExecuteSQL("UPDATE layer_styles SET update_time = '2020-01-01T00:00:00Z'", nullptr,
                       nullptr);
        ds->ExecuteSQL(
            "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, "
            "f_geometry_column, styleName, styleQML, useAsDefault) VALUES ('', '', 'zones', "
            "'geom', 'mine', '<qgis/>', 1)",
            nullptr, nullptr);
    }
    const auto r = city.assess();
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto ds = open_gpkg(city.gpkg());
    ASSERT_TRUE(ds);
    const auto styles = query(*ds,
                              "SELECT styleName, useAsDefault, styleName = 'mine' OR "
                              "update_time > '2021' FROM layer_styles ORDER BY styleName");
    EXPECT_EQ(styles, (std::vector<std::vector<std::string>>{
                          {"GreenGauge green per capita", "0", "1"},  // replaced, not default
                          {"mine", "1", "1"}}));
}

TEST(AssessOutputs, TwoRunsAppendTheirZoneMetricsToTheHistory) {
    ThaiCity city;
    ASSERT_EQ(city.assess().exit_code, 0);
    const std::string first_csv = read_text(city.out + "/city.csv");
    ASSERT_EQ(city.assess().exit_code, 0);
    const Table runs = read_table(city.gpkg(), "runs");
    ASSERT_EQ(runs.rows.size(), 2u);
    const Table zm = read_table(city.gpkg(), "zone_metrics");
    std::vector<std::string> names;
    for (const auto& c : zm.columns) names.push_back(c.name);
    EXPECT_EQ(names, (std::vector<std::string>{"run_id", "zone_id", "metric", "value", "reason"}));

    // The metric columns of the zones CSV: all but code, name and the two kept fields.
    const auto header = csv_header(first_csv.substr(3));
    const std::set<std::string> metrics(header.begin() + 4, header.end());
    ASSERT_EQ(zm.rows.size(), 2 * 4 * metrics.size());
    std::map<std::string, int> rows_per_run;
    std::map<std::tuple<std::string, std::string, std::string>, std::pair<Cell, Cell>> cell;
    for (const auto& row : zm.rows) {
        const auto run = std::get<std::string>(row[0]);
        ++rows_per_run[run];
        EXPECT_TRUE(metrics.count(std::get<std::string>(row[2]))) << std::get<std::string>(row[2]);
        cell[{run, std::get<std::string>(row[1]), std::get<std::string>(row[2])}] = {row[3],
                                                                                     row[4]};
    }
    // Each run's id, as the runs table has it, with one row per zone and metric.
    for (const auto& run : runs.rows)
        EXPECT_EQ(rows_per_run[std::get<std::string>(run[0])],
                  static_cast<int>(4 * metrics.size()));
    const std::string second = std::get<std::string>(runs.rows[1][0]);
    // From the city's description: F all green (share 1), 100 residents; O outside the image.
    const auto at = [&](const char* zone, const char* metric) {
        return cell[std::make_tuple(second, std::string(zone), std::string(metric))];
    };
    EXPECT_EQ(at("F", "green_share").first, Cell(1.0));
    EXPECT_EQ(at("F", "population").first, Cell(100.0));
    EXPECT_EQ(at("O", "green_share").first, Cell());
    EXPECT_EQ(at("O", "green_share").second, Cell(std::string("zone outside the image")));
    EXPECT_EQ(at("F", "green_share").second, Cell());
}

}  // namespace
}  // namespace gg::test
