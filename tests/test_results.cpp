#include <doctest/doctest.h>

#include "support.h"

using namespace samenleven;
using test_support::call2022;
using test_support::row;

TEST_CASE("[Results] interim check, year reached and the three-year cumulative target") {
    Plan plan = test_support::valid_plan();
    plan.rows = {row(5, "adult_learners", {100, 100, 100}, 1, 100)};  // planned target 200 a year
    auto& results = plan.rows[0].results;

    SUBCASE("nothing reported: targets are the planned ones, nothing met yet") {
        const RowStatus status = result_status(plan, call2022())[0];
        CHECK(status.years[0].target == 200);
        CHECK_FALSE(status.years[0].target_confirmed);
        CHECK_FALSE(status.years[0].interim_reported);
        CHECK(status.cumulative_target == 600);
        CHECK(status.cumulative_reached == 0);
        CHECK_FALSE(status.cumulative_met);
        CHECK(status.cumulative_shortfall == 600);
        CHECK(status.progress_permille == 0);
    }
    SUBCASE("25 % at the interim is enough, 24 % is not") {
        results[0].confirmed_target = 180;
        results[0].interim_reach = 45;  // 25 % of 180
        results[1].interim_reach = 47;  // 23.5 % of 200
        const RowStatus status = result_status(plan, call2022())[0];
        CHECK(status.years[0].target == 180);
        CHECK(status.years[0].target_confirmed);
        CHECK(status.years[0].interim_ok);
        CHECK(status.years[1].interim_reported);
        CHECK_FALSE(status.years[1].interim_ok);
        CHECK(status.cumulative_target == 580);
    }
    SUBCASE("a missed year can be caught up over the three years together") {
        results[0].final_reach = 150;  // 50 short
        results[1].final_reach = 230;
        results[2].final_reach = 220;
        const RowStatus status = result_status(plan, call2022())[0];
        CHECK_FALSE(status.years[0].reached);
        CHECK(status.years[0].shortfall == 50);
        CHECK(status.years[1].reached);
        CHECK(status.years[2].reached);
        CHECK(status.cumulative_reached == 600);
        CHECK(status.cumulative_met);
        CHECK(status.cumulative_shortfall == 0);
        CHECK(status.progress_permille == 1000);
    }
    SUBCASE("a shortfall over the three years") {
        results[0].final_reach = 150;
        results[1].final_reach = 150;
        results[2].final_reach = 150;
        const RowStatus status = result_status(plan, call2022())[0];
        CHECK_FALSE(status.cumulative_met);
        CHECK(status.cumulative_shortfall == 150);
        CHECK(status.progress_permille == 750);
    }
}

TEST_CASE("[Results] a missed target asks for a reason and a recovery plan") {
    Plan plan = test_support::valid_plan();
    plan.rows[0].results[0].final_reach = 10;  // target 150
    auto findings = validate(plan, call2022());
    CHECK(test_support::has_code(findings, "result.reason_missing", "rows[0].results[2022].reason"));
    CHECK(test_support::has_code(findings, "result.recovery_missing", "rows[0].results[2022].recovery_plan"));
    CHECK_FALSE(has_errors(findings));  // a missed target does not block anything by itself
    plan.rows[0].results[0].reason = "Lokaal gesloten wegens verbouwing.";
    plan.rows[0].results[0].recovery_plan = "Extra sessies in het volgende jaar.";
    findings = validate(plan, call2022());
    CHECK(findings.empty());
}
