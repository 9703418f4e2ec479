#include <doctest/doctest.h>

#include <set>

#include "support.h"

using namespace samenleven;
using test_support::call2022;

namespace {

Plan demo_plan() { return read_plan_text(test_support::read_data("dendermonde_igs.json")).plan; }

std::string described(const Plan& plan, const std::string& text) {
    const std::optional<FieldPath> path = parse_field_path(text);
    REQUIRE_MESSAGE(path.has_value(), text);
    return describe_path(plan, call2022(), *path);
}

}  // namespace

// [SECTION] Building and parsing

TEST_CASE("[FieldPath] the builders give today's path strings") {
    CHECK(FieldPath::of("title").str() == "title");
    CHECK(FieldPath::row(3).str() == "rows[3]");
    CHECK(FieldPath::row(3).field("planned").at(2023).str() == "rows[3].planned[2023]");
    CHECK(FieldPath::row(2).field("split").at(1).field("planned").at(2022).str() == "rows[2].split[1].planned[2022]");
    CHECK(FieldPath::row(0).field("results").at(2022).field("final_reach").str() == "rows[0].results[2022].final_reach");
    CHECK(FieldPath::member(1).field("name").str() == "applicant.members[1].name");
    CHECK(FieldPath::of("declarations").field("mentorship").field("motivation").str() ==
          "declarations.mentorship.motivation");
    CHECK(FieldPath::of("plans").at(2).field("applicant").field("lead").str() == "plans[2].applicant.lead");
    CHECK(FieldPath::of("a").at(1).at(2).str() == "a[1][2]");
    CHECK(FieldPath{}.at(0).field("name").str() == "[0].name");
    CHECK(to_string(FieldPath::row(4).field("priority")) == "rows[4].priority");
    // The builders on a named path leave it as it was.
    const FieldPath row = FieldPath::row(1);
    CHECK(row.field("priority").str() == "rows[1].priority");
    CHECK(row.str() == "rows[1]");
}

TEST_CASE("[FieldPath] every path shape reads back to the same text") {
    for (const char* text :
         {"title", "iban_is_municipal_fund_account", "rows", "rows[0]", "rows[3].planned[2023]", "rows[4].current_reach",
          "rows[2].split[1].planned[2022]", "rows[2].split[0].member", "rows[0].results[2022].reached",
          "rows[0].results[2024].recovery_plan", "applicant", "applicant.lead.non_eu14_residents",
          "applicant.members[1].name", "applicant.members[12]", "declarations.social_impact_bond.declared",
          "plans[2].applicant.members[1]", "actions[0].target_groups[0].max_per_application", "years[0]", "a[1][2].b",
          "[0].name", "rows[9223372036854775807]", "review.rows[1].confirmed[2023]"}) {
        CAPTURE(text);
        const std::optional<FieldPath> path = parse_field_path(text);
        REQUIRE(path.has_value());
        CHECK(path->str() == text);
    }
}

TEST_CASE("[FieldPath] parsing gives the segments") {
    const std::optional<FieldPath> path = parse_field_path("rows[2].split[1].planned[2022]");
    REQUIRE(path.has_value());
    REQUIRE(path->segments.size() == 3);
    CHECK(path->segments[0] == PathSegment{"rows", 2});
    CHECK(path->segments[1] == PathSegment{"split", 1});
    CHECK(path->segments[2] == PathSegment{"planned", 2022});
    CHECK(*path == FieldPath::row(2).field("split").at(1).field("planned").at(2022));
    CHECK(path->row_index() == std::optional<std::size_t>(2));
    CHECK(path->year() == std::optional<int>(2022));
    CHECK(path->index_of("split") == std::optional<long long>(1));
    CHECK(path->has("split"));
    CHECK_FALSE(path->has("results"));

    const FieldPath results = *parse_field_path("rows[0].results[2024].final_reach");
    CHECK(results.row_index() == std::optional<std::size_t>(0));
    CHECK(results.year() == std::optional<int>(2024));
    const FieldPath member = *parse_field_path("applicant.members[1].name");
    CHECK_FALSE(member.row_index().has_value());
    CHECK_FALSE(member.year().has_value());
    CHECK(member.index_of("members") == std::optional<long long>(1));
    CHECK_FALSE(parse_field_path("rows")->row_index().has_value());
    CHECK_FALSE(parse_field_path("review.rows[1]")->row_index().has_value());  // not a leading rows[r]
}

TEST_CASE("[FieldPath] parsing is strict") {
    for (const char* text :
         {"", "rows[", "rows[]", "rows[-1]", "rows[+1]", "rows[01]", "rows[1", "rows[1a]", "rows[99999999999999999999]",
          "rows[9223372036854775808]", "rows[1]x", "rows[1].", ".a", "a..b", "a.", ".", "a.[1]", "a b", "a-b",
          "rows]1[", "2022", "a.2022", "rows[1].[2]", "a[1]]", "é"}) {
        CAPTURE(text);
        CHECK_FALSE(parse_field_path(text).has_value());
    }
}

TEST_CASE("[FieldPath] a JSON Pointer becomes the field path of findings") {
    CHECK(field_path_from_pointer("/rows/3/planned/2023").str() == "rows[3].planned[2023]");
    CHECK(field_path_from_pointer("/applicant/members/1/name").str() == "applicant.members[1].name");
    CHECK(field_path_from_pointer("/rows/0/split/2/planned/2022").str() == "rows[0].split[2].planned[2022]");
    CHECK(field_path_from_pointer("/title").str() == "title");
    CHECK(field_path_from_pointer("/rows/1").str() == "rows[1]");
    CHECK(field_path_from_pointer("/a/1/2").str() == "a[1][2]");
    CHECK(field_path_from_pointer("/0/name").str() == "[0].name");
    CHECK(field_path_from_pointer("").str().empty());
    CHECK(field_path_from_pointer("/a~1b/c~0d").segments[0].name == "a/b");
    CHECK(field_path_from_pointer("/a~1b/c~0d").segments[1].name == "c~d");
}

// [SECTION] Names for people (expected texts written out from the catalogue of call 2022)

TEST_CASE("[FieldPath] a row is named by its action and, among several groups, its target group") {
    const Plan plan = demo_plan();
    REQUIRE(plan.rows.size() == 5);
    CHECK(describe_row(plan, call2022(), 0) == "actie 5 (Oefenkansen Nederlands)");  // one target group
    CHECK(describe_row(plan, call2022(), 1) == "actie 15 (Brugfiguren onderwijs)");
    CHECK(describe_row(plan, call2022(), 2) == "actie 9 (Toeleiding naar de arbeidsmarkt, nieuwkomers)");
    CHECK(describe_row(plan, call2022(), 3) == "actie 13 (Jongeren in contact met sport, jongeren met een beperking)");
    CHECK(describe_row(plan, call2022(), 4) == "actie 16 (Actieplan straatintimidatie)");
    CHECK(describe_row(plan, call2022(), 5) == "rij 6");  // no such row: counted from 1
    CHECK(describe_row(call2022(), 99, "x") == "actie 99");
    CHECK(describe_row(call2022(), 9, "over_55") == "actie 9 (Toeleiding naar de arbeidsmarkt, 55-plussers)");
    CHECK(year_label(2022) == "2022-2023");
}

TEST_CASE("[FieldPath] a field is named with where it is") {
    const Plan plan = demo_plan();
    CHECK(described(plan, "rows[0].planned[2022]") == "Extra bereik 2022-2023, actie 5 (Oefenkansen Nederlands)");
    CHECK(described(plan, "rows[2].planned[2024]") ==
          "Extra bereik 2024-2025, actie 9 (Toeleiding naar de arbeidsmarkt, nieuwkomers)");
    CHECK(described(plan, "rows[3]") == "Actie 13 (Jongeren in contact met sport, jongeren met een beperking)");
    CHECK(described(plan, "rows[1].current_reach") == "Huidig bereik, actie 15 (Brugfiguren onderwijs)");
    CHECK(described(plan, "rows[1].priority") == "Prioriteit, actie 15 (Brugfiguren onderwijs)");
    CHECK(described(plan, "rows[4].activities") == "Activiteiten, actie 16 (Actieplan straatintimidatie)");
    CHECK(described(plan, "rows[4].partners") == "Partners, actie 16 (Actieplan straatintimidatie)");
    CHECK(described(plan, "rows[4].action") == "Actie, actie 16 (Actieplan straatintimidatie)");
    CHECK(described(plan, "rows[4].target_group") == "Doelgroep, actie 16 (Actieplan straatintimidatie)");
    CHECK(described(plan, "rows[0].split") == "Verdeling per gemeente, actie 5 (Oefenkansen Nederlands)");
    CHECK(described(plan, "rows[0].split[0].planned[2023]") ==
          "Extra bereik 2023-2024, verdeling Dendermonde, actie 5 (Oefenkansen Nederlands)");
    CHECK(described(plan, "rows[0].split[1].planned[2022]") ==
          "Extra bereik 2022-2023, verdeling Hamme, actie 5 (Oefenkansen Nederlands)");
    CHECK(described(plan, "rows[0].split[3].member") == "Gemeente, verdeling Buggenhout, actie 5 (Oefenkansen Nederlands)");
    CHECK(described(plan, "rows[0].split[7].planned[2022]") ==
          "Extra bereik 2022-2023, verdeling regel 8, actie 5 (Oefenkansen Nederlands)");
    CHECK(described(plan, "rows[0].results[2022].confirmed_target") ==
          "Bevestigd doel 2022-2023, actie 5 (Oefenkansen Nederlands)");
    CHECK(described(plan, "rows[0].results[2023].interim_reach") ==
          "Tussentijds bereik 2023-2024, actie 5 (Oefenkansen Nederlands)");
    CHECK(described(plan, "rows[2].results[2022].final_reach") ==
          "Eindbereik 2022-2023, actie 9 (Toeleiding naar de arbeidsmarkt, nieuwkomers)");
    CHECK(described(plan, "rows[2].results[2022].reason") ==
          "Reden 2022-2023, actie 9 (Toeleiding naar de arbeidsmarkt, nieuwkomers)");
    CHECK(described(plan, "rows[2].results[2024].recovery_plan") ==
          "Inhaalplan 2024-2025, actie 9 (Toeleiding naar de arbeidsmarkt, nieuwkomers)");
    CHECK(described(plan, "rows[0].results[2022]") == "Resultaten 2022-2023, actie 5 (Oefenkansen Nederlands)");
    CHECK(described(plan, "rows[8].priority") == "Prioriteit, rij 9");

    CHECK(described(plan, "applicant.members[1].name") == "Naam, gemeente 2 (Lebbeke)");
    CHECK(described(plan, "applicant.members[0]") == "Gemeente 1 (Hamme)");
    CHECK(described(plan, "applicant.members[2].nis_code") == "NIS-code, gemeente 3 (Buggenhout)");
    CHECK(described(plan, "applicant.members[0].non_eu14_residents") ==
          "Inwoners van niet-EU-14-herkomst, gemeente 1 (Hamme)");
    CHECK(described(plan, "applicant.members[5].name") == "Naam, gemeente 6");
    CHECK(described(plan, "applicant.members") == "Deelnemende gemeenten");
    CHECK(described(plan, "applicant.lead.name") == "Naam, trekker (Dendermonde)");
    CHECK(described(plan, "applicant.kind") == "Type aanvrager");
    CHECK(described(plan, "applicant") == "Aanvrager");

    CHECK(described(plan, "declarations.mentorship.motivation") == "Motivatie, verklaring mentorschap");
    CHECK(described(plan, "declarations.mentorship.action") == "Actie (nummer), verklaring mentorschap");
    CHECK(described(plan, "declarations.cooperation.declared") == "Aangevraagd, verklaring samenwerking");
    CHECK(described(plan, "declarations.social_impact_bond") == "Verklaring social impact bond");

    CHECK(described(plan, "contact.name") == "Naam, contactpersoon");
    CHECK(described(plan, "contact.phone") == "Telefoon, contactpersoon");
    CHECK(described(plan, "contact.email") == "E-mail, contactpersoon");
    CHECK(described(plan, "title") == "Titel van het plan");
    CHECK(described(plan, "iban") == "IBAN");
    CHECK(described(plan, "iban_is_municipal_fund_account") == "Rekening van het Gemeentefonds");
    CHECK(described(plan, "call") == "Oproep");
    CHECK(described(plan, "rows") == "Acties van het plan");
    CHECK(described(plan, "plans[2].applicant.members[1]") == "Gemeente 2, aanvraag 3");

    Plan alone = plan;
    alone.applicant.kind = ApplicantKind::municipality;
    CHECK(described(alone, "applicant.lead.name") == "Naam, aanvrager (Dendermonde)");
}

TEST_CASE("[FieldPath] every field of the app's panels has its own name, without a position counted from 0") {
    const Plan plan = demo_plan();
    std::vector<FieldPath> fields{FieldPath::of("title"), FieldPath::of("iban"), FieldPath::of("iban_is_municipal_fund_account")};
    for (const char* field : {"name", "phone", "email"}) fields.push_back(FieldPath::of("contact").field(field));
    for (const char* which : {"cooperation", "mentorship", "social_impact_bond"})
        for (const char* field : {"declared", "action", "motivation"})
            fields.push_back(FieldPath::of("declarations").field(which).field(field));
    std::vector<FieldPath> governments{FieldPath::of("applicant").field("lead")};
    for (std::size_t m = 0; m < plan.applicant.members.size(); ++m) governments.push_back(FieldPath::member(m));
    for (const FieldPath& government : governments)
        for (const char* field : {"name", "nis_code", "non_eu14_residents"}) fields.push_back(government.field(field));
    for (std::size_t r = 0; r < plan.rows.size(); ++r) {
        const FieldPath row = FieldPath::row(r);
        for (const char* field : {"current_reach", "activities", "partners"}) fields.push_back(row.field(field));
        for (int year : kProjectYears) {
            fields.push_back(row.field("planned").at(year));
            for (const char* field : {"confirmed_target", "interim_reach", "final_reach", "reason", "recovery_plan"})
                fields.push_back(row.field("results").at(year).field(field));
            for (std::size_t s = 0; s < plan.rows[r].split.size(); ++s)
                fields.push_back(row.field("split").at(static_cast<long long>(s)).field("planned").at(year));
        }
    }
    std::set<std::string> names;
    for (const FieldPath& field : fields) {
        const std::string name = describe_path(plan, call2022(), field);
        CAPTURE(field.str());
        CAPTURE(name);
        CHECK(name.find('[') == std::string::npos);
        CHECK(name.find("rows") == std::string::npos);
        CHECK(names.insert(name).second);  // unique: a screen reader tells repeated fields apart
    }
}

TEST_CASE("[FieldPath] no finding of a plan with errors names a field by its machine path") {
    Plan plan = demo_plan();
    plan.rows[1].priority = 1;                 // same priority as the first row
    plan.rows[2].planned[0] = 1000;            // above the maximum of 150
    plan.rows[3].current_reach = -5;           // negative
    plan.rows[0].split[1].planned[0] += 10;    // the split no longer adds up
    plan.rows[0].split[2].member = "99999";    // not a participant
    plan.rows[4].activities.clear();
    plan.rows.push_back(plan.rows[1]);         // a row twice
    plan.rows.push_back(test_support::row(99, "x", {1, 1, 1}, 9));
    plan.rows[2].results[0].interim_reach = 1;
    plan.rows[2].results[0].final_reach = 2;
    plan.applicant.members[1].name.clear();
    plan.declarations.mentorship.declared = true;
    const std::vector<Finding> findings = validate(plan, call2022());
    REQUIRE(has_errors(findings));
    REQUIRE(findings.size() >= 10);
    for (const Finding& f : findings) {
        CAPTURE(f.code);
        CAPTURE(f.message);
        CHECK(f.message.find("rows[") == std::string::npos);
        CHECK(f.message.find("members[") == std::string::npos);
        CHECK(f.message.find("rij ") == std::string::npos);  // rows are named by their action
        REQUIRE(parse_field_path(f.path).has_value());      // every finding points at a readable path
    }
    bool duplicate_priority = false;
    for (const Finding& f : findings)
        if (f.code == "priority.duplicate" && !duplicate_priority) {
            duplicate_priority = true;
            CHECK(f.path == "rows[1].priority");
            CHECK(f.message ==
                  "Prioriteit 1 is al gegeven aan actie 5 (Oefenkansen Nederlands); elke combinatie van actie en doelgroep krijgt een "
                  "eigen prioriteit.");
        }
    CHECK(duplicate_priority);
}
