#pragma once
// Where frameworks come from: the built-in files (data/frameworks/, or $GREENGAUGE_FRAMEWORKS)
// and user files named by path.
#include <string>
#include <vector>

#include "core/framework.hpp"

namespace gg::assess {

std::string builtin_frameworks_dir();
// The built-in framework files, sorted by name.
std::vector<std::string> builtin_framework_files();
// True when a framework reference names a file (a "/" or a .yaml / .yml ending), not a built-in id.
bool is_framework_file(const std::string& id_or_path);
// A built-in id ("deqp_green_area") or a path to a framework file. Throws gg::Error for an
// unknown id (listing the built-in ones) or an invalid file.
Framework load_framework_ref(const std::string& id_or_path);

}  // namespace gg::assess
