#include <doctest/doctest.h>

#include "support.h"

using namespace samenleven;
using test_support::call2022;
using test_support::government;
using test_support::row;

TEST_CASE("[Budget] per-unit rows: additional reach x unit price, current reach unpaid") {
    Plan plan = test_support::valid_plan();
    plan.rows = {row(17, "professionals", {100, 150, 0}, 1, 500), row(17, "citizens", {10, 0, 150}, 2)};
    const Budget budget = calculate(plan, call2022());
    // Bystander training: EUR 90 per person.
    CHECK(budget.rows[0].subsidy == YearCents{900'000, 1'350'000, 0});
    CHECK(budget.rows[1].subsidy == YearCents{90'000, 0, 1'350'000});
    CHECK(budget.subsidy_total == 3'690'000);
    CHECK(budget.rows[0].target == YearCounts{600, 650, 500});
    CHECK(budget.objectives[5].total == 3'690'000);  // objective 6, non-discrimination
    CHECK(budget.own_contribution == budget.subsidy_total);
}

TEST_CASE("[Budget] flat actions pay their amount once per project year when chosen") {
    Plan plan = test_support::valid_plan();
    plan.rows = {row(2, "action_plan", {1, 1, 0}, 1), row(19, "applicant", {0, 0, 1}, 2)};
    const Budget budget = calculate(plan, call2022());
    CHECK(budget.rows[0].subsidy == YearCents{2'500'000, 2'500'000, 0});
    CHECK(budget.rows[1].subsidy == YearCents{0, 0, 2'500'000});
    CHECK(budget.subsidy_total == 7'500'000);
}

TEST_CASE("[Budget] what is not subsidised counts nothing") {
    Plan plan = test_support::valid_plan();
    SUBCASE("an action financed through another channel") { plan.rows = {row(12, "", {100, 100, 100}, 1)}; }
    SUBCASE("an action not in this call") { plan.rows = {row(23, "", {10, 10, 10}, 1)}; }
    SUBCASE("negative reach") { plan.rows = {row(5, "adult_learners", {-10, -1, 0}, 1)}; }
    SUBCASE("an unknown target group") { plan.rows = {row(5, "children", {10, 10, 10}, 1)}; }
    SUBCASE("an unknown action") { plan.rows = {row(99, "", {10, 10, 10}, 1)}; }
    const Budget budget = calculate(plan, call2022());
    CHECK(budget.subsidy_total == 0);
    CHECK(budget.rows.size() == 1);
}

TEST_CASE("[Budget] reach above the maximum is paid up to the maximum only") {
    Plan plan = test_support::valid_plan();
    plan.rows = {row(22, "pleinmakers", {4, 5, 1'000'000'000}, 1)};  // max 4 per application
    const Budget budget = calculate(plan, call2022());
    CHECK(budget.rows[0].subsidy == YearCents{2'320'000, 2'320'000, 2'320'000});
    CHECK(budget.rows[0].maximum_use_permille[0] == 1000);
    CHECK(budget.rows[0].maximum_use_permille[1] == 1250);
    CHECK(budget.rows[0].maximum_use_permille[2] == 1'000'000);  // capped, no overflow
}

TEST_CASE("[Budget] the cooperation stimulus is EUR 10,000 once, in the cooperation's first project year") {
    Plan plan = test_support::valid_plan();
    plan.applicant.kind = ApplicantKind::igs;
    plan.applicant.members = {government("44084", "Merelbeke", 1200)};
    Budget budget = calculate(plan, call2022());
    // A new IGS in 2022: paid by the 2022 call; 2023 and 2024 pay only a year in which a
    // smaller member joins (DOMAIN.md: "once per project year of the call that pays it").
    CHECK(budget.stimulus_per_year == YearCents{1'000'000, 0, 0});
    CHECK(budget.stimulus_total == 1'000'000);
    CHECK(budget.stimulus_reasons[1] == StimulusReason::not_new);
    // Action 5 at EUR 60 x (100 + 200 + 300) = 36,000; the stimulus needs no co-financing.
    CHECK(budget.subsidy_total == 3'600'000);
    CHECK(budget.flemish_total == 4'600'000);
    CHECK(budget.own_contribution == 3'600'000);

    SUBCASE("an existing IGS that takes in a smaller member in 2023 gets it again in 2023") {
        plan.applicant.members.push_back(government("44085", "Melle", 900));
        plan.applicant.members.back().joined = 2023;
        budget = calculate(plan, call2022());
        CHECK(budget.stimulus_per_year == YearCents{1'000'000, 1'000'000, 0});
        CHECK(budget.flemish_total == 3'600'000 + 2'000'000);
    }
    SUBCASE("a member that joins in 2024 only: paid in 2022 for Merelbeke and in 2024") {
        plan.applicant.members.push_back(government("44085", "Melle", 900));
        plan.applicant.members.back().joined = 2024;
        budget = calculate(plan, call2022());
        CHECK(budget.stimulus_per_year == YearCents{1'000'000, 0, 1'000'000});
    }
    SUBCASE("a new member with exactly 7,500 is not smaller") {
        plan.applicant.members.push_back(government("44085", "Melle", 7500));
        plan.applicant.members.back().joined = 2023;
        budget = calculate(plan, call2022());
        CHECK(budget.stimulus_per_year == YearCents{1'000'000, 0, 0});
    }
    SUBCASE("partners outside the lead's reference region do not count") {
        plan.applicant.lead.reference_region = "Gent";
        plan.applicant.members[0].reference_region = "Waasland";
        budget = calculate(plan, call2022());
        CHECK(budget.stimulus_total == 0);
        CHECK(budget.stimulus_reason == StimulusReason::no_smaller_member);
        plan.applicant.members[0].reference_region = "Gent";
        CHECK(calculate(plan, call2022()).stimulus_total == 1'000'000);
    }
    SUBCASE("an IGS that starts in 2023 gets it in 2023, its first year") {
        plan.call = "2023";
        budget = calculate(plan, *find_catalogue("2023"));
        CHECK(budget.stimulus_per_year == YearCents{0, 1'000'000, 0});
        // Action 5 at the assumed EUR 60 x (200 + 300); 2022 is before the plan's first call.
        CHECK(budget.subsidy_per_year == YearCents{0, 1'200'000, 1'800'000});
    }
}

TEST_CASE("[Budget] a call funds only its own project years") {
    Catalogue later = call2022();
    later.call = "2023";
    later.years = {2023, 2024};
    Plan plan = test_support::valid_plan();
    plan.call = "2023";
    const Budget budget = calculate(plan, later);
    CHECK(budget.rows[0].subsidy == YearCents{0, 1'200'000, 1'800'000});
}

TEST_CASE("[Budget] the budget says why an IGS gets no cooperation stimulus") {
    Plan plan = test_support::valid_plan();
    plan.applicant.kind = ApplicantKind::igs;
    plan.applicant.lead = government("42006", "Dendermonde", 6120);
    plan.applicant.members = {government("42008", "Hamme", 2480)};
    Budget budget = calculate(plan, call2022());
    CHECK(budget.stimulus_total == 0);
    CHECK(budget.stimulus_reason == StimulusReason::lead_not_above);
    plan.applicant.lead.non_eu14_residents = 7501;
    budget = calculate(plan, call2022());
    CHECK(budget.stimulus_total == 1'000'000);
    CHECK(budget.stimulus_reason == StimulusReason::qualifies);
}
