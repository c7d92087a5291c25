#include "core/tile_pyramid.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "core/error.hpp"

namespace gg {

TilePyramid::TilePyramid(LevelSize full, int bands, int64_t block, float nodata, Sink sink,
                         bool classes)
    : levels_(pyramid_levels(full, block)),
      bands_(bands),
      block_(block),
      nodata_(nodata),
      sink_(std::move(sink)),
      classes_(classes) {
    if (block <= 0 || block % 2 != 0) throw Error("tile size must be even and positive");
    if (bands <= 0 || full.cols <= 0 || full.rows <= 0) throw Error("empty raster");
    planes_.resize(levels_.size());
    for (size_t l = 0; l < levels_.size(); ++l) {
        planes_[l].resize(static_cast<size_t>(bands));
        for (auto& p : planes_[l])
            p.done.assign(static_cast<size_t>(tiles_down(static_cast<int>(l))), 0);
    }
}

int64_t TilePyramid::tiles_across(int level) const {
    return (levels_[static_cast<size_t>(level)].cols + block_ - 1) / block_;
}

int64_t TilePyramid::tiles_down(int level) const {
    return (levels_[static_cast<size_t>(level)].rows + block_ - 1) / block_;
}

int64_t TilePyramid::rows_in(int level, int64_t tile_row) const {
    return std::min(block_, levels_[static_cast<size_t>(level)].rows - tile_row * block_);
}

TilePyramid::TileRow& TilePyramid::open_row(int level, int band, int64_t tile_row) {
    Plane& p = planes_[static_cast<size_t>(level)][static_cast<size_t>(band)];
    if (p.done[static_cast<size_t>(tile_row)])
        throw Error("rows " + std::to_string(tile_row * block_) + ".." +
                    std::to_string(tile_row * block_ + rows_in(level, tile_row) - 1) + " of band " +
                    std::to_string(band + 1) + " were already written");
    auto [it, added] = p.open.try_emplace(tile_row);
    TileRow& r = it->second;
    if (added) {
        const auto cols = static_cast<size_t>(levels_[static_cast<size_t>(level)].cols);
        const size_t n = static_cast<size_t>(rows_in(level, tile_row)) * cols;
        auto spare = std::find_if(spares_.begin(), spares_.end(),
                                  [n](const std::vector<float>& v) { return v.size() == n; });
        if (spare != spares_.end()) {
            r.values = std::move(*spare);
            spares_.erase(spare);
            std::fill(r.values.begin(), r.values.end(), nodata_);
        } else {
            r.values.assign(n, nodata_);
        }
        r.filled.assign(static_cast<size_t>(tiles_across(level)), 0);
        if (level == 0) {
            const auto words = (static_cast<size_t>(rows_in(0, tile_row)) * cols + 63) / 64;
            r.written.assign(words, 0);
        }
        r.sent.assign(static_cast<size_t>(tiles_across(level)), 0);
    }
    return r;
}

void TilePyramid::write(int band, const Window& w, const float* values) {
    if (band < 0 || band >= bands_)
        throw Error("band " + std::to_string(band + 1) + " of " + std::to_string(bands_) +
                    " does not exist");
    const LevelSize& full = levels_.front();
    if (w.empty()) return;
    if (w.col0 < 0 || w.row0 < 0 || w.col_end() > full.cols || w.row_end() > full.rows)
        throw Error("window " + std::to_string(w.cols) + " x " + std::to_string(w.rows) + " at (" +
                    std::to_string(w.col0) + ", " + std::to_string(w.row0) +
                    ") is outside the raster");
    for (int64_t tr = w.row0 / block_; tr * block_ < w.row_end(); ++tr) {
        TileRow& r = open_row(0, band, tr);
        const int64_t r0 = std::max(w.row0, tr * block_);
        const int64_t r1 = std::min(w.row_end(), (tr + 1) * block_);
        for (int64_t row = r0; row < r1; ++row) {
            mark_written(r, band, row, row - tr * block_, w.col0, w.cols);
            std::memcpy(r.values.data() + (row - tr * block_) * full.cols + w.col0,
                        values + (row - w.row0) * w.cols,
                        static_cast<size_t>(w.cols) * sizeof(float));
        }
        account(0, band, tr, r0 - tr * block_, r1 - r0, w.col0, w.cols);
    }
}

void TilePyramid::mark_written(TileRow& r, int band, int64_t row, int64_t row_in_tile_row,
                               int64_t col0, int64_t cols) const {
    const auto first = static_cast<uint64_t>(row_in_tile_row * levels_.front().cols + col0);
    const uint64_t end = first + static_cast<uint64_t>(cols);
    for (uint64_t bit = first; bit < end;) {
        const uint64_t word = bit / 64, lo = bit % 64;
        const uint64_t n = std::min<uint64_t>(64 - lo, end - bit);
        const uint64_t mask = (n == 64 ? ~uint64_t{0} : ((uint64_t{1} << n) - 1)) << lo;
        if (r.written[word] & mask)
            throw Error("a pixel of row " + std::to_string(row) + " of band " +
                        std::to_string(band + 1) + " was written twice");
        r.written[word] |= mask;
        bit += n;
    }
}

void TilePyramid::account(int level, int band, int64_t tile_row, int64_t row0, int64_t rows,
                          int64_t col0, int64_t cols) {
    TileRow& r = planes_[static_cast<size_t>(level)][static_cast<size_t>(band)].open.at(tile_row);
    const int64_t level_cols = levels_[static_cast<size_t>(level)].cols;
    const int64_t height = rows_in(level, tile_row);
    for (int64_t tc = col0 / block_; tc * block_ < col0 + cols; ++tc) {
        const int64_t c0 = std::max(col0, tc * block_);
        const int64_t c1 = std::min(col0 + cols, (tc + 1) * block_);
        int64_t& f = r.filled[static_cast<size_t>(tc)];
        f += (c1 - c0) * rows;
        const int64_t area = height * (std::min(level_cols, (tc + 1) * block_) - tc * block_);
        if (f > area || r.sent[static_cast<size_t>(tc)])
            throw Error("a pixel of rows " + std::to_string(tile_row * block_ + row0) + ".." +
                        std::to_string(tile_row * block_ + row0 + rows - 1) + " of band " +
                        std::to_string(band + 1) + " was written twice");
        if (f == area) send(level, band, tile_row, tc, r);
    }
    if (r.tiles_sent == tiles_across(level)) close_row(level, band, tile_row);
}

void TilePyramid::send(int level, int band, int64_t tile_row, int64_t tile_col, TileRow& r) {
    const int64_t level_cols = levels_[static_cast<size_t>(level)].cols;
    TileRef t;
    t.level = level;
    t.band = band;
    t.index = tile_row * tiles_across(level) + tile_col;
    t.data = r.values.data() + tile_col * block_;
    t.stride = level_cols;
    t.cols = std::min(block_, level_cols - tile_col * block_);
    t.rows = rows_in(level, tile_row);
    r.sent[static_cast<size_t>(tile_col)] = 1;
    ++r.tiles_sent;
    sink_(t);
}

void TilePyramid::close_row(int level, int band, int64_t tile_row) {
    Plane& p = planes_[static_cast<size_t>(level)][static_cast<size_t>(band)];
    std::vector<float> values = std::move(p.open.at(tile_row).values);
    p.done[static_cast<size_t>(tile_row)] = 1;
    p.open.erase(tile_row);
    if (static_cast<size_t>(level + 1) < levels_.size())
        average_into_next(level, band, tile_row, values);
    if (spares_.size() < levels_.size() * static_cast<size_t>(bands_))
        spares_.push_back(std::move(values));
}

void TilePyramid::average_into_next(int level, int band, int64_t tile_row,
                                    const std::vector<float>& values) {
    // block_ is even: this tile row averages into whole rows of one tile row of the next level.
    const int next = level + 1;
    const int64_t cols = levels_[static_cast<size_t>(level)].cols;
    const int64_t next_cols = levels_[static_cast<size_t>(next)].cols;
    const int64_t height = rows_in(level, tile_row);
    const int64_t next_row0 = tile_row * block_ / 2;  // in the next level
    const int64_t next_tile_row = next_row0 / block_;
    TileRow& r = open_row(next, band, next_tile_row);
    const int64_t out_rows = (height + 1) / 2;
    for (int64_t i = 0; i < out_rows; ++i) {
        const float* top = values.data() + 2 * i * cols;
        const float* bottom = 2 * i + 1 < height ? top + cols : nullptr;
        float* out = r.values.data() + (next_row0 - next_tile_row * block_ + i) * next_cols;
        if (classes_)
            first_valid_2x2_row(top, bottom, cols, nodata_, out);
        else
            average_2x2_row(top, bottom, cols, nodata_, out);
    }
    account(next, band, next_tile_row, next_row0 - next_tile_row * block_, out_rows, 0, next_cols);
}

void TilePyramid::finish() {
    // Closing every full-resolution row fills the next level completely, and so on down.
    for (int band = 0; band < bands_; ++band)
        for (int64_t tr = 0; tr < tiles_down(0); ++tr) {
            if (planes_[0][static_cast<size_t>(band)].done[static_cast<size_t>(tr)]) continue;
            TileRow& r = open_row(0, band, tr);
            for (int64_t tc = 0; tc < tiles_across(0); ++tc)
                if (!r.sent[static_cast<size_t>(tc)]) send(0, band, tr, tc, r);
            close_row(0, band, tr);
        }
}

}  // namespace gg
