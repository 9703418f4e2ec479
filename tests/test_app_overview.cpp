// The agency's overview and allocation, headless (app_harness.h): the figures from the
// server's aggregate (built here by the core's own serializer, as the server does), filters,
// the drill-down to the plans behind a figure, the CSV exports, and the allocation screen.
#include <doctest/doctest.h>

#include <algorithm>

#include "app_harness.h"
#include "state/export.h"
#include "samenleven/allocation.h"
#include "samenleven/report_json.h"

using namespace app;
using namespace app_test;
using nlohmann::json;

namespace {

// The aggregate of the demo plan for 2022-2023 as the server answers it.
std::string DemoAggregate() {
    const samenleven::Catalogue& cat = samenleven::default_catalogue();
    const samenleven::Plan plan = samenleven::read_plan_text(ReadData("dendermonde_igs.json")).plan;
    json answer = samenleven::aggregate_json(samenleven::aggregate({plan}, cat, 2022), cat);
    answer["year"] = 2022;
    answer["include_drafts"] = false;
    answer["findings"] = json::array();
    return answer.dump();
}

const MemoryPlatform::Request& Last(const Harness& h) {
    REQUIRE_FALSE(h.host.Requests.empty());
    return h.host.Requests.back();
}

}  // namespace

TEST_CASE("[App overview] the agency reads Flanders in figures, filters them, and drills down to the plans") {
    Harness h;
    SignInAsAgency(h, R"({"plans":[]})");
    CHECK(h.st.Widgets.count("nav.Overzicht") == 1);
    h.Click("nav.Overzicht");
    REQUIRE(h.st.SyncUi.InFlight == SyncView::Call::Overview);
    CHECK(Last(h).Url == "/api/v1/aggregate?include_drafts=false&year=2022");
    OnHttpResponse(h.st, 200, DemoAggregate());
    h.Frame(2);
    REQUIRE(h.st.Overview.Loaded);
    const OverviewData& d = h.st.Overview.Data;
    CHECK(d.Plans == 1);
    CHECK(d.Governments == 4);
    CHECK(d.FlemishCents == 11135000);  // the demo plan's 2022-2023 total, € 111.350,00
    REQUIRE(d.Headlines.size() == 8);
    CHECK(d.Headlines[5].Code == "dutch_practice");
    CHECK(d.Headlines[5].Totals.Planned == 1000);
    CHECK(d.Headlines[5].Totals.Reached == 1120);
    CHECK(d.Headlines[5].Totals.Governments == 4);
    CHECK(h.st.Widgets.count("overview.summary") == 1);
    CHECK(h.st.Widgets.count("overview.headline.dutch_practice") == 1);
    CHECK(h.st.Widgets.count("overview.headline.bystanders") == 0);  // nothing planned or reached: not drawn
    CHECK(h.st.Widgets.count("overview.objective.2") == 1);
    CHECK(h.st.Widgets.count("overview.action.5") == 1);
    // Each figure says how many plans and governments are behind it, under its label and in the
    // mirror: the demo IGS's four governments all have a share of action 5 in 2022-2023.
    const auto& tree = h.host.Tree;
    const auto label = std::find_if(tree.begin(), tree.end(), [](const AccessibleNode& n) {
        return n.Name == "oefenkansen Nederlands voor volwassen anderstaligen";
    });
    REQUIRE(label != tree.end());
    REQUIRE(label + 1 != tree.end());
    CHECK((label + 1)->Name == "in 1 plan, 4 besturen");
    CHECK((label + 1)->Role == AccessibleRole::Text);

    // Filters: another year, one objective, drafts included.
    h.Click("overview.year[1]");
    CHECK(Last(h).Url == "/api/v1/aggregate?include_drafts=false&year=2023");
    OnHttpResponse(h.st, 200, DemoAggregate());
    h.Frame();
    h.Click("overview.objective[2]");
    CHECK(Last(h).Url == "/api/v1/aggregate?include_drafts=false&year=2023&objective=2");
    OnHttpResponse(h.st, 200, DemoAggregate());
    h.Frame();
    h.Click("overview.drafts[1]");
    CHECK(Last(h).Url == "/api/v1/aggregate?include_drafts=true&year=2023&objective=2");
    OnHttpResponse(h.st, 200, DemoAggregate());
    h.Frame(2);

    // Drill-down: the plans behind practice opportunities in Dutch.
    h.Click("overview.headline.dutch_practice.plans");
    REQUIRE(h.st.SyncUi.InFlight == SyncView::Call::FigurePlans);
    CHECK(Last(h).Url == "/api/v1/aggregate/plans?include_drafts=true&year=2023&headline=dutch_practice");
    OnHttpResponse(h.st, 200,
                   R"({"plans":[{"id":"demo-dendermonde-igs","title":"IGS Dendermonde","applicant":"Dendermonde","status":"reported","planned":1000,"additional":600,"reached":1120,"subsidy":{"cents":3600000,"text":"€ 36.000,00"}}]})");
    h.Frame(2);
    REQUIRE(h.st.Overview.DrillLoaded);
    CHECK(h.st.Overview.DrillPlans[0].SubsidyCents == 3600000);
    h.Click("overview.plans[0].open");
    CHECK(ShownScreen(h.st) == Screen::Review);
    CHECK(h.st.Review.OpenId == "demo-dendermonde-igs");
    CHECK(h.st.SyncUi.InFlight == SyncView::Call::Review);
}

TEST_CASE("[App overview] the overview's CSV: Belgian spreadsheet format, headline, objective and action rows") {
    const std::optional<OverviewData> data = ParseOverview(DemoAggregate());
    REQUIRE(data);
    const std::string csv = BuildOverviewCsv(*data, "2022-2023", false, "");
    CHECK(csv.rfind("\xEF\xBB\xBFPlan Samenleven: overzicht;2022-2023\r\n", 0) == 0);
    CHECK(csv.find("Plannen;1 (ingediend)\r\n") != std::string::npos);
    CHECK(csv.find("Lokale besturen;4\r\n") != std::string::npos);
    CHECK(csv.find("Vlaamse subsidie (EUR);111350,00\r\n") != std::string::npos);
    CHECK(csv.find("Code;Omschrijving;Gepland;Extra gepland;Bereikt;Subsidie (EUR);Plannen\r\n") != std::string::npos);
    CHECK(csv.find("dutch_practice;oefenkansen Nederlands voor volwassen anderstaligen;1000;600;1120;36000,00;1\r\n") !=
          std::string::npos);
    CHECK(csv.find("2;Nederlands;1000;600;1120;36000,00;1\r\n") != std::string::npos);
    CHECK(csv.find("9;Toeleiding naar de arbeidsmarkt;50;30;45;19500,00;1\r\n") != std::string::npos);
}

TEST_CASE("[App overview] answers that are not the server's are refused, never thrown") {
    for (const char* bad : {"", "[]", "{}", R"({"plans":1,"headlines":{}})", "<html>"}) {
        CAPTURE(bad);
        CHECK_FALSE(ParseOverview(bad));
        CHECK_FALSE(ParseAllocation(bad));
    }
    CHECK_FALSE(ParseFigurePlans(R"({"plans":[{"title":"no id"}]})"));
    Harness h;
    SignInAsAgency(h, R"({"plans":[]})");
    h.Click("nav.Overzicht");
    OnHttpResponse(h.st, 200, "<html>proxy</html>");
    h.Frame(2);
    CHECK_FALSE(h.st.Overview.Loaded);
    CHECK(h.st.Overview.Error == "Onleesbaar antwoord van de server.");
    h.Click("overview.refresh");
    OnHttpResponse(h.st, 403, R"({"error":{"code":"forbidden","message":"Alleen het agentschap ziet de totalen over alle plannen.","path":""}})");
    h.Frame();
    CHECK(h.st.Overview.Error == "Alleen het agentschap ziet de totalen over alle plannen.");
}

TEST_CASE("[App overview] an allocation under a budget: per applicant and row, and its CSV") {
    Harness h;
    SignInAsAgency(h, R"({"plans":[]})");
    h.Click("nav.Toewijzing");
    h.Type("allocation.budget", "50000");
    CHECK(h.st.Overview.BudgetEuros == 50000);
    CHECK_FALSE(h.st.PlanOpen);  // the budget is not a plan's field
    h.Click("allocation.run");
    REQUIRE(h.st.SyncUi.InFlight == SyncView::Call::Allocation);
    CHECK(Last(h).Url == "/api/v1/allocation?include_drafts=false&year=2022&budget=50000");
    // The demo plan's 2022-2023 requests, priorities 1-5: 36,000 (action 5), 25,600 (15),
    // 19,500 (9), 5,250 (13), 25,000 (16) euro. 50,000 funds priority 1 and 14,000 of 25,600.
    const samenleven::Catalogue& cat = samenleven::default_catalogue();
    const samenleven::Plan plan = samenleven::read_plan_text(ReadData("dendermonde_igs.json")).plan;
    OnHttpResponse(h.st, 200, samenleven::allocation_json(samenleven::allocate({plan}, cat, 2022, 5000000)).dump());
    h.Frame(3);
    REQUIRE(h.st.Overview.AllocationLoaded);
    const AllocationData& a = h.st.Overview.Allocation;
    CHECK(a.BudgetCents == 5000000);
    CHECK(a.RequestedCents == 11135000);
    CHECK(a.AllocatedCents == 5000000);
    CHECK(a.PartialPriority == 2);
    REQUIRE(a.Plans.size() == 1);
    REQUIRE(a.Plans[0].Rows.size() == 5);
    CHECK(a.Plans[0].Rows[0].Action == 5);
    CHECK(a.Plans[0].Rows[0].Funding == "full");
    CHECK(a.Plans[0].Rows[1].Action == 15);
    CHECK(a.Plans[0].Rows[1].AllocatedCents == 1400000);
    CHECK(a.Plans[0].Rows[1].Funding == "partial");
    CHECK(a.Plans[0].Rows[4].Funding == "none");
    CHECK(h.st.Widgets.count("allocation.summary") == 1);
    CHECK(h.st.Widgets.count("allocation.plans[0]") == 1);
    h.Click("allocation.csv");
    REQUIRE(h.host.Downloads.size() == 1);
    const std::string& csv = h.host.Downloads[0].Bytes;
    CHECK(h.host.Downloads[0].Name == "plan-samenleven-toewijzing-2022.csv");
    CHECK(csv.rfind("\xEF\xBB\xBF" "Aanvrager;Plan;Prioriteit;Actie;Doelgroep;Gevraagd (EUR);Toegewezen (EUR);Financiering\r\n", 0) == 0);
    CHECK(csv.find("Dendermonde;demo-dendermonde-igs;2;15. Brugfiguren onderwijs;kwetsbare gezinnen;25600,00;14000,00;gedeeltelijk\r\n") !=
          std::string::npos);
    CHECK(csv.find("Geld op bij prioriteit;2\r\n") != std::string::npos);
}

TEST_CASE("[App overview] offline, the figures, the plans behind one and an allocation show as last read, with when") {
    MemoryPlatform saved;
    const samenleven::Catalogue& cat = samenleven::default_catalogue();
    const samenleven::Plan plan = samenleven::read_plan_text(ReadData("dendermonde_igs.json")).plan;
    const std::string allocation = samenleven::allocation_json(samenleven::allocate({plan}, cat, 2022, 5000000)).dump();
    {
        Harness h;
        h.host.Now = 1795767600;  // 2026-11-27 08:20 UTC, 09:20 in Brussels
        SignInAsAgency(h, R"({"plans":[]})");
        // The list of plans, asked again, is kept at once too.
        SyncNow(h.st);
        h.Frame();
        REQUIRE(h.st.SyncUi.InFlight == SyncView::Call::List);
        int flushes = h.host.Flushes;
        OnHttpResponse(h.st, 200, R"({"plans":[]})");
        CHECK(h.host.Flushes == flushes + 1);
        h.Click("nav.Overzicht");
        REQUIRE(h.st.SyncUi.InFlight == SyncView::Call::Overview);
        flushes = h.host.Flushes;
        OnHttpResponse(h.st, 200, DemoAggregate());
        CHECK(h.host.Flushes == flushes + 1);  // kept in the browser's storage at once, not at the next save
        h.Frame(2);
        CHECK_FALSE(AnyText(h, "Offline"));  // read from the server just now
        h.Click("overview.headline.dutch_practice.plans");
        REQUIRE(h.st.SyncUi.InFlight == SyncView::Call::FigurePlans);
        OnHttpResponse(h.st, 200,
                       R"({"plans":[{"id":"demo-dendermonde-igs","title":"IGS Dendermonde","applicant":"Dendermonde","status":"reported","planned":1000,"additional":600,"reached":1120,"subsidy":{"cents":3600000,"text":"€ 36.000,00"}}]})");
        h.Frame(2);
        h.Click("nav.Toewijzing");
        h.Type("allocation.budget", "50000");
        h.Click("allocation.run");
        REQUIRE(h.st.SyncUi.InFlight == SyncView::Call::Allocation);
        OnHttpResponse(h.st, 200, allocation);
        h.Frame(2);
        saved.Files = h.host.Files;
    }

    // Offline after a restart, an hour later.
    Harness h;
    h.host.Files = saved.Files;
    h.host.Online = false;
    h.host.Now = 1795767600 + 3600;
    InitApp(h.st, h.host);
    h.Frame(2);
    h.Click("nav.Overzicht");
    h.Frame(2);
    REQUIRE(h.st.Overview.Loaded);
    CHECK(h.st.Overview.Data.FlemishCents == 11135000);
    CHECK(h.st.Widgets.count("overview.headline.dutch_practice") == 1);
    CHECK(AnyText(h, "Offline: de cijfers zoals opgehaald op 27-11-2026 om 09:20."));
    // The plans behind the figure, as read then.
    h.Click("overview.headline.dutch_practice.plans");
    h.Frame(2);
    REQUIRE(h.st.Overview.DrillLoaded);
    CHECK(h.st.Overview.DrillPlans.size() == 1);
    CHECK(h.st.Widgets.count("overview.plans[0].open") == 1);

    // Another year was never read: nothing is shown for it, not the other year's figures.
    h.Click("overview.year[1]");
    h.Frame(2);
    CHECK_FALSE(h.st.Overview.Loaded);
    CHECK(h.st.Widgets.count("overview.summary") == 0);
    CHECK(AnyText(h, "Offline: de cijfers worden opgehaald zodra er netwerk is."));
    h.Click("overview.year[0]");
    h.Frame(2);
    CHECK(h.st.Overview.Loaded);
    CHECK(h.st.Widgets.count("overview.summary") == 1);

    // The allocation under the same year and budget, as computed then.
    h.Click("nav.Toewijzing");
    h.Type("allocation.budget", "50000");
    h.Click("allocation.run");
    h.Frame(2);
    REQUIRE(h.st.Overview.AllocationLoaded);
    CHECK(h.st.Overview.Allocation.AllocatedCents == 5000000);
    CHECK(AnyText(h, "Offline: de toewijzing zoals berekend op 27-11-2026 om 09:20."));
    // Another budget was never computed.
    h.Type("allocation.budget", "60000");
    h.Click("allocation.run");
    h.Frame(2);
    CHECK_FALSE(h.st.Overview.AllocationLoaded);
    CHECK(AnyText(h, "Offline: deze toewijzing wordt berekend zodra er netwerk is."));

    // Back online: the server is asked, and its answer is shown without the offline line.
    h.host.Online = true;
    h.Frame(2);
    h.Click("nav.Overzicht");
    for (int i = 0; i < 6 && h.st.SyncUi.InFlight != SyncView::Call::Overview; ++i) {
        if (h.st.SyncUi.InFlight == SyncView::Call::None) break;
        OnHttpResponse(h.st, 503, "");  // the other reads asked first
        h.Frame();
    }
    REQUIRE(h.st.SyncUi.InFlight == SyncView::Call::Overview);
    OnHttpResponse(h.st, 200, DemoAggregate());
    h.Frame(2);
    CHECK(h.st.Overview.Loaded);
    CHECK_FALSE(AnyText(h, "Offline"));
}
