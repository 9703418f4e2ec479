#include "sync/sync.h"

#include <algorithm>

#include <exception>

#include <nlohmann/json.hpp>

#include "samenleven/error.h"
#include "samenleven/json_text.h"
#include "samenleven/plan_status.h"

namespace app {

using nlohmann::json;

const char* SyncStatusText(SyncStatus status) {
    switch (status) {
        case SyncStatus::LocalOnly: return "bewaard op dit toestel";
        case SyncStatus::Pending: return "wacht op synchronisatie";
        case SyncStatus::Syncing: return "synchroniseren...";
        case SyncStatus::Synced: return "gesynchroniseerd";
        case SyncStatus::Conflict: return "conflict: kies een versie";
        case SyncStatus::Offline: return "offline: wordt later verstuurd";
        case SyncStatus::Failed: return "niet aanvaard door de server";
        case SyncStatus::TokenRefused: return "niet verstuurd: de server weigert de toegangscode";
    }
    return "";
}

double RetryDelaySeconds(int attempts) {
    double delay = 1;
    for (int i = 1; i < attempts && delay < 60; ++i) delay *= 2;
    return std::min(delay, 60.0);
}

std::string ApiUrl(const SyncSettings& settings, const std::string& route) {
    std::string url = settings.ServerUrl;
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url + "/api/v1" + route;
}

const char* ChangeKindCode(ChangeKind kind) {
    switch (kind) {
        case ChangeKind::Plan: return "plan";
        case ChangeKind::Submit: return "submit";
        case ChangeKind::Results: return "results";
        case ChangeKind::Confirm: return "confirm";
        case ChangeKind::Return: return "return";
        case ChangeKind::Verdicts: return "verdicts";
    }
    return "plan";
}

static ChangeKind ChangeKindFromCode(const std::string& code) {
    for (ChangeKind k : {ChangeKind::Submit, ChangeKind::Results, ChangeKind::Confirm, ChangeKind::Return, ChangeKind::Verdicts})
        if (code == ChangeKindCode(k)) return k;
    return ChangeKind::Plan;
}

bool IsAgency(const SyncModel& sync) { return sync.Me.Role == "agency"; }

void QueueChange(SyncModel& sync, const std::string& plan_id, const std::string& document, const std::string& change_id) {
    PlanSync& plan = sync.Plans[plan_id];
    if (plan.Status == SyncStatus::Conflict) return;  // the coordinator resolves first; the plan stays saved locally
    // The plan's last entry, when it is a version not yet in flight, is replaced: only the
    // newest version matters. Steps are never replaced, and versions never pass them.
    for (std::size_t i = sync.Outbox.size(); i-- > 0;) {
        OutboxEntry& entry = sync.Outbox[i];
        if (entry.PlanId != plan_id) continue;
        const bool in_flight = sync.InFlight && i == 0;
        if (entry.Kind == ChangeKind::Plan && !in_flight) {
            entry.Document = document;
            entry.ChangeId = change_id;
            plan.Status = SyncStatus::Pending;
            return;
        }
        break;
    }
    sync.Outbox.push_back({plan_id, change_id, plan.ServerRevision, document, 0, 0, ChangeKind::Plan});
    plan.Status = SyncStatus::Pending;
}

void QueueStep(SyncModel& sync, const std::string& plan_id, ChangeKind kind, const std::string& fields,
               const std::string& change_id, int base_revision) {
    PlanSync& plan = sync.Plans[plan_id];
    sync.Outbox.push_back({plan_id, change_id, base_revision, fields, 0, 0, kind});
    plan.Status = SyncStatus::Pending;
    plan.LastError.clear();
}

int DropPlan(SyncModel& sync, const std::string& plan_id) {
    int dropped = 0;
    bool in_flight = false;
    for (std::size_t i = sync.Outbox.size(); i-- > 0;) {
        if (sync.Outbox[i].PlanId != plan_id) continue;
        if (sync.InFlight && i == 0) {
            in_flight = true;
            continue;
        }
        sync.Outbox.erase(sync.Outbox.begin() + static_cast<std::ptrdiff_t>(i));
        ++dropped;
    }
    if (!in_flight) sync.Plans.erase(plan_id);
    return dropped;
}

int PendingCount(const SyncModel& sync, const std::string& plan_id) {
    return static_cast<int>(std::count_if(sync.Outbox.begin(), sync.Outbox.end(),
                                          [&](const OutboxEntry& e) { return e.PlanId == plan_id; }));
}

bool HasPending(const SyncModel& sync, const std::string& plan_id, std::optional<ChangeKind> kind) {
    return std::any_of(sync.Outbox.begin(), sync.Outbox.end(), [&](const OutboxEntry& e) {
        return e.PlanId == plan_id && (!kind || e.Kind == *kind);
    });
}

bool PlanEditable(const SyncModel& sync, const std::string& plan_id) {
    if (HasPending(sync, plan_id, ChangeKind::Submit)) return false;
    const auto it = sync.Plans.find(plan_id);
    if (it == sync.Plans.end()) return true;
    const auto status = samenleven::parse_status(it->second.ServerStatus);
    return !status || samenleven::editable(*status);
}

std::string ServerPlanId(const SyncModel& sync, const std::string& plan_id) {
    const auto it = sync.Plans.find(plan_id);
    return it != sync.Plans.end() && !it->second.ServerId.empty() ? it->second.ServerId : plan_id;
}

std::string LocalPlanId(const SyncModel& sync, const std::string& server_id) {
    for (const auto& [id, plan] : sync.Plans)
        if (plan.ServerId == server_id) return id;
    return server_id;
}

std::vector<std::string> PlansToPull(const SyncModel& sync, const std::vector<ServerPlanInfo>& server_plans) {
    std::vector<std::string> ids;
    for (const ServerPlanInfo& p : server_plans) {
        const auto it = sync.Plans.find(LocalPlanId(sync, p.Id));
        if (it == sync.Plans.end() || it->second.ServerRevision == 0) continue;  // not synced from here
        if (it->second.Status == SyncStatus::Conflict) continue;
        if (p.Revision > it->second.ServerRevision) ids.push_back(p.Id);
    }
    return ids;
}

void ApplyServerView(PlanSync& plan, const ServerPlanView& view) {
    if (view.Revision > 0) plan.ServerRevision = view.Revision;
    if (!view.Status.empty()) plan.ServerStatus = view.Status;
    plan.Remark = view.Remark;
    if (!view.UpdatedAt.empty()) plan.UpdatedAt = view.UpdatedAt;
    if (!view.UpdatedBy.empty()) plan.UpdatedBy = view.UpdatedBy;
}

std::optional<HttpCall> NextCall(SyncModel& sync, double now) {
    if (!sync.Settings.Enabled || sync.Settings.Token.empty() || sync.InFlight || sync.Outbox.empty() || !sync.Online)
        return std::nullopt;
    OutboxEntry& entry = sync.Outbox.front();
    if (entry.NextAttemptAt > now) return std::nullopt;
    PlanSync& plan = sync.Plans[entry.PlanId];
    json document;
    try {
        document = samenleven::parse_json_text(entry.Document);
    } catch (const samenleven::InputError& e) {
        // A version that cannot be read (a damaged sync.json) can never be sent: it is shown
        // and dropped; the plan itself stays on the device and its next save queues again.
        plan.Status = SyncStatus::Failed;
        plan.LastError = "Deze versie kon niet verstuurd worden: " + e.message();
        sync.Outbox.erase(sync.Outbox.begin());
        return NextCall(sync, now);
    }
    // The base revision is the one known when sending (a create answered meanwhile sets it).
    if (entry.BaseRevision == 0) entry.BaseRevision = plan.ServerRevision;
    const std::string server_id = ServerPlanId(sync, entry.PlanId);
    HttpCall call;
    call.Token = sync.Settings.Token;
    json body;
    if (entry.Kind == ChangeKind::Plan) {
        if (!plan.ServerId.empty() && document.is_object()) document["id"] = plan.ServerId;
        body = {{"change_id", entry.ChangeId}, {"plan", std::move(document)}};
        if (entry.BaseRevision == 0) {
            call.Method = "POST";
            call.Url = ApiUrl(sync.Settings, "/plans");
        } else {
            call.Method = "PUT";
            call.Url = ApiUrl(sync.Settings, "/plans/" + server_id);
            body["base_revision"] = entry.BaseRevision;
        }
    } else {
        // A step: its own fields, the change id and the revision it was made on.
        body = document.is_object() ? std::move(document) : json::object();
        body["change_id"] = entry.ChangeId;
        if (entry.BaseRevision > 0) body["base_revision"] = entry.BaseRevision;
        call.Method = "POST";
        call.Url = ApiUrl(sync.Settings, "/plans/" + server_id + "/" + ChangeKindCode(entry.Kind));
    }
    call.Body = body.dump();
    sync.InFlight = true;
    plan.Status = SyncStatus::Syncing;
    ++entry.Attempts;
    return call;
}

namespace {

// A plan view's fields from a JSON answer (throws json::exception on a wrong type).
ServerPlanView ReadPlanView(const json& answer) {
    ServerPlanView view;
    view.Id = answer.value("id", std::string());
    view.Status = answer.value("status", std::string());
    view.Remark = answer.value("remark", std::string());
    view.UpdatedAt = answer.value("updated_at", answer.value("created_at", std::string()));
    view.UpdatedBy = answer.value("updated_by", std::string());
    view.Revision = answer.value("revision", 0);
    if (const auto plan = answer.find("plan"); plan != answer.end() && plan->is_object()) view.Plan = plan->dump();
    return view;
}

}  // namespace

std::optional<ServerPlanView> ParsePlanView(const std::string& body) {
    try {
        const json answer = samenleven::parse_json_text(body);
        if (!answer.is_object()) return std::nullopt;
        ServerPlanView view = ReadPlanView(answer);
        if (view.Id.empty() || view.Revision <= 0) return std::nullopt;
        return view;
    } catch (const std::exception&) {  // InputError from reading, json::exception from a wrong type
        return std::nullopt;
    }
}

std::optional<std::vector<ServerPlanInfo>> ParsePlanList(const std::string& body) {
    try {
        std::vector<ServerPlanInfo> plans;
        const json answer = samenleven::parse_json_text(body);
        for (const json& p : answer.at("plans")) {
            ServerPlanInfo info;
            info.Id = p.at("id").get<std::string>();
            info.Title = p.value("title", "");
            info.Status = p.value("status", "");
            info.Applicant = p.value("applicant", "");
            info.Remark = p.value("remark", "");
            info.UpdatedAt = p.value("updated_at", "");
            info.UpdatedBy = p.value("updated_by", "");
            info.Revision = p.value("revision", 0);
            info.SubsidyCents = p.value("subsidy_cents", 0LL);
            info.Errors = p.value("errors", 0);
            info.Warnings = p.value("warnings", 0);
            plans.push_back(std::move(info));
        }
        return plans;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::optional<std::vector<RevisionInfo>> ParseHistory(const std::string& body) {
    try {
        std::vector<RevisionInfo> list;
        const json answer = samenleven::parse_json_text(body);
        for (const json& r : answer.at("revisions")) {
            RevisionInfo info;
            info.Revision = r.at("revision").get<int>();
            info.Status = r.value("status", "");
            info.AuthorName = r.value("author_name", r.value("author", ""));
            info.CreatedAt = r.value("created_at", "");
            info.Remark = r.value("remark", "");
            if (const auto changed = r.find("changed"); changed != r.end() && changed->is_array())
                for (const json& c : *changed)
                    if (c.is_string()) info.Changed.push_back(c.get<std::string>());
            list.push_back(std::move(info));
        }
        return list;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::optional<Caller> ParseMe(const std::string& body) {
    try {
        const json me = samenleven::parse_json_text(body);
        Caller caller{me.at("role").get<std::string>(), me.value("name", "")};
        if (caller.Role != "agency" && caller.Role != "government") return std::nullopt;
        return caller;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

void OnSyncResponse(SyncModel& sync, int status, const std::string& body, double now) {
    if (!sync.InFlight || sync.Outbox.empty()) return;
    sync.InFlight = false;
    OutboxEntry entry = sync.Outbox.front();
    PlanSync& plan = sync.Plans[entry.PlanId];
    auto retry_later = [&](SyncStatus shown, const std::string& error) {
        // Kept at the head of the outbox with the same change id: a resend after a lost
        // answer is recognised by the server and changes nothing twice.
        sync.Outbox.front().NextAttemptAt = now + RetryDelaySeconds(entry.Attempts);
        plan.Status = shown;
        plan.LastError = error;
    };
    auto refused = [&] {
        // Refused for good (400, 403, 404, 409 locked, 413, 422): kept on the device, shown, not resent.
        plan.Status = SyncStatus::Failed;
        plan.LastError = ServerErrorText(status, body);
        sync.Outbox.erase(sync.Outbox.begin());
    };
    if (status == 0) return retry_later(SyncStatus::Offline, "Geen verbinding met de server.");
    // 401: the token is refused. Kept for when the right one is filled in (OnTokenAccepted).
    if (status == 401) return retry_later(SyncStatus::TokenRefused, ServerErrorText(status, body));
    if (status >= 500 || status == 408 || status == 429)
        return retry_later(SyncStatus::Offline, ServerErrorText(status, body));

    if (status != 200 && status != 201 && status != 409) return refused();

    // What the answer says, read in one place: an answer that is not what the server sends
    // (not JSON, a wrong type) is unreadable and retried, never an exception out of here.
    const auto unreadable = [&] { retry_later(SyncStatus::Offline, "Onleesbaar antwoord van de server."); };
    ServerPlanView view;
    std::string current_plan, error_code;
    int current_revision = 0;
    bool has_current = false;
    try {
        const json answer = samenleven::parse_json_text(body);
        if (!answer.is_object()) return unreadable();
        if (status != 409) {
            view = ReadPlanView(answer);
        } else if (const auto current = answer.find("current"); current != answer.end()) {
            has_current = true;
            json server_plan = current->at("plan");
            if (server_plan.is_object()) server_plan["id"] = entry.PlanId;  // compared with this device's version
            current_plan = server_plan.dump();
            current_revision = current->value("revision", 0);
        } else if (const auto error = answer.find("error"); error != answer.end()) {
            error_code = error->value("code", std::string());
        }
    } catch (const std::exception&) {  // InputError from reading, json::exception from a wrong type
        return unreadable();
    }
    if (status == 200 || status == 201) {
        if (entry.Kind == ChangeKind::Plan && status == 201 && !view.Id.empty() && view.Id != entry.PlanId)
            plan.ServerId = view.Id;
        ApplyServerView(plan, view);
        plan.LastError.clear();
        sync.Outbox.erase(sync.Outbox.begin());
        if (entry.Kind == ChangeKind::Results && !HasPending(sync, entry.PlanId, ChangeKind::Results))
            plan.ResultsUnsent = false;
        // What is queued behind this change now builds on the new revision.
        for (OutboxEntry& later : sync.Outbox)
            if (later.PlanId == entry.PlanId) later.BaseRevision = plan.ServerRevision;
        plan.Status = HasPending(sync, entry.PlanId) ? SyncStatus::Pending : SyncStatus::Synced;
        return;
    }
    if (has_current && entry.Kind == ChangeKind::Plan) {
        // Someone else changed the plan: both versions are kept (ours stays on the device
        // and as a conflict copy on the server) until the coordinator chooses.
        plan.Status = SyncStatus::Conflict;
        plan.ConflictDocument = std::move(current_plan);
        plan.ConflictRevision = current_revision;
        plan.LastError = ServerErrorText(status, body);
        sync.Outbox.erase(sync.Outbox.begin());
        return;
    }
    if (error_code == "conflict" && entry.Kind == ChangeKind::Results) {
        // Results made on an older revision (the agency changed a target meanwhile): they are
        // the coordinator's own fields, so they go again on top of the newer revision, which
        // the pull brings (it rebases this entry).
        sync.PullWanted = true;
        return retry_later(SyncStatus::Pending, "");
    }
    return refused();
}

void ResolveConflict(SyncModel& sync, const std::string& plan_id, const std::string& merged_document, const std::string& change_id) {
    PlanSync& plan = sync.Plans[plan_id];
    plan.ServerRevision = plan.ConflictRevision;
    plan.ConflictDocument.clear();
    plan.Status = SyncStatus::Pending;
    plan.LastError.clear();
    sync.Outbox.push_back({plan_id, change_id, plan.ServerRevision, merged_document, 0, 0, ChangeKind::Plan});
}

std::string ServerErrorText(int status, const std::string& body) {
    if (status == 0) return "Geen verbinding met de server.";
    try {
        const json j = samenleven::parse_json_text(body);
        const json& error = j.at("error");
        std::string message = error.at("message").get<std::string>();
        const auto path = error.find("path");
        if (path != error.end() && path->is_string() && !path->get_ref<const std::string&>().empty())
            message += " (" + path->get<std::string>() + ")";
        if (!message.empty()) return message;
    } catch (const std::exception&) {
        // Not an error answer of our server (a proxy's page, a cut-off body): the status says enough.
    }
    return "De server antwoordde met fout " + std::to_string(status) + ".";
}

bool OnTokenAccepted(SyncModel& sync) {
    bool waited = false;
    for (auto& [id, plan] : sync.Plans)
        if (plan.Status == SyncStatus::TokenRefused) {
            plan.Status = SyncStatus::Pending;
            plan.LastError.clear();
            waited = true;
        }
    if (waited && !sync.InFlight && !sync.Outbox.empty()) sync.Outbox.front().NextAttemptAt = 0;
    return waited;
}

SyncStatus PlanSyncStatus(const SyncModel& sync, const std::string& plan_id) {
    auto it = sync.Plans.find(plan_id);
    if (it == sync.Plans.end()) return SyncStatus::LocalOnly;
    if (!sync.Online && (it->second.Status == SyncStatus::Pending || it->second.Status == SyncStatus::Syncing))
        return SyncStatus::Offline;
    return it->second.Status;
}

std::string SerializeSync(const SyncModel& sync) {
    json outbox = json::array();
    for (const auto& e : sync.Outbox)
        outbox.push_back({{"plan_id", e.PlanId}, {"change_id", e.ChangeId}, {"base_revision", e.BaseRevision},
                          {"document", e.Document}, {"attempts", e.Attempts}, {"kind", ChangeKindCode(e.Kind)}});
    json plans = json::object();
    for (const auto& [id, p] : sync.Plans)
        plans[id] = {{"server_id", p.ServerId}, {"server_revision", p.ServerRevision}, {"status", static_cast<int>(p.Status)},
                     {"server_status", p.ServerStatus}, {"conflict_document", p.ConflictDocument},
                     {"conflict_revision", p.ConflictRevision}, {"last_error", p.LastError}, {"remark", p.Remark},
                     {"updated_at", p.UpdatedAt}, {"updated_by", p.UpdatedBy}, {"results_unsent", p.ResultsUnsent}};
    return json{{"sync_schema_version", 1},
                {"server_url", sync.Settings.ServerUrl},
                {"token", sync.Settings.Token},
                {"enabled", sync.Settings.Enabled},
                {"role", sync.Me.Role},
                {"caller_name", sync.Me.Name},
                {"outbox", outbox},
                {"plans", plans}}
        .dump();
}

SyncModel ParseSync(const std::string& text) {
    SyncModel sync;
    try {
        const json j = samenleven::parse_json_text(text);
        if (j.value("sync_schema_version", 0) != 1) return sync;
        sync.Settings.ServerUrl = j.value("server_url", "");
        sync.Settings.Token = j.value("token", "");
        sync.Settings.Enabled = j.value("enabled", false);
        sync.Me = {j.value("role", ""), j.value("caller_name", "")};
        for (const auto& e : j.at("outbox"))
            sync.Outbox.push_back({e.at("plan_id"), e.at("change_id"), e.at("base_revision"), e.at("document"),
                                   e.value("attempts", 0), 0, ChangeKindFromCode(e.value("kind", "plan"))});
        for (const auto& [id, p] : j.at("plans").items()) {
            PlanSync& plan = sync.Plans[id];
            plan.ServerId = p.value("server_id", "");
            plan.ServerRevision = p.value("server_revision", 0);
            const int status = p.value("status", 0);
            plan.Status = status >= 0 && status <= static_cast<int>(SyncStatus::TokenRefused) ? static_cast<SyncStatus>(status)
                                                                                      : SyncStatus::LocalOnly;
            if (plan.Status == SyncStatus::Syncing) plan.Status = SyncStatus::Pending;  // the answer was lost with the page
            plan.ServerStatus = p.value("server_status", "");
            plan.ConflictDocument = p.value("conflict_document", "");
            plan.ConflictRevision = p.value("conflict_revision", 0);
            plan.LastError = p.value("last_error", "");
            plan.Remark = p.value("remark", "");
            plan.UpdatedAt = p.value("updated_at", "");
            plan.UpdatedBy = p.value("updated_by", "");
            plan.ResultsUnsent = p.value("results_unsent", false);
        }
    } catch (const std::exception&) {  // InputError from reading, json::exception from a wrong type
        return SyncModel{};
    }
    return sync;
}

}  // namespace app
