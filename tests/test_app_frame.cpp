// The app's frame code driven headless (app_harness.h): editing, undo, import, touch,
// sync wiring, conflicts.
#include <doctest/doctest.h>

#include "app_harness.h"
#include "mirror/mirror.h"
#include "state/export.h"
#include "screens/panels.h"

using namespace app;
using namespace app_test;

TEST_CASE("[App] a new plan is typed in and the budget follows every keystroke") {
    Harness h;
    h.Frame(2);
    h.Click("plans.new");
    REQUIRE(h.st.PlanOpen);
    CHECK(h.st.Ui.Current == Screen::Applicant);
    h.Type("applicant.lead.name", "Gent");
    h.Type("applicant.lead.non_eu14_residents", "85.000");
    CHECK(h.st.Plan.applicant.lead.non_eu14_residents == 85000);
    CHECK(h.st.Derived.Eligibility.eligible);

    h.Click("nav.Acties");
    h.Frame(2);
    h.Click("actions[5].adult_learners");
    REQUIRE(h.st.Plan.rows.size() == 1);
    CHECK(h.st.Plan.rows[0].priority == 1);
    h.Click("nav.Doelen");
    h.Frame(2);

    // Live: each input event recalculates before the field is left.
    h.Click("rows[0].planned[2022]");
    OnTextInput(h.st, "10");
    h.Frame();
    CHECK(h.st.Derived.Budget.subsidy_total == 10 * 6000);
    OnTextInput(h.st, "1000");
    h.Frame();
    CHECK(h.st.Derived.Budget.subsidy_total == 1000 * 6000);
    CHECK(h.st.Derived.Budget.own_contribution == 1000 * 6000);
    OnTextCommit(h.st);
    h.Frame(2);
    CHECK_FALSE(h.host.TextInput.has_value());

    // Saved within a second: written as the submission format.
    h.host.Now += 1.0;
    AutosaveTick(h.st);
    const std::string file = "plan-" + h.st.Plan.id + ".json";
    REQUIRE(h.host.Files.count(file) == 1);
    const auto stored = samenleven::read_plan_text(h.host.Files[file]).plan;
    CHECK(stored.rows[0].planned[0] == 1000);
}

TEST_CASE("[App] undo and redo restore whole committed edits") {
    Harness h;
    h.Frame(2);
    h.Click("plans.new");
    h.Type("applicant.lead.non_eu14_residents", "9000");
    h.Type("applicant.lead.non_eu14_residents", "12000");
    CHECK(h.st.Plan.applicant.lead.non_eu14_residents == 12000);
    h.Click("undo");
    CHECK(h.st.Plan.applicant.lead.non_eu14_residents == 9000);
    h.Click("undo");
    CHECK(h.st.Plan.applicant.lead.non_eu14_residents == 0);
    h.Click("redo");
    CHECK(h.st.Plan.applicant.lead.non_eu14_residents == 9000);
}

TEST_CASE("[App] an unreadable import shows the core's message and changes nothing stored") {
    Harness h;
    StartSavedPlan(h, "Bewaard");
    const auto files = h.host.Files;
    for (const char* name : {"malformed_syntax.json", "malformed_type.json", "newer_schema.json"}) {
        CAPTURE(name);
        CHECK_FALSE(ImportPlanText(h.st, name, ReadData(name)));
        REQUIRE(!h.st.Errors.empty());
        CHECK(!h.st.Errors.back().Message.empty());
        CHECK(h.host.Files == files);
        CHECK(h.st.Plan.title == "Bewaard");
    }
    h.Frame(2);
    h.Click("error.close");
    CHECK(h.st.Errors.size() == 2);
}

TEST_CASE("[App] an import hands the file's bytes to the core: invalid UTF-8 and 1e400 are refused with code and path") {
    Harness h;
    StartSavedPlan(h, "Bewaard");
    const auto files = h.host.Files;
    const std::string plan = samenleven::write_plan_text(h.st.Plan);
    const std::size_t undo = h.st.Undo.Size();
    struct Refused {
        const char* file;
        const char* code;
        const char* path;
    };
    for (const Refused& r : {Refused{"invalid_utf8.json", "json.encoding", "applicant.members[1].name"},
                             Refused{"reach_1e400.json", "json.number_too_large", "rows[1].planned[2023]"}}) {
        CAPTURE(r.file);
        const std::string bytes = ReadData(r.file);
        REQUIRE(ImportFileChosen(h.st, r.file, static_cast<double>(bytes.size())));  // small enough to read
        CHECK_FALSE(ImportPlanText(h.st, r.file, bytes));
        REQUIRE(h.st.Errors.size() == 1);
        const PendingError& e = h.st.Errors.front();
        CHECK(e.Code == r.code);
        CHECK(e.Path == r.path);
        CHECK(e.Title.find(r.file) != std::string::npos);
        // Word for word what the CLI and the server say: they read with the same core function.
        try {
            samenleven::read_plan_text(bytes);
            FAIL("the core reads what the app refused");
        } catch (const samenleven::InputError& core) {
            CHECK(core.message() == e.Message);
            CHECK(core.path() == e.Path);
        }
        h.Frame(2);
        CHECK(h.st.Widgets.count("error.path") == 1);  // the banner shows the path
        CHECK(h.host.Files == files);
        CHECK(samenleven::write_plan_text(h.st.Plan) == plan);
        CHECK(h.st.Undo.Size() == undo);
        h.Click("error.close");
        CHECK(h.st.Errors.empty());
    }
}

TEST_CASE("[App] an import with a key given twice or a control character gets the server's and the CLI's message") {
    Harness h;
    StartSavedPlan(h, "Bewaard");
    const auto files = h.host.Files;
    struct Refused {
        const char* file;
        const char* code;
        const char* path;
        const char* message;
    };
    for (const Refused& r :
         {Refused{"duplicate_key.json", "json.duplicate_key", "rows[2].action",
                  "Het veld 'action' staat twee keer in hetzelfde object; een veld mag maar één keer voorkomen."},
          Refused{"control_character.json", "text.control_character", "title",
                  "De tekst bevat een onzichtbaar stuurteken (U+0000, teken 26), dat in geen enkel tekstveld kan."}}) {
        CAPTURE(r.file);
        CHECK_FALSE(ImportPlanText(h.st, r.file, ReadData(r.file)));
        REQUIRE(h.st.Errors.size() == 1);
        CHECK(h.st.Errors.front().Code == r.code);
        CHECK(h.st.Errors.front().Path == r.path);
        CHECK(h.st.Errors.front().Message == r.message);
        CHECK(h.host.Files == files);
        CHECK(h.st.Plan.title == "Bewaard");
        h.Frame(2);
        h.Click("error.close");
        CHECK(h.st.Errors.empty());
    }
}

TEST_CASE("[App] typing keeps to the text rule: a control character becomes a space, newline and tab only in long texts") {
    Harness h;
    NewPlanWithAction5(h);
    h.Click("nav.Aanvrager");
    // Pasted into a one-line field: a tab, a newline, a NUL.
    h.Type("title", std::string("Plan\tGent\nnoord\0", 16));
    CHECK(h.st.Plan.title == "Plan Gent noord ");
    CHECK(h.st.Ui.Notice ==
          "Titel van het plan: dit veld is één regel tekst; een nieuwe regel, tab of onzichtbaar stuurteken is vervangen door een spatie.");
    h.Type("contact.email", "an@gent.be\x7F");
    CHECK(h.st.Plan.contact.email == "an@gent.be ");
    // A long text keeps its lines and tabs; an escape sequence does not get in.
    h.Click("nav.Doelen");
    h.Type("rows[0].activities", "Taalcafé\n\tin de bib\x1B[2J");
    CHECK(h.st.Plan.rows[0].activities == "Taalcafé\n\tin de bib [2J");
    CHECK(h.st.Ui.Notice == "Activiteiten: een onzichtbaar stuurteken kan in geen enkel tekstveld en is vervangen door een spatie.");
    h.Type("rows[0].partners", "Bibliotheek\r\nHuis van het Nederlands");
    CHECK(h.st.Plan.rows[0].partners == "Bibliotheek\r\nHuis van het Nederlands");
    // What the app saves, the core reads as input (as the server and the CLI do).
    SaveNow(h.st);
    const samenleven::Plan saved = samenleven::read_plan_text(h.host.Files["plan-" + h.st.Plan.id + ".json"]).plan;
    CHECK(saved.title == "Plan Gent noord ");
    CHECK(saved.rows[0].activities == "Taalcafé\n\tin de bib [2J");
}

TEST_CASE("[App] a plan saved on the device before the text rule still opens, and stays as it was until edited") {
    Harness h;
    h.Frame(2);
    nlohmann::json old = nlohmann::json::parse(ReadData("dendermonde_igs.json"));
    old["title"] = std::string("Oud\0plan", 8);
    old["rows"][0]["activities"] = "Taal\x01" "caf\xC3\xA9\nop zondag";
    const std::string text = old.dump(2);
    h.host.Files["plan-" + old["id"].get<std::string>() + ".json"] = text;
    RefreshStoredPlans(h.st);
    REQUIRE(h.st.StoredPlans.size() == 1);
    CHECK(h.st.StoredPlans[0].Error.empty());
    CHECK(h.st.StoredPlans[0].Title == "Oud plan");
    REQUIRE(OpenPlan(h.st, old["id"]));
    CHECK(h.st.Errors.empty());
    CHECK(h.st.Plan.title == "Oud plan");
    CHECK(h.st.Plan.rows[0].activities == "Taal caf\xC3\xA9\nop zondag");
    h.Frame(2);
    SaveNow(h.st);
    CHECK(h.host.Files["plan-" + old["id"].get<std::string>() + ".json"] == text);  // nothing lost by opening it
    // Its next version is clean.
    h.Type("title", "Nieuw plan");
    SaveNow(h.st);
    const samenleven::Plan saved = samenleven::read_plan_text(h.host.Files["plan-" + old["id"].get<std::string>() + ".json"]).plan;
    CHECK(saved.title == "Nieuw plan");
    CHECK(saved.rows[0].activities == "Taal caf\xC3\xA9\nop zondag");
}

TEST_CASE("[App] a file above the import limit is refused by its size, before it is read") {
    Harness h;
    StartSavedPlan(h, "Bewaard");
    const auto files = h.host.Files;
    CHECK(ImportFileChosen(h.st, "precies.json", static_cast<double>(samenleven::kMaxDocumentBytes)));  // at the limit: read
    CHECK(h.st.Errors.empty());
    CHECK_FALSE(ImportFileChosen(h.st, "groot.json", 158.0 * 1024 * 1024));
    REQUIRE(h.st.Errors.size() == 1);
    const PendingError& e = h.st.Errors.front();
    CHECK(e.Code == "import.too_large");
    CHECK(e.Title.find("groot.json") != std::string::npos);
    CHECK(e.Message.find("158,0 MB (165.675.008 bytes)") != std::string::npos);  // the file's size
    CHECK(e.Message.find("1.048.576 bytes") != std::string::npos);              // the limit

    // The bytes that arrive are held to the same limit (a file can grow after it was picked).
    std::string padded = ReadData("dendermonde_igs.json");
    padded.append(samenleven::kMaxDocumentBytes + 1 - padded.size(), ' ');
    CHECK_FALSE(ImportPlanText(h.st, "opgevuld.json", padded));
    REQUIRE(h.st.Errors.size() == 2);
    CHECK(h.st.Errors.back().Code == "import.too_large");
    CHECK(h.host.Files == files);
    CHECK(h.st.Plan.title == "Bewaard");
    h.Frame(2);
    CHECK(h.st.Widgets.count("error.close") == 1);
    padded.pop_back();  // exactly at the limit: read
    CHECK(ImportPlanText(h.st, "opgevuld.json", padded));
    CHECK(h.st.Plan.applicant.kind == samenleven::ApplicantKind::igs);
}

TEST_CASE("[App] a good import becomes a new plan beside the stored ones") {
    Harness h;
    REQUIRE(ImportPlanText(h.st, "demo.json", ReadData("dendermonde_igs.json")));
    REQUIRE(ImportPlanText(h.st, "demo.json", ReadData("dendermonde_igs.json")));
    int plans = 0;
    for (const auto& [name, text] : h.host.Files) plans += name.rfind("plan-", 0) == 0;
    CHECK(plans == 2);  // the same id twice: the second gets a new id
    CHECK(h.st.Derived.Budget.flemish_total == 33530000);
}

TEST_CASE("[App] touch: a tap clicks, a drag scrolls and does not click") {
    Harness h(800, 1280);
    h.Frame(2);
    h.Tap("plans.new");
    REQUIRE(h.st.PlanOpen);
    h.Tap("nav.Acties");
    h.Frame(2);
    const ImVec2 before = h.Centre("actions[7]");
    const std::size_t rows = h.st.Plan.rows.size();
    OnPointerDown(h.st, PointerKind::Touch, 300, 700, 0);
    for (float y = 680; y >= 400; y -= 20) {
        OnPointerMove(h.st, PointerKind::Touch, 300, y);
        h.Frame();
    }
    OnPointerUp(h.st, PointerKind::Touch, 300, 400, 0);
    h.Frame(3);
    const ImVec2 after = h.Centre("actions[7]");
    CHECK(before.y - after.y > 250);
    CHECK(h.st.Plan.rows.size() == rows);
}

TEST_CASE("[App] a finding opens its field") {
    Harness h;
    h.Frame(2);
    h.Click("plans.new");
    h.Click("nav.Controle");
    h.Frame(2);
    std::size_t i = 0;
    while (i < h.st.Derived.Findings.size() && h.st.Derived.Findings[i].path != "iban") ++i;
    REQUIRE(i < h.st.Derived.Findings.size());
    h.Click("findings[" + std::to_string(i) + "]");
    CHECK(h.st.Ui.Current == Screen::Applicant);
    CHECK(h.st.Ui.FocusPath == "iban");
    h.Frame(2);
    const PixelRect& r = h.st.Widgets["iban"];
    CHECK(r.Y >= 0);
    CHECK(r.Y + r.H <= 800);
}

TEST_CASE("[App] a finding in a row's split or results opens that screen, the split unfolded") {
    Harness h;
    OpenDemoWithSync(h);
    REQUIRE_FALSE(h.st.Plan.rows[0].split.empty());
    JumpToPath(h.st, "rows[0].split[1].planned[2022]");
    CHECK(h.st.Ui.Current == Screen::Targets);
    CHECK(h.st.Ui.ExpandedSplitRow == 0);
    h.Frame(3);
    CHECK(h.st.Widgets.count("rows[0].split[1].planned[2022]") == 1);
    JumpToPath(h.st, "rows[2].results[2022].final_reach");
    CHECK(h.st.Ui.Current == Screen::Results);
    JumpToPath(h.st, "rows[99].split[0].member");  // no such row: the targets, nothing unfolded anew
    CHECK(h.st.Ui.Current == Screen::Targets);
    CHECK(h.st.Ui.ExpandedSplitRow == 0);
    JumpToPath(h.st, "rows[1");  // not a field path: the findings
    CHECK(h.st.Ui.Current == Screen::Findings);
}

TEST_CASE("[App] the session reopens the plan and screen after a restart") {
    MemoryPlatform files;
    {
        Harness h;
        h.Frame(2);
        h.Click("plans.new");
        h.Type("title", "Blijft bewaard");
        h.Click("nav.Doelen");
        SaveNow(h.st);
        files.Files = h.host.Files;
    }
    Harness h2;
    h2.host.Files = files.Files;
    InitApp(h2.st, h2.host);
    CHECK(h2.st.PlanOpen);
    CHECK(h2.st.Plan.title == "Blijft bewaard");
    CHECK(h2.st.Ui.Current == Screen::Targets);
}

TEST_CASE("[App] CSV export: BOM, semicolons, Dutch headers, decimal comma") {
    const auto plan = samenleven::read_plan_text(ReadData("dendermonde_igs.json")).plan;
    const auto& cat = samenleven::default_catalogue();
    const std::string csv = BuildCsv(plan, samenleven::calculate(plan, cat), cat);
    CHECK(csv.rfind("\xEF\xBB\xBFPrioriteit;Actie;Actienaam;", 0) == 0);
    CHECK(csv.find("Totaal Vlaamse subsidie;335300,00") != std::string::npos);
    CHECK(CsvMoney(1234550) == "12345,50");
    CHECK(CsvMoney(5) == "0,05");
    const std::string html = BuildSummaryHtml(plan, samenleven::calculate(plan, cat), {}, {}, cat);
    CHECK(html.find("€ 335.300,00") != std::string::npos);
}

TEST_CASE("[App] plans screen: duplicate, and delete only after confirmation") {
    Harness h;
    h.Frame(2);
    h.Click("plans.new");
    h.Type("title", "Origineel");
    h.Click("nav.Plannen");
    h.Frame(2);
    REQUIRE(h.st.StoredPlans.size() == 1);
    h.Click("plans[0].duplicate");
    h.Frame(2);
    REQUIRE(h.st.StoredPlans.size() == 2);
    CHECK(h.st.StoredPlans[1].Title == "Origineel (kopie)");

    h.Click("plans[1].delete");
    CHECK(h.st.StoredPlans.size() == 2);  // only asks
    h.Click("plans[1].cancel_delete");
    CHECK(h.st.StoredPlans.size() == 2);
    h.Click("plans[1].delete");
    h.Click("plans[1].confirm_delete");
    h.Frame(2);
    REQUIRE(h.st.StoredPlans.size() == 1);
    CHECK(h.st.StoredPlans[0].Title == "Origineel");
}

TEST_CASE("[App] priorities move with the up and down buttons") {
    Harness h;
    h.Frame(2);
    h.Click("plans.new");
    h.Click("nav.Acties");
    h.Frame(2);
    h.Click("actions[5].adult_learners");
    h.Click("actions[7].children");
    REQUIRE(h.st.Plan.rows.size() == 2);
    h.Click("nav.Doelen");
    h.Frame(2);
    h.Click("rows[1].priority.up");
    CHECK(h.st.Plan.rows[1].priority == 1);
    CHECK(h.st.Plan.rows[0].priority == 2);
    h.Click("undo");
    CHECK(h.st.Plan.rows[0].priority == 1);
}

TEST_CASE("[App] frames stop when idle: nothing is due without input") {
    Harness h;
    h.Frame(3);
    CHECK_FALSE(h.st.WantsAnimation);
    CHECK(AutosaveTick(h.st) < 0);
}

TEST_CASE("[App] the last keystrokes and the commit in one frame are in the undo snapshot") {
    Harness h;
    h.Frame(2);
    h.Click("plans.new");
    h.Type("applicant.lead.non_eu14_residents", "1500");
    h.Click("applicant.lead.non_eu14_residents");
    OnTextInput(h.st, "2000");  // typed fast: text and commit arrive before the next frame
    OnTextCommit(h.st);
    h.Frame(2);
    CHECK(h.st.Plan.applicant.lead.non_eu14_residents == 2000);
    h.Click("undo");
    CHECK(h.st.Plan.applicant.lead.non_eu14_residents == 1500);
    CHECK(h.st.Undo.CanRedo());
    h.Click("redo");
    CHECK(h.st.Plan.applicant.lead.non_eu14_residents == 2000);
}

TEST_CASE("[App] Tab in the text overlay moves to the next field") {
    Harness h;
    h.Frame(2);
    h.Click("plans.new");
    h.Click("contact.name");
    OnTextInput(h.st, "An");
    // Tab in the overlay: pre.js leaves the field (commit) and focuses the next node of the
    // mirror, a text field, whose editor opens.
    OnTextCommit(h.st);
    OnAccessibleFocus(h.st, "contact.phone");
    h.Frame(3);
    CHECK(h.st.Plan.contact.name == "An");
    REQUIRE(h.host.TextInput.has_value());
    CHECK(h.host.TextInput->Key == "contact.phone");
    OnTextCommit(h.st);
    OnAccessibleFocus(h.st, "contact.name");
    h.Frame(3);
    REQUIRE(h.host.TextInput.has_value());
    CHECK(h.host.TextInput->Key == "contact.name");
}

//-----------------------------------------------------------------------------
// Sync wiring (app/sync_client.cpp, sync_screen.cpp): the memory platform records the
// requests and the test answers them as the server would.
//-----------------------------------------------------------------------------


TEST_CASE("[App sync] a plan made offline reaches the server when the network returns") {
    Harness h;
    h.Frame(2);
    EnableSync(h);
    CHECK(nlohmann::json::parse(h.host.Files["sync.json"]).at("enabled") == true);

    h.host.Online = false;
    h.Frame();
    CHECK_FALSE(h.st.Sync.Online);
    NewPlanWithLead(h);
    h.Type("title", "Gemaakt zonder netwerk");
    Autosave(h);  // queued, not sent
    const std::size_t sent = h.host.Requests.size();
    REQUIRE(h.st.Sync.Outbox.size() == 1);
    CHECK(PlanSyncStatus(h.st.Sync, h.st.Plan.id) == SyncStatus::Offline);
    CHECK(nlohmann::json::parse(h.host.Files["sync.json"]).at("outbox").size() == 1);  // survives a reload

    h.host.Online = true;  // the browser's online event wakes a frame
    h.Frame();
    REQUIRE(h.host.Requests.size() == sent + 1);
    const MemoryPlatform::Request& post = h.host.Requests.back();
    CHECK(post.Method == "POST");
    CHECK(post.Url == "/api/v1/plans");
    CHECK(post.Token == "token-42006");
    const nlohmann::json body = Sent(h);
    CHECK(body.at("plan").at("title") == "Gemaakt zonder netwerk");
    CHECK(body.at("change_id").get<std::string>().size() == 32);
    CHECK(PlanSyncStatus(h.st.Sync, h.st.Plan.id) == SyncStatus::Syncing);

    OnHttpResponse(h.st, 201, R"({"revision":1,"status":"draft"})");
    h.Frame();
    CHECK(PlanSyncStatus(h.st.Sync, h.st.Plan.id) == SyncStatus::Synced);
    CHECK(h.st.Sync.Outbox.empty());
    const nlohmann::json saved = nlohmann::json::parse(h.host.Files["sync.json"]);
    CHECK(saved.at("outbox").empty());
    CHECK(saved.at("plans").at(h.st.Plan.id).at("server_revision") == 1);

    // The next local save goes out as an update on top of revision 1.
    h.Type("title", "Tweede versie");
    Autosave(h);
    CHECK(h.host.Requests.back().Method == "PUT");
    CHECK(Sent(h).at("base_revision") == 1);
}

TEST_CASE("[App sync] a lost answer is retried with the same change id when the backoff ends; idle meanwhile") {
    Harness h;
    h.Frame(2);
    EnableSync(h);
    NewPlanWithLead(h);
    Autosave(h);
    REQUIRE(h.host.Requests.back().Method == "POST");
    const std::string change_id = Sent(h).at("change_id");
    const std::size_t sent = h.host.Requests.size();
    OnHttpResponse(h.st, 0, "");
    h.Frame();
    CHECK(PlanSyncStatus(h.st.Sync, h.st.Plan.id) == SyncStatus::Offline);
    CHECK(h.st.WakeAt == doctest::Approx(h.host.Now + 1.0));  // the frame wakes for the retry
    h.Frame(3);
    CHECK(h.host.Requests.size() == sent);  // nothing before the retry is due
    h.host.Now += 1.01;
    h.Frame();
    REQUIRE(h.host.Requests.size() == sent + 1);
    CHECK(Sent(h).at("change_id") == change_id);
}

TEST_CASE("[App sync] settings and the outbox survive a restart; sync off sends nothing") {
    MemoryPlatform files;
    {
        Harness h;
        h.Frame(2);
        NewPlanWithLead(h);
        h.Type("title", "Voor sync");
        SaveNow(h.st);
        CHECK(h.host.Requests.empty());  // sync is off
        h.Click("nav.Server");
        h.Type("sync.server_url", "http://127.0.0.1:9/");
        h.Type("sync.token", "t");
        h.host.Online = false;
        h.Frame();
        h.Click("sync.toggle");  // the plan made before goes into the outbox
        h.Frame();
        CHECK(h.st.Sync.Outbox.size() == 1);
        files.Files = h.host.Files;
    }
    Harness h2;
    h2.host.Files = files.Files;
    InitApp(h2.st, h2.host);
    CHECK(h2.st.Sync.Settings.Enabled);
    CHECK(h2.st.Sync.Settings.ServerUrl == "http://127.0.0.1:9/");
    CHECK(h2.st.Sync.Outbox.size() == 1);
    h2.Frame();
    REQUIRE_FALSE(h2.host.Requests.empty());
    CHECK(h2.host.Requests.front().Url == "http://127.0.0.1:9/api/v1/plans");
    CHECK(h2.host.Requests.front().Method == "POST");
}

TEST_CASE("[App sync] a conflict shows both versions per field; the chosen merge becomes the plan and is sent") {
    Harness h;
    h.Frame(2);
    EnableSync(h);
    h.Click("nav.Plannen");
    const std::string original = ReadData("dendermonde_igs.json");
    REQUIRE(ImportPlanText(h.st, "dendermonde_igs.json", original));
    h.Frame();
    REQUIRE(h.host.Requests.back().Method == "POST");
    OnHttpResponse(h.st, 201, R"({"revision":1,"status":"draft"})");
    h.Frame();
    REQUIRE(PlanSyncStatus(h.st.Sync, h.st.Plan.id) == SyncStatus::Synced);

    // This tablet changes the title and the phone; another changed both on the server.
    h.Click("nav.Aanvrager");
    h.Type("title", "Titel van dit toestel");
    h.Type("contact.phone", "052 11 11 11");
    Autosave(h);
    REQUIRE(h.host.Requests.back().Method == "PUT");
    nlohmann::json server_plan = nlohmann::json::parse(original);
    server_plan["id"] = h.st.Plan.id;
    server_plan["title"] = "Titel van de server";
    server_plan["contact"]["phone"] = "052 22 22 22";
    const nlohmann::json conflict = {
        {"error", {{"code", "conflict"}, {"message", "Het plan werd intussen gewijzigd (revisie 2)."}}},
        {"current", {{"revision", 2}, {"status", "draft"}, {"plan", server_plan}}}};
    OnHttpResponse(h.st, 409, conflict.dump());
    h.Frame(2);
    REQUIRE(PlanSyncStatus(h.st.Sync, h.st.Plan.id) == SyncStatus::Conflict);
    CHECK(h.st.Plan.title == "Titel van dit toestel");  // nothing lost here

    // A banner on other screens leads to the Synchronisatie screen.
    REQUIRE(h.st.Widgets.count("banner.conflict") == 1);
    h.Click("banner.conflict");
    CHECK(h.st.Ui.Current == Screen::Sync);
    h.Frame();
    REQUIRE(h.st.SyncUi.Differences.size() == 2);
    int title = -1;
    for (std::size_t i = 0; i < h.st.SyncUi.Differences.size(); ++i)
        if (h.st.SyncUi.Differences[i].key == "title") title = static_cast<int>(i);
    REQUIRE(title >= 0);
    CHECK(h.st.Widgets.count("conflict[0].mine") == 1);
    CHECK(h.st.Widgets.count("conflict[1].server") == 1);
    h.Click("conflict[" + std::to_string(title) + "].mine");
    CHECK(h.st.SyncUi.TakeMine[static_cast<std::size_t>(title)]);

    const std::size_t sent = h.host.Requests.size();
    h.Click("conflict.merge");
    CHECK(h.st.Plan.title == "Titel van dit toestel");      // mine, chosen
    CHECK(h.st.Plan.contact.phone == "052 22 22 22");        // the server's, by default
    CHECK(samenleven::read_plan_text(h.host.Files[PlanFileName(h.st.Plan.id)]).plan.contact.phone == "052 22 22 22");
    REQUIRE(h.host.Requests.size() == sent + 1);
    CHECK(h.host.Requests.back().Method == "PUT");
    CHECK(Sent(h).at("base_revision") == 2);
    CHECK(Sent(h).at("plan").at("contact").at("phone") == "052 22 22 22");
    CHECK(Sent(h).at("plan").at("title") == "Titel van dit toestel");
    OnHttpResponse(h.st, 200, R"({"revision":3,"status":"draft"})");
    h.Frame();
    CHECK(PlanSyncStatus(h.st.Sync, h.st.Plan.id) == SyncStatus::Synced);
    CHECK(h.st.Widgets.count("conflict.merge") == 0);

    // The merge is one undoable step.
    REQUIRE(UndoEdit(h.st));
    CHECK(h.st.Plan.contact.phone == "052 11 11 11");
}

TEST_CASE("[App sync] a plan on the server is fetched onto this device as synced") {
    Harness h;
    h.Frame(2);
    EnableSync(h);
    const std::size_t before = h.host.Requests.size();
    h.Click("sync.now");
    h.Frame();
    REQUIRE(h.host.Requests.size() == before + 1);
    REQUIRE(h.host.Requests.back().Url == "/api/v1/plans");
    OnHttpResponse(h.st, 200, R"({"plans":[{"id":"demo-dendermonde-igs","title":"IGS Dendermonde","status":"draft","revision":4}]})");
    h.Frame(2);
    INFO("server plans: " << h.st.SyncUi.ServerPlans.size() << " error: " << h.st.SyncUi.ListError);
    CHECK(TextNode(h, "revisie 4, werkversie, niet op dit toestel"));
    // Drawing the list reads no file: what is on the device is known from the stored plans.
    const int reads = h.host.Reads;
    h.Frame(3);
    CHECK(h.host.Reads == reads);
    h.Click("sync.server[0].fetch");
    h.Frame();
    REQUIRE(h.host.Requests.back().Url == "/api/v1/plans/demo-dendermonde-igs");
    const nlohmann::json view = {{"id", "demo-dendermonde-igs"}, {"revision", 4}, {"status", "draft"}, {"plan", nlohmann::json::parse(ReadData("dendermonde_igs.json"))}};
    OnHttpResponse(h.st, 200, view.dump());
    h.Frame(2);
    REQUIRE(h.host.Files.count("plan-demo-dendermonde-igs.json") == 1);
    CHECK(PlanSyncStatus(h.st.Sync, "demo-dendermonde-igs") == SyncStatus::Synced);
    CHECK(h.st.Sync.Plans["demo-dendermonde-igs"].ServerRevision == 4);
    CHECK(TextNode(h, "revisie 4, werkversie, op dit toestel: gesynchroniseerd"));
    h.Click("sync.server[0].open");
    REQUIRE(h.st.PlanOpen);
    CHECK(h.st.Plan.id == "demo-dendermonde-igs");
}

TEST_CASE("[App sync] a plan waits on the device until its lead's NIS code is filled in") {
    Harness h;
    h.Frame(2);
    EnableSync(h);
    h.Click("nav.Plannen");
    h.Click("plans.new");
    h.Click("nav.Aanvrager");
    h.Type("title", "Nog zonder aanvrager");
    Autosave(h);
    CHECK(h.st.Sync.Outbox.empty());
    for (const auto& request : h.host.Requests) CHECK(request.Method == "GET");  // only the server's plan list
    h.Type("applicant.lead.nis_code", "44021");
    Autosave(h);
    REQUIRE_FALSE(h.host.Requests.empty());
    CHECK(h.host.Requests.back().Method == "POST");
}

TEST_CASE("[App sync] a plan the server filed under an id of its own is listed as on this device and opens there") {
    Harness h;
    h.Frame(2);
    EnableSync(h);
    h.Click("nav.Plannen");
    h.Click("plans.new");
    h.Click("nav.Aanvrager");
    h.Type("title", "Nieuw plan van Gent");
    h.Type("applicant.lead.nis_code", "44021");
    Autosave(h);
    REQUIRE(h.host.Requests.back().Method == "POST");
    const std::string local = h.st.Plan.id;
    OnHttpResponse(h.st, 201, R"({"id":"4f1c0d9e2b7a","revision":1,"status":"draft"})");
    h.Frame(2);
    CHECK(h.st.Sync.Plans[local].ServerId == "4f1c0d9e2b7a");
    h.Click("nav.Server");
    h.Click("sync.now");
    h.Frame();
    REQUIRE(h.host.Requests.back().Url == "/api/v1/plans");
    OnHttpResponse(h.st, 200, R"({"plans":[{"id":"4f1c0d9e2b7a","title":"Nieuw plan van Gent","status":"draft","revision":1}]})");
    h.Frame(2);
    CHECK(TextNode(h, "revisie 1, werkversie, op dit toestel: gesynchroniseerd"));
    h.Click("nav.Plannen");
    h.Click("plans.new");  // another plan open, then the server's list opens this one again
    h.Click("nav.Server");
    h.Click("sync.server[0].open");
    REQUIRE(h.st.PlanOpen);
    CHECK(h.st.Plan.id == local);
}

//-----------------------------------------------------------------------------
// Drawing never changes the plan: only a person's edit does.
//-----------------------------------------------------------------------------

TEST_CASE("[App] drawing does no I/O: stored plans are read and requests start in the runner's tick after the frame") {
    Harness h;
    h.Frame(2);
    EnableSync(h);
    h.Click("nav.Plannen");
    h.Click("plans.new");
    h.Click("nav.Plannen");
    h.Frame(2);
    // The list of stored plans is out of date, and the server's list is wanted.
    h.st.StoredPlansStale = true;
    h.st.SyncUi.WantList = true;
    const int reads = h.host.Reads;
    const std::size_t requests = h.host.Requests.size();
    ImGui::NewFrame();
    DrawFrame(h.st);
    ImGui::Render();
    CHECK(h.host.Reads == reads);
    CHECK(h.host.Requests.size() == requests);
    CHECK(h.st.StoredPlansStale);
    Tick(h.st);
    CHECK(h.host.Reads > reads);
    CHECK_FALSE(h.st.StoredPlansStale);
    CHECK(h.st.WantsAnimation);  // a frame to show what was read
    REQUIRE(h.host.Requests.size() == requests + 1);
    CHECK(h.host.Requests.back().Url == "/api/v1/plans");
}


TEST_CASE("[App] opening an IGS row's split changes nothing; an edit in it is one undoable change") {
    Harness h;
    OpenDemoWithSync(h);
    h.Click("nav.Doelen");
    h.Frame(2);
    REQUIRE(h.st.Plan.rows[1].split.empty());
    const Unchanged before(h);

    h.Click("rows[1].split");
    REQUIRE(h.st.Ui.ExpandedSplitRow == 1);
    h.Frame(5);
    // All four governments are drawn, from the plan as it is.
    CHECK(h.st.Widgets.count("rows[1].split[3].planned[2024]") == 1);
    CHECK(h.st.Plan.rows[1].split.empty());
    // The lead shows the row's whole reach until the split is edited; a tap alone stores nothing.
    h.Click("rows[1].split[0].planned[2022]");
    REQUIRE(h.host.TextInput.has_value());
    CHECK(h.host.TextInput->Value == "80");
    OnTextCommit(h.st);
    h.Frame(2);
    before.Check(h);

    // An edit stores the split as shown, with the new value: one change, one undo step, one save.
    h.Type("rows[1].split[1].planned[2022]", "30");
    const auto& split = h.st.Plan.rows[1].split;
    REQUIRE(split.size() == 4);
    CHECK(split[0].member == "42006");
    CHECK(split[0].planned == h.st.Plan.rows[1].planned);
    CHECK(split[1].member == "42008");
    CHECK(split[1].planned == samenleven::YearCounts{30, 0, 0});
    CHECK(split[3].member == "42004");
    CHECK(h.st.Undo.Size() == before.UndoSize + 1);
    h.host.Now += 1.0;
    AutosaveTick(h.st);
    h.Frame();
    REQUIRE(h.host.Requests.size() == before.Requests + 1);
    CHECK(h.host.Requests.back().Method == "PUT");
    CHECK(Sent(h).at("plan").at("rows").at(1).at("split").size() == 4);
    REQUIRE(UndoEdit(h.st));
    CHECK(samenleven::write_plan_text(h.st.Plan) == before.Plan);
}

TEST_CASE("[App] drawing every screen of the demo plan changes neither the plan nor the undo stack") {
    for (const ImVec2 size : {ImVec2(1280, 800), ImVec2(800, 1280)}) {
        CAPTURE(size.x);
        Harness h(size.x, size.y);
        OpenDemoWithSync(h);
        // The server holds another version, so that the conflict view and banner are drawn too.
        nlohmann::json theirs = nlohmann::json::parse(ReadData("dendermonde_igs.json"));
        theirs["id"] = h.st.Plan.id;
        theirs["title"] = "Titel van de server";
        PlanSync& ps = h.st.Sync.Plans[h.st.Plan.id];
        ps.Status = SyncStatus::Conflict;
        ps.ConflictRevision = 2;
        ps.ConflictDocument = theirs.dump();
        ServerPlanInfo listed;
        listed.Id = h.st.Plan.id;
        listed.Title = "IGS Dendermonde";
        listed.Status = "draft";
        listed.Revision = 2;
        h.st.SyncUi.ServerPlans = {listed};
        h.st.SyncUi.ServerPlansLoaded = true;
        h.Frame(2);
        const Unchanged before(h);

        for (int screen = 0; screen < kScreenCount; ++screen) {
            CAPTURE(screen);
            h.st.Ui.Current = static_cast<Screen>(screen);  // as a tab does, without writing the session
            h.Frame(3);
            const int splits = h.st.Ui.Current == Screen::Targets ? static_cast<int>(h.st.Plan.rows.size()) : 0;
            for (int r = -1; r < splits; ++r) {
                h.st.Ui.ExpandedSplitRow = r;
                h.Frame(3);
                for (int i = 0; i < 12 && h.st.Widgets.count("panel.content"); ++i) {  // down to the last card
                    const PixelRect p = h.st.Widgets["panel.content"];
                    OnPointerMove(h.st, PointerKind::Mouse, p.X + p.W / 2, p.Y + p.H / 2);
                    OnWheel(h.st, 0, -3.0f);
                    h.Frame(2);
                }
            }
        }
        h.st.Ui.Current = Screen::Sync;
        h.Frame(3);
        CHECK(h.st.Widgets.count("conflict.merge") == 1);  // the conflict view was drawn
        before.Check(h);
    }
}
