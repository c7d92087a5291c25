#include "gis/cog_tile_store.hpp"

#include <fcntl.h>
#include <sys/uio.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <vector>

#include "core/error.hpp"

namespace gg {

namespace {

std::array<uint8_t, 4> le32(uint32_t v) {
    return {static_cast<uint8_t>(v), static_cast<uint8_t>(v >> 8), static_cast<uint8_t>(v >> 16),
            static_cast<uint8_t>(v >> 24)};
}

}  // namespace

TileStore::TileStore(const std::string& path) : path_(path) {
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd_ < 0)
        throw Error("cannot create the temporary tile file '" + path +
                    "': " + std::strerror(errno));
}

TileStore::~TileStore() {
    if (fd_ >= 0) ::close(fd_);
}

TileStore::Record TileStore::append(const uint8_t* data, size_t size) {
    const auto n = static_cast<uint32_t>(size);
    const std::array<uint8_t, 4> leader = le32(n);
    std::array<uint8_t, 4> trailer{};
    if (size >= 4) std::memcpy(trailer.data(), data + size - 4, 4);
    const uint64_t total = 4 + uint64_t{n} + (size >= 4 ? 4 : 0);
    uint64_t at = 0;
    {
        std::lock_guard lock(m_);  // reserve the place; the writes run in parallel
        at = end_;
        end_ += total;
    }
    iovec parts[3] = {{const_cast<uint8_t*>(leader.data()), 4},
                      {const_cast<uint8_t*>(data), size},
                      {trailer.data(), size >= 4 ? 4u : 0u}};
    uint64_t done = 0;
    while (done < total) {
        // pwritev may write part of it: skip what is written and go on.
        iovec rest[3];
        int count = 0;
        uint64_t skip = done;
        for (const iovec& p : parts) {
            if (skip >= p.iov_len) {
                skip -= p.iov_len;
                continue;
            }
            rest[count++] = {static_cast<uint8_t*>(p.iov_base) + skip, p.iov_len - skip};
            skip = 0;
        }
        const ssize_t w = ::pwritev(fd_, rest, count, static_cast<off_t>(at + done));
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0)
            throw Error("cannot write the temporary tile file '" + path_ +
                        "': " + std::strerror(w < 0 ? errno : ENOSPC));
        done += static_cast<uint64_t>(w);
    }
    return {at + 4, n};
}

void TileStore::copy_to(const Record& r, uint64_t bytes, int fd, uint64_t at) const {
    auto fail = [&](int err) {
        return Error("cannot copy from the temporary tile file '" + path_ +
                     "': " + std::strerror(err));
    };
    auto in = static_cast<off_t>(r.offset);
    auto out = static_cast<off_t>(at);
    uint64_t left = bytes;
    bool kernel = true;  // copy_file_range, unless the file systems refuse it
    std::vector<uint8_t> buffer;
    while (left > 0) {
        if (kernel) {
            const ssize_t n = ::copy_file_range(fd_, &in, fd, &out, left, 0);
            if (n > 0) {
                left -= static_cast<uint64_t>(n);
                continue;
            }
            if (n < 0 && errno == EINTR) continue;
            if (n < 0 && errno != EXDEV && errno != ENOSYS && errno != EINVAL &&
                errno != EOPNOTSUPP)
                throw fail(errno);
            if (n == 0) throw fail(EIO);  // the store is shorter than written
            kernel = false;
        }
        buffer.resize(left);
        const ssize_t got = ::pread(fd_, buffer.data(), left, in);
        if (got <= 0) throw fail(got < 0 ? errno : EIO);
        size_t done = 0;
        while (done < static_cast<size_t>(got)) {
            const ssize_t w = ::pwrite(fd, buffer.data() + done, static_cast<size_t>(got) - done,
                                       out + static_cast<off_t>(done));
            if (w < 0 && errno == EINTR) continue;
            if (w <= 0) throw fail(w < 0 ? errno : ENOSPC);
            done += static_cast<size_t>(w);
        }
        in += got;
        out += got;
        left -= static_cast<uint64_t>(got);
    }
}

void OrderedTileAppender::put(int64_t number, const uint8_t* data, size_t size,
                              TileStore::Record* slot) {
    std::lock_guard lock(m_);  // held while writing: the store's order is the call order
    if (number != next_) {
        early_.emplace(number, std::make_pair(std::vector<uint8_t>(data, data + size), slot));
        return;
    }
    *slot = store_.append(data, size);
    ++next_;
    for (auto it = early_.begin(); it != early_.end() && it->first == next_;
         it = early_.erase(it), ++next_)
        *it->second.second = store_.append(it->second.first.data(), it->second.first.size());
    if (to_disk_) hand_to_disk();
}

void OrderedTileAppender::hand_to_disk() {
    // In steps of 32 MB: enough for the disk to write in large runs, small enough that the
    // last step is quick to wait for.
    constexpr uint64_t kStep = uint64_t{32} << 20;
    const uint64_t end = store_.bytes();
    if (end - handed_ < kStep) return;
    // Only a hint: where it fails (not supported), the data is written later all the same.
    ::sync_file_range(store_.fd(), static_cast<off64_t>(handed_),
                      static_cast<off64_t>(end - handed_), SYNC_FILE_RANGE_WRITE);
    handed_ = end;
}

int64_t OrderedTileAppender::written() const {
    std::lock_guard lock(m_);
    return next_;
}

}  // namespace gg
