// The app's sync engine (app/sync.h): outbox, retries, conflicts, persistence.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "sync.h"

using namespace app;
using nlohmann::json;

namespace {
SyncModel enabled() {
    SyncModel sync;
    sync.Settings = {"http://127.0.0.1:8080/", "token-1", true};
    return sync;
}
std::string doc(int value) { return json{{"id", "p1"}, {"value", value}}.dump(); }
std::string ok(int revision) { return json{{"revision", revision}, {"status", "draft"}}.dump(); }
}  // namespace

TEST_CASE("[Sync] a new plan is created, then updated on top of the server's revision") {
    SyncModel sync = enabled();
    QueueChange(sync, "p1", doc(1), "c1");
    CHECK(PlanSyncStatus(sync, "p1") == SyncStatus::Pending);
    auto call = NextCall(sync, 0);
    REQUIRE(call);
    CHECK(call->Method == "POST");
    CHECK(call->Url == "http://127.0.0.1:8080/api/v1/plans");
    CHECK(json::parse(call->Body).at("change_id") == "c1");
    CHECK(call->Token == "token-1");
    CHECK_FALSE(NextCall(sync, 0));  // one request at a time
    CHECK(PlanSyncStatus(sync, "p1") == SyncStatus::Syncing);

    QueueChange(sync, "p1", doc(2), "c2");  // edited while the create is in flight
    OnSyncResponse(sync, 201, ok(1), 0);
    CHECK(PlanSyncStatus(sync, "p1") == SyncStatus::Pending);
    call = NextCall(sync, 0);
    REQUIRE(call);
    CHECK(call->Method == "PUT");
    CHECK(call->Url == "http://127.0.0.1:8080/api/v1/plans/p1");
    CHECK(json::parse(call->Body).at("base_revision") == 1);
    CHECK(json::parse(call->Body).at("plan").at("value") == 2);
    OnSyncResponse(sync, 200, ok(2), 0);
    CHECK(PlanSyncStatus(sync, "p1") == SyncStatus::Synced);
    CHECK(sync.Outbox.empty());
    CHECK(sync.Plans["p1"].ServerRevision == 2);
}

TEST_CASE("[Sync] unsent versions collapse into the newest; nothing is sent while disabled or offline") {
    SyncModel sync;
    QueueChange(sync, "p1", doc(1), "c1");
    QueueChange(sync, "p1", doc(2), "c2");
    QueueChange(sync, "p2", doc(7), "c3");
    CHECK(sync.Outbox.size() == 2);
    CHECK(sync.Outbox[0].ChangeId == "c2");
    CHECK_FALSE(NextCall(sync, 0));  // not enabled
    sync.Settings = {"", "t", true};
    sync.Online = false;
    CHECK_FALSE(NextCall(sync, 0));
    CHECK(PlanSyncStatus(sync, "p1") == SyncStatus::Offline);
    sync.Online = true;
    auto call = NextCall(sync, 0);
    REQUIRE(call);
    CHECK(call->Url == "/api/v1/plans");  // same origin
}

TEST_CASE("[Sync] a lost answer is retried with the same change id, with backoff, never dropped") {
    SyncModel sync = enabled();
    QueueChange(sync, "p1", doc(1), "c1");
    for (int attempt = 1; attempt <= 8; ++attempt) {
        auto call = NextCall(sync, 1000.0 * attempt);
        REQUIRE(call);
        CHECK(json::parse(call->Body).at("change_id") == "c1");
        OnSyncResponse(sync, 0, "", 1000.0 * attempt);
        CHECK(PlanSyncStatus(sync, "p1") == SyncStatus::Offline);
        CHECK_FALSE(NextCall(sync, 1000.0 * attempt + 0.5));  // waits before the next try
        CHECK(sync.Outbox.size() == 1);
    }
    CHECK(RetryDelaySeconds(1) == 1);
    CHECK(RetryDelaySeconds(3) == 4);
    CHECK(RetryDelaySeconds(30) == 60);
    OnSyncResponse(sync, 201, ok(1), 0);  // no request in flight: ignored
    CHECK(sync.Outbox.size() == 1);
    REQUIRE(NextCall(sync, 1e6));
    OnSyncResponse(sync, 503, "{}", 1e6);  // a server error is retried too
    CHECK(sync.Outbox.size() == 1);
}

TEST_CASE("[Sync] a conflict keeps both versions until the coordinator resolves it") {
    SyncModel sync = enabled();
    sync.Plans["p1"].ServerRevision = 3;
    QueueChange(sync, "p1", doc(10), "c1");
    REQUIRE(NextCall(sync, 0));
    const json conflict = {{"error", {{"code", "conflict"}, {"message", "Het plan werd intussen gewijzigd."}}},
                           {"current", {{"revision", 4}, {"plan", {{"id", "p1"}, {"value", 20}}}}}};
    OnSyncResponse(sync, 409, conflict.dump(), 0);
    CHECK(PlanSyncStatus(sync, "p1") == SyncStatus::Conflict);
    CHECK(json::parse(sync.Plans["p1"].ConflictDocument).at("value") == 20);
    CHECK(sync.Plans["p1"].ConflictRevision == 4);
    QueueChange(sync, "p1", doc(11), "c2");  // saved locally, not sent while in conflict
    CHECK(sync.Outbox.empty());

    ResolveConflict(sync, "p1", doc(15), "c3");
    auto call = NextCall(sync, 0);
    REQUIRE(call);
    CHECK(json::parse(call->Body).at("base_revision") == 4);
    CHECK(json::parse(call->Body).at("plan").at("value") == 15);
    OnSyncResponse(sync, 200, ok(5), 0);
    CHECK(PlanSyncStatus(sync, "p1") == SyncStatus::Synced);
}

TEST_CASE("[Sync] a refused change is shown with the server's message and not resent") {
    SyncModel sync = enabled();
    QueueChange(sync, "p1", doc(1), "c1");
    REQUIRE(NextCall(sync, 0));
    OnSyncResponse(sync, 403, json{{"error", {{"code", "forbidden"}, {"message", "Alleen de aanvrager."}}}}.dump(), 0);
    CHECK(PlanSyncStatus(sync, "p1") == SyncStatus::Failed);
    CHECK(sync.Plans["p1"].LastError == "Alleen de aanvrager.");
    CHECK(sync.Outbox.empty());
}

TEST_CASE("[Sync] the outbox and settings survive a reload; a corrupt file gives an empty model") {
    SyncModel sync = enabled();
    sync.Plans["p0"].ServerRevision = 7;
    QueueChange(sync, "p1", doc(1), "c1");
    REQUIRE(NextCall(sync, 0));  // in flight when the page closed
    const SyncModel again = ParseSync(SerializeSync(sync));
    CHECK(again.Settings.Token == "token-1");
    CHECK(again.Settings.Enabled);
    REQUIRE(again.Outbox.size() == 1);
    CHECK(again.Outbox[0].ChangeId == "c1");
    CHECK(again.Plans.at("p0").ServerRevision == 7);
    CHECK(again.Plans.at("p1").Status == SyncStatus::Pending);
    CHECK_FALSE(again.InFlight);
    CHECK(ParseSync("{not json").Outbox.empty());
    CHECK(ParseSync("{\"sync_schema_version\": 9}").Settings.Token.empty());
}
