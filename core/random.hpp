#pragma once
// Cryptographically secure randomness (OpenSSL's DRBG). Thread-safe.
#include <cstddef>
#include <string>

namespace gesso::core {

// `n` random bytes; throws core::Error(internal) if the system cannot provide them.
std::string random_bytes(std::size_t n);
// `n` random bytes as lower-case hex (2n characters).
std::string random_hex(std::size_t n);
// A random password of `length` characters from an unambiguous alphabet (no 0/O, 1/l/I).
std::string random_password(std::size_t length = 20);

}  // namespace gesso::core
