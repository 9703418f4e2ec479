// Issue 19, item 4: one client cannot shut out the rest. Limits per client address (and
// behind a trusted proxy per forwarded address), the descriptor limit, and backing off from
// accepting while descriptors are exhausted. The other clients are other loopback addresses
// (127.0.0.2 ...), which Linux routes to the server on 127.0.0.1 like a second machine.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/resource.h>

#include <fstream>
#include <memory>
#include <thread>
#include <vector>

#include "client_address.h"
#include "connections.h"
#include "raw_connection.h"
#include "server_process.h"

using namespace server_test;
using samenleven::server::client_key;
using samenleven::server::forwarded_client;
using samenleven::server::parse_address_ranges;

namespace {

constexpr const char* kHealth = "GET /api/v1/health HTTP/1.1\r\nHost: t\r\n\r\n";

// A probe from another client: a new connection from `source` asking for health. Returns the
// status (0: no answer within `wait_ms`) and how long the answer took.
std::pair<int, long> probe(int port, const char* source, int wait_ms = 5000) {
    const auto start = std::chrono::steady_clock::now();
    try {
        RawConnection c(port, source);
        c.send_all(kHealth);
        const std::string answer = c.response(wait_ms);
        const long ms = static_cast<long>(
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count());
        return {status_of(answer), ms};
    } catch (const std::exception&) {
        return {0, -1};
    }
}

// Ten probes from `source`; each must be answered 200. Returns the slowest in ms.
long probes_answered(int port, const char* source) {
    long slowest = 0;
    for (int i = 0; i < 10; ++i) {
        const auto [status, ms] = probe(port, source);
        CHECK(status == 200);
        slowest = std::max(slowest, ms);
    }
    return slowest;
}

// Connections that got an answer (a refusal) or were closed by the server.
int refused(std::vector<std::unique_ptr<RawConnection>>& connections) {
    int n = 0;
    for (auto& c : connections)
        if (c->readable(0)) ++n;
    return n;
}

void raise_own_descriptor_limit() {
    rlimit limit{};
    getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
}

// A request whose body never finishes: headers of a 1 MiB body and all but its last byte.
std::string unfinished_body(const std::string& extra_headers = "") {
    const std::size_t length = std::size_t(1) << 20;
    return "POST /api/v1/plans HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n" + extra_headers +
           "Content-Length: " + std::to_string(length) + "\r\n\r\n" + std::string(length - 1, ' ');
}

double cpu_seconds() {
    rusage use{};
    getrusage(RUSAGE_SELF, &use);
    return static_cast<double>(use.ru_utime.tv_sec + use.ru_stime.tv_sec) +
           static_cast<double>(use.ru_utime.tv_usec + use.ru_stime.tv_usec) / 1e6;
}

}  // namespace

TEST_CASE("[Limits] client addresses: IPv4 as is, IPv6 by /64, trusted proxies and X-Forwarded-For") {
    CHECK(client_key("192.0.2.7") == "192.0.2.7");
    CHECK(client_key("::ffff:192.0.2.7") == "192.0.2.7");
    CHECK(client_key("2001:db8:1:2:aaaa:bbbb:cccc:dddd") == "2001:db8:1:2::/64");
    CHECK(client_key("2001:db8:1:2::1") == client_key("2001:db8:1:2:ffff::9"));
    CHECK(client_key("2001:db8:1:3::1") != client_key("2001:db8:1:2::1"));

    const auto trusted = parse_address_ranges("127.0.0.1, 10.0.0.0/8,fd00::/8");
    REQUIRE(trusted.size() == 3);
    CHECK(trusted[1].contains("10.200.3.4"));
    CHECK_FALSE(trusted[1].contains("11.0.0.1"));
    CHECK(trusted[2].contains("fd12::1"));
    CHECK_FALSE(trusted[0].contains("127.0.0.2"));
    CHECK_THROWS_WITH_AS(parse_address_ranges("127.0.0.1, proxy.example"),
                         "'proxy.example' is geen IP-adres of netwerk (zoals 127.0.0.1, 10.0.0.0/8 of fd00::/8)",
                         std::invalid_argument);
    CHECK_THROWS(parse_address_ranges("10.0.0.0/33"));

    // Not a trusted proxy: what it forwards is not believed.
    CHECK(forwarded_client("192.0.2.7", "203.0.113.9", trusted) == "192.0.2.7");
    // A trusted proxy: the rightmost address that is not one of ours.
    CHECK(forwarded_client("127.0.0.1", "203.0.113.9", trusted) == "203.0.113.9");
    CHECK(forwarded_client("127.0.0.1", "198.51.100.1, 203.0.113.9, 10.1.1.1", trusted) == "203.0.113.9");
    // A client cannot put itself in front: the address the first proxy saw counts.
    CHECK(forwarded_client("127.0.0.1", "6.6.6.6, 203.0.113.9", trusted) == "203.0.113.9");
    CHECK(forwarded_client("127.0.0.1", "[2001:db8::5]", trusted) == "2001:db8::5");
    // Absent or not an address: the proxy itself.
    CHECK(forwarded_client("127.0.0.1", "", trusted) == "127.0.0.1");
    CHECK(forwarded_client("127.0.0.1", "unknown", trusted) == "127.0.0.1");
}

TEST_CASE("[Limits] one address holding its maximum of connections and bodies does not shut out another") {
    raise_own_descriptor_limit();
    const std::string data = temp_dir("samenleven-limits");
    ServerProcess server(data);  // the defaults: 4096 connections, 256 and 64 MiB per client

    SUBCASE("4,096 idle connections from one address") {
        std::vector<std::unique_ptr<RawConnection>> idle;
        for (int i = 0; i < 4096; ++i) idle.push_back(std::make_unique<RawConnection>(server.port()));
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        const long slowest = probes_answered(server.port(), "127.0.0.2");
        // The first 256 are held; every one past them is answered 429 and closed at once.
        CHECK(refused(idle) == 4096 - 256);
        std::string answer = idle.back()->receive(1000);
        CHECK(status_of(answer) == 429);
        CHECK(answer.find("te veel verbindingen") != std::string::npos);
        CHECK(answer.find("Retry-After: ") != std::string::npos);
        // The held ones still work.
        idle.front()->send_all(kHealth);
        CHECK(status_of(idle.front()->response(2000)) == 200);
        MESSAGE("probes from another address while one holds 4,096 connections: slowest " << slowest << " ms");
        CHECK(slowest < 1000);
    }
    SUBCASE("600 unfinished bodies of 1 MiB from one address") {
        std::vector<std::unique_ptr<RawConnection>> senders;
        for (int i = 0; i < 600; ++i) {
            auto c = std::make_unique<RawConnection>(server.port());
            c->send_all(unfinished_body());
            senders.push_back(std::move(c));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        const long slowest = probes_answered(server.port(), "127.0.0.2");
        // At most 64 MiB of them are held; the rest were refused. (How many are held depends
        // on how the bodies interleave: while many arrive at once, each read that passes the
        // limit refuses its body, so under load it may be none.)
        const int held = 600 - refused(senders);
        CHECK(held <= 64);
        CHECK(rss_mib(server.pid()) < 200);
        MESSAGE("bodies held: " << held << ", server RSS " << rss_mib(server.pid()) << " MiB, slowest probe " << slowest << " ms");
        CHECK(slowest < 1000);
        bool saw_429 = false;
        for (auto& c : senders)
            if (c->readable(0)) {
                saw_429 = status_of(c->receive(500)) == 429;
                if (saw_429) break;
            }
        CHECK(saw_429);
    }
    server.stop(SIGTERM);
    std::filesystem::remove_all(data);
}

TEST_CASE("[Limits] behind a trusted proxy the forwarded address is the client; nobody else's X-Forwarded-For is believed") {
    raise_own_descriptor_limit();
    const std::string data = temp_dir("samenleven-proxy");
    ServerProcess server(data, "--trusted-proxy 127.0.0.1 --client-max-connections 8 --client-max-buffer-mb 4");

    // The proxy's own connections count only in the total.
    std::vector<std::unique_ptr<RawConnection>> proxy;
    for (int i = 0; i < 20; ++i) proxy.push_back(std::make_unique<RawConnection>(server.port()));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK(refused(proxy) == 0);

    // One forwarded client's bodies are limited, another's are not affected.
    for (int i = 0; i < 6; ++i) proxy[static_cast<std::size_t>(i)]->send_all(unfinished_body("X-Forwarded-For: 203.0.113.7\r\n"));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK(refused(proxy) >= 2);  // 203.0.113.7's six MiB passed its 4 MiB
    proxy[10]->send_all("GET /api/v1/health HTTP/1.1\r\nHost: t\r\nX-Forwarded-For: 203.0.113.8\r\n\r\n");
    CHECK(status_of(proxy[10]->response(2000)) == 200);

    // Another address is limited as itself, and what it says in X-Forwarded-For is not
    // believed: bodies "from" six addresses all count as its own.
    std::vector<std::unique_ptr<RawConnection>> other;
    for (int i = 0; i < 10; ++i) other.push_back(std::make_unique<RawConnection>(server.port(), "127.0.0.2"));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK(refused(other) == 2);
    for (int i = 0; i < 6; ++i)
        other[static_cast<std::size_t>(i)]->send_all(unfinished_body("X-Forwarded-For: 198.51.100." + std::to_string(i + 1) + "\r\n"));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK(refused(other) >= 3);
    server.stop(SIGTERM);
    std::filesystem::remove_all(data);
}

TEST_CASE("[Limits] at a descriptor limit of 1024 the connections are capped and said so, and others are still answered") {
    raise_own_descriptor_limit();
    const std::string data = temp_dir("samenleven-nofile");
    const std::string log = data + "/stderr.txt";
    ServerProcess server(data, "2>" + log, "prlimit --nofile=1024:1024");
    std::ifstream in(log);
    const std::string said((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(said.find("--max-connections 4096 is meer dan de limiet van 1024 open bestanden") != std::string::npos);
    MESSAGE(said);

    // Four addresses at their 256 each: more than the server may hold.
    std::vector<std::unique_ptr<RawConnection>> held;
    for (const char* source : {"127.0.0.3", "127.0.0.4", "127.0.0.5", "127.0.0.6"})
        for (int i = 0; i < 256; ++i) held.push_back(std::make_unique<RawConnection>(server.port(), source));
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    const long slowest = probes_answered(server.port(), "127.0.0.2");
    MESSAGE("probes at the descriptor limit: slowest " << slowest << " ms");
    CHECK(slowest < 1000);
    server.stop(SIGTERM);
    std::filesystem::remove_all(data);
}

TEST_CASE("[Limits] out of descriptors, the server backs off from accepting instead of spinning, and goes on after") {
    using namespace samenleven::server;
    ConnectionLimits limits;
    limits.workers = 1;
    ConnectionServer server(
        limits,
        [](const std::string&, const Peer&) {
            return Answer{"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", false};
        },
        [](int status, const std::string&, const std::string&) { return "HTTP/1.1 " + std::to_string(status) + " X\r\n\r\n"; });
    const int port = server.listen("127.0.0.1", 0);
    std::thread loop([&] { server.run(); });

    // Use up every descriptor of this process but one, which the client's socket takes: the
    // server's accept4 then fails with EMFILE while the connection waits in its backlog.
    rlimit saved{};
    getrlimit(RLIMIT_NOFILE, &saved);
    rlimit low = saved;
    low.rlim_cur = 256;
    REQUIRE(setrlimit(RLIMIT_NOFILE, &low) == 0);
    std::vector<int> spare;
    for (int fd; (fd = open("/dev/null", O_RDONLY)) >= 0;) spare.push_back(fd);
    close(spare.back());
    spare.pop_back();
    auto client = std::make_unique<RawConnection>(port);
    client->send_all(kHealth);

    const double before = cpu_seconds();
    std::this_thread::sleep_for(std::chrono::seconds(1));
    const double used = cpu_seconds() - before;
    MESSAGE("CPU time in one second at EMFILE: " << used << " s");
    CHECK(used < 0.3);  // a loop retrying accept4 on every wake-up takes the whole second

    for (int fd : spare) close(fd);
    setrlimit(RLIMIT_NOFILE, &saved);
    CHECK(client->response(3000).rfind("HTTP/1.1 200", 0) == 0);
    server.stop();
    loop.join();
}
