// TileStore records and OrderedTileAppender's file order, read back byte for byte.
#include "gis/cog_tile_store.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/run_command.hpp"

namespace gg::test {
namespace {

std::vector<uint8_t> tile(uint8_t fill, size_t n) {
    return std::vector<uint8_t>(n, fill);
}

// size as a little-endian uint32, the bytes, their last 4 bytes again (GDAL's COG tile layout).
std::string stored(const std::vector<uint8_t>& t) {
    std::string s;
    for (int k = 0; k < 4; ++k) s.push_back(static_cast<char>((t.size() >> (8 * k)) & 0xFF));
    s.append(t.begin(), t.end());
    s.append(t.end() - 4, t.end());
    return s;
}

TEST(OrderedTileAppender, TilesLandInNumberOrderWhateverOrderTheyCome) {
    TempDir dir;
    TileStore store(dir.file("tiles"));
    OrderedTileAppender appender(store);
    const std::vector<std::vector<uint8_t>> tiles = {tile(0xA0, 10), tile(0xB1, 7), tile(0xC2, 12),
                                                     tile(0xD3, 5)};
    std::vector<TileStore::Record> records(tiles.size());
    // Tile 2 and 1 come before 0, tile 3 last: nothing is written until 0 is.
    appender.put(2, tiles[2].data(), tiles[2].size(), &records[2]);
    appender.put(1, tiles[1].data(), tiles[1].size(), &records[1]);
    EXPECT_EQ(appender.written(), 0);
    EXPECT_EQ(store.bytes(), 0u);
    appender.put(0, tiles[0].data(), tiles[0].size(), &records[0]);
    EXPECT_EQ(appender.written(), 3);
    appender.put(3, tiles[3].data(), tiles[3].size(), &records[3]);
    EXPECT_EQ(appender.written(), 4);

    // By hand: each tile takes 4 + size + 4 bytes, one after the other in number order.
    std::string want;
    uint64_t at = 0;
    for (size_t i = 0; i < tiles.size(); ++i) {
        EXPECT_EQ(records[i].offset, at + 4) << i;
        EXPECT_EQ(records[i].size, tiles[i].size()) << i;
        at += 8 + tiles[i].size();
        want += stored(tiles[i]);
    }
    EXPECT_EQ(store.bytes(), at);
    EXPECT_EQ(read_text(dir.file("tiles")), want);
}

}  // namespace
}  // namespace gg::test
