#include "router.h"

#include <algorithm>
#include <cstring>

namespace samenleven::server {

namespace {

// One framed request to read from, the response written into a string.
class RequestStream : public httplib::Stream {
public:
    RequestStream(const std::string& request, const Peer& peer) : in_(request), peer_(peer) {}

    bool is_readable() const override { return pos_ < in_.size(); }
    bool is_writable() const override { return true; }
    ssize_t read(char* ptr, size_t size) override {
        const std::size_t n = std::min(size, in_.size() - pos_);
        std::memcpy(ptr, in_.data() + pos_, n);
        pos_ += n;
        return static_cast<ssize_t>(n);
    }
    ssize_t write(const char* ptr, size_t size) override {
        out_.append(ptr, size);
        return static_cast<ssize_t>(size);
    }
    void get_remote_ip_and_port(std::string& ip, int& port) const override {
        ip = peer_.ip;
        port = peer_.port;
    }
    void get_local_ip_and_port(std::string& ip, int& port) const override {
        ip.clear();
        port = 0;
    }
    // No socket of its own: httplib's check of select()'s descriptor limit does not apply.
    socket_t socket() const override { return INVALID_SOCKET; }

    std::string take_output() { return std::move(out_); }

private:
    const std::string& in_;
    std::size_t pos_ = 0;
    std::string out_;
    Peer peer_;
};

}  // namespace

Answer Router::answer(const std::string& request, const Peer& peer) {
    RequestStream stream(request, peer);
    bool close = false;
    const bool ok = process_request(stream, false, close, nullptr);
    Answer answer{stream.take_output(), close || !ok};
    return answer;
}

}  // namespace samenleven::server
