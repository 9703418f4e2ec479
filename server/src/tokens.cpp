#include "tokens.h"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace samenleven::server {

namespace {
std::string to_hex(const unsigned char* data, std::size_t size) {
    std::vector<char> hex(size * 2 + 1);
    sodium_bin2hex(hex.data(), hex.size(), data, size);
    return std::string(hex.data(), size * 2);
}

std::string random_hex(std::size_t bytes) {
    std::vector<unsigned char> buffer(bytes);
    randombytes_buf(buffer.data(), buffer.size());
    return to_hex(buffer.data(), buffer.size());
}
}  // namespace

void init_crypto() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

std::string new_token() { return random_hex(32); }

std::string new_id() { return random_hex(16); }

std::string blake2b_hex(std::string_view text) {
    unsigned char digest[crypto_generichash_BYTES];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(text.data()), text.size(), nullptr, 0);
    return to_hex(digest, sizeof digest);
}

}  // namespace samenleven::server
