#include "fuzz/targets.hpp"

namespace gg::fuzz {

std::vector<NamedTarget> all_targets() {
    return {{"project_file", project_file},   {"framework", framework},
            {"expression", expression},       {"landsat_mtl", landsat_mtl},
            {"sentinel2_mtd", sentinel2_mtd}, {"records", records},
            {"coverage", coverage},           {"emissivity_table", emissivity_table}};
}

}  // namespace gg::fuzz
