// The JSON API under /api/v1 and the static web app, on a cpp-httplib server.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "samenleven/finding.h"
#include "samenleven/plan.h"
#include "store.h"

namespace httplib {
class Server;
}

namespace samenleven::server {

struct ApiOptions {
    std::size_t max_body_bytes = 1 << 20;  // larger requests get 413
    std::string site_dir;                  // the web app's files; empty: API only
};

void install_api(httplib::Server& server, Store& store, const ApiOptions& options);

// Stores a new plan as draft revision 1 owned by its lead, idempotently under
// (caller, change_id): 201 with the plan's view, or 409 when the id is taken. The API's
// create route and the demo seed both store plans this way.
Reply store_new_plan(Store& store, const Caller& caller, const std::string& change_id, const Plan& plan,
                     const std::vector<Finding>& findings);

}  // namespace samenleven::server
