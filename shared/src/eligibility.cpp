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

bool same_reference_region(const LocalGovernment& a, const LocalGovernment& b) {
    return a.reference_region.empty() || b.reference_region.empty() || a.reference_region == b.reference_region;
}

namespace {

// A smaller partner of the lead in its reference region.
bool smaller_partner(const Applicant& applicant, const LocalGovernment& member, const Rules& rules) {
    return member.non_eu14_residents < rules.eligibility_threshold && same_reference_region(applicant.lead, member);
}

StimulusReason lead_reason(const Applicant& applicant, const Rules& rules) {
    if (applicant.kind != ApplicantKind::igs) return StimulusReason::not_igs;
    if (applicant.members.empty()) return StimulusReason::no_members;
    if (applicant.lead.non_eu14_residents <= rules.eligibility_threshold) return StimulusReason::lead_not_above;
    return StimulusReason::qualifies;
}

}  // namespace

StimulusReason cooperation_stimulus_reason(const Applicant& applicant, const Rules& rules) {
    if (const StimulusReason reason = lead_reason(applicant, rules); reason != StimulusReason::qualifies) return reason;
    for (const auto& member : applicant.members)
        if (smaller_partner(applicant, member, rules)) return StimulusReason::qualifies;
    return StimulusReason::no_smaller_member;
}

StimulusReason stimulus_reason_in_year(const Applicant& applicant, const Rules& call_rules, int start_year, int first_year) {
    if (const StimulusReason reason = lead_reason(applicant, call_rules); reason != StimulusReason::qualifies) return reason;
    if (call_rules.cooperation_stimulus <= 0 || start_year < first_year) return StimulusReason::not_in_call;
    bool smaller = false, joined_now = false;
    for (const auto& member : applicant.members) {
        const int joined = member.joined == 0 ? first_year : member.joined;
        if (joined > start_year || !smaller_partner(applicant, member, call_rules)) continue;  // not (yet) a smaller partner
        smaller = true;
        joined_now = joined_now || joined == start_year;
    }
    if (!smaller) return StimulusReason::no_smaller_member;
    if (start_year == first_year) return StimulusReason::qualifies;  // the cooperation's first year
    return call_rules.stimulus_for_new_members && joined_now ? StimulusReason::qualifies : StimulusReason::not_new;
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
            return "geen stimulans: geen deelnemer met minder dan " + threshold +
                   " inwoners van niet-EU-14-herkomst in de referentieregio van de trekker";
        case StimulusReason::not_in_call:
            return "geen stimulans: de oproep van dit projectjaar betaalt er geen";
        case StimulusReason::not_new:
            return "geen stimulans: één keer, in het eerste jaar van de samenwerking of in het jaar waarin een kleinere "
                   "gemeente toetreedt";
    }
    return "";
}

}  // namespace samenleven
