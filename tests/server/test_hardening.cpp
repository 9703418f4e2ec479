// Issue 7: the server holds under attack, faults and bad input. Each case was found by an
// outside attacker or fault injector and failed on the server before the fix.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <atomic>
#include <fstream>
#include <thread>
#include <vector>

#include "raw_connection.h"
#include "world.h"

using namespace server_test;

namespace {

std::string hex(std::size_t n) {
    char text[32];
    std::snprintf(text, sizeof text, "%zx", n);
    return text;
}

// The demo plan with a long text in every row: a document of about `kib` KiB.
json large_plan(const json& demo, int kib) {
    json plan = demo;
    const std::size_t per_row = static_cast<std::size_t>(kib) * 1024 / plan["rows"].size();
    for (auto& row : plan["rows"]) row["activities"] = std::string(per_row, 'x');
    return plan;
}

std::string header_of(const std::string& response, const std::string& name) {
    const auto at = response.find("\r\n" + name + ": ");
    if (at == std::string::npos) return {};
    const auto start = at + 4 + name.size();
    return response.substr(start, response.find("\r\n", start) - start);
}

}  // namespace

TEST_CASE("[Hardening 1] a chunked body is refused while it arrives, before any token is looked at") {
    ServerProcess server(temp_dir("samenleven-chunked"));
    const long rss_before = rss_mib(server.pid());
    struct Upload {
        std::size_t sent = 0;
        std::string response;
    };
    std::vector<Upload> uploads(3);
    std::vector<std::thread> threads;
    for (auto& upload : uploads)
        threads.emplace_back([&server, &upload] {
            RawConnection c(server.port());
            c.send_all("POST /api/v1/health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
            const std::string chunk = hex(65536) + "\r\n" + std::string(65536, 'a') + "\r\n";
            // Would be 300 MiB; the server must answer long before.
            for (int i = 0; i < 4800 && !c.readable(0); ++i) {
                if (!c.send_all(chunk)) break;
                upload.sent += 65536;
            }
            upload.response = c.response(5000);
        });
    for (auto& t : threads) t.join();
    for (const auto& upload : uploads) {
        CHECK(status_of(upload.response) == 413);
        CHECK(json::parse(body_of(upload.response)).at("error").at("code") == "too_large");
        CHECK(upload.sent < std::size_t(32) << 20);  // 1 MiB limit plus what socket buffers hold
    }
    const long rss_after = rss_mib(server.pid());
    MESSAGE("server RSS " << rss_before << " -> " << rss_after << " MiB after 3 refused chunked uploads");
    CHECK(rss_after - rss_before < 64);
    CHECK(server.client().Get("/api/v1/health")->status == 200);
}

TEST_CASE("[Hardening 2] slow clients do not block the server; their requests time out") {
    ServerProcess server(temp_dir("samenleven-slow"), "--header-timeout 2");
    std::vector<std::unique_ptr<RawConnection>> slow;
    for (int i = 0; i < 100; ++i) slow.push_back(std::make_unique<RawConnection>(server.port()));
    const std::string request = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n";
    std::atomic<bool> done{false};
    std::thread trickle([&] {
        for (std::size_t i = 0; i < request.size() && !done; ++i) {
            for (auto& c : slow) c->send_all(request.substr(i, 1));
            std::this_thread::sleep_for(std::chrono::milliseconds(500));
        }
    });
    // Others are answered at once all the while.
    for (int i = 0; i < 10; ++i) {
        const auto start = std::chrono::steady_clock::now();
        auto client = server.client();
        client.set_read_timeout(3);
        auto res = client.Get("/api/v1/health");
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
        CHECK(res);
        if (res) CHECK(res->status == 200);
        CHECK(ms < 1000);
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    // Past the header deadline (2 s) each slow request is answered 408 and closed.
    const std::string answer = slow.front()->receive(4000, "}");
    CHECK(status_of(answer) == 408);
    CHECK(answer.find("\"timeout\"") != std::string::npos);
    done = true;
    trickle.join();
}

TEST_CASE("[Hardening 3] a second server on a busy port fails with a clear message") {
    ServerProcess first(temp_dir("samenleven-port"));
    const std::string other = temp_dir("samenleven-port2");
    auto [code, output] = run(server_bin() + " serve --host 127.0.0.1 --port " + std::to_string(first.port()) + " --data " + other, 5);
    CHECK(code == 2);
    CHECK(output.find("al in gebruik") != std::string::npos);
    // And a second server on the same data folder, on another port.
    auto [code2, output2] = run(server_bin() + " serve --host 127.0.0.1 --port 0 --data " + first.data(), 5);
    CHECK(code2 == 2);
    CHECK(output2.find("vergrendeld") != std::string::npos);
    std::filesystem::remove_all(other);
}

TEST_CASE("[Hardening 4] a number too large to hold gets 400 with a Dutch message and its JSON path") {
    World w;
    json plan = w.demo;
    plan["rows"][1]["planned"]["2023"] = 987654321;
    std::string text = json{{"change_id", "big"}, {"plan", plan}}.dump();
    text.replace(text.find("987654321"), 9, "1e400");
    auto [status, body] = w.lead().send("POST", "/api/v1/plans", text);
    CHECK(status == 400);
    CHECK(body.at("error").at("code") == "json.number_too_large");
    CHECK(body.at("error").at("path") == "plan.rows[1].planned[2023]");
    CHECK(body.at("error").at("message").get<std::string>().find("te groot") != std::string::npos);

    const std::string id = w.create_demo();
    auto [put, e2] = w.lead().send("PUT", "/api/v1/plans/" + id, "{\"change_id\": \"p\", \"base_revision\": -1e999}");
    CHECK(put == 400);
    CHECK(e2.at("error").at("path") == "base_revision");
}

TEST_CASE("[Hardening 5] a change_id stands for one request: another body, route or plan under it gets 422") {
    World w;
    const json first = {{"change_id", "c-1"}, {"plan", w.demo}};
    auto [created, body] = w.lead().post("/api/v1/plans", first);
    REQUIRE(created == 201);
    const std::string path = "/api/v1/plans/" + body.at("id").get<std::string>();

    json other = w.demo;
    other["title"] = "Een ander plan";
    auto [reused, e1] = w.lead().post("/api/v1/plans", {{"change_id", "c-1"}, {"plan", other}});
    CHECK(reused == 422);
    CHECK(e1.at("error").at("code") == "change_id_reused");
    CHECK(e1.at("error").at("path") == "change_id");

    other["id"] = body.at("id");
    auto [put, e2] = w.lead().put(path, {{"change_id", "c-1"}, {"base_revision", 1}, {"plan", other}});
    CHECK(put == 422);
    auto [submit, e3] = w.lead().post(path + "/submit", {{"change_id", "c-1"}, {"base_revision", 1}});
    CHECK(submit == 422);
    // Nothing of those changes was applied.
    CHECK(w.lead().get(path).second.at("revision") == 1);

    // The same request again (whitespace aside) is still a replay of the first answer.
    auto res = w.lead().client.Post("/api/v1/plans", w.lead().headers(), first.dump(2), "application/json");
    REQUIRE(res);
    CHECK(res->status == 201);
    CHECK(res->get_header_value("Idempotent-Replayed") == "true");
    CHECK(json::parse(res->body) == body);
}

TEST_CASE("[Hardening 6] the server refuses to start on a damaged database or a folder it cannot write") {
    const std::string data = temp_dir("samenleven-damaged");
    const std::string token = admin("add-government --data " + data + " --key 42006 --name Dendermonde");
    {
        ServerProcess server(data);
        Session s{server.client(), token};
        json plan = large_plan(json::parse(test_support::read_data("dendermonde_igs.json")), 64);
        for (int i = 0; i < 8; ++i) {
            plan["id"] = "p" + std::to_string(i);
            REQUIRE(s.post("/api/v1/plans", {{"change_id", "c" + std::to_string(i)}, {"plan", plan}}).first == 201);
        }
    }
    const std::string db = data + "/samenleven.sqlite3";
    CHECK(admin("check --data " + data) == "ok");

    SUBCASE("read-only") {
        std::string command = server_bin() + " serve --port 0 --data " + data;
        if (geteuid() == 0) {
            // root writes anywhere: run the server as nobody, who may read but not write.
            std::filesystem::permissions(data, std::filesystem::perms(0755));
            std::filesystem::permissions(db, std::filesystem::perms(0644));
            std::filesystem::remove(data + "/server.lock");
            command = "setpriv --reuid=65534 --regid=65534 --clear-groups " + command;
        } else {
            std::filesystem::permissions(data, std::filesystem::perms(0555));
            std::filesystem::permissions(db, std::filesystem::perms(0444));
        }
        auto [code, output] = run(command, 5);
        CHECK(code == 2);
        CHECK(output.find("De database") != std::string::npos);
        CHECK(output.find("rechten") != std::string::npos);
        std::filesystem::permissions(data, std::filesystem::perms(0700));
        std::filesystem::permissions(db, std::filesystem::perms(0600));
    }
    SUBCASE("damaged pages") {
        const auto size = std::filesystem::file_size(db);
        REQUIRE(size > 20 * 4096);
        {
            std::fstream f(db, std::ios::in | std::ios::out | std::ios::binary);
            const std::string garbage(200, '\xA5');
            for (std::uintmax_t page = 3; page * 4096 < size; page += 2) {
                f.seekp(static_cast<std::streamoff>(page * 4096));
                f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
            }
        }
        auto [code, output] = run(server_bin() + " serve --port 0 --data " + data, 10);
        CHECK(code == 2);
        CHECK(output.find("beschadigd") != std::string::npos);
        CHECK(output.find("listening") == std::string::npos);
    }
    std::filesystem::remove_all(data);
}

TEST_CASE("[Hardening 7] a keep-alive connection serves many requests, pipelined ones in order") {
    ServerProcess server(temp_dir("samenleven-keepalive"));
    RawConnection c(server.port());
    for (int i = 0; i < 20; ++i) {
        REQUIRE(c.send_all("GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n"));
        const std::string response = c.response(2000);
        CHECK(status_of(response) == 200);
        CHECK(header_of(response, "Connection") != "close");
    }
    REQUIRE(c.send_all("GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\nGET /api/v1/nothing HTTP/1.1\r\nHost: x\r\n\r\n"
                       "GET /api/v1/me HTTP/1.1\r\nHost: x\r\n\r\n"));
    CHECK(status_of(c.response(2000)) == 200);
    CHECK(status_of(c.response(2000)) == 404);
    CHECK(status_of(c.response(2000)) == 401);
}

TEST_CASE("[Hardening 8] storage grows by about a document per write, and a government's quota holds") {
    SUBCASE("growth") {
        World w;
        json plan = large_plan(w.demo, 256);
        auto [created, body] = w.lead().post("/api/v1/plans", {{"change_id", "g0"}, {"plan", plan}});
        REQUIRE(created == 201);
        plan["id"] = body.at("id");
        const std::size_t document = body.at("plan").dump().size();
        for (int i = 1; i <= 20; ++i) {
            plan["rows"][1]["planned"]["2022"] = 100 + i;
            REQUIRE(w.lead().put("/api/v1/plans/" + body.at("id").get<std::string>(),
                                 {{"change_id", "g" + std::to_string(i)}, {"base_revision", i}, {"plan", plan}})
                        .first == 200);
        }
        w.server.stop(SIGTERM);  // checkpoints the WAL into the database file
        const auto stored = std::filesystem::file_size(w.server.data() + "/samenleven.sqlite3");
        const double per_write = static_cast<double>(stored) / (21.0 * static_cast<double>(document));
        MESSAGE("stored bytes per write / document bytes: " << per_write);
        CHECK(per_write < 1.5);
    }
    SUBCASE("quota") {
        World w("--quota-mb 1");
        json plan = large_plan(w.demo, 300);
        auto [created, body] = w.lead().post("/api/v1/plans", {{"change_id", "q0"}, {"plan", plan}});
        REQUIRE(created == 201);
        plan["id"] = body.at("id");
        const std::string path = "/api/v1/plans/" + body.at("id").get<std::string>();
        int status = 200;
        json error;
        int revision = 1;
        for (int i = 1; i <= 5 && status == 200; ++i) {
            plan["rows"][1]["planned"]["2022"] = 100 + i;
            std::tie(status, error) = w.lead().put(path,
                                                   {{"change_id", "q" + std::to_string(i)}, {"base_revision", revision}, {"plan", plan}});
            if (status == 200) revision = error.at("revision");
        }
        CHECK(status == 507);
        CHECK(error.at("error").at("code") == "quota_exceeded");
        CHECK(error.at("error").at("message").get<std::string>().find("vol") != std::string::npos);
        CHECK(revision == 3);  // 300 KiB each: the fourth would pass 1 MiB
        // Reading still works; the refused change left nothing behind; others still write.
        CHECK(w.lead().get(path).second.at("revision") == 3);
        const json me = w.lead().get("/api/v1/me").second;
        CHECK(me.at("storage").at("quota_bytes") == 1 << 20);
        CHECK(me.at("storage").at("used_bytes").get<long>() <= 1 << 20);
        json small = test_support::valid_plan();
        CHECK(w.as(w.other_token).post("/api/v1/plans", {{"change_id", "o"}, {"plan", small}}).first == 201);
    }
}

TEST_CASE("[Hardening 9] plan ids, static paths, headers, internal errors, file modes, tokens, change_id length") {
    SUBCASE("another government's plan id is not revealed: every created plan gets an id the server chooses") {
        World w;
        const std::string taken = w.create_demo();
        CHECK(taken != "demo-dendermonde-igs");  // not the device's
        json plan = test_support::valid_plan();  // Gent's
        // A taken id and a free one are answered alike: 201, under a new id of the server's.
        for (const std::string& sent : {taken, std::string("vrij-id")}) {
            CAPTURE(sent);
            plan["id"] = sent;
            auto [status, body] = w.as(w.other_token).post("/api/v1/plans", {{"change_id", "g-" + sent}, {"plan", plan}});
            CHECK(status == 201);
            CHECK(body.at("id") != sent);
            CHECK(body.at("id").get<std::string>().size() == 32);
            CHECK(body.at("plan").at("id") == body.at("id"));
            CHECK(w.as(w.other_token).get("/api/v1/plans/" + body.at("id").get<std::string>()).first == 200);
        }
        // The owner's plan is untouched and still its own.
        CHECK(w.lead().get("/api/v1/plans/" + taken).second.at("owner") == "42006");
    }
    SUBCASE("a NUL in a static path is refused") {
        const std::string site = temp_dir("samenleven-site");
        std::ofstream(site + "/app.wasm") << "\0asm";
        std::ofstream(site + "/index.html") << "<!doctype html><title>t</title>";
        World w("--site " + site);
        RawConnection c(w.server.port());
        c.send_all("GET /app.wasm%00.html HTTP/1.1\r\nHost: x\r\n\r\n");
        const std::string response = c.response(2000);
        CHECK(status_of(response) == 400);
        CHECK(header_of(response, "Content-Type").find("text/html") == std::string::npos);
        RawConnection d(w.server.port());
        d.send_all("GET /app.wasm HTTP/1.1\r\nHost: x\r\n\r\n");
        const std::string wasm = d.response(2000);
        CHECK(status_of(wasm) == 200);
        CHECK(header_of(wasm, "Content-Type") == "application/wasm");
        std::filesystem::remove_all(site);
    }
    SUBCASE("security headers on the app and the API") {
        const std::string site = temp_dir("samenleven-site");
        std::ofstream(site + "/index.html") << "<!doctype html><title>t</title>";
        World w("--site " + site);
        auto page = w.server.client().Get("/index.html");
        REQUIRE(page);
        CHECK(page->get_header_value("Content-Security-Policy").find("'wasm-unsafe-eval'") != std::string::npos);
        CHECK(page->get_header_value("Content-Security-Policy").find("frame-ancestors 'none'") != std::string::npos);
        CHECK(page->get_header_value("X-Content-Type-Options") == "nosniff");
        CHECK(page->get_header_value("Referrer-Policy") == "no-referrer");
        auto api = w.server.client().Get("/api/v1/health");
        REQUIRE(api);
        CHECK(api->get_header_value("Content-Security-Policy") == "default-src 'none'; frame-ancestors 'none'");
        CHECK(api->get_header_value("X-Content-Type-Options") == "nosniff");
        std::filesystem::remove_all(site);
    }
    SUBCASE("a 500 shows a reference, not SQLite's text") {
        World w;
        const std::string id = w.create_demo();
        REQUIRE(run("sqlite3 " + w.server.data() + "/samenleven.sqlite3 'DROP TABLE conflicts'").first == 0);
        auto [status, body] = w.lead().get("/api/v1/plans/" + id + "/conflicts");
        CHECK(status == 500);
        const std::string text = body.dump();
        CHECK(text.find("referentie") != std::string::npos);
        for (const char* internal : {"conflicts", "SQL", "prepare", "no such table"}) {
            CAPTURE(internal);
            CHECK(text.find(internal) == std::string::npos);
        }
    }
    SUBCASE("the database is the server's alone") {
        World w;
        w.create_demo();
        for (const char* file : {"/samenleven.sqlite3", "/samenleven.sqlite3-wal"}) {
            struct stat st {};
            REQUIRE(stat((w.server.data() + file).c_str(), &st) == 0);
            CAPTURE(file);
            CHECK((st.st_mode & 077) == 0);
        }
    }
    SUBCASE("tokens can be revoked, one or all of a government") {
        World w;
        const std::string data = "--data " + w.server.data();
        const std::string second = admin("token " + data + " --key 42006");
        CHECK(w.lead().get("/api/v1/me").first == 200);
        CHECK(admin("revoke-token " + data + " --token " + w.lead_token) == "1 token revoked");
        CHECK(w.lead().get("/api/v1/me").first == 401);
        CHECK(w.as(second).get("/api/v1/me").first == 200);
        CHECK(admin("revoke-token " + data + " --key 42006") == "1 token(s) of 42006 revoked");
        CHECK(w.as(second).get("/api/v1/me").first == 401);
        CHECK(run(server_bin() + " revoke-token " + data + " --token nope").first == 2);
    }
    SUBCASE("change_id counts characters") {
        World w;
        std::string hundred, hundred_one;
        for (int i = 0; i < 100; ++i) hundred += "\xC3\xA9";  // é
        hundred_one = hundred + "\xC3\xA9";
        CHECK(w.lead().post("/api/v1/plans", {{"change_id", hundred}, {"plan", w.demo}}).first == 201);
        auto [status, body] = w.lead().post("/api/v1/plans", {{"change_id", hundred_one}, {"plan", w.demo}});
        CHECK(status == 400);
        CHECK(body.at("error").at("path") == "change_id");
    }
}
