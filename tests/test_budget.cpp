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

TEST_CASE("[Budget] the cooperation stimulus is EUR 10,000 per project year for a qualifying lead") {
    Plan plan = test_support::valid_plan();
    plan.applicant.kind = ApplicantKind::igs;
    plan.applicant.members = {government("44084", "Merelbeke", 1200)};
    const Budget budget = calculate(plan, call2022());
    CHECK(budget.stimulus_per_year == YearCents{1'000'000, 1'000'000, 1'000'000});
    CHECK(budget.stimulus_total == 3'000'000);
    // Action 5 at EUR 60 x (100 + 200 + 300) = 36,000; the stimulus needs no co-financing.
    CHECK(budget.subsidy_total == 3'600'000);
    CHECK(budget.flemish_total == 6'600'000);
    CHECK(budget.own_contribution == 3'600'000);
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
    CHECK(budget.stimulus_total == 3'000'000);
    CHECK(budget.stimulus_reason == StimulusReason::qualifies);
}
