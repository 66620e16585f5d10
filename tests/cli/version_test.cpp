#include <gtest/gtest.h>

#include "core/version.hpp"
#include "support/subprocess.hpp"

namespace gesso::test {
namespace {

TEST(Cli, VersionPrintsTheVersion) {
    auto r = run_process({GESSO_BINARY, "version"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.out, std::string("gesso ") + core::kVersion + "\n");
}

TEST(Cli, UnknownVerbIsAOneLineErrorWithNonZeroExit) {
    auto r = run_process({GESSO_BINARY, "frobnicate"});
    EXPECT_NE(r.exit_code, 0);
    EXPECT_EQ(r.err.rfind("gesso: ", 0), 0u) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

}  // namespace
}  // namespace gesso::test
