#pragma once
// Runs one input through a parser: a gg::Error whose message is one non-empty line is fine (the
// CLI prints it as the single error line); any other exception, or a message of several lines,
// aborts with what escaped.
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
        if (m.find_first_of("\r\n") != std::string::npos)
            finding("gg::Error of more than one line: " + m);
    } catch (const std::exception& e) {
        finding(std::string("escaped ") + typeid(e).name() + ": " + e.what());
    }
}

}  // namespace gg::fuzz
