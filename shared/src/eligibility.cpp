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

StimulusReason cooperation_stimulus_reason(const Applicant& applicant, const Rules& rules) {
    if (applicant.kind != ApplicantKind::igs) return StimulusReason::not_igs;
    if (applicant.members.empty()) return StimulusReason::no_members;
    if (applicant.lead.non_eu14_residents <= rules.eligibility_threshold) return StimulusReason::lead_not_above;
    for (const auto& member : applicant.members)
        if (member.non_eu14_residents < rules.eligibility_threshold) return StimulusReason::qualifies;  // a smaller government
    return StimulusReason::no_smaller_member;
}

bool qualifies_for_cooperation_stimulus(const Applicant& applicant, const Rules& rules) {
    return cooperation_stimulus_reason(applicant, rules) == StimulusReason::qualifies;
}

std::string stimulus_reason_text(StimulusReason reason, const Rules& rules) {
    const std::string threshold = format_count(rules.eligibility_threshold);
    switch (reason) {
        case StimulusReason::qualifies:
            return "stimulans: de trekker werkt samen met kleinere gemeenten";
        case StimulusReason::not_igs:
            return "geen stimulans: alleen voor de trekker van een IGS";
        case StimulusReason::no_members:
            return "geen stimulans: voeg eerst de deelnemende gemeenten toe";
        case StimulusReason::lead_not_above:
            return "geen stimulans: de trekker heeft " + threshold + " of minder inwoners van niet-EU-14-herkomst";
        case StimulusReason::no_smaller_member:
            return "geen stimulans: geen deelnemer met minder dan " + threshold + " inwoners van niet-EU-14-herkomst";
    }
    return "";
}

}  // namespace samenleven
