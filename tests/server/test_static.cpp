// Issue 19, item 1: the web app delivered as a production web server delivers it. The real
// server serves a site folder made here: every file with the variants the build writes beside
// it (NAME.br, NAME.gz; their bytes are markers here, so that which one went out is plain),
// names with a content hash for the app's files, fixed names for the page, the manifest and
// the service worker.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "api.h"
#include "raw_connection.h"
#include "server_process.h"
#include "static_files.h"

using namespace server_test;
using samenleven::server::choose_encoding;
using samenleven::server::Encoding;

namespace {

const std::string kWasm = "app.0123456789abcdef.wasm";
const std::string kFont = "DejaVuSans.fedcba9876543210.ttf";
const std::string kScript = "app.00112233445566aa.js";

struct Site {
    std::string parent = temp_dir("samenleven-static");
    std::string dir = parent + "/site";

    Site() {
        std::filesystem::create_directory(dir);
        // A file beside the site that no request may reach.
        std::ofstream(parent + "/secret.txt") << "geheim";
        for (const std::string& name : {std::string("index.html"), std::string("manifest.webmanifest"),
                                        std::string("service-worker.js"), kWasm, kFont, kScript}) {
            write(name, "original of " + name);
            write(name + ".br", "brotli of " + name);
            write(name + ".gz", "gzip of " + name);
        }
        write("icon.svg", "<svg/>");  // no variants: the original for every client
    }
    ~Site() { std::filesystem::remove_all(parent); }
    void write(const std::string& name, const std::string& bytes) const { std::ofstream(dir + "/" + name, std::ios::binary) << bytes; }
};

struct Served {
    Site site;
    ServerProcess server{temp_dir("samenleven-static-data"), "--site " + site.dir};
    ~Served() {
        server.stop(SIGTERM);
        std::filesystem::remove_all(server.data());
    }
    httplib::Result get(const std::string& path, const std::string& accept_encoding = "", const httplib::Headers& more = {}) {
        httplib::Client c = server.client();
        c.set_decompress(false);  // the bytes as they came
        httplib::Headers headers = more;
        if (!accept_encoding.empty()) headers.emplace("Accept-Encoding", accept_encoding);
        return c.Get(path.c_str(), headers);
    }
};

void check_security_headers(const httplib::Response& res) {
    CHECK(res.get_header_value("Content-Security-Policy") == samenleven::server::security_headers(false)[0].second);
    CHECK(res.get_header_value("X-Content-Type-Options") == "nosniff");
    CHECK(res.get_header_value("Referrer-Policy") == "no-referrer");
    CHECK(res.get_header_value("X-Frame-Options") == "DENY");
}

}  // namespace

TEST_CASE("[Static] each client gets the best encoding it accepts, with Vary, the wasm and the font included") {
    Served s;
    SUBCASE("br gets the .br file") {
        for (const std::string& name : {std::string("index.html"), kWasm, kFont, kScript}) {
            auto res = s.get("/" + name, "gzip, deflate, br");
            REQUIRE(res);
            CHECK(res->status == 200);
            CHECK(res->body == "brotli of " + name);  // once: not compressed again on the way out
            CHECK(res->get_header_value("Content-Encoding") == "br");
            CHECK(res->get_header_value("Vary") == "Accept-Encoding");
            CHECK(res->get_header_value("Content-Length") == std::to_string(res->body.size()));
        }
    }
    SUBCASE("gzip only gets the .gz file") {
        auto res = s.get("/" + kWasm, "gzip, deflate");
        REQUIRE(res);
        CHECK(res->body == "gzip of " + kWasm);
        CHECK(res->get_header_value("Content-Encoding") == "gzip");
        CHECK(res->get_header_value("Vary") == "Accept-Encoding");
    }
    SUBCASE("no Accept-Encoding, or identity, gets the original") {
        for (const std::string& accept : {std::string(""), std::string("identity"), std::string("deflate")}) {
            auto res = s.get("/index.html", accept);
            REQUIRE(res);
            CHECK(res->body == "original of index.html");
            CHECK_FALSE(res->has_header("Content-Encoding"));
            CHECK(res->get_header_value("Vary") == "Accept-Encoding");
        }
    }
    SUBCASE("q-values are honoured") {
        CHECK(s.get("/" + kScript, "br;q=0, gzip")->body == "gzip of " + kScript);
        CHECK(s.get("/" + kScript, "gzip;q=0.5, br;q=0.8")->body == "brotli of " + kScript);
        CHECK(s.get("/" + kScript, "gzip;q=1, br;q=0.8")->body == "gzip of " + kScript);
        CHECK(s.get("/" + kScript, "br;q=0, gzip;q=0")->body == "original of " + kScript);
        CHECK(s.get("/" + kScript, "*")->body == "brotli of " + kScript);
        CHECK(s.get("/" + kScript, "br;q=0, *;q=0.3")->body == "gzip of " + kScript);
        CHECK(s.get("/" + kScript, "GZIP;Q=0.9")->body == "gzip of " + kScript);
        CHECK(s.get("/icon.svg", "br")->body == "<svg/>");  // a file without variants
    }
    SUBCASE("content types") {
        CHECK(s.get("/" + kWasm, "br")->get_header_value("Content-Type") == "application/wasm");
        CHECK(s.get("/" + kWasm)->get_header_value("Content-Type") == "application/wasm");
        CHECK(s.get("/" + kFont, "gzip")->get_header_value("Content-Type") == "font/ttf");
        CHECK(s.get("/" + kScript, "br")->get_header_value("Content-Type") == "text/javascript; charset=utf-8");
        CHECK(s.get("/index.html", "br")->get_header_value("Content-Type") == "text/html; charset=utf-8");
        CHECK(s.get("/manifest.webmanifest")->get_header_value("Content-Type") == "application/manifest+json");
        CHECK(s.get("/icon.svg")->get_header_value("Content-Type") == "image/svg+xml");
    }
}

TEST_CASE("[Static] hashed names are immutable; the page, manifest and service worker are revalidated by ETag") {
    Served s;
    for (const std::string& name : {kWasm, kFont, kScript}) {
        auto res = s.get("/" + name, "br");
        REQUIRE(res);
        CHECK(res->get_header_value("Cache-Control") == "public, max-age=31536000, immutable");
    }
    for (const std::string& name : {std::string("index.html"), std::string("manifest.webmanifest"), std::string("service-worker.js")}) {
        CAPTURE(name);
        auto res = s.get("/" + name, "br");
        REQUIRE(res);
        CHECK(res->status == 200);
        CHECK(res->get_header_value("Cache-Control") == "no-cache");
        const std::string etag = res->get_header_value("ETag");
        REQUIRE(etag.size() > 2);
        CHECK(etag.front() == '"');
        CHECK(etag.back() == '"');
        // Each encoding is its own representation with its own tag.
        const std::string plain_etag = s.get("/" + name)->get_header_value("ETag");
        CHECK(plain_etag != etag);
        for (const std::string& tag : {etag, std::string("*"), "\"other\", " + etag, "W/" + etag}) {
            CAPTURE(tag);
            auto again = s.get("/" + name, "br", {{"If-None-Match", tag}});
            REQUIRE(again);
            CHECK(again->status == 304);
            CHECK(again->body.empty());
            CHECK(again->get_header_value("ETag") == etag);
            CHECK(again->get_header_value("Cache-Control") == "no-cache");
            CHECK(again->get_header_value("Vary") == "Accept-Encoding");
            check_security_headers(*again);
        }
        auto other = s.get("/" + name, "br", {{"If-None-Match", "\"other\""}});
        CHECK(other->status == 200);
        CHECK(other->body == "brotli of " + name);
        // The tag of the .br file does not stand for the original.
        auto plain = s.get("/" + name, "", {{"If-None-Match", etag}});
        CHECK(plain->status == 200);
        CHECK(plain->body == "original of " + name);
    }
    SUBCASE("a changed file has a new tag") {
        const std::string before = s.get("/index.html")->get_header_value("ETag");
        s.site.write("index.html", "changed");
        auto res = s.get("/index.html", "", {{"If-None-Match", before}});
        CHECK(res->status == 200);
        CHECK(res->body == "changed");
        CHECK(res->get_header_value("ETag") != before);
    }
}

TEST_CASE("[Static] HEAD, the page at /, refused paths, unknown files, security headers on every answer") {
    Served s;
    SUBCASE("/ is the page") {
        auto res = s.get("/", "br");
        REQUIRE(res);
        CHECK(res->status == 200);
        CHECK(res->body == "brotli of index.html");
        CHECK(res->get_header_value("Cache-Control") == "no-cache");
        check_security_headers(*res);
    }
    SUBCASE("HEAD: the headers of GET, no body") {
        RawConnection c(s.server.port());
        c.send_all("HEAD /" + kWasm + " HTTP/1.1\r\nHost: x\r\nAccept-Encoding: br\r\n\r\n");
        const std::string response = c.receive(2000, "\r\n\r\n");
        CHECK(status_of(response) == 200);
        CHECK(response.find("Content-Encoding: br\r\n") != std::string::npos);
        CHECK(response.find("Content-Length: " + std::to_string(("brotli of " + kWasm).size()) + "\r\n") != std::string::npos);
        CHECK(response.find("Cache-Control: public, max-age=31536000, immutable\r\n") != std::string::npos);
        CHECK(body_of(response).empty());
        // Nothing follows the headers: the next request on the connection is answered on its own.
        c.send_all("GET /icon.svg HTTP/1.1\r\nHost: x\r\n\r\n");
        const std::string next = c.response(2000);
        CHECK(status_of(next) == 200);
        CHECK(body_of(next) == "<svg/>");
    }
    SUBCASE("paths out of the site are refused, plain or encoded") {
        for (const std::string& path : {"/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/./index.html",
                                        "/..%5csecret.txt", "/x/../../secret.txt", "//secret.txt", "/.hidden"}) {
            CAPTURE(path);
            RawConnection c(s.server.port());
            c.send_all("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
            const std::string response = c.response(2000);
            const int status = status_of(response);
            CHECK((status == 400 || status == 404));
            CHECK(response.find("geheim") == std::string::npos);
            CHECK(response.find("Content-Security-Policy: ") != std::string::npos);
        }
    }
    SUBCASE("an unknown file is 404 with a Dutch message; a variant is not a file of its own") {
        for (const std::string& path : {std::string("/nothing.js"), "/" + kWasm + ".br", std::string("/index.html.gz")}) {
            CAPTURE(path);
            auto res = s.get(path, "br");
            REQUIRE(res);
            CHECK(res->status == 404);
            CHECK(res->body.find("Dit adres bestaat niet.") != std::string::npos);
            check_security_headers(*res);
        }
    }
    SUBCASE("the API keeps its own headers") {
        auto res = s.get("/api/v1/health", "br");
        REQUIRE(res);
        CHECK(res->status == 200);
        CHECK(res->get_header_value("Content-Security-Policy") == "default-src 'none'; frame-ancestors 'none'");
        CHECK(res->get_header_value("Cache-Control") == "no-store");
        auto unknown = s.get("/api/v1/nothing");
        CHECK(unknown->status == 404);
        CHECK(unknown->get_header_value("Content-Security-Policy") == "default-src 'none'; frame-ancestors 'none'");
    }
}

TEST_CASE("[Static] Accept-Encoding, If-None-Match and hashed names, in process") {
    CHECK(choose_encoding("", true, true) == Encoding::Identity);
    CHECK(choose_encoding("br", true, true) == Encoding::Brotli);
    CHECK(choose_encoding("br", false, true) == Encoding::Identity);
    CHECK(choose_encoding("gzip, br", false, true) == Encoding::Gzip);
    CHECK(choose_encoding("x-gzip", true, true) == Encoding::Gzip);
    CHECK(choose_encoding(" br ; q=0 , gzip ; q=0.001", true, true) == Encoding::Gzip);
    CHECK(choose_encoding("br;q=2, gzip", true, true) == Encoding::Gzip);  // a malformed q: that element is ignored
    CHECK(choose_encoding("br;q=0.5, identity;q=1", true, true) == Encoding::Identity);
    CHECK(choose_encoding("*;q=0", true, true) == Encoding::Identity);
    CHECK(samenleven::server::etag_matches("\"a\", \"b\"", "\"b\""));
    CHECK(samenleven::server::etag_matches("W/\"b\"", "\"b\""));
    CHECK_FALSE(samenleven::server::etag_matches("\"ab\"", "\"b\""));
    CHECK(samenleven::server::is_hashed_name("app.0123456789abcdef.wasm"));
    CHECK_FALSE(samenleven::server::is_hashed_name("app.wasm"));
    CHECK_FALSE(samenleven::server::is_hashed_name("app.0123456789ABCDEF.wasm"));
    CHECK_FALSE(samenleven::server::is_hashed_name("app.0123456789abcde.wasm"));
    CHECK_FALSE(samenleven::server::is_hashed_name(".0123456789abcdef.js"));
    CHECK_FALSE(samenleven::server::is_hashed_name("service-worker.js"));
}
