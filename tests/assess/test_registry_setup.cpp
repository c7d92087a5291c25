// The assessment tests run with the metric registry the CLI installs: the built-in families'.
#include <gtest/gtest.h>

#include "assess/families.hpp"

namespace gg::assess {
namespace {

class BuiltinRegistry : public ::testing::Environment {
  public:
    void SetUp() override { use_families(builtin_families()); }
};

const auto* const kRegistry = ::testing::AddGlobalTestEnvironment(new BuiltinRegistry);

}  // namespace
}  // namespace gg::assess
