#include "connections.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <vector>

namespace samenleven::server {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kReadChunk = 64 * 1024;
constexpr std::size_t kMaxReadPerWake = 256 * 1024;         // fairness between connections
constexpr auto kLinger = std::chrono::milliseconds(2000);  // after a refusal: drain, then close
constexpr auto kAcceptBackoff = std::chrono::milliseconds(100);  // out of descriptors: wait before accepting again

void set_nonblocking(int fd) { fcntl(fd, F_SETFL, fcntl(fd, F_GETFL, 0) | O_NONBLOCK); }

Peer peer_of(const sockaddr_storage& addr) {
    char text[INET6_ADDRSTRLEN] = {};
    Peer peer;
    if (addr.ss_family == AF_INET) {
        const auto* in = reinterpret_cast<const sockaddr_in*>(&addr);
        inet_ntop(AF_INET, &in->sin_addr, text, sizeof text);
        peer.port = ntohs(in->sin_port);
    } else if (addr.ss_family == AF_INET6) {
        const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&addr);
        inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof text);
        peer.port = ntohs(in6->sin6_port);
    }
    peer.ip = text;
    return peer;
}

// Allows as many open descriptors as the hard limit permits; returns the soft limit then.
std::size_t raise_descriptor_limit() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
    if (limit.rlim_cur < limit.rlim_max) {
        rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
    }
    return limit.rlim_cur == RLIM_INFINITY ? std::size_t(1) << 20 : static_cast<std::size_t>(limit.rlim_cur);
}

}  // namespace

struct ConnectionServer::Impl {
    enum class Phase { reading, working, writing, lingering };

    struct Connection {
        int fd = -1;
        std::uint64_t id = 0;
        Peer peer;
        RequestFramer framer;
        Phase phase = Phase::reading;
        std::string out;
        std::size_t out_pos = 0;
        bool close_after_write = false;
        bool continue_sent = false;
        std::size_t accounted = 0;  // bytes counted in buffered_bytes
        Clock::time_point since;    // phase start (reading: idle since; writing; lingering)
        Clock::time_point request_started;
        bool request_open = false;  // a request's first byte has arrived
        bool peer_gone = false;     // reset or hung up while its request was being answered
        std::string client;         // client_key() its bytes (and, unless via_proxy, itself) count under
        bool via_proxy = false;     // from a trusted proxy: the client is named per request
        Peer request_peer;          // who the request being read comes from

        explicit Connection(const FramingLimits& limits) : framer(limits) {}
    };

    struct Job {
        int fd;
        std::uint64_t id;
        std::string request;
        Peer peer;
    };
    struct Done {
        int fd;
        std::uint64_t id;
        Answer answer;
    };

    ConnectionLimits limits;
    Responder respond;
    Refuser refuse;

    // What one client holds: its connections (not those of a trusted proxy) and unanswered bytes.
    struct ClientUse {
        std::size_t connections = 0;
        std::size_t buffered = 0;
    };

    int listen_fd = -1;
    int epoll_fd = -1;
    int wake_fd = -1;
    bool listening = false;            // the listen descriptor is watched
    Clock::time_point accept_resume{};  // out of descriptors: no accepting before this
    std::size_t descriptors = 0;        // RLIMIT_NOFILE, once listening
    std::unordered_map<std::string, ClientUse> clients;
    std::string too_many_connections;  // the answer to a client past its connections
    std::atomic<bool> stopping{false};
    std::uint64_t next_id = 1;
    std::size_t buffered_bytes = 0;
    std::unordered_map<int, std::unique_ptr<Connection>> connections;

    std::mutex mutex;
    std::condition_variable jobs_ready;
    std::deque<Job> jobs;
    std::deque<Done> done;
    bool workers_stop = false;
    std::vector<std::thread> workers;
    std::size_t in_flight = 0;  // jobs handed out and not yet written back (event thread only)

    Impl(ConnectionLimits l, Responder r, Refuser f) : limits(std::move(l)), respond(std::move(r)), refuse(std::move(f)) {
        too_many_connections =
            refuse(429, "too_many_connections", "Er zijn te veel verbindingen tegelijk vanaf dit adres; probeer het zo opnieuw.");
        epoll_fd = epoll_create1(EPOLL_CLOEXEC);
        wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (epoll_fd < 0 || wake_fd < 0) throw std::runtime_error("epoll/eventfd: " + std::string(std::strerror(errno)));
        watch(wake_fd, EPOLLIN, EPOLL_CTL_ADD);
    }

    ~Impl() {
        stop_workers();
        for (auto& [fd, c] : connections) close(fd);
        if (listen_fd >= 0) close(listen_fd);
        if (wake_fd >= 0) close(wake_fd);
        if (epoll_fd >= 0) close(epoll_fd);
    }

    void watch(int fd, std::uint32_t events, int op) {
        epoll_event ev{};
        ev.events = events;
        ev.data.fd = fd;
        epoll_ctl(epoll_fd, op, fd, &ev);
    }

    void wake() {
        const std::uint64_t one = 1;
        [[maybe_unused]] const auto n = write(wake_fd, &one, sizeof one);
    }

    // [SECTION] listening

    int open_listener(const std::string& host, int port) {
        addrinfo hints{};
        hints.ai_family = AF_UNSPEC;
        hints.ai_socktype = SOCK_STREAM;
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
        addrinfo* found = nullptr;
        const std::string service = std::to_string(port);
        if (getaddrinfo(host.c_str(), service.c_str(), &hints, &found) != 0 || !found)
            throw std::runtime_error("adres " + host + " is onbekend");
        std::string failure;
        for (addrinfo* ai = found; ai; ai = ai->ai_next) {
            const int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
            if (fd < 0) continue;
            // SO_REUSEADDR lets a restart bind while old connections linger in TIME_WAIT; it
            // never lets two servers listen on one port (that would need SO_REUSEPORT).
            const int yes = 1;
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
            if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && ::listen(fd, limits.backlog) == 0) {
                freeaddrinfo(found);
                return fd;
            }
            failure = errno == EADDRINUSE ? "poort " + service + " op " + host +
                                                " is al in gebruik (draait er al een server?); kies een andere met --port"
                                          : "kan niet luisteren op " + host + ":" + service + ": " + std::strerror(errno);
            close(fd);
        }
        freeaddrinfo(found);
        throw std::runtime_error(failure.empty() ? "kan niet luisteren op " + host + ":" + service : failure);
    }

    // Watches the listen descriptor while there is room for a connection and descriptors
    // are not exhausted; the kernel's backlog holds further connections meanwhile.
    void update_listening() {
        const bool want = listen_fd >= 0 && !stopping && connections.size() < limits.max_connections &&
                          Clock::now() >= accept_resume;
        if (want == listening) return;
        watch(listen_fd, want ? std::uint32_t{EPOLLIN} : 0u, EPOLL_CTL_MOD);
        listening = want;
    }

    // Full: the connection idle the longest (between requests) makes room, if there is one.
    bool evict_idle() {
        Connection* oldest = nullptr;
        for (auto& [fd, c] : connections)
            if (c->phase == Phase::reading && !c->request_open && (!oldest || c->since < oldest->since)) oldest = c.get();
        if (!oldest) return false;
        close_connection(*oldest);
        return true;
    }

    void accept_all() {
        for (;;) {
            if (connections.size() >= limits.max_connections && !evict_idle()) break;
            sockaddr_storage addr{};
            socklen_t len = sizeof addr;
            const int fd = accept4(listen_fd, reinterpret_cast<sockaddr*>(&addr), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (fd < 0) {
                if (errno == EINTR || errno == ECONNABORTED) continue;
                if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
                    // Out of descriptors or memory: the waiting connection stays in the backlog
                    // (a level-triggered listen descriptor would wake the loop at once, again
                    // and again); try again a little later.
                    accept_resume = Clock::now() + kAcceptBackoff;
                }
                break;  // EAGAIN: all taken
            }
            Peer peer = peer_of(addr);
            const bool via_proxy = is_trusted(peer.ip, limits.trusted_proxies);
            std::string key = client_key(peer.ip);
            if (!via_proxy && clients[key].connections >= limits.max_connections_per_client) {
                // This client holds its share already: say so and close, costing nothing more.
                [[maybe_unused]] const auto n =
                    send(fd, too_many_connections.data(), too_many_connections.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
                close(fd);
                continue;
            }
            const int yes = 1;
            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
            auto c = std::make_unique<Connection>(limits.framing);
            c->fd = fd;
            c->id = next_id++;
            c->request_peer = peer;
            c->peer = std::move(peer);
            c->client = std::move(key);
            c->via_proxy = via_proxy;
            if (!via_proxy) ++clients[c->client].connections;
            c->since = Clock::now();
            watch(fd, EPOLLIN | EPOLLRDHUP, EPOLL_CTL_ADD);
            connections.emplace(fd, std::move(c));
        }
        update_listening();
    }

    // [SECTION] connections

    void account(Connection& c) {
        const std::size_t now = c.framer.buffered_bytes() + (c.out.size() - c.out_pos);
        buffered_bytes = buffered_bytes - c.accounted + now;
        ClientUse& use = clients[c.client];
        use.buffered = use.buffered - c.accounted + now;
        c.accounted = now;
    }

    // Counts the connection's bytes under another client (a proxied request's client).
    void move_to_client(Connection& c, std::string key) {
        if (key == c.client) return;
        release_client(c.client, 0, c.accounted);
        c.client = std::move(key);
        clients[c.client].buffered += c.accounted;
    }

    void release_client(const std::string& key, std::size_t connections_held, std::size_t bytes) {
        const auto it = clients.find(key);
        if (it == clients.end()) return;
        it->second.connections -= connections_held;
        it->second.buffered -= bytes;
        if (it->second.connections == 0 && it->second.buffered == 0) clients.erase(it);
    }

    void close_connection(Connection& c) {
        const int fd = c.fd;
        buffered_bytes -= c.accounted;
        release_client(c.client, c.via_proxy ? 0 : 1, c.accounted);
        epoll_ctl(epoll_fd, EPOLL_CTL_DEL, fd, nullptr);
        close(fd);
        connections.erase(fd);  // c is gone
        update_listening();
    }

    // The client of the request being read on a trusted proxy's connection, once its headers
    // are in: the address it forwards (X-Forwarded-For).
    void name_forwarded_client(Connection& c) {
        if (!c.via_proxy || !c.framer.headers_complete()) return;
        std::string forwarded;
        const std::string& head = c.framer.head();
        for (std::size_t pos = head.find("\r\n"); pos != std::string::npos && pos + 2 < head.size();) {
            const std::size_t next = head.find("\r\n", pos + 2);
            const std::string_view line(head.data() + pos + 2, next - pos - 2);
            constexpr std::string_view kName = "x-forwarded-for:";
            if (line.size() >= kName.size() &&
                std::equal(kName.begin(), kName.end(), line.begin(), [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); }))
                forwarded += (forwarded.empty() ? "" : ",") + std::string(line.substr(kName.size()));
            pos = next;
        }
        c.request_peer = {forwarded_client(c.peer.ip, forwarded, limits.trusted_proxies), 0};
        move_to_client(c, client_key(c.request_peer.ip));
    }

    // Answers without a handler and closes once the answer is out.
    void refuse_request(Connection& c, int status, const std::string& code, const std::string& message) {
        start_writing(c, {refuse(status, code, message), true});
    }

    void start_writing(Connection& c, Answer answer) {
        c.phase = Phase::writing;
        c.out = std::move(answer.bytes);
        c.out_pos = 0;
        c.close_after_write = answer.close || stopping;
        c.since = Clock::now();
        account(c);
        write_some(c);
    }

    // Returns false when the connection was closed.
    bool write_some(Connection& c) {
        while (c.out_pos < c.out.size()) {
            const ssize_t n = send(c.fd, c.out.data() + c.out_pos, c.out.size() - c.out_pos, MSG_NOSIGNAL);
            if (n > 0) {
                c.out_pos += static_cast<std::size_t>(n);
                continue;
            }
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
                watch(c.fd, EPOLLOUT, EPOLL_CTL_MOD);
                account(c);
                return true;
            }
            if (n < 0 && errno == EINTR) continue;
            close_connection(c);
            return false;
        }
        c.out.clear();
        c.out_pos = 0;
        if (c.close_after_write) {
            // Stop sending, drain what the client still sends for a moment, then close, so
            // that the answer is not lost to a reset while its request is still arriving.
            shutdown(c.fd, SHUT_WR);
            c.phase = Phase::lingering;
            c.since = Clock::now();
            account(c);
            watch(c.fd, EPOLLIN | EPOLLRDHUP, EPOLL_CTL_MOD);
            return true;
        }
        c.phase = Phase::reading;
        c.since = Clock::now();
        c.request_open = false;
        c.continue_sent = false;
        watch(c.fd, EPOLLIN | EPOLLRDHUP, EPOLL_CTL_MOD);
        return frame(c, c.framer.advance());  // a pipelined request may be waiting already
    }

    void read_some(Connection& c) {
        char buffer[kReadChunk];
        std::size_t total = 0;
        while (total < kMaxReadPerWake) {
            const ssize_t n = recv(c.fd, buffer, sizeof buffer, 0);
            if (n > 0) {
                total += static_cast<std::size_t>(n);
                if (c.phase == Phase::lingering) continue;  // discarded
                if (!frame(c, c.framer.feed(std::string_view(buffer, static_cast<std::size_t>(n))))) return;
                if (c.phase != Phase::reading) return;
                continue;
            }
            if (n < 0 && errno == EINTR) continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
            close_connection(c);  // end of stream or error
            return;
        }
    }

    // Acts on the framer's state after new bytes. Returns false when the connection was closed.
    bool frame(Connection& c, RequestFramer::State state) {
        const int fd = c.fd;  // `c` is gone once a refusal's answer fails and closes it
        if (!c.request_open && c.framer.started()) {
            c.request_open = true;
            c.request_started = Clock::now();
        }
        name_forwarded_client(c);
        account(c);
        if (state == RequestFramer::State::refused) {
            refuse_request(c, c.framer.refusal_status(), c.framer.refusal_code(), c.framer.refusal_message());
            return connections.count(fd) != 0;
        }
        const bool own_client = !c.via_proxy || c.framer.headers_complete();  // not a proxy's own bytes
        if (own_client && clients[c.client].buffered > limits.max_buffered_bytes_per_client) {
            refuse_request(c, 429, "too_much_data",
                           "Vanaf dit adres komen te veel gegevens tegelijk binnen; probeer het zo opnieuw.");
            return connections.count(fd) != 0;
        }
        if (buffered_bytes > limits.max_buffered_bytes) {
            refuse_request(c, 503, "busy", "De server is even te druk; probeer het zo opnieuw.");
            return connections.count(fd) != 0;
        }
        if (state == RequestFramer::State::need_more) {
            if (c.framer.wants_continue() && !c.continue_sent) {
                c.continue_sent = true;
                static const char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";
                [[maybe_unused]] const auto n = send(c.fd, kContinue, sizeof kContinue - 1, MSG_NOSIGNAL);
            }
            return true;
        }
        // A complete request: stop reading this connection until its answer is written.
        FramedRequest request = c.framer.take();
        const Peer from = c.request_peer;
        if (c.via_proxy) {
            // What follows on this connection may be another client's request.
            c.request_peer = c.peer;
            move_to_client(c, client_key(c.peer.ip));
        }
        account(c);
        c.phase = Phase::working;
        watch(c.fd, 0, EPOLL_CTL_MOD);  // level-triggered: watching nothing while the answer is made
        ++in_flight;
        {
            std::lock_guard lock(mutex);
            jobs.push_back({c.fd, c.id, request.text(), from});
        }
        jobs_ready.notify_one();
        return true;
    }

    void on_event(int fd, std::uint32_t events) {
        auto it = connections.find(fd);
        if (it == connections.end()) return;
        Connection& c = *it->second;
        if (c.phase == Phase::working) {
            // Only a reset or hang-up is reported now; stop watching it until the answer is made.
            c.peer_gone = true;
            epoll_ctl(epoll_fd, EPOLL_CTL_DEL, fd, nullptr);
            return;
        }
        if (events & (EPOLLERR | EPOLLHUP)) {
            close_connection(c);
            return;
        }
        if (c.phase == Phase::writing) {
            if (events & EPOLLOUT) write_some(c);
            return;
        }
        read_some(c);  // reading or lingering; EPOLLRDHUP shows as a read of 0
    }

    void collect_done() {
        std::uint64_t count = 0;
        [[maybe_unused]] const auto n = read(wake_fd, &count, sizeof count);
        std::deque<Done> finished;
        {
            std::lock_guard lock(mutex);
            finished.swap(done);
        }
        for (Done& d : finished) {
            --in_flight;
            auto it = connections.find(d.fd);
            if (it == connections.end() || it->second->id != d.id) continue;
            if (it->second->peer_gone) {
                close_connection(*it->second);
                continue;
            }
            start_writing(*it->second, std::move(d.answer));
        }
    }

    void check_deadlines() {
        const auto now = Clock::now();
        std::vector<int> expired_idle, expired_request, expired_other;
        for (auto& [fd, c] : connections) {
            switch (c->phase) {
            case Phase::reading:
                if (!c->request_open) {
                    if (now - c->since > limits.idle_timeout || stopping) expired_idle.push_back(fd);
                } else if ((!c->framer.headers_complete() && now - c->request_started > limits.header_deadline) ||
                           now - c->request_started > limits.request_deadline) {
                    expired_request.push_back(fd);
                }
                break;
            case Phase::writing:
                if (now - c->since > limits.write_deadline) expired_other.push_back(fd);
                break;
            case Phase::lingering:
                if (now - c->since > kLinger) expired_other.push_back(fd);
                break;
            case Phase::working:
                break;
            }
        }
        for (int fd : expired_idle) close_connection(*connections.at(fd));
        for (int fd : expired_other) close_connection(*connections.at(fd));
        for (int fd : expired_request) {
            Connection& c = *connections.at(fd);
            c.framer = RequestFramer(limits.framing);
            refuse_request(c, 408, "timeout", "De aanvraag kwam niet op tijd volledig aan.");
        }
    }

    // [SECTION] workers

    void start_workers() {
        for (int i = 0; i < std::max(1, limits.workers); ++i)
            workers.emplace_back([this] {
                for (;;) {
                    Job job;
                    {
                        std::unique_lock lock(mutex);
                        jobs_ready.wait(lock, [&] { return workers_stop || !jobs.empty(); });
                        if (jobs.empty()) return;
                        job = std::move(jobs.front());
                        jobs.pop_front();
                    }
                    Answer answer;
                    try {
                        answer = respond(job.request, job.peer);
                    } catch (...) {
                        answer = {refuse(500, "internal", "Interne fout; probeer het later opnieuw."), true};
                    }
                    {
                        std::lock_guard lock(mutex);
                        done.push_back({job.fd, job.id, std::move(answer)});
                    }
                    wake();
                }
            });
    }

    void stop_workers() {
        {
            std::lock_guard lock(mutex);
            workers_stop = true;
        }
        jobs_ready.notify_all();
        for (auto& t : workers) t.join();
        workers.clear();
    }

    // [SECTION] the loop

    void run() {
        start_workers();
        watch(listen_fd, EPOLLIN, EPOLL_CTL_ADD);
        listening = true;
        auto last_check = Clock::now();
        Clock::time_point stop_started{};
        std::vector<epoll_event> events(256);
        for (;;) {
            if (stopping && stop_started == Clock::time_point{}) {
                stop_started = Clock::now();
                epoll_ctl(epoll_fd, EPOLL_CTL_DEL, listen_fd, nullptr);
                close(listen_fd);
                listen_fd = -1;
                listening = false;
            }
            if (stopping) {
                // Idle connections close at once; a request that has begun arriving is read,
                // answered and written out, until the stop's deadline.
                check_deadlines();
                bool busy = in_flight > 0;
                for (auto& [fd, c] : connections)
                    busy = busy || c->phase == Phase::writing || (c->phase == Phase::reading && c->request_open);
                if (!busy || Clock::now() - stop_started > limits.stop_deadline) break;
            }
            int timeout = 200;
            if (!listening && listen_fd >= 0 && accept_resume > Clock::now())
                timeout = std::clamp(static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(accept_resume - Clock::now()).count()) + 1, 1, 200);
            const int n = epoll_wait(epoll_fd, events.data(), static_cast<int>(events.size()), timeout);
            for (int i = 0; i < n; ++i) {
                const int fd = events[static_cast<std::size_t>(i)].data.fd;
                if (fd == wake_fd)
                    collect_done();
                else if (fd == listen_fd)
                    accept_all();
                else
                    on_event(fd, events[static_cast<std::size_t>(i)].events);
            }
            update_listening();  // after a back-off from exhausted descriptors
            if (Clock::now() - last_check > std::chrono::milliseconds(200)) {
                check_deadlines();
                last_check = Clock::now();
            }
        }
        stop_workers();
    }
};

ConnectionServer::ConnectionServer(ConnectionLimits limits, Responder respond, Refuser refuse)
    : impl_(std::make_unique<Impl>(std::move(limits), std::move(respond), std::move(refuse))) {}

ConnectionServer::~ConnectionServer() = default;

int ConnectionServer::listen(const std::string& host, int port) {
    Impl& d = *impl_;
    d.descriptors = raise_descriptor_limit();
    const std::size_t reserved = d.limits.reserved_descriptors + 32;  // + the listener, epoll, standard streams, locks
    const std::size_t room = d.descriptors > reserved + 16 ? d.descriptors - reserved : 16;
    d.limits.max_connections = std::min(d.limits.max_connections, room);
    impl_->listen_fd = impl_->open_listener(host, port);
    set_nonblocking(impl_->listen_fd);
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    getsockname(impl_->listen_fd, reinterpret_cast<sockaddr*>(&addr), &len);
    return peer_of(addr).port;
}

void ConnectionServer::run() { impl_->run(); }

std::size_t ConnectionServer::max_connections() const { return impl_->limits.max_connections; }

std::size_t ConnectionServer::descriptor_limit() const { return impl_->descriptors; }

void ConnectionServer::stop() {
    impl_->stopping = true;
    impl_->wake();
}

}  // namespace samenleven::server
