// The JSON API under /api/v1 and the static web app, on a cpp-httplib server.
#pragma once
#include <cstddef>
#include <string>

namespace httplib {
class Server;
}

namespace samenleven::server {

class Store;

struct ApiOptions {
    std::size_t max_body_bytes = 1 << 20;  // larger requests get 413
    std::string site_dir;                  // the web app's files; empty: API only
};

void install_api(httplib::Server& server, Store& store, const ApiOptions& options);

}  // namespace samenleven::server
