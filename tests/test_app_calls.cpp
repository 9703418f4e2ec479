// Issue 12 in the app: each project year under its own call. The action list offers the
// groups of every call of the plan's years, amounts on assumed prices are marked, the
// envelope is typed on "Doelen", an IGS member's region and joining year drive the stimulus,
// and the social impact bond asks its three texts. Amounts worked out by hand.
#include <doctest/doctest.h>

#include "app_harness.h"
#include "mirror/mirror.h"

using namespace app_test;

namespace {
bool HasFinding(const Harness& h, const std::string& code, const std::string& path) {
    for (const auto& f : h.st.Derived.Findings)
        if (f.code == code && f.path == path) return true;
    return false;
}
}  // namespace

TEST_CASE("[App calls] action 24's group of the 2023 call is chosen, paid from 2023 and marked as assumed") {
    Harness h;
    h.Frame(2);
    h.Click("plans.new");
    h.Click("nav.Acties");
    h.Click("objectives[7].jump");  // the last objective, as a person jumps there
    h.Frame(4);
    const AccessibleNode* choice = MirrorNode(h, "actions[24].vulnerable_young");
    REQUIRE(choice != nullptr);
    CHECK(choice->Name == "Kiezen: kwetsbare kinderen en jongeren tot 25 jaar  (max. 180 per jaar; vanaf 2023-2024)");
    h.Click("actions[24].vulnerable_young");
    REQUIRE(h.st.Plan.rows.size() == 1);
    CHECK(h.st.Plan.rows[0].target_group == "vulnerable_young");

    h.Click("nav.Doelen");
    h.Type("rows[0].planned[2023]", "100");
    // 100 x EUR 210 (the 2023 call's assumed price).
    CHECK(h.st.Derived.Budget.rows[0].subsidy[1] == 2'100'000);
    h.Frame(2);
    CHECK(TextNode(h, "€ 21.000,00 (aangenomen)") != nullptr);
    CHECK(TextNode(h, "€ 0,00") != nullptr);  // 2022: the group is not in the 2022 call
    // Reach in 2022 for a group the 2022 call does not have is refused for that year.
    h.Type("rows[0].planned[2022]", "10");
    CHECK(HasFinding(h, "target_group.not_in_call", "rows[0].planned[2022]"));
}

TEST_CASE("[App calls] the envelope typed in euros is stored in cents and compared with the year's request") {
    Harness h;
    NewPlanWithAction5(h);
    h.Type("rows[0].planned[2023]", "200");  // 200 x EUR 60 = EUR 12,000 in 2023
    h.FindByScrolling("envelope_cents[2023]");
    h.Type("envelope_cents[2023]", "10000");
    CHECK(h.st.Plan.envelope[1] == 1'000'000);
    CHECK_FALSE(h.st.Plan.envelope[2].has_value());
    CHECK(HasFinding(h, "budget.above_envelope", "envelope_cents[2023]"));
    h.Frame(2);
    CHECK(TextNode(h, "oproep 2023; aangenomen prijzen; € 2.000,00 boven de enveloppe van € 10.000,00") != nullptr);
    h.Type("envelope_cents[2023]", "12000");
    CHECK_FALSE(HasFinding(h, "budget.above_envelope", "envelope_cents[2023]"));
}

TEST_CASE("[App calls] an IGS member's region and joining year decide the stimulus per year") {
    Harness h;
    h.Frame(2);
    h.Click("plans.new");
    h.Click("nav.Aanvrager");
    h.Click("applicant.kind.igs");
    h.Type("applicant.lead.name", "Gent");
    h.Type("applicant.lead.non_eu14_residents", "9000");
    h.Type("applicant.lead.reference_region", "Gent");
    h.Click("applicant.members.add");
    h.Type("applicant.members[0].name", "Melle");
    h.Type("applicant.members[0].non_eu14_residents", "900");
    h.Type("applicant.members[0].reference_region", "Gent");
    // A new cooperation in 2022: paid once, in 2022.
    CHECK(h.st.Derived.Budget.stimulus_per_year == samenleven::YearCents{1'000'000, 0, 0});
    // Melle joins in 2023: nothing in 2022 (no smaller partner yet), paid in 2023.
    h.Click("applicant.members[0].joined.2023");
    CHECK(h.st.Plan.applicant.members[0].joined == 2023);
    CHECK(h.st.Derived.Budget.stimulus_per_year == samenleven::YearCents{0, 1'000'000, 0});
    // In another reference region Melle does not count, and the region is an error.
    h.Type("applicant.members[0].reference_region", "Waasland");
    CHECK(h.st.Derived.Budget.stimulus_total == 0);
    CHECK(HasFinding(h, "applicant.region_mismatch", "applicant.members[0].reference_region"));
}

TEST_CASE("[App calls] declarations as the form had them") {
    Harness h;
    h.Frame(2);
    h.Click("plans.new");
    h.Click("nav.Aanvrager");
    h.FindByScrolling("declarations.cooperation.declared");
    h.Click("declarations.cooperation.declared");
    h.Frame(2);
    CHECK(h.st.Plan.declarations.cooperation.declared);
    CHECK(MirrorNode(h, "declarations.cooperation.motivation") == nullptr);  // yes/no only
    h.Click("declarations.social_impact_bond.declared");
    h.Frame(2);
    for (int t = 0; t < 3; ++t) CHECK(MirrorNode(h, "declarations.social_impact_bond.texts[" + std::to_string(t) + "]") != nullptr);
    CHECK(HasFinding(h, "declaration.text_missing", "declarations.social_impact_bond.texts[1]"));
    h.Type("declarations.social_impact_bond.texts[1]", "Tweede tekst");
    CHECK(h.st.Plan.declarations.social_impact_bond.texts[1] == "Tweede tekst");
    CHECK_FALSE(HasFinding(h, "declaration.text_missing", "declarations.social_impact_bond.texts[1]"));
}
