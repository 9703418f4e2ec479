// A coordinator's first hour (issue 11, items 2 and 4): each screen opens at its own scroll,
// the top bar keeps the save status on a portrait tablet, "Nu synchroniseren" beside its
// switch, plans with the same title told apart, a refused token in one state, and removing
// a member of an IGS asks first.
#include "app_harness.h"

#include "imgui_internal.h"

#include "mirror/mirror.h"
#include "screens/panels.h"

using namespace app_test;

namespace {

// The content panel's scroll, as ImGui holds it (the child window "content" of the root).
float ContentScrollY() {
    for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
        if (std::string(w->Name).find("/content_") != std::string::npos) return w->Scroll.y;
    FAIL("no content panel");
    return -1;
}

// Turns the mouse wheel over the content panel, one notch at a time (downwards).
void WheelDown(Harness& h, int notches) {
    for (int i = 0; i < notches; ++i) {
        const PixelRect p = h.st.Widgets["panel.content"];
        OnPointerMove(h.st, PointerKind::Mouse, p.X + p.W / 2, p.Y + p.H / 2);
        OnWheel(h.st, 0, -1.0f);
        h.Frame(2);
    }
}

bool Inside(const PixelRect& r, const PixelRect& panel) {
    return r.H > 0 && r.Y >= panel.Y && r.Y + r.H <= panel.Y + panel.H;
}

void OpenDemo(Harness& h, const char* file = "dendermonde_igs.json") {
    h.Frame(2);
    REQUIRE(ImportPlanText(h.st, file, ReadData(file)));
    h.Frame(2);
}

}  // namespace

TEST_CASE("[First hour] a tab opens at its own top; a screen left and reopened comes back where it was") {
    Harness h;
    OpenDemo(h);
    h.Click("nav.Doelen");
    CHECK(ContentScrollY() == 0);
    WheelDown(h, 12);
    const float targets = ContentScrollY();
    REQUIRE(targets > 300);

    // A screen not seen before opens at its top, not halfway down at the last one's offset.
    h.Click("nav.Acties");
    CHECK(ContentScrollY() == 0);
    WheelDown(h, 4);
    const float actions = ContentScrollY();
    REQUIRE(actions > 0);
    REQUIRE(actions != targets);
    h.Click("nav.Controle");
    CHECK(ContentScrollY() == 0);

    // Each screen comes back at its own position.
    h.Click("nav.Doelen");
    CHECK(ContentScrollY() == doctest::Approx(targets));
    h.Click("nav.Acties");
    CHECK(ContentScrollY() == doctest::Approx(actions));
    h.Click("nav.Aanvrager");
    CHECK(ContentScrollY() == 0);
}

TEST_CASE("[First hour] Controle opens with its first finding in view after a long screen elsewhere") {
    Harness h(640, 400);  // a 1280x800 window at 200 % zoom: the findings are longer than the panel
    OpenDemo(h, "plan_with_errors.json");
    REQUIRE(h.st.Derived.Errors > 0);
    h.Click("nav.Acties");
    WheelDown(h, 12);
    REQUIRE(ContentScrollY() > 300);
    h.Click("nav.Controle");
    h.Frame(2);
    CHECK(ContentScrollY() == 0);
    REQUIRE(h.st.Widgets.count("findings[0]") == 1);
    // The first finding starts inside the panel (the panel is short here: its top is what counts).
    const PixelRect first = h.st.Widgets["findings[0]"], panel = h.st.Widgets["panel.content"];
    CHECK(first.Y >= panel.Y);
    CHECK(first.Y < panel.Y + panel.H);
}

TEST_CASE("[First hour] a jump to a finding's field and the keyboard focus still scroll to it") {
    Harness h;
    OpenDemo(h);
    // Doelen remembered far down; the jump to the first row's split must still show that field.
    h.Click("nav.Doelen");
    WheelDown(h, 30);
    REQUIRE(ContentScrollY() > 1000);
    h.Click("nav.Aanvrager");
    JumpToPath(h.st, "rows[0].split[1].planned[2022]");
    h.Frame(3);
    REQUIRE(h.st.Widgets.count("rows[0].split[1].planned[2022]") == 1);
    CHECK(Inside(h.st.Widgets["rows[0].split[1].planned[2022]"], h.st.Widgets["panel.content"]));

    // The keyboard's focus on a field below the view of a screen just opened at its top.
    h.Click("nav.Acties");
    CHECK(ContentScrollY() == 0);
    h.Frame(2);
    REQUIRE(h.st.Widgets.count("actions[20]") == 1);
    REQUIRE_FALSE(Inside(h.st.Widgets["actions[20]"], h.st.Widgets["panel.content"]));
    OnAccessibleFocus(h.st, "actions[20]");
    h.Frame(3);
    CHECK(Inside(h.st.Widgets["actions[20]"], h.st.Widgets["panel.content"]));
}

TEST_CASE("[First hour] portrait tablet: a long title is cut and the save status stays in the top bar") {
    Harness h(800, 1280);
    h.Frame(2);
    h.Click("plans.new");
    const std::string title = "Samenleven in de regio Dendermonde, Lebbeke, Buggenhout en Hamme: het actieplan 2023-2025";
    h.st.Plan.title = title;
    PlanChanged(h.st, true);
    SaveNow(h.st);
    h.Frame(2);
    REQUIRE(h.st.Widgets.count("topbar.status") == 1);
    REQUIRE(h.st.Widgets.count("undo") == 1);
    const PixelRect status = h.st.Widgets["topbar.status"], undo = h.st.Widgets["undo"];
    CHECK(status.X + status.W <= undo.X);
    CHECK(status.Y >= 0);
    CHECK(status.Y + status.H <= 60);  // in the top bar's line
    // The title is cut, and what is left has room for the status after it.
    CHECK(status.W < ImGui::CalcTextSize(title.c_str()).x);
    CHECK(status.W >= ImGui::CalcTextSize("  ·  bewaard op dit toestel").x);
    const AccessibleNode* node = nullptr;
    for (const AccessibleNode& n : h.host.Tree)
        if (n.Key == "topbar.status") node = &n;
    REQUIRE(node);
    CHECK(node->Name == title + ", bewaard op dit toestel");
}

TEST_CASE("[First hour] Nu synchroniseren sits beside the on/off switch, not beside the token hint") {
    for (const ImVec2 size : {ImVec2(1280, 800), ImVec2(800, 1280)}) {
        CAPTURE(size.x);
        Harness h(size.x, size.y);
        h.Frame(2);
        h.Click("nav.Server");
        h.Frame(2);
        REQUIRE(h.st.Widgets.count("sync.toggle") == 1);
        REQUIRE(h.st.Widgets.count("sync.now") == 1);
        const PixelRect toggle = h.st.Widgets["sync.toggle"], now = h.st.Widgets["sync.now"];
        CHECK(now.Y == toggle.Y);                 // on the switch's line
        CHECK(now.X >= toggle.X + toggle.W);      // right of it
        CHECK(now.X - (toggle.X + toggle.W) < 40);  // next to it
        CHECK(AnyText(h, "Vul eerst de toegangscode in."));
    }
}

TEST_CASE("[First hour] two plans with the same title show their applicant and last change") {
    Harness h;
    h.host.UtcOffset = 60;  // Belgium in winter
    h.host.Now = 1795767600;  // 2026-11-27 08:20:00 UTC
    OpenDemo(h);
    h.Frame(2);
    const std::string first = h.st.Plan.id;
    h.host.Now += 3 * 3600 + 5 * 60;  // 11:25 UTC
    h.Click("nav.Plannen");
    h.Click("plans.new");
    h.st.Plan.title = "IGS Dendermonde - Lebbeke - Buggenhout - Hamme";
    h.st.Plan.applicant.lead.name = "Lebbeke";
    PlanChanged(h.st, true);
    SaveNow(h.st);
    REQUIRE(h.st.Plan.id != first);
    h.Click("nav.Plannen");
    h.Frame(2);
    REQUIRE(h.st.StoredPlans.size() == 2);
    CHECK(h.st.StoredPlans[0].Title == h.st.StoredPlans[1].Title);
    const std::vector<std::string> lines = TextsContaining(h, "Aanvrager: ");
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] != lines[1]);
    CHECK(AnyText(h, "Aanvrager: Dendermonde  ·  laatst gewijzigd 27-11-2026 om 09:20"));
    CHECK(AnyText(h, "Aanvrager: Lebbeke  ·  laatst gewijzigd 27-11-2026 om 12:25"));
}

TEST_CASE("[First hour] a token the server refuses shows one state, not \"aan\" in green") {
    Harness h;
    h.Frame(2);
    h.Click("nav.Server");
    h.Type("sync.token", "verkeerd-token");
    h.Click("sync.toggle");
    REQUIRE(h.st.Sync.Settings.Enabled);
    h.Frame();
    REQUIRE(h.st.SyncUi.InFlight == SyncView::Call::Me);
    OnHttpResponse(h.st, 401, R"({"error":{"code":"unauthorized","message":"Dit toegangstoken is niet geldig."}})");
    h.Frame(2);
    CHECK_FALSE(AnyText(h, "Synchronisatie staat aan"));
    CHECK(AnyText(h, "Synchronisatie werkt niet: de server weigert deze toegangscode."));
    CHECK(TextsContaining(h, "niet geldig").size() <= 1);

    // The right token: accepted again, the screen says so.
    h.Type("sync.token", "token-42006");
    h.Frame(2);
    AnswerMe(h);
    h.Frame(2);
    CHECK(AnyText(h, "Synchronisatie staat aan."));
    CHECK_FALSE(AnyText(h, "Synchronisatie werkt niet"));
}

TEST_CASE("[First hour] a refused token: the top bar says the plan is not sent, like the Server screen") {
    Harness h;
    OpenDemoWithSync(h);
    h.Click("nav.Aanvrager");
    h.Type("title", "Nieuwe titel");
    Autosave(h);
    REQUIRE(h.st.SyncUi.InFlight == SyncView::Call::Sync);
    OnHttpResponse(h.st, 401, R"({"error":{"code":"unauthorized","message":"Dit toegangstoken is niet geldig."}})");
    h.Frame(2);
    const AccessibleNode* node = nullptr;
    for (const AccessibleNode& n : h.host.Tree)
        if (n.Key == "topbar.status") node = &n;
    REQUIRE(node);
    CHECK(node->Name == "Nieuwe titel, niet verstuurd: de server weigert de toegangscode");

    // Accepted again: the plan's own sync status comes back.
    h.Click("nav.Server");
    h.Type("sync.token", "token-42006-nieuw");
    h.Frame(2);
    REQUIRE(h.st.SyncUi.InFlight == SyncView::Call::Me);
    AnswerMe(h);
    h.Frame(2);
    CHECK(PlanSyncStatus(h.st.Sync, h.st.Plan.id) == SyncStatus::Syncing);  // sent again at once
    for (const AccessibleNode& n : h.host.Tree)
        if (n.Key == "topbar.status") CHECK(n.Name == "Nieuwe titel, synchroniseren...");
}

TEST_CASE("[First hour] an agency's step waiting on a refused token says so in the top bar, not that it is being sent") {
    Harness h;
    SignInAsAgency(h, R"({"plans":[{"id":"demo-dendermonde-igs","title":"IGS Dendermonde","applicant":"Dendermonde","status":"submitted","revision":2}]})");
    QueueStep(h.st.Sync, "demo-dendermonde-igs", ChangeKind::Confirm, R"({"targets":[]})", "c1", 2);
    h.Frame();
    REQUIRE(h.st.SyncUi.InFlight == SyncView::Call::Sync);
    OnHttpResponse(h.st, 401, R"({"error":{"code":"unauthorized","message":"Dit toegangstoken is niet geldig."}})");
    h.Frame(2);
    const AccessibleNode* status = MirrorNode(h, "topbar.status");
    REQUIRE(status);
    CHECK(status->Name == "Agentschap Binnenlands Bestuur, niet verstuurd: de server weigert de toegangscode");
}

TEST_CASE("[First hour] removing a member of an IGS asks first; Annuleren and Escape keep it, undo brings it back") {
    Harness h;
    OpenDemo(h);
    h.Click("nav.Aanvrager");
    REQUIRE(h.st.Plan.applicant.members.size() == 3);
    REQUIRE(h.st.Plan.applicant.members[1].name == "Lebbeke");
    const std::size_t undo = h.st.Undo.Size();

    h.Click("applicant.members[1].remove");
    CHECK(h.st.Plan.applicant.members.size() == 3);  // only asked
    CHECK(AnyText(h, "\"Lebbeke\" uit de lijst verwijderen?"));
    CHECK(h.host.FocusRequest == "applicant.members[1].cancel_remove");
    h.Click("applicant.members[1].cancel_remove");
    CHECK(h.st.Plan.applicant.members.size() == 3);
    CHECK(h.st.Widgets.count("applicant.members[1].confirm_remove") == 0);
    CHECK(h.host.FocusRequest == "applicant.members[1].remove");

    h.Click("applicant.members[1].remove");
    REQUIRE(h.st.Widgets.count("applicant.members[1].confirm_remove") == 1);
    CHECK(OnEscape(h.st));
    h.Frame(2);
    CHECK(h.st.Plan.applicant.members.size() == 3);
    CHECK(h.st.Widgets.count("applicant.members[1].confirm_remove") == 0);
    CHECK(h.st.Undo.Size() == undo);

    h.Click("applicant.members[1].remove");
    h.Click("applicant.members[1].confirm_remove");
    REQUIRE(h.st.Plan.applicant.members.size() == 2);
    CHECK(h.st.Plan.applicant.members[0].name == "Hamme");
    CHECK(h.st.Plan.applicant.members[1].name == "Buggenhout");
    CHECK(h.st.Widgets.count("applicant.members[1].confirm_remove") == 0);  // no question left on the next member

    h.Click("undo");
    REQUIRE(h.st.Plan.applicant.members.size() == 3);
    CHECK(h.st.Plan.applicant.members[1].name == "Lebbeke");
}

TEST_CASE("[First hour] a plan opened for review starts at its top, also the same plan again") {
    Harness h(1280, 600);
    h.Frame(2);
    h.st.Ui.ContentScroll[static_cast<int>(Screen::Review)] = 900;  // left at the bottom of a long plan
    h.st.Ui.ContentScreen = static_cast<int>(Screen::Review);
    h.st.Review.OpenId = "p-1";
    OpenReview(h.st, "p-1");
    CHECK(h.st.Ui.ContentScroll[static_cast<int>(Screen::Review)] == 0);
    CHECK(h.st.Ui.ContentScreen == -1);
}
