#pragma once
// `openssl speed rsa2048` (and `ed25519`) run in the same process run as a benchmark: the machine's own
// ceiling for the signature work, so results can be reported as ratios.
#include <cstdio>
#include <cstring>

namespace gesso::bench {

struct RsaSpeed {
    double sign_per_second = 0;
    double verify_per_second = 0;
};

inline RsaSpeed openssl_rsa2048_speed() {
    RsaSpeed out;
    FILE* pipe = popen("openssl speed -seconds 2 rsa2048 2>/dev/null", "r");
    if (!pipe) return out;
    char line[512];
    while (fgets(line, sizeof line, pipe)) {
        // "rsa 2048 bits 0.000736s 0.000022s   1358.0  45011.1"
        double sign_s, verify_s, sign_n, verify_n;
        if (std::sscanf(line, "rsa 2048 bits %lfs %lfs %lf %lf", &sign_s, &verify_s, &sign_n, &verify_n) == 4) {
            out = {sign_n, verify_n};
        }
    }
    pclose(pipe);
    return out;
}

// `openssl speed ed25519`: the ceiling for object integrity proofs (eddsa-jcs-2022) on this machine.
struct Ed25519Speed {
    double sign_per_second = 0;
    double verify_per_second = 0;
};

inline Ed25519Speed openssl_ed25519_speed() {
    Ed25519Speed out;
    FILE* pipe = popen("openssl speed -seconds 2 ed25519 2>/dev/null", "r");
    if (!pipe) return out;
    char line[512];
    while (fgets(line, sizeof line, pipe)) {
        // " 253 bits EdDSA (Ed25519)   0.0000s   0.0001s  26840.7  10051.7"
        const char* at = std::strstr(line, "(Ed25519)");
        double sign_s, verify_s, sign_n, verify_n;
        if (at && std::sscanf(at, "(Ed25519) %lfs %lfs %lf %lf", &sign_s, &verify_s, &sign_n, &verify_n) == 4) {
            out = {sign_n, verify_n};
        }
    }
    pclose(pipe);
    return out;
}

}  // namespace gesso::bench
