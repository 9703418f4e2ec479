#include <doctest/doctest.h>

#include "support.h"

using namespace samenleven;
using nlohmann::json;
using test_support::read_data;

namespace {
// Reads `document` and returns the InputError it must raise.
InputError read_error(const std::string& text) {
    try {
        read_plan_text(text);
    } catch (const InputError& e) {
        return e;
    }
    FAIL("no InputError for: " << text);
    return InputError("", "", "");
}

json demo() { return json::parse(read_data("dendermonde_igs.json")); }
}  // namespace

TEST_CASE("[JSON] export then import gives back the same plan") {
    const Plan original = read_plan_text(read_data("dendermonde_igs.json")).plan;
    const std::string text = write_plan_text(original);
    const PlanReading again = read_plan_text(text);
    CHECK(again.findings.empty());
    CHECK(again.plan == original);
    CHECK(write_plan_text(again.plan) == text);

    // Every field survives, including results, splits and declarations.
    Plan full = test_support::valid_plan();
    full.declarations.social_impact_bond = {true, {"Motivatie met accenten: één, geïntegreerd, café", "tweede", "derde"}};
    full.iban_is_municipal_fund_account = false;
    full.applicant.lead.reference_region = "Gent";
    full.applicant.members.push_back({"44064", "Sint-Martens-Latem", 400, "Gent", 2023});
    full.envelope[1] = 12'345'600;
    full.rows[0].results[1] = {150, 40, std::nullopt, "reden", "herstelplan", true};
    full.rows[0].split = {{"44021", {100, 200, 300}}};
    CHECK(read_plan(write_plan(full)).plan == full);
}

TEST_CASE("[JSON] nlohmann's get<Plan>() works through from_json") {
    const Plan plan = demo().get<Plan>();
    CHECK(plan.applicant.members.size() == 3);
    json back = plan;
    CHECK(back.at("schema_version") == kPlanSchemaVersion);
}

TEST_CASE("[JSON] malformed documents name the problem and its path") {
    SUBCASE("not JSON at all") {
        const InputError e = read_error("{\"schema_version\": 1, \"rows\": [");
        CHECK(e.code() == "json.syntax");
        CHECK(std::string(e.message()).find("geen geldig JSON") != std::string::npos);
    }
    SUBCASE("not an object") { CHECK(read_error("[1, 2]").code() == "json.type"); }
    SUBCASE("a wrong type, deep in a row") {
        json j = demo();
        j["rows"][3]["planned"]["2023"] = "vijfentwintig";
        const InputError e = read_error(j.dump());
        CHECK(e.code() == "json.type");
        CHECK(e.path() == "rows[3].planned[2023]");
        CHECK(std::string(e.what()) == "rows[3].planned[2023]: Verwacht een geheel getal, maar vond tekst.");
    }
    SUBCASE("a missing field") {
        json j = demo();
        j["rows"][1].erase("planned");
        const InputError e = read_error(j.dump());
        CHECK(e.code() == "json.missing");
        CHECK(e.path() == "rows[1].planned");
    }
    SUBCASE("a missing lead name") {
        json j = demo();
        j["applicant"]["members"][2].erase("name");
        CHECK(read_error(j.dump()).path() == "applicant.members[2].name");
    }
    SUBCASE("an unknown action") {
        json j = demo();
        j["rows"][2]["action"] = 25;
        const InputError e = read_error(j.dump());
        CHECK(e.code() == "json.unknown_action");
        CHECK(e.path() == "rows[2].action");
        CHECK(e.message().find("25") != std::string::npos);
    }
    SUBCASE("an unknown target group") {
        json j = demo();
        j["rows"][2]["target_group"] = "aliens";
        const InputError e = read_error(j.dump());
        CHECK(e.code() == "json.unknown_target_group");
        CHECK(e.path() == "rows[2].target_group");
    }
    SUBCASE("an unknown applicant kind") {
        json j = demo();
        j["applicant"]["kind"] = "province";
        CHECK(read_error(j.dump()).path() == "applicant.kind");
    }
    SUBCASE("an unknown project year") {
        json j = demo();
        j["rows"][0]["planned"]["2021"] = 5;
        const InputError e = read_error(j.dump());
        CHECK(e.code() == "json.unknown_year");
        CHECK(e.path() == "rows[0].planned[2021]");
    }
    SUBCASE("an unknown call") {
        json j = demo();
        j["call"] = "2031";
        CHECK(read_error(j.dump()).code() == "json.unknown_call");
    }
}

TEST_CASE("[JSON] schema versions: newer refused, nonsense refused") {
    json j = demo();
    j["schema_version"] = kPlanSchemaVersion + 1;
    InputError e = read_error(j.dump());
    CHECK(e.code() == "json.schema_newer");
    CHECK(e.path() == "schema_version");
    CHECK(e.message().find("nieuwere versie") != std::string::npos);
    j["schema_version"] = 0;
    CHECK(read_error(j.dump()).code() == "json.schema_unknown");
    j.erase("schema_version");
    CHECK(read_error(j.dump()).code() == "json.missing");
    j["schema_version"] = "1";
    CHECK(read_error(j.dump()).code() == "json.type");
}

TEST_CASE("[JSON] absurd numbers are refused, fractional reach becomes a finding") {
    json j = demo();
    SUBCASE("a count beyond one billion") {
        j["rows"][0]["current_reach"] = 1e15;
        const InputError e = read_error(j.dump());
        CHECK(e.code() == "json.out_of_range");
        CHECK(e.path() == "rows[0].current_reach");
    }
    SUBCASE("a number beyond 64 bits") {
        const std::string text = j.dump();
        const std::string huge = "\"current_reach\":400";
        std::string changed = text;
        changed.replace(changed.find(huge), huge.size(), "\"current_reach\":123456789012345678901234567890");
        CHECK(read_error(changed).code() == "json.out_of_range");
    }
    SUBCASE("negative residents") {
        j["applicant"]["lead"]["non_eu14_residents"] = -1;
        CHECK(read_error(j.dump()).path() == "applicant.lead.non_eu14_residents");
    }
    SUBCASE("fractional reach is read, rounded towards zero, and reported") {
        j["rows"][1]["planned"]["2024"] = 12.5;
        const PlanReading reading = read_plan(j);
        CHECK(reading.plan.rows[1].planned[2] == 12);
        REQUIRE(reading.findings.size() == 1);
        CHECK(reading.findings[0].code == "reach.fractional");
        CHECK(reading.findings[0].path == "rows[1].planned[2024]");
        CHECK(reading.findings[0].severity == Severity::error);
    }
    SUBCASE("a whole number written as 30.0 is fine") {
        j["rows"][1]["planned"]["2024"] = 30.0;
        CHECK(read_plan(j).findings.empty());
    }
}

TEST_CASE("[JSON] optional parts may be left out") {
    const PlanReading reading = read_plan_text(R"({
        "schema_version": 1, "call": "2022",
        "applicant": {"kind": "municipality", "lead": {"name": "Mechelen", "non_eu14_residents": 12000}},
        "rows": [{"action": 5, "planned": {"2022": 10}}]
    })");
    const Plan& plan = reading.plan;
    CHECK(plan.rows[0].target_group == "adult_learners");  // the action's only group
    CHECK(plan.rows[0].planned == YearCounts{10, 0, 0});
    CHECK(plan.iban.empty());
    CHECK(plan.iban_is_municipal_fund_account);
    // An action with several groups needs the group named.
    const InputError e = read_error(R"({"schema_version": 1, "call": "2022",
        "applicant": {"kind": "municipality", "lead": {"name": "Mechelen"}},
        "rows": [{"action": 9, "planned": {}}]})");
    CHECK(e.path() == "rows[0].target_group");
}

TEST_CASE("[JSON] the written document puts schema_version first and keeps a fixed key order") {
    const Plan plan = read_plan_text(read_data("dendermonde_igs.json")).plan;
    const std::string text = write_plan_text(plan);
    CHECK(text.rfind("{\n  \"schema_version\": 2,\n  \"id\": \"demo-dendermonde-igs\",\n  \"call\": \"2022\",", 0) == 0);
    const nlohmann::ordered_json written = write_plan(plan);
    std::vector<std::string> keys;
    for (const auto& item : written.items()) keys.push_back(item.key());
    CHECK(keys == std::vector<std::string>{"schema_version", "id", "call", "title", "applicant", "contact", "iban",
                                           "iban_is_municipal_fund_account", "declarations", "envelope_cents", "rows"});
    std::vector<std::string> row_keys;
    for (const auto& item : written.at("rows").at(0).items()) row_keys.push_back(item.key());
    CHECK(row_keys == std::vector<std::string>{"action", "target_group", "current_reach", "planned", "priority",
                                               "activities", "partners", "split", "results"});
    // The one-line form too (what the fuzzer and the server store).
    CHECK(write_plan_text(plan, -1).rfind("{\"schema_version\":2,\"id\":", 0) == 0);
}

namespace {
struct Field {
    const char* pointer;  // where in the demo document
    const char* path;     // the field path the refusal names
};
// Every text field of a plan, by kind (text_rule.h). Multi-line: what the app edits over
// several lines (TextInputKind::LongText).
const Field kSingleLine[] = {
    {"/id", "id"},
    {"/call", "call"},
    {"/title", "title"},
    {"/applicant/kind", "applicant.kind"},
    {"/applicant/lead/nis_code", "applicant.lead.nis_code"},
    {"/applicant/lead/name", "applicant.lead.name"},
    {"/applicant/lead/reference_region", "applicant.lead.reference_region"},
    {"/applicant/members/1/name", "applicant.members[1].name"},
    {"/contact/name", "contact.name"},
    {"/contact/phone", "contact.phone"},
    {"/contact/email", "contact.email"},
    {"/iban", "iban"},
    {"/rows/2/target_group", "rows[2].target_group"},
    {"/rows/0/split/1/member", "rows[0].split[1].member"},
};
const Field kMultiLine[] = {
    {"/rows/0/activities", "rows[0].activities"},
    {"/rows/3/partners", "rows[3].partners"},
    {"/declarations/cooperation/motivation", "declarations.cooperation.motivation"},
    {"/declarations/mentorship/motivation", "declarations.mentorship.motivation"},
    {"/declarations/social_impact_bond/texts/1", "declarations.social_impact_bond.texts[1]"},
    {"/rows/0/results/2022/reason", "rows[0].results[2022].reason"},
    {"/rows/2/results/2022/recovery_plan", "rows[2].results[2022].recovery_plan"},
};

// The demo document with `suffix` appended to the text at `pointer`.
json demo_with(const char* pointer, const std::string& suffix) {
    json j = demo();
    json& text = j[json::json_pointer(pointer)];
    text = (text.is_string() ? text.get<std::string>() : std::string()) + suffix;
    return j;
}
}  // namespace

TEST_CASE("[JSON] a control character in any text field is refused, naming the field; newline and tab only in multi-line ones") {
    const std::string nul("\0", 1);
    for (const Field& field : kSingleLine) {
        CAPTURE(field.path);
        for (const std::string& bad : {std::string("\t"), std::string("\n"), std::string("\r"), nul, std::string("\x1B"),
                                       std::string("\x7F"), std::string("\xC2\x85")}) {
            const InputError e = read_error(demo_with(field.pointer, bad).dump());
            CHECK(e.code() == "text.control_character");
            CHECK(e.path() == field.path);
        }
    }
    for (const Field& field : kMultiLine) {
        CAPTURE(field.path);
        for (const std::string& bad : {nul, std::string("\x01"), std::string("\x1B[2J"), std::string("\x7F"), std::string("\xC2\x9F")}) {
            const InputError e = read_error(demo_with(field.pointer, bad).dump());
            CHECK(e.code() == "text.control_character");
            CHECK(e.path() == field.path);
            CHECK(e.message().find("nieuwe regels en tabs mogen hier wel") != std::string::npos);
        }
        const json taken = demo_with(field.pointer, "\nTweede regel\tmet een tab\r\nDerde regel");
        const json written = write_plan(read_plan(taken).plan);
        CHECK(written.at(json::json_pointer(field.pointer)) == taken.at(json::json_pointer(field.pointer)));
    }
    // The messages, word for word (as the CLI, the server and the app show them).
    json j = demo();
    j["title"] = "Plan\tGent";
    CHECK(std::string(read_error(j.dump()).what()) == "title: Dit veld is één regel tekst: een tab (teken 5) kan hier niet; gebruik een spatie.");
    j = demo();
    j["contact"]["name"] = "Sara\nJanssens";
    CHECK(std::string(read_error(j.dump()).what()) == "contact.name: Dit veld is één regel tekst: een nieuwe regel (teken 5) kan hier niet.");
    const InputError nul_title = read_error(read_data("control_character.json"));
    CHECK(nul_title.code() == "text.control_character");
    CHECK(std::string(nul_title.what()) ==
          "title: De tekst bevat een onzichtbaar stuurteken (U+0000, teken 26), dat in geen enkel tekstveld kan.");
    // Accents, the euro sign, typographic quotes and a no-break space are ordinary text.
    j = demo();
    j["title"] = "Samenleven in één \xE2\x80\x9C" "Dender\xE2\x80\x9D: \xE2\x82\xAC 10\xC2\xA0" "000";
    CHECK(read_plan(j).plan.title == j["title"]);
}

TEST_CASE("[JSON] a stored document with a control character opens, each one replaced by a space, the rest kept") {
    json stored = demo();
    stored["title"] = std::string("IGS Dendermonde\0 - Hamme", 24);
    stored["applicant"]["lead"]["name"] = "Dender\tmonde";
    stored["rows"][0]["activities"] = "Taalcafé\n\tin de bib\x01 en \xC2\x85 buiten";
    stored["rows"][0]["results"]["2022"]["reason"] = "Te weinig\r\ndeelnemers";
    CHECK(read_error(stored.dump()).code() == "text.control_character");  // as input: refused

    const PlanReading reading = read_stored_plan(stored);
    CHECK(reading.findings.empty());
    CHECK(reading.plan.title == "IGS Dendermonde  - Hamme");
    CHECK(reading.plan.applicant.lead.name == "Dender monde");
    CHECK(reading.plan.rows[0].activities == "Taalcafé\n\tin de bib  en   buiten");
    CHECK(reading.plan.rows[0].results[0].reason == "Te weinig\r\ndeelnemers");
    // Everything else is the plan as stored.
    Plan expected = read_plan(demo()).plan;
    expected.title = reading.plan.title;
    expected.applicant.lead.name = reading.plan.applicant.lead.name;
    expected.rows[0].activities = reading.plan.rows[0].activities;
    expected.rows[0].results[0].reason = reading.plan.rows[0].results[0].reason;
    CHECK(reading.plan == expected);
    // Its next version is clean: read as input again without a refusal.
    CHECK(read_plan(write_plan(reading.plan)).plan == reading.plan);
    CHECK(read_stored_plan_text(stored.dump()).plan == reading.plan);
    // A stored document is still refused for what is no text matter.
    stored["rows"][0]["planned"]["2023"] = "veel";
    CHECK_THROWS_AS(read_stored_plan(stored), InputError);
}
