#include <doctest/doctest.h>

#include "support.h"

using namespace samenleven;
using test_support::call2022;
using test_support::government;
using test_support::find;
using test_support::has_code;
using test_support::row;

TEST_CASE("[Validation] a complete plan has no findings") {
    CHECK(validate(test_support::valid_plan(), call2022()).empty());
}

TEST_CASE("[Validation] reach: negative, above the maximum, nothing planned") {
    Plan plan = test_support::valid_plan();
    SUBCASE("negative planned and current reach") {
        plan.rows[0].planned[1] = -5;
        plan.rows[0].current_reach = -1;
        const auto findings = validate(plan, call2022());
        CHECK(has_code(findings, "reach.negative", "rows[0].planned[2023]"));
        CHECK(has_code(findings, "reach.negative", "rows[0].current_reach"));
        CHECK(find(findings, "reach.negative")->severity == Severity::error);
    }
    SUBCASE("above the maximum per application in one project year") {
        plan.rows[0].planned[2] = 2251;  // max 2,250
        const auto findings = validate(plan, call2022());
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].code == "reach.above_maximum");
        CHECK(findings[0].path == "rows[0].planned[2024]");
        CHECK(findings[0].severity == Severity::error);
        CHECK(findings[0].message.find("2.250") != std::string::npos);
        CHECK(findings[0].message.find("2024-2025") != std::string::npos);
    }
    SUBCASE("a flat action counts at most 1") {
        plan.rows = {row(16, "action_plan", {2, 0, 0}, 1)};
        CHECK(has_code(validate(plan, call2022()), "reach.above_maximum", "rows[0].planned[2022]"));
    }
    SUBCASE("no row above 0") {
        plan.rows[0].planned = {0, 0, 0};
        CHECK(has_code(validate(plan, call2022()), "plan.no_reach", "rows"));
        plan.rows.clear();
        CHECK(has_code(validate(plan, call2022()), "plan.no_reach", "rows"));
    }
    SUBCASE("reach in a project year the call does not fund") {
        Catalogue later = call2022();
        later.call = "2023";
        later.years = {2023, 2024};
        plan.call = "2023";
        CHECK(has_code(validate(plan, later), "year.not_in_call", "rows[0].planned[2022]"));
    }
}

TEST_CASE("[Validation] priorities: missing, duplicate, gaps") {
    Plan plan = test_support::valid_plan();
    plan.rows.push_back(row(17, "citizens", {10, 10, 10}, 1));
    plan.rows.push_back(row(20, "families", {10, 10, 10}, 0));
    const auto findings = validate(plan, call2022());
    CHECK(has_code(findings, "priority.duplicate", "rows[1].priority"));
    CHECK(has_code(findings, "priority.missing", "rows[2].priority"));
    plan.rows[1].priority = 3;
    plan.rows[2].priority = 4;
    const auto gaps = validate(plan, call2022());
    CHECK(has_code(gaps, "priority.gap", "rows[1].priority"));
    CHECK(find(gaps, "priority.gap")->severity == Severity::warning);
    CHECK_FALSE(has_errors(gaps));
}

TEST_CASE("[Validation] actions and target groups") {
    Plan plan = test_support::valid_plan();
    SUBCASE("an action financed through another channel") {
        plan.rows.push_back(row(12, "", {10, 0, 0}, 2));
        const auto findings = validate(plan, call2022());
        CHECK(has_code(findings, "action.not_subsidised", "rows[1].action"));
        CHECK(find(findings, "action.not_subsidised")->message.find("ander kanaal") != std::string::npos);
    }
    SUBCASE("an action not offered in this call, but in the next") {
        // Action 23 (jeugdwerk) became subsidised in the 2023 call: reach in 2022 is refused
        // for that year, reach in 2023 is paid.
        plan.rows.push_back(row(23, "foreign_origin", {10, 0, 0}, 2));
        CHECK(has_code(validate(plan, call2022()), "action.not_subsidised", "rows[1].planned[2022]"));
        plan.rows[1].planned = {0, 10, 10};
        CHECK(validate(plan, call2022()).empty());
    }
    SUBCASE("the same action and target group twice") {
        plan.rows.push_back(row(5, "adult_learners", {10, 0, 0}, 2));
        CHECK(has_code(validate(plan, call2022()), "row.duplicate", "rows[1]"));
    }
    SUBCASE("a target group the action does not have") {
        plan.rows.push_back(row(9, "women", {10, 0, 0}, 2));
        CHECK(has_code(validate(plan, call2022()), "target_group.unknown", "rows[1].target_group"));
    }
    SUBCASE("no activities described for a chosen row") {
        plan.rows[0].activities.clear();
        const auto findings = validate(plan, call2022());
        CHECK(has_code(findings, "row.activities_missing", "rows[0].activities"));
        CHECK_FALSE(has_errors(findings));
    }
}

TEST_CASE("[Validation] applicant, contact and IBAN") {
    Plan plan = test_support::valid_plan();
    SUBCASE("not eligible") {
        plan.applicant.lead.non_eu14_residents = 3000;
        const auto findings = validate(plan, call2022());
        CHECK(has_code(findings, "applicant.not_eligible", "applicant"));
        CHECK(find(findings, "applicant.not_eligible")->message.find("3.000") != std::string::npos);
    }
    SUBCASE("invalid IBAN") {
        plan.iban = "BE68 5390 0754 7035";
        CHECK(has_code(validate(plan, call2022()), "iban.invalid", "iban"));
    }
    SUBCASE("missing IBAN and contact") {
        plan.iban.clear();
        plan.contact = {};
        const auto findings = validate(plan, call2022());
        CHECK(has_code(findings, "iban.missing", "iban"));
        CHECK(has_code(findings, "contact.name_missing", "contact.name"));
        CHECK(has_code(findings, "contact.email_missing", "contact.email"));
        CHECK(has_code(findings, "contact.phone_missing", "contact.phone"));
    }
    SUBCASE("malformed e-mail address") {
        plan.contact.email = "sara@gent";
        CHECK(has_code(validate(plan, call2022()), "contact.email_invalid", "contact.email"));
    }
    SUBCASE("another account than the municipal fund's needs a confirmation letter") {
        plan.iban_is_municipal_fund_account = false;
        const auto findings = validate(plan, call2022());
        CHECK(has_code(findings, "iban.confirmation_letter", "iban"));
        CHECK_FALSE(has_errors(findings));
    }
    SUBCASE("a member in the cooperation twice") {
        plan.applicant.kind = ApplicantKind::igs;
        plan.applicant.members = {government("44084", "Merelbeke", 1200), government("44084", "Merelbeke", 1200),
                                  government("44021", "Gent", 60000)};
        const auto findings = validate(plan, call2022());
        CHECK(has_code(findings, "cooperation.member_twice", "applicant.members[1]"));
        CHECK(has_code(findings, "cooperation.member_twice", "applicant.members[2]"));  // the lead again
    }
}

TEST_CASE("[Validation] declarations: motivation of at most 2,500 characters") {
    Plan plan = test_support::valid_plan();
    plan.declarations.mentorship.declared = true;
    plan.declarations.mentorship.action = 5;
    SUBCASE("2,500 characters with accents is allowed") {
        std::string text;
        for (int i = 0; i < 2500; ++i) text += "é";  // 2 bytes each: counted as characters
        plan.declarations.mentorship.motivation = text;
        CHECK(validate(plan, call2022()).empty());
    }
    SUBCASE("2,501 characters is too long") {
        plan.declarations.mentorship.motivation = std::string(2501, 'a');
        const auto findings = validate(plan, call2022());
        CHECK(has_code(findings, "declaration.motivation_too_long", "declarations.mentorship.motivation"));
        CHECK(find(findings, "declaration.motivation_too_long")->message.find("2.501") != std::string::npos);
    }
    SUBCASE("a declaration needs a motivation and, for mentorship, an action") {
        plan.declarations.mentorship.action = 0;
        plan.declarations.social_impact_bond.declared = true;
        plan.declarations.cooperation.declared = true;  // no motivation: the form asked yes/no only
        const auto findings = validate(plan, call2022());
        CHECK(has_code(findings, "declaration.motivation_missing", "declarations.mentorship.motivation"));
        CHECK(has_code(findings, "declaration.action_missing", "declarations.mentorship.action"));
        // The social impact bond asks the form's three texts; cooperation asks yes/no only.
        CHECK(has_code(findings, "declaration.text_missing", "declarations.social_impact_bond.texts[0]"));
        CHECK(has_code(findings, "declaration.text_missing", "declarations.social_impact_bond.texts[2]"));
        CHECK_FALSE(has_code(findings, "declaration.motivation_missing", "declarations.cooperation.motivation"));
    }
}

TEST_CASE("[Validation] an IGS's split per member must add up to the row") {
    Plan plan = test_support::valid_plan();
    plan.applicant.kind = ApplicantKind::igs;
    plan.applicant.members = {government("44084", "Merelbeke", 1200)};
    plan.rows[0].split = {{"44021", {60, 150, 300}}, {"44084", {40, 50, 0}}};
    plan.applicant.lead.reference_region = plan.applicant.members[0].reference_region = "Gent";
    CHECK(validate(plan, call2022()).empty());
    plan.rows[0].split[1].planned[1] = 49;
    CHECK(has_code(validate(plan, call2022()), "split.mismatch", "rows[0].planned[2023]"));
    plan.rows[0].split[1].member = "12345";
    CHECK(has_code(validate(plan, call2022()), "split.unknown_member", "rows[0].split[1].member"));
}

TEST_CASE("[Validation] a local government belongs to one cooperation at most, across plans") {
    Plan first = test_support::valid_plan();
    first.applicant.kind = ApplicantKind::igs;
    first.applicant.members = {government("44084", "Merelbeke", 1200)};
    Plan second = test_support::valid_plan();
    second.applicant.kind = ApplicantKind::igs;
    second.applicant.lead = government("44019", "Evergem", 6000);
    second.applicant.members = {government("44012", "De Pinte", 900), government("44084", "Merelbeke", 1200)};
    const auto findings = validate_cooperations({first, second});
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].code == "cooperation.member_twice");
    CHECK(findings[0].path == "plans[1].applicant.members[1]");
    CHECK(findings[0].message.find("Merelbeke") != std::string::npos);
    second.applicant.members.pop_back();
    CHECK(validate_cooperations({first, second}).empty());
}

TEST_CASE("[Validation] every finding has a code, a path and a Dutch message") {
    Plan plan;  // empty: many findings
    plan.applicant.lead.name = "";
    plan.rows.push_back(row(5, "adult_learners", {-1, 99999, 0}, 0));
    const auto findings = validate(plan, call2022());
    REQUIRE(findings.size() >= 6);
    for (const auto& f : findings) {
        CHECK_FALSE(f.code.empty());
        CHECK_FALSE(f.path.empty());
        CHECK_FALSE(f.message.empty());
    }
}
