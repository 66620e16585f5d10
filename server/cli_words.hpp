#pragma once
// Reading the words of a `gesso` command line (shared by the verbs in cli*.cpp).
#include <string>
#include <vector>

#include "core/error.hpp"

namespace gesso::server {

using Words = std::vector<std::string>;

[[noreturn]] inline void usage_error(const std::string& what) {
    throw core::Error(core::Errc::bad_request, what + " (see gesso --help)");
}

// The i-th word, or a usage error naming what was expected.
inline const std::string& word(const Words& w, std::size_t i, const char* what) {
    if (i >= w.size()) usage_error(std::string("missing ") + what);
    return w[i];
}

// A usage error when there are more than `n` words.
inline void expect_words(const Words& w, std::size_t n) {
    if (w.size() > n) usage_error("unexpected argument '" + w[n] + "'");
}

}  // namespace gesso::server
