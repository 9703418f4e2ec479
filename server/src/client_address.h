// Who a client is, for the limits per client (connections.h): the address a connection comes
// from, grouped as one network would be (an IPv6 client gets a /64, as an ISP hands out), or,
// for a connection from a trusted reverse proxy, the address that proxy names in
// X-Forwarded-For. No I/O.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace samenleven::server {

// One address or a network in CIDR form: "127.0.0.1", "10.0.0.0/8", "::1", "fd00::/8".
struct AddressRange {
    std::array<std::uint8_t, 16> bytes{};  // IPv4 as IPv4-mapped IPv6 (::ffff:a.b.c.d)
    int prefix = 128;                      // in bits of the 128

    bool contains(std::string_view ip) const;
};

// Parses one address or network; nullopt when it is neither.
std::optional<AddressRange> parse_address_range(std::string_view text);
// A comma-separated list ("127.0.0.1, 10.0.0.0/8"). Throws std::invalid_argument with a Dutch
// message naming the entry that is not an address.
std::vector<AddressRange> parse_address_ranges(std::string_view list);

// The key under which a client's connections and bytes are counted: an IPv4 address as it is
// (also when written IPv4-mapped), an IPv6 address's /64 network ("2001:db8:1:2::/64").
// Anything that is not an address is its own key.
std::string client_key(std::string_view ip);

bool is_trusted(std::string_view ip, const std::vector<AddressRange>& trusted);

// The client a request from `peer` came from: `peer` itself unless it is a trusted proxy;
// then the last address in X-Forwarded-For (`forwarded`: the header's values joined by
// commas, in order) that is not a trusted proxy, read from the right as each proxy appends
// the address it saw. When the header is absent or names no address, the proxy itself.
std::string forwarded_client(std::string_view peer, std::string_view forwarded, const std::vector<AddressRange>& trusted);

}  // namespace samenleven::server
