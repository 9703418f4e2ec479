// The app's sync engine (app/sync.h): outbox, retries, conflicts, persistence.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "sync/sync.h"

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

TEST_CASE("[Sync] a refused token (401) keeps the change and says so until the token is accepted") {
    SyncModel sync = enabled();
    QueueChange(sync, "p1", doc(1), "c1");
    REQUIRE(NextCall(sync, 100));
    OnSyncResponse(sync, 401, R"({"error":{"code":"unauthorized","message":"Dit toegangstoken is niet geldig."}})", 100);
    CHECK(PlanSyncStatus(sync, "p1") == SyncStatus::TokenRefused);
    CHECK(std::string(SyncStatusText(SyncStatus::TokenRefused)) == "niet verstuurd: de server weigert de toegangscode");
    CHECK(sync.Plans["p1"].LastError == "Dit toegangstoken is niet geldig.");
    REQUIRE(sync.Outbox.size() == 1);
    CHECK(sync.Outbox[0].ChangeId == "c1");
    CHECK_FALSE(NextCall(sync, 100.5));  // waits like any retry

    // Kept through a reload.
    SyncModel reread = ParseSync(SerializeSync(sync));
    CHECK(PlanSyncStatus(reread, "p1") == SyncStatus::TokenRefused);

    // A server error is not a refused token.
    SyncModel other = enabled();
    QueueChange(other, "p2", doc(1), "c2");
    REQUIRE(NextCall(other, 0));
    OnSyncResponse(other, 503, "", 0);
    CHECK(PlanSyncStatus(other, "p2") == SyncStatus::Offline);
    CHECK_FALSE(OnTokenAccepted(other));
    CHECK(PlanSyncStatus(other, "p2") == SyncStatus::Offline);
    CHECK_FALSE(NextCall(other, 0.5));  // its backoff stands

    // Accepted: pending again and sent at once, with the same change id.
    CHECK(OnTokenAccepted(reread));
    CHECK(PlanSyncStatus(reread, "p1") == SyncStatus::Pending);
    CHECK(reread.Plans["p1"].LastError.empty());
    auto call = NextCall(reread, 100.5);
    REQUIRE(call);
    CHECK(json::parse(call->Body).at("change_id") == "c1");
    OnSyncResponse(reread, 201, ok(1), 101);
    CHECK(PlanSyncStatus(reread, "p1") == SyncStatus::Synced);
}

TEST_CASE("[Sync] an answer or a stored version that is not what the server sends never throws") {
    const std::string bad_utf8 = "{\"revision\": 2, \"status\": \"dr\xff\xfe\"}";
    SUBCASE("success answers that cannot be read are retried") {
        for (const std::string& body : {std::string("[]"), std::string("{\"revision\": \"twee\"}"), std::string("1e400"),
                                        std::string("{\"revision\": 1e400}"), bad_utf8, std::string("")}) {
            CAPTURE(body);
            SyncModel sync = enabled();
            QueueChange(sync, "p1", doc(1), "c1");
            REQUIRE(NextCall(sync, 0));
            CHECK_NOTHROW(OnSyncResponse(sync, 200, body, 0));
            CHECK(PlanSyncStatus(sync, "p1") == SyncStatus::Offline);
            CHECK(sync.Plans["p1"].LastError == "Onleesbaar antwoord van de server.");
            CHECK(sync.Outbox.size() == 1);  // kept for the retry, same change id
        }
    }
    SUBCASE("conflict answers of the wrong shape are retried; other refusals are shown") {
        for (const std::string& body : {std::string("{\"current\": 5}"), std::string("{\"error\": \"x\"}"), std::string("[1]")}) {
            CAPTURE(body);
            SyncModel sync = enabled();
            QueueChange(sync, "p1", doc(1), "c1");
            REQUIRE(NextCall(sync, 0));
            CHECK_NOTHROW(OnSyncResponse(sync, 409, body, 0));
            CHECK(sync.Outbox.size() == 1);
        }
        SyncModel sync = enabled();
        QueueChange(sync, "p1", doc(1), "c1");
        REQUIRE(NextCall(sync, 0));
        OnSyncResponse(sync, 413, "<html>Request Entity Too Large</html>", 0);  // a proxy's page
        CHECK(PlanSyncStatus(sync, "p1") == SyncStatus::Failed);
        CHECK(sync.Plans["p1"].LastError == "De server antwoordde met fout 413.");
    }
    SUBCASE("the server's message names the path") {
        CHECK(ServerErrorText(400, R"({"error":{"code":"x","message":"Verwacht een getal.","path":"rows[0].planned[2022]"}})") ==
              "Verwacht een getal. (rows[0].planned[2022])");
        CHECK(ServerErrorText(400, R"({"error":{"message":"Fout.","path":null}})") == "Fout.");
        CHECK(ServerErrorText(500, R"({"error":{"message":5}})") == "De server antwoordde met fout 500.");
        CHECK(ServerErrorText(502, bad_utf8) == "De server antwoordde met fout 502.");
        CHECK(ServerErrorText(0, "") == "Geen verbinding met de server.");
    }
    SUBCASE("a stored version that cannot be read is dropped and shown, the next one goes") {
        SyncModel sync = ParseSync(SerializeSync(enabled()));
        QueueChange(sync, "p1", "{\"id\": \"p1\", \"value\": 1e400}", "c1");
        QueueChange(sync, "p2", doc(2), "c2");
        std::optional<HttpCall> call;
        CHECK_NOTHROW(call = NextCall(sync, 0));
        REQUIRE(call);
        CHECK(json::parse(call->Body).at("change_id") == "c2");
        CHECK(PlanSyncStatus(sync, "p1") == SyncStatus::Failed);
        CHECK(sync.Plans["p1"].LastError.find("te groot") != std::string::npos);
        CHECK(sync.Outbox.size() == 1);
    }
    SUBCASE("a damaged sync.json gives an empty model") {
        CHECK(ParseSync("{\"sync_schema_version\": 1, \"outbox\": 1e400}").Outbox.empty());
        CHECK(ParseSync("{\"sync_schema_version\": 1, \"outbox\": [{\"plan_id\": 5}], \"plans\": {}}").Outbox.empty());
        CHECK(ParseSync("{\"sync_schema_version\": 1, \"token\": \"\xff\"}").Settings.Token.empty());
    }
}

TEST_CASE("[Sync] a plan the server files under another id is sent there from then on, also after a restart") {
    SyncModel sync = enabled();
    QueueChange(sync, "p1", doc(1), "c1");
    REQUIRE(NextCall(sync, 0));
    // Another government's plan has the id "p1": the server filed this one as "s-9".
    OnSyncResponse(sync, 201, json{{"id", "s-9"}, {"revision", 1}, {"status", "draft"}}.dump(), 0);
    CHECK(PlanSyncStatus(sync, "p1") == SyncStatus::Synced);
    CHECK(sync.Plans["p1"].ServerId == "s-9");

    SyncModel again = ParseSync(SerializeSync(sync));
    CHECK(again.Plans["p1"].ServerId == "s-9");
    QueueChange(again, "p1", doc(2), "c2");
    auto call = NextCall(again, 0);
    REQUIRE(call);
    CHECK(call->Method == "PUT");
    CHECK(call->Url == "http://127.0.0.1:8080/api/v1/plans/s-9");
    CHECK(json::parse(call->Body).at("plan").at("id") == "s-9");
    CHECK(json::parse(call->Body).at("base_revision") == 1);

    // A conflict shows the server's version under this device's id, so that only real
    // differences are shown.
    const json current = {{"id", "s-9"}, {"revision", 2}, {"plan", {{"id", "s-9"}, {"value", 5}}}};
    OnSyncResponse(again, 409, json{{"error", {{"code", "conflict"}, {"message", "m"}}}, {"current", current}}.dump(), 0);
    CHECK(PlanSyncStatus(again, "p1") == SyncStatus::Conflict);
    CHECK(json::parse(again.Plans["p1"].ConflictDocument).at("id") == "p1");
}

//-----------------------------------------------------------------------------
// The programme's cycle: steps in the outbox, the server's answers, pull.
//-----------------------------------------------------------------------------

namespace {
std::string view(int revision, const std::string& status, const std::string& remark = "") {
    return json{{"id", "p1"}, {"revision", revision}, {"status", status}, {"remark", remark},
                {"updated_at", "2026-11-26T10:15:00.000Z"}, {"updated_by", "Agentschap Binnenlands Bestuur"}}
        .dump();
}
}  // namespace

TEST_CASE("[Sync] a submission waits behind the plan's last version, goes to its own route and locks the plan") {
    SyncModel sync = enabled();
    QueueChange(sync, "p1", doc(1), "c1");
    REQUIRE(NextCall(sync, 0));
    OnSyncResponse(sync, 201, ok(1), 0);
    QueueChange(sync, "p1", doc(2), "c2");  // the last edit, not yet sent
    CHECK(PlanEditable(sync, "p1"));
    QueueStep(sync, "p1", ChangeKind::Submit, "{}", "s1");
    CHECK_FALSE(PlanEditable(sync, "p1"));  // locked as soon as it is submitted here
    QueueChange(sync, "p1", doc(3), "c3");  // a version never passes nor replaces a step
    REQUIRE(sync.Outbox.size() == 3);
    CHECK(sync.Outbox[0].ChangeId == "c2");
    CHECK(sync.Outbox[1].Kind == ChangeKind::Submit);

    auto call = NextCall(sync, 0);
    REQUIRE(call);
    CHECK(call->Method == "PUT");
    OnSyncResponse(sync, 200, ok(2), 0);
    call = NextCall(sync, 0);
    REQUIRE(call);
    CHECK(call->Method == "POST");
    CHECK(call->Url == "http://127.0.0.1:8080/api/v1/plans/p1/submit");
    const json body = json::parse(call->Body);
    CHECK(body == json{{"change_id", "s1"}, {"base_revision", 2}});  // on top of the version just sent
    OnSyncResponse(sync, 200, view(3, "submitted"), 0);
    CHECK(sync.Plans["p1"].ServerStatus == "submitted");
    CHECK(sync.Plans["p1"].ServerRevision == 3);
    CHECK(sync.Plans["p1"].UpdatedBy == "Agentschap Binnenlands Bestuur");
    CHECK_FALSE(PlanEditable(sync, "p1"));
}

TEST_CASE("[Sync] a refused submission is dropped, shown, and the plan is editable again") {
    SyncModel sync = enabled();
    sync.Plans["p1"].ServerRevision = 4;
    sync.Plans["p1"].ServerStatus = "draft";
    QueueStep(sync, "p1", ChangeKind::Submit, "{}", "s1");
    REQUIRE(NextCall(sync, 0));
    OnSyncResponse(sync, 422, R"({"error":{"code":"plan_has_errors","message":"Het plan heeft nog 1 fout(en); los die eerst op.","path":""}})", 0);
    CHECK(sync.Outbox.empty());
    CHECK(PlanSyncStatus(sync, "p1") == SyncStatus::Failed);
    CHECK(sync.Plans["p1"].LastError == "Het plan heeft nog 1 fout(en); los die eerst op.");
    CHECK(PlanEditable(sync, "p1"));
}

TEST_CASE("[Sync] the agency's steps and the results use the plan's server id; stale results wait for the pull") {
    SyncModel sync = enabled();
    sync.Plans["local"].ServerId = "srv";
    sync.Plans["local"].ServerRevision = 5;
    sync.Plans["local"].ServerStatus = "confirmed";
    QueueStep(sync, "local", ChangeKind::Results, R"({"results":[{"row":0,"year":2022,"interim_reach":20}]})", "r1");
    auto call = NextCall(sync, 0);
    REQUIRE(call);
    CHECK(call->Url == "http://127.0.0.1:8080/api/v1/plans/srv/results");
    CHECK(json::parse(call->Body) ==
          json{{"change_id", "r1"}, {"base_revision", 5}, {"results", {{{"row", 0}, {"year", 2022}, {"interim_reach", 20}}}}});
    // The agency changed a target meanwhile: kept, retried, and the list asked for.
    OnSyncResponse(sync, 409, R"({"error":{"code":"conflict","message":"Het plan werd intussen gewijzigd (revisie 6).","path":""}})", 0);
    REQUIRE(sync.Outbox.size() == 1);
    CHECK(sync.PullWanted);
    CHECK(PlanSyncStatus(sync, "local") == SyncStatus::Pending);

    SyncModel agency = enabled();
    QueueStep(agency, "p9", ChangeKind::Confirm, R"({"targets":[{"row":0,"year":2022,"confirmed_target":90}]})", "k1", 3);
    QueueStep(agency, "p9", ChangeKind::Return, R"({"remark":"Graag nakijken."})", "k2", 3);
    call = NextCall(agency, 0);
    REQUIRE(call);
    CHECK(call->Url == "http://127.0.0.1:8080/api/v1/plans/p9/confirm");
    CHECK(json::parse(call->Body).at("targets").at(0).at("confirmed_target") == 90);
    OnSyncResponse(agency, 200, json{{"id", "p9"}, {"revision", 4}, {"status", "confirmed"}}.dump(), 0);
    call = NextCall(agency, 0);
    REQUIRE(call);
    CHECK(call->Url == "http://127.0.0.1:8080/api/v1/plans/p9/return");
    CHECK(json::parse(call->Body) == json{{"change_id", "k2"}, {"base_revision", 4}, {"remark", "Graag nakijken."}});
}

TEST_CASE("[Sync] which plans to pull: synced here, not in conflict, with a newer revision on the server") {
    SyncModel sync = enabled();
    sync.Plans["a"].ServerRevision = 2;
    sync.Plans["b"].ServerRevision = 3;
    sync.Plans["c"].ServerRevision = 1;
    sync.Plans["c"].Status = SyncStatus::Conflict;
    sync.Plans["d"].ServerId = "srv-d";
    sync.Plans["d"].ServerRevision = 1;
    sync.Plans["e"];  // never synced
    auto info = [](const char* id, int revision) {
        ServerPlanInfo p;
        p.Id = id;
        p.Revision = revision;
        return p;
    };
    const std::vector<std::string> ids =
        PlansToPull(sync, {info("a", 3), info("b", 3), info("c", 5), info("srv-d", 2), info("e", 1), info("x", 9)});
    CHECK(ids == std::vector<std::string>{"a", "srv-d"});
    CHECK(LocalPlanId(sync, "srv-d") == "d");
    CHECK(ServerPlanId(sync, "d") == "srv-d");
    CHECK(ServerPlanId(sync, "a") == "a");
}

TEST_CASE("[Sync] a deleted plan's waiting changes are dropped; the one in flight finishes") {
    SyncModel sync = enabled();
    QueueChange(sync, "p1", doc(1), "c1");
    QueueChange(sync, "p2", doc(1), "c2");
    REQUIRE(NextCall(sync, 0));  // p1 in flight
    QueueChange(sync, "p1", doc(2), "c3");
    QueueStep(sync, "p1", ChangeKind::Submit, "{}", "s1");
    CHECK(PendingCount(sync, "p1") == 3);
    CHECK(DropPlan(sync, "p1") == 2);
    REQUIRE(sync.Outbox.size() == 2);
    CHECK(sync.Outbox[0].ChangeId == "c1");
    CHECK(sync.Outbox[1].PlanId == "p2");
    CHECK(DropPlan(sync, "p2") == 1);
    CHECK(sync.Plans.count("p2") == 0);
}

TEST_CASE("[Sync] steps, remarks, results not yet sent and the caller's role survive a restart") {
    SyncModel sync = enabled();
    sync.Me = {"agency", "Agentschap Binnenlands Bestuur"};
    QueueStep(sync, "p1", ChangeKind::Return, R"({"remark":"x"})", "k1", 7);
    PlanSync& p = sync.Plans["p1"];
    p.Remark = "Graag nakijken.";
    p.UpdatedAt = "2026-11-26T10:15:00.000Z";
    p.UpdatedBy = "ABB";
    p.ResultsUnsent = true;
    const SyncModel back = ParseSync(SerializeSync(sync));
    REQUIRE(back.Outbox.size() == 1);
    CHECK(back.Outbox[0].Kind == ChangeKind::Return);
    CHECK(back.Outbox[0].BaseRevision == 7);
    CHECK(back.Me.Role == "agency");
    CHECK(back.Me.Name == "Agentschap Binnenlands Bestuur");
    const PlanSync& q = back.Plans.at("p1");
    CHECK(q.Remark == "Graag nakijken.");
    CHECK(q.UpdatedAt == "2026-11-26T10:15:00.000Z");
    CHECK(q.UpdatedBy == "ABB");
    CHECK(q.ResultsUnsent);
}

TEST_CASE("[Sync] the server's answers are read in one place and anything else is refused, never thrown") {
    const auto v = ParsePlanView(json{{"id", "p1"}, {"revision", 3}, {"status", "draft"}, {"remark", "Te hoog."},
                                      {"updated_at", "2026-11-26T10:15:00.000Z"}, {"updated_by", "ABB"},
                                      {"plan", {{"id", "p1"}}}}
                                     .dump());
    REQUIRE(v);
    CHECK(v->Remark == "Te hoog.");
    CHECK(v->UpdatedBy == "ABB");
    CHECK(json::parse(v->Plan) == json{{"id", "p1"}});
    for (const char* bad : {"", "[]", "{", R"({"id":"p1"})", R"({"id":3,"revision":1})", R"({"id":"p1","revision":"1"})"}) {
        CAPTURE(bad);
        CHECK_FALSE(ParsePlanView(bad));
    }
    const auto list = ParsePlanList(
        R"({"plans":[{"id":"a","title":"T","status":"submitted","revision":2,"applicant":"Gent","subsidy_cents":33530000,"errors":1,"warnings":2}]})");
    REQUIRE(list);
    REQUIRE(list->size() == 1);
    CHECK((*list)[0].Applicant == "Gent");
    CHECK((*list)[0].SubsidyCents == 33530000);
    CHECK((*list)[0].Errors == 1);
    CHECK_FALSE(ParsePlanList(R"({"plans":[{"title":"no id"}]})"));
    CHECK_FALSE(ParsePlanList("<html>"));
    const auto history = ParseHistory(
        R"({"id":"a","revisions":[{"revision":3,"status":"draft","author":"abb","author_name":"ABB","created_at":"x","changed":["status"],"remark":"Te hoog."}]})");
    REQUIRE(history);
    CHECK((*history)[0].AuthorName == "ABB");
    CHECK((*history)[0].Changed == std::vector<std::string>{"status"});
    CHECK((*history)[0].Remark == "Te hoog.");
    CHECK_FALSE(ParseHistory(R"({"revisions":[{"status":"draft"}]})"));
    CHECK(ParseMe(R"({"key":"abb","name":"ABB","role":"agency"})")->Role == "agency");
    CHECK_FALSE(ParseMe(R"({"role":"admin"})"));
    CHECK_FALSE(ParseMe("null"));
}

TEST_CASE("[Sync] the agency's verdicts go through their own route, in order, and survive a restart") {
    SyncModel agency = enabled();
    agency.Me = {"agency", "Agentschap Binnenlands Bestuur"};
    QueueStep(agency, "p9", ChangeKind::Verdicts, R"({"verdicts":[{"row":0,"year":2023,"jury_positive":true}]})", "v1", 4);
    QueueStep(agency, "p9", ChangeKind::Verdicts, R"({"verdicts":[{"row":0,"year":2023,"jury_positive":null}]})", "v2", 4);
    const SyncModel back = ParseSync(SerializeSync(agency));
    REQUIRE(back.Outbox.size() == 2);
    CHECK(back.Outbox[0].Kind == ChangeKind::Verdicts);
    CHECK(back.Outbox[1].Kind == ChangeKind::Verdicts);
    auto call = NextCall(agency, 0);
    REQUIRE(call);
    CHECK(call->Method == "POST");
    CHECK(call->Url == "http://127.0.0.1:8080/api/v1/plans/p9/verdicts");
    CHECK(json::parse(call->Body) ==
          json{{"change_id", "v1"}, {"base_revision", 4}, {"verdicts", {{{"row", 0}, {"year", 2023}, {"jury_positive", true}}}}});
    OnSyncResponse(agency, 200, json{{"id", "p9"}, {"revision", 5}, {"status", "reported"}}.dump(), 0);
    call = NextCall(agency, 0);
    REQUIRE(call);
    CHECK(json::parse(call->Body).at("base_revision") == 5);
    CHECK(json::parse(call->Body).at("verdicts")[0].at("jury_positive").is_null());
}
