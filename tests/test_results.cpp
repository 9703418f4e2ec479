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

TEST_CASE("[Results] report deadlines of a project year and days between civil dates") {
    const ReportDeadlines d = report_deadlines(2022);
    CHECK(d.interim_from == CivilDate{2023, 3, 31});
    CHECK(d.yearly_from == CivilDate{2023, 9, 30});
    CHECK(d.yearly_due == CivilDate{2023, 10, 15});
    CHECK(date_label(d.yearly_due) == "15-10-2023");
    CHECK(date_label(CivilDate{2024, 2, 29}) == "29-02-2024");
    // 1 October 2022 00:00 UTC is 1664582400; a second before midnight is still that day.
    CHECK(civil_date_from_unix(1664582400.0) == CivilDate{2022, 10, 1});
    CHECK(civil_date_from_unix(1664668799.9) == CivilDate{2022, 10, 1});
    CHECK(civil_date_from_unix(0) == CivilDate{1970, 1, 1});
    CHECK(civil_date_from_unix(1951516800.0) == CivilDate{2031, 11, 4});
    CHECK(days_from(CivilDate{2022, 10, 1}, CivilDate{2023, 10, 15}) == 379);
    CHECK(days_from(CivilDate{2024, 2, 28}, CivilDate{2024, 3, 1}) == 2);  // leap year
    CHECK(days_from(CivilDate{2023, 10, 15}, CivilDate{2023, 10, 1}) == -14);
}
