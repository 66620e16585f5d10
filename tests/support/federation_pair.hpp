#pragma once
// Two real nodes, a.test and b.test, on loopback ports with TLS from a CA made at test time and resolver
// overrides, so each reaches the other by name over HTTPS exactly as across the internet. Queues are pumped
// deterministically: pump() runs every federation step on both nodes until a whole round does nothing.
#include <memory>

#include "support/manual_clock.hpp"
#include "support/temp_dir.hpp"
#include "support/test_ca.hpp"
#include "support/test_node.hpp"

namespace gesso::test {

class FederationPair {
public:
    // `a_host` names node a (its domain is a_host:PORT). Client-interop tests pass "127.0.0.1", which the test
    // certificate also covers, so client software reaches a without any name resolution of its own.
    explicit FederationPair(const std::string& a_host = "a.test");
    TestNode& a() { return *a_; }
    TestNode& b() { return *b_; }
    const TestCertificates& certificates() const { return certs_; }
    // The clock both nodes share (retries become due when it is advanced).
    ManualClock& clock() { return clock_; }
    // Returns the number of rounds it took; fails the test if work never runs out.
    int pump(int max_rounds = 50);

private:
    ManualClock clock_;
    TempDir dir_;
    TestCertificates certs_;
    std::unique_ptr<TestNode> a_;
    std::unique_ptr<TestNode> b_;
};

}  // namespace gesso::test
