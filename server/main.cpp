// samenleven_server: the sync server and its administration commands.
//   samenleven_server serve --data DIR [--host 127.0.0.1] [--port 8080] [--site DIR] [--sync full|normal] [--threads N]
//   samenleven_server add-government --data DIR --key KEY --name NAME [--agency]   prints a new token
//   samenleven_server token --data DIR --key KEY                                   prints a new token
//   samenleven_server seed-demo --data DIR --plan FILE                             demo governments, plan, tokens
//   samenleven_server check --data DIR                                             PRAGMA integrity_check
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>

#include <httplib.h>

#include "api.h"
#include "samenleven/samenleven.h"
#include "store.h"
#include "tokens.h"

namespace {

using namespace samenleven;
using namespace samenleven::server;

const char* const kUsage =
    "usage: samenleven_server serve --data DIR [--host 127.0.0.1] [--port 8080] [--site DIR]\n"
    "                                [--sync full|normal] [--threads N] [--max-body BYTES]\n"
    "       samenleven_server add-government --data DIR --key KEY --name NAME [--agency]\n"
    "       samenleven_server token --data DIR --key KEY\n"
    "       samenleven_server seed-demo --data DIR --plan FILE\n"
    "       samenleven_server check --data DIR\n";

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
        if (arg == "agency") {
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

int serve(const Options& options) {
    Store store(database_path(options), sync_mode(options));
    httplib::Server server;
    const int threads = std::stoi(options.get("threads", "32"));
    server.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
    ApiOptions api;
    api.site_dir = options.get("site");
    if (options.has("max-body")) api.max_body_bytes = std::stoul(options.get("max-body"));
    if (!api.site_dir.empty() && !std::filesystem::exists(api.site_dir))
        throw std::invalid_argument("--site " + api.site_dir + " does not exist (build the app first)");
    install_api(server, store, api);

    const std::string host = options.get("host", "127.0.0.1");
    int port = std::stoi(options.get("port", "8080"));
    if (port == 0) {
        port = server.bind_to_any_port(host);
    } else if (!server.bind_to_port(host, port)) {
        port = -1;
    }
    if (port <= 0) {
        std::cerr << "samenleven_server: cannot listen on " << host << ":" << options.get("port", "8080") << "\n";
        return 1;
    }

    // SIGINT / SIGTERM stop the server cleanly; SIGKILL is what the fault test uses.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::thread waiter([&] {
        int signal = 0;
        sigwait(&signals, &signal);
        server.stop();
    });
    waiter.detach();

    std::cout << "samenleven_server listening on http://" << host << ":" << port << "/" << std::endl;
    server.listen_after_bind();
    return 0;
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

// A few real Flemish local governments from the programme's seeds, the agency, and the
// Dendermonde IGS plan as a draft. Tokens are written to DIR/demo-tokens.txt.
int seed_demo(const Options& options) {
    const std::filesystem::path dir = options.need("data");
    const std::filesystem::path tokens_file = dir / "demo-tokens.txt";
    if (std::filesystem::exists(tokens_file)) {
        std::cout << "demo data already present; tokens in " << tokens_file.string() << "\n";
        return 0;
    }
    Store store(database_path(options));
    const std::vector<std::tuple<std::string, std::string, bool>> governments{
        {"abb", "Agentschap Binnenlands Bestuur", true}, {"42006", "Dendermonde", false}, {"42008", "Hamme", false},
        {"42011", "Lebbeke", false},                      {"42004", "Buggenhout", false}, {"44021", "Gent", false},
        {"11002", "Antwerpen", false},                    {"12025", "Mechelen", false}};
    std::ostringstream lines;
    std::map<std::string, std::string> token_of;
    for (const auto& [key, name, agency] : governments) {
        store.add_government(key, name, agency);
        token_of[key] = store.issue_token(key);
        lines << key << "\t" << name << "\t" << token_of[key] << "\n";
    }

    std::ifstream in(options.need("plan"), std::ios::binary);
    if (!in) throw std::invalid_argument("cannot open --plan " + options.get("plan"));
    std::ostringstream text;
    text << in.rdbuf();
    const PlanReading reading = read_and_validate_text(text.str());
    const Plan& plan = reading.plan;
    const Caller lead{government_key(plan.applicant.lead), plan.applicant.lead.name, false};
    const Reply stored = store_new_plan(store, lead, "seed-demo", plan, reading.findings);
    if (stored.status != 201) throw std::runtime_error("demo plan not stored: " + stored.body.dump());

    std::ofstream out(tokens_file);
    out << "# key\tname\ttoken (demo data only)\n" << lines.str();
    out.close();
    std::filesystem::permissions(tokens_file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    std::cout << lines.str();
    return 0;
}

int check(const Options& options) {
    Store store(database_path(options));
    const std::string result = store.integrity_check();
    std::cout << result << "\n";
    return result == "ok" ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << kUsage;
        return 2;
    }
    try {
        init_crypto();
        const std::string command = argv[1];
        const Options options = parse_options(argc, argv);
        if (command == "serve") return serve(options);
        if (command == "add-government") return add_government(options);
        if (command == "token") return token(options);
        if (command == "seed-demo") return seed_demo(options);
        if (command == "check") return check(options);
        std::cerr << kUsage;
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "samenleven_server: " << e.what() << "\n";
        return 2;
    }
}
