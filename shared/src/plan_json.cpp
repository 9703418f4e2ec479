#include "samenleven/plan_json.h"

#include "samenleven/json_text.h"

#include "json_read.h"
#include "samenleven/plan_upgrade.h"

namespace samenleven {

using json_read::Path;
using nlohmann::json;
using nlohmann::ordered_json;
using namespace json_read;

// [SECTION] Writing

namespace {

ordered_json year_counts_to_json(const YearCounts& counts) {
    ordered_json j = ordered_json::object();
    for (int i = 0; i < kYearCount; ++i)
        j[std::to_string(kProjectYears[static_cast<std::size_t>(i)])] = counts[static_cast<std::size_t>(i)];
    return j;
}

ordered_json government_to_json(const LocalGovernment& government) {
    ordered_json j = {{"nis_code", government.nis_code},
                      {"name", government.name},
                      {"non_eu14_residents", government.non_eu14_residents},
                      {"reference_region", government.reference_region}};
    if (government.joined != 0) j["joined"] = government.joined;
    return j;
}

ordered_json declaration_to_json(const Declaration& declaration) {
    return {{"declared", declaration.declared}, {"action", declaration.action}, {"motivation", declaration.motivation}};
}

ordered_json bond_to_json(const SocialImpactBond& bond) {
    ordered_json texts = ordered_json::array();
    for (const auto& text : bond.texts) texts.push_back(text);
    return {{"declared", bond.declared}, {"texts", std::move(texts)}};
}

ordered_json envelope_to_json(const std::array<std::optional<Cents>, kYearCount>& envelope) {
    ordered_json j = ordered_json::object();
    for (int i = 0; i < kYearCount; ++i)
        if (const auto& cents = envelope[static_cast<std::size_t>(i)])
            j[std::to_string(kProjectYears[static_cast<std::size_t>(i)])] = *cents;
    return j;
}

ordered_json results_to_json(const std::array<YearResult, kYearCount>& results) {
    ordered_json j = ordered_json::object();
    for (int i = 0; i < kYearCount; ++i) {
        const YearResult& r = results[static_cast<std::size_t>(i)];
        ordered_json year = ordered_json::object();
        if (r.confirmed_target) year["confirmed_target"] = *r.confirmed_target;
        if (r.interim_reach) year["interim_reach"] = *r.interim_reach;
        if (r.final_reach) year["final_reach"] = *r.final_reach;
        if (!r.reason.empty()) year["reason"] = r.reason;
        if (!r.recovery_plan.empty()) year["recovery_plan"] = r.recovery_plan;
        if (r.jury_positive) year["jury_positive"] = *r.jury_positive;
        if (!year.empty()) j[std::to_string(kProjectYears[static_cast<std::size_t>(i)])] = std::move(year);
    }
    return j;
}

ordered_json row_to_json(const ActionRow& row) {
    ordered_json j = {{"action", row.action},
                      {"target_group", row.target_group},
                      {"current_reach", row.current_reach},
                      {"planned", year_counts_to_json(row.planned)},
                      {"priority", row.priority},
                      {"activities", row.activities},
                      {"partners", row.partners}};
    if (!row.split.empty()) {
        ordered_json split = ordered_json::array();
        for (const auto& member : row.split)
            split.push_back({{"member", member.member}, {"planned", year_counts_to_json(member.planned)}});
        j["split"] = std::move(split);
    }
    ordered_json results = results_to_json(row.results);
    if (!results.empty()) j["results"] = std::move(results);
    return j;
}

}  // namespace

ordered_json write_plan(const Plan& plan) {
    ordered_json members = ordered_json::array();
    for (const auto& member : plan.applicant.members) members.push_back(government_to_json(member));
    ordered_json rows = ordered_json::array();
    for (const auto& row : plan.rows) rows.push_back(row_to_json(row));
    return {{"schema_version", kPlanSchemaVersion},
         {"id", plan.id},
         {"call", plan.call},
         {"title", plan.title},
         {"applicant",
          {{"kind", to_string(plan.applicant.kind)},
           {"lead", government_to_json(plan.applicant.lead)},
           {"members", std::move(members)}}},
         {"contact", {{"name", plan.contact.name}, {"phone", plan.contact.phone}, {"email", plan.contact.email}}},
         {"iban", plan.iban},
         {"iban_is_municipal_fund_account", plan.iban_is_municipal_fund_account},
         {"declarations",
          {{"cooperation", declaration_to_json(plan.declarations.cooperation)},
           {"mentorship", declaration_to_json(plan.declarations.mentorship)},
           {"social_impact_bond", bond_to_json(plan.declarations.social_impact_bond)}}},
         {"envelope_cents", envelope_to_json(plan.envelope)},
         {"rows", std::move(rows)}};
}

void to_json(json& j, const Plan& plan) { j = write_plan(plan); }

std::string write_plan_text(const Plan& plan, int indent) {
    return write_plan(plan).dump(indent);
}

// [SECTION] Reading

namespace {

struct Reader {
    TextSource source = TextSource::input;  // what a text's refused character does (json_read.h)
    const Catalogue* catalogue = nullptr;  // set once "call" is read
    YearCalls calls{};                     // the calls governing the plan's years
    std::vector<Finding> findings;

    // Every text of a plan is read here, under the text rule (samenleven/text_rule.h): `lines`
    // is multi for the fields the app edits over several lines.
    std::string text_at(const json& value, const Path& path, TextLines lines = TextLines::single) {
        return read_text(value, path, lines, source);
    }

    std::string text(const json& parent, std::string_view key, const Path& path, TextLines lines = TextLines::single) {
        const json* value = optional(parent, key);
        return value ? text_at(*value, path.key(key), lines) : std::string();
    }

    Count count(const json& value, const Path& path) { return read_count(value, path, kMaxCount, &findings); }

    YearCounts year_counts(const json& value, const Path& path) {
        object(value, path);
        YearCounts counts{};
        for (const auto& [key, item] : value.items()) {
            const Path year_path = path.bracket(key);
            const int idx = parse_year(key, year_path);
            counts[static_cast<std::size_t>(idx)] = count(item, year_path);
        }
        return counts;
    }

    int parse_year(const std::string& key, const Path& path) {
        int year = 0;
        bool digits = !key.empty() && key.size() <= 4;
        for (char c : key) digits = digits && c >= '0' && c <= '9';
        if (digits) year = std::stoi(key);
        const int idx = digits ? year_index(year) : -1;
        if (idx < 0)
            fail(path, "json.unknown_year",
                 "'" + key + "' is geen projectjaar; gebruik het beginjaar: 2022, 2023 of 2024.");
        return idx;
    }

    LocalGovernment government(const json& value, const Path& path) {
        object(value, path);
        LocalGovernment government;
        government.nis_code = text(value, "nis_code", path);
        government.name = text_at(required(value, "name", path), path.key("name"));
        if (const json* residents = optional(value, "non_eu14_residents"))
            government.non_eu14_residents = read_int(*residents, path.key("non_eu14_residents"), 0, kMaxCount);
        government.reference_region = text(value, "reference_region", path);
        if (const json* joined = optional(value, "joined")) {
            government.joined = static_cast<int>(read_int(*joined, path.key("joined"), 0, 9999));
            if (government.joined != 0 && year_index(government.joined) < 0)
                fail(path.key("joined"), "json.unknown_year",
                     "'" + std::to_string(government.joined) + "' is geen projectjaar; gebruik het beginjaar: 2022, 2023 of 2024.");
        }
        return government;
    }

    Applicant applicant(const json& value, const Path& path) {
        object(value, path);
        Applicant applicant;
        const std::string kind = text_at(required(value, "kind", path), path.key("kind"));
        applicant.kind = applicant_kind_from_string(kind);
        if (applicant.kind == ApplicantKind::unknown)
            fail(path.key("kind"), "json.unknown_value",
                 "Onbekend type aanvrager '" + kind + "'; verwacht municipality, igs, vgc of de_rand.");
        applicant.lead = government(required(value, "lead", path), path.key("lead"));
        if (const json* members = optional(value, "members")) {
            const Path members_path = path.key("members");
            array(*members, members_path);
            for (std::size_t i = 0; i < members->size(); ++i)
                applicant.members.push_back(government((*members)[i], members_path.index(i)));
        }
        return applicant;
    }

    Declaration declaration(const json& parent, std::string_view key, const Path& parent_path) {
        Declaration declaration;
        const json* value = optional(parent, key);
        if (value == nullptr) return declaration;
        const Path path = parent_path.key(key);
        object(*value, path);
        if (const json* declared = optional(*value, "declared")) declaration.declared = read_bool(*declared, path.key("declared"));
        if (const json* action = optional(*value, "action")) {
            declaration.action = static_cast<int>(read_int(*action, path.key("action"), 0, 99));
            if (declaration.action != 0 && catalogue->find_action(declaration.action) == nullptr)
                fail(path.key("action"), "json.unknown_action",
                     "Actie " + std::to_string(declaration.action) + " bestaat niet in oproep " + catalogue->call + ".");
        }
        declaration.motivation = text(*value, "motivation", path, TextLines::multi);
        return declaration;
    }

    SocialImpactBond bond(const json& parent, const Path& parent_path) {
        SocialImpactBond bond;
        const json* value = optional(parent, "social_impact_bond");
        if (value == nullptr) return bond;
        const Path path = parent_path.key("social_impact_bond");
        object(*value, path);
        if (const json* declared = optional(*value, "declared")) bond.declared = read_bool(*declared, path.key("declared"));
        if (const json* texts = optional(*value, "texts")) {
            const Path texts_path = path.key("texts");
            array(*texts, texts_path);
            if (texts->size() > bond.texts.size())
                fail(texts_path, "json.invalid", "Een social impact bond heeft " + std::to_string(bond.texts.size()) + " teksten.");
            for (std::size_t i = 0; i < texts->size(); ++i) bond.texts[i] = text_at((*texts)[i], texts_path.index(i), TextLines::multi);
        }
        return bond;
    }

    std::optional<Cents> envelope_cents(const json& value, const Path& path) {
        return read_int(value, path, 0, kMaxEnvelopeCents);
    }

    YearResult year_result(const json& value, const Path& path) {
        object(value, path);
        YearResult result;
        if (const json* v = optional(value, "confirmed_target")) result.confirmed_target = read_int(*v, path.key("confirmed_target"), 0, kMaxCount);
        if (const json* v = optional(value, "interim_reach")) result.interim_reach = read_int(*v, path.key("interim_reach"), 0, kMaxCount);
        if (const json* v = optional(value, "final_reach")) result.final_reach = read_int(*v, path.key("final_reach"), 0, kMaxCount);
        result.reason = text(value, "reason", path, TextLines::multi);
        result.recovery_plan = text(value, "recovery_plan", path, TextLines::multi);
        if (const json* v = optional(value, "jury_positive")) result.jury_positive = read_bool(*v, path.key("jury_positive"));
        return result;
    }

    ActionRow row(const json& value, const Path& path) {
        object(value, path);
        ActionRow row;
        row.action = static_cast<int>(read_int(required(value, "action", path), path.key("action"), 1, 99));
        const Action* action = catalogue->find_action(row.action);
        if (action == nullptr)
            fail(path.key("action"), "json.unknown_action",
                 "Actie " + std::to_string(row.action) + " bestaat niet in oproep " + catalogue->call + ".");
        if (const json* group = optional(value, "target_group")) {
            row.target_group = text_at(*group, path.key("target_group"));
        } else if (action->target_groups.size() == 1) {
            row.target_group = action->target_groups.front().code;  // the only one: may be left out
        } else if (action->subsidised()) {
            fail(path.key("target_group"), "json.missing", "Dit verplichte veld ontbreekt: actie " +
                                                               std::to_string(row.action) + " heeft meerdere doelgroepen.");
        }
        // A group of any call of the plan's years (action 24's one group exists from 2023).
        if (!row.target_group.empty() && find_group_in(calls, row.action, row.target_group) == nullptr)
            fail(path.key("target_group"), "json.unknown_target_group",
                 "Actie " + std::to_string(row.action) + " heeft geen doelgroep '" + row.target_group + "'.");
        if (const json* current = optional(value, "current_reach")) row.current_reach = count(*current, path.key("current_reach"));
        row.planned = year_counts(required(value, "planned", path), path.key("planned"));
        if (const json* priority = optional(value, "priority"))
            row.priority = static_cast<int>(read_int(*priority, path.key("priority"), 0, 1000));
        row.activities = text(value, "activities", path, TextLines::multi);
        row.partners = text(value, "partners", path, TextLines::multi);
        if (const json* split = optional(value, "split")) {
            const Path split_path = path.key("split");
            array(*split, split_path);
            for (std::size_t i = 0; i < split->size(); ++i) {
                const Path member_path = split_path.index(i);
                object((*split)[i], member_path);
                MemberReach member;
                member.member = text_at(required((*split)[i], "member", member_path), member_path.key("member"));
                member.planned = year_counts(required((*split)[i], "planned", member_path), member_path.key("planned"));
                row.split.push_back(std::move(member));
            }
        }
        if (const json* results = optional(value, "results")) {
            const Path results_path = path.key("results");
            object(*results, results_path);
            for (const auto& [key, item] : results->items()) {
                const Path year_path = results_path.bracket(key);
                row.results[static_cast<std::size_t>(parse_year(key, year_path))] = year_result(item, year_path);
            }
        }
        return row;
    }

    // `document` is at kPlanSchemaVersion (upgrade_plan).
    Plan plan(const json& document) {
        const Path root;
        Plan plan;
        plan.call = text_at(required(document, "call", root), root.key("call"));
        catalogue = find_catalogue(plan.call);
        if (catalogue == nullptr)
            fail(root.key("call"), "json.unknown_call", "Oproep '" + plan.call + "' is niet bekend in deze versie.");
        calls = governing_calls(*catalogue);
        plan.id = text(document, "id", root);
        plan.title = text(document, "title", root);
        plan.applicant = applicant(required(document, "applicant", root), root.key("applicant"));
        if (const json* contact = optional(document, "contact")) {
            const Path path = root.key("contact");
            object(*contact, path);
            plan.contact.name = text(*contact, "name", path);
            plan.contact.phone = text(*contact, "phone", path);
            plan.contact.email = text(*contact, "email", path);
        }
        plan.iban = text(document, "iban", root);
        if (const json* fund = optional(document, "iban_is_municipal_fund_account"))
            plan.iban_is_municipal_fund_account = read_bool(*fund, root.key("iban_is_municipal_fund_account"));
        if (const json* declarations = optional(document, "declarations")) {
            const Path path = root.key("declarations");
            object(*declarations, path);
            plan.declarations.cooperation = declaration(*declarations, "cooperation", path);
            plan.declarations.mentorship = declaration(*declarations, "mentorship", path);
            plan.declarations.social_impact_bond = bond(*declarations, path);
        }
        if (const json* envelope = optional(document, "envelope_cents")) {
            const Path path = root.key("envelope_cents");
            object(*envelope, path);
            for (const auto& [key, item] : envelope->items()) {
                const Path year_path = path.bracket(key);
                plan.envelope[static_cast<std::size_t>(parse_year(key, year_path))] = envelope_cents(item, year_path);
            }
        }
        const Path rows_path = root.key("rows");
        const json& rows = array(required(document, "rows", root), rows_path);
        plan.rows.reserve(rows.size());
        for (std::size_t i = 0; i < rows.size(); ++i) plan.rows.push_back(row(rows[i], rows_path.index(i)));
        return plan;
    }
};

}  // namespace

namespace {
PlanReading read_from(const json& document, TextSource source) {
    Reader reader;
    reader.source = source;
    Plan plan = reader.plan(upgrade_plan(document));
    return {std::move(plan), std::move(reader.findings)};
}
}  // namespace

PlanReading read_plan(const json& document) { return read_from(document, TextSource::input); }

PlanReading read_plan_text(std::string_view text) { return read_plan(parse_json_text(text)); }

PlanReading read_stored_plan(const json& document) { return read_from(document, TextSource::stored); }

PlanReading read_stored_plan_text(std::string_view text) { return read_stored_plan(parse_json_text(text)); }

void from_json(const json& j, Plan& plan) {
    plan = read_plan(j).plan;
}

}  // namespace samenleven
