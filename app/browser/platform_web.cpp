// The browser implementation of platform.h. Storage goes through Emscripten's POSIX file
// layer on the IDBFS mount /plans (so "write a temporary file, then rename" is the same as
// on disk); Flush() asks pre.js to sync the mount to IndexedDB, which commits all changes in
// one transaction. The DOM parts call helpers of pre.js (Module.SL).
#include "browser/platform_web.h"

#include <dirent.h>

#include <algorithm>
#include <charconv>
#include <cstdio>

#include <emscripten.h>

namespace app {

namespace {

constexpr const char* kDir = "/plans/";

// clang-format off
EM_JS(void, js_sync, (), { Module.SL.sync(); });
EM_JS(void, js_take_over, (), { Module.SL.takeOver(); });
// The bytes are copied as they are (UTF8ToString would drop a byte order mark).
EM_JS(void, js_download, (const char* name, const char* mime, const char* bytes, int size), {
  Module.SL.download(UTF8ToString(name), UTF8ToString(mime), HEAPU8.slice(bytes, bytes + size));
});
EM_JS(void, js_open_page, (const char* name, const char* html), {
  Module.SL.openPage(UTF8ToString(name), UTF8ToString(html));
});
EM_JS(void, js_pick_file, (const char* accept), { Module.SL.pickFile(UTF8ToString(accept)); });
EM_JS(void, js_copy, (const char* text), { Module.SL.copy(UTF8ToString(text)); });
EM_JS(void, js_begin_text, (const char* key, const char* label, const char* value, float x, float y, float w, float h, int kind), {
  Module.SL.beginText(UTF8ToString(key), UTF8ToString(label), UTF8ToString(value), x, y, w, h, kind);
});
EM_JS(void, js_move_text, (float x, float y, float w, float h), { Module.SL.moveText(x, y, w, h); });
EM_JS(void, js_end_text, (), { Module.SL.endText(); });
EM_JS(void, js_announce, (const char* text), { Module.SL.announce(UTF8ToString(text)); });
EM_JS(void, js_mirror, (const char* tree, const char* focus), {
  Module.SL.mirror(tree ? UTF8ToString(tree) : null, UTF8ToString(focus));
});
// x, y, w, h of each node of the tree last sent, in its order, read in place from memory.
EM_JS(void, js_mirror_rects, (const int* rects, int count), {
  Module.SL.mirrorRects(HEAP32.subarray(rects >> 2, (rects >> 2) + count * 4));
});
EM_JS(double, js_date_now, (), { return Date.now(); });
EM_JS(int, js_utc_offset_minutes, (double ms), { return -new Date(ms).getTimezoneOffset(); });
EM_JS(void, js_http, (const char* method, const char* url, const char* token, const char* body), {
  Module.SL.http(UTF8ToString(method), UTF8ToString(url), UTF8ToString(token), UTF8ToString(body));
});
EM_JS(int, js_online, (), { return navigator.onLine ? 1 : 0; });
// clang-format on

// Everything the page shows of a node but where it is.
bool SameButRect(const AccessibleNode& a, const AccessibleNode& b) {
    return a.Role == b.Role && a.Parent == b.Parent && a.Level == b.Level && a.Selected == b.Selected &&
           a.Disabled == b.Disabled && a.Invalid == b.Invalid && a.Checked == b.Checked && a.Multiline == b.Multiline &&
           a.Expanded == b.Expanded && a.Pressed == b.Pressed && a.Key == b.Key && a.Name == b.Name && a.Value == b.Value &&
           a.Description == b.Description;
}

// The rectangles in whole pixels, four numbers per node (as in the tree's text).
void RectsOf(const std::vector<AccessibleNode>& nodes, std::vector<int>& out) {
    out.clear();
    out.reserve(nodes.size() * 4);
    for (const AccessibleNode& n : nodes) {
        out.push_back(static_cast<int>(n.Rect.X));
        out.push_back(static_cast<int>(n.Rect.Y));
        out.push_back(static_cast<int>(n.Rect.W + 0.5f));
        out.push_back(static_cast<int>(n.Rect.H + 0.5f));
    }
}

}  // namespace

std::vector<std::string> WebPlatform::ListFiles() {
    std::vector<std::string> names;
    if (DIR* dir = opendir(kDir)) {
        while (dirent* e = readdir(dir)) {
            const std::string name = e->d_name;
            if (name == "." || name == ".." || name.size() > 4 && name.compare(name.size() - 4, 4, ".tmp") == 0) continue;
            names.push_back(name);
        }
        closedir(dir);
    }
    return names;
}

// stdio, not iostreams: a first std::ifstream builds the C++ locale (milliseconds before the
// first frame) and links it in.
std::optional<std::string> WebPlatform::ReadFile(const std::string& name) {
    std::FILE* f = std::fopen((kDir + name).c_str(), "rb");
    if (!f) return std::nullopt;
    std::string text;
    char buffer[16384];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) text.append(buffer, n);
    const bool failed = std::ferror(f) != 0;
    std::fclose(f);
    if (failed) return std::nullopt;
    return text;
}

bool WebPlatform::WriteFile(const std::string& name, const std::string& text) {
    const std::string path = kDir + name, tmp = path + ".tmp";
    std::FILE* f = std::fopen(tmp.c_str(), "wb");
    if (!f) return false;
    const bool written = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    if (std::fclose(f) != 0 || !written) {
        std::remove(tmp.c_str());
        return false;
    }
    return std::rename(tmp.c_str(), path.c_str()) == 0;
}

bool WebPlatform::RemoveFile(const std::string& name) { return std::remove((kDir + name).c_str()) == 0; }

void WebPlatform::Flush() { js_sync(); }

void WebPlatform::TakeOverFromOtherTab() { js_take_over(); }

void WebPlatform::DownloadFile(const std::string& name, const std::string& mime, const std::string& bytes) {
    js_download(name.c_str(), mime.c_str(), bytes.data(), static_cast<int>(bytes.size()));
}

void WebPlatform::OpenPage(const std::string& name, const std::string& html) { js_open_page(name.c_str(), html.c_str()); }

void WebPlatform::PickFile(const std::string& accept) { js_pick_file(accept.c_str()); }

void WebPlatform::CopyToClipboard(const std::string& text) { js_copy(text.c_str()); }

void WebPlatform::BeginTextInput(const TextInputRequest& r) {
    js_begin_text(r.Key.c_str(), r.Label.c_str(), r.Value.c_str(), r.Rect.X, r.Rect.Y, r.Rect.W, r.Rect.H,
                  static_cast<int>(r.Kind));
}

void WebPlatform::MoveTextInput(const PixelRect& r) { js_move_text(r.X, r.Y, r.W, r.H); }

void WebPlatform::EndTextInput() { js_end_text(); }

void WebPlatform::HttpRequest(const std::string& method, const std::string& url, const std::string& token,
                              const std::string& body) {
    js_http(method.c_str(), url.c_str(), token.c_str(), body.c_str());
}

bool WebPlatform::IsOnline() { return js_online() != 0; }

double WebPlatform::NowSeconds() { return js_date_now() / 1000.0; }

int WebPlatform::UtcOffsetMinutes(double unix_seconds) { return js_utc_offset_minutes(unix_seconds * 1000.0); }

std::uint32_t WebPlatform::Random() { return static_cast<std::uint32_t>(emscripten_random() * 4294967295.0); }

void WebPlatform::Announce(const std::string& message) { js_announce(message.c_str()); }

// The tree goes to pre.js as text: one record per node (separated by 0x1E), its fields
// separated by 0x1F: parent, role, key, name, value, description, state bits, x, y, w, h,
// level. Sent only when it differs from the last one (most frames change nothing in it).
// When only rectangles changed (a scroll, a drag: every frame moves the panel's nodes),
// only those go, as numbers the page reads in place, and it moves the nodes it has.
void WebPlatform::PublishAccessibleTree(const std::vector<AccessibleNode>& nodes, const std::string& focus) {
    if (nodes.size() == last_nodes_.size() && std::equal(nodes.begin(), nodes.end(), last_nodes_.begin(), SameButRect)) {
        RectsOf(nodes, rects_);
        if (rects_ != last_rects_) {
            last_rects_.swap(rects_);
            js_mirror_rects(last_rects_.data(), static_cast<int>(nodes.size()));
        }
        if (!focus.empty()) js_mirror(nullptr, focus.c_str());
        return;
    }
    last_nodes_ = nodes;
    RectsOf(nodes, last_rects_);
    std::string text;
    text.reserve(last_text_size_ + 64);
    auto field = [&](const std::string& s) {
        text += s;
        text += '\x1f';
    };
    auto number = [&](long v) {
        char digits[24];
        const auto end = std::to_chars(digits, digits + sizeof digits, v).ptr;
        text.append(digits, end);
        text += '\x1f';
    };
    for (const AccessibleNode& n : nodes) {
        number(n.Parent);
        number(static_cast<long>(n.Role));
        field(n.Key);
        field(n.Name);
        field(n.Value);
        field(n.Description);
        number((n.Selected ? 1 : 0) | (n.Disabled ? 2 : 0) | (n.Invalid ? 4 : 0) | (n.Checked ? 8 : 0) |
               (n.Multiline ? 16 : 0) | (n.Expanded == 0 ? 32 : 0) | (n.Expanded == 1 ? 64 : 0) |
               (n.Pressed == 0 ? 128 : 0) | (n.Pressed == 1 ? 256 : 0));
        const std::size_t i = static_cast<std::size_t>(&n - nodes.data()) * 4;
        for (std::size_t k = 0; k < 4; ++k) number(last_rects_[i + k]);
        number(n.Level);
        text += '\x1e';
    }
    last_text_size_ = text.size();
    js_mirror(text.c_str(), focus.c_str());
}

}  // namespace app
