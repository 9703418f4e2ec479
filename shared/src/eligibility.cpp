#include "samenleven/eligibility.h"

#include "samenleven/format.h"

namespace samenleven {

Eligibility eligibility(const Applicant& applicant, const Rules& rules) {
    Eligibility result;
    result.threshold = rules.eligibility_threshold;
    const std::string limit = "meer dan " + format_count(rules.eligibility_threshold) + " inwoners van niet-EU-14-herkomst";
    switch (applicant.kind) {
        case ApplicantKind::vgc:
            // The VGC is named as an applicant for Brussels; no threshold applies to it.
            result.eligible = true;
            result.counted_residents = applicant.lead.non_eu14_residents;
            result.reason = "De VGC dient aan voor Brussel en komt in aanmerking zonder drempel.";
            return result;
        case ApplicantKind::municipality:
            result.counted_residents = applicant.lead.non_eu14_residents;
            result.eligible = result.counted_residents > rules.eligibility_threshold;
            result.reason = format_count(result.counted_residents) + " inwoners van niet-EU-14-herkomst: " +
                            (result.eligible ? "in aanmerking (" + limit + ")."
                                             : "niet genoeg; nodig is " + limit + ". Werk samen in een IGS.");
            return result;
        case ApplicantKind::igs:
        case ApplicantKind::de_rand: {
            // An IGS counts its lead and members together; for de Rand the vzw itself has no
            // residents and the facility municipalities count.
            Count total = applicant.lead.non_eu14_residents;
            for (const auto& member : applicant.members) total += member.non_eu14_residents;
            result.counted_residents = total;
            const bool cooperates = !applicant.members.empty();
            result.eligible = cooperates && total > rules.eligibility_threshold;
            const std::string who = applicant.kind == ApplicantKind::igs ? "de IGS" : "de Rand met de faciliteitengemeenten";
            if (!cooperates)
                result.reason = "Voeg de deelnemende gemeenten toe: " + who + " telt de inwoners samen.";
            else
                result.reason = "Samen " + format_count(total) + " inwoners van niet-EU-14-herkomst: " +
                                (result.eligible ? "in aanmerking (" + limit + ")." : "niet genoeg; nodig is " + limit + ".");
            return result;
        }
        case ApplicantKind::unknown: break;
    }
    result.reason = "Kies het type aanvrager.";
    return result;
}

bool qualifies_for_cooperation_stimulus(const Applicant& applicant, const Rules& rules) {
    if (applicant.kind != ApplicantKind::igs || applicant.members.empty()) return false;
    if (applicant.lead.non_eu14_residents <= rules.eligibility_threshold) return false;
    for (const auto& member : applicant.members)
        if (member.non_eu14_residents <= rules.eligibility_threshold) return true;  // a smaller government
    return false;
}

}  // namespace samenleven
