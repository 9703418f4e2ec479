// The app's side of sync: the engine's state (sync.h) kept in "sync.json" next to the
// plans, its requests carried by the platform one at a time, the server's plan list and
// fetching a plan from it, and resolving a conflict of the open plan.
#include <cstdio>
#include <exception>

#include <nlohmann/json.hpp>

#include "app_state.h"

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

void ReadServerList(AppState& st, int status, const std::string& body) {
    SyncView& ui = st.SyncUi;
    if (status != 200) {
        ui.ListError = ServerErrorText(status, body);
        return;
    }
    try {
        std::vector<ServerPlanInfo> plans;
        const json answer = sl::parse_json_text(body);
        for (const json& p : answer.at("plans"))
            plans.push_back({p.at("id"), p.value("title", ""), p.value("status", ""), p.value("revision", 0)});
        ui.ServerPlans = std::move(plans);
        ui.ServerPlansLoaded = true;
        ui.ListError.clear();
    } catch (const std::exception&) {  // InputError from reading, json::exception from a wrong type
        ui.ListError = "Onleesbaar antwoord van de server.";
    }
}

// A plan fetched from the server becomes a stored plan here, synced at the server's revision.
void StoreFetchedPlan(AppState& st, int status, const std::string& body) {
    if (status != 200) {
        st.SyncUi.ListError = ServerErrorText(status, body);
        return;
    }
    sl::Plan plan;
    int revision = 0;
    std::string server_status;
    try {
        const json view = sl::parse_json_text(body);
        plan = sl::read_plan(view.at("plan")).plan;
        revision = view.value("revision", 0);
        server_status = view.value("status", "");
    } catch (const sl::InputError& e) {
        st.SyncUi.ListError = "Het plan van de server kon niet gelezen worden: " + e.message() +
                              (e.path().empty() ? "" : " (" + e.path() + ")");
        return;
    } catch (const std::exception&) {  // a wrong type in the answer around the plan
        st.SyncUi.ListError = "Het plan van de server kon niet gelezen worden.";
        return;
    }
    if (!st.Host->WriteFile(PlanFileName(plan.id), sl::write_plan_text(plan))) {
        st.SyncUi.ListError = "Het plan kon niet bewaard worden op dit toestel.";
        return;
    }
    PlanSync& ps = st.Sync.Plans[plan.id];
    ps = PlanSync{};
    ps.ServerRevision = revision;
    ps.ServerStatus = server_status;
    ps.Status = SyncStatus::Synced;
    st.SyncUi.Dirty = true;
    st.StoredPlansStale = true;
    st.Host->Flush();
    if (st.PlanOpen && st.Plan.id == plan.id) OpenPlan(st, plan.id);  // show the server's version
    st.Ui.Notice = "Plan opgehaald van de server";
    st.Ui.NoticeUntil = st.Host->NowSeconds() + 3;
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

void LoadSync(AppState& st) {
    if (const std::optional<std::string> text = st.Host->ReadFile(kSyncFile)) st.Sync = ParseSync(*text);
    st.Sync.Online = st.Host->IsOnline();
    st.SyncUi = SyncView{};
    st.SyncUi.WantList = st.Sync.Settings.Enabled;
}

void SyncPlanStored(AppState& st, const std::string& plan_id, const std::string& document) {
    if (!st.Sync.Settings.Enabled) return;
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
    if (host.IsOnline() != sync.Online) OnOnlineChanged(st, !sync.Online);
    if (LineFree(st)) {
        if (std::optional<HttpCall> call = NextCall(sync, host.NowSeconds())) {
            ui.InFlight = SyncView::Call::Sync;
            ui.Dirty = true;  // attempts and the in-flight state are kept
            host.HttpRequest(call->Method, call->Url, call->Token, call->Body);
        } else if (!ui.FetchId.empty()) {
            ui.InFlight = SyncView::Call::Fetch;
            host.HttpRequest("GET", ApiUrl(sync.Settings, "/plans/" + ui.FetchId), sync.Settings.Token, "");
            ui.FetchId.clear();
        } else if (ui.WantList) {
            ui.InFlight = SyncView::Call::List;
            ui.WantList = false;
            host.HttpRequest("GET", ApiUrl(sync.Settings, "/plans"), sync.Settings.Token, "");
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
    switch (call) {
        case SyncView::Call::Sync: {
            const std::string plan_id = st.Sync.Outbox.empty() ? std::string() : st.Sync.Outbox.front().PlanId;
            OnSyncResponse(st.Sync, status, body, st.Host->NowSeconds());
            ui.Dirty = true;
            // Keep the server's plan list current without asking again (a new plan: ask).
            if ((status == 200 || status == 201) && ui.ServerPlansLoaded && !plan_id.empty()) {
                bool listed = false;
                for (ServerPlanInfo& p : ui.ServerPlans)
                    if (p.Id == plan_id) {
                        p.Revision = st.Sync.Plans[plan_id].ServerRevision;
                        listed = true;
                    }
                if (!listed) ui.WantList = true;
            }
            break;
        }
        case SyncView::Call::List: ReadServerList(st, status, body); break;
        case SyncView::Call::Fetch: StoreFetchedPlan(st, status, body); break;
        case SyncView::Call::None: break;
    }
}

void OnOnlineChanged(AppState& st, bool online) {
    SyncModel& sync = st.Sync;
    sync.Online = online;
    // Back online: what waits for a retry goes now, not after the backoff.
    if (online && !sync.InFlight && !sync.Outbox.empty()) sync.Outbox.front().NextAttemptAt = 0;
}

void SyncNow(AppState& st) {
    SyncModel& sync = st.Sync;
    if (!sync.InFlight && !sync.Outbox.empty()) sync.Outbox.front().NextAttemptAt = 0;
    st.SyncUi.WantList = true;
}

void SetSyncEnabled(AppState& st, bool enabled) {
    SyncModel& sync = st.Sync;
    if (sync.Settings.Enabled == enabled) return;
    sync.Settings.Enabled = enabled;
    st.SyncUi.Dirty = true;
    if (!enabled) return;
    st.SyncUi.WantList = true;
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
    st.Ui.Notice = "Samengevoegde versie wordt verstuurd";
    st.Ui.NoticeUntil = st.Host->NowSeconds() + 3;
}

}  // namespace app
