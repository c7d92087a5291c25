#include "gis/output_metadata.hpp"

#include <chrono>
#include <ctime>

#include "core/version.hpp"

namespace gg {
namespace {

std::string& command_line_storage() {
    static std::string line;
    return line;
}

std::string utc_now() {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

}  // namespace

void set_command_line(int argc, char** argv) {
    std::string line;
    for (int i = 0; i < argc; ++i) line.append(i ? " " : "").append(argv[i]);
    command_line_storage() = line;
}

const std::string& command_line() {
    return command_line_storage();
}

Metadata output_metadata(const std::vector<std::pair<std::string, std::string>>& inputs) {
    Metadata m;
    m["greengauge_version"] = kVersion;
    m["greengauge_command"] = command_line_storage();
    m["greengauge_created_utc"] = utc_now();
    for (const auto& [k, v] : inputs) m["greengauge_" + k] = v;
    return m;
}

}  // namespace gg
