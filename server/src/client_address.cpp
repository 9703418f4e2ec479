#include "client_address.h"

#include <arpa/inet.h>

#include <cstring>
#include <stdexcept>

namespace samenleven::server {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// An address as 16 bytes (IPv4 mapped into IPv6), or nullopt.
std::optional<std::array<std::uint8_t, 16>> address_bytes(std::string_view text) {
    text = trim(text);
    // "[::1]" as some proxies write an IPv6 address.
    if (text.size() > 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
    if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return std::nullopt;
    const std::string s(text);
    std::array<std::uint8_t, 16> out{};
    in_addr v4{};
    if (inet_pton(AF_INET, s.c_str(), &v4) == 1) {
        out[10] = 0xff;
        out[11] = 0xff;
        std::memcpy(out.data() + 12, &v4, 4);
        return out;
    }
    in6_addr v6{};
    if (inet_pton(AF_INET6, s.c_str(), &v6) == 1) {
        std::memcpy(out.data(), &v6, 16);
        return out;
    }
    return std::nullopt;
}

bool is_v4_mapped(const std::array<std::uint8_t, 16>& b) {
    for (int i = 0; i < 10; ++i)
        if (b[static_cast<std::size_t>(i)] != 0) return false;
    return b[10] == 0xff && b[11] == 0xff;
}

}  // namespace

bool AddressRange::contains(std::string_view ip) const {
    const auto b = address_bytes(ip);
    if (!b) return false;
    int bits = prefix;
    for (std::size_t i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
        const std::uint8_t mask = bits >= 8 ? 0xff : static_cast<std::uint8_t>(0xff << (8 - bits));
        if (((*b)[i] & mask) != (bytes[i] & mask)) return false;
    }
    return true;
}

std::optional<AddressRange> parse_address_range(std::string_view text) {
    text = trim(text);
    const std::size_t slash = text.find('/');
    const auto b = address_bytes(text.substr(0, slash));
    if (!b) return std::nullopt;
    AddressRange range{*b, 128};
    const int offset = is_v4_mapped(*b) ? 96 : 0;  // an IPv4 prefix counts the IPv4 bits
    if (slash != std::string_view::npos) {
        const std::string_view digits = text.substr(slash + 1);
        if (digits.empty() || digits.size() > 3 || digits.find_first_not_of("0123456789") != std::string_view::npos)
            return std::nullopt;
        const int bits = std::stoi(std::string(digits));
        if (bits > 128 - offset) return std::nullopt;
        range.prefix = offset + bits;
    }
    return range;
}

std::vector<AddressRange> parse_address_ranges(std::string_view list) {
    std::vector<AddressRange> ranges;
    while (!list.empty()) {
        const std::size_t comma = list.find(',');
        const std::string_view entry = trim(list.substr(0, comma));
        if (!entry.empty()) {
            const auto range = parse_address_range(entry);
            if (!range)
                throw std::invalid_argument("'" + std::string(entry) +
                                            "' is geen IP-adres of netwerk (zoals 127.0.0.1, 10.0.0.0/8 of fd00::/8)");
            ranges.push_back(*range);
        }
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
    }
    return ranges;
}

std::string client_key(std::string_view ip) {
    auto b = address_bytes(ip);
    if (!b) return std::string(ip);
    char text[INET6_ADDRSTRLEN] = {};
    if (is_v4_mapped(*b)) {
        inet_ntop(AF_INET, b->data() + 12, text, sizeof text);
        return text;
    }
    for (std::size_t i = 8; i < 16; ++i) (*b)[i] = 0;
    inet_ntop(AF_INET6, b->data(), text, sizeof text);
    return std::string(text) + "/64";
}

bool is_trusted(std::string_view ip, const std::vector<AddressRange>& trusted) {
    for (const AddressRange& range : trusted)
        if (range.contains(ip)) return true;
    return false;
}

std::string forwarded_client(std::string_view peer, std::string_view forwarded, const std::vector<AddressRange>& trusted) {
    if (!is_trusted(peer, trusted)) return std::string(peer);
    std::string client(peer);
    while (!forwarded.empty()) {
        const std::size_t comma = forwarded.rfind(',');
        const std::string_view entry = trim(comma == std::string_view::npos ? forwarded : forwarded.substr(comma + 1));
        forwarded = comma == std::string_view::npos ? std::string_view() : forwarded.substr(0, comma);
        if (!address_bytes(entry)) break;  // not an address: nothing further left can be believed
        client = std::string(trim(entry));
        if (client.front() == '[') client = client.substr(1, client.size() - 2);
        if (!is_trusted(client, trusted)) break;
    }
    return client;
}

}  // namespace samenleven::server
