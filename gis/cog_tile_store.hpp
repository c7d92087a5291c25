#pragma once
// The compressed tiles of a COG being written, in the order they were compressed, in a temporary
// file beside the output: the final file needs the smallest overview first, which is known last.
// Each tile is stored as the final file holds it (GDAL's COG layout): its size as a little-endian
// uint32, the bytes, then their last 4 bytes repeated.
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>
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

    // Copies `bytes` bytes from the start of a tile's bytes (its trailer follows them) into fd at
    // offset `at`, inside the kernel where it can. Call once every append has returned. Throws
    // gg::Error when the copy fails.
    void copy_to(const Record& r, uint64_t bytes, int fd, uint64_t at) const;
    uint64_t bytes() const { return end_; }
    int fd() const { return fd_; }
    const std::string& path() const { return path_; }

  private:
    std::string path_;
    int fd_ = -1;
    std::mutex m_;
    uint64_t end_ = 0;
};

// Appends tiles to a TileStore in the order of their numbers 0, 1, 2... whatever order they are
// compressed in (on several threads): a tile that comes early waits in memory for the ones before
// it (a few, as tiles are handed out in order). The store then holds the tiles as the COG's
// full-resolution tail, in file order.
class OrderedTileAppender {
  public:
    // to_disk: start writing the tiles to disk as they come (sync_file_range, without waiting),
    // for a file that will have to be on disk anyway (assemble_cog_in_place).
    explicit OrderedTileAppender(TileStore& store, bool to_disk = false)
        : store_(store), to_disk_(to_disk) {}

    // Thread-safe. *slot receives the tile's record once the tile is written (now, or when the
    // tiles before it are). Throws gg::Error when a write fails.
    void put(int64_t number, const uint8_t* data, size_t size, TileStore::Record* slot);
    int64_t written() const;  // tiles 0 .. written() - 1 are in the store

  private:
    void hand_to_disk();

    TileStore& store_;
    bool to_disk_ = false;
    uint64_t handed_ = 0;  // bytes handed to the disk so far
    mutable std::mutex m_;
    int64_t next_ = 0;
    std::map<int64_t, std::pair<std::vector<uint8_t>, TileStore::Record*>> early_;
};

}  // namespace gg
