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

// A lead that itself passes the threshold and cooperates with smaller governments gets the
// cooperation stimulus once per project year.
bool qualifies_for_cooperation_stimulus(const Applicant& applicant, const Rules& rules);

}  // namespace samenleven
