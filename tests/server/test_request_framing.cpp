// The request framer on its own: what a handler gets, and what is refused while it arrives.
#include <doctest/doctest.h>

#include "request_framing.h"

using samenleven::server::FramedRequest;
using samenleven::server::FramingLimits;
using samenleven::server::RequestFramer;
using State = RequestFramer::State;

namespace {
// Feeds `bytes` one at a time; returns the state after the last byte.
State feed_bytewise(RequestFramer& framer, const std::string& bytes) {
    State state = State::need_more;
    for (char c : bytes) state = framer.feed(std::string_view(&c, 1));
    return state;
}
}  // namespace

TEST_CASE("[Framing] a request with a body gets one Content-Length, whole or byte by byte") {
    const std::string request = "PUT /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nX-Y: z\r\n\r\nhello";
    for (bool bytewise : {false, true}) {
        RequestFramer framer;
        const State state = bytewise ? feed_bytewise(framer, request) : framer.feed(request);
        REQUIRE(state == State::complete);
        const FramedRequest r = framer.take();
        CHECK(r.head == "PUT /a HTTP/1.1\r\nHost: x\r\nX-Y: z\r\n");
        CHECK(r.body == "hello");
        CHECK(r.text() == "PUT /a HTTP/1.1\r\nHost: x\r\nX-Y: z\r\nContent-Length: 5\r\n\r\nhello");
    }
}

TEST_CASE("[Framing] chunked bodies are de-chunked; extensions and trailers are dropped") {
    RequestFramer framer;
    const std::string request =
        "POST /p HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nX-Trailer: 1\r\n\r\n";
    REQUIRE(feed_bytewise(framer, request) == State::complete);
    const FramedRequest r = framer.take();
    CHECK(r.body == "Wikipedia in\r\n\r\nchunks.");
    CHECK(r.head == "POST /p HTTP/1.1\r\n");
}

TEST_CASE("[Framing] pipelined requests come one at a time; a request without a body has length 0") {
    RequestFramer framer;
    REQUIRE(framer.feed("GET /1 HTTP/1.1\r\n\r\nPOST /2 HTTP/1.1\r\nContent-Length: 2\r\n\r\nokGET /3 HTTP/1.1\r\n\r\n") == State::complete);
    CHECK(framer.take().text() == "GET /1 HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
    REQUIRE(framer.advance() == State::complete);
    CHECK(framer.take().body == "ok");
    REQUIRE(framer.advance() == State::complete);
    CHECK(framer.take().head == "GET /3 HTTP/1.1\r\n");
    CHECK(framer.advance() == State::need_more);
    CHECK_FALSE(framer.started());
}

TEST_CASE("[Framing] limits are enforced while the bytes arrive") {
    const FramingLimits limits{256, 1000};
    SUBCASE("Content-Length above the limit: refused before any body byte") {
        RequestFramer framer(limits);
        CHECK(framer.feed("POST / HTTP/1.1\r\nContent-Length: 1001\r\n\r\n") == State::refused);
        CHECK(framer.refusal_status() == 413);
    }
    SUBCASE("chunked: refused at the chunk that passes the limit") {
        RequestFramer framer(limits);
        CHECK(framer.feed("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n") == State::need_more);
        CHECK(framer.feed("1f4\r\n" + std::string(500, 'a') + "\r\n") == State::need_more);
        CHECK(framer.feed("1f5\r\n") == State::refused);
        CHECK(framer.refusal_status() == 413);
        CHECK(framer.buffered_bytes() == 0);
    }
    SUBCASE("headers that never end") {
        RequestFramer framer(limits);
        CHECK(framer.feed("GET / HTTP/1.1\r\nX: " + std::string(300, 'a')) == State::refused);
        CHECK(framer.refusal_status() == 431);
    }
    SUBCASE("a chunk size line that never ends, or ends too late: the same answer, however it arrives") {
        for (const std::string& line : {std::string(2000, '0'), "1;" + std::string(2000, 'x') + "\r\n"}) {
            RequestFramer whole(limits), bytewise(limits);
            whole.feed("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n");
            bytewise.feed("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n");
            CHECK(whole.feed(line) == State::refused);
            CHECK(whole.refusal_status() == 400);
            CHECK(feed_bytewise(bytewise, line) == State::refused);
            CHECK(bytewise.refusal_status() == 400);
        }
    }
}

TEST_CASE("[Framing] ambiguous or malformed requests are refused") {
    const auto refusal = [](const std::string& request) {
        RequestFramer framer;
        return framer.feed(request) == State::refused ? framer.refusal_status() : 0;
    };
    CHECK(refusal("POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n") == 400);
    CHECK(refusal("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n") == 400);
    CHECK(refusal("POST / HTTP/1.1\r\nContent-Length: -3\r\n\r\n") == 400);
    CHECK(refusal("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n") == 501);
    CHECK(refusal("GET / HTTP/2.0\r\n\r\n") == 505);
    CHECK(refusal("GET /a%00.html HTTP/1.1\r\n\r\n") == 400);
    CHECK(refusal("GET /a\x01 HTTP/1.1\r\n\r\n") == 400);
    CHECK(refusal("GET / HTTP/1.1\r\nX: a\x01b\r\n\r\n") == 400);
    CHECK(refusal("GET / HTTP/1.1\r\n folded\r\n\r\n") == 400);
    CHECK(refusal("GET  / HTTP/1.1\r\n\r\n") == 400);
    CHECK(refusal("GET / HTTP/1.1\r\nExpect: something\r\n\r\n") == 417);
    CHECK(refusal("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n") == 400);
    CHECK(refusal("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabX\r\n") == 400);
}

TEST_CASE("[Framing] Expect: 100-continue is noticed once the headers are in") {
    RequestFramer framer;
    CHECK(framer.feed("POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n") == State::need_more);
    CHECK(framer.wants_continue());
    CHECK(framer.feed("ok") == State::complete);
    CHECK(framer.take().head == "POST / HTTP/1.1\r\n");
}

TEST_CASE("[Framing] a chunk line of exactly the longest length is framed the same whole and byte by byte") {
    // Found by fuzz_request: byte by byte, the line's CR arrived before its LF and the CR was
    // counted as part of the line, so a line of exactly 1,024 bytes was refused as too long.
    const std::string line = "5;" + std::string(1022, 'x');  // 1,024 bytes: the longest allowed
    const std::string request = "POST /p HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + line + "\r\nhello\r\n0\r\n\r\n";
    for (bool bytewise : {false, true}) {
        RequestFramer framer;
        const State state = bytewise ? feed_bytewise(framer, request) : framer.feed(request);
        INFO((bytewise ? "byte by byte" : "whole"));
        REQUIRE(state == State::complete);
        CHECK(framer.take().body == "hello");
    }
    // One byte more is refused both ways.
    const std::string longer = "POST /p HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + line + "x\r\nhello\r\n0\r\n\r\n";
    for (bool bytewise : {false, true}) {
        RequestFramer framer;
        CHECK((bytewise ? feed_bytewise(framer, longer) : framer.feed(longer)) == State::refused);
        CHECK(framer.refusal_status() == 400);
    }
}
