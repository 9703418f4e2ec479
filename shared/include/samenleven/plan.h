// The plan (actieplan): what one applicant submits for a call. Plain structs; every
// calculation and rule over them is a free function in budget.h, validation.h, results.h.
#pragma once
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "samenleven/catalogue.h"

namespace samenleven {

using YearCounts = std::array<Count, kYearCount>;  // indexed by year_index()

// --- Applicant (aanvrager) --------------------------------------------------------------

enum class ApplicantKind {
    unknown,
    municipality,  // gemeente / stad on its own
    igs,           // intergemeentelijk samenwerkingsverband: a lead plus members
    vgc,           // Vlaamse Gemeenschapscommissie (Brussels)
    de_rand,       // de Rand vzw with the facility municipalities around Brussels
};
std::string_view to_string(ApplicantKind kind);
ApplicantKind applicant_kind_from_string(std::string_view text);

struct LocalGovernment {
    std::string nis_code;            // Belgian NIS code, e.g. "42006"; identifies the government
    std::string name;
    Count non_eu14_residents = 0;    // residents of non-EU-14 origin
    std::string reference_region;    // referentieregio; an IGS cooperates inside one
    int joined = 0;                  // IGS member: start year it joined; 0 = from the plan's first year

    bool operator==(const LocalGovernment&) const = default;
};

struct Applicant {
    ApplicantKind kind = ApplicantKind::municipality;
    LocalGovernment lead;                  // the applicant itself, or the IGS's lead / de Rand vzw
    std::vector<LocalGovernment> members;  // IGS members or facility municipalities (not the lead)

    bool operator==(const Applicant&) const = default;
};

// Identity of a government for "one cooperation at most": the NIS code, or the name.
std::string government_key(const LocalGovernment& government);

// --- Declarations (verklaringen) --------------------------------------------------------

struct Declaration {
    bool declared = false;
    int action = 0;            // the action concerned (mentorship), 0 when none
    std::string motivation;    // at most Rules::motivation_max_chars characters

    bool operator==(const Declaration&) const = default;
};

// The social impact bond as the form had it: yes/no and three texts.
constexpr int kSocialImpactBondTexts = 3;
struct SocialImpactBond {
    bool declared = false;
    std::array<std::string, kSocialImpactBondTexts> texts{};  // each at most Rules::motivation_max_chars

    bool operator==(const SocialImpactBond&) const = default;
};

struct Declarations {
    // Samenwerking with smaller governments: the form asks yes/no only. A motivation kept
    // from an older plan stays in the file; it is no longer asked for.
    Declaration cooperation;
    Declaration mentorship;          // mentorschap: yes/no, the action and a motivation
    SocialImpactBond social_impact_bond;

    bool operator==(const Declarations&) const = default;
};

struct ContactPerson {
    std::string name;
    std::string phone;
    std::string email;

    bool operator==(const ContactPerson&) const = default;
};

// --- Rows -------------------------------------------------------------------------------

// The planned additional reach of one IGS member (a split of a row's reach).
struct MemberReach {
    std::string member;   // government_key() of a member or the lead
    YearCounts planned{};

    bool operator==(const MemberReach&) const = default;
};

// What was confirmed and reached in one project year (after approval).
struct YearResult {
    std::optional<Count> confirmed_target;  // confirmed KPI; the planned target when absent
    std::optional<Count> interim_reach;     // reach at 31 March
    std::optional<Count> final_reach;       // reach at 30 September
    std::string reason;                     // why a target was missed
    std::string recovery_plan;              // how the shortfall will be caught up
    std::optional<bool> jury_positive;      // the agency's record of the interim jury's verdict

    bool operator==(const YearResult&) const = default;
};

// One chosen action and target group.
struct ActionRow {
    int action = 0;
    std::string target_group;       // code of one of the action's target groups
    Count current_reach = 0;        // reach without Plan Samenleven
    YearCounts planned{};           // planned additional reach per project year
    int priority = 0;               // 1, 2, 3 ...; 0 = not set
    std::string activities;         // the local activities, in words
    std::string partners;           // partner organisations that carry them
    std::vector<MemberReach> split; // IGS: planned reach per member (optional)
    std::array<YearResult, kYearCount> results{};

    bool operator==(const ActionRow&) const = default;
};

struct Plan {
    std::string id;                 // made by the client that created it
    std::string call = "2022";      // catalogue the plan is written against
    std::string title;
    Applicant applicant;
    ContactPerson contact;
    std::string iban;
    bool iban_is_municipal_fund_account = true;  // if not, a confirmation letter is needed
    Declarations declarations;
    // The envelope ABB granted per project year (calls with Rules::envelopes), when known.
    std::array<std::optional<Cents>, kYearCount> envelope{};
    std::vector<ActionRow> rows;

    bool operator==(const Plan&) const = default;
};

Count target(const ActionRow& row, int year_idx);  // current + planned additional

// The order in which ABB funds a plan's rows when money runs short: row indices by priority
// 1, 2, 3 ..., rows without a priority (0 or less) last; rows of equal priority keep their
// order in plan.rows (stable).
std::vector<std::size_t> priority_order(const Plan& plan);

}  // namespace samenleven
