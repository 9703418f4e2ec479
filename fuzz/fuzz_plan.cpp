// libFuzzer target: bytes as a plan document, through what a plan goes through in the core.
// Reading and validation (read_and_validate_text); then, for a plan that reads, what the app,
// the CLI and the server compute from it (budget, eligibility, result status, reports,
// aggregation, the cooperation check), writing it and reading it back, and comparing and
// merging it with the demo plan (tests/data/dendermonde_igs.json) both ways.
//
// InputError is the expected answer to bad input. A finding is: a crash, an ASan or UBSan
// report, a hang, any other exception escaping, or a broken promise of the core, reported
// with abort() and a message on stderr:
//   - a written plan reads back as the same plan (indented and compact text);
//   - a document refused for a control character in a text opens as a stored document
//     (read_stored_plan_text, each one replaced), and that plan reads back as input;
//   - a plan does not differ from itself;
//   - merging two readable plans gives a readable plan (plan_diff.h); taking every
//     difference from one side gives that side again, and a mix differs from each side only
//     in the fields taken from the other (compared field by field with compare_plans).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "samenleven/samenleven.h"

namespace {

using namespace samenleven;

[[noreturn]] void report(const std::string& what, const std::string& detail) {
    std::fprintf(stderr, "\n==fuzz_plan== FINDING: %s\n%s\n", what.c_str(), detail.c_str());
    std::fflush(stderr);
    std::abort();
}

std::string describe(const InputError& e) { return e.code() + " at '" + e.path() + "': " + e.message(); }

// Plans in reports are written compactly, one line each.
std::string text_of(const Plan& plan) { return write_plan_text(plan, -1); }

std::string describe(const std::vector<FieldDifference>& differences) {
    std::string out;
    for (const auto& d : differences) out += "  " + d.key + ": " + d.mine.dump() + " / " + d.theirs.dump() + "\n";
    return out;
}

const Plan& demo_plan() {
    static const Plan plan = [] {
        const std::string path = std::string(SAMENLEVEN_TEST_DATA) + "/dendermonde_igs.json";
        std::ifstream in(path, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        if (!in) report("cannot read the demo plan", path);
        return read_plan_text(text.str()).plan;
    }();
    return plan;
}

// Written with `indent`, the plan reads back as the same plan.
void check_round_trip(const Plan& plan, int indent) {
    const std::string text = write_plan_text(plan, indent);
    PlanReading again;
    try {
        again = read_and_validate_text(text);
    } catch (const InputError& e) {
        report("a written plan cannot be read back: " + describe(e), text);
    }
    if (!(again.plan == plan))
        report("writing and reading back changed the plan (indent " + std::to_string(indent) + ")",
               "written:\n" + text_of(plan) + "\nread back:\n" + text_of(again.plan));
}

// A document stored before the text rule: read with its control characters replaced, never
// refused for them, and the plan it gives is clean input (written, it reads back the same).
void check_stored(std::string_view text) {
    Plan plan;
    try {
        plan = read_stored_plan_text(text).plan;
    } catch (const InputError& e) {
        if (e.code() == "text.control_character") report("a stored document was refused for a control character", describe(e));
        return;  // refused for something else, as input would be
    }
    check_round_trip(plan, -1);
}

// Merges `mine` into `theirs` taking the differences chosen by `take_mine`; both plans are
// readable, so the merge must be too.
Plan merge(const Plan& mine, const Plan& theirs, const std::vector<FieldDifference>& differences,
           const std::vector<bool>& take_mine, const char* which) {
    try {
        return merge_plans(mine, theirs, differences, take_mine);
    } catch (const InputError& e) {
        report(std::string("merging two readable plans (") + which + ") gave an unreadable plan: " + describe(e),
               "mine:\n" + text_of(mine) + "\ntheirs:\n" + text_of(theirs) + "\ndifferences:\n" +
                   describe(differences));
    }
}

// `key` names the same field as one of `taken`, a field inside one, or a field holding one.
bool explained(const std::string& key, const std::set<std::string>& taken) {
    const auto inside = [](const std::string& inner, const std::string& outer) {
        return inner.size() > outer.size() && inner.compare(0, outer.size(), outer) == 0 &&
               std::string_view(".{[").find(inner[outer.size()]) != std::string_view::npos;
    };
    for (const auto& t : taken)
        if (t == key || inside(key, t) || inside(t, key)) return true;
    return false;
}

void check_merge(const Plan& mine, const Plan& theirs, const Catalogue& catalogue, std::uint64_t bits) {
    const std::vector<FieldDifference> differences = compare_plans(mine, theirs, catalogue);
    const std::size_t n = differences.size();
    const std::string plans = "mine:\n" + text_of(mine) + "\ntheirs:\n" + text_of(theirs);

    // Taking every difference from mine gives mine; taking none gives theirs.
    const Plan all_mine = merge(mine, theirs, differences, std::vector<bool>(n, true), "all mine");
    if (const auto left = compare_plans(all_mine, mine, catalogue); !left.empty())
        report("taking every difference from mine did not give mine",
               plans + "\nmerged:\n" + text_of(all_mine) + "\nmerged / mine still differ in:\n" + describe(left));
    const Plan none = merge(mine, theirs, differences, std::vector<bool>(n, false), "none");
    if (const auto left = compare_plans(none, theirs, catalogue); !left.empty())
        report("taking no difference from mine did not give theirs",
               plans + "\nmerged:\n" + text_of(none) + "\nmerged / theirs still differ in:\n" + describe(left));

    // A mix chosen by the input's hash: the merge differs from mine only in the fields taken
    // from theirs, and from theirs only in the fields taken from mine. A comparison may name
    // a field at another level than the differences did (a whole split where they named its
    // members): a key is explained by a taken key that contains it or that it contains.
    std::vector<bool> mixed(n);
    std::set<std::string> from_mine, from_theirs;
    for (std::size_t i = 0; i < n; ++i) {
        mixed[i] = ((bits >> (i % 64)) & 1U) != 0;
        (mixed[i] ? from_mine : from_theirs).insert(differences[i].key);
    }
    const Plan mix = merge(mine, theirs, differences, mixed, "mixed");
    const auto sides = {std::tuple{"mine", &mine, &from_theirs}, std::tuple{"theirs", &theirs, &from_mine}};
    for (const auto& [side, plan, allowed] : sides)
        for (const auto& d : compare_plans(mix, *plan, catalogue))
            if (!explained(d.key, *allowed))
                report(std::string("a mixed merge differs from ") + side +
                           " in a field it did not take from the other side: " + d.key,
                       plans + "\nmerged:\n" + text_of(mix) + "\nmerged: " + d.mine.dump() + ", " + side + ": " +
                           d.theirs.dump() + "\ndifferences (mine / theirs):\n" + describe(differences));
}

void exercise(const PlanReading& reading, std::uint64_t bits) {
    const Plan& plan = reading.plan;
    const Catalogue* catalogue = find_catalogue(plan.call);
    if (catalogue == nullptr) report("a plan that reads has an unknown call", plan.call);

    // What the app shows and the CLI and the server report.
    const Budget budget = calculate(plan, *catalogue);
    if (budget.rows.size() != plan.rows.size()) report("the budget has not one row per plan row", "");
    (void)validate(plan, *catalogue);
    (void)plan_report_json(plan, *catalogue, reading.findings).dump();
    const std::vector<Plan> plans{plan, demo_plan()};
    (void)aggregate_json(aggregate(plans, *catalogue), *catalogue).dump();
    (void)aggregate(plans, *catalogue, kProjectYears[1]);
    (void)findings_json(validate_cooperations(plans)).dump();

    check_round_trip(plan, 2);
    check_round_trip(plan, -1);

    if (const auto self = compare_plans(plan, plan, *catalogue); !self.empty())
        report("a plan differs from itself", text_of(plan) + "\n" + describe(self));
    check_merge(plan, demo_plan(), *catalogue, bits);
    check_merge(demo_plan(), plan, *catalogue, ~bits);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    (void)demo_plan();
    (void)builtin_catalogues();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    PlanReading reading;
    try {
        reading = read_and_validate_text(text);
    } catch (const InputError& e) {
        if (e.code().empty() || e.message().empty()) report("an InputError without code or message", describe(e));
        if (e.code() == "text.control_character") check_stored(text);
        return 0;  // bad input, told as it should be
    }
    // Any other exception escapes to libFuzzer and is reported as a crash (uncaught exception).
    exercise(reading, std::hash<std::string_view>{}(text));
    return 0;
}
