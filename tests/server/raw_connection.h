// A plain TCP connection to the server under test, for what an HTTP client library will not
// send: chunked uploads without end, headers a byte at a time, pipelined requests.
#pragma once
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <string>

namespace server_test {

class RawConnection {
public:
    // `source`: the loopback address to connect from (127.0.0.2 ...: another client to the
    // server), else the system's choice (127.0.0.1).
    explicit RawConnection(int port, const char* source = nullptr) {
        fd_ = socket(AF_INET, SOCK_STREAM, 0);
        if (fd_ < 0) throw std::runtime_error("cannot make a socket");
        if (source) {
            sockaddr_in from{};
            from.sin_family = AF_INET;
            inet_pton(AF_INET, source, &from.sin_addr);
            if (bind(fd_, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0) {
                close();
                throw std::runtime_error(std::string("cannot bind to ") + source);
            }
        }
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<uint16_t>(port));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
            close();
            throw std::runtime_error("cannot connect to port " + std::to_string(port));
        }
    }
    ~RawConnection() { close(); }
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    void close() {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }

    // False once the server has closed or reset the connection.
    bool send_all(const std::string& bytes) {
        std::size_t sent = 0;
        while (sent < bytes.size()) {
            const ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
            if (n <= 0) return false;
            sent += static_cast<std::size_t>(n);
        }
        return true;
    }

    // True when the server has sent something (or closed) within `ms`.
    bool readable(int ms) {
        pollfd p{fd_, POLLIN, 0};
        return ::poll(&p, 1, ms) > 0;
    }

    // Reads until the server closes, `ms` pass, or `until` appears in what was read.
    std::string receive(int ms, const std::string& until = "") {
        std::string out;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
        while (std::chrono::steady_clock::now() < deadline) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            if (!readable(static_cast<int>(left.count()) + 1)) break;
            char buffer[65536];
            const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
            if (n <= 0) break;
            out.append(buffer, static_cast<std::size_t>(n));
            if (!until.empty() && out.find(until) != std::string::npos) break;
        }
        return out;
    }

    // Reads one whole response (headers and Content-Length body); what follows it is kept
    // for the next call (pipelined answers).
    std::string response(int ms) {
        std::string out = pending_;
        pending_.clear();
        while (out.find("\r\n\r\n") == std::string::npos) {
            const std::string more = receive(ms, "\r\n\r\n");
            if (more.empty()) return out;
            out += more;
        }
        const auto head_end = out.find("\r\n\r\n");
        const auto cl = out.find("Content-Length: ");
        const std::size_t length = cl == std::string::npos || cl > head_end ? 0 : std::stoul(out.substr(cl + 16));
        while (out.size() < head_end + 4 + length) {
            const std::string more = receive(ms);
            if (more.empty()) break;
            out += more;
        }
        if (out.size() > head_end + 4 + length) {
            pending_ = out.substr(head_end + 4 + length);
            out.resize(head_end + 4 + length);
        }
        return out;
    }

private:
    int fd_ = -1;
    std::string pending_;
};

inline int status_of(const std::string& response) {
    return response.rfind("HTTP/1.1 ", 0) == 0 ? std::stoi(response.substr(9, 3)) : 0;
}

inline std::string body_of(const std::string& response) {
    const auto end = response.find("\r\n\r\n");
    return end == std::string::npos ? std::string() : response.substr(end + 4);
}

// Resident memory of a process in MiB.
inline long rss_mib(pid_t pid) {
    FILE* f = std::fopen(("/proc/" + std::to_string(pid) + "/status").c_str(), "r");
    if (!f) return -1;
    char line[256];
    long kib = -1;
    while (std::fgets(line, sizeof line, f))
        if (std::sscanf(line, "VmRSS: %ld kB", &kib) == 1) break;
    std::fclose(f);
    return kib / 1024;
}

}  // namespace server_test
