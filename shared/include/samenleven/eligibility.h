// Who may apply (ontvankelijkheid): more than 7,500 residents of non-EU-14 origin, on its
// own or, for an IGS or de Rand, together.
#pragma once
#include <string>

#include "samenleven/plan.h"

namespace samenleven {

struct Eligibility {
    bool eligible = false;
    Count counted_residents = 0;  // the residents that count for this kind of applicant
    Count threshold = 0;
    std::string reason;           // Dutch, e.g. "Samen 10.890 inwoners ... (meer dan 7.500)"
};

Eligibility eligibility(const Applicant& applicant, const Rules& rules);

// Why a plan gets the cooperation stimulus or not: the one rule, with its reason.
enum class StimulusReason {
    qualifies,           // an IGS lead above the threshold with a smaller member
    not_igs,             // only the lead of an IGS receives it
    no_members,          // an IGS without its member governments yet
    lead_not_above,      // the lead alone has the threshold or fewer residents
    no_smaller_member,   // no member with fewer residents than the threshold in the lead's reference region
    not_in_call,         // the call of this project year pays no stimulus (or no call governs it)
    not_new,             // a later year: no smaller partner joined the cooperation in it
};

// A lead that itself passes the threshold and cooperates with smaller governments (fewer
// than the threshold: a member with exactly 7,500 is not smaller) in its own reference
// region (a partner whose region is filled in and differs does not count; an empty region
// is not held against it, validation asks for it) qualifies for the cooperation stimulus.
StimulusReason cooperation_stimulus_reason(const Applicant& applicant, const Rules& rules);
bool qualifies_for_cooperation_stimulus(const Applicant& applicant, const Rules& rules);

// The stimulus in one project year (start_year), paid once in that year by the call that
// governs it (`call_rules`), for a plan whose first year is first_year: in the cooperation's
// first year when it qualifies; in a later year only when the call also pays an existing
// IGS that took in new members (Rules::stimulus_for_new_members) and a qualifying smaller
// partner joined in that year (LocalGovernment::joined).
StimulusReason stimulus_reason_in_year(const Applicant& applicant, const Rules& call_rules, int start_year, int first_year);

// Whether two governments of one cooperation lie in the same reference region as far as
// is known (either region empty: not known, so not held against them).
bool same_reference_region(const LocalGovernment& a, const LocalGovernment& b);
// One short Dutch line for a person, e.g. "geen stimulans: de trekker heeft 7.500 of minder
// inwoners van niet-EU-14-herkomst"; "stimulans: ..." when it qualifies.
std::string stimulus_reason_text(StimulusReason reason, const Rules& rules);

}  // namespace samenleven
