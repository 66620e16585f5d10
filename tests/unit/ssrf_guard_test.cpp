#include <gtest/gtest.h>

#include "core/error.hpp"
#include "web/client.hpp"

namespace gesso::web {
namespace {

TEST(SsrfGuard, RefusesPrivateLoopbackLinkLocalAndReserved) {
    for (const char* a : {"127.0.0.1", "127.255.0.9", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
                          "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::",
                          "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
                          "2001:db8::1", "not-an-ip"}) {
        EXPECT_TRUE(is_private_address(a)) << a;
    }
}

TEST(SsrfGuard, AllowsPublicAddresses) {
    for (const char* a : {"1.1.1.1", "8.8.8.8", "172.32.0.1", "192.169.0.1", "100.128.0.1", "2606:4700::1111",
                          "::ffff:8.8.8.8"}) {
        EXPECT_FALSE(is_private_address(a)) << a;
    }
}

TEST(ResolveRules, ParsesAndLowercasesHosts) {
    auto rules = parse_resolve_rules({"A.test:8443=127.0.0.1:9000", "b.test=127.0.0.2:80"});
    EXPECT_EQ(rules.at("a.test:8443"), "127.0.0.1:9000");
    EXPECT_EQ(rules.at("b.test"), "127.0.0.2:80");
    EXPECT_THROW(parse_resolve_rules({"no-equals"}), core::Error);
    EXPECT_THROW(parse_resolve_rules({"=127.0.0.1:1"}), core::Error);
}

}  // namespace
}  // namespace gesso::web
