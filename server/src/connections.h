// The server's connections: one event thread accepts and reads every connection without
// blocking, frames each request under its limits and deadlines (RequestFramer), hands only
// complete requests to a pool of workers, and writes their answers back. A slow or idle
// client costs a file descriptor and its buffered bytes, never a worker; a body is refused
// while it arrives once it passes the limit, however it is sent.
#pragma once
#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "client_address.h"
#include "request_framing.h"

namespace samenleven::server {

struct ConnectionLimits {
    FramingLimits framing;
    std::chrono::milliseconds header_deadline{10'000};   // first byte of a request -> end of its headers
    std::chrono::milliseconds request_deadline{60'000};  // first byte of a request -> end of its body
    std::chrono::milliseconds idle_timeout{30'000};      // keep-alive: waiting for the next request
    std::chrono::milliseconds write_deadline{60'000};    // writing an answer out
    std::chrono::milliseconds stop_deadline{10'000};     // stop(): requests under way answered within
    std::size_t max_connections = 4096;                        // all clients (capped by the descriptor limit)
    std::size_t max_buffered_bytes = std::size_t(512) << 20;  // received and not yet answered, all connections
    // One client (client_key(): an address, an IPv6 /64; behind a trusted proxy the address
    // it forwards) holds at most this many connections and unanswered bytes, so that it
    // cannot shut out the others. Connections of a trusted proxy count only in the totals.
    std::size_t max_connections_per_client = 256;
    std::size_t max_buffered_bytes_per_client = std::size_t(64) << 20;
    std::vector<AddressRange> trusted_proxies;  // whose X-Forwarded-For is believed; no other's
    std::size_t reserved_descriptors = 96;      // kept for what is not a connection (the database's files)
    int backlog = 1024;
    int workers = 8;
};

// The whole HTTP response to one complete request, and whether to close afterwards.
struct Answer {
    std::string bytes;
    bool close = false;
};

// Where a request comes from: the connection's address, or behind a trusted proxy the
// client's address that the proxy forwards.
struct Peer {
    std::string ip;
    int port = 0;
};

using Responder = std::function<Answer(const std::string& request, const Peer& peer)>;
// A response for a request refused before it reached a handler (413, 408, 431, 400, 503).
using Refuser = std::function<std::string(int status, const std::string& code, const std::string& message)>;

class ConnectionServer {
public:
    ConnectionServer(ConnectionLimits limits, Responder respond, Refuser refuse);
    ~ConnectionServer();
    ConnectionServer(const ConnectionServer&) = delete;
    ConnectionServer& operator=(const ConnectionServer&) = delete;

    // Listens on host:port (0: any free port) and returns the port. Fails with a message
    // naming the address when it is taken or cannot be used; never shares a port. Raises the
    // soft descriptor limit to the hard one and caps the connections to what it allows
    // (max_connections() says how many).
    int listen(const std::string& host, int port);
    // The connections taken at most: ConnectionLimits::max_connections, or fewer when the
    // descriptor limit (descriptor_limit()) leaves room for fewer beside the database's.
    std::size_t max_connections() const;
    std::size_t descriptor_limit() const;
    // Serves until stop(); answers requests under way before returning.
    void run();
    // Thread-safe; run() returns soon after.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace samenleven::server
