#include <doctest/doctest.h>

#include "support.h"

using namespace samenleven;
using test_support::call2022;
using test_support::row;

namespace {
const FieldDifference* find(const std::vector<FieldDifference>& list, const std::string& key) {
    for (const auto& d : list)
        if (d.key == key) return &d;
    return nullptr;
}
}  // namespace

TEST_CASE("[Diff] identical plans have no differences") {
    const Plan plan = read_plan_text(test_support::read_data("dendermonde_igs.json")).plan;
    CHECK(compare_plans(plan, plan, call2022()).empty());
}

TEST_CASE("[Diff] differences are field by field, rows matched by action and target group") {
    const Plan base = read_plan_text(test_support::read_data("dendermonde_igs.json")).plan;
    Plan mine = base, theirs = base;
    mine.rows[0].planned[2] = 900;                 // this device
    mine.rows[0].split[0].planned[2] = 500;
    mine.iban = "BE71 0961 2345 6769";
    theirs.rows[1].priority = 7;                   // the server
    theirs.contact.phone = "052 00 00 00";
    std::swap(theirs.rows[2], theirs.rows[3]);     // reordered: not a difference by itself
    mine.rows.push_back(row(20, "families", {10, 10, 10}, 6));  // a row only here

    const auto diffs = compare_plans(mine, theirs, call2022());
    REQUIRE(diffs.size() == 6);
    const FieldDifference* reach = find(diffs, "rows{5/adult_learners}.planned[2024]");
    REQUIRE(reach != nullptr);
    CHECK(reach->mine == 900);
    CHECK(reach->theirs == 800);
    CHECK(reach->label == "Extra bereik 2024-2025, actie 5 (Oefenkansen Nederlands)");
    CHECK(find(diffs, "rows{5/adult_learners}.split{42006}[2024]") != nullptr);
    CHECK(find(diffs, "rows{15/families}.priority")->theirs == 7);
    CHECK(find(diffs, "rows{5/adult_learners}.split{42006}[2024]")->label ==
          "Extra bereik 2024-2025, verdeling Dendermonde, actie 5 (Oefenkansen Nederlands)");
    CHECK(find(diffs, "rows{15/families}.priority")->label == "Prioriteit, actie 15 (Brugfiguren onderwijs)");
    CHECK(find(diffs, "contact.phone")->label == "Telefoon, contactpersoon");
    CHECK(find(diffs, "iban") != nullptr);
    const FieldDifference* added = find(diffs, "rows{20/families}");
    REQUIRE(added != nullptr);
    CHECK(added->theirs.is_null());
    CHECK(added->label == "Hele rij, actie 20 (Gezinnen naar een sociale mix op school)");

    SUBCASE("taking nothing from this device gives the server's version") {
        CHECK(merge_plans(mine, theirs, diffs, std::vector<bool>(diffs.size(), false)) == theirs);
    }
    SUBCASE("taking everything from this device gives this device's content, in the server's row order") {
        const Plan merged = merge_plans(mine, theirs, diffs, std::vector<bool>(diffs.size(), true));
        CHECK(compare_plans(mine, merged, call2022()).empty());
        CHECK(merged.rows[2].action == theirs.rows[2].action);
        CHECK(merged.rows.back().action == 20);
    }
    SUBCASE("a choice per field") {
        std::vector<bool> take(diffs.size(), false);
        for (std::size_t i = 0; i < diffs.size(); ++i)
            take[i] = diffs[i].key.rfind("rows{5/", 0) == 0;  // keep this device's reach of action 5 only
        const Plan merged = merge_plans(mine, theirs, diffs, take);
        CHECK(merged.rows[0].planned[2] == 900);
        CHECK(merged.rows[0].split[0].planned[2] == 500);
        CHECK(merged.rows[1].priority == 7);
        CHECK(merged.contact.phone == "052 00 00 00");
        CHECK(merged.iban == base.iban);
        CHECK(merged.rows.size() == base.rows.size());
        CHECK_FALSE(has_errors(validate(merged, call2022())));
    }
}

TEST_CASE("[Diff] a row removed on this device can be removed from the merge") {
    const Plan base = read_plan_text(test_support::read_data("dendermonde_igs.json")).plan;
    Plan mine = base;
    mine.rows.erase(mine.rows.begin() + 4);  // the street harassment action plan
    const auto diffs = compare_plans(mine, base, call2022());
    REQUIRE(diffs.size() == 1);
    CHECK(diffs[0].key == "rows{16/action_plan}");
    CHECK(diffs[0].mine.is_null());
    CHECK(merge_plans(mine, base, diffs, {true}) == mine);
    CHECK(merge_plans(mine, base, diffs, {false}) == base);
}

TEST_CASE("[Diff] a split or results absent on this device are absent from the merge that takes them") {
    // Found by fuzz_plan (tests/data/fuzz/merge_split_taken_absent.json): taking "absent" for
    // every field of a split left the split's members in place with zeros.
    const Plan theirs = read_plan_text(test_support::read_data("dendermonde_igs.json")).plan;
    Plan mine = theirs;
    mine.rows[0].split.clear();
    mine.rows[0].results = {};
    const auto diffs = compare_plans(mine, theirs, call2022());
    REQUIRE_FALSE(diffs.empty());
    const Plan merged = merge_plans(mine, theirs, diffs, std::vector<bool>(diffs.size(), true));
    CHECK(merged.rows[0].split.empty());
    CHECK(merged == mine);
    CHECK(compare_plans(merged, mine, call2022()).empty());
    CHECK(merge_plans(mine, theirs, diffs, std::vector<bool>(diffs.size(), false)) == theirs);
}

TEST_CASE("[Diff] a split, or a member's share of it, on one side only is one difference") {
    const Plan theirs = read_plan_text(test_support::read_data("dendermonde_igs.json")).plan;
    Plan mine = theirs;
    mine.rows[0].split.clear();
    auto diffs = compare_plans(mine, theirs, call2022());
    REQUIRE(diffs.size() == 1);
    CHECK(diffs[0].key == "rows{5/adult_learners}.split");
    CHECK(diffs[0].mine.is_null());
    CHECK(diffs[0].theirs.size() == 4);
    CHECK(diffs[0].label == "Verdeling per gemeente, actie 5 (Oefenkansen Nederlands)");
    CHECK(merge_plans(mine, theirs, diffs, {true}) == mine);
    CHECK(merge_plans(mine, theirs, diffs, {false}) == theirs);

    Plan fewer = theirs;
    fewer.rows[0].split.pop_back();  // Buggenhout's share removed on this device
    diffs = compare_plans(fewer, theirs, call2022());
    REQUIRE(diffs.size() == 1);
    CHECK(diffs[0].key == "rows{5/adult_learners}.split{42004}");
    CHECK(merge_plans(fewer, theirs, diffs, {true}) == fewer);
    CHECK(merge_plans(fewer, theirs, diffs, {false}) == theirs);
}

TEST_CASE("[Diff] split members named with braces, brackets or backslashes compare and merge like any other") {
    // Found by fuzz_plan (tests/data/fuzz/merge_split_member_*.json): such a name broke the
    // keys that name a field, and the merge was unreadable or kept what it should remove.
    Plan theirs = read_plan_text(test_support::read_data("dendermonde_igs.json")).plan;
    theirs.rows[0].split.push_back({"x}y", {1, 2, 3}});
    theirs.rows[0].split.push_back({"a[b]\\c", {4, 5, 6}});
    Plan mine = theirs;
    mine.rows[0].split[4].planned[1] = 20;  // x}y, 2023-2024
    mine.rows[0].split.pop_back();          // a[b]\c removed here
    const auto diffs = compare_plans(mine, theirs, call2022());
    REQUIRE(diffs.size() == 2);
    CHECK(merge_plans(mine, theirs, diffs, {true, true}) == mine);
    CHECK(merge_plans(mine, theirs, diffs, {false, false}) == theirs);
    const FieldDifference* changed = find(diffs, "rows{5/adult_learners}.split{x\\}y}[2023]");
    REQUIRE(changed != nullptr);
    CHECK(changed->label == "Extra bereik 2023-2024, verdeling x}y, actie 5 (Oefenkansen Nederlands)");
    const FieldDifference* removed = find(diffs, "rows{5/adult_learners}.split{a[b\\]\\\\c}");
    REQUIRE(removed != nullptr);
    CHECK(removed->label == "Verdeling a[b]\\c, actie 5 (Oefenkansen Nederlands)");
}
