// data/landsat/marburg_grid.gpkg is derived, not fetched (scripts/make-landsat-grid.py): re-running
// the script must give the committed bytes, and its zones split by `half` as the batch demo does.
#include <gtest/gtest.h>

#include <cstdlib>

#include "gis/zone_reader.hpp"
#include "support/run_command.hpp"

namespace gg {
namespace {

TEST(LandsatGrid, TheBatchDemoGridIsReproducibleAndSplitsIntoTwoHalves) {
    const std::string data = GG_DATA_DIR;
    const std::string committed = data + "/landsat/marburg_grid.gpkg";
    test::TempDir dir;
    const std::string rebuilt = dir.file("grid.gpkg");
    const std::string cmd = "/usr/bin/python3 '" + data + "/../scripts/make-landsat-grid.py' '" +
                            rebuilt + "' > /dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    EXPECT_EQ(test::read_text(rebuilt), test::read_text(committed))
        << "re-run scripts/make-landsat-grid.py and commit data/landsat/marburg_grid.gpkg";

    ZoneLayerSpec spec{committed, "grid", "cell", "", "", {}};
    EXPECT_EQ(zone_field_values(spec, "half"), (std::vector<std::string>{"north", "south"}));
    spec.select_field = "half";
    spec.select_value = "south";
    const ZoneSet south = read_zones(spec, "");
    ASSERT_EQ(south.zones.size(), 2u);
    EXPECT_EQ(south.zones[0].id, "SW");
    EXPECT_EQ(south.zones[1].id, "SE");
    spec.select_value = "east";
    try {
        read_zones(spec, "");
        ADD_FAILURE() << "no zone has half = east";
    } catch (const std::exception& e) {
        EXPECT_NE(std::string(e.what()).find("has no feature with half = \"east\""),
                  std::string::npos)
            << e.what();
    }
}

}  // namespace
}  // namespace gg
