#include "platform/platform_native.h"

namespace app {

std::vector<std::string> MemoryPlatform::ListFiles() {
    std::vector<std::string> names;
    for (const auto& [name, text] : Files) names.push_back(name);
    return names;
}

std::optional<std::string> MemoryPlatform::ReadFile(const std::string& name) {
    ++Reads;
    const auto it = Files.find(name);
    if (it == Files.end()) return std::nullopt;
    return it->second;
}

bool MemoryPlatform::WriteFile(const std::string& name, const std::string& text) {
    if (FailWrites) return false;  // as a failed write of the temporary file: the old version stays
    Files[name] = text;
    return true;
}

bool MemoryPlatform::RemoveFile(const std::string& name) { return Files.erase(name) > 0; }

void MemoryPlatform::DownloadFile(const std::string& name, const std::string& mime, const std::string& bytes) {
    Downloads.push_back(Download{name, mime, bytes});
}

void MemoryPlatform::OpenPage(const std::string& name, const std::string& html) {
    Pages.push_back(Download{name, "text/html", html});
}

std::uint32_t MemoryPlatform::Random() {
    Seed = Seed * 1664525u + 1013904223u;
    return Seed >> 8;
}

}  // namespace app
