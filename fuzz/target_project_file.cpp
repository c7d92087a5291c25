// The project-file loader on any bytes: load_project reads a file, so the bytes go to one file per
// process in /dev/shm (memory, not the disk) first.
#include <unistd.h>

#include <fstream>
#include <string>

#include "assess/families.hpp"
#include "assess/project.hpp"
#include "fuzz/clean_errors.hpp"
#include "fuzz/targets.hpp"

namespace gg::fuzz {

int project_file(const uint8_t* data, size_t size) {
    static const std::string path =
        "/dev/shm/gg-fuzz-project-" + std::to_string(getpid()) + ".yaml";
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    expect_clean([&] { (void)assess::load_project(path, assess::builtin_families()); });
    return 0;
}

}  // namespace gg::fuzz
