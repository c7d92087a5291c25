// UTF-8 CSV (RFC 4180, optionally after a byte order mark): strings are written byte for byte, so
// Thai names survive; numbers are exact and plain (core/number_format.hpp).
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/number_format.hpp"
#include "gis/table_writer.hpp"
#include "gis/table_writer_internal.hpp"

namespace gg {

namespace {

// RFC 4180: a field holding a comma, a quote, CR or LF is quoted, its quotes doubled.
void append_field(std::string& out, const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos) {
        out += text;
        return;
    }
    out += '"';
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

void append_integer(std::string& out, int64_t value) {
    char buf[32];
    const auto result = std::to_chars(buf, buf + sizeof buf, value);
    out.append(buf, result.ptr);
}

void append_cell(std::string& out, const Cell& cell) {
    std::visit(
        [&out](const auto& v) {
            using V = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<V, std::string>)
                append_field(out, v);
            else if constexpr (std::is_same_v<V, int64_t>)
                append_integer(out, v);
            else if constexpr (std::is_same_v<V, double>)
                append_plain_number(out, v);
        },
        cell);
}

// Writes everything or throws; the caller's AtomicOutput removes the partial file.
class File {
  public:
    File(const std::string& temp, const std::string& final_path) : final_(final_path) {
        fd_ = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd_ < 0) fail();
    }
    File(const File&) = delete;
    File& operator=(const File&) = delete;
    ~File() {
        if (fd_ >= 0) ::close(fd_);
    }
    void write(const std::string& data) {
        std::size_t done = 0;
        while (done < data.size()) {
            const ssize_t n = ::write(fd_, data.data() + done, data.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) fail();
            done += static_cast<std::size_t>(n);
        }
    }
    // fsync before the rename, so a crash cannot leave a renamed but empty file.
    void close() {
        if (::fsync(fd_) != 0) fail();
        const int fd = fd_;
        fd_ = -1;
        if (::close(fd) != 0) fail();
    }

  private:
    [[noreturn]] void fail() const {
        throw Error("cannot write '" + final_ + "': " + std::strerror(errno));
    }
    std::string final_;
    int fd_ = -1;
};

}  // namespace

struct CsvStream::State {
    std::string path;
    std::vector<Column> columns;
    AtomicOutput output;
    File file;
    std::string buffer;
    std::size_t rows = 0;

    State(const std::string& p, std::vector<Column> c)
        : path(p), columns(std::move(c)), output(p), file(output.temp_path(), p) {}
    void end_line() {
        buffer += "\r\n";  // RFC 4180 line break
        if (buffer.size() > (1u << 16)) {
            file.write(buffer);
            buffer.clear();
        }
    }
};

CsvStream::CsvStream(const std::string& path, std::vector<Column> columns,
                     const CsvOptions& options)
    : state_(std::make_unique<State>(path, std::move(columns))) {
    State& s = *state_;
    if (options.bom) s.buffer += "\xEF\xBB\xBF";
    for (std::size_t c = 0; c < s.columns.size(); ++c) {
        if (c > 0) s.buffer += ',';
        append_field(s.buffer, s.columns[c].name);
    }
    s.end_line();
}

CsvStream::~CsvStream() = default;

void CsvStream::add_row(const std::vector<Cell>& row) {
    State& s = *state_;
    detail::check_row(s.columns, row, s.rows++, s.path);
    for (std::size_t c = 0; c < row.size(); ++c) {
        if (c > 0) s.buffer += ',';
        append_cell(s.buffer, row[c]);
    }
    s.end_line();
}

void CsvStream::finish() {
    State& s = *state_;
    s.file.write(s.buffer);
    s.buffer.clear();
    s.file.close();
    s.output.commit();
}

void write_csv(const Table& table, const std::string& path, const CsvOptions& options) {
    CsvStream stream(path, table.columns, options);
    for (const auto& row : table.rows) stream.add_row(row);
    stream.finish();
}

}  // namespace gg
