// The programme's cycle in the app, headless (app_harness.h): submitting, a plan sent back,
// pull of a newer server version, reporting results, the agency's screens, deleting a plan
// with waiting changes. The test answers each request as the server would.
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <set>

#include "app_harness.h"

using namespace app;
using namespace app_test;
using nlohmann::json;

namespace {

// A plan view as the server answers it: the demo plan with `edit` applied.
json ServerView(const Harness& h, int revision, const std::string& status, const std::string& remark = "",
                const std::function<void(json&)>& edit = {}) {
    json plan = samenleven::write_plan(h.st.Plan);
    if (edit) edit(plan);
    return {{"id", h.st.Plan.id},        {"revision", revision},     {"status", status},
            {"remark", remark},          {"owner", "42006"},         {"updated_at", "2026-11-26T10:15:00.000Z"},
            {"updated_by", "Agentschap Binnenlands Bestuur"},        {"plan", plan}};
}

const MemoryPlatform::Request& LastRequest(const Harness& h) {
    REQUIRE_FALSE(h.host.Requests.empty());
    return h.host.Requests.back();
}

// The server's list shows `revision` of the open plan: the app pulls it; `answer` is the view.
void PullOpenPlan(Harness& h, const json& answer) {
    const int revision = answer.at("revision");
    SyncNow(h.st);
    h.Frame();
    REQUIRE(h.st.SyncUi.InFlight == SyncView::Call::List);
    OnHttpResponse(h.st, 200,
                   json{{"plans", {{{"id", h.st.Plan.id}, {"title", "IGS Dendermonde"}, {"status", answer.at("status")},
                                    {"revision", revision}}}}}
                       .dump());
    h.Frame();
    REQUIRE(h.st.SyncUi.InFlight == SyncView::Call::Pull);
    CHECK(LastRequest(h).Url == "/api/v1/plans/" + h.st.Plan.id);
    OnHttpResponse(h.st, 200, answer.dump());
    h.Frame(2);
}

// Offline, the title is changed and saved: a version waits in the outbox.
void OfflineEdit(Harness& h, const char* title) {
    h.host.Online = false;
    h.Frame();
    h.Click("nav.Aanvrager");
    h.Type("title", title);
    Autosave(h);
}

// The demo plan synced, submitted and accepted (revision 2).
void SubmittedDemo(Harness& h) {
    OpenDemoWithSync(h);
    h.Click("nav.Indienen");
    h.Click("submit");
    h.Click("submit.yes");
    REQUIRE(h.st.SyncUi.InFlight == SyncView::Call::Sync);
    OnHttpResponse(h.st, 200, ServerView(h, 2, "submitted").dump());
    h.Frame(2);
    AnswerPendingList(h);
    REQUIRE(h.st.Sync.Plans[h.st.Plan.id].ServerStatus == "submitted");
}

}  // namespace

TEST_CASE("[App cycle] submitting: a confirmation with the totals, queued offline, then read-only with a banner") {
    Harness h;
    OpenDemoWithSync(h);
    const std::string id = h.st.Plan.id;
    h.host.Online = false;
    h.Click("nav.Indienen");
    h.Click("submit");
    REQUIRE(h.st.Widgets.count("submit.confirm") == 1);
    CHECK(h.st.Sync.Outbox.empty());  // nothing before the confirmation
    h.Click("submit.cancel");
    CHECK(h.st.Widgets.count("submit.confirm") == 0);
    CHECK(OpenPlanEditable(h.st));
    h.Click("submit");
    h.Click("submit.yes");
    REQUIRE(h.st.Sync.Outbox.size() == 1);
    CHECK(h.st.Sync.Outbox[0].Kind == ChangeKind::Submit);
    CHECK_FALSE(OpenPlanEditable(h.st));
    CHECK(h.st.Widgets.count("banner.cycle.text") == 1);
    CHECK_FALSE(h.st.Undo.CanUndo());
    const std::size_t sent = h.host.Requests.size();

    // Read-only: a tap on a field opens no editor, and nothing changes.
    h.Click("nav.Aanvrager");
    const std::string before = samenleven::write_plan_text(h.st.Plan);
    h.Click("title");
    CHECK_FALSE(h.host.TextInput.has_value());
    CHECK(h.st.Edit.Key.empty());
    CHECK(samenleven::write_plan_text(h.st.Plan) == before);
    CHECK(h.host.Requests.size() == sent);  // offline: it waits

    h.host.Online = true;
    h.Frame(2);
    const auto& request = LastRequest(h);
    CHECK(request.Method == "POST");
    CHECK(request.Url == "/api/v1/plans/" + id + "/submit");
    CHECK(json::parse(request.Body).at("base_revision") == 1);
    OnHttpResponse(h.st, 200, ServerView(h, 2, "submitted").dump());
    h.Frame(2);
    CHECK(h.st.Sync.Outbox.empty());
    CHECK(h.st.Sync.Plans[id].ServerStatus == "submitted");
    CHECK(h.st.Sync.Plans[id].UpdatedAt == "2026-11-26T10:15:00.000Z");
    CHECK_FALSE(OpenPlanEditable(h.st));
    CHECK(h.st.Widgets.count("banner.cycle.text") == 1);
    CHECK(ServerTimeText(h.st, h.st.Sync.Plans[id].UpdatedAt) == "26-11-2026 om 11:15");  // UTC+1 in winter
    // A save of a locked plan sends no version: the server would refuse it.
    AnswerPendingList(h);
    SaveNow(h.st);
    h.Frame();
    CHECK(h.st.Sync.Outbox.empty());
}

TEST_CASE("[App cycle] submitting is refused with errors; the button is offered only without them") {
    Harness h;
    OpenDemoWithSync(h);
    h.st.Plan.applicant.lead.non_eu14_residents = 0;  // not eligible: an error finding
    PlanChanged(h.st, true);
    REQUIRE(h.st.Derived.Errors > 0);
    h.Click("nav.Indienen");
    h.Click("submit");  // disabled: nothing happens
    CHECK(h.st.Widgets.count("submit.confirm") == 0);
    CHECK_FALSE(SubmitOpenPlan(h.st));
    REQUIRE_FALSE(h.st.Errors.empty());
    CHECK(h.st.Errors.back().Code == "plan_has_errors");
    CHECK_FALSE(HasPending(h.st.Sync, h.st.Plan.id, ChangeKind::Submit));
}

TEST_CASE("[App cycle] a plan sent back shows the agency's remark, can be edited and submitted again") {
    Harness h;
    SubmittedDemo(h);
    const std::string id = h.st.Plan.id;
    PullOpenPlan(h, ServerView(h, 3, "draft", "Rij 2: het doel voor 2023 lijkt te hoog."));
    CHECK(h.st.Sync.Plans[id].ServerStatus == "draft");
    CHECK(h.st.Sync.Plans[id].Remark == "Rij 2: het doel voor 2023 lijkt te hoog.");
    CHECK(OpenPlanEditable(h.st));
    CHECK(h.st.Widgets.count("banner.cycle.text") == 1);
    CHECK(h.st.Ui.Notice.find("Agentschap Binnenlands Bestuur") != std::string::npos);

    h.Click("nav.Doelen");
    h.Type("rows[1].planned[2023]", "90");
    CHECK(h.st.Plan.rows[1].planned[1] == 90);
    Autosave(h);
    const auto& put = LastRequest(h);
    CHECK(put.Method == "PUT");
    CHECK(json::parse(put.Body).at("base_revision") == 3);
    OnHttpResponse(h.st, 200, ServerView(h, 4, "draft", "Rij 2: het doel voor 2023 lijkt te hoog.").dump());
    h.Frame();
    AnswerPendingList(h);
    CHECK(SubmitOpenPlan(h.st));
    h.Frame();
    CHECK(LastRequest(h).Url == "/api/v1/plans/" + id + "/submit");
    CHECK(json::parse(LastRequest(h).Body).at("base_revision") == 4);
}

TEST_CASE("[App cycle] pull: a newer server version replaces the plan as one undoable step with a notice") {
    Harness h;
    OpenDemoWithSync(h);
    const std::string id = h.st.Plan.id;
    const std::size_t undo = h.st.Undo.Size();
    PullOpenPlan(h, ServerView(h, 2, "draft", "", [](json& p) { p["title"] = "Titel van een collega"; }));
    CHECK(h.st.Plan.title == "Titel van een collega");
    CHECK(h.st.Undo.Size() == undo + 1);
    CHECK(PlanSyncStatus(h.st.Sync, id) == SyncStatus::Synced);
    CHECK(h.st.Sync.Plans[id].ServerRevision == 2);
    CHECK(h.st.Ui.Notice.find("Titel van een collega") != std::string::npos);
    CHECK(h.st.Ui.Notice.find("26-11-2026 om 11:15") != std::string::npos);
    const std::optional<std::string> stored = h.host.ReadFile(PlanFileName(id));
    REQUIRE(stored);
    CHECK(samenleven::read_plan_text(*stored).plan.title == "Titel van een collega");
    // Nothing is sent back: the server has this version.
    h.host.Now += 2;
    AutosaveTick(h.st);
    h.Frame();
    CHECK(h.st.Sync.Outbox.empty());
    // Undo is the person's own choice: it becomes a change like any other.
    REQUIRE(UndoEdit(h.st));
    CHECK(h.st.Plan.title != "Titel van een collega");
    h.host.Now += 2;
    AutosaveTick(h.st);
    CHECK(h.st.Sync.Outbox.size() == 1);
}

TEST_CASE("[App cycle] pull with unsent changes: the plan is not overwritten, the change goes and meets the conflict") {
    Harness h;
    OpenDemoWithSync(h);
    const std::string id = h.st.Plan.id;
    OfflineEdit(h, "Mijn titel");
    REQUIRE(h.st.Sync.Outbox.size() == 1);
    h.st.Sync.Outbox[0].NextAttemptAt = h.host.Now + 30;  // waiting for a retry
    ApplyPulledPlan(h.st, *ParsePlanView(ServerView(h, 2, "draft", "", [](json& p) { p["title"] = "Titel van een collega"; }).dump()));
    CHECK(h.st.Plan.title == "Mijn titel");
    CHECK(h.st.Sync.Plans[id].ServerRevision == 1);
    REQUIRE(h.st.Sync.Outbox.size() == 1);
    CHECK(h.st.Sync.Outbox[0].NextAttemptAt == 0);  // sent now: the server answers with the conflict
}

TEST_CASE("[App cycle] results of a confirmed plan: confirmed targets shown, reports queued offline and sent in order") {
    Harness h(800, 1280);
    SubmittedDemo(h);
    const std::string id = h.st.Plan.id;
    // The agency confirmed 900 instead of the 1,000 asked for action 5 in 2022-2023.
    PullOpenPlan(h, ServerView(h, 3, "confirmed", "", [](json& p) {
        for (auto& row : p["rows"]) row.erase("results");
        p["rows"][0]["results"] = {{"2022", {{"confirmed_target", 900}}}};
    }));
    REQUIRE(h.st.Plan.rows[0].results[0].confirmed_target == 900);
    CHECK(h.st.Widgets.count("banner.cycle.text") == 1);
    h.Click("nav.Resultaten");
    REQUIRE(h.st.Widgets.count("results.reporting") == 1);
    REQUIRE(h.st.Widgets.count("rows[0].results[2022].confirmed_target") == 1);
    h.Click("rows[0].results[2022].confirmed_target");
    CHECK_FALSE(h.host.TextInput.has_value());  // read-only

    h.host.Online = false;
    h.Frame();
    h.Type("rows[0].results[2022].interim_reach", "200");
    Autosave(h);
    CHECK(h.st.Sync.Outbox.empty());  // results go with a report, not as a version
    CHECK(h.st.Sync.Plans[id].ResultsUnsent);
    h.Click("results.interim");
    h.Type("rows[0].results[2022].final_reach", "850");
    h.Type("rows[0].results[2022].reason", "Minder deelnemers na de zomer.");
    h.Type("rows[0].results[2022].recovery_plan", "Extra reeks in het voorjaar.");
    h.Click("results.yearly");
    REQUIRE(h.st.Sync.Outbox.size() == 2);
    const std::size_t sent = h.host.Requests.size();
    h.Frame(2);
    CHECK(h.host.Requests.size() == sent);  // offline

    h.host.Online = true;
    h.Frame(2);
    CHECK(LastRequest(h).Url == "/api/v1/plans/" + id + "/results");
    json body = json::parse(LastRequest(h).Body);
    CHECK(body.at("base_revision") == 3);
    CHECK(body.at("results") == json::array({{{"row", 0}, {"year", 2022}, {"interim_reach", 200}}}));
    OnHttpResponse(h.st, 200, ServerView(h, 4, "reported").dump());
    h.Frame(2);
    body = json::parse(LastRequest(h).Body);
    CHECK(body.at("base_revision") == 4);
    CHECK(body.at("results") == json::array({{{"row", 0}, {"year", 2022}, {"final_reach", 850},
                                              {"reason", "Minder deelnemers na de zomer."},
                                              {"recovery_plan", "Extra reeks in het voorjaar."}}}));
    OnHttpResponse(h.st, 200, ServerView(h, 5, "reported").dump());
    h.Frame(2);
    CHECK(h.st.Sync.Outbox.empty());
    CHECK_FALSE(h.st.Sync.Plans[id].ResultsUnsent);
    CHECK(h.st.Sync.Plans[id].ServerStatus == "reported");
    CHECK(PlanSyncStatus(h.st.Sync, id) == SyncStatus::Synced);
}

TEST_CASE("[App cycle] a newer server version keeps results typed here and not yet reported") {
    Harness h;
    SubmittedDemo(h);
    PullOpenPlan(h, ServerView(h, 3, "confirmed"));
    h.Click("nav.Resultaten");
    h.Type("rows[0].results[2022].interim_reach", "321");
    Autosave(h);
    // The agency confirms another target meanwhile.
    PullOpenPlan(h, ServerView(h, 4, "confirmed", "", [](json& p) {
        p["rows"][0]["results"]["2022"]["confirmed_target"] = 950;
        p["rows"][0]["results"]["2022"].erase("interim_reach");
    }));
    CHECK(h.st.Plan.rows[0].results[0].confirmed_target == 950);
    CHECK(h.st.Plan.rows[0].results[0].interim_reach == 321);
}

TEST_CASE("[App cycle] an agency token opens the agency's screens: list, filter, search, review, confirm, send back") {
    MemoryPlatform saved;
    {
        Harness h;
        const std::string list =
            R"({"plans":[{"id":"demo-dendermonde-igs","title":"IGS Dendermonde","applicant":"Dendermonde","status":"submitted","revision":2,"subsidy_cents":33530000,"errors":0,"warnings":1,"updated_at":"2026-11-26T09:00:00.000Z","updated_by":"Dendermonde"},)"
            R"({"id":"gent","title":"Gent samen","applicant":"Gent","status":"draft","revision":5,"subsidy_cents":100,"errors":2,"warnings":0}]})";
        SignInAsAgency(h, list);
        CHECK(IsAgency(h.st.Sync));
        CHECK(ShownScreen(h.st) == Screen::Dossiers);
        CHECK(h.st.Widgets.count("nav.Alle plannen") == 1);
        CHECK(h.st.Widgets.count("nav.Acties") == 0);
        CHECK(h.st.Widgets.count("dossiers[0]") == 1);
        CHECK(h.st.Widgets.count("dossiers[1]") == 1);
        h.Click("dossiers.filter.submitted");
        CHECK(h.st.Widgets.count("dossiers[0]") == 1);
        CHECK(h.st.Widgets.count("dossiers[1]") == 0);
        h.Click("dossiers.filter.all");
        h.Type("dossiers.search", "GENT");
        CHECK(h.st.Widgets.count("dossiers[0]") == 0);
        CHECK(h.st.Widgets.count("dossiers[1]") == 1);
        h.Type("dossiers.search", "");

        h.Click("dossiers[0].open");
        CHECK(ShownScreen(h.st) == Screen::Review);
        REQUIRE(h.st.SyncUi.InFlight == SyncView::Call::Review);
        CHECK(LastRequest(h).Url == "/api/v1/plans/demo-dendermonde-igs");
        json plan = json::parse(ReadData("dendermonde_igs.json"));
        for (auto& row : plan["rows"]) row.erase("results");
        const json view = {{"id", "demo-dendermonde-igs"}, {"revision", 2}, {"status", "submitted"}, {"remark", ""},
                           {"updated_at", "2026-11-26T09:00:00.000Z"}, {"updated_by", "Dendermonde"}, {"plan", plan}};
        // What the agency reads is kept for offline reading, in the browser's storage at once.
        int flushes = h.host.Flushes;
        OnHttpResponse(h.st, 200, view.dump());
        CHECK(h.host.Flushes == flushes + 1);
        h.Frame();
        REQUIRE(h.st.SyncUi.InFlight == SyncView::Call::History);
        flushes = h.host.Flushes;
        OnHttpResponse(h.st, 200,
                       R"({"id":"demo-dendermonde-igs","revisions":[{"revision":1,"status":"draft","author":"42006","author_name":"Dendermonde","created_at":"2026-11-25T09:00:00.000Z","changed":["title"]},{"revision":2,"status":"submitted","author":"42006","author_name":"Dendermonde","created_at":"2026-11-26T09:00:00.000Z","changed":["status"]}]})");
        CHECK(h.host.Flushes == flushes + 1);
        h.Frame(2);
        REQUIRE(h.st.Review.Loaded);
        CHECK(h.st.Review.History.size() == 2);
        // Prefilled with the planned target (current 400 + additional 600).
        CHECK(h.st.Review.Targets[0][0] == 1000);
        h.Type("review.rows[0].confirmed[2022]", "900");
        CHECK(h.st.Review.Targets[0][0] == 900);
        CHECK_FALSE(h.st.PlanOpen);  // the agency's edits are not a plan on this device
        h.Click("review.confirm");
        h.Click("review.confirm.yes");
        h.Frame();
        const auto& confirm = LastRequest(h);
        CHECK(confirm.Url == "/api/v1/plans/demo-dendermonde-igs/confirm");
        const json targets = json::parse(confirm.Body).at("targets");
        CHECK(targets.size() == 15);  // 5 rows x 3 funded years
        CHECK(targets.at(0) == json{{"row", 0}, {"year", 2022}, {"confirmed_target", 900}});
        CHECK(targets.at(1) == json{{"row", 0}, {"year", 2023}, {"confirmed_target", 1100}});
        json confirmed = view;
        confirmed["revision"] = 3;
        confirmed["status"] = "confirmed";
        confirmed["plan"]["rows"][0]["results"] = {{"2022", {{"confirmed_target", 900}}}};
        OnHttpResponse(h.st, 200, confirmed.dump());
        h.Frame(2);
        CHECK(h.st.Review.View.Status == "confirmed");
        // Reported results are drawn inside their row's card (and the next card follows it).
        confirmed["revision"] = 4;
        confirmed["status"] = "reported";
        confirmed["plan"]["rows"][0]["results"]["2022"]["interim_reach"] = 300;
        confirmed["plan"]["rows"][0]["results"]["2022"]["final_reach"] = 850;
        confirmed["plan"]["rows"][0]["results"]["2022"]["reason"] = "Minder deelnemers na de zomer.";
        ReadReviewPlan(h.st, 200, confirmed.dump(), false);
        h.Frame(3);
        const PixelRect first = h.st.Widgets["review.rows[0]"], second = h.st.Widgets["review.rows[1]"];
        CHECK(first.H > second.H + 40);  // three more lines than a card without results
        CHECK(second.Y >= first.Y + first.H);
        CHECK(second.Y - (first.Y + first.H) < 40);  // the usual spacing, no empty space under it
        CHECK(h.st.Widgets.count("review.return") == 0);  // a confirmed plan is not sent back

        // Send back: a remark is required.
        h.st.Review.View.Status = "submitted";
        h.Frame();
        h.Click("review.return");
        h.Click("review.return.yes");
        REQUIRE_FALSE(h.st.Errors.empty());
        CHECK(h.st.Errors.back().Path == "remark");
        h.Click("error.close");
        h.Type("review.remark", "Graag de doelen van actie 15 nakijken.");
        h.Click("review.return.yes");
        REQUIRE(h.st.Sync.Outbox.size() == 1);
        CHECK(h.st.Sync.Outbox[0].Kind == ChangeKind::Return);
        CHECK(json::parse(h.st.Sync.Outbox[0].Document) == json{{"remark", "Graag de doelen van actie 15 nakijken."}});
        for (int i = 0; i < 4 && h.st.SyncUi.InFlight != SyncView::Call::Sync; ++i) {  // the reads asked before it
            OnHttpResponse(h.st, 503, "");
            h.Frame();
        }
        CHECK(LastRequest(h).Url == "/api/v1/plans/demo-dendermonde-igs/return");
        saved.Files = h.host.Files;
    }

    // Offline after a restart: the list and the plan as last read.
    Harness h2;
    h2.host.Files = saved.Files;
    h2.host.Online = false;
    InitApp(h2.st, h2.host);
    h2.Frame(2);
    CHECK(ShownScreen(h2.st) == Screen::Dossiers);
    REQUIRE(h2.st.Widgets.count("dossiers[0].open") == 1);
    h2.Click("dossiers[0].open");
    CHECK(h2.st.Review.Loaded);
    CHECK(h2.st.Widgets.count("review.rows[0]") == 1);
}

namespace {


// The demo plan as the server holds it for the agency: revision, status and `results` of row 0.
json AgencyView(int revision, const std::string& status, const json& row0_results, const json& envelopes = json::object()) {
    json plan = json::parse(ReadData("dendermonde_igs.json"));
    for (auto& row : plan["rows"]) row.erase("results");
    if (!row0_results.empty()) plan["rows"][0]["results"] = row0_results;
    plan["envelope_cents"] = envelopes;
    return {{"id", "demo-dendermonde-igs"}, {"revision", revision}, {"status", status}, {"remark", ""},
            {"updated_at", "2026-11-26T09:00:00.000Z"}, {"updated_by", "Dendermonde"}, {"plan", plan}};
}

constexpr const char* kAgencyList =
    R"({"plans":[{"id":"demo-dendermonde-igs","title":"IGS Dendermonde","applicant":"Dendermonde","status":"submitted","revision":2}]})";

// Answers the agency's reads in flight (the plan, its history, the list) as the server would.
void AnswerAgencyReads(Harness& h, const json& view) {
    for (int i = 0; i < 6; ++i) {
        switch (h.st.SyncUi.InFlight) {
            case SyncView::Call::Review: OnHttpResponse(h.st, 200, view.dump()); break;
            case SyncView::Call::History: OnHttpResponse(h.st, 200, R"({"id":"demo-dendermonde-igs","revisions":[]})"); break;
            case SyncView::Call::List: OnHttpResponse(h.st, 200, kAgencyList); break;
            default: return;
        }
        h.Frame();
    }
}

}  // namespace

TEST_CASE("[App cycle] the agency confirms with envelopes and records the jury's verdict, offline too") {
    Harness h;
    SignInAsAgency(h, kAgencyList);
    h.Click("dossiers[0].open");
    REQUIRE(h.st.SyncUi.InFlight == SyncView::Call::Review);
    AnswerAgencyReads(h, AgencyView(2, "submitted", json::object()));
    h.Frame();
    REQUIRE(h.st.Review.Loaded);

    // Envelopes: the 2023 and 2024 calls grant one, the 2022 call (the plan's first year) not.
    CHECK(h.st.Widgets.count("review.envelope_cents[2022]") == 0);
    REQUIRE(MirrorNode(h, "review.envelope_cents[2023]"));
    CHECK(MirrorNode(h, "review.envelope_cents[2023]")->Name == "Enveloppe 2023-2024 (euro)");
    CHECK(MirrorNode(h, "review.envelope_cents[2024]")->Value.empty());  // not known yet
    // Each row's confirmed targets have names of their own, in a group named after the row.
    const AccessibleNode* target = MirrorNode(h, "review.rows[1].confirmed[2023]");
    REQUIRE(target);
    CHECK(target->Name == "Bevestigd doel 2023-2024, actie 15 (Brugfiguren onderwijs)");
    REQUIRE(target->Parent >= 0);
    const AccessibleNode& card = h.host.Tree[static_cast<std::size_t>(target->Parent)];
    CHECK(card.Role == AccessibleRole::Group);
    CHECK(card.Name == "actie 15 (Brugfiguren onderwijs)");
    h.Type("review.envelope_cents[2023]", "120.000");
    CHECK(h.st.Review.Envelopes[1] == 120000);
    CHECK(h.st.Sync.Outbox.empty());  // sent with the confirmation, not before
    h.Click("review.confirm");
    h.Click("review.confirm.yes");
    h.Frame();
    const auto& confirm = LastRequest(h);
    CHECK(confirm.Url == "/api/v1/plans/demo-dendermonde-igs/confirm");
    const json body = json::parse(confirm.Body);
    CHECK(body.at("envelopes") == json::array({{{"year", 2023}, {"cents", 12000000}}}));  // the empty 2024 is not sent
    CHECK(body.at("targets").size() == 15);
    const json confirmed = AgencyView(3, "confirmed", {{"2023", {{"confirmed_target", 1000}}}}, {{"2023", 12000000}});
    OnHttpResponse(h.st, 200, confirmed.dump());
    h.Frame(2);
    AnswerAgencyReads(h, confirmed);
    CHECK(h.st.Review.View.Status == "confirmed");
    // No interim report yet: no verdict to record.
    CHECK(h.st.Widgets.count("review.rows[0].jury[2023].positive") == 0);

    // The coordinator reported 240 on 31 March 2024 against the confirmed 1,000 (24 %): the
    // core says the action stops in 2024-2025 until the jury judges otherwise.
    ReadReviewPlan(h.st, 200,
                   AgencyView(4, "reported", {{"2022", {{"interim_reach", 500}}}, {"2023", {{"confirmed_target", 1000}, {"interim_reach", 240}}}},
                              {{"2023", 12000000}})
                       .dump(),
                   false);
    h.Frame(3);
    CHECK(TextsContaining(h, "stopt in 2024-2025").size() >= 2);  // in the row's card and in Controle
    const AccessibleNode* positive = MirrorNode(h, "review.rows[0].jury[2023].positive");
    REQUIRE(positive);
    CHECK(positive->Role == AccessibleRole::Button);
    CHECK(positive->Name == "Jury: positief voor 2023-2024, actie 5 (Oefenkansen Nederlands)");
    CHECK(positive->Pressed == 0);
    CHECK(MirrorNode(h, "review.rows[0].jury[2023].clear")->Disabled);
    // Every verdict button has a name of its own (two years of row 0 have an interim report).
    std::set<std::string> names;
    int buttons = 0;
    for (const AccessibleNode& n : h.host.Tree)
        if (n.Key.find(".jury[") != std::string::npos) {
            ++buttons;
            CHECK_MESSAGE(names.insert(n.Name).second, n.Name);
        }
    CHECK(buttons == 6);
    CHECK(h.st.Sync.Outbox.empty());  // drawing sends nothing

    // Offline: positive, then negative after all; both wait, the last one shows.
    h.host.Online = false;
    h.Frame();
    const std::size_t sent = h.host.Requests.size();
    h.Click("review.rows[0].jury[2023].positive");
    REQUIRE(h.st.Sync.Outbox.size() == 1);
    CHECK(h.st.Sync.Outbox[0].Kind == ChangeKind::Verdicts);
    CHECK(json::parse(h.st.Sync.Outbox[0].Document) ==
          json{{"verdicts", {{{"row", 0}, {"year", 2023}, {"jury_positive", true}}}}});
    CHECK(MirrorNode(h, "review.rows[0].jury[2023].positive")->Pressed == 1);
    CHECK_FALSE(MirrorNode(h, "review.rows[0].jury[2023].clear")->Disabled);
    h.Click("review.rows[0].jury[2023].positive");  // already chosen: nothing more
    CHECK(h.st.Sync.Outbox.size() == 1);
    h.Click("review.rows[0].jury[2023].negative");
    REQUIRE(h.st.Sync.Outbox.size() == 2);
    CHECK(MirrorNode(h, "review.rows[0].jury[2023].negative")->Pressed == 1);
    CHECK(h.host.Requests.size() == sent);

    // Back online: sent in order through the verdicts route; between the two answers the
    // verdict still waiting keeps showing.
    h.host.Online = true;
    h.Frame(2);
    CHECK(LastRequest(h).Method == "POST");
    CHECK(LastRequest(h).Url == "/api/v1/plans/demo-dendermonde-igs/verdicts");
    json first = json::parse(LastRequest(h).Body);
    CHECK(first.at("verdicts") == json::array({{{"row", 0}, {"year", 2023}, {"jury_positive", true}}}));
    CHECK(first.at("base_revision") == 4);
    CHECK(first.contains("change_id"));
    json positive_view = AgencyView(5, "reported", {{"2022", {{"interim_reach", 500}}}, {"2023", {{"confirmed_target", 1000}, {"interim_reach", 240}, {"jury_positive", true}}}},
                                    {{"2023", 12000000}});
    OnHttpResponse(h.st, 200, positive_view.dump());
    h.Frame(2);
    CHECK(h.st.Review.Plan.rows[0].results[1].jury_positive == true);
    CHECK(h.st.Review.Verdicts[0][1] == false);  // the negative one is still on its way
    CHECK(LastRequest(h).Url == "/api/v1/plans/demo-dendermonde-igs/verdicts");
    const json second = json::parse(LastRequest(h).Body);
    CHECK(second.at("verdicts") == json::array({{{"row", 0}, {"year", 2023}, {"jury_positive", false}}}));
    CHECK(second.at("change_id") != first.at("change_id"));
    json negative_view = positive_view;
    negative_view["revision"] = 6;
    negative_view["plan"]["rows"][0]["results"]["2023"]["jury_positive"] = false;
    OnHttpResponse(h.st, 200, negative_view.dump());
    h.Frame(2);
    AnswerAgencyReads(h, negative_view);
    CHECK(h.st.Sync.Outbox.empty());
    CHECK(h.st.Review.Verdicts[0][1] == false);
    CHECK(AnyText(h, "de jury oordeelde negatief"));

    // Cleared: null goes out.
    h.Click("review.rows[0].jury[2023].clear");
    REQUIRE_FALSE(h.st.Sync.Outbox.empty());
    CHECK(json::parse(h.st.Sync.Outbox.back().Document).at("verdicts")[0].at("jury_positive").is_null());
}

TEST_CASE("[App cycle] the coordinator sees the agency's verdict read-only, and from the findings whether the action stops") {
    Harness h(800, 1280);
    SubmittedDemo(h);
    // 240 of the confirmed 1,000 in 2023-2024 (24 %), and reach planned in 2024-2025.
    const auto results = [](std::optional<bool> verdict) {
        return [verdict](json& p) {
            for (auto& row : p["rows"]) row.erase("results");
            p["rows"][0]["results"] = {{"2023", {{"confirmed_target", 1000}, {"interim_reach", 240}}}};
            if (verdict) p["rows"][0]["results"]["2023"]["jury_positive"] = *verdict;
        };
    };
    PullOpenPlan(h, ServerView(h, 3, "reported", "", results(std::nullopt)));
    h.Click("nav.Resultaten");
    CHECK(TextsContaining(h, "stopt in 2024-2025").size() == 1);
    CHECK(TextsContaining(h, "Jury:").size() == 0);

    PullOpenPlan(h, ServerView(h, 4, "reported", "", results(true)));
    REQUIRE(h.st.Plan.rows[0].results[1].jury_positive == true);
    h.Frame(2);
    CHECK(TextsContaining(h, "Jury: positief (tussentijds rapport 2023-2024, geregistreerd door ABB).").size() == 1);
    CHECK(TextsContaining(h, "stopt in 2024-2025").size() == 0);
    // Nothing on the screen edits the verdict: no widget under its path.
    for (const auto& [key, rect] : h.st.Widgets) CHECK(key.find("jury") == std::string::npos);

    PullOpenPlan(h, ServerView(h, 5, "reported", "", results(false)));
    h.Frame(2);
    CHECK(TextsContaining(h, "Jury: negatief").size() == 1);
    CHECK(TextsContaining(h, "de jury oordeelde negatief").size() == 1);
}

TEST_CASE("[App cycle] deleting a plan drops its changes waiting for the server, and says so") {
    Harness h;
    OpenDemoWithSync(h);
    const std::string id = h.st.Plan.id;
    OfflineEdit(h, "Nog niet verstuurd");
    REQUIRE(PendingCount(h.st.Sync, id) == 1);
    h.Click("nav.Plannen");
    h.Click("plans[0].delete");
    h.Click("plans[0].confirm_delete");
    CHECK(h.st.Sync.Outbox.empty());
    CHECK(h.st.Sync.Plans.count(id) == 0);
    CHECK(h.st.Ui.Notice == "Plan verwijderd; 1 wijziging voor de server geschrapt");
    h.host.Online = true;
    h.Frame(2);
    for (const auto& r : h.host.Requests) CHECK(r.Method != "PUT");
}

TEST_CASE("[App cycle] a long title and status stop before the undo buttons; a long notice floats inside the screen") {
    Harness h(800, 1280);
    OpenDemoWithSync(h);
    h.st.Plan.title = "Samenleven in de regio Dendermonde, Lebbeke, Buggenhout en Hamme: het actieplan";
    PlanChanged(h.st, true);
    h.st.Ui.Notice = "Nieuwe versie van \"Samenleven in de regio Dendermonde\" door Agentschap Binnenlands Bestuur, "
                     "26-11-2026 om 11:15 (bevestigd)";
    h.st.Ui.NoticeUntil = h.host.Now + 5;
    h.Frame(3);
    REQUIRE(h.st.Widgets.count("topbar.status") == 1);
    REQUIRE(h.st.Widgets.count("undo") == 1);
    const PixelRect status = h.st.Widgets["topbar.status"], undo = h.st.Widgets["undo"];
    CHECK(status.X + status.W <= undo.X);
    REQUIRE(h.st.Widgets.count("notice") == 1);
    const PixelRect notice = h.st.Widgets["notice"];
    CHECK(notice.X >= 0);
    CHECK(notice.X + notice.W <= 800);
    CHECK(notice.H > ImGui::GetFontSize() * 1.5f);  // wrapped on more than one line
    h.host.Now += 6;
    h.Frame(2);
    CHECK(h.st.Widgets.count("notice") == 0);
}
