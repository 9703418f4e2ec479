// Access tokens: random, shown once, stored only as a hash (libsodium's BLAKE2b).
#pragma once
#include <string>

namespace samenleven::server {

void init_crypto();                             // sodium_init(); throws on failure
std::string new_token();                        // 64 hex characters of randomness
std::string new_id();                           // 32 hex characters, for ids
std::string hash_token(const std::string& token);  // hex of BLAKE2b-256

}  // namespace samenleven::server
