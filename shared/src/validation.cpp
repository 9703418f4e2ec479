#include "samenleven/validation.h"

#include <algorithm>
#include <map>
#include <set>

#include "samenleven/budget.h"
#include "samenleven/eligibility.h"
#include "samenleven/field_path.h"
#include "samenleven/format.h"

namespace samenleven {

// [SECTION] Helpers

namespace {

struct Findings {
    std::vector<Finding> list;
    void error(std::string code, std::string path, std::string message) {
        list.push_back({Severity::error, std::move(code), std::move(path), std::move(message)});
    }
    void warning(std::string code, std::string path, std::string message) {
        list.push_back({Severity::warning, std::move(code), std::move(path), std::move(message)});
    }
};

int start_year(int y) { return kProjectYears[static_cast<std::size_t>(y)]; }
std::string year_text(int y) { return year_label(start_year(y)); }

// Length in characters (Unicode code points) of UTF-8 text, as a person counts them.
std::size_t utf8_length(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(),
                                                  [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool is_plausible_email(const std::string& email) {
    const auto at = email.find('@');
    if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos) return false;
    const auto dot = email.find('.', at);
    return dot != std::string::npos && dot > at + 1 && dot + 1 < email.size() &&
           email.find(' ') == std::string::npos;
}

// [SECTION] Applicant, contact, IBAN, declarations

void check_applicant(const Plan& plan, const Catalogue& catalogue, Findings& out) {
    const Applicant& applicant = plan.applicant;
    if (applicant.lead.name.empty())
        out.error("applicant.name_missing", "applicant.lead.name", "Vul de naam van de aanvrager in.");
    const Eligibility verdict = eligibility(applicant, catalogue.rules);
    if (!verdict.eligible) out.error("applicant.not_eligible", "applicant", "Niet ontvankelijk. " + verdict.reason);

    const bool cooperation = applicant.kind == ApplicantKind::igs || applicant.kind == ApplicantKind::de_rand;
    if (!cooperation && !applicant.members.empty())
        out.warning("applicant.members_ignored", "applicant.members",
                    "Alleen een IGS of de Rand heeft deelnemende gemeenten; deze gemeenten tellen niet mee.");

    // An IGS cooperates inside one reference region; the stimulus counts partners in the lead's.
    const bool igs = applicant.kind == ApplicantKind::igs;
    if (igs && !applicant.members.empty() && applicant.lead.reference_region.empty())
        out.warning("applicant.region_missing", "applicant.lead.reference_region",
                    "Vul de referentieregio van de trekker in: een IGS werkt samen binnen één referentieregio.");
    std::map<std::string, std::string> seen{{government_key(applicant.lead), "applicant.lead"}};
    for (std::size_t m = 0; m < applicant.members.size(); ++m) {
        const LocalGovernment& member = applicant.members[m];
        const std::string path = FieldPath::member(m).str();
        if (member.name.empty())
            out.error("applicant.name_missing", FieldPath::member(m).field("name").str(), "Vul de naam van de gemeente in.");
        if (igs && member.reference_region.empty())
            out.warning("applicant.region_missing", FieldPath::member(m).field("reference_region").str(),
                        "Vul de referentieregio van " + (member.name.empty() ? "deze gemeente" : member.name) + " in.");
        else if (igs && !same_reference_region(applicant.lead, member))
            out.error("applicant.region_mismatch", FieldPath::member(m).field("reference_region").str(),
                      member.name + " ligt in referentieregio " + member.reference_region + ", de trekker in " +
                          applicant.lead.reference_region + "; een IGS werkt samen binnen één referentieregio.");
        if (!seen.emplace(government_key(member), path).second)
            out.error("cooperation.member_twice", path,
                      member.name + " staat twee keer in de aanvraag; een bestuur neemt maar één keer deel.");
    }
}

void check_contact_and_iban(const Plan& plan, Findings& out) {
    if (plan.contact.name.empty()) out.error("contact.name_missing", "contact.name", "Vul de naam van de contactpersoon in.");
    if (plan.contact.email.empty())
        out.error("contact.email_missing", "contact.email", "Vul het e-mailadres van de contactpersoon in.");
    else if (!is_plausible_email(plan.contact.email))
        out.error("contact.email_invalid", "contact.email", "'" + plan.contact.email + "' is geen geldig e-mailadres.");
    if (plan.contact.phone.empty())
        out.warning("contact.phone_missing", "contact.phone", "Vul het telefoonnummer van de contactpersoon in.");

    if (plan.iban.empty())
        out.error("iban.missing", "iban", "Vul het rekeningnummer (IBAN) in waarop de subsidie gestort wordt.");
    else if (!is_valid_iban(plan.iban))
        out.error("iban.invalid", "iban",
                  "'" + plan.iban + "' is geen geldig IBAN-nummer: controleer de cijfers (controlegetal klopt niet).");
    else if (!plan.iban_is_municipal_fund_account)
        out.warning("iban.confirmation_letter", "iban",
                    "Dit is niet de rekening van het Gemeentefonds: voeg een bevestigingsbrief van de bank toe.");
}

void check_length(const std::string& text, const std::string& path, const std::string& what, const Catalogue& catalogue,
                  Findings& out) {
    const std::size_t length = utf8_length(text);
    const auto max = static_cast<std::size_t>(catalogue.rules.motivation_max_chars);
    if (length > max)
        out.error("declaration.motivation_too_long", path,
                  what + " is " + format_count(static_cast<Count>(length)) + " tekens lang; het maximum is " +
                      format_count(static_cast<Count>(max)) + ".");
}

// The form's declarations: cooperation yes/no only (a motivation kept from an older plan is
// only held to the length); mentorship yes/no, the action and a motivation.
void check_declaration(const Declaration& declaration, const FieldPath& path, const char* label, bool asks_motivation,
                       const Plan& plan, const Catalogue& catalogue, Findings& out) {
    check_length(declaration.motivation, path.field("motivation").str(), std::string("De motivatie voor ") + label, catalogue, out);
    if (!declaration.declared || !asks_motivation) return;
    if (declaration.motivation.empty())
        out.error("declaration.motivation_missing", path.field("motivation").str(),
                  std::string("Motiveer waarom u kiest voor ") + label + ".");
    {
        if (declaration.action == 0)
            out.error("declaration.action_missing", path.field("action").str(),
                      std::string("Kies de actie waarop ") + label + " betrekking heeft.");
        else if (std::none_of(plan.rows.begin(), plan.rows.end(), [&](const ActionRow& r) { return r.action == declaration.action; }))
            out.warning("declaration.action_not_chosen", path.field("action").str(),
                        "Actie " + std::to_string(declaration.action) + " staat niet in het actieplan.");
    }
}

// The social impact bond: yes/no and the form's three texts, each needed when declared.
void check_bond(const SocialImpactBond& bond, const Catalogue& catalogue, Findings& out) {
    const FieldPath path = FieldPath::of("declarations").field("social_impact_bond").field("texts");
    for (std::size_t t = 0; t < bond.texts.size(); ++t) {
        const std::string at = path.at(static_cast<long long>(t)).str();
        const std::string what = "Tekst " + std::to_string(t + 1) + " van de social impact bond";
        check_length(bond.texts[t], at, what, catalogue, out);
        if (bond.declared && bond.texts[t].empty())
            out.error("declaration.text_missing", at, "Vul tekst " + std::to_string(t + 1) + " van de social impact bond in.");
    }
}

// [SECTION] Rows

// Year `y` continues row r only when its interim reach in the year before was at least
// `percent` of that year's target (its KPI: the confirmed target, else the planned one) or
// the agency recorded a positive jury verdict; otherwise the row stops, and says why. Before
// the interim reach is reported nothing is decided yet: no finding (the results screen shows
// the 25 % mark).
void check_renewal(const Plan& plan, const Catalogue& catalogue, std::size_t r, int y, int percent, Findings& out) {
    const ActionRow& row = plan.rows[r];
    const YearResult& before = row.results[static_cast<std::size_t>(y - 1)];
    if (before.jury_positive == true) return;
    const Count goal = before.confirmed_target ? *before.confirmed_target : target(row, y - 1);
    const std::string year_path = FieldPath::row(r).field("planned").at(start_year(y)).str();
    const std::string what = describe_row(plan, catalogue, r);
    const std::string needed = std::to_string(percent) + " % van " + format_count(goal);
    if (before.jury_positive == false) {
        out.error("row.not_renewed", year_path,
                  "De " + what + " stopt in " + year_text(y) + ": de jury oordeelde negatief over " + year_text(y - 1) + ".");
    } else if (before.interim_reach && *before.interim_reach * 100 < goal * percent) {
        out.error("row.not_renewed", year_path,
                  "De " + what + " stopt in " + year_text(y) + ": het tussentijdse bereik in " + year_text(y - 1) + " was " +
                      format_count(*before.interim_reach) + ", minder dan " + needed + ", en er is geen positief oordeel van de jury.");
    }
}

// Money against each year's call: an action's subsidy above its ceiling amount (an error: ABB
// never grants more), a year's request above the envelope ABB granted (a warning: more may be
// asked).
void check_money(const Plan& plan, const Catalogue& catalogue, Findings& out) {
    const YearCalls calls = governing_calls(catalogue);
    for (int y = 0; y < kYearCount; ++y) {
        const auto yi = static_cast<std::size_t>(y);
        if (calls[yi] == nullptr) continue;
        // Per action (numbered 1..n) its subsidy in the year and its first row.
        const std::size_t actions = calls[yi]->actions.size();
        std::vector<Cents> sum(actions + 1, 0);
        std::vector<std::size_t> first_row(actions + 1, plan.rows.size());
        for (std::size_t r = 0; r < plan.rows.size(); ++r) {
            const Cents subsidy = row_subsidy(plan.rows[r], y, calls[yi]);
            if (subsidy <= 0) continue;  // also an action the call does not know
            const auto number = static_cast<std::size_t>(plan.rows[r].action);
            sum[number] += subsidy;
            first_row[number] = std::min(first_row[number], r);
        }
        for (std::size_t number = 1; number <= actions; ++number) {
            const Action& action = calls[yi]->actions[number - 1];
            if (action.ceiling <= 0 || sum[number] <= action.ceiling) continue;
            out.error("action.above_ceiling", FieldPath::row(first_row[number]).field("planned").at(start_year(y)).str(),
                      "Actie " + std::to_string(number) + " (" + action.name + ") vraagt in " + year_text(y) + " " +
                          format_euro(sum[number]) + "; het plafondbedrag per actie is " + format_euro(action.ceiling) +
                          (action.assumed.ceiling ? " (aangenomen)." : "."));
        }
    }
    if (std::none_of(plan.envelope.begin(), plan.envelope.end(), [](const auto& e) { return e.has_value(); })) return;
    const Budget budget = calculate(plan, catalogue);
    for (int y = 0; y < kYearCount; ++y) {
        const auto yi = static_cast<std::size_t>(y);
        const std::optional<Cents>& envelope = plan.envelope[yi];
        if (!envelope || budget.requested_per_year[yi] <= *envelope) continue;
        out.warning("budget.above_envelope", FieldPath::of("envelope_cents").at(start_year(y)).str(),
                    "Het plan vraagt in " + year_text(y) + " " + format_euro(budget.requested_per_year[yi]) + ", " +
                        format_euro(budget.requested_per_year[yi] - *envelope) + " boven de enveloppe van " +
                        format_euro(*envelope) + "; ABB kan meer toekennen, maar nooit boven het plafondbedrag per actie.");
    }
}

void check_rows(const Plan& plan, const Catalogue& catalogue, Findings& out) {
    const YearCalls calls = governing_calls(catalogue);
    bool any_reach = false;
    std::set<std::pair<int, std::string>> seen_rows;
    std::map<int, std::size_t> priority_owner;
    std::vector<std::string> participants{government_key(plan.applicant.lead)};
    for (const auto& member : plan.applicant.members) participants.push_back(government_key(member));
    std::vector<const std::string*> split_members;  // reused per row; a cooperation is small

    for (std::size_t r = 0; r < plan.rows.size(); ++r) {
        const ActionRow& row = plan.rows[r];
        const FieldPath path = FieldPath::row(r);
        const auto at = [&](const char* field) { return path.field(field).str(); };
        const Action* action = catalogue.find_action(row.action);
        const auto name = [&] { return describe_row(catalogue, row.action, row.target_group); };  // only when a finding needs it
        if (action == nullptr) {
            out.error("action.unknown", at("action"), "Actie " + std::to_string(row.action) + " bestaat niet in deze oproep.");
            continue;
        }
        // The action and its group as each year's call has them (action 23 is subsidised from
        // 2023, action 24 has one group from 2023).
        std::array<const Action*, kYearCount> year_action{};
        std::array<const TargetGroup*, kYearCount> year_group{};
        bool subsidised_somewhere = false, group_somewhere = false;
        for (int y = 0; y < kYearCount; ++y) {
            const auto yi = static_cast<std::size_t>(y);
            year_action[yi] = calls[yi] ? calls[yi]->find_action(row.action) : nullptr;
            if (year_action[yi] == nullptr || !year_action[yi]->subsidised()) continue;
            subsidised_somewhere = true;
            year_group[yi] = year_action[yi]->find_group(row.target_group);
            group_somewhere = group_somewhere || year_group[yi] != nullptr;
        }
        if (!subsidised_somewhere) {
            out.error("action.not_subsidised", at("action"),
                      "Actie " + std::to_string(row.action) + " (" + action->name + ") wordt niet via deze oproep gesubsidieerd. " +
                          action->note);
            continue;
        }
        if (!group_somewhere) {
            out.error("target_group.unknown", at("target_group"),
                      "Kies een doelgroep van actie " + std::to_string(row.action) + ".");
            continue;
        }
        if (!seen_rows.emplace(row.action, row.target_group).second)
            out.error("row.duplicate", path.str(), "De " + name() + " staat twee keer in het plan; tel het bereik samen in één rij.");

        if (row.current_reach < 0)
            out.error("reach.negative", at("current_reach"), "Het huidige bereik van " + name() + " kan niet negatief zijn.");

        bool row_has_reach = false;
        for (int y = 0; y < kYearCount; ++y) {
            const auto yi = static_cast<std::size_t>(y);
            const Count planned = row.planned[yi];
            const std::string year_path = path.field("planned").at(start_year(y)).str();
            if (planned < 0) {
                out.error("reach.negative", year_path,
                          "Het extra bereik van " + name() + " in " + year_text(y) + " kan niet negatief zijn.");
                continue;
            }
            if (planned == 0) continue;
            if (calls[yi] == nullptr) {
                out.error("year.not_in_call", year_path,
                          "Projectjaar " + year_text(y) + " valt niet onder oproep " + catalogue.call + " of een latere oproep.");
                continue;
            }
            const Catalogue& call = *calls[yi];
            if (year_action[yi] == nullptr || !year_action[yi]->subsidised()) {
                out.error("action.not_subsidised", year_path,
                          "Actie " + std::to_string(row.action) + " wordt in " + year_text(y) + " (oproep " + call.call +
                              ") niet gesubsidieerd. " + (year_action[yi] ? year_action[yi]->note : std::string()));
                continue;
            }
            const TargetGroup* group = year_group[yi];
            if (group == nullptr) {
                std::string groups;
                for (const TargetGroup& g : year_action[yi]->target_groups) groups += (groups.empty() ? "" : ", ") + g.name;
                out.error("target_group.not_in_call", year_path,
                          "In " + year_text(y) + " (oproep " + call.call + ") heeft actie " + std::to_string(row.action) +
                              " deze doelgroep niet; plan het bereik van dat jaar bij: " + groups + ".");
                continue;
            }
            row_has_reach = true;
            if (planned > group->max_per_application)
                out.error("reach.above_maximum", year_path,
                          "Het extra bereik van " + name() + " in " + year_text(y) + " is " + format_count(planned) +
                              "; het maximum per aanvraag is " + format_count(group->max_per_application) + ".");
            if (y > 0 && call.rules.continuation_only && row.planned[yi - 1] <= 0)
                out.error("row.not_continued", year_path,
                          "In " + year_text(y) + " kunnen alleen acties van " + year_text(y - 1) + " verdergezet worden; de " +
                              name() + " had in " + year_text(y - 1) + " geen extra bereik.");
            else if (y > 0 && call.rules.renewal_needs_interim)
                check_renewal(plan, catalogue, r, y, call.rules.interim_threshold_percent, out);
        }
        any_reach = any_reach || row_has_reach;

        if (row_has_reach) {
            if (row.priority <= 0)
                out.error("priority.missing", at("priority"), "Geef de " + name() + " een prioriteit (1, 2, 3 ...).");
            else if (auto [it, inserted] = priority_owner.emplace(row.priority, r); !inserted)
                out.error("priority.duplicate", at("priority"),
                          "Prioriteit " + std::to_string(row.priority) + " is al gegeven aan " +
                              describe_row(plan, catalogue, it->second) + "; elke combinatie van actie en doelgroep krijgt een eigen prioriteit.");
            if (row.activities.empty())
                out.warning("row.activities_missing", at("activities"),
                            "Beschrijf de lokale activiteiten van de " + name() + ".");
        }

        // IGS: the planned reach may be split over the members; the split must add up.
        if (!row.split.empty()) {
            YearCounts sum{};
            split_members.clear();
            for (std::size_t s = 0; s < row.split.size(); ++s) {
                const MemberReach& part = row.split[s];
                const auto split_path = [&] { return path.field("split").at(static_cast<long long>(s)); };
                const auto same = [&](const std::string* seen) { return *seen == part.member; };
                if (std::find(participants.begin(), participants.end(), part.member) == participants.end())
                    out.error("split.unknown_member", split_path().field("member").str(),
                              "'" + part.member + "' neemt niet deel aan deze aanvraag.");
                else if (std::any_of(split_members.begin(), split_members.end(), same))
                    out.error("split.duplicate_member", split_path().field("member").str(),
                              "'" + part.member + "' staat twee keer in de verdeling.");
                else
                    split_members.push_back(&part.member);
                for (int y = 0; y < kYearCount; ++y) {
                    const Count value = part.planned[static_cast<std::size_t>(y)];
                    if (value < 0)
                        out.error("reach.negative", split_path().field("planned").at(start_year(y)).str(),
                                  "Een bereik kan niet negatief zijn.");
                    sum[static_cast<std::size_t>(y)] += value;
                }
            }
            for (int y = 0; y < kYearCount; ++y)
                if (sum[static_cast<std::size_t>(y)] != row.planned[static_cast<std::size_t>(y)])
                    out.error("split.mismatch", path.field("planned").at(start_year(y)).str(),
                              "De verdeling over de gemeenten telt " + format_count(sum[static_cast<std::size_t>(y)]) +
                                  " in " + year_text(y) + ", het plan " + format_count(row.planned[static_cast<std::size_t>(y)]) + ".");
        }
    }
    if (!any_reach)
        out.error("plan.no_reach", FieldPath::of("rows").str(), "Plan minstens één actie met een extra bereik boven 0.");

    // Priorities 1, 2, 3 ... without gaps, so that the order is clear when money runs short.
    int expected = 1;
    for (const auto& [priority, row] : priority_owner) {
        if (priority != expected) {
            out.warning("priority.gap", FieldPath::row(row).field("priority").str(),
                        "Prioriteit " + std::to_string(expected) + " ontbreekt; nummer de prioriteiten 1, 2, 3 ... zonder gaten.");
            break;
        }
        ++expected;
    }
}

// [SECTION] Results

void check_results(const Plan& plan, const Catalogue& catalogue, Findings& out) {
    const int interim_percent = catalogue.rules.interim_threshold_percent;
    for (std::size_t r = 0; r < plan.rows.size(); ++r) {
        const ActionRow& row = plan.rows[r];
        for (int y = 0; y < kYearCount; ++y) {
            const YearResult& result = row.results[static_cast<std::size_t>(y)];
            const FieldPath path = FieldPath::row(r).field("results").at(start_year(y));
            const Count goal = result.confirmed_target ? *result.confirmed_target : target(row, y);
            if (result.interim_reach && *result.interim_reach * 100 < goal * interim_percent)
                out.warning("result.interim_low", path.field("interim_reach").str(),
                            "Tussentijds bereik van " + describe_row(plan, catalogue, r) + " in " + year_text(y) + " is " +
                                format_count(*result.interim_reach) + ", minder dan " + std::to_string(interim_percent) +
                                " % van " + format_count(goal) + ": verlenging hangt af van het oordeel van de jury.");
            if (result.final_reach && *result.final_reach < goal) {
                if (result.reason.empty())
                    out.warning("result.reason_missing", path.field("reason").str(),
                                "Doel van " + describe_row(plan, catalogue, r) + " in " + year_text(y) + " niet gehaald (" +
                                    format_count(*result.final_reach) + " van " + format_count(goal) + "): geef de reden.");
                if (result.recovery_plan.empty())
                    out.warning("result.recovery_missing", path.field("recovery_plan").str(),
                                "Beschrijf hoe het tekort van " + format_count(goal - *result.final_reach) +
                                    " in de volgende projectjaren ingehaald wordt.");
            }
        }
    }
}

}  // namespace

// [SECTION] Entry points

std::vector<Finding> validate(const Plan& plan, const Catalogue& catalogue) {
    Findings out;
    if (plan.call != catalogue.call)
        out.error("plan.wrong_call", "call", "Dit plan hoort bij oproep " + plan.call + ", niet bij " + catalogue.call + ".");
    check_applicant(plan, catalogue, out);
    check_contact_and_iban(plan, out);
    check_declaration(plan.declarations.cooperation, FieldPath::of("declarations").field("cooperation"), "samenwerking", false, plan, catalogue, out);
    check_declaration(plan.declarations.mentorship, FieldPath::of("declarations").field("mentorship"), "mentorschap", true, plan, catalogue, out);
    check_bond(plan.declarations.social_impact_bond, catalogue, out);
    check_rows(plan, catalogue, out);
    check_money(plan, catalogue, out);
    check_results(plan, catalogue, out);
    return std::move(out.list);
}

namespace {
PlanReading with_validation(PlanReading reading) {
    // read_plan only accepts calls that have a built-in catalogue.
    const std::vector<Finding> more = validate(reading.plan, *find_catalogue(reading.plan.call));
    reading.findings.insert(reading.findings.end(), more.begin(), more.end());
    return reading;
}
}  // namespace

PlanReading read_and_validate(const nlohmann::json& document) { return with_validation(read_plan(document)); }

PlanReading read_and_validate_text(std::string_view text) { return with_validation(read_plan_text(text)); }

std::vector<Finding> validate_cooperations(const std::vector<Plan>& plans) {
    // A government is claimed per project year in which its plan asks something (a plan
    // without any reach yet: every year it covers) and, for a member, from the year it
    // joined. The same cooperation (the same lead) kept in a plan of a later call is no
    // second cooperation; plans of different years do not meet.
    Findings out;
    std::map<std::string, std::size_t> owner;  // government key '#' year -> plan index
    for (std::size_t p = 0; p < plans.size(); ++p) {
        const Plan& plan = plans[p];
        const Applicant& applicant = plan.applicant;
        const Catalogue* call = find_catalogue(plan.call);
        const YearCalls calls = call ? governing_calls(*call) : YearCalls{};
        const auto governed = [&](int y) { return call == nullptr || calls[static_cast<std::size_t>(y)] != nullptr; };
        std::array<bool, kYearCount> active{};
        for (const auto& row : plan.rows)
            for (int y = 0; y < kYearCount; ++y)
                active[static_cast<std::size_t>(y)] |= governed(y) && row.planned[static_cast<std::size_t>(y)] > 0;
        if (std::none_of(active.begin(), active.end(), [](bool a) { return a; }))
            for (int y = 0; y < kYearCount; ++y) active[static_cast<std::size_t>(y)] = governed(y);
        const FieldPath base = FieldPath::of("plans").at(static_cast<long long>(p)).field("applicant");
        auto claim = [&](const LocalGovernment& government, int joined, const std::string& path) {
            for (int y = 0; y < kYearCount; ++y) {
                if (!active[static_cast<std::size_t>(y)] || start_year(y) < joined) continue;
                auto [it, inserted] = owner.emplace(government_key(government) + '#' + std::to_string(y), p);
                if (inserted || it->second == p) continue;
                const Applicant& other = plans[it->second].applicant;
                if (government_key(other.lead) == government_key(applicant.lead) && other.kind == applicant.kind) continue;
                out.error("cooperation.member_twice", path,
                          government.name + " neemt in " + year_text(y) + " al deel aan aanvraag " + std::to_string(it->second + 1) +
                              "; een bestuur hoort bij één samenwerking.");
                return;  // one finding per government and plan
            }
        };
        if (applicant.kind != ApplicantKind::de_rand) claim(applicant.lead, 0, base.field("lead").str());
        for (std::size_t m = 0; m < applicant.members.size(); ++m)
            claim(applicant.members[m], applicant.members[m].joined, base.field("members").at(static_cast<long long>(m)).str());
    }
    return std::move(out.list);
}

}  // namespace samenleven
