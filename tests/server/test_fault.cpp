// Fault tests: SIGKILL the server during a burst of concurrent writes, restart it, and find
// every acknowledged revision intact and the database passing PRAGMA integrity_check; take
// an online backup during writes, restore it elsewhere, and find every revision acknowledged
// before the backup began.
#include <doctest/doctest.h>

#include <atomic>
#include <fstream>
#include <mutex>
#include <thread>
#include <vector>

#include "raw_connection.h"
#include "server_process.h"
#include "support.h"

using namespace server_test;

namespace {

struct Ack {
    std::string id;
    int revision;
    int value;  // rows[1].planned[2022] sent in that revision
};

// Writers that each create a plan and keep updating it, recording every acknowledged revision.
class WriteBurst {
public:
    WriteBurst(const ServerProcess& server, const std::string& token, int writers) {
        const json demo = json::parse(test_support::read_data("dendermonde_igs.json"));
        for (int w = 0; w < writers; ++w) threads_.emplace_back([this, &server, token, demo, w] { write(server, token, demo, w); });
    }
    ~WriteBurst() { stop(); }

    void wait_for(std::size_t acks) const {
        while (count_ < acks) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    std::vector<Ack> acks() {
        std::lock_guard lock(mutex_);
        return acks_;
    }
    void stop() {
        stop_ = true;
        for (auto& t : threads_)
            if (t.joinable()) t.join();
    }

private:
    void write(const ServerProcess& server, const std::string& token, json plan, int w) {
        Session s{server.client(), token};
        std::string id;  // the server's choice, from the create's answer
        int revision = 0;
        for (int i = 1; i <= 100000 && !stop_; ++i) {
            plan["rows"][1]["planned"]["2022"] = 1 + i % 300;
            const std::string change = "fault-" + std::to_string(w) + "-" + std::to_string(i);
            try {
                auto [status, body] = revision == 0 ? s.post("/api/v1/plans", {{"change_id", change}, {"plan", plan}})
                                                    : s.put("/api/v1/plans/" + id,
                                                            {{"change_id", change}, {"base_revision", revision}, {"plan", plan}});
                if (status != 200 && status != 201) break;
                revision = body.at("revision");
                id = body.at("id");
                plan["id"] = id;
                std::lock_guard lock(mutex_);
                acks_.push_back({id, revision, 1 + i % 300});
                ++count_;
            } catch (const std::exception&) {
                break;  // the server is gone: this write was not acknowledged
            }
        }
    }

    std::vector<std::thread> threads_;
    std::mutex mutex_;
    std::vector<Ack> acks_;
    std::atomic<std::size_t> count_{0};
    std::atomic<bool> stop_{false};
};

// Every acknowledged revision can be read back with the value it was sent with.
int check_acks(const ServerProcess& server, const std::string& token, const std::vector<Ack>& acks) {
    Session s{server.client(), token};
    int checked = 0;
    for (const Ack& ack : acks) {
        auto [status, body] = s.get("/api/v1/plans/" + ack.id + "/revisions/" + std::to_string(ack.revision));
        if (status != 200 || body.at("plan").at("rows")[1].at("planned").at("2022") != ack.value)
            FAIL_CHECK("lost acknowledged revision " << ack.revision << " of " << ack.id);
        else
            ++checked;
    }
    return checked;
}

}  // namespace

TEST_CASE("[Fault] a killed server loses nothing it acknowledged") {
    const std::string data = temp_dir("samenleven-fault");
    const std::string token = admin("add-government --data " + data + " --key 42006 --name Dendermonde");
    auto server = std::make_unique<ServerProcess>(data);
    WriteBurst burst(*server, token, 4);
    burst.wait_for(200);
    server->stop(SIGKILL);  // mid-burst
    burst.stop();
    const std::vector<Ack> acks = burst.acks();
    REQUIRE(acks.size() >= 200);

    server = std::make_unique<ServerProcess>(data);
    const int checked = check_acks(*server, token, acks);
    CHECK(checked == static_cast<int>(acks.size()));
    server->stop(SIGTERM);
    CHECK(admin("check --data " + data) == "ok");
    std::filesystem::remove_all(data);
    MESSAGE("acknowledged revisions checked after SIGKILL: " << checked);
}

// What a stop leaves behind: the exit status, and the WAL checkpointed into the database.
void check_clean_exit(int status, const std::string& data) {
    CHECK_MESSAGE(WIFEXITED(status), "ended by signal " << (WIFSIGNALED(status) ? WTERMSIG(status) : 0));
    if (WIFEXITED(status)) CHECK(WEXITSTATUS(status) == 0);
    const std::string wal = data + "/samenleven.sqlite3-wal";
    CHECK_MESSAGE((!std::filesystem::exists(wal) || std::filesystem::file_size(wal) == 0),
                  "WAL left behind: " << std::filesystem::file_size(wal) << " bytes");
}

TEST_CASE("[Fault] SIGTERM and SIGINT under writes stop the server cleanly: exit 0, WAL checkpointed, nothing lost") {
    for (const int signal : {SIGTERM, SIGINT}) {
        CAPTURE(signal);
        const std::string data = temp_dir("samenleven-stop");
        const std::string token = admin("add-government --data " + data + " --key 42006 --name Dendermonde");
        auto server = std::make_unique<ServerProcess>(data);
        WriteBurst burst(*server, token, 8);
        burst.wait_for(150);
        const int status = server->stop(signal);  // mid-burst
        burst.stop();
        const std::vector<Ack> acks = burst.acks();
        REQUIRE(acks.size() >= 150);
        check_clean_exit(status, data);

        server = std::make_unique<ServerProcess>(data);
        CHECK(check_acks(*server, token, acks) == static_cast<int>(acks.size()));
        check_clean_exit(server->stop(SIGTERM), data);
        CHECK(admin("check --data " + data) == "ok");
        std::filesystem::remove_all(data);
    }
}

TEST_CASE("[Fault] a stop answers the request under way before it exits") {
    const std::string data = temp_dir("samenleven-stop-inflight");
    const std::string token = admin("add-government --data " + data + " --key 42006 --name Dendermonde");
    auto server = std::make_unique<ServerProcess>(data);
    json plan = json::parse(test_support::read_data("dendermonde_igs.json"));
    const std::string body = json{{"change_id", "under-way"}, {"plan", plan}}.dump();
    RawConnection c(server->port());
    // Headers and half of the body, then the stop, then the rest.
    REQUIRE(c.send_all("POST /api/v1/plans HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + token +
                       "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
                       body.substr(0, body.size() / 2)));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    kill(server->pid(), SIGTERM);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    // Stopped accepting: a new connection is refused.
    CHECK_THROWS(RawConnection(server->port()));
    REQUIRE(c.send_all(body.substr(body.size() / 2)));
    const std::string answer = c.response(5000);
    CHECK(answer.rfind("HTTP/1.1 201", 0) == 0);
    check_clean_exit(server->stop(0), data);

    server = std::make_unique<ServerProcess>(data);
    Session s{server->client(), token};
    auto [status, list] = s.get("/api/v1/plans");
    CHECK(status == 200);
    CHECK(list.at("plans").size() == 1);
    std::filesystem::remove_all(data);
}

TEST_CASE("[Fault] a backup taken under writes restores every revision acknowledged before it") {
    const std::string data = temp_dir("samenleven-backup");
    const std::string copy = temp_dir("samenleven-backup-file") + "/backup.sqlite3";
    const std::string token = admin("add-government --data " + data + " --key 42006 --name Dendermonde");
    ServerProcess server(data);
    WriteBurst burst(server, token, 4);
    burst.wait_for(150);
    const std::vector<Ack> before = burst.acks();
    CHECK(admin("backup --data " + data + " --to " + copy) == "backup written to " + copy);
    const std::size_t during = burst.acks().size();
    burst.wait_for(during + 50);  // the writes went on during and after the backup
    burst.stop();

    // Restoring into the folder of a running server is refused.
    CHECK_THROWS(admin("restore --data " + data + " --from " + copy));

    const std::string restored = temp_dir("samenleven-restored");
    CHECK(admin("restore --data " + restored + " --from " + copy).find("restored") == 0);
    CHECK(admin("check --data " + restored) == "ok");
    ServerProcess again(restored);
    const int checked = check_acks(again, token, before);
    CHECK(checked == static_cast<int>(before.size()));
    MESSAGE("revisions acknowledged before the backup, found after restore: " << checked << " (writes during the run: "
                                                                                << burst.acks().size() << ")");
    std::filesystem::remove_all(data);
    std::filesystem::remove_all(restored);
    std::filesystem::remove_all(std::filesystem::path(copy).parent_path());
}

// [SECTION] issue 19, item 5: start-up never hides lost data

namespace {

// A folder whose server was killed right after acknowledging `plans` new plans: too few
// pages for a checkpoint, so those commits are only in the WAL.
struct KilledFolder {
    std::string data, token;
    std::string database() const { return data + "/samenleven.sqlite3"; }
    std::string wal() const { return database() + "-wal"; }
};

KilledFolder killed_after_writes(int plans) {
    KilledFolder f{temp_dir("samenleven-startup"), ""};
    f.token = admin("add-government --data " + f.data + " --key 42006 --name Dendermonde");
    ServerProcess server(f.data);
    Session s{server.client(), f.token};
    json plan = json::parse(test_support::read_data("dendermonde_igs.json"));
    for (int i = 0; i < plans; ++i) {
        plan["id"] = "p" + std::to_string(i);
        REQUIRE(s.post("/api/v1/plans", {{"change_id", "p" + std::to_string(i)}, {"plan", plan}}).first == 201);
    }
    server.stop(SIGKILL);
    REQUIRE(std::filesystem::file_size(f.wal()) > 0);
    return f;
}

std::pair<int, std::string> try_serve(const std::string& data, const std::string& extra = "") {
    return run(server_bin() + " serve --host 127.0.0.1 --port 0 --data " + data + " " + extra, 5);
}

std::size_t plans_listed(const ServerProcess& server, const std::string& token) {
    Session s{server.client(), token};
    auto [status, body] = s.get("/api/v1/plans");
    REQUIRE(status == 200);
    return body.at("plans").size();
}

}  // namespace

TEST_CASE("[Fault] acknowledged changes lost with a deleted or damaged WAL: the server refuses to start and check says so") {
    for (const bool damaged : {false, true}) {
        CAPTURE(damaged);
        KilledFolder f = killed_after_writes(20);
        if (damaged) {
            // Bytes overwritten in the middle of the WAL: SQLite keeps the frames before them.
            std::fstream wal(f.wal(), std::ios::in | std::ios::out | std::ios::binary);
            wal.seekp(static_cast<std::streamoff>(std::filesystem::file_size(f.wal()) / 2));
            wal << std::string(64, 'x');
        } else {
            std::filesystem::remove(f.wal());
        }
        auto [code, said] = try_serve(f.data);
        CHECK(code == 2);
        CHECK(said.find("vastleggingen minder dan de server bevestigde") != std::string::npos);
        CHECK(said.find("--accept-lost-changes") != std::string::npos);
        MESSAGE(said);
        auto [check_code, check_said] = run(server_bin() + " check --data " + f.data);
        CHECK(check_code == 1);
        CHECK(check_said.find("vastleggingen minder dan de server bevestigde") != std::string::npos);
        if (damaged) CHECK(std::filesystem::file_size(f.wal()) > 0);  // left as found, for whoever can salvage it
        // An administration command does not write on top of it either.
        CHECK(run(server_bin() + " token --data " + f.data + " --key 42006").first == 2);

        // Only an explicit override starts it, with what the database holds now; then it is sealed so.
        {
            ServerProcess accepted(f.data, "--accept-lost-changes");
            CHECK(plans_listed(accepted, f.token) < 20);
        }
        ServerProcess again(f.data);
        CHECK(plans_listed(again, f.token) < 20);
        again.stop(SIGTERM);
        CHECK(admin("check --data " + f.data) == "ok");
        std::filesystem::remove_all(f.data);
    }
}

TEST_CASE("[Fault] an emptied, missing or replaced database is not taken for a new one") {
    KilledFolder f = killed_after_writes(3);
    { ServerProcess clean(f.data); }  // a clean stop: everything in the database file
    const std::string kept = temp_dir("samenleven-kept") + "/copy.sqlite3";
    std::filesystem::copy_file(f.database(), kept);

    SUBCASE("0 bytes") {
        std::filesystem::resize_file(f.database(), 0);
        auto [code, said] = try_serve(f.data);
        CHECK(code == 2);
        CHECK(said.find("is een leeg bestand (0 bytes), maar deze map hield een database met") != std::string::npos);
        CHECK(run(server_bin() + " check --data " + f.data).first == 1);
    }
    SUBCASE("missing") {
        std::filesystem::remove(f.database());
        auto [code, said] = try_serve(f.data);
        CHECK(code == 2);
        CHECK(said.find("ontbreekt, maar deze map hield database") != std::string::npos);
        CHECK_FALSE(std::filesystem::exists(f.database()));
    }
    SUBCASE("another server's database") {
        const std::string other = temp_dir("samenleven-other");
        admin("add-government --data " + other + " --key 42006 --name Dendermonde");
        std::filesystem::copy_file(other + "/samenleven.sqlite3", f.database(), std::filesystem::copy_options::overwrite_existing);
        auto [code, said] = try_serve(f.data);
        CHECK(code == 2);
        CHECK(said.find("is een andere") != std::string::npos);
        std::filesystem::remove_all(other);
    }
    SUBCASE("the database put back as it was: it starts") {
        std::filesystem::copy_file(kept, f.database(), std::filesystem::copy_options::overwrite_existing);
        ServerProcess server(f.data);
        CHECK(plans_listed(server, f.token) == 3);
    }
    std::filesystem::remove_all(f.data);
    std::filesystem::remove_all(std::filesystem::path(kept).parent_path());
}

TEST_CASE("[Fault] check creates nothing; a folder of an older server is adopted and sealed") {
    const std::string missing = temp_dir("samenleven-check") + "/not-there";
    auto [code, said] = run(server_bin() + " check --data " + missing);
    CHECK(code == 1);
    CHECK(said.find("bestaat niet") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(missing));
    const std::string empty = std::filesystem::path(missing).parent_path().string();
    auto [code2, said2] = run(server_bin() + " check --data " + empty);
    CHECK(code2 == 1);
    CHECK(said2.find("bevat geen database") != std::string::npos);
    CHECK(std::filesystem::is_empty(empty));

    // Before the seal: no seal file, no identity in the database.
    KilledFolder f = killed_after_writes(2);
    { ServerProcess clean(f.data); }
    std::filesystem::remove(f.data + "/samenleven.seal");
    REQUIRE(run("sqlite3 " + f.database() + " \"DELETE FROM meta WHERE key IN ('database_id', 'commits')\"").first == 0);
    {
        ServerProcess adopted(f.data);
        CHECK(plans_listed(adopted, f.token) == 2);
    }
    CHECK(std::filesystem::exists(f.data + "/samenleven.seal"));
    std::filesystem::remove(f.wal());
    CHECK(admin("check --data " + f.data) == "ok");
    std::filesystem::remove_all(f.data);
    std::filesystem::remove_all(empty);
}

TEST_CASE("[Fault] the folder stays locked however it is tampered with, and a restore is sealed") {
    const std::string data = temp_dir("samenleven-lock");
    const std::string token = admin("add-government --data " + data + " --key 42006 --name Dendermonde");
    const std::string backup = temp_dir("samenleven-lock-backup") + "/b.sqlite3";
    auto server = std::make_unique<ServerProcess>(data);
    Session s{server->client(), token};
    json plan = json::parse(test_support::read_data("dendermonde_igs.json"));
    REQUIRE(s.post("/api/v1/plans", {{"change_id", "before"}, {"plan", plan}}).first == 201);
    admin("backup --data " + data + " --to " + backup);

    std::filesystem::remove(data + "/server.lock");
    auto [code, said] = try_serve(data);
    CHECK(code == 2);
    CHECK(said.find("vergrendeld") != std::string::npos);
    auto [restore_code, restore_said] = run(server_bin() + " restore --data " + data + " --from " + backup);
    CHECK(restore_code == 2);
    CHECK(restore_said.find("vergrendeld") != std::string::npos);
    plan["id"] = "after";
    REQUIRE(s.post("/api/v1/plans", {{"change_id", "after"}, {"plan", plan}}).first == 201);
    CHECK(plans_listed(*server, token) == 2);
    server->stop(SIGTERM);

    // A restore is the operator's explicit step back: it says so, and the server starts on it.
    const std::string restored = admin("restore --data " + data + " --from " + backup);
    CHECK(restored.find("the database goes back") != std::string::npos);
    server = std::make_unique<ServerProcess>(data);
    CHECK(plans_listed(*server, token) == 1);
    server.reset();
    std::filesystem::remove_all(data);
    std::filesystem::remove_all(std::filesystem::path(backup).parent_path());
}
