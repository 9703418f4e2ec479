// The catalogue of a call (oproep): objectives (doelstellingen), actions (acties), their
// target groups (doelgroepen), indicators and prices, and the programme's rules that are
// numbers (eligibility threshold, cooperation stimulus, ...). Kept as JSON data per call,
// embedded into the binary and validated when loaded.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace samenleven {

using Cents = std::int64_t;  // money, always integer euro cents
using Count = std::int64_t;  // reach, persons, action plans

// The programme's three project years (projectjaren), 1 October - 30 September, identified
// by the calendar year they start in: 2022 is 2022-2023.
constexpr int kYearCount = 3;
constexpr std::array<int, kYearCount> kProjectYears{2022, 2023, 2024};
int year_index(int start_year);              // -1 when not a project year
std::string year_label(int start_year);      // "2022-2023"

enum class FundingKind {
    unknown,        // never valid in a loaded catalogue
    per_unit,       // subsidy = additional reach x unit price
    flat,           // a fixed amount when chosen (quantity 1), e.g. an action plan
    other_channel,  // financed outside Plan Samenleven: listed, not subsidised
    not_in_call,    // part of the programme, but not offered (or priced) in this call
};
std::string_view to_string(FundingKind kind);
FundingKind funding_kind_from_string(std::string_view text);

struct Objective {
    int number = 0;          // 1..7
    std::string name;        // Dutch, e.g. "Nederlands"
    std::string description; // Dutch
};

struct TargetGroup {
    std::string code;        // stable, e.g. "newcomers"
    std::string name;        // Dutch, e.g. "nieuwkomers"
    Count max_per_application = 0;  // limit of the additional reach in one project year
};

// Which of an action's values a call's catalogue assumes (not found in a source): the app
// marks the amounts that rest on them, and each stays one edit of the data file away.
struct Assumed {
    bool unit_price = false;
    bool ceiling = false;
    bool maximum = false;   // the target groups' max_per_application
    bool any() const { return unit_price || ceiling || maximum; }
};

struct Action {
    int number = 0;          // 1..24
    int objective = 0;       // 0 when the objective is not known
    std::string name;        // Dutch short name
    std::string kpi;         // Dutch: what the result indicator counts
    FundingKind funding = FundingKind::unknown;
    Cents unit_price = 0;    // per unit of additional reach, or the flat amount
    Cents ceiling = 0;       // plafondbedrag: the most one project year of this action may ask; 0 = none
    Assumed assumed;         // values not found in a source
    std::string note;        // Dutch: why it is not subsidised, where that applies
    std::vector<TargetGroup> target_groups;  // empty for other_channel / not_in_call

    bool subsidised() const { return funding == FundingKind::per_unit || funding == FundingKind::flat; }
    const TargetGroup* find_group(std::string_view code) const;
};

// A headline figure as the agency publishes it ("5,601 professionals and citizens trained
// as bystanders"): the sum over some actions' target groups.
struct Headline {
    std::string code;
    std::string label;       // Dutch
    struct Part { int action = 0; std::string target_group; };  // empty group = all groups
    std::vector<Part> parts;
};

struct Rules {
    Count eligibility_threshold = 7500;   // non-EU-14 residents, strictly more than this
    Cents cooperation_stimulus = 0;       // once in a project year of this call, for a qualifying lead
    bool stimulus_for_new_members = false; // also paid to an existing IGS that took in new members
    bool envelopes = false;               // ABB grants each applicant an envelope for the year
    bool continuation_only = false;       // only actions of the year before may continue
    bool renewal_needs_interim = false;   // ...and only at interim_threshold_percent or a positive jury verdict
    int motivation_max_chars = 2500;      // declarations' motivation, in characters
    int interim_threshold_percent = 25;   // interim reach needed for renewal
    int cofinancing_percent = 100;        // own contribution as a share of the subsidy
};

struct Catalogue {
    std::string call;            // "2022"
    std::string name;            // Dutch
    std::vector<int> years;      // project years this call funds (start years)
    Rules rules;
    std::vector<Objective> objectives;
    std::vector<Action> actions;  // sorted by number
    std::vector<Headline> headlines;

    const Action* find_action(int number) const;
    const Objective* find_objective(int number) const;
    bool funds_year(int start_year) const;
};

// Reads and validates a catalogue document; throws InputError naming the path.
Catalogue catalogue_from_json_text(std::string_view text);

// The catalogues embedded in the binary, loaded and validated once; one call per project
// year (each project year was its own request against its own call).
const std::vector<Catalogue>& builtin_catalogues();
const Catalogue* find_catalogue(std::string_view call);
const Catalogue& default_catalogue();  // the first built-in call: where a new plan starts

// The call that governs each project year of a plan written against `first` (the call of
// its first request, Plan::call): `first` for the years it funds itself; for a later year
// the built-in call that funds it; nullptr for a year before `first`'s first year or one no
// call funds. Indexed by year_index().
using YearCalls = std::array<const Catalogue*, kYearCount>;
YearCalls governing_calls(const Catalogue& first);
// Whether some call governs project year `start_year` of a plan written against `first`.
bool governs_year(const Catalogue& first, int start_year);

// A target group of `action` in any of `calls` (the newest call that has it), for names
// and for reading a row whose group exists only in a later call.
const TargetGroup* find_group_in(const YearCalls& calls, int action, std::string_view code);

}  // namespace samenleven
