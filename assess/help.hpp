#pragma once
// The reference text of `assess --help` and of docs: the project's keys, then every family with
// its keys and metrics, all from the family list.
#include <string>

#include "assess/family.hpp"

namespace gg::assess {

std::string assess_reference(const FamilyList& families);

}  // namespace gg::assess
