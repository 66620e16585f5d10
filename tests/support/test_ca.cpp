#include "support/test_ca.hpp"

#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>

namespace gesso::test {

namespace {
void run(const std::string& command) {
    if (std::system((command + " >/dev/null 2>&1").c_str()) != 0) {
        throw std::runtime_error("command failed: " + command);
    }
}
}  // namespace

TestCertificates make_test_certificates(const std::filesystem::path& dir) {
    TestCertificates out{dir / "ca.pem", dir / "cert.pem", dir / "key.pem"};
    std::string d = dir.string();
    std::ofstream(dir / "ext.cnf") << "subjectAltName=DNS:localhost,DNS:a.test,DNS:b.test,IP:127.0.0.1\n";
    run("openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj '/CN=Gesso Test CA' -keyout '" + d +
        "/ca.key' -out '" + d + "/ca.pem'");
    run("openssl req -newkey rsa:2048 -nodes -subj '/CN=localhost' -keyout '" + d + "/key.pem' -out '" + d +
        "/server.csr'");
    run("openssl x509 -req -days 2 -in '" + d + "/server.csr' -CA '" + d + "/ca.pem' -CAkey '" + d +
        "/ca.key' -CAcreateserial -extfile '" + d + "/ext.cnf' -out '" + d + "/cert.pem'");
    return out;
}

}  // namespace gesso::test
