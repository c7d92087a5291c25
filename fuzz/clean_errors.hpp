#pragma once
// Runs one input through a parser: a gg::Error with a message is fine (the CLI prints it as the
// single error line; cli/common.hpp one_line writes a line break an input put in it as \n); any
// other exception, or an empty message, aborts with what escaped.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <typeinfo>

#include "core/error.hpp"

namespace gg::fuzz {

[[noreturn]] inline void finding(const std::string& what) {
    std::fprintf(stderr, "fuzz finding: %s\n", what.c_str());
    std::abort();
}

template <typename Body>
void expect_clean(Body&& body) {
    try {
        body();
    } catch (const gg::Error& e) {
        const std::string m = e.what();
        if (m.empty()) finding("gg::Error with an empty message");
    } catch (const std::exception& e) {
        finding(std::string("escaped ") + typeid(e).name() + ": " + e.what());
    }
}

}  // namespace gg::fuzz
