// The app's side of sync: the engine's state (sync.h) kept in "sync.json" next to the
// plans, its requests carried by the platform one at a time, the server's plan list and
// fetching a plan from it, and resolving a conflict of the open plan.
#include <cstdio>
#include <exception>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "state/app_state.h"

namespace app {

namespace sl = samenleven;
using nlohmann::json;

namespace {

constexpr const char* kSyncFile = "sync.json";

bool LineFree(const AppState& st) {
    const SyncModel& sync = st.Sync;
    return st.Host && st.SyncUi.InFlight == SyncView::Call::None && sync.Settings.Enabled && sync.Online &&
           !sync.Settings.Token.empty();
}

constexpr const char* kAgencyListFile = "agency-plans.json";  // the agency's list, for offline reading
constexpr double kListEverySeconds = 180;  // the server's list is asked again every few minutes

void ReadServerList(AppState& st, int status, const std::string& body) {
    SyncView& ui = st.SyncUi;
    if (status != 200) {
        ui.ListError = ServerErrorText(status, body);
        return;
    }
    std::optional<std::vector<ServerPlanInfo>> plans = ParsePlanList(body);
    if (!plans) {
        ui.ListError = "Onleesbaar antwoord van de server.";
        return;
    }
    ui.ServerPlans = std::move(*plans);
    ui.ServerPlansLoaded = true;
    ui.ListError.clear();
    if (IsAgency(st.Sync)) {
        KeepForOffline(st, kAgencyListFile, body);
        return;
    }
    // Plans on this device of which the server holds a newer revision are pulled.
    ui.PullIds.clear();
    for (const std::string& id : PlansToPull(st.Sync, ui.ServerPlans))
        if (st.Host->ReadFile(PlanFileName(LocalPlanId(st.Sync, id)))) ui.PullIds.push_back(id);
}

// A plan fetched from the server becomes a stored plan here, synced at the server's revision.
void StoreFetchedPlan(AppState& st, int status, const std::string& body) {
    if (status != 200) {
        st.SyncUi.ListError = ServerErrorText(status, body);
        return;
    }
    const std::optional<ServerPlanView> view = ParsePlanView(body);
    sl::Plan plan;
    try {
        if (!view) throw std::runtime_error("not a plan view");
        plan = sl::read_stored_plan_text(view->Plan).plan;
    } catch (const sl::InputError& e) {
        st.SyncUi.ListError = "Het plan van de server kon niet gelezen worden: " + e.message() +
                              (e.path().empty() ? "" : " (" + e.path() + ")");
        return;
    } catch (const std::exception&) {  // not a plan view
        st.SyncUi.ListError = "Het plan van de server kon niet gelezen worden.";
        return;
    }
    if (!st.Host->WriteFile(PlanFileName(plan.id), sl::write_plan_text(plan))) {
        st.SyncUi.ListError = "Het plan kon niet bewaard worden op dit toestel.";
        return;
    }
    PlanStored(st, plan.id);
    PlanSync& ps = st.Sync.Plans[plan.id];
    ps = PlanSync{};
    ApplyServerView(ps, *view);
    ps.Status = SyncStatus::Synced;
    st.SyncUi.Dirty = true;
    st.StoredPlansStale = true;
    st.Host->Flush();
    if (st.PlanOpen && st.Plan.id == plan.id) OpenPlan(st, plan.id);  // show the server's version
    ShowNotice(st, "Plan opgehaald van de server", 3);
}

void ReadMe(AppState& st, int status, const std::string& body) {
    if (status != 200) {
        st.SyncUi.ListError = ServerErrorText(status, body);
        if (status != 0) st.SyncUi.WantMe = false;  // asked again with the next "Nu synchroniseren"
        return;
    }
    const std::optional<Caller> me = ParseMe(body);
    if (!me) return;
    const bool was_agency = IsAgency(st.Sync);
    st.Sync.Me = *me;
    st.SyncUi.Dirty = true;
    if (IsAgency(st.Sync) && !was_agency) {
        // An agency token opens the agency's screens instead of the coordinator's.
        if (st.PlanOpen) ClosePlan(st);
        st.SyncUi.ServerPlansLoaded = false;
        st.SyncUi.WantList = true;
        SetScreen(st, Screen::Dossiers);
    } else if (!IsAgency(st.Sync) && was_agency) {
        st.Review = ReviewView{};
        SetScreen(st, Screen::Plans);
    }
}

}  // namespace

std::string NewChangeId(AppState& st) {
    std::string id;
    char buf[9];
    for (int i = 0; i < 4; ++i) {
        std::snprintf(buf, sizeof buf, "%08x", static_cast<unsigned>(st.Host->Random()));
        id += buf;
    }
    return id;
}

void KeepForOffline(AppState& st, const std::string& file, const std::string& text) {
    st.Host->WriteFile(file, text);
    st.Host->Flush();
}

void LoadSync(AppState& st) {
    if (const std::optional<std::string> text = st.Host->ReadFile(kSyncFile)) st.Sync = ParseSync(*text);
    st.Sync.Online = st.Host->IsOnline();
    st.SyncUi = SyncView{};
    st.SyncUi.WantList = st.Sync.Settings.Enabled;
    st.SyncUi.WantMe = st.Sync.Settings.Enabled && st.Sync.Me.Role.empty();
    // The agency's figures are asked once; its list as last read shows until the server answers.
    st.Overview.Want = IsAgency(st.Sync) && st.Sync.Settings.Enabled;
    if (IsAgency(st.Sync))
        if (const std::optional<std::string> list = st.Host->ReadFile(kAgencyListFile)) {
            if (std::optional<std::vector<ServerPlanInfo>> plans = ParsePlanList(*list)) {
                st.SyncUi.ServerPlans = std::move(*plans);
                st.SyncUi.ServerPlansLoaded = true;
            }
        }
}

void SyncPlanStored(AppState& st, const std::string& plan_id, const std::string& document) {
    if (!st.Sync.Settings.Enabled || IsAgency(st.Sync) || IsExamplePlan(plan_id)) return;
    // A submitted (or later) plan changes on the server only through the cycle's steps: only
    // its results can change here, and they go with "Tussentijds rapport / Jaarrapport indienen".
    if (!PlanEditable(st.Sync, plan_id)) {
        const auto it = st.Sync.Plans.find(plan_id);
        if (it != st.Sync.Plans.end() && !it->second.ServerStatus.empty() && !it->second.ResultsUnsent) {
            it->second.ResultsUnsent = true;
            st.SyncUi.Dirty = true;
        }
        return;
    }
    // A plan belongs on the server to its lead's government (the NIS code): until that is
    // filled in the server could only refuse it, so it waits on the device.
    try {
        const json plan = sl::parse_json_text(document);
        if (plan.at("applicant").at("lead").value("nis_code", "").empty()) return;
    } catch (const std::exception&) {  // not a plan: nothing the server could take
        return;
    }
    QueueChange(st.Sync, plan_id, document, NewChangeId(st));
    st.SyncUi.Dirty = true;
}

void SyncTick(AppState& st) {
    if (!st.Host) return;
    Platform& host = *st.Host;
    SyncModel& sync = st.Sync;
    SyncView& ui = st.SyncUi;
    const double now = host.NowSeconds();
    if (host.IsOnline() != sync.Online) OnOnlineChanged(st, !sync.Online);
    // Stay in step: the list (and with it the newer revisions of plans here) every few
    // minutes while the app runs; a browser pauses the frames of a hidden page.
    if (sync.Settings.Enabled && now >= ui.NextListAt) {
        if (ui.NextListAt > 0) ui.WantList = true;
        ui.NextListAt = now + kListEverySeconds;
    }
    if (sync.PullWanted) {
        sync.PullWanted = false;
        ui.WantList = true;
    }
    if (sync.Settings.Enabled) WakeAt(st, ui.NextListAt);
    if (IsAgency(sync)) ShowKeptOverviewAnswers(st);
    if (LineFree(st)) {
        const std::string token = sync.Settings.Token;
        auto get = [&](SyncView::Call call, const std::string& route) {
            ui.InFlight = call;
            host.HttpRequest("GET", ApiUrl(sync.Settings, route), token, "");
        };
        // Changes made here go first; then who the token belongs to; then what to read.
        if (std::optional<HttpCall> call = NextCall(sync, now)) {
            ui.InFlight = SyncView::Call::Sync;
            ui.Dirty = true;  // attempts and the in-flight state are kept
            host.HttpRequest(call->Method, call->Url, call->Token, call->Body);
        } else if (ui.WantMe) {
            ui.WantMe = false;
            get(SyncView::Call::Me, "/me");
        } else if (!ui.FetchId.empty()) {
            get(SyncView::Call::Fetch, "/plans/" + ui.FetchId);
            ui.FetchId.clear();
        } else if (!ui.PullIds.empty()) {
            get(SyncView::Call::Pull, "/plans/" + ui.PullIds.front());
            ui.PullIds.erase(ui.PullIds.begin());
        } else if (OverviewView& ov = st.Overview; ov.Want) {
            ov.Want = false;
            get(SyncView::Call::Overview, ov.AskedRoute = OverviewRoute(ov));
        } else if (ov.DrillWant) {
            ov.DrillWant = false;
            get(SyncView::Call::FigurePlans, ov.AskedRoute = FigurePlansRoute(ov));
        } else if (ov.AllocationWant) {
            ov.AllocationWant = false;
            get(SyncView::Call::Allocation, ov.AskedRoute = AllocationRoute(ov));
        } else if (st.Review.WantPlan && !st.Review.OpenId.empty()) {
            st.Review.WantPlan = false;
            get(SyncView::Call::Review, "/plans/" + st.Review.OpenId);
        } else if (st.Review.WantHistory && !st.Review.OpenId.empty()) {
            st.Review.WantHistory = false;
            get(SyncView::Call::History, "/plans/" + st.Review.OpenId + "/revisions");
        } else if (ui.WantList) {
            ui.WantList = false;
            get(SyncView::Call::List, "/plans");
        }
    }
    // A retry with backoff: the frame wakes when it is due (otherwise the app stays idle).
    if (LineFree(st) && !sync.InFlight && !sync.Outbox.empty()) WakeAt(st, sync.Outbox.front().NextAttemptAt);
    if (ui.Dirty) {
        ui.Dirty = false;
        host.WriteFile(kSyncFile, SerializeSync(sync));
        host.Flush();
    }
}

void OnHttpResponse(AppState& st, int status, const std::string& body) {
    if (!st.Host) return;
    SyncView& ui = st.SyncUi;
    const SyncView::Call call = ui.InFlight;
    ui.InFlight = SyncView::Call::None;
    // 401: the server refuses the token (the screen says so instead of "aan"); an answer
    // that went through shows it is accepted again.
    if (status == 401) {
        ui.TokenRefused = true;
    } else if (status >= 200 && status < 300) {
        ui.TokenRefused = false;
        if (OnTokenAccepted(st.Sync)) ui.Dirty = true;
    }
    switch (call) {
        case SyncView::Call::Sync: {
            const OutboxEntry sent = st.Sync.Outbox.empty() ? OutboxEntry{} : st.Sync.Outbox.front();
            OnSyncResponse(st.Sync, status, body, st.Host->NowSeconds());
            ui.Dirty = true;
            if (status != 200 && status != 201) break;
            // The agency's own step: the plan under review and the list show its outcome.
            if (IsAgency(st.Sync)) {
                if (sent.PlanId == st.Review.OpenId) ReadReviewPlan(st, status, body, false);
                st.Review.WantHistory = sent.PlanId == st.Review.OpenId;
                ui.WantList = true;
                break;
            }
            // After the last send, ask the server what else changed (a colleague's edit).
            if (st.Sync.Outbox.empty()) ui.WantList = true;
            break;
        }
        case SyncView::Call::Me: ReadMe(st, status, body); break;
        case SyncView::Call::List: ReadServerList(st, status, body); break;
        case SyncView::Call::Fetch: StoreFetchedPlan(st, status, body); break;
        case SyncView::Call::Pull:
            if (status != 200) ui.ListError = ServerErrorText(status, body);
            else if (const std::optional<ServerPlanView> view = ParsePlanView(body)) ApplyPulledPlan(st, *view);
            else ui.ListError = "Onleesbaar antwoord van de server.";
            break;
        case SyncView::Call::Review: ReadReviewPlan(st, status, body, false); break;
        case SyncView::Call::History: ReadReviewHistory(st, status, body, false); break;
        case SyncView::Call::Overview: ReadOverview(st, status, body); break;
        case SyncView::Call::FigurePlans: ReadFigurePlans(st, status, body); break;
        case SyncView::Call::Allocation: ReadAllocation(st, status, body); break;
        case SyncView::Call::None: break;
    }
}

void OnOnlineChanged(AppState& st, bool online) {
    SyncModel& sync = st.Sync;
    sync.Online = online;
    // Back online: what waits for a retry goes now, not after the backoff, and the server is
    // asked what changed meanwhile.
    if (online && !sync.InFlight && !sync.Outbox.empty()) sync.Outbox.front().NextAttemptAt = 0;
    if (online && sync.Settings.Enabled) st.SyncUi.WantList = true;
}

void SyncNow(AppState& st) {
    SyncModel& sync = st.Sync;
    if (!sync.InFlight && !sync.Outbox.empty()) sync.Outbox.front().NextAttemptAt = 0;
    st.SyncUi.WantList = true;
    if (sync.Me.Role.empty()) st.SyncUi.WantMe = true;
}

void SetSyncEnabled(AppState& st, bool enabled) {
    SyncModel& sync = st.Sync;
    if (sync.Settings.Enabled == enabled) return;
    sync.Settings.Enabled = enabled;
    st.SyncUi.Dirty = true;
    if (!enabled) return;
    st.SyncUi.WantList = true;
    st.SyncUi.WantMe = true;
    // Plans made before sync was on go out now.
    SaveNow(st);
    for (const std::string& name : st.Host->ListFiles()) {
        std::string id;
        if (!IsPlanFileName(name, &id) || PlanSyncStatus(sync, id) != SyncStatus::LocalOnly) continue;
        if (const std::optional<std::string> text = st.Host->ReadFile(name)) SyncPlanStored(st, id, *text);
    }
}

void FetchServerPlan(AppState& st, const std::string& id) {
    st.SyncUi.FetchId = id;
}

void ResolveOpenPlanConflict(AppState& st, const sl::Plan& merged) {
    if (!st.PlanOpen) return;
    st.Plan = merged;
    PlanChanged(st, true);
    SaveNow(st);  // stored here; the plan is still in conflict, so this queues nothing
    ResolveConflict(st.Sync, st.Plan.id, sl::write_plan_text(st.Plan), NewChangeId(st));
    st.SyncUi.Dirty = true;
    st.SyncUi.DiffKey.clear();
    ShowNotice(st, "Samengevoegde versie wordt verstuurd", 3);
}

}  // namespace app
