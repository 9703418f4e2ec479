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
    no_smaller_member,   // no member with fewer residents than the threshold
};

// A lead that itself passes the threshold and cooperates with smaller governments (fewer
// than the threshold: a member with exactly 7,500 is not smaller) gets the cooperation
// stimulus once per project year.
StimulusReason cooperation_stimulus_reason(const Applicant& applicant, const Rules& rules);
bool qualifies_for_cooperation_stimulus(const Applicant& applicant, const Rules& rules);
// One short Dutch line for a person, e.g. "geen stimulans: de trekker heeft 7.500 of minder
// inwoners van niet-EU-14-herkomst"; "stimulans: ..." when it qualifies.
std::string stimulus_reason_text(StimulusReason reason, const Rules& rules);

}  // namespace samenleven
