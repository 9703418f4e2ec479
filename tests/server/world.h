// The API tests' world: a server on a fresh data folder with four governments (the lead of
// the demo IGS, one of its members, an unrelated municipality and the agency).
#pragma once
#include <doctest/doctest.h>

#include "server_process.h"
#include "support.h"

namespace server_test {

// The id the server gave the plan it created (201).
inline std::string created_id(const std::pair<int, json>& answer) {
    REQUIRE(answer.first == 201);
    return answer.second.at("id");
}

struct World {
    ServerProcess server;
    std::string lead_token, member_token, other_token, agency_token;
    json demo;

    explicit World(const std::string& extra = "") : server(temp_dir("samenleven-api"), extra) {
        const std::string data = "--data " + server.data();
        lead_token = admin("add-government " + data + " --key 42006 --name Dendermonde");
        member_token = admin("add-government " + data + " --key 42008 --name Hamme");
        other_token = admin("add-government " + data + " --key 44021 --name Gent");
        agency_token = admin("add-government " + data + " --key abb --name 'Agentschap Binnenlands Bestuur' --agency");
        demo = json::parse(test_support::read_data("dendermonde_igs.json"));
    }
    ~World() {
        server.stop(SIGTERM);
        std::filesystem::remove_all(server.data());
    }
    Session as(const std::string& token) const { return {server.client(), token}; }
    Session lead() const { return as(lead_token); }

    // Creates the demo plan (draft, revision 1) and returns its id, the server's choice, which
    // `demo` then carries (as the app's plan does once the answer is in).
    std::string create_demo() {
        auto [status, body] = lead().post("/api/v1/plans", {{"change_id", "create-demo"}, {"plan", demo}});
        REQUIRE(status == 201);
        demo["id"] = body.at("id");
        return body.at("id");
    }
};

}  // namespace server_test
