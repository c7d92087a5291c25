#pragma once
// One exception type for everything a user can cause: the message is the single line the CLI
// prints, so it must name the input (file, layer, field, zone) and what is wrong with it.
#include <stdexcept>
#include <string>

namespace gg {

class Error : public std::runtime_error {
  public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace gg
