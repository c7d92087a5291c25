// Tiles and overviews from windows: with tiles of 4 x 4 a 13 x 11 raster has levels 13 x 11,
// 7 x 6 and 4 x 3; every tile must come out once, with the values written (level 0) or their
// 2 x 2 averages (the overviews), whatever the shape of the windows.
#include "core/tile_pyramid.hpp"

#include <gtest/gtest.h>

#include <map>
#include <tuple>
#include <vector>

#include "core/error.hpp"

namespace gg {
namespace {

constexpr float N = -9999;
constexpr int64_t kBlock = 4;

using Key = std::tuple<int, int, int64_t>;  // level, band, tile

struct Collected {
    std::map<Key, std::vector<float>> tiles;  // the valid pixels, row-major
    int duplicates = 0;
};

TilePyramid::Sink collect(Collected& c) {
    return [&c](const TileRef& t) {
        std::vector<float> v;
        for (int64_t r = 0; r < t.rows; ++r)
            for (int64_t k = 0; k < t.cols; ++k) v.push_back(t.data[r * t.stride + k]);
        if (!c.tiles.emplace(Key{t.level, t.band, t.index}, v).second) ++c.duplicates;
    };
}

// A raster with some nodata; value(b, r, c).
float value(int band, int64_t r, int64_t c) {
    if ((r * 7 + c * 3) % 5 == 0) return N;
    return static_cast<float>(band * 1000 + r * 13 + c) + 0.25f;
}

// The level below, by plain loops (what GDAL's AVERAGE does on an exact 2 x 2 reduction).
std::vector<float> halve(const std::vector<float>& v, int64_t cols, int64_t rows) {
    const int64_t hc = (cols + 1) / 2, hr = (rows + 1) / 2;
    std::vector<float> out(static_cast<size_t>(hc * hr));
    for (int64_t r = 0; r < hr; ++r)
        for (int64_t c = 0; c < hc; ++c) {
            double sum = 0;
            int n = 0;
            for (int64_t dr = 0; dr < 2; ++dr)
                for (int64_t dc = 0; dc < 2; ++dc) {
                    const int64_t rr = 2 * r + dr, cc = 2 * c + dc;
                    if (rr >= rows || cc >= cols) continue;
                    const float x = v[static_cast<size_t>(rr * cols + cc)];
                    if (x == N) continue;
                    sum += x;
                    ++n;
                }
            out[static_cast<size_t>(r * hc + c)] = n ? static_cast<float>(sum / n) : N;
        }
    return out;
}

// The tile (tc, tr) of a whole level.
std::vector<float> tile_of(const std::vector<float>& v, int64_t cols, int64_t rows, int64_t tc,
                           int64_t tr) {
    std::vector<float> out;
    for (int64_t r = tr * kBlock; r < std::min(rows, (tr + 1) * kBlock); ++r)
        for (int64_t c = tc * kBlock; c < std::min(cols, (tc + 1) * kBlock); ++c)
            out.push_back(v[static_cast<size_t>(r * cols + c)]);
    return out;
}

void write_in_windows(TilePyramid& p, int bands, int64_t cols, int64_t rows, int64_t wc,
                      int64_t wr) {
    for (int64_t r0 = 0; r0 < rows; r0 += wr)
        for (int64_t c0 = 0; c0 < cols; c0 += wc)
            for (int b = 0; b < bands; ++b) {
                const Window w{c0, r0, std::min(wc, cols - c0), std::min(wr, rows - r0)};
                std::vector<float> v;
                for (int64_t r = w.row0; r < w.row_end(); ++r)
                    for (int64_t c = w.col0; c < w.col_end(); ++c) v.push_back(value(b, r, c));
                p.write(b, w, v.data());
            }
}

void expect_every_tile(const Collected& got, const TilePyramid& p, int bands) {
    EXPECT_EQ(got.duplicates, 0);
    size_t expected = 0;
    for (int b = 0; b < bands; ++b) {
        int64_t cols = p.levels()[0].cols, rows = p.levels()[0].rows;
        std::vector<float> level;
        for (int64_t r = 0; r < rows; ++r)
            for (int64_t c = 0; c < cols; ++c) level.push_back(value(b, r, c));
        for (int l = 0; l < static_cast<int>(p.levels().size()); ++l) {
            ASSERT_EQ(cols, p.levels()[static_cast<size_t>(l)].cols);
            ASSERT_EQ(rows, p.levels()[static_cast<size_t>(l)].rows);
            for (int64_t tr = 0; tr < p.tiles_down(l); ++tr)
                for (int64_t tc = 0; tc < p.tiles_across(l); ++tc) {
                    ++expected;
                    const auto it = got.tiles.find(Key{l, b, tr * p.tiles_across(l) + tc});
                    ASSERT_NE(it, got.tiles.end()) << "level " << l << " tile " << tc << "," << tr;
                    EXPECT_EQ(it->second, tile_of(level, cols, rows, tc, tr))
                        << "band " << b << " level " << l << " tile " << tc << "," << tr;
                }
            level = halve(level, cols, rows);
            cols = (cols + 1) / 2;
            rows = (rows + 1) / 2;
        }
    }
    EXPECT_EQ(got.tiles.size(), expected);
}

TEST(TilePyramid, LevelsAndTileCounts) {
    Collected c;
    const TilePyramid p({13, 11}, 1, kBlock, N, collect(c));
    ASSERT_EQ(p.levels().size(), 3u);
    EXPECT_EQ(p.levels()[1].cols, 7);
    EXPECT_EQ(p.levels()[1].rows, 6);
    EXPECT_EQ(p.levels()[2].cols, 4);
    EXPECT_EQ(p.levels()[2].rows, 3);
    EXPECT_EQ(p.tiles_across(0), 4);
    EXPECT_EQ(p.tiles_down(0), 3);
    EXPECT_EQ(p.tiles_across(2), 1);
}

TEST(TilePyramid, TileAlignedWindowsGiveEveryTileAndAverage) {
    Collected c;
    TilePyramid p({13, 11}, 1, kBlock, N, collect(c));
    write_in_windows(p, 1, 13, 11, 8, 4);
    // Every tile is out before finish(): nothing was waiting for it.
    EXPECT_EQ(c.tiles.size(), 12u + 4u + 1u);
    p.finish();
    expect_every_tile(c, p, 1);
}

TEST(TilePyramid, OddWindowsAcrossTileBoundaries) {
    for (const auto& [wc, wr] : std::vector<std::pair<int64_t, int64_t>>{
             {5, 3}, {13, 1}, {3, 7}, {1, 1}, {13, 11}, {6, 5}}) {
        Collected c;
        TilePyramid p({13, 11}, 2, kBlock, N, collect(c));
        write_in_windows(p, 2, 13, 11, wc, wr);
        p.finish();
        SCOPED_TRACE("windows " + std::to_string(wc) + " x " + std::to_string(wr));
        expect_every_tile(c, p, 2);
    }
}

TEST(TilePyramid, PixelsNeverWrittenAreNodata) {
    Collected c;
    TilePyramid p({6, 5}, 1, kBlock, N, collect(c));
    const std::vector<float> v(6, 1.0f);
    p.write(0, Window{0, 0, 6, 1}, v.data());  // first row only
    p.finish();
    const std::vector<float>& t = c.tiles.at(Key{0, 0, 0});
    ASSERT_EQ(t.size(), 16u);
    EXPECT_EQ(t[0], 1.0f);
    EXPECT_EQ(t[4], N);
    EXPECT_EQ(c.tiles.at(Key{0, 0, 3}), std::vector<float>(2, N));  // 2 x 1 corner tile
    EXPECT_EQ(c.tiles.at(Key{1, 0, 0})[0], 1.0f);  // (1 + 1) / 2 over the valid half
    EXPECT_EQ(c.tiles.at(Key{1, 0, 0})[3], N);
}

TEST(TilePyramid, BadWindowsAreErrors) {
    Collected c;
    TilePyramid p({6, 5}, 1, kBlock, N, collect(c));
    const std::vector<float> v(30, 1.0f);
    EXPECT_THROW(p.write(0, Window{4, 0, 3, 1}, v.data()), Error);  // past the right edge
    EXPECT_THROW(p.write(1, Window{0, 0, 1, 1}, v.data()), Error);  // no band 2
    p.write(0, Window{0, 0, 2, 2}, v.data());
    EXPECT_THROW(p.write(0, Window{1, 1, 2, 2}, v.data()), Error);  // (1, 1) twice, tile open
    TilePyramid q({6, 5}, 1, kBlock, N, collect(c));
    q.write(0, Window{0, 0, 6, 5}, v.data());
    EXPECT_THROW(q.write(0, Window{0, 0, 1, 1}, v.data()), Error);  // twice, tile done
}

}  // namespace
}  // namespace gg
