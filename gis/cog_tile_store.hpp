#pragma once
// The compressed tiles of a COG being written, in the order they were compressed, in a temporary
// file beside the output: the final file needs the smallest overview first, which is known last.
// Each tile is stored as the final file holds it (GDAL's COG layout): its size as a little-endian
// uint32, the bytes, then their last 4 bytes repeated.
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace gg {

class TileStore {
  public:
    struct Record {
        uint64_t offset = 0;  // of the tile's bytes (after the size) in the store
        uint32_t size = 0;    // of the tile's bytes
    };

    // Creates the file (the caller removes it); throws gg::Error naming the reason.
    explicit TileStore(const std::string& path);
    ~TileStore();
    TileStore(const TileStore&) = delete;
    TileStore& operator=(const TileStore&) = delete;

    // Thread-safe. Throws gg::Error when the write fails (disk full...).
    Record append(const uint8_t* data, size_t size);

    // A tile as stored: its size, its bytes, their last 4 bytes (when there are 4). Call once
    // every append has returned. Throws gg::Error when the read fails.
    void read(const Record& r, std::vector<uint8_t>& out) const;
    uint64_t bytes() const { return end_; }

  private:
    std::string path_;
    int fd_ = -1;
    std::mutex m_;
    uint64_t end_ = 0;
};

}  // namespace gg
