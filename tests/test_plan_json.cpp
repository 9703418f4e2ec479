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
