#include "support/fedify_peer.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "support/json.hpp"

#ifndef GESSO_SOURCE_DIR
#error "fedify_peer.cpp is built into the interop tests, which define GESSO_SOURCE_DIR"
#endif

namespace gesso::test {

namespace {

const std::filesystem::path kInteropDir = std::filesystem::path(GESSO_SOURCE_DIR) / "tests" / "interop";
// The peer prints this, then its port, once it listens.
constexpr const char* kReadyLine = "listening ";

}  // namespace

std::optional<std::string> fedify_unavailable() {
    ProcessResult version = run_process({"/usr/bin/env", "node", "-p", "process.versions.node.split('.')[0]"});
    if (version.exit_code != 0) return "node is not on PATH";
    int major = std::atoi(version.out.c_str());
    if (major < 20) return "node " + std::to_string(major) + " is older than 20";
    if (!std::filesystem::exists(kInteropDir / "node_modules" / "@fedify" / "fedify" / "package.json")) {
        return "Fedify is not installed: run tests/interop/install.sh";
    }
    return std::nullopt;
}

FedifyPeer::FedifyPeer(const TestCertificates& certs, const std::filesystem::path& work_dir, const std::string& host)
    : host_(host), log_file_(work_dir / "fedify-peer.log") {
    child_ = std::make_unique<Child>(std::vector<std::string>{
        "/usr/bin/env", "NODE_EXTRA_CA_CERTS=" + certs.ca_file.string(), "node",
        (kInteropDir / "fedify-peer.mjs").string(), "--host", host, "--cert", certs.cert_file.string(), "--key",
        certs.key_file.string(), "--log", log_file_.string()});
    std::string line = child_->wait_for_line(kReadyLine);
    if (line.empty()) throw std::runtime_error("the Fedify peer did not start:\n" + log_tail());
    port_ = static_cast<std::uint16_t>(std::stoi(line.substr(line.find(kReadyLine) + std::string(kReadyLine).size())));
}

FedifyPeer::~FedifyPeer() = default;

rapidjson::Document FedifyPeer::control(const std::string& verb, const std::string& json_body) {
    if (transport_ == nullptr) throw std::logic_error("FedifyPeer::use_transport was not called");
    activitypub::OutgoingRequest request;
    request.method = "POST";
    request.url = base() + "/_test/" + verb;
    request.body = json_body;
    request.set_header("Content-Type", "application/json");
    activitypub::IncomingResponse response = transport_->send(request);
    if (response.status != 200) {
        ADD_FAILURE() << "Fedify peer /_test/" << verb << " answered " << response.status << ": " << response.body
                      << "\npeer log:\n"
                      << log_tail();
        rapidjson::Document empty;
        empty.SetObject();
        return empty;
    }
    return parse_document(response.body);
}

rapidjson::Document FedifyPeer::state() {
    if (transport_ == nullptr) throw std::logic_error("FedifyPeer::use_transport was not called");
    activitypub::OutgoingRequest request;
    request.url = base() + "/_test/state";
    activitypub::IncomingResponse response = transport_->send(request);
    EXPECT_EQ(response.status, 200) << response.body;
    return parse_document(response.body);
}

std::string FedifyPeer::log_tail(std::size_t max_bytes) const {
    std::ifstream in(log_file_);
    std::stringstream text;
    text << in.rdbuf();
    std::string all = text.str();
    return all.size() > max_bytes ? "..." + all.substr(all.size() - max_bytes) : all;
}

}  // namespace gesso::test
