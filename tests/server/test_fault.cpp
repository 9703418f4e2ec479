// Fault test: SIGKILL the server during a burst of concurrent writes, restart it, and find
// every acknowledged revision intact and the database passing PRAGMA integrity_check.
#include <doctest/doctest.h>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include "server_process.h"
#include "support.h"

using namespace server_test;

TEST_CASE("[Fault] a killed server loses nothing it acknowledged") {
    const std::string data = temp_dir("samenleven-fault");
    const std::string token = admin("add-government --data " + data + " --key 42006 --name Dendermonde");
    const json demo = json::parse(test_support::read_data("dendermonde_igs.json"));
    auto server = std::make_unique<ServerProcess>(data);

    struct Ack {
        std::string id;
        int revision;
        int value;  // rows[1].planned[2022] sent in that revision
    };
    std::mutex mutex;
    std::vector<Ack> acks;
    std::atomic<int> ack_count{0};
    std::atomic<bool> stop{false};

    auto writer = [&](int w) {
        Session s{server->client(), token};
        const std::string id = "fault-" + std::to_string(w);
        json plan = demo;
        plan["id"] = id;
        int revision = 0;
        for (int i = 1; i <= 100000 && !stop; ++i) {
            plan["rows"][1]["planned"]["2022"] = 1 + i % 300;
            try {
                auto [status, body] = revision == 0
                                          ? s.post("/api/v1/plans", {{"change_id", id + "-" + std::to_string(i)}, {"plan", plan}})
                                          : s.put("/api/v1/plans/" + id, {{"change_id", id + "-" + std::to_string(i)},
                                                                         {"base_revision", revision},
                                                                         {"plan", plan}});
                if (status != 200 && status != 201) break;
                revision = body.at("revision");
                std::lock_guard lock(mutex);
                acks.push_back({id, revision, 1 + i % 300});
                ++ack_count;
            } catch (const std::exception&) {
                break;  // the server is gone: this write was not acknowledged
            }
        }
    };
    std::vector<std::thread> writers;
    for (int w = 0; w < 4; ++w) writers.emplace_back(writer, w);
    while (ack_count < 200) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    server->stop(SIGKILL);  // mid-burst
    stop = true;
    for (auto& t : writers) t.join();
    REQUIRE(acks.size() >= 200);

    server = std::make_unique<ServerProcess>(data);
    Session s{server->client(), token};
    int checked = 0;
    for (const Ack& ack : acks) {
        auto [status, body] = s.get("/api/v1/plans/" + ack.id + "/revisions/" + std::to_string(ack.revision));
        if (status != 200 || body.at("plan").at("rows")[1].at("planned").at("2022") != ack.value) {
            FAIL_CHECK("lost acknowledged revision " << ack.revision << " of " << ack.id);
        } else {
            ++checked;
        }
    }
    CHECK(checked == static_cast<int>(acks.size()));
    server->stop(SIGTERM);
    CHECK(admin("check --data " + data) == "ok");
    std::filesystem::remove_all(data);
    MESSAGE("acknowledged revisions checked after SIGKILL: " << checked);
}
