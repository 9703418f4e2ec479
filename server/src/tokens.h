// Access tokens: random, shown once, stored only as a hash (libsodium's BLAKE2b).
#pragma once
#include <string>
#include <string_view>

namespace samenleven::server {

void init_crypto();                             // sodium_init(); throws on failure
std::string new_token();                        // 64 hex characters of randomness
std::string new_id();                           // 32 hex characters, for ids
std::string blake2b_hex(std::string_view text);   // hex of BLAKE2b-256: token hashes, request digests

}  // namespace samenleven::server
