// A newcomer's start (issue 11, item 1): the example plan opened as a local copy, offline and
// without a token, never sent to a server; the strip of the plan's steps and the next one.
#include <doctest/doctest.h>

#include "app_harness.h"
#include "mirror/mirror.h"

using namespace app_test;

TEST_CASE("[App example] \"Voorbeeldplan bekijken\" opens a copy of the Dendermonde IGS, offline, no token") {
    Harness h;
    h.host.Online = false;
    h.Frame(2);
    REQUIRE(h.st.StoredPlans.empty());
    h.Click("plans.example");
    REQUIRE(h.st.PlanOpen);
    CHECK(h.st.Plan.title == "Voorbeeld: IGS Dendermonde - Lebbeke - Buggenhout - Hamme");
    CHECK(h.st.Plan.id.rfind("voorbeeld-", 0) == 0);
    CHECK(h.st.Plan.rows.size() == 5);
    CHECK(h.st.Derived.Budget.flemish_total == 33'530'000);  // € 335.300,00, as the demo plan (DOMAIN.md)
    CHECK(h.st.Ui.Current == Screen::Applicant);
    CHECK(h.host.Files.count("plan-" + h.st.Plan.id + ".json") == 1);  // stored on this device
    CHECK(h.host.Announced.find("Voorbeeldplan geopend") == 0);
    // A second time: another copy, the first one stays.
    const std::string first = h.st.Plan.id;
    h.Click("nav.Plannen");
    h.Click("plans.example");
    CHECK(h.st.Plan.id != first);
    RefreshStoredPlans(h.st);
    CHECK(h.st.StoredPlans.size() == 2);
}

TEST_CASE("[App example] an example copy is never queued for a server") {
    Harness h;
    h.Frame(2);
    EnableSync(h);
    const std::size_t before = h.st.Sync.Outbox.size();
    h.Click("nav.Plannen");
    h.Click("plans.example");
    REQUIRE(h.st.PlanOpen);
    h.Type("title", "Mijn proef");
    SaveNow(h.st);
    h.Frame(2);
    CHECK(h.st.Sync.Outbox.size() == before);
    CHECK(h.st.Sync.Plans.count(h.st.Plan.id) == 0);
    CHECK(IsExamplePlan(h.st.Plan.id));
}

TEST_CASE("[App example] the steps strip says which steps are done and leads to the next") {
    Harness h;
    h.Frame(2);
    h.Click("plans.new");
    // A new plan: nothing done, the applicant first.
    std::vector<GuideStep> steps = GuideSteps(h.st);
    REQUIRE(steps.size() == 5);
    for (const GuideStep& g : steps) CHECK_FALSE(g.Done);
    CHECK(NextStep(h.st) == Screen::Applicant);
    const AccessibleNode* first = MirrorNode(h, "steps.Aanvrager");
    REQUIRE(first);
    CHECK(first->Name == "Stap 1 van 5: Aanvrager, volgende stap");
    // One action chosen: that step is done; the targets are not yet (no reach).
    h.Click("nav.Acties");
    h.Click("actions[5].adult_learners");
    steps = GuideSteps(h.st);
    CHECK(steps[1].Done);
    CHECK_FALSE(steps[2].Done);
    // The example plan: everything but the submission is done; the strip leads to Indienen.
    h.Click("nav.Plannen");
    h.Click("plans.example");
    steps = GuideSteps(h.st);
    CHECK(steps[0].Done);
    CHECK(steps[1].Done);
    CHECK(steps[2].Done);
    CHECK(steps[3].Done);
    CHECK_FALSE(steps[4].Done);
    CHECK(NextStep(h.st) == Screen::Export);
    h.Frame(2);
    REQUIRE(MirrorNode(h, "steps.Indienen"));
    CHECK(MirrorNode(h, "steps.Indienen")->Name == "Stap 5 van 5: Indienen, volgende stap");
    CHECK(MirrorNode(h, "steps.Doelen")->Name == "Stap 3 van 5: Doelen, klaar");
    h.Click("steps.Indienen");
    CHECK(h.st.Ui.Current == Screen::Export);
}
