// Allocation by priority. Every expected amount is worked out by hand from the call 2022
// prices (DOMAIN.md) in the comments; none is computed by the code under test.
#include <doctest/doctest.h>

#include "samenleven/allocation.h"
#include "support.h"

using namespace samenleven;
using test_support::call2022;
using test_support::government;
using test_support::row;

namespace {

Plan plan_of(std::string id, std::string name, std::vector<ActionRow> rows) {
    Plan plan = test_support::valid_plan();
    plan.id = std::move(id);
    plan.applicant.lead = government("", std::move(name), 20000);
    plan.rows = std::move(rows);
    return plan;
}

// Three applicants. Requests in 2022 (cents):
//   Gent      p1 action 5, 100 learners x EUR 60        =   600,000
//             p2 action 17, 10 professionals x EUR 90   =    90,000
//   Mechelen  p1 action 2, an action plan, flat          = 2,500,000
//             p2 action 15, 1 family x EUR 320           =    32,000
//             p3 action 9, 1 newcomer x EUR 650          =    65,000
//   Genk      p1 action 13, 10 young people x EUR 210    =   210,000
//             p2 action 17, 7 citizens x EUR 90          =    63,000
// Level 1: 3,310,000; level 2: 185,000; level 3: 65,000; total 3,560,000.
std::vector<Plan> three_plans() {
    return {plan_of("gent", "Gent", {row(5, "adult_learners", {100, 0, 0}, 1), row(17, "professionals", {10, 0, 0}, 2)}),
            plan_of("mechelen", "Mechelen",
                    {row(2, "action_plan", {1, 0, 0}, 1), row(15, "families", {1, 0, 0}, 2), row(9, "newcomers", {1, 0, 0}, 3)}),
            plan_of("genk", "Genk", {row(13, "foreign_origin", {10, 0, 0}, 1), row(17, "citizens", {7, 0, 0}, 2)})};
}

// The allocated cents of every row, plan by plan, rows in priority order.
std::vector<std::vector<Cents>> allocated(const Allocation& a) {
    std::vector<std::vector<Cents>> out;
    for (const auto& plan : a.plans) {
        out.emplace_back();
        for (const auto& r : plan.rows) out.back().push_back(r.allocated);
    }
    return out;
}

std::vector<std::vector<Funding>> funding(const Allocation& a) {
    std::vector<std::vector<Funding>> out;
    for (const auto& plan : a.plans) {
        out.emplace_back();
        for (const auto& r : plan.rows) out.back().push_back(r.funding);
    }
    return out;
}

constexpr Funding F = Funding::full, P = Funding::partial, N = Funding::none;

}  // namespace

TEST_CASE("[Allocation] everything fits: every row is funded in full") {
    const Allocation a = allocate(three_plans(), call2022(), 2022, 5'000'000);
    CHECK(a.year == 2022);
    CHECK(a.budget == 5'000'000);
    CHECK(a.requested == 3'560'000);
    CHECK(a.allocated == 3'560'000);
    CHECK(a.partial_priority == 0);
    CHECK(allocated(a) == std::vector<std::vector<Cents>>{{600'000, 90'000}, {2'500'000, 32'000, 65'000}, {210'000, 63'000}});
    CHECK(funding(a) == std::vector<std::vector<Funding>>{{F, F}, {F, F, F}, {F, F}});
    REQUIRE(a.plans.size() == 3);
    CHECK(a.plans[1].plan_id == "mechelen");
    CHECK(a.plans[1].applicant == "Mechelen");
    CHECK(a.plans[1].requested == 2'597'000);
    CHECK(a.plans[1].allocated == 2'597'000);
    CHECK(a.plans[1].rows[2].row == 2);
    CHECK(a.plans[1].rows[2].priority == 3);
    CHECK(a.plans[1].rows[2].requested == 65'000);
}

TEST_CASE("[Allocation] a budget equal to the request funds everything; one cent less does not") {
    SUBCASE("exactly") {
        const Allocation a = allocate(three_plans(), call2022(), 2022, 3'560'000);
        CHECK(a.allocated == 3'560'000);
        CHECK(a.partial_priority == 0);
        CHECK(funding(a) == std::vector<std::vector<Funding>>{{F, F}, {F, F, F}, {F, F}});
    }
    SUBCASE("one cent short: the last level (Mechelen's priority 3) misses that cent") {
        const Allocation a = allocate(three_plans(), call2022(), 2022, 3'559'999);
        CHECK(a.allocated == 3'559'999);
        CHECK(a.partial_priority == 3);
        CHECK(allocated(a) == std::vector<std::vector<Cents>>{{600'000, 90'000}, {2'500'000, 32'000, 64'999}, {210'000, 63'000}});
        CHECK(funding(a) == std::vector<std::vector<Funding>>{{F, F}, {F, F, P}, {F, F}});
        CHECK(a.plans[1].allocated == 2'596'999);
    }
}

TEST_CASE("[Allocation] the money runs out inside priority 2: equal shares, leftover cents by largest remainder") {
    // Budget 3,430,000: level 1 (3,310,000) in full, 120,000 left for level 2 (185,000).
    // Shares floor(request x 120,000 / 185,000), remainder of the division:
    //   Gent     90,000 x 120,000 = 10,800,000,000 -> 58,378, remainder  70,000
    //   Mechelen 32,000 x 120,000 =  3,840,000,000 -> 20,756, remainder 140,000
    //   Genk     63,000 x 120,000 =  7,560,000,000 -> 40,864, remainder 160,000
    // The floors make 119,998; the 2 cents left go to Genk (160,000) and Mechelen (140,000).
    // Level 3 (Mechelen's newcomer) gets nothing.
    const Allocation a = allocate(three_plans(), call2022(), 2022, 3'430'000);
    CHECK(a.requested == 3'560'000);
    CHECK(a.allocated == 3'430'000);
    CHECK(a.partial_priority == 2);
    CHECK(allocated(a) == std::vector<std::vector<Cents>>{{600'000, 58'378}, {2'500'000, 20'757, 0}, {210'000, 40'865}});
    CHECK(funding(a) == std::vector<std::vector<Funding>>{{F, P}, {F, P, N}, {F, P}});
    CHECK(a.plans[0].requested == 690'000);
    CHECK(a.plans[0].allocated == 658'378);
    CHECK(a.plans[1].requested == 2'597'000);
    CHECK(a.plans[1].allocated == 2'520'757);
    CHECK(a.plans[2].requested == 273'000);
    CHECK(a.plans[2].allocated == 250'865);
}

TEST_CASE("[Allocation] equal remainders: leftover cents by plan order, then row order") {
    // One level of three requests of 90,000 (10 bystanders x EUR 90) = 270,000; budget 135,002.
    // Each: 90,000 x 135,002 = 12,150,180,000 / 270,000 -> 45,000, remainder 180,000.
    // The 2 cents left: the first plan given (Hasselt), then Brugge's first row.
    const std::vector<Plan> plans{
        plan_of("hasselt", "Hasselt", {row(17, "professionals", {10, 0, 0}, 1)}),
        plan_of("brugge", "Brugge", {row(17, "citizens", {10, 0, 0}, 1), row(17, "professionals", {10, 0, 0}, 1)})};
    const Allocation a = allocate(plans, call2022(), 2022, 135'002);
    CHECK(a.partial_priority == 1);
    CHECK(allocated(a) == std::vector<std::vector<Cents>>{{45'001}, {45'001, 45'000}});
    CHECK(a.plans[1].rows[0].row == 0);
    CHECK(a.plans[1].rows[1].row == 1);
}

TEST_CASE("[Allocation] rows without a priority come after every numbered level") {
    // Leuven: row 0 without priority (10 professionals x EUR 90 = 90,000), row 1 p1 (100
    // learners x EUR 60 = 600,000). Aalst: p3 only (1 family x EUR 320 = 32,000).
    // Budget 677,000: p1 600,000 and p3 32,000 in full; 45,000 left for the 90,000 without priority.
    const std::vector<Plan> plans{
        plan_of("leuven", "Leuven", {row(17, "professionals", {10, 0, 0}, 0), row(5, "adult_learners", {100, 0, 0}, 1)}),
        plan_of("aalst", "Aalst", {row(15, "families", {1, 0, 0}, 3)})};
    const Allocation a = allocate(plans, call2022(), 2022, 677'000);
    CHECK(a.partial_priority == -1);
    REQUIRE(a.plans[0].rows.size() == 2);
    CHECK(a.plans[0].rows[0].row == 1);  // priority order: the priority-1 row first
    CHECK(a.plans[0].rows[1].row == 0);
    CHECK(a.plans[0].rows[1].priority == 0);
    CHECK(allocated(a) == std::vector<std::vector<Cents>>{{600'000, 45'000}, {32'000}});
    CHECK(funding(a) == std::vector<std::vector<Funding>>{{F, P}, {F}});

    SUBCASE("enough money: the rows without priority too") {
        const Allocation all = allocate(plans, call2022(), 2022, 722'000);
        CHECK(all.partial_priority == 0);
        CHECK(allocated(all) == std::vector<std::vector<Cents>>{{600'000, 90'000}, {32'000}});
    }
    SUBCASE("the money runs out at priority 3: the rows without priority get nothing") {
        const Allocation less = allocate(plans, call2022(), 2022, 616'000);
        CHECK(less.partial_priority == 3);
        CHECK(allocated(less) == std::vector<std::vector<Cents>>{{600'000, 0}, {16'000}});
        CHECK(funding(less) == std::vector<std::vector<Funding>>{{F, N}, {P}});
    }
}

TEST_CASE("[Allocation] a budget of 0 funds nothing") {
    const Allocation a = allocate(three_plans(), call2022(), 2022, 0);
    CHECK(a.requested == 3'560'000);
    CHECK(a.allocated == 0);
    CHECK(a.partial_priority == 1);
    CHECK(allocated(a) == std::vector<std::vector<Cents>>{{0, 0}, {0, 0, 0}, {0, 0}});
    CHECK(funding(a) == std::vector<std::vector<Funding>>{{N, N}, {N, N, N}, {N, N}});
}

TEST_CASE("[Allocation] rows that request 0 are funded in full at 0 and take nothing from the others") {
    // Oostende: p1 action 5 with reach only in 2023 (0 in 2022), p2 action 12 (another channel),
    // p3 1 newcomer x EUR 650 = 65,000, p4 action 5 again with no reach in 2022.
    const std::vector<Plan> plans{plan_of("oostende", "Oostende",
                                          {row(5, "adult_learners", {0, 100, 0}, 1), row(12, "", {50, 50, 50}, 2),
                                           row(9, "newcomers", {1, 0, 0}, 3), row(17, "citizens", {0, 5, 0}, 4)})};
    const Allocation a = allocate(plans, call2022(), 2022, 30'000);
    CHECK(a.requested == 65'000);
    CHECK(a.allocated == 30'000);
    CHECK(a.partial_priority == 3);
    CHECK(allocated(a) == std::vector<std::vector<Cents>>{{0, 0, 30'000, 0}});
    CHECK(funding(a) == std::vector<std::vector<Funding>>{{F, F, P, F}});

    SUBCASE("a plan that requests nothing at all") {
        const Allocation none = allocate({plan_of("leeg", "Leeg", {row(5, "adult_learners", {0, 10, 0}, 1)})}, call2022(), 2022, 0);
        CHECK(none.requested == 0);
        CHECK(none.partial_priority == 0);
        CHECK(funding(none) == std::vector<std::vector<Funding>>{{F}});
    }
}

TEST_CASE("[Allocation] several plans with their own priority numbering: levels are the numbers as written") {
    // Antwerpen p1 100 learners x 60 = 600,000; p2 10 professionals x 90 = 90,000; p3 1 newcomer x 650 = 65,000.
    // Kortrijk (gaps) p2 action plan 2,500,000; p5 10 young people x 210 = 210,000.
    // Roeselare (rows listed p3, p1, p1) p3 1 pleinmaker x 5,800 = 580,000; p1 1 family x 320 = 32,000;
    //   p1 10 families x 170 = 170,000.
    // Level 1: 600,000 + 32,000 + 170,000 = 802,000; level 2: 90,000 + 2,500,000 = 2,590,000;
    // level 3: 65,000 + 580,000 = 645,000; level 5: 210,000. Levels 1-3: 4,037,000.
    const std::vector<Plan> plans{
        plan_of("antwerpen", "Antwerpen",
                {row(5, "adult_learners", {100, 0, 0}, 1), row(17, "professionals", {10, 0, 0}, 2), row(9, "newcomers", {1, 0, 0}, 3)}),
        plan_of("kortrijk", "Kortrijk", {row(2, "action_plan", {1, 0, 0}, 2), row(13, "foreign_origin", {10, 0, 0}, 5)}),
        plan_of("roeselare", "Roeselare",
                {row(22, "pleinmakers", {1, 0, 0}, 3), row(15, "families", {1, 0, 0}, 1), row(20, "families", {10, 0, 0}, 1)})};
    SUBCASE("the money runs out at level 5: 63,000 of Kortrijk's 210,000") {
        const Allocation a = allocate(plans, call2022(), 2022, 4'100'000);
        CHECK(a.requested == 4'247'000);
        CHECK(a.partial_priority == 5);
        CHECK(allocated(a) ==
              std::vector<std::vector<Cents>>{{600'000, 90'000, 65'000}, {2'500'000, 63'000}, {32'000, 170'000, 580'000}});
        REQUIRE(a.plans[2].rows.size() == 3);
        CHECK(a.plans[2].rows[0].row == 1);
        CHECK(a.plans[2].rows[1].row == 2);
        CHECK(a.plans[2].rows[2].row == 0);
    }
    SUBCASE("the money runs out at level 2: Kortrijk's p2 shares with Antwerpen's p2") {
        // 1,000,000 - 802,000 = 198,000 for level 2 (2,590,000):
        //   Antwerpen    90,000 x 198,000 =  17,820,000,000 / 2,590,000 ->   6,880, remainder   800,000
        //   Kortrijk  2,500,000 x 198,000 = 495,000,000,000 / 2,590,000 -> 191,119, remainder 1,790,000
        // Floors 197,999; the cent left goes to Kortrijk.
        const Allocation a = allocate(plans, call2022(), 2022, 1'000'000);
        CHECK(a.partial_priority == 2);
        CHECK(allocated(a) == std::vector<std::vector<Cents>>{{600'000, 6'880, 0}, {191'120, 0}, {32'000, 170'000, 0}});
        CHECK(funding(a) == std::vector<std::vector<Funding>>{{F, P, N}, {P, N}, {F, F, N}});
    }
}

TEST_CASE("[Allocation] the year chooses the column of the budget") {
    // 2023: Gent's learners are 0 in 2022 but 200 x EUR 60 = 1,200,000 in 2023.
    const std::vector<Plan> plans{plan_of("gent", "Gent", {row(5, "adult_learners", {0, 200, 0}, 1)})};
    const Allocation a = allocate(plans, call2022(), 2023, 1'000'000);
    CHECK(a.year == 2023);
    CHECK(a.requested == 1'200'000);
    CHECK(a.allocated == 1'000'000);
    CHECK(a.partial_priority == 1);
}

TEST_CASE("[Allocation] the cooperation stimulus is outside the allocation") {
    // An IGS lead with a smaller member qualifies for EUR 10,000 a year; the request is its row only.
    Plan plan = plan_of("igs", "Gent", {row(5, "adult_learners", {100, 0, 0}, 1)});
    plan.applicant.kind = ApplicantKind::igs;
    plan.applicant.members = {government("44084", "Merelbeke", 1200)};
    REQUIRE(calculate(plan, call2022()).stimulus_per_year[0] == 1'000'000);
    const Allocation a = allocate({plan}, call2022(), 2022, 600'000);
    CHECK(a.requested == 600'000);
    CHECK(a.allocated == 600'000);
    CHECK(a.partial_priority == 0);
}

TEST_CASE("[Allocation] refuses what it cannot divide") {
    auto code_of = [](auto&& call) {
        try {
            call();
        } catch (const InputError& e) {
            return e.code() + " " + e.path();
        }
        return std::string("no error");
    };
    SUBCASE("a plan of another call") {
        std::vector<Plan> plans = three_plans();
        plans[1].call = "2023";
        CHECK(code_of([&] { allocate(plans, call2022(), 2022, 1); }) == "allocation.call plans[1].call");
    }
    SUBCASE("a year that is not a project year") {
        CHECK(code_of([&] { allocate(three_plans(), call2022(), 2031, 1); }) == "allocation.year year");
    }
    SUBCASE("a project year before the plans' call") {
        // Plans of the 2023 call cover 2023 (their own call) and 2024 (the next), not 2022.
        const Catalogue& call2023 = *find_catalogue("2023");
        CHECK(code_of([&] { allocate(three_plans(), call2023, 2022, 1); }) == "allocation.year year");
        try {
            allocate(three_plans(), call2023, 2022, 1);
        } catch (const InputError& e) {
            CHECK(e.message() == "Oproep 2023 financiert projectjaar 2022-2023 niet; kies 2023 of 2024.");
        }
    }
    SUBCASE("a negative budget") {
        CHECK(code_of([&] { allocate(three_plans(), call2022(), 2022, -1); }) == "allocation.budget budget");
    }
}

TEST_CASE("[Allocation] no plans: nothing requested, nothing allocated") {
    const Allocation a = allocate({}, call2022(), 2022, 1'000);
    CHECK(a.requested == 0);
    CHECK(a.allocated == 0);
    CHECK(a.partial_priority == 0);
    CHECK(a.plans.empty());
}

TEST_CASE("[Allocation] JSON: money as cents and Dutch text, funding as code and Dutch word") {
    const nlohmann::json j = allocation_json(allocate(three_plans(), call2022(), 2022, 3'430'000));
    CHECK(j["year"] == 2022);
    CHECK(j["year_label"] == "2022-2023");
    CHECK(j["budget"] == nlohmann::json{{"cents", 3'430'000}, {"text", "€ 34.300,00"}});
    CHECK(j["requested"] == nlohmann::json{{"cents", 3'560'000}, {"text", "€ 35.600,00"}});
    CHECK(j["allocated"]["cents"] == 3'430'000);
    CHECK(j["unallocated"]["cents"] == 0);
    CHECK(j["partial_priority"] == 2);
    // Level 2: 120,000 of 185,000 = 648.6 per mille, shown rounded down.
    CHECK(j["summary"] ==
          "Het budget volstaat niet voor alle aanvragen: prioriteit 1 wordt volledig gefinancierd, de rijen met prioriteit 2 "
          "krijgen elk hetzelfde deel van hun aanvraag (64,8 %) en latere prioriteiten en rijen zonder prioriteit krijgen niets.");
    const nlohmann::json& mechelen = j["plans"][1];
    CHECK(mechelen["plan_id"] == "mechelen");
    CHECK(mechelen["applicant"] == "Mechelen");
    CHECK(mechelen["requested"]["text"] == "€ 25.970,00");
    CHECK(mechelen["allocated"]["text"] == "€ 25.207,57");
    CHECK(mechelen["funding"] == "partial");
    CHECK(mechelen["rows"][1] == nlohmann::json{{"row", 1},
                                                {"priority", 2},
                                                {"action", 15},
                                                {"target_group", "families"},
                                                {"requested", {{"cents", 32'000}, {"text", "€ 320,00"}}},
                                                {"allocated", {{"cents", 20'757}, {"text", "€ 207,57"}}},
                                                {"funding", "partial"},
                                                {"funding_text", "gedeeltelijk"}});
    CHECK(mechelen["rows"][2]["funding_text"] == "niet");
    CHECK(j["plans"][0]["rows"][0]["funding_text"] == "volledig");

    CHECK(allocation_json(allocate(three_plans(), call2022(), 2022, 5'000'000))["summary"] ==
          "Het budget volstaat: elke aanvraag wordt volledig gefinancierd.");
    CHECK(allocation_json(allocate(three_plans(), call2022(), 2022, 5'000'000))["unallocated"]["cents"] == 1'440'000);
}
