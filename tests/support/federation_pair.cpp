#include "support/federation_pair.hpp"

#include <gtest/gtest.h>

#include "activitypub/federation.hpp"

namespace gesso::test {

namespace {
TestNodeOptions tls_node(const TestCertificates& certs, const std::string& host, const core::Clock& clock) {
    TestNodeOptions options;
    options.clock = &clock;
    options.tls_cert_file = certs.cert_file.string();
    options.tls_key_file = certs.key_file.string();
    options.domain_host = host;
    return options;
}
}  // namespace

FederationPair::FederationPair(const std::string& a_host) : certs_(make_test_certificates(dir_.path())) {
    a_ = std::make_unique<TestNode>(tls_node(certs_, a_host, clock_));
    b_ = std::make_unique<TestNode>(tls_node(certs_, "b.test", clock_));
    std::vector<std::string> resolve = {a_->domain() + "=127.0.0.1:" + std::to_string(a_->port()),
                                        b_->domain() + "=127.0.0.1:" + std::to_string(b_->port())};
    a_->enable_federation(certs_.ca_file.string(), resolve);
    b_->enable_federation(certs_.ca_file.string(), resolve);
}

int FederationPair::pump(int max_rounds) {
    for (int round = 1; round <= max_rounds; ++round) {
        int work = activitypub::pump_once(a_->ctx()).total() + activitypub::pump_once(b_->ctx()).total();
        if (work == 0) return round;
    }
    ADD_FAILURE() << "federation queues still busy after " << max_rounds << " rounds";
    return max_rounds;
}

}  // namespace gesso::test
