#include <doctest/doctest.h>

#include "support.h"

using namespace samenleven;
using nlohmann::json;
using test_support::call2022;

TEST_CASE("[Catalogue] the 2022 call: 7 objectives, 24 actions, prices as published") {
    const Catalogue& c = call2022();
    CHECK(&default_catalogue() == &c);
    CHECK(c.years == std::vector<int>{2022});  // each later project year is its own call
    REQUIRE(c.objectives.size() == 7);
    CHECK(c.objectives[1].name == "Nederlands");
    REQUIRE(c.actions.size() == 24);
    CHECK(c.rules.eligibility_threshold == 7500);
    CHECK(c.rules.cooperation_stimulus == 1'000'000);
    CHECK(c.rules.motivation_max_chars == 2500);

    const Action* dutch = c.find_action(5);
    REQUIRE(dutch != nullptr);
    CHECK(dutch->objective == 2);
    CHECK(dutch->funding == FundingKind::per_unit);
    CHECK(dutch->unit_price == 6000);
    CHECK(dutch->target_groups.at(0).max_per_application == 2250);

    const Action* work = c.find_action(9);
    REQUIRE(work->target_groups.size() == 3);
    CHECK(work->find_group("disability")->max_per_application == 38);
    CHECK(work->unit_price == 65000);
    CHECK(c.find_action(22)->unit_price == 580'000);
    CHECK(c.find_action(17)->unit_price == 9000);

    for (int flat : {2, 16, 18, 19}) {
        CHECK(c.find_action(flat)->funding == FundingKind::flat);
        CHECK(c.find_action(flat)->unit_price == 2'500'000);
    }
    for (int other : {1, 3, 4, 12}) {
        CHECK(c.find_action(other)->funding == FundingKind::other_channel);
        CHECK_FALSE(c.find_action(other)->subsidised());
        CHECK_FALSE(c.find_action(other)->note.empty());
    }
    CHECK(c.find_action(23)->funding == FundingKind::not_in_call);
    CHECK(c.find_action(4)->objective == 0);  // objective not found in the sources
    CHECK(c.find_action(0) == nullptr);
    CHECK(c.find_action(25) == nullptr);
    CHECK(c.headlines.size() == 8);
}

namespace {
json minimal_catalogue() {
    return json::parse(R"({
      "catalogue_schema_version": 1, "call": "test", "name": "Test", "years": [2022],
      "rules": {"eligibility_threshold": 7500, "cooperation_stimulus_cents": 0, "motivation_max_chars": 2500,
                "interim_threshold_percent": 25, "cofinancing_percent": 100},
      "objectives": [{"number": 1, "name": "Een"}],
      "actions": [{"number": 1, "objective": 1, "name": "A", "kpi": "k", "funding": "per_unit",
                   "unit_price_cents": 100, "target_groups": [{"code": "g", "name": "G", "max_per_application": 5}]}]
    })");
}

std::string load_error_path(const json& j) {
    try {
        catalogue_from_json_text(j.dump());
    } catch (const InputError& e) {
        return e.path();
    }
    return "(loaded)";
}
}  // namespace

TEST_CASE("[Catalogue] a catalogue document is validated when loaded") {
    json j = minimal_catalogue();
    CHECK(catalogue_from_json_text(j.dump()).actions.size() == 1);
    SUBCASE("a subsidised action without price") {
        j["actions"][0]["unit_price_cents"] = 0;
        CHECK(load_error_path(j) == "actions[0].unit_price_cents");
    }
    SUBCASE("an unknown funding kind") {
        j["actions"][0]["funding"] = "lottery";
        CHECK(load_error_path(j) == "actions[0].funding");
    }
    SUBCASE("numbering with a gap") {
        j["actions"][0]["number"] = 2;
        CHECK(load_error_path(j) == "actions[0].number");
    }
    SUBCASE("an unknown objective") {
        j["actions"][0]["objective"] = 8;
        CHECK(load_error_path(j) == "actions[0].objective");
    }
    SUBCASE("a flat action with a maximum above 1") {
        j["actions"][0]["funding"] = "flat";
        CHECK(load_error_path(j) == "actions[0].target_groups[0].max_per_application");
    }
    SUBCASE("a year outside the programme") {
        j["years"] = {2030};
        CHECK(load_error_path(j) == "years[0]");
    }
    SUBCASE("a newer catalogue schema") {
        j["catalogue_schema_version"] = 2;
        CHECK(load_error_path(j) == "catalogue_schema_version");
    }
    SUBCASE("not JSON") { CHECK_THROWS_AS(catalogue_from_json_text("{"), InputError); }
}
