// The app's frame code driven headless, shared by the frame tests: ImGui without a renderer
// (display size, input events, NewFrame/Render, draw data ignored) and the in-memory
// platform, with helpers that answer the sync requests as the server would.
#pragma once
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "imgui.h"

#include "state/app_state.h"
#include "screens/frame.h"
#include "platform/platform_native.h"
#include "widgets/style.h"
#include "input/touch_input.h"

namespace app_test {

using namespace app;


// One ImGui context and app per test case.
struct Harness {
    MemoryPlatform host;
    AppState st;

    explicit Harness(float width = 1280, float height = 800) {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(width, height);
        io.DeltaTime = 1.0f / 60.0f;
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // builds the default font
        ApplyStyle(1.0f);
        InitApp(st, host);
    }
    ~Harness() { ImGui::DestroyContext(); }

    void Frame(int count = 1) {
        for (int i = 0; i < count; ++i) {
            ImGui::NewFrame();
            DrawFrame(st);
            ImGui::Render();
            Tick(st);  // as the browser's runner does after each frame
        }
    }
    // Scrolls the content panel with the mouse wheel until the widget is inside it.
    void ScrollIntoView(const std::string& key) {
        for (int i = 0; i < 60 && st.Widgets.count(key) && st.Widgets.count("panel.content"); ++i) {
            const PixelRect r = st.Widgets[key], p = st.Widgets["panel.content"];
            if (key.rfind("nav.", 0) == 0 || key == "undo" || key == "redo" || key.rfind("error.", 0) == 0 || key.rfind("banner.", 0) == 0) return;
            if (r.Y >= p.Y && r.Y + r.H <= p.Y + p.H) return;
            OnPointerMove(st, PointerKind::Mouse, p.X + p.W / 2, p.Y + p.H / 2);
            OnWheel(st, 0, r.Y < p.Y ? 1.0f : -1.0f);
            Frame(2);
        }
    }
    // A widget in a card out of view is not drawn (CardVisible): scroll the content panel
    // down, then up, until it is, as a person scrolls to it.
    void FindByScrolling(const std::string& key) {
        for (float direction : {-1.0f, 1.0f})
            for (int i = 0; i < 40 && !st.Widgets.count(key) && st.Widgets.count("panel.content"); ++i) {
                const PixelRect p = st.Widgets["panel.content"];
                OnPointerMove(st, PointerKind::Mouse, p.X + p.W / 2, p.Y + p.H / 2);
                OnWheel(st, 0, direction);
                Frame(2);
            }
    }
    ImVec2 Centre(const std::string& key) {
        if (!st.Widgets.count(key)) FindByScrolling(key);
        ScrollIntoView(key);
        REQUIRE_MESSAGE(st.Widgets.count(key) == 1, "widget not drawn: " << key);
        const PixelRect& r = st.Widgets[key];
        return ImVec2(r.X + r.W / 2, r.Y + r.H / 2);
    }
    void Click(const std::string& key) {
        const ImVec2 c = Centre(key);
        OnPointerDown(st, PointerKind::Mouse, c.x, c.y, 0);
        Frame();
        OnPointerUp(st, PointerKind::Mouse, c.x, c.y, 0);
        Frame(3);
    }
    void Tap(const std::string& key) {
        const ImVec2 c = Centre(key);
        OnPointerDown(st, PointerKind::Touch, c.x, c.y, 0);
        OnPointerUp(st, PointerKind::Touch, c.x, c.y, 0);
        Frame(4);
    }
    // Types through the text overlay as the browser would: open, input events, commit.
    void Type(const std::string& key, const std::string& text) {
        Click(key);
        REQUIRE(host.TextInput.has_value());
        REQUIRE(host.TextInput->Key == key);
        OnTextInput(st, text);
        Frame();
        OnTextCommit(st);
        Frame(2);
    }
};

// A new plan with this title, saved on the device: what an import must leave as it was.
// The accessible mirror's node of the last frame with this key (mirror.h), or null.
inline const AccessibleNode* MirrorNode(const Harness& h, const std::string& key) {
    for (const AccessibleNode& n : h.host.Tree)
        if (n.Key == key) return &n;
    return nullptr;
}

// The accessible mirror's text node of the last frame with this name, or null.
inline const AccessibleNode* TextNode(const Harness& h, const std::string& name) {
    for (const AccessibleNode& n : h.host.Tree)
        if (n.Role == AccessibleRole::Text && n.Name == name) return &n;
    return nullptr;
}

// The names of the last frame's text nodes that contain `part`.
inline std::vector<std::string> TextsContaining(const Harness& h, const std::string& part) {
    std::vector<std::string> found;
    for (const AccessibleNode& n : h.host.Tree)
        if (n.Role == AccessibleRole::Text && n.Name.find(part) != std::string::npos) found.push_back(n.Name);
    return found;
}

inline bool AnyText(const Harness& h, const std::string& part) { return !TextsContaining(h, part).empty(); }

// A new plan with action 5 (adult learners) chosen, open on "Doelen".
inline void NewPlanWithAction5(Harness& h) {
    h.Frame(2);
    h.Click("plans.new");
    h.Click("nav.Acties");
    h.Click("actions[5].adult_learners");
    REQUIRE(h.st.Plan.rows.size() == 1);
    h.Click("nav.Doelen");
}

inline void StartSavedPlan(Harness& h, const char* title) {
    h.Frame(2);
    h.Click("plans.new");
    h.Type("title", title);
    SaveNow(h.st);
}

inline std::string ReadData(const char* name) {
    std::ifstream in(std::string(SAMENLEVEN_TEST_DATA) + "/" + name, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The demo plan open on "Doelen" in a window too short for all its cards.
inline void DemoTargetsShortWindow(Harness& h) {
    h.Frame(2);
    REQUIRE(ImportPlanText(h.st, "dendermonde_igs.json", ReadData("dendermonde_igs.json")));
    h.Frame(2);
    h.Click("nav.Doelen");
    h.Frame(3);
}


// GET /me, when asked: a coordinator's token.
inline void AnswerMe(Harness& h) {
    if (h.st.SyncUi.InFlight != SyncView::Call::Me) return;
    CHECK(h.host.Requests.back().Url.find("/api/v1/me") != std::string::npos);
    OnHttpResponse(h.st, 200, R"({"key":"42006","name":"Gemeente Wetteren","role":"government"})");
    h.Frame();
}

// Turns sync on through the Synchronisatie screen and answers the first plan list.
inline void EnableSync(Harness& h) {
    h.Click("nav.Server");
    CHECK(h.st.Ui.Current == Screen::Sync);
    h.Type("sync.token", "token-42006");
    CHECK(h.st.Sync.Settings.Token == "token-42006");
    CHECK_FALSE(h.st.Undo.CanUndo());  // a setting is not a plan edit
    h.Click("sync.toggle");
    REQUIRE(h.st.Sync.Settings.Enabled);
    h.Frame();
    // First who the token belongs to, then the server's plan list.
    AnswerMe(h);
    if (!h.host.Requests.empty() && h.host.Requests.back().Method == "GET") {
        CHECK(h.host.Requests.back().Url == "/api/v1/plans");
        OnHttpResponse(h.st, 200, R"({"plans":[]})");
        h.Frame();
    }
}

inline nlohmann::json Sent(const Harness& h) {
    REQUIRE_FALSE(h.host.Requests.empty());
    return nlohmann::json::parse(h.host.Requests.back().Body);
}

// The server's plan list, asked for again after a new plan reached the server.
inline void AnswerPendingList(Harness& h) {
    if (h.st.SyncUi.InFlight != SyncView::Call::List) return;
    CHECK(h.host.Requests.back().Url == "/api/v1/plans");
    OnHttpResponse(h.st, 200, R"({"plans":[]})");
    h.Frame();
}

// The autosave of the browser's frame loop (main_web.cpp), a second later.
inline void Autosave(Harness& h) {
    AnswerPendingList(h);
    h.host.Now += 1.0;
    AutosaveTick(h.st);
    h.Frame();
}

// A new plan with its lead's NIS code: what the server files a plan under (plans without it
// wait on the device).
inline void NewPlanWithLead(Harness& h) {
    h.Click("nav.Plannen");
    h.Click("plans.new");
    h.Click("nav.Aanvrager");
    h.Type("applicant.lead.nis_code", "44021");
}


// What must not change while the app only draws.
struct Unchanged {
    std::string Plan;
    std::size_t UndoSize = 0;
    std::uint64_t Revision = 0;
    std::map<std::string, std::string> Files;
    std::size_t Requests = 0;
    int Flushes = 0;

    explicit Unchanged(const Harness& h)
        : Plan(samenleven::write_plan_text(h.st.Plan)), UndoSize(h.st.Undo.Size()), Revision(h.st.Revision),
          Files(h.host.Files), Requests(h.host.Requests.size()), Flushes(h.host.Flushes) {}

    void Check(Harness& h) const {
        CHECK(samenleven::write_plan_text(h.st.Plan) == Plan);
        CHECK(h.st.Undo.Size() == UndoSize);
        CHECK_FALSE(h.st.Undo.CanRedo());
        CHECK(h.st.Revision == Revision);
        CHECK_FALSE(h.st.SaveDue);
        CHECK(h.st.Sync.Outbox.empty());
        h.host.Now += 2.0;  // the browser's autosave would run now
        CHECK(AutosaveTick(h.st) < 0);
        h.Frame();
        CHECK(h.host.Files == Files);
        CHECK(h.host.Requests.size() == Requests);
        CHECK(h.host.Flushes == Flushes);
    }
};

// The demo IGS plan imported with sync on; the server has confirmed it (revision 1).
inline void OpenDemoWithSync(Harness& h) {
    h.Frame(2);
    h.st.Sync.Settings = {"", "token-42006", true};
    h.st.Sync.Me = {"government", "Dendermonde"};
    REQUIRE(ImportPlanText(h.st, "dendermonde_igs.json", ReadData("dendermonde_igs.json")));
    h.Frame();
    REQUIRE(h.host.Requests.size() == 1);
    OnHttpResponse(h.st, 201, R"({"revision":1,"status":"draft"})");
    h.Frame();
    REQUIRE(PlanSyncStatus(h.st.Sync, h.st.Plan.id) == SyncStatus::Synced);
    AnswerMe(h);
    AnswerPendingList(h);  // asked after the last send
}

// An agency token through the Server tab: the app shows the agency's screens; the first
// plan list is answered with `list`.
inline void SignInAsAgency(Harness& h, const std::string& list) {
    h.Frame(2);
    h.Click("nav.Server");
    h.Type("sync.token", "token-abb");
    h.Click("sync.toggle");
    h.Frame();
    REQUIRE(h.st.SyncUi.InFlight == SyncView::Call::Me);
    OnHttpResponse(h.st, 200, R"({"key":"abb","name":"Agentschap Binnenlands Bestuur","role":"agency"})");
    h.Frame(2);
    REQUIRE(h.st.SyncUi.InFlight == SyncView::Call::List);
    OnHttpResponse(h.st, 200, list);
    h.Frame(2);
}

}  // namespace app_test
