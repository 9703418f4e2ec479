#include "request_framing.h"

#include <algorithm>
#include <cctype>

namespace samenleven::server {

namespace {

constexpr std::size_t kMaxChunkLine = 1024;  // a chunk's size line with its extensions

bool is_token_char(unsigned char c) {
    return std::isalnum(c) || std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// A request target may not carry control characters or an encoded NUL, which would cut a
// file name short when the target is decoded (and change the type it is served as).
bool valid_target(std::string_view target) {
    if (target.empty()) return false;
    for (std::size_t i = 0; i < target.size(); ++i) {
        const auto c = static_cast<unsigned char>(target[i]);
        if (c <= 0x20 || c == 0x7f) return false;
        if (c == '%' && i + 2 < target.size() && target[i + 1] == '0' && target[i + 2] == '0') return false;
    }
    return true;
}

bool valid_field_value(std::string_view value) {
    for (unsigned char c : value)
        if ((c < 0x20 && c != '\t') || c == 0x7f) return false;
    return true;
}

}  // namespace

std::string FramedRequest::text() const {
    std::string out;
    out.reserve(head.size() + body.size() + 40);
    out += head;
    out += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    out += body;
    return out;
}

RequestFramer::State RequestFramer::feed(std::string_view bytes) {
    if (state_ == State::refused) return state_;
    buffer_.append(bytes.data(), bytes.size());
    return advance();
}

RequestFramer::State RequestFramer::advance() {
    if (state_ != State::need_more) return state_;
    if (stage_ == Stage::head) {
        state_ = frame_head();
        if (state_ != State::need_more || stage_ == Stage::head) return state_;
    }
    state_ = frame_body();
    return state_;
}

FramedRequest RequestFramer::take() {
    FramedRequest out = std::move(request_);
    request_ = {};
    stage_ = Stage::head;
    remaining_ = 0;
    chunked_ = false;
    trailer_bytes_ = 0;
    state_ = State::need_more;
    return out;
}

RequestFramer::State RequestFramer::refuse(int status, std::string code, std::string message) {
    refusal_status_ = status;
    refusal_code_ = std::move(code);
    refusal_message_ = std::move(message);
    std::string().swap(buffer_);  // and their storage
    std::string().swap(request_.body);
    return state_ = State::refused;
}

RequestFramer::State RequestFramer::frame_head() {
    // Empty lines before a request are allowed (RFC 9112, 2.2).
    std::size_t start = 0;
    while (buffer_.compare(start, 2, "\r\n") == 0) start += 2;
    if (start > 0) buffer_.erase(0, start);

    const std::size_t end = buffer_.find("\r\n\r\n");
    if (end == std::string::npos || end + 4 > limits_.max_header_bytes) {
        if (buffer_.size() > limits_.max_header_bytes || end != std::string::npos)
            return refuse(431, "headers_too_large", "De kopregels van de aanvraag zijn te groot.");
        return State::need_more;
    }
    const std::string head = buffer_.substr(0, end + 2);
    buffer_.erase(0, end + 4);

    const auto bad = [this](const std::string& what) {
        return refuse(400, "bad_request", "Ongeldige HTTP-aanvraag: " + what + ".");
    };

    // Request line: METHOD SP target SP HTTP/1.x
    std::size_t line_end = head.find("\r\n");
    const std::string_view line(head.data(), line_end);
    const std::size_t sp1 = line.find(' ');
    const std::size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
    if (sp1 == std::string_view::npos || sp2 == std::string_view::npos || line.find(' ', sp2 + 1) != std::string_view::npos)
        return bad("de eerste regel heeft niet de vorm METHODE ADRES VERSIE");
    const std::string_view method = line.substr(0, sp1);
    const std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
    const std::string_view version = line.substr(sp2 + 1);
    if (method.empty() || !std::all_of(method.begin(), method.end(), [](char c) { return is_token_char(static_cast<unsigned char>(c)); }))
        return bad("ongeldige methode");
    if (!valid_target(target)) return bad("het adres bevat ongeldige tekens");
    if (version != "HTTP/1.1" && version != "HTTP/1.0")
        return refuse(505, "http_version", "Alleen HTTP/1.1 en HTTP/1.0 worden ondersteund.");

    request_.head.assign(line.data(), line.size());
    request_.head += "\r\n";
    bool has_length = false;
    std::uint64_t length = 0;
    chunked_ = false;
    request_.expects_continue = false;
    for (std::size_t pos = line_end + 2; pos < head.size();) {
        const std::size_t next = head.find("\r\n", pos);
        const std::string_view field(head.data() + pos, next - pos);
        pos = next + 2;
        const std::size_t colon = field.find(':');
        if (colon == std::string_view::npos || colon == 0) return bad("een kopregel zonder naam");
        const std::string_view name = field.substr(0, colon);
        if (!std::all_of(name.begin(), name.end(), [](char c) { return is_token_char(static_cast<unsigned char>(c)); }))
            return bad("een ongeldige naam van een kopregel");
        const std::string_view value = trim(field.substr(colon + 1));
        if (!valid_field_value(value)) return bad("een kopregel bevat stuurtekens");
        if (equals_ignoring_case(name, "Content-Length")) {
            if (value.empty() || value.size() > 18 || !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
                return bad("Content-Length is geen getal");
            const std::uint64_t n = std::stoull(std::string(value));
            if (has_length && n != length) return bad("twee verschillende Content-Length");
            has_length = true;
            length = n;
            continue;
        }
        if (equals_ignoring_case(name, "Transfer-Encoding")) {
            if (!equals_ignoring_case(value, "chunked"))
                return refuse(501, "not_implemented", "Alleen Transfer-Encoding: chunked wordt ondersteund.");
            chunked_ = true;
            continue;
        }
        if (equals_ignoring_case(name, "Expect")) {
            if (!equals_ignoring_case(value, "100-continue"))
                return refuse(417, "expectation_failed", "Alleen Expect: 100-continue wordt ondersteund.");
            request_.expects_continue = true;
            continue;
        }
        request_.head.append(field.data(), field.size());
        request_.head += "\r\n";
    }
    if (chunked_ && has_length) return bad("zowel Content-Length als Transfer-Encoding");
    if (chunked_ && version == "HTTP/1.0") return bad("chunked bestaat niet in HTTP/1.0");
    if (length > limits_.max_body_bytes)
        return refuse(413, "too_large", "De aanvraag is te groot (meer dan " + std::to_string(limits_.max_body_bytes) + " bytes).");

    if (chunked_) {
        stage_ = Stage::chunk_size;
    } else {
        remaining_ = length;
        stage_ = length > 0 ? Stage::body : Stage::done;
        // Storage grows with the bytes that arrive, not with what the client announces.
        request_.body.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(length, 64 * 1024)));
    }
    return State::need_more;
}

RequestFramer::State RequestFramer::frame_body() {
    std::size_t pos = 0;  // framed bytes of buffer_, erased once at the end
    State result = State::need_more;
    const auto bad = [this](const char* what) {
        return refuse(400, "bad_request", std::string("Ongeldige chunked body: ") + what + ".");
    };
    while (result == State::need_more) {
        if (stage_ == Stage::done) {
            result = State::complete;
            break;
        }
        if (stage_ == Stage::body || stage_ == Stage::chunk_data) {
            const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, buffer_.size() - pos));
            request_.body.append(buffer_, pos, n);
            pos += n;
            remaining_ -= n;
            if (remaining_ > 0) break;
            stage_ = stage_ == Stage::body ? Stage::done : Stage::chunk_data_end;
            continue;
        }
        if (stage_ == Stage::chunk_data_end) {
            if (buffer_.size() - pos < 2) break;
            if (buffer_.compare(pos, 2, "\r\n") != 0) return bad("een stuk eindigt niet op CRLF");
            pos += 2;
            stage_ = Stage::chunk_size;
            continue;
        }
        // chunk_size and trailers are lines.
        const std::size_t eol = buffer_.find("\r\n", pos);
        if (eol == std::string::npos) {
            // A CR at the end may be the first half of the line's CRLF: not part of the line.
            const std::size_t have = buffer_.size() - pos - (buffer_.size() > pos && buffer_.back() == '\r' ? 1 : 0);
            if (have > kMaxChunkLine) return bad("een te lange regel");
            break;
        }
        // The same limit whether the line's end has arrived or not, so that framing does
        // not depend on how the bytes were split.
        if (eol - pos > kMaxChunkLine) return bad("een te lange regel");
        const std::string_view text(buffer_.data() + pos, eol - pos);
        pos = eol + 2;
        if (stage_ == Stage::trailers) {
            if (text.empty()) {
                stage_ = Stage::done;
                continue;
            }
            trailer_bytes_ += text.size() + 2;
            if (trailer_bytes_ > limits_.max_header_bytes)
                return refuse(431, "headers_too_large", "De kopregels van de aanvraag zijn te groot.");
            continue;
        }
        // chunk-size [; extensions]
        std::size_t digits = 0;
        std::uint64_t size = 0;
        while (digits < text.size() && std::isxdigit(static_cast<unsigned char>(text[digits]))) {
            if (digits == 15) return bad("een te grote lengte van een stuk");
            const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(text[digits])));
            size = size * 16 + static_cast<std::uint64_t>(c <= '9' ? c - '0' : c - 'a' + 10);
            ++digits;
        }
        const std::string_view rest = trim(text.substr(digits));
        if (digits == 0 || (!rest.empty() && rest.front() != ';')) return bad("een ongeldige lengte van een stuk");
        if (size == 0) {
            stage_ = Stage::trailers;
            continue;
        }
        if (request_.body.size() + size > limits_.max_body_bytes)
            return refuse(413, "too_large", "De aanvraag is te groot (meer dan " + std::to_string(limits_.max_body_bytes) + " bytes).");
        remaining_ = size;
        stage_ = Stage::chunk_data;
    }
    buffer_.erase(0, pos);
    return result;
}

}  // namespace samenleven::server
