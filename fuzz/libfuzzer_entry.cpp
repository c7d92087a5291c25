// libFuzzer's entry point for one target, chosen at compile time (fuzz/CMakeLists.txt).
#include "fuzz/targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    return gg::fuzz::GG_FUZZ_TARGET(data, size);
}
