// The Dendermonde - Lebbeke - Buggenhout - Hamme IGS (tests/data/dendermonde_igs.json), with
// its totals worked out by hand below, not by calling the code under test.
#include <doctest/doctest.h>

#include "support.h"

using namespace samenleven;
using test_support::read_data;

TEST_CASE("[Demo] the Dendermonde IGS plan's budget matches the hand-worked totals") {
    const PlanReading reading = read_plan_text(read_data("dendermonde_igs.json"));
    REQUIRE(reading.findings.empty());
    const Plan& plan = reading.plan;
    REQUIRE(plan.rows.size() == 5);
    const Budget budget = calculate(plan, test_support::call2022());

    // Row by row, EUR: action 5 at 60 x 600/700/800; action 15 at 320 x 80/100/120;
    // action 9 at 650 x 30/40/40; action 13 at 210 x 25/25/30; action 16 flat 25,000 in year 1.
    CHECK(budget.rows[0].subsidy == YearCents{3'600'000, 4'200'000, 4'800'000});
    CHECK(budget.rows[0].total == 12'600'000);
    CHECK(budget.rows[1].subsidy == YearCents{2'560'000, 3'200'000, 3'840'000});
    CHECK(budget.rows[1].total == 9'600'000);
    CHECK(budget.rows[2].subsidy == YearCents{1'950'000, 2'600'000, 2'600'000});
    CHECK(budget.rows[2].total == 7'150'000);
    CHECK(budget.rows[3].subsidy == YearCents{525'000, 525'000, 630'000});
    CHECK(budget.rows[3].total == 1'680'000);
    CHECK(budget.rows[4].subsidy == YearCents{2'500'000, 0, 0});

    // 2022-23: 36,000 + 25,600 + 19,500 + 5,250 + 25,000 = 111,350
    // 2023-24: 42,000 + 32,000 + 26,000 + 5,250           = 105,250
    // 2024-25: 48,000 + 38,400 + 26,000 + 6,300           = 118,700
    CHECK(budget.subsidy_per_year == YearCents{11'135'000, 10'525'000, 11'870'000});
    CHECK(budget.subsidy_total == 33'530'000);
    // Dendermonde itself has 6,120 (not above 7,500): no cooperation stimulus.
    CHECK(budget.stimulus_total == 0);
    CHECK(budget.flemish_total == 33'530'000);
    CHECK(budget.own_contribution == 33'530'000);

    // Objectives: 2 Dutch 126,000; 4 work 71,500; 5 networks 96,000 + 16,800; 6 non-discrimination 25,000.
    REQUIRE(budget.objectives.size() == 7);
    CHECK(budget.objectives[0].total == 0);
    CHECK(budget.objectives[1].total == 12'600'000);
    CHECK(budget.objectives[2].total == 0);
    CHECK(budget.objectives[3].total == 7'150'000);
    CHECK(budget.objectives[4].total == 11'280'000);
    CHECK(budget.objectives[5].total == 2'500'000);
    CHECK(budget.objectives[6].total == 0);

    // Targets: current + additional (400 + 600), and the maximum's use (800 of 2,250).
    CHECK(budget.rows[0].target == YearCounts{1000, 1100, 1200});
    CHECK(budget.rows[0].maximum_use_permille[2] == 355);
}

TEST_CASE("[Demo] the Dendermonde IGS is eligible together and has only warnings") {
    const Plan plan = read_plan_text(read_data("dendermonde_igs.json")).plan;
    const Eligibility verdict = eligibility(plan.applicant, test_support::call2022().rules);
    CHECK(verdict.eligible);
    CHECK(verdict.counted_residents == 10'890);  // 6,120 + 2,480 + 1,350 + 940
    const auto findings = validate(plan, test_support::call2022());
    CHECK_FALSE(has_errors(findings));
    // Action 9 reached 10 of 50 at 31 March: below 25 %.
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].code == "result.interim_low");
    CHECK(findings[0].path == "rows[2].results[2022].interim_reach");
}
