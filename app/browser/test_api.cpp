// The browser app's test API and bench counters: the app's state read back as JSON for the
// browser tests (input goes through real DOM events), and the frame times the bench reads.
// Called from tests/e2e through Module._app_test_*; never from the app itself.
#include <algorithm>
#include <string>

#include <emscripten.h>

#include <nlohmann/json.hpp>

#include "imgui.h"

#include "browser/browser_app.h"
#include "screens/frame.h"
#include "state/app_state.h"

using namespace app::browser;

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* app_test_state() {
    namespace sl = samenleven;
    const app::AppState& st = State();
    const float scale = Scale();
    const FrameStats& stats = Stats();
    nlohmann::json j;
    j["plan_open"] = st.PlanOpen;
    j["screen"] = static_cast<int>(st.Ui.Current);
    j["other_tab"] = static_cast<int>(st.Elsewhere);
    j["plan"] = st.PlanOpen ? nlohmann::json(sl::write_plan(st.Plan)) : nlohmann::json();
    const sl::Budget& b = st.Derived.Budget;
    j["budget"] = {{"subsidy_total", b.subsidy_total},       {"stimulus_total", b.stimulus_total},
                   {"flemish_total", b.flemish_total},       {"own_contribution", b.own_contribution},
                   {"subsidy_per_year", b.subsidy_per_year}, {"stimulus_per_year", b.stimulus_per_year}};
    j["budget_text"] = {{"flemish_total", sl::format_euro(b.flemish_total)},
                        {"subsidy_total", sl::format_euro(b.subsidy_total)}};
    nlohmann::json findings = nlohmann::json::array();
    for (const sl::Finding& f : st.Derived.Findings)
        findings.push_back({{"severity", std::string(sl::to_string(f.severity))}, {"code", f.code}, {"path", f.path}, {"message", f.message}});
    j["findings"] = findings;
    nlohmann::json errors = nlohmann::json::array();
    for (const app::PendingError& e : st.Errors)
        errors.push_back({{"title", e.Title}, {"message", e.Message}, {"path", e.Path}, {"code", e.Code}});
    j["errors"] = errors;
    nlohmann::json plans = nlohmann::json::array();
    for (const app::StoredPlanInfo& p : st.StoredPlans) plans.push_back({{"id", p.Id}, {"title", p.Title}});
    j["stored_plans"] = plans;
    nlohmann::json widgets = nlohmann::json::object();
    for (const auto& [key, r] : st.Widgets)
        widgets[key] = {r.X / scale, r.Y / scale, r.W / scale, r.H / scale};  // CSS pixels
    j["widgets"] = widgets;
    j["edit_key"] = st.Edit.Key;
    j["save_due"] = st.SaveDue;
    j["save_failed"] = st.LastSaveFailed;
    j["can_undo"] = st.Undo.CanUndo();
    j["can_redo"] = st.Undo.CanRedo();
    j["undo_size"] = st.Undo.Size();
    j["revision"] = st.Revision;
    j["focus_path"] = st.Ui.FocusPath;
    nlohmann::json sync_plans = nlohmann::json::object();
    for (const auto& [id, p] : st.Sync.Plans)
        sync_plans[id] = {{"status", app::SyncStatusText(app::PlanSyncStatus(st.Sync, id))},
                          {"server_id", app::ServerPlanId(st.Sync, id)},
                          {"server_revision", p.ServerRevision}, {"conflict_revision", p.ConflictRevision},
                          {"last_error", p.LastError},
                          {"server_status", p.ServerStatus},
                          {"remark", p.Remark},
                          {"updated_by", p.UpdatedBy},
                          {"results_unsent", p.ResultsUnsent}};
    nlohmann::json differences = nlohmann::json::array(), server_plans = nlohmann::json::array();
    for (const auto& d : st.SyncUi.Differences) differences.push_back(d.key);
    for (const auto& p : st.SyncUi.ServerPlans) server_plans.push_back(p.Id);
    j["sync"] = {{"enabled", st.Sync.Settings.Enabled}, {"online", st.Sync.Online},
                 {"outbox", st.Sync.Outbox.size()},     {"in_flight", st.SyncUi.InFlight != app::SyncView::Call::None},
                 {"plans", sync_plans},                 {"differences", differences},
                 {"take_mine", st.SyncUi.TakeMine},     {"server_plans", server_plans},
                 {"role", st.Sync.Me.Role}};
    j["notice"] = st.Ui.Notice;
    j["editable"] = app::OpenPlanEditable(st);
    const app::OverviewView& ov = st.Overview;
    nlohmann::json headlines = nlohmann::json::object(), drill = nlohmann::json::array();
    for (const app::Figure& f : ov.Data.Headlines)
        headlines[f.Code] = {{"planned", f.Totals.Planned}, {"reached", f.Totals.Reached}, {"plans", f.Totals.Plans}};
    for (const app::FigurePlan& p : ov.DrillPlans) drill.push_back(p.Id);
    j["overview"] = {{"loaded", ov.Loaded},
                     {"year", ov.Year},
                     {"error", ov.Error},
                     {"plans", ov.Data.Plans},
                     {"governments", ov.Data.Governments},
                     {"flemish_cents", ov.Data.FlemishCents},
                     {"headlines", headlines},
                     {"drill_loaded", ov.DrillLoaded},
                     {"drill_plans", drill},
                     {"allocation_loaded", ov.AllocationLoaded},
                     {"allocation_error", ov.AllocationError},
                     {"allocation",
                      {{"budget", ov.Allocation.BudgetCents},
                       {"requested", ov.Allocation.RequestedCents},
                       {"allocated", ov.Allocation.AllocatedCents},
                       {"partial_priority", ov.Allocation.PartialPriority},
                       {"plans", ov.Allocation.Plans.size()}}}};
    j["review"] = {{"open_id", st.Review.OpenId},
                   {"loaded", st.Review.Loaded},
                   {"status", st.Review.View.Status},
                   {"revision", st.Review.View.Revision},
                   {"history", st.Review.History.size()},
                   {"plan", st.Review.Loaded ? nlohmann::json(sl::write_plan(st.Review.Plan)) : nlohmann::json()}};
    j["frames"] = stats.count;
    j["frames_drawn"] = stats.drawn;
    j["frame_ms"] = {{"last", stats.last_ms}, {"max", stats.max_ms}, {"avg", stats.count ? stats.sum_ms / static_cast<double>(stats.count) : 0.0}};
    j["first_frame_at_ms"] = stats.first_frame_at;
    j["main_at_ms"] = stats.main_at;
    j["font_ms"] = stats.font_ms;
    j["scale"] = scale;
    static std::string text;  // valid until the next call
    text = j.dump();
    return text.c_str();
}

// Draws `count` frames back to back and returns the mean CPU time of one (bench).
EMSCRIPTEN_KEEPALIVE double app_test_frame_time(int count) {
    Stats().always_draw = true;  // the same frame over and over: drawn each time, as it is measured
    const double start = emscripten_get_now();
    for (int i = 0; i < count; ++i) app_frame();
    Stats().always_draw = false;
    return (emscripten_get_now() - start) / std::max(1, count);
}

// The CPU time of each frame drawn (app_frame) since app_test_frame_log_clear(), the last
// 1024 of them (bench: the frames of a drag). index < 0: how many are kept; else the
// index-th in ms, oldest first (-1 past the end).
EMSCRIPTEN_KEEPALIVE double app_test_frame_log(int index) {
    const FrameStats& stats = Stats();
    const long kept = std::min<long>(stats.log_count, FrameStats::kLogSize);
    if (index < 0) return static_cast<double>(kept);
    return index < kept ? stats.log[(stats.log_count - kept + index) % FrameStats::kLogSize] : -1;
}

EMSCRIPTEN_KEEPALIVE void app_test_frame_log_clear() { Stats().log_count = 0; }

// The same without drawing: NewFrame, the app's panels and ImGui::Render only (bench).
EMSCRIPTEN_KEEPALIVE double app_test_ui_time(int count) {
    const double start = emscripten_get_now();
    for (int i = 0; i < count; ++i) {
        ImGui::NewFrame();
        app::DrawFrame(State());
        ImGui::Render();
    }
    return (emscripten_get_now() - start) / std::max(1, count);
}

}  // extern "C"
