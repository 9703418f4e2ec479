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

// Stored as numbers (SerializeSync): a new status goes at the end.
enum class SyncStatus { LocalOnly, Pending, Syncing, Synced, Conflict, Offline, Failed, TokenRefused };
const char* SyncStatusText(SyncStatus status);  // Dutch

struct SyncSettings {
    std::string ServerUrl;  // e.g. "http://127.0.0.1:8080"; empty: the page's own origin
    std::string Token;
    bool Enabled = false;
};

// What a change waiting for the server asks: a version of the plan (create or update), or a
// step of the programme's cycle, each through its own route.
enum class ChangeKind {
    Plan,     // POST /plans, PUT /plans/{id}            (coordinator)
    Submit,   // POST /plans/{id}/submit                  (coordinator)
    Results,  // POST /plans/{id}/results                 (coordinator)
    Confirm,  // POST /plans/{id}/confirm, with envelopes (agency)
    Return,   // POST /plans/{id}/return, with a remark   (agency)
    Verdicts, // POST /plans/{id}/verdicts: the jury's verdict per row and year (agency)
};
const char* ChangeKindCode(ChangeKind kind);  // "plan", "submit", ... (sync.json)

// A change waiting for the server.
struct OutboxEntry {
    std::string PlanId;        // this device's id of the plan (the agency's: the server's)
    std::string ChangeId;      // made once per entry; resent unchanged after a lost answer
    int BaseRevision = 0;      // the server revision it was made on; 0: create / not yet known
    std::string Document;      // Plan: the plan JSON; a step: the request's own fields, a JSON object
    int Attempts = 0;
    double NextAttemptAt = 0;  // seconds (Platform::NowSeconds)
    ChangeKind Kind = ChangeKind::Plan;
};

struct PlanSync {
    std::string ServerId;              // the plan's id on the server when it differs from this device's
    int ServerRevision = 0;            // last revision confirmed by the server
    SyncStatus Status = SyncStatus::LocalOnly;
    std::string ServerStatus;          // draft, submitted, ...
    std::string ConflictDocument;      // the server's version when in conflict
    int ConflictRevision = 0;
    std::string LastError;             // Dutch, from the server or the network
    std::string Remark;                // the agency's remark when it sent the plan back
    std::string UpdatedAt;             // when (ISO 8601, UTC) and by whom the server's revision was made
    std::string UpdatedBy;
    bool ResultsUnsent = false;        // results typed on this device, not yet reported
};

// A plan's revision as the server answers it: GET /plans/{id} and every change's answer.
struct ServerPlanView {
    std::string Id, Status, Remark, UpdatedAt, UpdatedBy;
    int Revision = 0;
    std::string Plan;  // the plan as JSON text; empty when the answer had none
};

// A plan in the server's list (GET /plans).
struct ServerPlanInfo {
    std::string Id, Title, Status, Applicant, Remark, UpdatedAt, UpdatedBy;
    int Revision = 0;
    long long SubsidyCents = 0;
    int Errors = 0, Warnings = 0;
};

// One revision in a plan's history (GET /plans/{id}/revisions).
struct RevisionInfo {
    int Revision = 0;
    std::string Status, AuthorName, CreatedAt, Remark;
    std::vector<std::string> Changed;  // field paths
};

// The server's answers, read in one place. Nothing when the body is not such an answer
// (never throws).
std::optional<ServerPlanView> ParsePlanView(const std::string& body);
std::optional<std::vector<ServerPlanInfo>> ParsePlanList(const std::string& body);
std::optional<std::vector<RevisionInfo>> ParseHistory(const std::string& body);
// GET /me: "agency" or "government", and the caller's name.
struct Caller {
    std::string Role, Name;
};
std::optional<Caller> ParseMe(const std::string& body);

struct HttpCall {
    std::string Method;  // POST or PUT
    std::string Url;
    std::string Body;
    std::string Token;
};

struct SyncModel {
    SyncSettings Settings;
    Caller Me;                             // who the token belongs to (GET /me); empty until known
    std::vector<OutboxEntry> Outbox;       // oldest first
    std::map<std::string, PlanSync> Plans;
    bool Online = true;
    bool InFlight = false;                 // one request at a time, the outbox's first entry
    bool PullWanted = false;               // an answer showed the server has a newer revision
};

bool IsAgency(const SyncModel& sync);

// A plan was saved on this device: queue it. The plan's last entry, when it is a version not
// yet sent, is replaced (with a new change id); otherwise the new version queues behind.
void QueueChange(SyncModel& sync, const std::string& plan_id, const std::string& document, const std::string& change_id);
// A step of the cycle (not Plan): `fields` are the request's own fields as a JSON object, e.g.
// {"results": [...]}; `base_revision` 0: the plan's server revision when it is sent.
void QueueStep(SyncModel& sync, const std::string& plan_id, ChangeKind kind, const std::string& fields,
               const std::string& change_id, int base_revision = 0);
// The plan was deleted from this device: its waiting changes are dropped (one in flight
// finishes) and its sync state forgotten. Returns how many changes were dropped.
int DropPlan(SyncModel& sync, const std::string& plan_id);
int PendingCount(const SyncModel& sync, const std::string& plan_id);
bool HasPending(const SyncModel& sync, const std::string& plan_id, std::optional<ChangeKind> kind = std::nullopt);
// Whether the coordinator may change the plan on this device: the server's status allows
// edits (a draft, or not on the server) and no submission is waiting to be sent.
bool PlanEditable(const SyncModel& sync, const std::string& plan_id);

// The ids of a plan here and on the server (they differ when the server gave it an id of its own).
std::string ServerPlanId(const SyncModel& sync, const std::string& plan_id);
std::string LocalPlanId(const SyncModel& sync, const std::string& server_id);
// The plans known here (synced before) of which the server's list shows a newer revision:
// their server ids. Plans in conflict are left to the coordinator.
std::vector<std::string> PlansToPull(const SyncModel& sync, const std::vector<ServerPlanInfo>& server_plans);
// Takes the server's status, revision, remark and who changed it last from a view.
void ApplyServerView(PlanSync& plan, const ServerPlanView& view);

// The request to send now, if any (marks it in flight).
std::optional<HttpCall> NextCall(SyncModel& sync, double now);

// The answer to the request in flight; status 0 means the network failed (no answer).
// Success confirms and drops the entry (a create the server filed under another id, because
// another government's plan has this one, sets PlanSync::ServerId: later requests use it);
// a conflict keeps the server's version in PlanSync::ConflictDocument, under this device's
// id; network and server failures keep the entry for a retry.
void OnSyncResponse(SyncModel& sync, int status, const std::string& body, double now);

// The server accepted the token (an answer that went through): plans that waited because it
// was refused (401) are pending again, and the first change goes at once. True if any waited.
bool OnTokenAccepted(SyncModel& sync);

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
