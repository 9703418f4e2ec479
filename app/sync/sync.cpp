#include "sync.h"

#include <algorithm>

#include <exception>

#include <nlohmann/json.hpp>

#include "samenleven/error.h"
#include "samenleven/json_text.h"

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

void QueueChange(SyncModel& sync, const std::string& plan_id, const std::string& document, const std::string& change_id) {
    PlanSync& plan = sync.Plans[plan_id];
    if (plan.Status == SyncStatus::Conflict) return;  // the coordinator resolves first; the plan stays saved locally
    // An entry of this plan that is not in flight is replaced: only the newest version matters.
    for (std::size_t i = 0; i < sync.Outbox.size(); ++i) {
        OutboxEntry& entry = sync.Outbox[i];
        const bool in_flight = sync.InFlight && i == 0;
        if (entry.PlanId == plan_id && !in_flight) {
            entry.Document = document;
            entry.ChangeId = change_id;
            plan.Status = SyncStatus::Pending;
            return;
        }
    }
    sync.Outbox.push_back({plan_id, change_id, plan.ServerRevision, document, 0, 0});
    plan.Status = SyncStatus::Pending;
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
    if (!plan.ServerId.empty() && document.is_object()) document["id"] = plan.ServerId;
    const std::string& server_id = plan.ServerId.empty() ? entry.PlanId : plan.ServerId;
    HttpCall call;
    call.Token = sync.Settings.Token;
    json body = {{"change_id", entry.ChangeId}, {"plan", std::move(document)}};
    if (entry.BaseRevision == 0) {
        call.Method = "POST";
        call.Url = ApiUrl(sync.Settings, "/plans");
    } else {
        call.Method = "PUT";
        call.Url = ApiUrl(sync.Settings, "/plans/" + server_id);
        body["base_revision"] = entry.BaseRevision;
    }
    call.Body = body.dump();
    sync.InFlight = true;
    plan.Status = SyncStatus::Syncing;
    ++entry.Attempts;
    return call;
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
        // Refused for good (400, 403, 404, 409 locked, 413): kept on the device, shown, not resent.
        plan.Status = SyncStatus::Failed;
        plan.LastError = ServerErrorText(status, body);
        sync.Outbox.erase(sync.Outbox.begin());
    };
    if (status == 0) return retry_later(SyncStatus::Offline, "Geen verbinding met de server.");
    if (status >= 500 || status == 401 || status == 408 || status == 429)
        return retry_later(SyncStatus::Offline, ServerErrorText(status, body));

    if (status != 200 && status != 201 && status != 409) return refused();

    // What the answer says, read in one place: an answer that is not what the server sends
    // (not JSON, a wrong type) is unreadable and retried, never an exception out of here.
    const auto unreadable = [&] { retry_later(SyncStatus::Offline, "Onleesbaar antwoord van de server."); };
    int revision = plan.ServerRevision, current_revision = 0;
    std::string server_status, current_plan, error_code, server_id;
    bool has_current = false;
    try {
        const json answer = samenleven::parse_json_text(body);
        if (!answer.is_object()) return unreadable();
        if (status != 409) {
            revision = answer.value("revision", revision);
            server_status = answer.value("status", std::string());
            server_id = answer.value("id", std::string());
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
        if (status == 201 && !server_id.empty() && server_id != entry.PlanId) plan.ServerId = server_id;
        plan.ServerRevision = revision;
        plan.ServerStatus = server_status;
        plan.LastError.clear();
        sync.Outbox.erase(sync.Outbox.begin());
        // A newer local version queued behind this one now builds on the new revision.
        for (OutboxEntry& later : sync.Outbox)
            if (later.PlanId == entry.PlanId) later.BaseRevision = plan.ServerRevision;
        const bool more = std::any_of(sync.Outbox.begin(), sync.Outbox.end(),
                                      [&](const OutboxEntry& e) { return e.PlanId == entry.PlanId; });
        plan.Status = more ? SyncStatus::Pending : SyncStatus::Synced;
        return;
    }
    if (has_current) {
        // Someone else changed the plan: both versions are kept (ours stays on the device
        // and as a conflict copy on the server) until the coordinator chooses.
        plan.Status = SyncStatus::Conflict;
        plan.ConflictDocument = std::move(current_plan);
        plan.ConflictRevision = current_revision;
        plan.LastError = ServerErrorText(status, body);
        sync.Outbox.erase(sync.Outbox.begin());
        return;
    }
    if (error_code == "plan_exists" && entry.BaseRevision == 0) {
        // Created before, answer lost, and changed since: treat it as a conflict on revision 1.
        sync.Outbox.front().BaseRevision = 1;
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
    sync.Outbox.push_back({plan_id, change_id, plan.ServerRevision, merged_document, 0, 0});
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
                          {"document", e.Document}, {"attempts", e.Attempts}});
    json plans = json::object();
    for (const auto& [id, p] : sync.Plans)
        plans[id] = {{"server_id", p.ServerId}, {"server_revision", p.ServerRevision}, {"status", static_cast<int>(p.Status)},
                     {"server_status", p.ServerStatus}, {"conflict_document", p.ConflictDocument},
                     {"conflict_revision", p.ConflictRevision}, {"last_error", p.LastError}};
    return json{{"sync_schema_version", 1},
                {"server_url", sync.Settings.ServerUrl},
                {"token", sync.Settings.Token},
                {"enabled", sync.Settings.Enabled},
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
        for (const auto& e : j.at("outbox"))
            sync.Outbox.push_back({e.at("plan_id"), e.at("change_id"), e.at("base_revision"), e.at("document"), e.value("attempts", 0), 0});
        for (const auto& [id, p] : j.at("plans").items()) {
            PlanSync& plan = sync.Plans[id];
            plan.ServerId = p.value("server_id", "");
            plan.ServerRevision = p.value("server_revision", 0);
            const int status = p.value("status", 0);
            plan.Status = status >= 0 && status <= static_cast<int>(SyncStatus::Failed) ? static_cast<SyncStatus>(status)
                                                                                      : SyncStatus::LocalOnly;
            if (plan.Status == SyncStatus::Syncing) plan.Status = SyncStatus::Pending;  // the answer was lost with the page
            plan.ServerStatus = p.value("server_status", "");
            plan.ConflictDocument = p.value("conflict_document", "");
            plan.ConflictRevision = p.value("conflict_revision", 0);
            plan.LastError = p.value("last_error", "");
        }
    } catch (const std::exception&) {  // InputError from reading, json::exception from a wrong type
        return SyncModel{};
    }
    return sync;
}

}  // namespace app
