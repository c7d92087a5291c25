#pragma once
// Where frameworks come from: the built-in files and user files named by path.
//
// The built-in frameworks' folder, the first of:
// 1. $GREENGAUGE_FRAMEWORKS: a folder of framework files;
// 2. $GREENGAUGE_DATA/frameworks: GreenGauge's data folder (share/greengauge as installed);
// 3. ../share/greengauge/frameworks beside the executable's folder (bin/): where cmake --install
//    puts them, so an installed tree works wherever it is copied or moved;
// 4. for an executable of the build tree only (build/greengauge, the test programs): the source
//    tree's data/frameworks. An installed or copied executable never reads the source tree.
// A variable that is set but names no such folder is an error, as is finding none.
#include <string>
#include <vector>

#include "core/framework.hpp"

namespace gg::assess {

std::string builtin_frameworks_dir();  // throws gg::Error naming where it looked
// The built-in framework files, sorted by name.
std::vector<std::string> builtin_framework_files();
// True when a framework reference names a file (a "/" or a .yaml / .yml ending), not a built-in id.
bool is_framework_file(const std::string& id_or_path);
// A built-in id ("deqp_green_area") or a path to a framework file. Throws gg::Error for an
// unknown id (listing the built-in ones) or an invalid file.
Framework load_framework_ref(const std::string& id_or_path);

}  // namespace gg::assess
