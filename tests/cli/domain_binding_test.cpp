// A data directory stays bound to the domain it was created with: every id it published contains it.
#include "cli_fixture.hpp"

namespace gesso::test {
namespace {

class DomainBinding : public GessoCli {};

TEST_F(DomainBinding, ADifferentDomainIsRefusedWithAnExplanation) {
    ASSERT_EQ(gesso({"migrate"}).exit_code, 0);
    domain = "127.0.0.1:18081";
    auto r = gesso({"admin", "account", "list"});
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find("belongs to the domain 127.0.0.1:18080"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("cannot change"), std::string::npos) << r.err;
}

TEST_F(DomainBinding, TheSameDomainInAnotherCaseIsAccepted) {
    domain = "LocalHost:18080";
    ASSERT_EQ(gesso({"migrate"}).exit_code, 0);
    domain = "localhost:18080";
    EXPECT_EQ(gesso({"admin", "account", "list"}).exit_code, 0);
}

}  // namespace
}  // namespace gesso::test
