#include <doctest/doctest.h>

#include "support.h"

using namespace samenleven;
using test_support::call2022;
using test_support::government;
using test_support::row;

namespace {
const Totals& headline(const Aggregate& a, const std::string& code) {
    for (const auto& [h, totals] : a.headlines)
        if (h.code == code) return totals;
    FAIL("no headline " << code);
    static Totals none;
    return none;
}

Plan municipality(std::string nis, std::string name) {
    Plan plan = test_support::valid_plan();
    plan.applicant.lead = government(std::move(nis), std::move(name), 9000);
    plan.rows.clear();
    return plan;
}
}  // namespace

TEST_CASE("[Aggregate] reproduces published year-1 figures from the plans' results") {
    // "118,178 (of 68,429 planned) practice opportunities in Dutch": two plans.
    Plan a = municipality("11002", "Antwerpen");
    a.rows.push_back(row(5, "adult_learners", {2000, 2000, 2000}, 1, 1000));
    a.rows[0].results[0].confirmed_target = 40'000;
    a.rows[0].results[0].final_reach = 70'000;
    Plan b = municipality("44021", "Gent");
    b.rows.push_back(row(5, "adult_learners", {1500, 0, 0}, 1, 26'929));  // target 28,429
    b.rows[0].results[0].final_reach = 48'178;

    // "41 action plans": flat actions 2, 16, 18 and 19 chosen and carried out in year 1.
    std::vector<Plan> plans{a, b};
    for (int i = 0; i < 20; ++i) {
        Plan p = municipality(std::to_string(90000 + i), "Gemeente " + std::to_string(i));
        p.rows.push_back(row(2, "action_plan", {1, 0, 0}, 1));
        p.rows.push_back(row(i % 2 == 0 ? 16 : 18, "action_plan", {1, 0, 0}, 2));
        for (auto& r : p.rows) r.results[0].final_reach = 1;
        plans.push_back(p);
    }
    plans[2].rows.push_back(row(19, "applicant", {1, 0, 0}, 3));
    plans[2].rows.back().results[0].final_reach = 1;

    const Aggregate year1 = aggregate(plans, call2022(), 2022);
    CHECK(year1.plan_count == 22);
    const Totals& dutch = headline(year1, "dutch_practice");
    CHECK(dutch.planned == 68'429);
    CHECK(dutch.reached == 118'178);
    CHECK(dutch.additional == 3'500);
    CHECK(dutch.plans == 2);
    CHECK(dutch.subsidy == 3'500 * 6000);
    const Totals& action_plans = headline(year1, "action_plans");
    CHECK(action_plans.planned == 41);
    CHECK(action_plans.reached == 41);
    CHECK(action_plans.plans == 20);
    CHECK(action_plans.subsidy == 41 * 2'500'000);

    CHECK(year1.per_action.at(2).planned == 20);
    CHECK(year1.per_action.at(16).planned == 10);
    CHECK(year1.per_objective.at(6).planned == 21);  // 16, 18, 19 are non-discrimination
    CHECK(year1.per_objective.at(1).planned == 20);  // 2 is safety
    CHECK(year1.per_group.at({5, "adult_learners"}).reached == 118'178);
    CHECK(year1.per_year.size() == 1);
    CHECK(year1.flemish_total == 3'500 * 6000 + 41 * 2'500'000);
}

TEST_CASE("[Aggregate] all years, per action and year, other calls skipped") {
    Plan a = municipality("11002", "Antwerpen");
    a.rows.push_back(row(17, "professionals", {100, 50, 0}, 1));
    a.rows.push_back(row(17, "citizens", {10, 20, 30}, 2));
    a.rows.push_back(row(12, "", {99, 99, 99}, 3));  // financed elsewhere: not counted
    Plan other = municipality("44021", "Gent");
    other.call = "2023";
    other.rows.push_back(row(17, "citizens", {5, 5, 5}, 1));

    const Aggregate all = aggregate({a, other}, call2022());
    CHECK(all.plan_count == 1);
    CHECK(all.skipped_plans == 1);
    CHECK(all.per_action.at(17).additional == 210);
    CHECK(all.per_action.at(17).plans == 1);
    CHECK(all.per_action.count(12) == 0);
    CHECK(all.per_group.at({17, "citizens"}).additional == 60);
    CHECK(all.per_action_year.at(17).at(2023).additional == 70);
    CHECK(all.per_year.at(2024).subsidy == 30 * 9000);
    CHECK(headline(all, "bystanders").additional == 210);
    CHECK(all.flemish_total == 210 * 9000);
}
