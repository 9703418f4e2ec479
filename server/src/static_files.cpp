#include "static_files.h"

#include <httplib.h>
#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace samenleven::server {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> parts;
    for (std::size_t start = 0;;) {
        const std::size_t end = s.find(sep, start);
        parts.push_back(s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos) return parts;
        start = end + 1;
    }
}

// A q-value (RFC 9110, 12.4.2): "0" to "1" with at most three decimals; nullopt when malformed.
std::optional<double> parse_q(std::string_view v) {
    if (v.empty() || v.size() > 5 || (v[0] != '0' && v[0] != '1')) return std::nullopt;
    if (v.size() > 1 && v[1] != '.') return std::nullopt;
    for (std::size_t i = 2; i < v.size(); ++i)
        if (!std::isdigit(static_cast<unsigned char>(v[i]))) return std::nullopt;
    const double q = std::stod(std::string(v));
    return q > 1 ? std::nullopt : std::optional<double>(q);
}

const char* content_type(const std::string& extension) {
    static const std::pair<const char*, const char*> types[] = {
        {".html", "text/html; charset=utf-8"},  {".js", "text/javascript; charset=utf-8"},
        {".wasm", "application/wasm"},          {".ttf", "font/ttf"},
        {".svg", "image/svg+xml"},              {".webmanifest", "application/manifest+json"},
        {".json", "application/json"},          {".css", "text/css; charset=utf-8"},
        {".png", "image/png"},                  {".txt", "text/plain; charset=utf-8"},
    };
    for (const auto& [ext, type] : types)
        if (extension == ext) return type;
    return "application/octet-stream";
}

std::optional<std::string> read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) return std::nullopt;
    return bytes;
}

// A strong ETag of the bytes sent (each encoding its own): BLAKE2b, 128 bits, in hex.
std::string etag_of(const std::string& bytes) {
    unsigned char digest[16];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), nullptr, 0);
    char hex[sizeof digest * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return "\"" + std::string(hex) + "\"";
}

// The file a request path names, relative to the site; nullopt for a path that is refused:
// a dot segment or hidden name ("..", "."), an empty segment, a backslash, a NUL.
std::optional<std::string> relative_file(const std::string& path) {
    if (path.empty() || path[0] != '/') return std::nullopt;
    if (path == "/") return std::string("index.html");
    if (path.find('\\') != std::string::npos || path.find('\0') != std::string::npos) return std::nullopt;
    for (std::string_view segment : split(std::string_view(path).substr(1), '/'))
        if (segment.empty() || segment[0] == '.') return std::nullopt;
    return path.substr(1);
}

// A compressed variant is only ever sent as an encoding of its original, not as a file.
bool is_variant(const std::string& name) {
    const auto ends_with = [&](std::string_view suffix) {
        return name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    return ends_with(".br") || ends_with(".gz");
}

void serve(const std::filesystem::path& root, const httplib::Request& req, httplib::Response& res) {
    const std::optional<std::string> name = relative_file(req.path);
    if (!name) {
        res.status = 400;
        return;
    }
    const std::filesystem::path file = root / *name;
    std::error_code ec;
    // Every file is inside the site (no symbolic link leads out of it).
    const std::filesystem::path real = std::filesystem::weakly_canonical(file, ec);
    const bool inside = std::mismatch(root.begin(), root.end(), real.begin(), real.end()).first == root.end();
    if (ec || !inside || is_variant(*name) || !std::filesystem::is_regular_file(real, ec)) {
        res.status = 404;
        return;
    }
    auto exists = [](const std::filesystem::path& p) {
        std::error_code e;
        return std::filesystem::is_regular_file(p, e);
    };
    const std::filesystem::path br = real.string() + ".br", gz = real.string() + ".gz";
    const Encoding encoding = choose_encoding(req.get_header_value("Accept-Encoding"), exists(br), exists(gz));
    const std::optional<std::string> bytes =
        read_file(encoding == Encoding::Brotli ? br : encoding == Encoding::Gzip ? gz : real);
    if (!bytes) {
        res.status = 404;
        return;
    }
    const std::string etag = etag_of(*bytes);
    res.set_header("ETag", etag);
    res.set_header("Cache-Control", is_hashed_name(real.filename().string()) ? "public, max-age=31536000, immutable" : "no-cache");
    res.set_header("Vary", "Accept-Encoding");
    if (req.has_header("If-None-Match") && etag_matches(req.get_header_value("If-None-Match"), etag)) {
        res.status = 304;
        return;
    }
    if (encoding != Encoding::Identity) res.set_header("Content-Encoding", encoding == Encoding::Brotli ? "br" : "gzip");
    res.set_content(*bytes, content_type(real.extension().string()));
    // httplib (0.11) would compress a text body once more for any client whose Accept-Encoding
    // names br or gzip, after this handler and whatever its Content-Encoding says
    // (detail::encoding_type). The body is already in the encoding negotiated above, so the
    // request's Accept-Encoding, read, is taken away from httplib. (The Request is httplib's
    // own, not a const object: it hands its handlers a const reference to it.)
    const_cast<httplib::Request&>(req).headers.erase("Accept-Encoding");
}

}  // namespace

Encoding choose_encoding(const std::string& accept_encoding, bool have_brotli, bool have_gzip) {
    std::optional<double> q_br, q_gzip, q_identity, q_any;
    for (std::string_view element : split(accept_encoding, ',')) {
        const std::vector<std::string_view> parts = split(element, ';');
        const std::string coding = lower(trim(parts[0]));
        if (coding.empty()) continue;
        std::optional<double> q = 1.0;
        for (std::size_t i = 1; i < parts.size(); ++i) {
            const std::string_view param = trim(parts[i]);
            if (param.size() >= 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') q = parse_q(trim(param.substr(2)));
        }
        if (!q) continue;  // a malformed q-value: the element is ignored
        if (coding == "br") q_br = q;
        else if (coding == "gzip" || coding == "x-gzip") q_gzip = q;
        else if (coding == "identity") q_identity = q;
        else if (coding == "*") q_any = q;
    }
    // A coding not named takes the q of "*" if there is one. The original is always the last
    // resort (RFC 9110: acceptable unless excluded); it wins over an acceptable variant only
    // when the client gives it a higher q, by name or by "*".
    const double br = have_brotli ? q_br.value_or(q_any.value_or(0)) : 0;
    const double gzip = have_gzip ? q_gzip.value_or(q_any.value_or(0)) : 0;
    const double identity = q_identity.value_or(q_any.value_or(0));
    if (br > 0 && br >= gzip && br >= identity) return Encoding::Brotli;
    if (gzip > 0 && gzip >= identity) return Encoding::Gzip;
    return Encoding::Identity;
}

bool etag_matches(const std::string& if_none_match, const std::string& etag) {
    const auto opaque = [](std::string_view tag) {
        tag = trim(tag);
        if (tag.size() >= 2 && tag[0] == 'W' && tag[1] == '/') tag.remove_prefix(2);
        return tag;
    };
    for (std::string_view tag : split(if_none_match, ',')) {
        if (trim(tag) == "*" || opaque(tag) == opaque(etag)) return true;
    }
    return false;
}

bool is_hashed_name(const std::string& name) {
    const std::size_t ext = name.rfind('.');
    if (ext == std::string::npos || ext < 18) return false;
    const std::size_t dot = ext - 17;
    if (name[dot] != '.') return false;
    return std::all_of(name.begin() + static_cast<std::ptrdiff_t>(dot) + 1, name.begin() + static_cast<std::ptrdiff_t>(ext),
                       [](unsigned char c) { return std::isxdigit(c) && !std::isupper(c); });
}

void install_site(httplib::Server& server, const std::string& site_dir) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
    const auto root = std::make_shared<std::filesystem::path>(std::filesystem::canonical(site_dir));
    server.Get(R"(/.*)", [root](const httplib::Request& req, httplib::Response& res) { serve(*root, req, res); });
}

}  // namespace samenleven::server
