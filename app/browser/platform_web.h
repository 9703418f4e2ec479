// The platform in the browser: files in /plans (IDBFS, synced to IndexedDB), DOM calls
// for downloads, file picking, clipboard, the text overlay and the ARIA live region.
#pragma once
#include "platform/platform.h"

namespace app {

class WebPlatform : public Platform {
public:
    std::vector<std::string> ListFiles() override;
    std::optional<std::string> ReadFile(const std::string& name) override;
    bool WriteFile(const std::string& name, const std::string& text) override;
    bool RemoveFile(const std::string& name) override;
    void Flush() override;
    void DownloadFile(const std::string& name, const std::string& mime, const std::string& bytes) override;
    void OpenPage(const std::string& name, const std::string& html) override;
    void PickFile(const std::string& accept) override;
    void CopyToClipboard(const std::string& text) override;
    void BeginTextInput(const TextInputRequest& request) override;
    void MoveTextInput(const PixelRect& rect) override;
    void EndTextInput() override;
    void HttpRequest(const std::string& method, const std::string& url, const std::string& token,
                     const std::string& body) override;
    bool IsOnline() override;
    void TakeOverFromOtherTab() override;
    double NowSeconds() override;
    int UtcOffsetMinutes(double unix_seconds) override;
    std::uint32_t Random() override;
    void Announce(const std::string& message) override;
    void PublishAccessibleTree(const std::vector<AccessibleNode>& nodes, const std::string& focus) override;

private:
    // The mirror last sent to pre.js: its nodes, their rectangles (x, y, w, h each) and the
    // length of its text.
    std::vector<AccessibleNode> last_nodes_;
    std::vector<int> last_rects_, rects_;
    std::size_t last_text_size_ = 0;
};

}  // namespace app
