// Issue 12: every project year under its own call (catalogue_2022/2023/2024.json), envelopes
// and ceilings, the year-3 renewal, the cooperation check across calls, and the upgrade of
// stored plans. Expected values are worked out by hand from DOMAIN.md and the data files.
#include <doctest/doctest.h>

#include "support.h"

using namespace samenleven;
using test_support::call2022;
using test_support::government;
using test_support::find;
using test_support::has_code;
using test_support::row;

namespace {
const Catalogue& call(const char* name) {
    const Catalogue* found = find_catalogue(name);
    REQUIRE(found != nullptr);
    return *found;
}

}  // namespace

TEST_CASE("[Calls] one call per project year, later values marked as assumed") {
    const YearCalls calls = governing_calls(call2022());
    CHECK(calls[0]->call == "2022");
    CHECK(calls[1]->call == "2023");
    CHECK(calls[2]->call == "2024");
    // A plan that starts in the 2023 call has no 2022.
    const YearCalls later = governing_calls(call("2023"));
    CHECK(later[0] == nullptr);
    CHECK(later[1]->call == "2023");

    // Read: action 24 became one group with a ceiling of (150 + 30) x 210 = EUR 37,800.
    const Action& culture = *call("2023").find_action(24);
    REQUIRE(culture.target_groups.size() == 1);
    CHECK(culture.target_groups[0].name == "kwetsbare kinderen en jongeren tot 25 jaar");
    CHECK(culture.ceiling == 3'780'000);
    CHECK_FALSE(culture.assumed.ceiling);
    CHECK(culture.assumed.unit_price);  // year-2 prices were not found
    // Action 23 subsidised from 2023; the first call's prices read, not assumed.
    CHECK(call("2022").find_action(23)->funding == FundingKind::not_in_call);
    CHECK(call("2023").find_action(23)->subsidised());
    CHECK_FALSE(call("2022").find_action(5)->assumed.any());
    CHECK(call("2024").rules.continuation_only);
    CHECK(call("2024").rules.renewal_needs_interim);
    CHECK(call("2023").rules.envelopes);
    CHECK(call("2023").rules.stimulus_for_new_members);
}

TEST_CASE("[Calls] the budget marks amounts that rest on assumed prices") {
    Plan plan = test_support::valid_plan();  // action 5: 100, 200, 300
    const Budget budget = calculate(plan, call2022());
    CHECK(budget.rows[0].subsidy == YearCents{600'000, 1'200'000, 1'800'000});
    CHECK(budget.rows[0].assumed == std::array<bool, kYearCount>{false, true, true});
    CHECK(budget.assumed_per_year == std::array<bool, kYearCount>{false, true, true});
}

TEST_CASE("[Calls] action 24 is one target group from 2023") {
    Plan plan = test_support::valid_plan();
    plan.rows.push_back(row(24, "foreign_origin", {100, 100, 0}, 2));
    auto findings = validate(plan, call2022());
    REQUIRE(has_code(findings, "target_group.not_in_call", "rows[1].planned[2023]"));
    CHECK(find(findings, "target_group.not_in_call")->message ==
          "In 2023-2024 (oproep 2023) heeft actie 24 deze doelgroep niet; plan het bereik van dat jaar bij: kwetsbare "
          "kinderen en jongeren tot 25 jaar.");
    CHECK(calculate(plan, call2022()).rows[1].subsidy == YearCents{2'100'000, 0, 0});  // 100 x 210 in 2022 only

    // The widened group, read from a plan of the 2022 call, paid from 2023 at 210 (assumed).
    plan.rows[1].planned = {100, 0, 0};
    plan.rows.push_back(row(24, "vulnerable_young", {0, 180, 180}, 3));
    CHECK(validate(plan, call2022()).empty());
    CHECK(calculate(plan, call2022()).rows[2].subsidy == YearCents{0, 3'780'000, 3'780'000});
    const Plan again = read_plan_text(write_plan_text(plan)).plan;
    CHECK(again == plan);
    CHECK(describe_row(plan, call2022(), 2) == "actie 24 (Jongeren in contact met cultuur, kwetsbare kinderen en jongeren tot 25 jaar)");
}

TEST_CASE("[Calls] an action above its ceiling amount is an error") {
    // Two rows of action 13 (sport): 150 x 210 + 30 x 210 = EUR 37,800, its assumed 2023
    // ceiling exactly. Lowering the ceiling in a copy of the call by one cent makes it an error.
    Plan plan = test_support::valid_plan();
    plan.rows.push_back(row(13, "foreign_origin", {0, 150, 0}, 2));
    plan.rows.push_back(row(13, "disability", {0, 30, 0}, 3));
    CHECK_FALSE(has_code(validate(plan, call2022()), "action.above_ceiling", "rows[1].planned[2023]"));

    Catalogue lower = call("2023");
    lower.call = "2023";
    const_cast<Action*>(lower.find_action(13))->ceiling = 3'779'999;
    plan.call = "2023";
    const auto findings = validate(plan, lower);
    REQUIRE(has_code(findings, "action.above_ceiling", "rows[1].planned[2023]"));
    CHECK(find(findings, "action.above_ceiling")->message ==
          "Actie 13 (Jongeren in contact met sport) vraagt in 2023-2024 € 37.800,00; het plafondbedrag per actie is "
          "€ 37.799,99 (aangenomen).");
}

TEST_CASE("[Calls] a year above the envelope ABB granted is a warning") {
    Plan plan = test_support::valid_plan();  // 2023: 200 x 60 = EUR 12,000
    plan.envelope[1] = 1'200'000;
    CHECK(validate(plan, call2022()).empty());  // exactly the envelope
    plan.envelope[1] = 1'000'000;
    const auto findings = validate(plan, call2022());
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].severity == Severity::warning);
    CHECK(findings[0].path == "envelope_cents[2023]");
    CHECK(findings[0].message ==
          "Het plan vraagt in 2023-2024 € 12.000,00, € 2.000,00 boven de enveloppe van € 10.000,00; ABB kan meer toekennen, "
          "maar nooit boven het plafondbedrag per actie.");
    CHECK(describe_path(plan, call2022(), *parse_field_path(findings[0].path)) == "Enveloppe 2023-2024");
}

TEST_CASE("[Calls] year 3 continues an action only at 25 % of its year-2 KPI or a positive jury verdict") {
    Plan plan = test_support::valid_plan();  // action 5: current 50, planned 100, 200, 300
    // Year-2 KPI: confirmed 200; 25 % of it is 50.
    plan.rows[0].results[1].confirmed_target = 200;
    SUBCASE("no interim reach yet: nothing decided") { CHECK(validate(plan, call2022()).empty()); }
    SUBCASE("49 of 200 stops the action") {
        plan.rows[0].results[1].interim_reach = 49;
        const auto findings = validate(plan, call2022());
        REQUIRE(has_code(findings, "row.not_renewed", "rows[0].planned[2024]"));
        CHECK(find(findings, "row.not_renewed")->message ==
              "De actie 5 (Oefenkansen Nederlands) stopt in 2024-2025: het tussentijdse bereik in 2023-2024 was 49, minder dan "
              "25 % van 200, en er is geen positief oordeel van de jury.");
        plan.rows[0].results[1].jury_positive = true;  // the agency recorded the jury's verdict
        CHECK_FALSE(has_code(validate(plan, call2022()), "row.not_renewed", "rows[0].planned[2024]"));
        plan.rows[0].planned[2] = 0;  // or the action stops in year 3
        plan.rows[0].results[1].jury_positive.reset();
        CHECK_FALSE(has_code(validate(plan, call2022()), "row.not_renewed", "rows[0].planned[2024]"));
    }
    SUBCASE("50 of 200 continues") {
        plan.rows[0].results[1].interim_reach = 50;
        CHECK_FALSE(has_code(validate(plan, call2022()), "row.not_renewed", "rows[0].planned[2024]"));
    }
    SUBCASE("a negative verdict stops it whatever the reach") {
        plan.rows[0].results[1].interim_reach = 190;
        plan.rows[0].results[1].jury_positive = false;
        CHECK(has_code(validate(plan, call2022()), "row.not_renewed", "rows[0].planned[2024]"));
    }
    SUBCASE("year 3 takes no new actions") {
        plan.rows.push_back(row(7, "children", {0, 0, 20}, 2));
        const auto findings = validate(plan, call2022());
        REQUIRE(has_code(findings, "row.not_continued", "rows[1].planned[2024]"));
        CHECK(find(findings, "row.not_continued")->message ==
              "In 2024-2025 kunnen alleen acties van 2023-2024 verdergezet worden; de actie 7 (Kwetsbare kinderen naar hoger "
              "onderwijs) had in 2023-2024 geen extra bereik.");
    }
}

TEST_CASE("[Calls] an IGS cooperates inside one reference region") {
    Plan plan = test_support::valid_plan();
    plan.applicant.kind = ApplicantKind::igs;
    plan.applicant.members = {government("44084", "Merelbeke", 1200)};
    auto findings = validate(plan, call2022());
    CHECK(has_code(findings, "applicant.region_missing", "applicant.lead.reference_region"));
    CHECK(has_code(findings, "applicant.region_missing", "applicant.members[0].reference_region"));
    plan.applicant.lead.reference_region = "Gent";
    plan.applicant.members[0].reference_region = "Waasland";
    findings = validate(plan, call2022());
    REQUIRE(has_code(findings, "applicant.region_mismatch", "applicant.members[0].reference_region"));
    CHECK(find(findings, "applicant.region_mismatch")->message ==
          "Merelbeke ligt in referentieregio Waasland, de trekker in Gent; een IGS werkt samen binnen één referentieregio.");
    plan.applicant.members[0].reference_region = "Gent";
    CHECK(validate(plan, call2022()).empty());
}

TEST_CASE("[Calls] a cooperation kept from year 1 is not a second cooperation") {
    Plan first = test_support::valid_plan();
    first.applicant.kind = ApplicantKind::igs;
    first.applicant.members = {government("44084", "Merelbeke", 1200)};
    // The same IGS (same lead) asks again under the 2023 call.
    Plan kept = first;
    kept.id = "kept";
    kept.call = "2023";
    CHECK(validate_cooperations({first, kept}).empty());
    // Another IGS that has Merelbeke in 2023, while the first plan asks only in 2022: no overlap.
    first.rows[0].planned = {100, 0, 0};
    Plan other = kept;
    other.applicant.lead = government("44019", "Evergem", 9000);
    CHECK(validate_cooperations({first, other}).empty());
    first.rows[0].planned = {100, 10, 0};  // now both ask in 2023
    const auto findings = validate_cooperations({first, other});
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].path == "plans[1].applicant.members[0]");
    CHECK(findings[0].message == "Merelbeke neemt in 2023-2024 al deel aan aanvraag 1; een bestuur hoort bij één samenwerking.");
}

TEST_CASE("[Upgrade] a stored schema-1 plan opens as schema 2, step by step") {
    const std::string stored = test_support::read_data("stored/dendermonde_igs_v1.json");
    nlohmann::json v1 = nlohmann::json::parse(stored);
    REQUIRE(v1.at("schema_version") == 1);
    v1["declarations"]["social_impact_bond"] = {{"declared", true}, {"action", 7}, {"motivation", "Een obligatie."}};
    const nlohmann::json v2 = upgrade_v1_to_v2(v1);
    CHECK(v2.at("schema_version") == 2);
    CHECK(v2["declarations"]["social_impact_bond"] ==
          nlohmann::json({{"declared", true}, {"texts", {"Actie 7. Een obligatie.", "", ""}}}));
    CHECK(v2["declarations"]["cooperation"] == v1["declarations"]["cooperation"]);  // motivation kept

    const Plan plan = read_plan(v1).plan;
    CHECK(plan.declarations.social_impact_bond.declared);
    CHECK(plan.declarations.social_impact_bond.texts[0] == "Actie 7. Een obligatie.");
    CHECK(plan.declarations.cooperation.motivation.rfind("Dendermonde trekt de samenwerking", 0) == 0);
    CHECK(plan.applicant.members.size() == 3);
    CHECK(plan.applicant.members[0].reference_region.empty());
    CHECK(plan.rows.size() == read_plan_text(test_support::read_data("dendermonde_igs.json")).plan.rows.size());
    // Written again: schema 2, and read back unchanged.
    CHECK(read_plan_text(write_plan_text(plan)).plan == plan);
    CHECK(write_plan(plan).at("schema_version") == 2);

    // The stored file as it is opens without errors (the region is asked as a warning).
    const auto findings = read_and_validate_text(stored).findings;
    for (const auto& f : findings) CHECK(f.severity == Severity::warning);

    // A newer version is still refused with the clear message.
    v1["schema_version"] = 3;
    try {
        (void)read_plan(v1);
        FAIL("a newer schema was read");
    } catch (const InputError& e) {
        CHECK(e.code() == "json.schema_newer");
        CHECK(e.message() == "Dit bestand heeft schemaversie 3 en is gemaakt met een nieuwere versie van het programma; deze "
                             "versie leest tot en met schemaversie 2.");
    }
}

TEST_CASE("[Catalogue] the later calls' fields are validated on load") {
    const auto error_of = [](const std::string& text) {
        try {
            (void)catalogue_from_json_text(text);
        } catch (const InputError& e) {
            return e.code() + " " + e.path();
        }
        return std::string("no error");
    };
    nlohmann::json base = nlohmann::json::parse(R"({
      "catalogue_schema_version": 1, "call": "test", "name": "Test", "years": [2023],
      "rules": {"eligibility_threshold": 7500, "cooperation_stimulus_cents": 0, "motivation_max_chars": 2500,
                "interim_threshold_percent": 25, "cofinancing_percent": 100, "continuation_only": false},
      "objectives": [{"number": 1, "name": "Een"}],
      "actions": [{"number": 1, "objective": 1, "name": "A", "kpi": "k", "funding": "other_channel"},
                  {"number": 2, "objective": 1, "name": "B", "kpi": "k", "funding": "per_unit", "unit_price_cents": 100,
                   "ceiling_cents": 500, "assumed": ["unit_price_cents"],
                   "target_groups": [{"code": "g", "name": "G", "max_per_application": 5}]}]
    })");
    CHECK(error_of(base.dump()) == "no error");
    CHECK(catalogue_from_json_text(base.dump()).find_action(2)->ceiling == 500);
    SUBCASE("an unknown assumed field") {
        base["actions"][1]["assumed"] = {"unit_price_cents", "prijs"};
        CHECK(error_of(base.dump()) == "catalogue.invalid actions[1].assumed[1]");
    }
    SUBCASE("a negative ceiling") {
        base["actions"][1]["ceiling_cents"] = -1;
        CHECK(error_of(base.dump()) == "json.out_of_range actions[1].ceiling_cents");
    }
    SUBCASE("a ceiling on an action financed elsewhere") {
        base["actions"][0]["ceiling_cents"] = 100;
        CHECK(error_of(base.dump()) == "catalogue.invalid actions[0].ceiling_cents");
    }
    SUBCASE("an assumed ceiling without a ceiling") {
        base["actions"][1].erase("ceiling_cents");
        base["actions"][1]["assumed"] = {"ceiling_cents"};
        CHECK(error_of(base.dump()) == "catalogue.invalid actions[1].assumed");
    }
    SUBCASE("a rule flag that is not true or false") {
        base["rules"]["continuation_only"] = "ja";
        CHECK(error_of(base.dump()) == "json.type rules.continuation_only");
    }
}
