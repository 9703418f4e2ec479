// httplib's routing (routes, static files, error and exception handlers) over requests that
// the connection layer has framed: a request's bytes in, the response's bytes out. httplib's
// own sockets, threads and limits are not used (see connections.h).
#pragma once
#include <httplib.h>

#include "connections.h"

namespace samenleven::server {

class Router : public httplib::Server {
public:
    Answer answer(const std::string& request, const Peer& peer);
};

}  // namespace samenleven::server
