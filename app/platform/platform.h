// The one seam between the frame code and where it runs. The frame code calls these; the
// web build implements them with Emscripten/DOM calls (platform_web.cpp), tests and native
// tools with memory (platform_native.cpp). Nothing here knows about ImGui or the plan.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace app {

// A rectangle in framebuffer pixels (the same pixels ImGui draws in).
struct PixelRect {
    float X = 0, Y = 0, W = 0, H = 0;
};

enum class TextInputKind { Text, Number, LongText };

// Where and what the on-screen text field shows over an ImGui field.
struct TextInputRequest {
    std::string Key;      // the field's path, e.g. "rows[0].planned[2022]"
    std::string Label;    // Dutch, for screen readers (aria-label)
    std::string Value;    // initial text
    PixelRect Rect;
    TextInputKind Kind = TextInputKind::Text;
};

// One node of the accessible mirror of a frame: what was drawn, as assistive technology
// needs it (role, a unique Dutch name, value, state), placed over the widget. The frame
// code publishes the whole tree after every frame (mirror.h); the browser keeps a hidden
// DOM tree in step with it (pre.js), the memory platform keeps it for the tests.
enum class AccessibleRole : std::uint8_t {
    Group, Region, Banner, Navigation, Main, Complementary, Heading, Text, Button, Tab, TabList,
    TextBox, CheckBox, List, ListItem, Table, Row, Cell, ColumnHeader, ProgressBar, Alert, Status
};
struct AccessibleNode {
    AccessibleRole Role = AccessibleRole::Text;
    int Parent = -1;          // index of the containing node in the tree; -1: top level
    std::string Key;          // the widget's key (field path or button key); empty for text
    std::string Name;         // accessible name, unique among the fields ("Extra bereik 2022-2023, actie 5 ...")
    std::string Value;        // a field's text, a bar's value
    std::string Description;  // e.g. the finding of an invalid field
    PixelRect Rect;           // the visible part, in framebuffer pixels (empty: scrolled out of view)
    int Level = 0;            // heading level; progress bar: percent (0-100)
    bool Selected = false, Disabled = false, Invalid = false, Checked = false, Multiline = false;
    int Expanded = -1;        // -1: not expandable; 0 collapsed; 1 expanded
    int Pressed = -1;         // a choice button: -1 not one; 0 not chosen; 1 chosen
};

class Platform {
public:
    virtual ~Platform() = default;

    // [SECTION] Durable storage: one folder of named text files on this device.
    // WriteFile is atomic: the text goes to a temporary file that is then renamed over the
    // old one, so a crash mid-write keeps the previous version. Names are plain file names.
    virtual std::vector<std::string> ListFiles() = 0;
    virtual std::optional<std::string> ReadFile(const std::string& name) = 0;
    virtual bool WriteFile(const std::string& name, const std::string& text) = 0;
    virtual bool RemoveFile(const std::string& name) = 0;
    // Makes the writes so far durable (browser: IndexedDB); returns at once, finishes later.
    virtual void Flush() = 0;

    // [SECTION] Files in and out
    virtual void DownloadFile(const std::string& name, const std::string& mime, const std::string& bytes) = 0;
    // Opens an HTML page in a new tab (falls back to downloading it as `name`).
    virtual void OpenPage(const std::string& name, const std::string& html) = 0;
    // Asks the person to pick a file; the text arrives later through ImportPlanText().
    virtual void PickFile(const std::string& accept) = 0;
    virtual void CopyToClipboard(const std::string& text) = 0;

    // [SECTION] Text input: a real text field over the ImGui one (on-screen keyboard, accents,
    // paste). Typed text arrives through OnTextInput()/OnTextCommit() (app_state.h).
    virtual void BeginTextInput(const TextInputRequest& request) = 0;
    virtual void MoveTextInput(const PixelRect& rect) = 0;
    virtual void EndTextInput() = 0;

    // [SECTION] Network: one HTTP request with a JSON body (empty: none) and
    // `Authorization: Bearer token`. Returns at once; the answer arrives later through
    // OnHttpResponse() (app_state.h), status 0 when the network failed. The app sends one
    // request at a time. An empty scheme+host in `url` means this page's own server.
    virtual void HttpRequest(const std::string& method, const std::string& url, const std::string& token,
                             const std::string& body) = 0;
    // Whether the device believes it has a network (browser: navigator.onLine; a change
    // wakes the frame through OnOnlineChanged()).
    virtual bool IsOnline() = 0;

    // [SECTION] One tab at a time: another tab of the app on this device holds its storage
    // (OnOtherTab() in app_state.h says so). Takes the storage over from it (browser: that
    // tab stops saving, and this page loads again to read what it saved).
    virtual void TakeOverFromOtherTab() = 0;

    // [SECTION] Misc
    virtual double NowSeconds() = 0;  // Unix time
    // Minutes to add to UTC for the device's local time at `unix_seconds` (Belgium: 60 or 120).
    virtual int UtcOffsetMinutes(double unix_seconds) = 0;
    virtual std::uint32_t Random() = 0;
    // A short message for assistive technology (an ARIA live region), said once.
    virtual void Announce(const std::string& message) = 0;
    // The accessible mirror of the frame just drawn, with the key of the node that should
    // take the keyboard focus now (empty: none). Called after every frame.
    virtual void PublishAccessibleTree(const std::vector<AccessibleNode>& nodes, const std::string& focus) = 0;
};

}  // namespace app
