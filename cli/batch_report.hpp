#pragma once
// How batch and merge show a merge: the counts, the files, the failures and the trend summary,
// as text or as the JSON summary.
#include <nlohmann/json.hpp>

#include "assess/batch_merge.hpp"

namespace gg::cli {

void print_merge(const assess::MergeResult& m);
nlohmann::ordered_json merge_json(const assess::MergeResult& m);

}  // namespace gg::cli
