#pragma once
// A certificate authority made at test time (with the openssl command) and a server certificate it signed
// for "localhost" and 127.0.0.1, so tests can serve and verify real TLS without any fixed key material.
#include <filesystem>

namespace gesso::test {

struct TestCertificates {
    std::filesystem::path ca_file;    // the CA certificate (PEM): trust this
    std::filesystem::path cert_file;  // server certificate chain (PEM)
    std::filesystem::path key_file;   // server private key (PEM)
};

// Writes the files into `dir`. Throws std::runtime_error if openssl fails.
TestCertificates make_test_certificates(const std::filesystem::path& dir);

}  // namespace gesso::test
