// Load client for the sync server: C connections, each owning one plan, send plan updates
// (PUT with the right base revision, a fresh change id each) for S seconds over keep-alive
// connections, and report updates per second and latency percentiles.
//   samenleven_load --port P --token T --plan FILE [--connections 16] [--seconds 10]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

using nlohmann::json;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
    int port = 8080, connections = 16, seconds = 10;
    std::string token, plan_file;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string key = argv[i], value = argv[i + 1];
        if (key == "--port") port = std::stoi(value);
        else if (key == "--token") token = value;
        else if (key == "--plan") plan_file = value;
        else if (key == "--connections") connections = std::stoi(value);
        else if (key == "--seconds") seconds = std::stoi(value);
    }
    std::ifstream in(plan_file);
    if (token.empty() || !in) {
        std::cerr << "usage: samenleven_load --port P --token T --plan FILE [--connections 16] [--seconds 10]\n";
        return 2;
    }
    std::stringstream text;
    text << in.rdbuf();
    const json demo = json::parse(text.str());
    const httplib::Headers headers{{"Authorization", "Bearer " + token}};
    const std::string run = std::to_string(Clock::now().time_since_epoch().count());

    std::vector<std::vector<double>> latencies(static_cast<std::size_t>(connections));
    std::atomic<int> failures{0};
    std::atomic<int> connect_failures{0};  // no connection at all (e.g. a SYN dropped past a full backlog)
    const auto deadline = Clock::now() + std::chrono::seconds(seconds);
    std::vector<std::thread> threads;
    for (int c = 0; c < connections; ++c) {
        threads.emplace_back([&, c] {
            httplib::Client client("127.0.0.1", port);
            client.set_keep_alive(true);
            client.set_tcp_nodelay(true);
            json plan = demo;
            plan["id"] = "load-" + run + "-" + std::to_string(c);
            auto res = client.Post("/api/v1/plans", headers, json{{"change_id", plan["id"]}, {"plan", plan}}.dump(), "application/json");
            if (!res || res->status != 201) {
                ++failures;
                return;
            }
            const json created = json::parse(res->body);
            int revision = created.at("revision");
            const std::string change = plan["id"];
            plan["id"] = created.at("id");  // the server's choice
            const std::string path = "/api/v1/plans/" + plan["id"].get<std::string>();
            for (int i = 0; Clock::now() < deadline; ++i) {
                plan["rows"][1]["planned"]["2022"] = 1 + i % 300;
                const std::string body =
                    json{{"change_id", change + "-" + std::to_string(i)}, {"base_revision", revision}, {"plan", plan}}
                        .dump();
                const auto start = Clock::now();
                auto r = client.Put(path, headers, body, "application/json");
                const auto end = Clock::now();
                if (!r || r->status != 200) {
                    ++failures;
                    if (!r && r.error() == httplib::Error::Connection) ++connect_failures;
                    continue;
                }
                revision = json::parse(r->body).at("revision");
                latencies[static_cast<std::size_t>(c)].push_back(std::chrono::duration<double, std::milli>(end - start).count());
            }
        });
    }
    for (auto& t : threads) t.join();
    std::vector<double> all;
    for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
    std::sort(all.begin(), all.end());
    auto pct = [&](double p) { return all.empty() ? 0.0 : all[std::min(all.size() - 1, static_cast<std::size_t>(p * static_cast<double>(all.size())))]; };
    std::cout << "connections " << connections << ", " << seconds << " s: " << all.size() << " updates, "
              << static_cast<double>(all.size()) / seconds << " updates/s, failures " << failures << " (connect failures "
              << connect_failures << ")\n"
              << "latency ms: p50 " << pct(0.50) << ", p90 " << pct(0.90) << ", p99 " << pct(0.99) << ", max "
              << (all.empty() ? 0.0 : all.back()) << "\n";
    return failures == 0 ? 0 : 1;
}
