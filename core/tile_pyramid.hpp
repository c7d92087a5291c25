#pragma once
// Cuts a raster that arrives as windows into square tiles and builds its overview pyramid on the
// way, holding only the rows of tiles still being filled: each level keeps one row of tiles per
// band (two while windows straddle a tile-row boundary). A tile is handed to the sink as soon as
// every pixel of it is known; when a whole row of tiles of a level is complete it is averaged 2 x 2
// (core/downsample.hpp) into the next level and released.
#include <cstdint>
#include <functional>
#include <map>
#include <vector>

#include "core/downsample.hpp"
#include "core/grid.hpp"

namespace gg {

// A complete tile, read in place from its row of tiles: valid during the sink's call only.
struct TileRef {
    int level = 0;                // 0 = full resolution
    int band = 0;                 // 0-based
    int64_t index = 0;            // row-major among the tiles of the level
    const float* data = nullptr;  // the tile's top-left pixel
    int64_t stride = 0;           // values from one row of the tile to the next
    int64_t cols = 0;             // the pixels of the tile inside the level (<= block)
    int64_t rows = 0;
};

class TilePyramid {
  public:
    using Sink = std::function<void(const TileRef&)>;

    // block must be even (each tile row of a level halves into whole rows of the next).
    // classes: overviews take the first valid value of each 2 x 2 block (class codes), not
    // their average (first_valid_2x2_row).
    TilePyramid(LevelSize full, int bands, int64_t block, float nodata, Sink sink,
                bool classes = false);

    const std::vector<LevelSize>& levels() const { return levels_; }
    int64_t tiles_across(int level) const;
    int64_t tiles_down(int level) const;

    // Values row-major over w (a window of the full-resolution level), band 0-based. Throws
    // gg::Error for a window outside the grid or a pixel written twice.
    void write(int band, const Window& w, const float* values);

    // Completes every tile: pixels never written are nodata.
    void finish();

  private:
    struct TileRow {
        std::vector<float> values;      // rows x level cols, nodata until written
        std::vector<int64_t> filled;    // pixels written, per tile of the row
        std::vector<char> sent;         // handed to the sink, per tile
        std::vector<uint64_t> written;  // full resolution only: a bit per pixel written
        int64_t tiles_sent = 0;
    };
    struct Plane {                        // one band of one level
        std::map<int64_t, TileRow> open;  // tile row -> its tiles being filled
        std::vector<char> done;           // per tile row
    };

    int64_t rows_in(int level, int64_t tile_row) const;
    TileRow& open_row(int level, int band, int64_t tile_row);
    // Marks [col0, col0 + cols) of a row of a full-resolution tile row as written; throws when a
    // pixel already was (counting alone would not see it before the tile overflows).
    void mark_written(TileRow& r, int band, int64_t row, int64_t row_in_tile_row, int64_t col0,
                      int64_t cols) const;
    // Counts the pixels [row0, row0 + rows) x [col0, col0 + cols) of a tile row (rows relative to
    // it) as written; sends completed tiles and closes the row once all are.
    void account(int level, int band, int64_t tile_row, int64_t row0, int64_t rows, int64_t col0,
                 int64_t cols);
    void send(int level, int band, int64_t tile_row, int64_t tile_col, TileRow& r);
    void close_row(int level, int band, int64_t tile_row);
    void average_into_next(int level, int band, int64_t tile_row, const std::vector<float>& values);

    std::vector<LevelSize> levels_;
    int bands_;
    int64_t block_;
    float nodata_;
    Sink sink_;
    bool classes_ = false;
    std::vector<std::vector<Plane>> planes_;  // [level][band]
    // Closed rows, reused for the next rows: allocating 20 MB rows afresh each time fragments the
    // heap (resident memory grows) or, when mapped, costs page faults.
    std::vector<std::vector<float>> spares_;
};

}  // namespace gg
