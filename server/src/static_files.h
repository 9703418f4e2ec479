// The web app's files (the site folder app/make_site.cmake assembles), served as a production
// web server serves them:
//   - each file is compressed at build time, beside the original (NAME.br, NAME.gz); a client
//     gets the best one its Accept-Encoding takes (q-values honoured), with Content-Encoding
//     and Vary: Accept-Encoding, and the original when it takes neither;
//   - a file whose name carries a content hash (NAME.0123456789abcdef.EXT) never changes: it
//     is cached for a year as immutable. Every other file (the page, the manifest, the service
//     worker) is revalidated on each use: no-cache with an ETag, and If-None-Match gets 304;
//   - "/" is the page (index.html); a path with a dot segment, a backslash or a hidden name is
//     refused with 400, a path that names no file gets 404 (JSON, from the API's error handler).
#pragma once
#include <string>

namespace httplib {
class Server;
}

namespace samenleven::server {

enum class Encoding { Identity, Gzip, Brotli };

// The encoding to send, by the request's Accept-Encoding (RFC 9110, 12.5.3) and the variants
// the file has: the acceptable one with the highest q, brotli before gzip before the original
// on a tie; the original when no variant is acceptable.
Encoding choose_encoding(const std::string& accept_encoding, bool have_brotli, bool have_gzip);

// Whether an If-None-Match value matches this ETag (weak comparison; "*" matches any).
bool etag_matches(const std::string& if_none_match, const std::string& etag);

// True for a file name that carries a content hash: NAME.HASH.EXT with 16 hex digits.
bool is_hashed_name(const std::string& name);

// Serves site_dir's files for every GET and HEAD that no route registered before took.
void install_site(httplib::Server& server, const std::string& site_dir);

}  // namespace samenleven::server
