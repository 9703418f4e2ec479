// Starts the real samenleven_server on a free loopback port with a fresh data folder, and
// talks to it with cpp-httplib's client. Used by the API and fault tests.
#pragma once
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

namespace server_test {

using nlohmann::json;

// The server under test; SAMENLEVEN_SERVER_BIN in the environment overrides the built one
// (to run these tests against another build, e.g. an older one).
inline std::string server_bin() {
    const char* path = std::getenv("SAMENLEVEN_SERVER_BIN");
    return path && *path ? path : SAMENLEVEN_SERVER_BIN;
}

inline std::string temp_dir(const std::string& name) {
    std::string pattern = (std::filesystem::temp_directory_path() / (name + "-XXXXXX")).string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    return pattern;
}

// Runs a command of the server's administration and returns its standard output.
inline std::string admin(const std::string& args) {
    const std::string command = server_bin() + " " + args;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) throw std::runtime_error("popen failed");
    std::string out;
    char buffer[512];
    while (fgets(buffer, sizeof buffer, pipe)) out += buffer;
    if (pclose(pipe) != 0) throw std::runtime_error("command failed: " + command + "\n" + out);
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return out;
}

// Runs a command with a time limit; returns its exit code and what it printed (both streams).
inline std::pair<int, std::string> run(const std::string& command, int seconds = 10) {
    const std::string line = "timeout " + std::to_string(seconds) + " " + command + " 2>&1";
    FILE* pipe = popen(line.c_str(), "r");
    if (!pipe) throw std::runtime_error("popen failed");
    std::string out;
    char buffer[512];
    while (fgets(buffer, sizeof buffer, pipe)) out += buffer;
    const int status = pclose(pipe);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

class ServerProcess {
public:
    // `launcher`: a command the server is started under (e.g. "prlimit --nofile=1024:1024").
    explicit ServerProcess(std::string data_dir, std::string extra = "", std::string launcher = "")
        : data_(std::move(data_dir)), launcher_(std::move(launcher)) {
        start(extra);
    }
    ~ServerProcess() { stop(SIGTERM); }
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    void start(const std::string& extra = "") {
        int fds[2];
        if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
        pid_ = fork();
        if (pid_ == 0) {
            dup2(fds[1], STDOUT_FILENO);
            close(fds[0]);
            close(fds[1]);
            const std::string command =
                "exec " + launcher_ + " " + server_bin() + " serve --host 127.0.0.1 --port 0 --data " + data_ + " " + extra;
            execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
            _exit(127);
        }
        close(fds[1]);
        // The first line says where it listens: "... listening on http://127.0.0.1:PORT/".
        std::string line;
        char c;
        while (read(fds[0], &c, 1) == 1 && c != '\n') line.push_back(c);
        close(fds[0]);
        const auto colon = line.rfind(':');
        if (line.find("listening on") == std::string::npos || colon == std::string::npos)
            throw std::runtime_error("server did not start: " + line);
        port_ = std::stoi(line.substr(colon + 1));
    }

    // Sends `signal` and waits for the process; returns its wait status (-1: not running).
    int stop(int signal) {
        if (pid_ <= 0) return -1;
        kill(pid_, signal);
        int status = 0;
        waitpid(pid_, &status, 0);
        pid_ = -1;
        return status;
    }

    int port() const { return port_; }
    pid_t pid() const { return pid_; }
    const std::string& data() const { return data_; }
    httplib::Client client() const {
        httplib::Client c("127.0.0.1", port_);
        c.set_connection_timeout(5);
        c.set_read_timeout(10);
        return c;
    }

private:
    std::string data_;
    std::string launcher_;
    pid_t pid_ = -1;
    int port_ = 0;
};

// One government's view of the API.
struct Session {
    httplib::Client client;
    std::string token;

    httplib::Headers headers() const { return {{"Authorization", "Bearer " + token}}; }
    std::pair<int, json> get(const std::string& path) {
        auto res = client.Get(path.c_str(), headers());
        if (!res) throw std::runtime_error("no response for GET " + path);
        return {res->status, res->body.empty() ? json() : json::parse(res->body)};
    }
    std::pair<int, json> send(const std::string& method, const std::string& path, const std::string& body) {
        httplib::Result res = method == "PUT" ? client.Put(path.c_str(), headers(), body, "application/json")
                                              : client.Post(path.c_str(), headers(), body, "application/json");
        if (!res) throw std::runtime_error("no response for " + method + " " + path);
        return {res->status, res->body.empty() ? json() : json::parse(res->body)};
    }
    std::pair<int, json> post(const std::string& path, const json& body) { return send("POST", path, body.dump()); }
    std::pair<int, json> put(const std::string& path, const json& body) { return send("PUT", path, body.dump()); }
};

}  // namespace server_test
