// The platform in memory: for doctest and native tools. Files live in a map; downloads,
// pages, clipboard text and text-input requests are recorded for the test to inspect.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "platform/platform.h"

namespace app {

class MemoryPlatform : public Platform {
public:
    struct Download {
        std::string Name, Mime, Bytes;
    };
    struct Request {
        std::string Method, Url, Token, Body;
    };

    std::map<std::string, std::string> Files;
    std::vector<Download> Downloads;
    std::vector<Download> Pages;
    std::string Clipboard;
    std::optional<TextInputRequest> TextInput;  // the open overlay, if any
    int PickRequests = 0;
    int Flushes = 0;
    int Reads = 0;                             // ReadFile calls
    std::string Announced;                     // the last announcement
    std::vector<std::string> Announcements;    // every announcement, in order
    std::vector<AccessibleNode> Tree;          // the accessible mirror of the last frame
    std::string FocusRequest;                  // the last focus the app asked for
    double Now = 1000.0;   // seconds; tests move it forward
    std::uint32_t Seed = 12345;
    bool FailWrites = false;
    std::vector<Request> Requests;  // every request sent; the test answers with OnHttpResponse()
    bool Online = true;

    std::vector<std::string> ListFiles() override;
    std::optional<std::string> ReadFile(const std::string& name) override;
    bool WriteFile(const std::string& name, const std::string& text) override;
    bool RemoveFile(const std::string& name) override;
    void Flush() override { ++Flushes; }
    void DownloadFile(const std::string& name, const std::string& mime, const std::string& bytes) override;
    void OpenPage(const std::string& name, const std::string& html) override;
    void PickFile(const std::string&) override { ++PickRequests; }
    void CopyToClipboard(const std::string& text) override { Clipboard = text; }
    void BeginTextInput(const TextInputRequest& request) override { TextInput = request; }
    void MoveTextInput(const PixelRect& rect) override {
        if (TextInput) TextInput->Rect = rect;
    }
    void EndTextInput() override { TextInput.reset(); }
    void HttpRequest(const std::string& method, const std::string& url, const std::string& token,
                     const std::string& body) override {
        Requests.push_back(Request{method, url, token, body});
    }
    bool IsOnline() override { return Online; }
    int TakeOvers = 0;
    void TakeOverFromOtherTab() override { ++TakeOvers; }
    double NowSeconds() override { return Now; }
    int UtcOffset = 60;  // minutes; tests set it (Brussels in winter by default)
    int UtcOffsetMinutes(double) override { return UtcOffset; }
    std::uint32_t Random() override;
    void Announce(const std::string& message) override {
        Announced = message;
        Announcements.push_back(message);
    }
    void PublishAccessibleTree(const std::vector<AccessibleNode>& nodes, const std::string& focus) override {
        Tree = nodes;
        if (!focus.empty()) FocusRequest = focus;
    }
};

}  // namespace app
