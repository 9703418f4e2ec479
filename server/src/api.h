// The JSON API under /api/v1 and the static web app, on a cpp-httplib server.
#pragma once
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "samenleven/finding.h"
#include "samenleven/plan.h"
#include "samenleven/plan_json.h"
#include "store.h"

namespace httplib {
class Server;
}

namespace samenleven::server {

struct ApiOptions {
    std::size_t max_body_bytes = kMaxDocumentBytes;  // larger requests get 413
    std::string site_dir;                  // the web app's files; empty: API only
};

void install_api(httplib::Server& server, Store& store, const ApiOptions& options);

// Stores a new plan under `id` as draft revision 1 owned by its lead, idempotently under
// (caller, change_id) for the request with this digest: 201 with the plan's view (409 if the
// id is taken). The API's create route gives every plan a new id (new_id()); the demo seed
// keeps the demo plan's own.
Reply store_new_plan(Store& store, const Caller& caller, const std::string& change_id, const std::string& digest,
                     const Plan& plan, const std::vector<Finding>& findings, const std::string& id);

// Headers on every answer: a Content-Security-Policy fit for the app (or, for the API, one
// that renders nothing), nosniff, no referrer, no framing.
std::vector<std::pair<std::string, std::string>> security_headers(bool api);
// The JSON error code and Dutch message for a status httplib or the connection layer sets.
std::pair<std::string, std::string> status_text(int status);
// A whole HTTP response refusing a request before it reached a route (connections.h).
std::string refusal_response(int status, const std::string& code, const std::string& message);

}  // namespace samenleven::server
