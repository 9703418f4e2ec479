// Index
// [SECTION] Layout (DrawFrame)
// [SECTION] Top bar, navigation, errors
// [SECTION] Jumping to a field
#include "screens/frame.h"

#include <algorithm>
#include <optional>

#include "imgui.h"

#include "mirror/mirror.h"
#include "screens/panels.h"
#include "text/text.h"
#include "input/touch_input.h"
#include "widgets/widgets.h"

namespace app {

//-----------------------------------------------------------------------------
// [SECTION] Layout (DrawFrame)
//-----------------------------------------------------------------------------

void DrawFrame(AppState& st) {
    st.Widgets.clear();
    MirrorStartFrame(st);
    st.Ui.CardStamp = CardStamp(st);
    st.WantsAnimation = false;
    st.WakeAt = 0;
    st.Edit.SeenThisFrame = false;
    ApplyTouchScroll(st);

    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin("##root", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                     ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PopStyleVar();
    if (st.Elsewhere != OtherTab::None) {  // nothing of the app behind it, nothing sent
        DrawOtherTab(st);
        ImGui::End();
        MirrorPublish(st);
        return;
    }

    DrawTopBar(st);
    DrawNavigation(st);
    DrawErrors(st);
    {
        MirrorScope banners(st, AccessibleRole::Group, "", "banners");
        DrawConflictBanner(st);
        DrawCycleBanner(st);
    }

    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const Screen shown = ShownScreen(st);
    const bool show_budget = st.PlanOpen && shown != Screen::Plans && shown != Screen::Sync && !IsAgency(st.Sync);
    // A submitted plan is shown as it was submitted: its fields cannot be changed here.
    const bool locked = st.PlanOpen && !OpenPlanEditable(st) &&
                        (shown == Screen::Applicant || shown == Screen::Actions || shown == Screen::Targets);
    const bool landscape = vp->Size.x >= vp->Size.y && vp->Size.x >= Px(st, 900);
    ImVec2 content_size = avail, budget_size(0, 0);
    if (show_budget) {
        if (landscape) {
            budget_size = ImVec2(std::max(Px(st, 340), avail.x * 0.3f), avail.y);
            content_size.x = avail.x - budget_size.x;
        } else {
            // A short window (a phone on its side, 200 % zoom): the budget never pushes the content out.
            budget_size = ImVec2(avail.x, std::min(std::max(Px(st, 260), avail.y * 0.3f), avail.y * 0.45f));
            content_size.y = avail.y - budget_size.y;
        }
    }

    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(Px(st, 16), Px(st, 12)));
    ImGui::PushStyleColor(ImGuiCol_ChildBg, colours::Page);
    // One child window draws every screen: each screen gets its own scroll back when it is
    // shown (the first visit at its top). Set before Begin for this frame (clamped to the
    // last screen's height) and again as a target for the next frame, which knows this
    // screen's height; a jump to a field or the focus ring, set later in the frame, wins.
    const int screen_index = static_cast<int>(shown);
    const bool screen_changed = st.Ui.ContentScreen != screen_index;
    if (screen_changed) ImGui::SetNextWindowScroll(ImVec2(0, st.Ui.ContentScroll[screen_index]));
    ImGui::BeginChild("content", content_size, ImGuiChildFlags_AlwaysUseWindowPadding);
    if (screen_changed) ImGui::SetScrollY(st.Ui.ContentScroll[screen_index]);
    else st.Ui.ContentScroll[screen_index] = ImGui::GetScrollY();
    st.Ui.ContentScreen = screen_index;
    MirrorBegin(st, AccessibleRole::Main, ScreenLabel(shown), "panel.main");
    // The strip of the plan's steps above the step screens of a plan that is still a draft here.
    // Not on a short window (a phone across, 200 % zoom): there the screen itself comes first.
    const bool steps = st.PlanOpen && OpenPlanEditable(st) && !IsAgency(st.Sync) && vp->Size.y >= Px(st, 600) &&
                       (shown == Screen::Applicant || shown == Screen::Actions || shown == Screen::Targets ||
                        shown == Screen::Findings || shown == Screen::Export);
    if (steps) DrawSteps(st);
    if (locked) ImGui::BeginDisabled();
    switch (shown) {
        case Screen::Plans: DrawPlansScreen(st); break;
        case Screen::Applicant: DrawApplicant(st); break;
        case Screen::Actions: DrawActions(st); break;
        case Screen::Targets: DrawTargets(st); break;
        case Screen::Findings: DrawFindings(st); break;
        case Screen::Results: DrawResults(st); break;
        case Screen::Export: DrawExport(st); break;
        case Screen::Sync: DrawSync(st); break;
        case Screen::Dossiers: DrawDossiers(st); break;
        case Screen::Review: DrawReview(st); break;
        case Screen::Overview: DrawOverview(st); break;
        case Screen::Allocation: DrawAllocation(st); break;
    }
    if (locked) ImGui::EndDisabled();
    MirrorEnd(st);
    ImGui::Dummy(ImVec2(0, Px(st, 24)));  // room below the last field
    ImGui::EndChild();
    ImGui::PopStyleColor();
    RecordItem(st, "panel.content");

    if (show_budget) {
        if (landscape) ImGui::SameLine(0, 0);
        ImGui::PushStyleColor(ImGuiCol_ChildBg, colours::BudgetPanel);
        ImGui::BeginChild("budget", budget_size, ImGuiChildFlags_AlwaysUseWindowPadding | ImGuiChildFlags_Border);
        MirrorBegin(st, AccessibleRole::Complementary, "Begroting", "panel.aside");
        DrawBudgetPanel(st);
        MirrorEnd(st);
        ImGui::EndChild();
        RecordItem(st, "panel.budget");
        ImGui::PopStyleColor();
    }
    ImGui::PopStyleVar();
    ImGui::End();
    DrawNotice(st);

    // A field that is no longer drawn (another screen) ends its edit.
    if (!st.Edit.Key.empty() && !st.Edit.SeenThisFrame) EndEdit(st);
    if (st.Host && st.Ui.FocusUntil > st.Host->NowSeconds()) WakeAt(st, st.Ui.FocusUntil);
    MirrorPublish(st);
}

//-----------------------------------------------------------------------------
// [SECTION] Top bar, navigation, errors
//-----------------------------------------------------------------------------

void DrawTopBar(AppState& st) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x, h = Px(st, 60);
    dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), colours::Accent);
    const float pad = Px(st, 16);

    ImGui::SetCursorScreenPos(ImVec2(p.x + pad, p.y + (h - ImGui::GetFontSize() * 1.25f) * 0.5f));
    ImGui::PushStyleColor(ImGuiCol_Text, colours::OnAccent);
    MirrorBegin(st, AccessibleRole::Banner, "", "topbar");
    ImGui::SetWindowFontScale(1.25f);
    ImGui::TextUnformatted("Plan Samenleven");
    ImGui::SetWindowFontScale(1.0f);
    MirrorText("Plan Samenleven", AccessibleRole::Heading, 1);
    // The plan's title and where it stands (the agency: who is signed in), cut to the room
    // left of the undo buttons.
    std::string who, status;  // who: the plan's title (the agency: its name); the title gives way first
    if (st.PlanOpen) {
        who = PlanDisplayTitle(st.Plan);
        if (st.LastSaveFailed) status = "opslaan mislukt";
        else if (st.SaveDue) status = "wordt bewaard...";
        else if (st.Sync.Settings.Enabled) status = SyncStatusText(PlanSyncStatus(st.Sync, st.Plan.id));
        else status = "bewaard op dit toestel";
    } else if (IsAgency(st.Sync)) {
        who = st.Sync.Me.Name;
        if (!st.Sync.Outbox.empty())
            status = st.SyncUi.TokenRefused ? SyncStatusText(SyncStatus::TokenRefused)
                     : st.Sync.Online       ? "wordt verstuurd..."
                                            : "offline: wordt later verstuurd";
    }
    if (!who.empty()) {
        ImGui::SameLine(0, Px(st, 16));
        const float x = ImGui::GetCursorScreenPos().x;
        const float right = st.PlanOpen ? p.x + w - pad - 2 * Px(st, 104) - Px(st, 8) - Px(st, 12) : p.x + w - pad;
        const std::string tail = status.empty() ? "" : "  ·  " + status;
        const float room = right - x - ImGui::CalcTextSize(tail.c_str()).x;
        const std::string line = room >= Px(st, 80) ? FitText(who, room) + tail : FitText(who + tail, right - x);
        ImGui::SetCursorScreenPos(ImVec2(x, p.y + (h - ImGui::GetFontSize()) * 0.5f));
        ImGui::TextUnformatted(line.c_str());
        MirrorItem(st, AccessibleRole::Text, "topbar.status", who + (status.empty() ? "" : ", " + status));
        RecordItem(st, "topbar.status");
    }
    ImGui::PopStyleColor();

    if (st.PlanOpen) {
        const float bw = Px(st, 104), gap = Px(st, 8);
        ImGui::SetCursorScreenPos(ImVec2(p.x + w - pad - 2 * bw - gap, p.y + (h - TouchSize(st)) * 0.5f));
        if (Button(st, "undo", "Ongedaan", ImVec2(bw, 0), Tone::Normal, st.Undo.CanUndo() || st.SaveDue)) UndoEdit(st);
        ImGui::SameLine(0, gap);
        if (Button(st, "redo", "Opnieuw", ImVec2(bw, 0), Tone::Normal, st.Undo.CanRedo())) RedoEdit(st);
    }
    MirrorEnd(st);
    ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + h));
    ImGui::Dummy(ImVec2(0, 0));
}

void DrawOtherTab(AppState& st) {
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(Px(st, 24), Px(st, 24)));
    ImGui::PushStyleColor(ImGuiCol_ChildBg, colours::Page);
    ImGui::BeginChild("othertab", ImVec2(0, 0), ImGuiChildFlags_AlwaysUseWindowPadding);
    MirrorScope main(st, AccessibleRole::Main, "Plan Samenleven", "panel.main");
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::min(ImGui::GetContentRegionAvail().x, Px(st, 720)));
    if (st.Elsewhere == OtherTab::AlreadyOpen) {
        Heading(st, "Plan Samenleven is al open in een ander tabblad of venster van deze browser.");
        Wrapped("Twee tabbladen zouden elkaars wijzigingen overschrijven. Daarom werkt de app in één tabblad tegelijk. "
                "Werk verder in het andere tabblad, of hier: dan stopt het andere en toont deze pagina wat het bewaarde.");
    } else {
        Heading(st, "Plan Samenleven werkt nu in een ander tabblad.");
        Wrapped("Dit tabblad bewaart en verstuurt niets meer, zodat het de wijzigingen van het andere tabblad niet "
                "overschrijft. Werk verder in het andere tabblad, of hier: dan stopt het andere en toont deze pagina wat "
                "het bewaarde.");
    }
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    if (Button(st, "othertab.takeover", "Hier verder werken", ImVec2(std::min(ImGui::GetContentRegionAvail().x, Px(st, 280)), 0),
               Tone::Primary))
        st.Host->TakeOverFromOtherTab();
    ImGui::EndChild();
    ImGui::PopStyleColor();
    ImGui::PopStyleVar();
}

// A short confirmation ("Gekopieerd", a pulled version) floats above the bottom edge until
// its time is up, without moving anything on the screen.
void DrawNotice(AppState& st) {
    if (!st.Host || st.Ui.Notice.empty() || st.Ui.NoticeUntil <= st.Host->NowSeconds()) return;
    WakeAt(st, st.Ui.NoticeUntil);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float pad = Px(st, 16);
    const float max_w = std::min(vp->Size.x - 2 * pad, Px(st, 560));
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y - Px(st, 24)), ImGuiCond_Always,
                            ImVec2(0.5f, 1.0f));
    ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(max_w, vp->Size.y));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, colours::Notice);
    ImGui::PushStyleColor(ImGuiCol_Text, colours::OnAccent);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(pad, Px(st, 10)));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, Px(st, 8));
    ImGui::Begin("##notice", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoInputs);
    const float text_w = ImGui::CalcTextSize(st.Ui.Notice.c_str()).x;
    ImGui::PushTextWrapPos(std::min(text_w, max_w - 2 * pad) + ImGui::GetCursorPosX());
    ImGui::TextUnformatted(st.Ui.Notice.c_str());
    ImGui::PopTextWrapPos();
    RecordItem(st, "notice");
    ImGui::End();
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor(2);
}

void DrawNavigation(AppState& st) {
    const float pad = Px(st, 12);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x;
    const float gap = Px(st, 6);
    const std::vector<Screen> screens = NavScreens(st);
    const int count = static_cast<int>(screens.size());
    float widest = 0;
    for (Screen s : screens)
        widest = std::max(widest, ImGui::CalcTextSize(ScreenLabel(s)).x + ImGui::CalcTextSize(" (99)").x * (s == Screen::Findings));
    // Narrow screens (portrait tablets): the tabs go on two rows rather than shrinking the
    // type or clipping tab names; the type shrinks only if two rows are still too narrow.
    auto tab_width = [&](int per_row) { return (w - 2 * pad - gap * static_cast<float>(per_row - 1)) / static_cast<float>(per_row); };
    const float frame_pad = 2 * ImGui::GetStyle().FramePadding.x;
    const int per_row = tab_width(count) - frame_pad >= widest ? count : (count + 1) / 2;
    const int rows = (count + per_row - 1) / per_row;
    const float bw = tab_width(per_row);
    const float room = bw - frame_pad;
    const float font_scale = widest > room ? std::max(0.7f, room / widest) : 1.0f;
    const float h = static_cast<float>(rows) * TouchSize(st) + static_cast<float>(rows - 1) * gap + 2 * Px(st, 8);
    dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), colours::NavBar);
    dl->AddLine(ImVec2(p.x, p.y + h - 1), ImVec2(p.x + w, p.y + h - 1), colours::NavLine);
    ImGui::SetCursorScreenPos(ImVec2(p.x + pad, p.y + Px(st, 8)));
    ImGui::SetWindowFontScale(font_scale);
    const Screen shown = ShownScreen(st);
    MirrorScope nav(st, AccessibleRole::Navigation, "Schermen", "nav");
    MirrorScope tabs(st, AccessibleRole::TabList, "Schermen", "nav.tabs");
    for (int i = 0; i < count; ++i) {
        const Screen s = screens[static_cast<std::size_t>(i)];
        std::string label = ScreenLabel(s);
        if (s == Screen::Findings && st.PlanOpen && st.Derived.Errors + st.Derived.Warnings > 0)
            label += " (" + std::to_string(st.Derived.Errors + st.Derived.Warnings) + ")";
        const bool enabled = s == Screen::Plans || s == Screen::Sync || s == Screen::Dossiers || s == Screen::Overview ||
                             s == Screen::Allocation ||
                             (s == Screen::Review ? !st.Review.OpenId.empty() : st.PlanOpen);
        const bool selected = shown == s;
        if (i % per_row != 0)
            ImGui::SameLine(0, gap);
        else if (i > 0)
            ImGui::SetCursorScreenPos(ImVec2(p.x + pad, ImGui::GetCursorScreenPos().y + gap - ImGui::GetStyle().ItemSpacing.y));
        const std::string key = std::string("nav.") + ScreenLabel(s);
        const bool pressed = Button(st, key, label, ImVec2(bw, 0), selected ? Tone::Primary : Tone::Normal, enabled);
        AccessibleNode& tab = st.Mirror.back();
        tab.Role = AccessibleRole::Tab;
        tab.Selected = selected;
        if (pressed) SetScreen(st, s);
    }
    ImGui::SetWindowFontScale(1.0f);
    ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + h));
    ImGui::Dummy(ImVec2(0, 0));
}

void DrawErrors(AppState& st) {
    if (st.Errors.empty()) return;
    const PendingError& e = st.Errors.front();
    const float pad = Px(st, 12);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, colours::ErrorBg);
    ImGui::PushStyleColor(ImGuiCol_Border, colours::Error);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(pad, pad));
    ImGui::SetCursorPos(ImVec2(ImGui::GetCursorPosX() + pad, ImGui::GetCursorPosY() + pad));
    ImGui::BeginChild("error", ImVec2(ImGui::GetContentRegionAvail().x - pad, 0),
                      ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_Border | ImGuiChildFlags_AlwaysUseWindowPadding);
    MirrorScope alert(st, AccessibleRole::Alert, e.Title, "error");
    Wrapped(e.Title, colours::Error);
    Wrapped(e.Message);
    if (!e.Path.empty()) {
        Muted("Plaats in het bestand: " + e.Path);
        RecordItem(st, "error.path");
    }
    Muted("Er werd niets gewijzigd aan de plannen op dit toestel.");
    if (Button(st, "error.close", "Sluiten", ImVec2(Px(st, 140), 0))) st.Errors.erase(st.Errors.begin());
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(2);
}

//-----------------------------------------------------------------------------
// [SECTION] Jumping to a field
//-----------------------------------------------------------------------------

void JumpToPath(AppState& st, const std::string& path) {
    // The screen that shows the field; a path that does not read stays on the findings.
    const std::optional<samenleven::FieldPath> field = samenleven::parse_field_path(path);
    const std::string first = field ? field->segments.front().name : std::string();
    Screen screen = Screen::Findings;
    if (first == "rows") screen = field->row_index() && field->has("results") ? Screen::Results : Screen::Targets;
    else if (first == "applicant" || first == "contact" || first == "iban" || first == "iban_is_municipal_fund_account" ||
             first == "declarations" || first == "title" || first == "call")
        screen = Screen::Applicant;
    SetScreen(st, screen);
    st.Ui.FocusPath = path;
    st.Ui.FocusScrollDone = false;
    st.Ui.FocusUntil = (st.Host ? st.Host->NowSeconds() : 0) + 2.5;
    // From the keyboard or a screen reader, the focus follows to the field.
    if (st.Ui.FocusVisible) RequestFocus(st, path);
    // An IGS split field lives in the row's unfolded part.
    if (screen == Screen::Targets && field->has("split"))
        if (const std::optional<std::size_t> r = field->row_index(); r && *r < st.Plan.rows.size())
            st.Ui.ExpandedSplitRow = static_cast<int>(*r);
}

}  // namespace app
