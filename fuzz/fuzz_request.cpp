// libFuzzer target: bytes as what a client sends the server over one connection.
// The bytes go through the request framer (request_framing.h) once whole and once in pieces
// of a size the input chooses; both must frame the same requests or the same refusal. Each
// framed request is then answered by the server's real routes (install_api over a Router, a
// Store in memory), so the JSON body parsing, authentication and every handler see the
// request. "Bearer T" in the input stands for a valid token of the lead government.
//
// A finding is: a crash, an ASan or UBSan report, a hang, an exception escaping the routes,
// a framed request above the limits, a difference between whole and piecewise framing, or an
// answer that is not an HTTP response with a JSON error or a success.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "api.h"
#include "request_framing.h"
#include "router.h"
#include "store.h"
#include "tokens.h"

namespace {

using namespace samenleven::server;

[[noreturn]] void report(const std::string& what, const std::string& detail) {
    std::fprintf(stderr, "\n==fuzz_request== FINDING: %s\n%s\n", what.c_str(), detail.substr(0, 2000).c_str());
    std::fflush(stderr);
    std::abort();
}

constexpr FramingLimits kLimits{4096, 16384};  // small, so that the limits are reached

struct Framed {
    std::vector<std::string> requests;
    int refusal = 0;
};

Framed frame(std::string_view bytes, std::size_t piece) {
    RequestFramer framer(kLimits);
    Framed out;
    auto drain = [&](RequestFramer::State state) {
        while (state == RequestFramer::State::complete) {
            const FramedRequest request = framer.take();
            if (request.body.size() > kLimits.max_body_bytes) report("body above the limit", request.head);
            if (request.head.size() > kLimits.max_header_bytes + 64) report("head above the limit", request.head);
            out.requests.push_back(request.text());
            state = framer.advance();
        }
        if (state == RequestFramer::State::refused) out.refusal = framer.refusal_status();
        return state != RequestFramer::State::refused;
    };
    for (std::size_t at = 0; at < bytes.size(); at += piece)
        if (!drain(framer.feed(bytes.substr(at, piece)))) break;
    return out;
}

struct Server {
    std::unique_ptr<Store> store;
    Router router;
    std::string token;

    Server() {
        init_crypto();
        char folder[] = "/tmp/fuzz_request-XXXXXX";
        if (!mkdtemp(folder)) report("mkdtemp failed", folder);
        store = std::make_unique<Store>(std::string(folder) + "/samenleven.sqlite3", Store::Sync::normal);
        store->add_government("42006", "Dendermonde", false);
        store->add_government("abb", "Agentschap Binnenlands Bestuur", true);
        token = store->issue_token("42006");
        store->set_quota(std::int64_t(8) << 20);
        ApiOptions options;
        options.max_body_bytes = kLimits.max_body_bytes;
        install_api(router, *store, options);
    }
};

Server& server() {
    static Server instance;
    return instance;
}

void answer(const std::string& request) {
    std::string text = request;
    for (std::size_t at = text.find("Bearer T"); at != std::string::npos; at = text.find("Bearer T", at + 1))
        text.replace(at, 8, "Bearer " + server().token);
    const Answer reply = server().router.answer(text, {"127.0.0.1", 1});
    if (reply.bytes.rfind("HTTP/1.1 ", 0) != 0) report("not an HTTP response", reply.bytes + "\n-- for --\n" + request);
    const int status = std::atoi(reply.bytes.c_str() + 9);
    if (status == 500) report("500 for a request", reply.bytes + "\n-- for --\n" + request);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::size_t piece = 1 + data[0] % 17;
    const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    const Framed whole = frame(bytes, bytes.size() + 1);
    const Framed pieces = frame(bytes, piece);
    if (whole.requests != pieces.requests || whole.refusal != pieces.refusal)
        report("whole and piecewise framing differ (piece " + std::to_string(piece) + ")",
               std::to_string(whole.requests.size()) + " vs " + std::to_string(pieces.requests.size()) + " requests, refusal " +
                   std::to_string(whole.refusal) + " vs " + std::to_string(pieces.refusal));
    for (const std::string& request : whole.requests) answer(request);
    return 0;
}
