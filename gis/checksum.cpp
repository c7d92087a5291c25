#include "gis/checksum.hpp"

#include <cpl_port.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <vector>

#include "core/error.hpp"

#if __has_include(<cpl_sha256.h>)
#include <cpl_sha256.h>
#else
// GDAL exports its SHA-256 (port/cpl_sha256.h) but Debian's libgdal-dev does not install the
// header: these are its declarations, unchanged since GDAL 2.1.
extern "C" {
struct _CPL_SHA256Context {
    GUIntBig totalLength;
    GUInt32 hash[8];
    GUInt32 bufferLength;
    union {
        GUInt32 words[16];
        GByte bytes[64];
    } buffer;
};
typedef struct _CPL_SHA256Context CPL_SHA256Context;
void CPL_DLL CPL_SHA256Init(CPL_SHA256Context* sc);
void CPL_DLL CPL_SHA256Update(CPL_SHA256Context* sc, const void* data, size_t len);
void CPL_DLL CPL_SHA256Final(CPL_SHA256Context* sc, GByte hash[32]);
}
#endif

namespace fs = std::filesystem;

namespace gg {
namespace {

[[noreturn]] void checksum_failed(const std::string& path, const std::string& why) {
    std::string message = "cannot compute the checksum of '";
    message.append(path).append("': ").append(why);
    throw Error(message);
}
std::string hex_digest(CPL_SHA256Context& context) {
    GByte hash[32];
    CPL_SHA256Final(&context, hash);
    static const char digits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(64);
    for (const GByte byte : hash) {
        hex += digits[byte >> 4];
        hex += digits[byte & 0x0f];
    }
    return hex;
}

}  // namespace

std::string sha256_file(const std::string& path) {
    const auto fail = [&path](const std::string& why) { checksum_failed(path, why); };
    std::error_code ec;
    if (fs::is_directory(path, ec)) fail("it is a directory");
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) fail(std::strerror(errno));
    CPL_SHA256Context context;
    CPL_SHA256Init(&context);
    std::vector<unsigned char> buffer(std::size_t{1} << 20);  // 1 MiB at a time
    for (;;) {
        const ssize_t n = ::read(fd, buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const int error = errno;
            ::close(fd);
            fail(std::strerror(error));
        }
        if (n == 0) break;
        CPL_SHA256Update(&context, buffer.data(), static_cast<std::size_t>(n));
    }
    ::close(fd);
    return hex_digest(context);
}

std::string sha256_text(const std::string& text) {
    CPL_SHA256Context context;
    CPL_SHA256Init(&context);
    CPL_SHA256Update(&context, text.data(), text.size());
    return hex_digest(context);
}

std::string file_fingerprint(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) checksum_failed(path, std::strerror(errno));
    const long long ns =
        static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
    return std::to_string(static_cast<long long>(st.st_size)) + " " + std::to_string(ns);
}

}  // namespace gg
