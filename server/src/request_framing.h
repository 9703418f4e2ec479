// Framing HTTP/1.1 requests out of the bytes a connection delivers, before any of them is
// given to a handler: the limits on the header section and the body are enforced while the
// bytes arrive, however the body is sent (Content-Length or chunked). No I/O: the connection
// layer feeds bytes in, the fuzz target feeds arbitrary ones.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace samenleven::server {

struct FramingLimits {
    std::size_t max_header_bytes = 16 * 1024;  // request line and headers
    std::size_t max_body_bytes = std::size_t(1) << 20;  // the body, after removing chunked framing (the server sets kMaxDocumentBytes)
};

// One complete request, rewritten for the handler: the request line and headers as sent,
// less Transfer-Encoding, Content-Length and Expect, plus one Content-Length of the body;
// then the body itself (de-chunked). Every request has a known length, so nothing after it
// can be read as its body.
struct FramedRequest {
    std::string head;           // "GET /x HTTP/1.1\r\nHost: a\r\n" (no blank line)
    std::string body;
    bool expects_continue = false;
    std::string text() const;   // head + "Content-Length: N\r\n\r\n" + body
};

class RequestFramer {
public:
    enum class State {
        need_more,   // read more bytes (the request is incomplete)
        complete,    // take() the request; bytes after it stay for the next one
        refused,     // answer refusal_status() and close the connection
    };

    explicit RequestFramer(FramingLimits limits = {}) : limits_(limits) {}

    // Appends received bytes and frames as far as they allow.
    State feed(std::string_view bytes);
    // Frames again what is already buffered (after take(), for a pipelined request).
    State advance();

    bool headers_complete() const { return stage_ > Stage::head; }
    // The request line and headers as FramedRequest::head has them, once headers_complete().
    const std::string& head() const { return request_.head; }
    // The header section is complete and the client waits for "100 Continue".
    bool wants_continue() const { return stage_ == Stage::body && request_.expects_continue; }
    bool started() const { return !buffer_.empty() || stage_ != Stage::head; }  // a request has begun
    // What this request holds in memory: bytes not yet framed and the body's storage.
    std::size_t buffered_bytes() const {
        const std::size_t small = std::string().capacity();  // kept inside the string itself
        return buffer_.size() + (request_.body.capacity() > small ? request_.body.capacity() : request_.body.size());
    }

    // The framed request; the framer starts on the next one (bytes already received stay).
    FramedRequest take();

    int refusal_status() const { return refusal_status_; }
    const std::string& refusal_code() const { return refusal_code_; }
    const std::string& refusal_message() const { return refusal_message_; }

private:
    enum class Stage { head, body, chunk_size, chunk_data, chunk_data_end, trailers, done };

    State refuse(int status, std::string code, std::string message);
    State frame_head();
    State frame_body();

    FramingLimits limits_;
    std::string buffer_;        // received, not yet framed
    State state_ = State::need_more;
    Stage stage_ = Stage::head;
    FramedRequest request_;
    std::uint64_t remaining_ = 0;  // body or chunk bytes still to come
    bool chunked_ = false;
    std::size_t trailer_bytes_ = 0;
    int refusal_status_ = 0;
    std::string refusal_code_;
    std::string refusal_message_;
};

}  // namespace samenleven::server
