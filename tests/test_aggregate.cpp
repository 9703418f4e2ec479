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

TEST_CASE("[Aggregate] all years, per action and year, each plan under its own calls, unknown calls skipped") {
    Plan a = municipality("11002", "Antwerpen");
    a.rows.push_back(row(17, "professionals", {100, 50, 0}, 1));
    a.rows.push_back(row(17, "citizens", {10, 20, 30}, 2));
    a.rows.push_back(row(12, "", {99, 99, 99}, 3));  // financed elsewhere: not counted
    // A plan that starts in the 2023 call: its 2022 reach is outside it; 2023 and 2024 count.
    Plan later = municipality("44021", "Gent");
    later.call = "2023";
    later.rows.push_back(row(17, "citizens", {5, 5, 5}, 1));
    Plan unknown = municipality("44019", "Evergem");
    unknown.call = "2031";
    unknown.rows.push_back(row(17, "citizens", {7, 7, 7}, 1));

    const Aggregate all = aggregate({a, later, unknown}, call2022());
    CHECK(all.plan_count == 2);
    CHECK(all.skipped_plans == 1);
    CHECK(all.per_action.at(17).additional == 210 + 10);  // 100 + 50 + 10 + 20 + 30, and 5 + 5
    CHECK(all.per_action.at(17).plans == 2);
    CHECK(all.per_action.count(12) == 0);
    CHECK(all.per_group.at({17, "citizens"}).additional == 60 + 10);
    CHECK(all.per_action_year.at(17).at(2023).additional == 70 + 5);
    CHECK(all.per_action_year.at(17).count(2022) == 1);
    CHECK(all.per_year.at(2024).subsidy == (30 + 5) * 9000);  // EUR 90, assumed for 2024
    CHECK(headline(all, "bystanders").additional == 220);
    CHECK(all.flemish_total == 220 * 9000);
}

TEST_CASE("[Aggregate] represented local governments: who an applicant represents") {
    Applicant igs{ApplicantKind::igs, government("11005", "Boom", 7940),
                  {government("11030", "Niel", 2130), government("11038", "Schelle", 1460)}};
    CHECK(represented_governments(igs) == std::vector<std::string>{"11005", "11030", "11038"});
    Applicant rand{ApplicantKind::de_rand, government("23000", "de Rand vzw", 0),
                   {government("23098", "Drogenbos", 1150), government("23102", "Wemmel", 2240)}};
    CHECK(represented_governments(rand) == std::vector<std::string>{"23098", "23102"});  // not the vzw
    Applicant vgc{ApplicantKind::vgc, government("04000", "Vlaamse Gemeenschapscommissie", 480'000), {}};
    CHECK(represented_governments(vgc) == std::vector<std::string>{"04000"});
    // A municipality's members do not count (validation warns: applicant.members_ignored).
    Applicant gent{ApplicantKind::municipality, government("44021", "Gent", 78'000), {government("44019", "Evergem", 100)}};
    CHECK(represented_governments(gent) == std::vector<std::string>{"44021"});
    // A government without NIS code is known by its name, as government_key() writes it.
    Applicant nameless{ApplicantKind::municipality, government("", "Sint-Gillis Waas", 3880), {}};
    CHECK(represented_governments(nameless) == std::vector<std::string>{"sint-gilliswaas"});
}

namespace {
// Four applicants, worked out by hand below: an IGS of three whose Dutch row is split with 0
// for Schelle, a municipality, de Rand with two facility municipalities, the VGC.
std::vector<Plan> four_applicants() {
    Plan igs = municipality("11005", "Boom");
    igs.applicant.kind = ApplicantKind::igs;
    igs.applicant.members = {government("11030", "Niel", 2130), government("11038", "Schelle", 1460)};
    igs.rows.push_back(row(5, "adult_learners", {90, 60, 0}, 1));
    igs.rows[0].split = {{"11005", {50, 60, 0}}, {"11030", {40, 0, 0}}, {"11038", {0, 0, 0}}};
    igs.rows.push_back(row(15, "families", {20, 0, 0}, 2));  // no split: all three

    Plan gent = municipality("44021", "Gent");
    gent.rows.push_back(row(5, "adult_learners", {100, 0, 0}, 1));

    Plan rand = municipality("23000", "de Rand vzw");
    rand.applicant.kind = ApplicantKind::de_rand;
    rand.applicant.members = {government("23098", "Drogenbos", 1150), government("23102", "Wemmel", 2240)};
    rand.rows.push_back(row(17, "professionals", {30, 0, 0}, 1));
    rand.rows.push_back(row(5, "adult_learners", {10, 0, 0}, 2));
    rand.rows[1].split = {{"23000", {10, 0, 0}}};  // only the vzw has a share: no government named, so both

    Plan vgc = municipality("04000", "Vlaamse Gemeenschapscommissie");
    vgc.applicant.kind = ApplicantKind::vgc;
    vgc.rows.push_back(row(5, "adult_learners", {200, 0, 0}, 1));
    return {igs, gent, rand, vgc};
}
}  // namespace

TEST_CASE("[Aggregate] represented local governments per figure: a split counts the members with a share above 0") {
    const std::vector<Plan> plans = four_applicants();
    const Aggregate year1 = aggregate(plans, call2022(), 2022);
    CHECK(year1.plan_count == 4);
    // Every counted plan's governments: Boom, Niel, Schelle; Gent; Drogenbos, Wemmel; the VGC.
    CHECK(year1.governments == 7);
    // Action 5 in 2022-2023: Boom and Niel (Schelle has 0), Gent, Drogenbos and Wemmel, the VGC.
    CHECK(year1.per_action.at(5).plans == 4);
    CHECK(year1.per_action.at(5).governments == 6);
    CHECK(year1.per_group.at({5, "adult_learners"}).governments == 6);
    CHECK(year1.per_objective.at(2).governments == 6);
    CHECK(headline(year1, "dutch_practice").plans == 4);
    CHECK(headline(year1, "dutch_practice").governments == 6);
    // Action 15 without a split: the whole IGS.
    CHECK(year1.per_action.at(15).governments == 3);
    CHECK(headline(year1, "education_support").governments == 3);
    // Action 17 of de Rand: the facility municipalities, not the vzw.
    CHECK(year1.per_action.at(17).governments == 2);
    CHECK(headline(year1, "bystanders").governments == 2);
    // The year: each plan's governments once, whatever its rows (the IGS: all three through 15).
    CHECK(year1.per_year.at(2022).plans == 4);
    CHECK(year1.per_year.at(2022).governments == 7);
    CHECK(headline(year1, "work_guidance").governments == 0);

    // 2023-2024: only the IGS's Dutch row has reach, all of it Boom's.
    const Aggregate year2 = aggregate(plans, call2022(), 2023);
    CHECK(year2.per_action.at(5).plans == 1);
    CHECK(year2.per_action.at(5).governments == 1);
    CHECK(year2.governments == 7);  // the plans are counted, and so are their governments

    // All years: Boom and Niel in 2022, Boom in 2023: still Boom and Niel for the IGS.
    const Aggregate all = aggregate(plans, call2022());
    CHECK(all.per_action.at(5).governments == 6);
    CHECK(all.per_action_year.at(5).at(2022).governments == 6);
    CHECK(all.per_action_year.at(5).at(2023).governments == 1);
    CHECK(all.governments == 7);

    // Summable: the plans' aggregates one by one add up to the aggregate over all of them.
    int per_action_5 = 0, per_year = 0, overall = 0;
    for (const Plan& plan : plans) {
        const Aggregate alone = aggregate({plan}, call2022(), 2022);
        per_action_5 += alone.per_action.count(5) ? alone.per_action.at(5).governments : 0;
        per_year += alone.per_year.at(2022).governments;
        overall += alone.governments;
    }
    CHECK(per_action_5 == 6);
    CHECK(per_year == 7);
    CHECK(overall == 7);
}

TEST_CASE("[Aggregate] represented local governments: a government in two plans is counted in each, and reported") {
    std::vector<Plan> plans = four_applicants();
    Plan niel = municipality("11030", "Niel");  // also a member of Boom's IGS
    niel.rows.push_back(row(5, "adult_learners", {15, 0, 0}, 1));
    plans.push_back(niel);
    const Aggregate year1 = aggregate(plans, call2022(), 2022);
    CHECK(year1.governments == 8);
    CHECK(year1.per_action.at(5).governments == 7);
    const std::vector<Finding> findings = validate_cooperations(plans);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].code == "cooperation.member_twice");
}

TEST_CASE("[Aggregate] the JSON gives each figure's governments and each headline's parts") {
    const Aggregate year1 = aggregate(four_applicants(), call2022(), 2022);
    const nlohmann::json report = aggregate_json(year1, call2022());
    CHECK(report.at("governments") == 7);
    const nlohmann::json* dutch = nullptr;
    const nlohmann::json* work = nullptr;
    for (const auto& h : report.at("headlines")) {
        if (h.at("code") == "dutch_practice") dutch = &h;
        if (h.at("code") == "work_guidance") work = &h;
    }
    REQUIRE(dutch != nullptr);
    REQUIRE(work != nullptr);
    CHECK(dutch->at("governments") == 6);
    CHECK(dutch->at("plans") == 4);
    CHECK(dutch->at("parts") ==
          nlohmann::json::parse(R"([{"action":5,"name":"Oefenkansen Nederlands","target_groups":["adult_learners"]}])"));
    // Work or entrepreneurship: all groups of actions 9 and 10.
    CHECK(work->at("parts") == nlohmann::json::parse(R"([
        {"action":9,"name":"Toeleiding naar de arbeidsmarkt","target_groups":["newcomers","disability","over_55"]},
        {"action":10,"name":"Toeleiding naar ondernemerschap","target_groups":["newcomers","women","disability"]}])"));
    for (const auto& item : report.at("per_action"))
        if (item.at("action") == 5) {
            CHECK(item.at("governments") == 6);
            CHECK(item.at("years").at("2022").at("governments") == 6);
        }
    CHECK(report.at("per_year").at("2022").at("governments") == 7);
}

TEST_CASE("[Aggregate] a headline part with a target group counts only that group, and its JSON says so") {
    Catalogue catalogue = call2022();
    catalogue.headlines = {{"citizens_trained", "burgers opgeleid als omstaander", {{17, "citizens"}, {5, ""}}}};
    CHECK(headline_counts(catalogue.headlines[0], 17, "citizens"));
    CHECK_FALSE(headline_counts(catalogue.headlines[0], 17, "professionals"));
    CHECK(headline_counts(catalogue.headlines[0], 5, "adult_learners"));
    Plan a = municipality("11002", "Antwerpen");
    a.rows.push_back(row(17, "professionals", {100, 0, 0}, 1));
    a.rows.push_back(row(17, "citizens", {10, 0, 0}, 2));
    const Aggregate year1 = aggregate({a}, catalogue, 2022);
    CHECK(year1.headlines[0].second.additional == 10);
    CHECK(year1.headlines[0].second.governments == 1);
    CHECK(aggregate_json(year1, catalogue).at("headlines")[0].at("parts") == nlohmann::json::parse(R"([
        {"action":17,"name":"Omstaanderstraining","target_groups":["citizens"]},
        {"action":5,"name":"Oefenkansen Nederlands","target_groups":["adult_learners"]}])"));
}
