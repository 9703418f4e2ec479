#include "samenleven/catalogue.h"

#include "samenleven/json_text.h"

#include <algorithm>
#include <set>
#include <utility>

#include "embedded.h"
#include "json_read.h"

namespace samenleven {

using namespace json_read;

// [SECTION] Names and look-ups

std::string_view to_string(FundingKind kind) {
    switch (kind) {
        case FundingKind::per_unit: return "per_unit";
        case FundingKind::flat: return "flat";
        case FundingKind::other_channel: return "other_channel";
        case FundingKind::not_in_call: return "not_in_call";
        case FundingKind::unknown: break;
    }
    return "unknown";
}

FundingKind funding_kind_from_string(std::string_view text) {
    for (auto kind : {FundingKind::per_unit, FundingKind::flat, FundingKind::other_channel, FundingKind::not_in_call})
        if (to_string(kind) == text) return kind;
    return FundingKind::unknown;
}

const TargetGroup* Action::find_group(std::string_view code) const {
    for (const auto& group : target_groups)
        if (group.code == code) return &group;
    return nullptr;
}

const Action* Catalogue::find_action(int number) const {
    // Actions are stored sorted by number and numbered 1..n without gaps (checked on load).
    if (number < 1 || number > static_cast<int>(actions.size())) return nullptr;
    return &actions[static_cast<std::size_t>(number - 1)];
}

const Objective* Catalogue::find_objective(int number) const {
    for (const auto& objective : objectives)
        if (objective.number == number) return &objective;
    return nullptr;
}

bool Catalogue::funds_year(int start_year) const {
    return std::find(years.begin(), years.end(), start_year) != years.end();
}

// [SECTION] Reading and validating a catalogue document

namespace {

constexpr int kCatalogueSchemaVersion = 1;
constexpr long long kMaxPriceCents = 100'000'000;  // EUR 1,000,000 per unit: beyond any call
constexpr long long kMaxCeilingCents = 10'000'000'000;  // EUR 100,000,000 per action and year

TargetGroup read_group(const json& j, const Path& path) {
    TargetGroup group;
    group.code = read_string(required(j, "code", path), path.key("code"));
    group.name = read_string(required(j, "name", path), path.key("name"));
    group.max_per_application =
        read_int(required(j, "max_per_application", path), path.key("max_per_application"), 1, 1'000'000);
    if (group.code.empty()) fail(path.key("code"), "catalogue.invalid", "De code van een doelgroep is leeg.");
    return group;
}

Action read_action(const json& j, const Path& path) {
    Action action;
    action.number = static_cast<int>(read_int(required(j, "number", path), path.key("number"), 1, 99));
    action.objective = static_cast<int>(read_int(required(j, "objective", path), path.key("objective"), 0, 99));
    action.name = read_string(required(j, "name", path), path.key("name"));
    action.kpi = read_string(required(j, "kpi", path), path.key("kpi"));
    const std::string funding = read_string(required(j, "funding", path), path.key("funding"));
    action.funding = funding_kind_from_string(funding);
    if (action.funding == FundingKind::unknown)
        fail(path.key("funding"), "catalogue.invalid", "Onbekende financieringswijze '" + funding + "'.");
    if (const json* price = optional(j, "unit_price_cents"))
        action.unit_price = read_int(*price, path.key("unit_price_cents"), 0, kMaxPriceCents);
    if (const json* ceiling = optional(j, "ceiling_cents"))
        action.ceiling = read_int(*ceiling, path.key("ceiling_cents"), 0, kMaxCeilingCents);
    if (const json* assumed = optional(j, "assumed")) {
        const Path assumed_path = path.key("assumed");
        array(*assumed, assumed_path);
        for (std::size_t i = 0; i < assumed->size(); ++i) {
            const std::string field = read_string((*assumed)[i], assumed_path.index(i));
            if (field == "unit_price_cents") action.assumed.unit_price = true;
            else if (field == "ceiling_cents") action.assumed.ceiling = true;
            else if (field == "max_per_application") action.assumed.maximum = true;
            else
                fail(assumed_path.index(i), "catalogue.invalid",
                     "Onbekend veld '" + field + "'; aangenomen kunnen zijn: unit_price_cents, ceiling_cents, max_per_application.");
        }
    }
    if (const json* note = optional(j, "note")) action.note = read_string(*note, path.key("note"));
    if (const json* groups = optional(j, "target_groups")) {
        const Path groups_path = path.key("target_groups");
        array(*groups, groups_path);
        for (std::size_t i = 0; i < groups->size(); ++i)
            action.target_groups.push_back(read_group((*groups)[i], groups_path.index(i)));
    }

    // A subsidised action needs a price and at least one target group; a flat one counts 1.
    if (action.subsidised()) {
        if (action.unit_price <= 0)
            fail(path.key("unit_price_cents"), "catalogue.invalid", "Een gesubsidieerde actie heeft een prijs nodig.");
        if (action.target_groups.empty())
            fail(path.key("target_groups"), "catalogue.invalid", "Een gesubsidieerde actie heeft een doelgroep nodig.");
    } else if (!action.target_groups.empty()) {
        fail(path.key("target_groups"), "catalogue.invalid",
             "Een actie die niet via deze oproep gesubsidieerd wordt, heeft geen doelgroepen.");
    }
    if (!action.subsidised() && (action.ceiling != 0 || action.assumed.any()))
        fail(path.key(action.ceiling != 0 ? "ceiling_cents" : "assumed"), "catalogue.invalid",
             "Een actie die niet via deze oproep gesubsidieerd wordt, heeft geen plafond of aangenomen waarden.");
    if (action.assumed.ceiling && action.ceiling == 0)
        fail(path.key("assumed"), "catalogue.invalid", "Een aangenomen plafondbedrag vraagt een ceiling_cents.");
    if (action.funding == FundingKind::flat)
        for (std::size_t i = 0; i < action.target_groups.size(); ++i)
            if (action.target_groups[i].max_per_application != 1)
                fail(path.key("target_groups").index(i).key("max_per_application"), "catalogue.invalid",
                     "Een forfaitaire actie telt 1 per aanvraag.");
    std::set<std::string> codes;
    for (std::size_t i = 0; i < action.target_groups.size(); ++i)
        if (!codes.insert(action.target_groups[i].code).second)
            fail(path.key("target_groups").index(i).key("code"), "catalogue.invalid", "Dubbele doelgroepcode.");
    return action;
}

Headline read_headline(const json& j, const Path& path, const Catalogue& catalogue) {
    Headline headline;
    headline.code = read_string(required(j, "code", path), path.key("code"));
    headline.label = read_string(required(j, "label", path), path.key("label"));
    const Path parts_path = path.key("parts");
    const json& parts = array(required(j, "parts", path), path);
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const Path part_path = parts_path.index(i);
        Headline::Part part;
        part.action = static_cast<int>(read_int(required(parts[i], "action", part_path), part_path.key("action"), 1, 99));
        if (const json* group = optional(parts[i], "target_group"))
            part.target_group = read_string(*group, part_path.key("target_group"));
        const Action* action = catalogue.find_action(part.action);
        if (action == nullptr)
            fail(part_path.key("action"), "catalogue.invalid", "Onbekende actie " + std::to_string(part.action) + ".");
        if (!part.target_group.empty() && action->find_group(part.target_group) == nullptr)
            fail(part_path.key("target_group"), "catalogue.invalid", "Onbekende doelgroep '" + part.target_group + "'.");
        headline.parts.push_back(std::move(part));
    }
    return headline;
}

}  // namespace

Catalogue catalogue_from_json_text(std::string_view text) {
    const Path root;
    const json j = parse_json_text(text);
    object(j, root);
    const long long version = read_int(required(j, "catalogue_schema_version", root),
                                       root.key("catalogue_schema_version"), 1, 1'000'000);
    if (version != kCatalogueSchemaVersion)
        fail(root.key("catalogue_schema_version"), "catalogue.version",
             "Catalogusversie " + std::to_string(version) + " wordt niet ondersteund.");

    Catalogue catalogue;
    catalogue.call = read_string(required(j, "call", root), root.key("call"));
    catalogue.name = read_string(required(j, "name", root), root.key("name"));

    const Path years_path = root.key("years");
    const json& years = array(required(j, "years", root), root);
    for (std::size_t i = 0; i < years.size(); ++i) {
        const int year = static_cast<int>(read_int(years[i], years_path.index(i), 2000, 2100));
        if (year_index(year) < 0)
            fail(years_path.index(i), "catalogue.invalid", "Geen projectjaar van Plan Samenleven: " + std::to_string(year) + ".");
        catalogue.years.push_back(year);
    }
    if (catalogue.years.empty()) fail(years_path, "catalogue.invalid", "Een oproep financiert minstens één projectjaar.");

    const Path rules_path = root.key("rules");
    const json& rules = required(j, "rules", root);
    catalogue.rules.eligibility_threshold =
        read_int(required(rules, "eligibility_threshold", rules_path), rules_path.key("eligibility_threshold"), 0, 10'000'000);
    catalogue.rules.cooperation_stimulus = read_int(required(rules, "cooperation_stimulus_cents", rules_path),
                                                    rules_path.key("cooperation_stimulus_cents"), 0, kMaxPriceCents);
    const auto flag = [&](const char* key, bool& out) {
        if (const json* value = optional(rules, key)) out = read_bool(*value, rules_path.key(key));
    };
    flag("stimulus_for_new_members", catalogue.rules.stimulus_for_new_members);
    flag("envelopes", catalogue.rules.envelopes);
    flag("continuation_only", catalogue.rules.continuation_only);
    flag("renewal_needs_interim", catalogue.rules.renewal_needs_interim);
    catalogue.rules.motivation_max_chars = static_cast<int>(
        read_int(required(rules, "motivation_max_chars", rules_path), rules_path.key("motivation_max_chars"), 1, 1'000'000));
    catalogue.rules.interim_threshold_percent = static_cast<int>(read_int(
        required(rules, "interim_threshold_percent", rules_path), rules_path.key("interim_threshold_percent"), 0, 100));
    catalogue.rules.cofinancing_percent = static_cast<int>(
        read_int(required(rules, "cofinancing_percent", rules_path), rules_path.key("cofinancing_percent"), 0, 1000));

    const Path objectives_path = root.key("objectives");
    const json& objectives = array(required(j, "objectives", root), objectives_path);
    for (std::size_t i = 0; i < objectives.size(); ++i) {
        const Path path = objectives_path.index(i);
        Objective objective;
        objective.number = static_cast<int>(read_int(required(objectives[i], "number", path), path.key("number"), 1, 99));
        objective.name = read_string(required(objectives[i], "name", path), path.key("name"));
        if (const json* d = optional(objectives[i], "description")) objective.description = read_string(*d, path.key("description"));
        if (catalogue.find_objective(objective.number) != nullptr)
            fail(path.key("number"), "catalogue.invalid", "Dubbele doelstelling " + std::to_string(objective.number) + ".");
        catalogue.objectives.push_back(std::move(objective));
    }

    const Path actions_path = root.key("actions");
    const json& actions = array(required(j, "actions", root), actions_path);
    for (std::size_t i = 0; i < actions.size(); ++i) {
        Action action = read_action(actions[i], actions_path.index(i));
        // Numbered 1..n in order, so that find_action() is an index.
        if (action.number != static_cast<int>(i) + 1)
            fail(actions_path.index(i).key("number"), "catalogue.invalid",
                 "Acties staan op volgorde van nummer, zonder gaten: verwacht " + std::to_string(i + 1) + ".");
        if (action.objective != 0 && catalogue.find_objective(action.objective) == nullptr)
            fail(actions_path.index(i).key("objective"), "catalogue.invalid",
                 "Onbekende doelstelling " + std::to_string(action.objective) + ".");
        catalogue.actions.push_back(std::move(action));
    }

    if (const json* headlines = optional(j, "headlines")) {
        const Path headlines_path = root.key("headlines");
        array(*headlines, headlines_path);
        for (std::size_t i = 0; i < headlines->size(); ++i)
            catalogue.headlines.push_back(read_headline((*headlines)[i], headlines_path.index(i), catalogue));
    }
    return catalogue;
}

// [SECTION] Built-in catalogues

const std::vector<Catalogue>& builtin_catalogues() {
    // Loaded on first use; an invalid embedded catalogue is a build defect and throws here,
    // which the tests catch.
    static const std::vector<Catalogue> catalogues = [] {
        std::vector<Catalogue> loaded;
        for (const auto& file : embedded_files())
            if (file.name.rfind("catalogue_", 0) == 0) loaded.push_back(catalogue_from_json_text(file.text));
        std::sort(loaded.begin(), loaded.end(), [](const Catalogue& a, const Catalogue& b) { return a.call < b.call; });
        std::array<bool, kYearCount> funded{};  // one call per project year (years are checked on load)
        for (const auto& call : loaded)
            for (int year : call.years)
                if (std::exchange(funded[static_cast<std::size_t>(year_index(year))], true))
                    throw InputError("catalogue.invalid", "years",
                                     "Projectjaar " + year_label(year) + " valt onder twee oproepen; elk projectjaar heeft één oproep.");
        return loaded;
    }();
    return catalogues;
}

const Catalogue* find_catalogue(std::string_view call) {
    for (const auto& catalogue : builtin_catalogues())
        if (catalogue.call == call) return &catalogue;
    return nullptr;
}

const Catalogue& default_catalogue() {
    return builtin_catalogues().front();
}

YearCalls governing_calls(const Catalogue& first) {
    YearCalls calls{};
    int first_year = 0;
    for (int year : first.years)
        if (first_year == 0 || year < first_year) first_year = year;
    for (int y = 0; y < kYearCount; ++y) {
        const int start = kProjectYears[static_cast<std::size_t>(y)];
        if (first.funds_year(start)) {
            calls[static_cast<std::size_t>(y)] = &first;
        } else if (start > first_year) {
            for (const auto& call : builtin_catalogues())
                if (call.funds_year(start)) calls[static_cast<std::size_t>(y)] = &call;
        }
    }
    return calls;
}

bool governs_year(const Catalogue& first, int start_year) {
    const int yi = year_index(start_year);
    return yi >= 0 && governing_calls(first)[static_cast<std::size_t>(yi)] != nullptr;
}

const TargetGroup* find_group_in(const YearCalls& calls, int action, std::string_view code) {
    for (auto call = calls.rbegin(); call != calls.rend(); ++call)
        if (*call != nullptr)
            if (const Action* found = (*call)->find_action(action))
                if (const TargetGroup* group = found->find_group(code)) return group;
    return nullptr;
}

}  // namespace samenleven
