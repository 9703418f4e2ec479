// The demo data of the first project year in Flanders (demo/flanders_year1.h) against the
// published year-1 figures. The figures below are typed from ../shared/DOMAIN.md ("Published
// Flemish figures"), not taken from the generator; planned values where only a reached figure
// is published are the generator's documented choices (README, "Demo data: the first year in
// Flanders").
#include <doctest/doctest.h>

#include <set>

#include "flanders_year1.h"
#include "support.h"

using namespace samenleven;
using test_support::call2022;

namespace {

const Totals& headline(const Aggregate& a, const std::string& code) {
    for (const auto& [h, totals] : a.headlines)
        if (h.code == code) return totals;
    FAIL("no headline " << code);
    static Totals none;
    return none;
}

const std::vector<Plan>& plans() {
    static const std::vector<Plan> generated = demo::flanders_year1_plans();
    return generated;
}

void check_published_figures(const Aggregate& a) {
    // "41 action plans (street harassment, polarisation, accessibility, correspondence tests)"
    CHECK(headline(a, "action_plans").reached == 41);
    CHECK(headline(a, "action_plans").planned == 43);  // chosen
    // "5,601 professionals and citizens trained as bystanders"
    CHECK(headline(a, "bystanders").reached == 5'601);
    CHECK(headline(a, "bystanders").planned == 5'000);  // chosen ("about 5,000" announced)
    // "2,665 families reached for a social mix in schools"
    CHECK(headline(a, "social_mix_families").reached == 2'665);
    CHECK(headline(a, "social_mix_families").planned == 2'400);  // chosen
    // "72,897 (of 42,370 planned) young people ... in contact with culture, sport or business"
    CHECK(headline(a, "youth_culture_sport").reached == 72'897);
    CHECK(headline(a, "youth_culture_sport").planned == 42'370);
    // "2,769 (of 2,810 planned) newcomers, persons with a disability and 55+ guided to work or
    // entrepreneurship"
    CHECK(headline(a, "work_guidance").reached == 2'769);
    CHECK(headline(a, "work_guidance").planned == 2'810);
    // "118,178 (of 68,429 planned) practice opportunities in Dutch"
    CHECK(headline(a, "dutch_practice").reached == 118'178);
    CHECK(headline(a, "dutch_practice").planned == 68'429);
    // "28,399 (of 22,887 planned) vulnerable children and families supported in education"
    CHECK(headline(a, "education_support").reached == 28'399);
    CHECK(headline(a, "education_support").planned == 22'887);
    // Not published: "more than 3,600 unqualified school leavers" were announced.
    CHECK(headline(a, "school_leavers").planned == 3'612);
    CHECK(headline(a, "school_leavers").reached == 3'248);
}

}  // namespace

TEST_CASE("[Demo Flanders] 106 plans: 104 local governments and IGSs, the VGC and de Rand") {
    REQUIRE(plans().size() == 106);
    int municipalities = 0, igs = 0, vgc = 0, de_rand = 0;
    for (const Plan& plan : plans()) {
        switch (plan.applicant.kind) {
            case ApplicantKind::municipality: ++municipalities; break;
            case ApplicantKind::igs: ++igs; break;
            case ApplicantKind::vgc: ++vgc; break;
            case ApplicantKind::de_rand: ++de_rand; break;
            case ApplicantKind::unknown: FAIL("unknown kind in " << plan.id); break;
        }
    }
    CHECK(municipalities + igs == 104);
    CHECK(igs == 12);
    CHECK(vgc == 1);
    CHECK(de_rand == 1);
    for (const Plan& plan : plans())
        if (plan.applicant.kind == ApplicantKind::de_rand) {
            std::set<std::string> facility;
            for (const auto& m : plan.applicant.members) facility.insert(m.nis_code + " " + m.name);
            CHECK(facility == std::set<std::string>{"23098 Drogenbos", "23099 Kraainem", "23100 Linkebeek",
                                                    "23101 Sint-Genesius-Rode", "23102 Wemmel", "23103 Wezembeek-Oppem"});
        }
}

TEST_CASE("[Demo Flanders] distinct ids and NIS codes; one cooperation per government; labelled illustrative") {
    std::set<std::string> ids, codes;
    std::size_t governments = 0;
    for (const Plan& plan : plans()) {
        CHECK_MESSAGE(ids.insert(plan.id).second, "id twice: " << plan.id);
        CHECK(plan.title.find("illustratieve cijfers") != std::string::npos);
        std::vector<LocalGovernment> all{plan.applicant.lead};
        all.insert(all.end(), plan.applicant.members.begin(), plan.applicant.members.end());
        for (const auto& g : all) {
            ++governments;
            CHECK(g.nis_code.size() == 5);
            CHECK(g.nis_code.find_first_not_of("0123456789") == std::string::npos);
            CHECK_MESSAGE(codes.insert(g.nis_code).second, "NIS code twice: " << g.nis_code << " " << g.name);
        }
    }
    CHECK(codes.size() == governments);
    // The run command's demo IGS (Dendermonde, Hamme, Lebbeke, Buggenhout) stays out.
    for (const char* taken : {"42006", "42008", "42011", "42004"}) CHECK(codes.count(taken) == 0);
    CHECK(validate_cooperations(plans()).empty());
}

TEST_CASE("[Demo Flanders] every plan is eligible and valid, with a confirmed year-1 target and results per row") {
    const Catalogue& catalogue = call2022();
    int warnings = 0;
    for (const Plan& plan : plans()) {
        CAPTURE(plan.id);
        const Eligibility verdict = eligibility(plan.applicant, catalogue.rules);
        CHECK(verdict.eligible);
        if (plan.applicant.kind != ApplicantKind::vgc) CHECK(verdict.counted_residents > catalogue.rules.eligibility_threshold);
        for (const Finding& f : validate(plan, catalogue)) {
            CHECK_MESSAGE(f.severity != Severity::error, f.code << " " << f.path << ": " << f.message);
            if (f.severity == Severity::warning) {
                ++warnings;
                // Only the two action plans not carried out had nothing to show on 31 March.
                CHECK(f.code == "result.interim_low");
            }
        }
        REQUIRE_FALSE(plan.rows.empty());
        for (const ActionRow& row : plan.rows) {
            const YearResult& year1 = row.results[0];
            REQUIRE(year1.confirmed_target.has_value());
            REQUIRE(year1.interim_reach.has_value());
            REQUIRE(year1.final_reach.has_value());
            CHECK(*year1.confirmed_target == target(row, 0));
            CHECK(*year1.interim_reach <= *year1.final_reach);
            if (*year1.final_reach < *year1.confirmed_target) {
                CHECK_FALSE(year1.reason.empty());
                CHECK_FALSE(year1.recovery_plan.empty());
            }
            CHECK(row.planned[1] == 0);
            CHECK(row.planned[2] == 0);
        }
    }
    CHECK(warnings == 2);
}

TEST_CASE("[Demo Flanders] the aggregate gives the published year-1 figures exactly") {
    const Aggregate year1 = aggregate(plans(), call2022(), 2022);
    CHECK(year1.plan_count == 106);
    CHECK(year1.skipped_plans == 0);
    check_published_figures(year1);
    // Action 2 (polarisation): 16 plans representing 24 governments, as published. By hand from
    // flat_specs() in demo/flanders_year1.cpp: 13 municipalities on their own and the IGSs of
    // Boom (with Niel, Schelle, Hemiksem: 4), Tielt (with Wingene, Ardooie, Meulebeke: 4) and
    // Denderleeuw (with Haaltert, Erpe-Mere: 3): 13 + 4 + 4 + 3 = 24. No row has a split.
    CHECK(year1.per_action.at(2).plans == 16);
    CHECK(year1.per_action.at(2).governments == 24);
    // Action 16: 11 municipalities and the VGC (1). Action 18: 8 municipalities and de Rand,
    // whose six facility municipalities count, not the vzw: 8 + 6 = 14.
    CHECK(year1.per_action.at(16).governments == 12);
    CHECK(year1.per_action.at(18).plans == 9);
    CHECK(year1.per_action.at(18).governments == 14);
    // The headline "41 action plans" (actions 2, 16, 18, 19): the 16 plans of action 2 (24
    // governments); of action 16 five more: Brugge, Roeselare, Turnhout, Lier and the VGC (5);
    // of action 18 eight more: Sint-Truiden, Ieper, Tienen, Geel, Lokeren, Halle, Deinze (7)
    // and de Rand (6); action 19's six are all among action 2's. 16 + 5 + 8 = 29 plans,
    // 24 + 5 + 7 + 6 = 42 governments.
    CHECK(headline(year1, "action_plans").plans == 29);
    CHECK(headline(year1, "action_plans").governments == 42);
    // All 106 plans: 92 municipalities, the 12 IGSs with 4 + 3 + 3 + 3 + 4 + 3 + 3 + 3 + 3 + 2 +
    // 3 + 4 = 38 governments, the VGC and de Rand's 6: 92 + 38 + 1 + 6 = 137.
    CHECK(year1.governments == 137);
    // Later years are confirmed at 0: the totals over all years are year 1's.
    check_published_figures(aggregate(plans(), call2022(), 0));
}

TEST_CASE("[Demo Flanders] the year-1 Flemish subsidy is EUR 1 from the published 14,136,359") {
    const Aggregate year1 = aggregate(plans(), call2022(), 2022);
    // Action subsidies plus EUR 10,000 stimulus for each of the four IGSs with a lead above the
    // threshold. Every price is a multiple of EUR 10, so EUR 14,136,359 itself cannot be reached.
    CHECK(year1.flemish_total == 1'413'636'000);
    CHECK(year1.flemish_total - 1'413'635'900 == 100);  // 1 euro, 0.000007 %
    Cents stimulus = 0;
    for (const Plan& plan : plans()) stimulus += calculate(plan, call2022()).stimulus_per_year[0];
    CHECK(stimulus == 4 * 1'000'000);
}

TEST_CASE("[Demo Flanders] deterministic: two calls give the same JSON") {
    const std::vector<Plan> again = demo::flanders_year1_plans();
    REQUIRE(again.size() == plans().size());
    for (std::size_t i = 0; i < again.size(); ++i) CHECK(write_plan_text(again[i]) == write_plan_text(plans()[i]));
    // Each plan also survives a JSON round trip unchanged.
    for (const Plan& plan : plans()) CHECK(read_plan_text(write_plan_text(plan)).plan == plan);
}
