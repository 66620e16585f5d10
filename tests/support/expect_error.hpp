#pragma once
// Expectations on the core::Error a piece of test code throws. `f` is any callable taking no arguments.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/error.hpp"

namespace gesso::test {

// The code and client message of the core::Error `f` throws. When it throws none: a test failure, and
// {internal, ""} so that the caller's own expectations fail too.
template <class F>
std::pair<core::Errc, std::string> failure(F&& f) {
    try {
        f();
    } catch (const core::Error& e) {
        return {e.code(), e.what()};
    }
    ADD_FAILURE() << "expected a core::Error";
    return {core::Errc::internal, ""};
}

// The code of the core::Error `f` throws; a test failure (and internal) when it throws none.
template <class F>
core::Errc error_code(F&& f) {
    return failure(std::forward<F>(f)).first;
}

// The code of the core::Error `f` throws, or nullopt when it returns: for code that may accept or refuse.
template <class F>
std::optional<core::Errc> error_of(F&& f) {
    try {
        f();
        return std::nullopt;
    } catch (const core::Error& e) {
        return e.code();
    }
}

// Expects `f` to throw core::Error(`code`) whose message contains `needle`.
template <class F>
void expect_failure(F&& f, core::Errc code, std::string_view needle) {
    auto [got, message] = failure(std::forward<F>(f));
    EXPECT_EQ(got, code) << message;
    EXPECT_NE(message.find(needle), std::string::npos) << "message: " << message;
}

// The message of the core::Error `f` throws, expecting its code to be `code`. When it throws none: a test
// failure saying "not refused: " and `what` (the input, for the reader of the log), and "".
template <class F>
std::string refusal_message(F&& f, core::Errc code, std::string_view what) {
    try {
        f();
    } catch (const core::Error& e) {
        EXPECT_EQ(e.code(), code) << e.what();
        return e.what();
    }
    ADD_FAILURE() << "not refused: " << what;
    return {};
}

}  // namespace gesso::test
