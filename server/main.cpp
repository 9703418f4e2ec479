// samenleven_server: the sync server and its administration commands.
//   samenleven_server serve --data DIR [--host 127.0.0.1] [--port 8080] [--site DIR] ...   (see kUsage)
//   samenleven_server add-government --data DIR --key KEY --name NAME [--agency]   prints a new token
//   samenleven_server token --data DIR --key KEY                                   prints a new token
//   samenleven_server revoke-token --data DIR (--token TOKEN | --key KEY)          revokes one or all
//   samenleven_server seed-demo --data DIR --plan FILE                             demo governments, plans, tokens
//   samenleven_server check --data DIR                                             PRAGMA integrity_check
//   samenleven_server backup --data DIR --to FILE                                  online backup
//   samenleven_server restore --data DIR --from FILE                               server stopped
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>

#include "api.h"
#include "connections.h"
#include "data_folder.h"
#include "flanders_year1.h"
#include "router.h"
#include "samenleven/samenleven.h"
#include "store.h"
#include "tokens.h"

namespace {

using namespace samenleven;
using namespace samenleven::server;

const char* const kUsage =
    "usage: samenleven_server serve --data DIR [--host 127.0.0.1] [--port 8080] [--site DIR]\n"
    "                                [--sync full|normal] [--workers 8] [--max-body BYTES]\n"
    "                                [--max-connections 4096] [--client-max-connections 256]\n"
    "                                [--client-max-buffer-mb 64] [--trusted-proxy ADDR[/BITS],...]\n"
    "                                [--quota-mb 256] [--header-timeout 10] [--accept-lost-changes]\n"
    "                                [--request-timeout 60] [--idle-timeout 30] [--stop-timeout 10]   (seconds)\n"
    "       samenleven_server add-government --data DIR --key KEY --name NAME [--agency]\n"
    "       samenleven_server token --data DIR --key KEY\n"
    "       samenleven_server revoke-token --data DIR (--token TOKEN | --key KEY)\n"
    "       samenleven_server seed-demo --data DIR --plan FILE\n"
    "       samenleven_server check --data DIR\n"
    "       samenleven_server backup --data DIR --to FILE\n"
    "       samenleven_server restore --data DIR --from FILE [--accept-lost-changes]\n";

struct Options {
    std::map<std::string, std::string> values;
    bool has(const std::string& key) const { return values.count(key) != 0; }
    std::string get(const std::string& key, const std::string& fallback = {}) const {
        auto it = values.find(key);
        return it == values.end() ? fallback : it->second;
    }
    std::string need(const std::string& key) const {
        if (!has(key)) throw std::invalid_argument("missing --" + key);
        return get(key);
    }
};

Options parse_options(int argc, char** argv) {
    Options options;
    for (int i = 2; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg.rfind("--", 0) != 0) throw std::invalid_argument("unexpected argument '" + arg + "'");
        arg = arg.substr(2);
        if (arg == "agency" || arg == "accept-lost-changes") {
            options.values[arg] = "1";
        } else {
            if (i + 1 >= argc) throw std::invalid_argument("--" + arg + " needs a value");
            options.values[arg] = argv[++i];
        }
    }
    return options;
}

std::string database_path(const Options& options) {
    const std::filesystem::path dir = options.need("data");
    std::filesystem::create_directories(dir);
    return (dir / "samenleven.sqlite3").string();
}

Store::Sync sync_mode(const Options& options) {
    const std::string sync = options.get("sync", "full");
    if (sync != "full" && sync != "normal") throw std::invalid_argument("--sync takes full or normal");
    return sync == "full" ? Store::Sync::full : Store::Sync::normal;
}

long long number_option(const Options& options, const std::string& key, long long fallback, long long min, long long max) {
    if (!options.has(key)) return fallback;
    const std::string text = options.get(key);
    if (text.empty() || text.size() > 12 || text.find_first_not_of("0123456789") != std::string::npos)
        throw std::invalid_argument("--" + key + " takes a whole number");
    const long long value = std::stoll(text);
    if (value < min || value > max)
        throw std::invalid_argument("--" + key + " takes a number from " + std::to_string(min) + " to " + std::to_string(max));
    return value;
}

int serve(const Options& options) {
    // SIGINT and SIGTERM are taken by one thread (below) that stops the server. They are
    // blocked before any other thread starts (the store's writer, the workers), so that
    // every thread inherits the mask and none of them is ended by the signal's default.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    const std::string path = database_path(options);
    FolderLock lock(options.need("data"), path, "starten");
    Store store(path, sync_mode(options), options.has("accept-lost-changes"));
    lock.lock_database();
    store.check_ready();
    store.set_quota(number_option(options, "quota-mb", 256, 1, 1'000'000) << 20);

    ApiOptions api;
    api.site_dir = options.get("site");
    api.max_body_bytes = static_cast<std::size_t>(number_option(options, "max-body", static_cast<long long>(kMaxDocumentBytes), 1024, 64 << 20));
    if (!api.site_dir.empty() && !std::filesystem::exists(api.site_dir))
        throw std::invalid_argument("--site " + api.site_dir + " does not exist (build the app first)");
    Router router;
    install_api(router, store, api);

    ConnectionLimits limits;
    limits.framing.max_body_bytes = api.max_body_bytes;
    limits.workers = static_cast<int>(number_option(options, "workers", number_option(options, "threads", 8, 1, 256), 1, 256));
    limits.max_connections = static_cast<std::size_t>(number_option(options, "max-connections", 4096, 1, 1'000'000));
    limits.max_connections_per_client =
        static_cast<std::size_t>(number_option(options, "client-max-connections", 256, 1, 1'000'000));
    limits.max_buffered_bytes_per_client =
        static_cast<std::size_t>(number_option(options, "client-max-buffer-mb", 64, 1, 65536)) << 20;
    if (options.has("trusted-proxy")) limits.trusted_proxies = parse_address_ranges(options.get("trusted-proxy"));
    limits.reserved_descriptors = Store::descriptors_needed(static_cast<std::size_t>(limits.workers));
    limits.header_deadline = std::chrono::seconds(number_option(options, "header-timeout", 10, 1, 3600));
    limits.request_deadline = std::chrono::seconds(number_option(options, "request-timeout", 60, 1, 3600));
    limits.idle_timeout = std::chrono::seconds(number_option(options, "idle-timeout", 30, 1, 3600));
    limits.stop_deadline = std::chrono::seconds(number_option(options, "stop-timeout", 10, 1, 3600));
    ConnectionServer connections(
        limits, [&router](const std::string& request, const Peer& peer) { return router.answer(request, peer); },
        refusal_response);

    const std::string host = options.get("host", "127.0.0.1");
    const std::size_t asked_connections = limits.max_connections;
    const int port = connections.listen(host, static_cast<int>(number_option(options, "port", 8080, 0, 65535)));
    if (connections.max_connections() < asked_connections)
        std::cerr << "samenleven_server: --max-connections " << asked_connections << " is meer dan de limiet van "
                  << connections.descriptor_limit() << " open bestanden toelaat (RLIMIT_NOFILE, ulimit -n); de server neemt "
                  << connections.max_connections() << " verbindingen tegelijk aan" << std::endl;

    // SIGINT / SIGTERM stop the server cleanly (signals blocked above, in every thread);
    // SIGKILL is what the fault test uses.
    std::thread waiter([&] {
        int signal = 0;
        sigwait(&signals, &signal);
        connections.stop();
    });
    waiter.detach();

    std::cout << "samenleven_server listening on http://" << host << ":" << port << "/" << std::endl;
    connections.run();
    std::cout << "samenleven_server stopped: every request under way answered" << std::endl;
    return 0;  // the store closes as it goes out of scope: writer drained, WAL checkpointed
}

int add_government(const Options& options) {
    Store store(database_path(options));
    store.add_government(options.need("key"), options.need("name"), options.has("agency"));
    std::cout << store.issue_token(options.need("key")) << "\n";
    return 0;
}

int token(const Options& options) {
    Store store(database_path(options));
    std::cout << store.issue_token(options.need("key")) << "\n";
    return 0;
}

// One request answered in process by the API's own routes (install_api over a Router, no
// socket): the same checks, revisions, idempotent change ids and stored data as a request from
// the app. Throws unless the answer has the expected status.
class LocalApi {
public:
    explicit LocalApi(Store& store) { install_api(router_, store, ApiOptions{}); }

    nlohmann::json call(const std::string& method, const std::string& path, const std::string& token,
                        const nlohmann::json& body, int expected) {
        const std::string text = body.dump();
        const std::string request = method + " " + path + " HTTP/1.1\r\nHost: seed-demo\r\nAuthorization: Bearer " + token +
                                    "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(text.size()) +
                                    "\r\n\r\n" + text;
        const Answer answer = router_.answer(request, {"127.0.0.1", 0});
        const int status = answer.bytes.rfind("HTTP/1.1 ", 0) == 0 ? std::atoi(answer.bytes.c_str() + 9) : 0;
        const std::size_t head_end = answer.bytes.find("\r\n\r\n");
        const std::string reply = head_end == std::string::npos ? std::string() : answer.bytes.substr(head_end + 4);
        if (status != expected)
            throw std::runtime_error(method + " " + path + " answered " + std::to_string(status) + ": " + reply);
        return nlohmann::json::parse(reply);
    }

private:
    Router router_;
};

// The first project year in Flanders (demo/flanders_year1.h): 106 applicants' plans, each
// stored as its lead's own plan and taken through the programme's cycle by the API's routes
// (create, submit, the agency's confirmation of every target, the interim and the yearly
// report), so that the agency sees them as reported and the aggregate gives the published
// year-1 figures. The governments (leads and members) are added; each lead and the agency get
// a token for the seeding only, revoked at the end (`token --data DIR --key NIS` issues one).
// Plans already reported (their last change is stored) are left alone; change ids are fixed,
// so an interrupted seed resumes: a step done before answers as the first time, with the id
// the server gave the plan.
// Returns the number of plans it took through the cycle.
int seed_flanders_year1(Store& store) {
    const std::vector<Plan> plans = demo::flanders_year1_plans();
    std::vector<const Plan*> to_seed;
    for (const Plan& plan : plans)  // the last step done: this plan is stored and reported
        if (!store.has_change(government_key(plan.applicant.lead), "seed-" + plan.id + "-yearly")) to_seed.push_back(&plan);
    if (to_seed.empty()) return 0;

    LocalApi api(store);
    std::vector<std::string> seeding_tokens;
    auto token_for = [&](const std::string& key) { return seeding_tokens.emplace_back(store.issue_token(key)); };
    const std::string agency = token_for("abb");
    using nlohmann::json;
    for (const Plan* plan : to_seed) {
        store.add_government(government_key(plan->applicant.lead), plan->applicant.lead.name, false);
        for (const auto& member : plan->applicant.members) store.add_government(government_key(member), member.name, false);
        const std::string owner = token_for(government_key(plan->applicant.lead));
        const std::string change = "seed-" + plan->id + "-";

        // What the coordinator sent: the plan without the agency's targets and the results.
        Plan request = *plan;
        for (auto& row : request.rows) row.results = {};
        json view = api.call("POST", "/api/v1/plans", owner, {{"change_id", change + "create"}, {"plan", write_plan(request)}}, 201);
        const std::string path = "/api/v1/plans/" + view.at("id").get<std::string>();
        view = api.call("POST", path + "/submit", owner,
                        {{"change_id", change + "submit"}, {"base_revision", view.at("current_revision")}}, 200);

        json targets = json::array(), interim = json::array(), yearly = json::array();
        for (std::size_t r = 0; r < plan->rows.size(); ++r) {
            for (std::size_t y = 0; y < kProjectYears.size(); ++y)
                if (const auto& confirmed = plan->rows[r].results[y].confirmed_target)
                    targets.push_back({{"row", r}, {"year", kProjectYears[y]}, {"confirmed_target", *confirmed}});
            const YearResult& year1 = plan->rows[r].results[0];
            if (year1.interim_reach) interim.push_back({{"row", r}, {"year", kProjectYears[0]}, {"interim_reach", *year1.interim_reach}});
            if (year1.final_reach)
                yearly.push_back({{"row", r}, {"year", kProjectYears[0]}, {"final_reach", *year1.final_reach},
                                  {"reason", year1.reason}, {"recovery_plan", year1.recovery_plan}});
        }
        view = api.call("POST", path + "/confirm", agency, {{"change_id", change + "confirm"}, {"targets", targets}}, 200);
        view = api.call("POST", path + "/results", owner,
                        {{"change_id", change + "interim"}, {"base_revision", view.at("current_revision")}, {"results", interim}}, 200);
        view = api.call("POST", path + "/results", owner,
                        {{"change_id", change + "yearly"}, {"base_revision", view.at("current_revision")}, {"results", yearly}}, 200);
        Plan expected = *plan;
        expected.id = view.at("id");  // the server's choice
        if (view.at("status") != "reported" || read_plan(view.at("plan")).plan != expected)
            throw std::runtime_error("demo plan " + plan->id + " was not stored as generated and reported");
    }
    for (const std::string& token : seeding_tokens) store.revoke_token(token);
    return static_cast<int>(to_seed.size());
}

// The demo database: the agency, a few real Flemish local governments from the programme's
// seeds with the Dendermonde IGS plan (--plan) as a draft, their tokens in DIR/demo-tokens.txt
// (written once), and the first project year in Flanders (seed_flanders_year1) beside them.
int seed_demo(const Options& options) {
    const std::filesystem::path dir = options.need("data");
    const std::filesystem::path tokens_file = dir / "demo-tokens.txt";
    Store store(database_path(options));
    if (std::filesystem::exists(tokens_file)) {
        std::cout << "demo governments already present; tokens in " << tokens_file.string() << "\n";
    } else {
        const std::vector<std::tuple<std::string, std::string, bool>> governments{
            {"abb", "Agentschap Binnenlands Bestuur", true}, {"42006", "Dendermonde", false}, {"42008", "Hamme", false},
            {"42011", "Lebbeke", false},                      {"42004", "Buggenhout", false}, {"44021", "Gent", false},
            {"11002", "Antwerpen", false},                    {"12025", "Mechelen", false}};
        std::ostringstream lines;
        for (const auto& [key, name, agency] : governments) {
            store.add_government(key, name, agency);
            lines << key << "\t" << name << "\t" << store.issue_token(key) << "\n";
        }

        std::ifstream in(options.need("plan"), std::ios::binary);
        if (!in) throw std::invalid_argument("cannot open --plan " + options.get("plan"));
        std::ostringstream text;
        text << in.rdbuf();
        const PlanReading reading = read_and_validate_text(text.str());
        const Plan& plan = reading.plan;
        const Caller lead{government_key(plan.applicant.lead), plan.applicant.lead.name, false};
        const Reply stored = store_new_plan(store, lead, "seed-demo", blake2b_hex("seed-demo"), plan, reading.findings, plan.id);
        if (stored.status != 201) throw std::runtime_error("demo plan not stored: " + stored.body.dump());

        std::ofstream out(tokens_file);
        out << "# key\tname\ttoken (demo data only)\n" << lines.str();
        out.close();
        std::filesystem::permissions(tokens_file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
        std::cout << lines.str();
    }
    const int seeded = seed_flanders_year1(store);
    std::cout << "first project year in Flanders: " << (seeded > 0 ? std::to_string(seeded) + " plans stored and reported" : "already present")
              << "\n";
    return 0;
}

// Reads only: creates no folder, database or seal.
int check(const Options& options) {
    const std::string result = Store::check_folder(options.need("data"));
    std::cout << result << "\n";
    return result == "ok" ? 0 : 1;
}

int revoke_token(const Options& options) {
    Store store(database_path(options));
    if (options.has("token")) {
        if (!store.revoke_token(options.get("token"))) throw std::invalid_argument("no such token");
        std::cout << "1 token revoked\n";
    } else {
        std::cout << store.revoke_tokens_of(options.need("key")) << " token(s) of " << options.get("key") << " revoked\n";
    }
    return 0;
}

int backup(const Options& options) {
    Store store(database_path(options));
    store.backup_to(options.need("to"));
    std::cout << "backup written to " << options.get("to") << "\n";
    return 0;
}

int restore(const Options& options) {
    const std::string path = database_path(options);
    FolderLock lock(options.need("data"), path, "herstellen");
    Store store(path, Store::Sync::full, options.has("accept-lost-changes"));
    const auto [before, after] = store.restore_from(options.need("from"));
    std::cout << "restored " << options.get("from") << " into " << path << "\n";
    if (before.database_id == after.database_id && after.commits <= before.commits)
        std::cout << "the database goes back " << before.commits + 1 - after.commits
                  << " commit(s): changes acknowledged after the backup are not in it\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << kUsage;
        return 2;
    }
    try {
        init_crypto();
        umask(077);  // the database, its WAL files and backups are the server's alone
        const std::string command = argv[1];
        const Options options = parse_options(argc, argv);
        if (command == "serve") return serve(options);
        if (command == "add-government") return add_government(options);
        if (command == "token") return token(options);
        if (command == "seed-demo") return seed_demo(options);
        if (command == "check") return check(options);
        if (command == "revoke-token") return revoke_token(options);
        if (command == "backup") return backup(options);
        if (command == "restore") return restore(options);
        std::cerr << kUsage;
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "samenleven_server: " << e.what() << "\n";
        return 2;
    }
}
