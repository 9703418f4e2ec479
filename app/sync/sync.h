// Sync of the plans on this device with the server: an outbox of changes that is kept on
// the device and never dropped until the server confirms, retries with backoff, and the
// per-plan state the coordinator sees (bewaard op dit toestel / synchroniseren /
// gesynchroniseerd / conflict / offline). Platform-free: it decides what to send and reads
// the answers; the platform carries the requests (platform.h, HttpRequest).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace app {

enum class SyncStatus { LocalOnly, Pending, Syncing, Synced, Conflict, Offline, Failed };
const char* SyncStatusText(SyncStatus status);  // Dutch

struct SyncSettings {
    std::string ServerUrl;  // e.g. "http://127.0.0.1:8080"; empty: the page's own origin
    std::string Token;
    bool Enabled = false;
};

// A change waiting for the server: the whole plan as it was saved on this device.
struct OutboxEntry {
    std::string PlanId;
    std::string ChangeId;      // made once per entry; resent unchanged after a lost answer
    int BaseRevision = 0;      // the server revision it was edited from; 0: create
    std::string Document;      // plan JSON
    int Attempts = 0;
    double NextAttemptAt = 0;  // seconds (Platform::NowSeconds)
};

struct PlanSync {
    std::string ServerId;              // the plan's id on the server when it differs from this device's
    int ServerRevision = 0;            // last revision confirmed by the server
    SyncStatus Status = SyncStatus::LocalOnly;
    std::string ServerStatus;          // draft, submitted, ...
    std::string ConflictDocument;      // the server's version when in conflict
    int ConflictRevision = 0;
    std::string LastError;             // Dutch, from the server or the network
};

struct HttpCall {
    std::string Method;  // POST or PUT
    std::string Url;
    std::string Body;
    std::string Token;
};

struct SyncModel {
    SyncSettings Settings;
    std::vector<OutboxEntry> Outbox;       // oldest first
    std::map<std::string, PlanSync> Plans;
    bool Online = true;
    bool InFlight = false;                 // one request at a time, the outbox's first entry
};

// A plan was saved on this device: queue it. An entry not yet sent is replaced (with a new
// change id); an entry in flight stays and the new version queues behind it.
void QueueChange(SyncModel& sync, const std::string& plan_id, const std::string& document, const std::string& change_id);

// The request to send now, if any (marks it in flight).
std::optional<HttpCall> NextCall(SyncModel& sync, double now);

// The answer to the request in flight; status 0 means the network failed (no answer).
// Success confirms and drops the entry (a create the server filed under another id, because
// another government's plan has this one, sets PlanSync::ServerId: later requests use it);
// a conflict keeps the server's version in PlanSync::ConflictDocument, under this device's
// id; network and server failures keep the entry for a retry.
void OnSyncResponse(SyncModel& sync, int status, const std::string& body, double now);

// The coordinator chose a merged version after a conflict: it goes out on top of the
// server's revision.
void ResolveConflict(SyncModel& sync, const std::string& plan_id, const std::string& merged_document,
                     const std::string& change_id);

SyncStatus PlanSyncStatus(const SyncModel& sync, const std::string& plan_id);
// The address of an API route on the configured server: ApiUrl(settings, "/plans") ->
// "http://host:8080/api/v1/plans" (an empty server address: the page's own origin).
std::string ApiUrl(const SyncSettings& settings, const std::string& route);
// What went wrong with a request, for people: the server's Dutch error message and path from
// an error answer ({"error": {"code", "message", "path"}}), else a sentence with the status
// (0: no network). Never throws, whatever the body holds.
std::string ServerErrorText(int status, const std::string& body);
double RetryDelaySeconds(int attempts);  // 1, 2, 4 ... 60

// Kept on the device next to the plans, written atomically like them.
std::string SerializeSync(const SyncModel& sync);
SyncModel ParseSync(const std::string& text);  // an unreadable file gives an empty model

}  // namespace app
