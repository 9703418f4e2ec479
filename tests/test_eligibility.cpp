#include <doctest/doctest.h>

#include "support.h"

using namespace samenleven;
using test_support::government;

TEST_CASE("[Eligibility] a municipality needs more than 7,500 non-EU-14 residents on its own") {
    const Rules rules;  // threshold 7,500
    Applicant applicant;
    applicant.kind = ApplicantKind::municipality;
    applicant.lead = government("11002", "Antwerpen", 7500);
    Eligibility verdict = eligibility(applicant, rules);
    CHECK_FALSE(verdict.eligible);
    CHECK(verdict.reason.find("7.500") != std::string::npos);
    applicant.lead.non_eu14_residents = 7501;
    verdict = eligibility(applicant, rules);
    CHECK(verdict.eligible);
    CHECK(verdict.counted_residents == 7501);
}

TEST_CASE("[Eligibility] an IGS counts its lead and members together") {
    const Rules rules;
    Applicant applicant;
    applicant.kind = ApplicantKind::igs;
    applicant.lead = government("42006", "Dendermonde", 5000);
    SUBCASE("without members it is not eligible, however large the lead") {
        applicant.lead.non_eu14_residents = 9000;
        CHECK_FALSE(eligibility(applicant, rules).eligible);
    }
    SUBCASE("together at 7,500 is not enough") {
        applicant.members = {government("42008", "Hamme", 2500)};
        CHECK_FALSE(eligibility(applicant, rules).eligible);
    }
    SUBCASE("together above 7,500 is eligible") {
        applicant.members = {government("42008", "Hamme", 2400), government("42011", "Lebbeke", 101)};
        const Eligibility verdict = eligibility(applicant, rules);
        CHECK(verdict.eligible);
        CHECK(verdict.counted_residents == 7501);
    }
}

TEST_CASE("[Eligibility] VGC and de Rand") {
    const Rules rules;
    Applicant vgc;
    vgc.kind = ApplicantKind::vgc;
    vgc.lead = government("", "Vlaamse Gemeenschapscommissie", 0);
    CHECK(eligibility(vgc, rules).eligible);

    Applicant rand;
    rand.kind = ApplicantKind::de_rand;
    rand.lead = government("", "de Rand vzw", 0);
    rand.members = {government("23098", "Drogenbos", 1800), government("23100", "Kraainem", 2900),
                    government("23101", "Linkebeek", 600), government("23102", "Sint-Genesius-Rode", 1900)};
    CHECK_FALSE(eligibility(rand, rules).eligible);  // 7,200
    rand.members.push_back(government("23103", "Wemmel", 2100));
    rand.members.push_back(government("23104", "Wezembeek-Oppem", 1400));
    CHECK(eligibility(rand, rules).eligible);  // 10,700
}

TEST_CASE("[Eligibility] the cooperation stimulus needs a lead above the threshold and a smaller member") {
    const Rules rules;
    Applicant applicant;
    applicant.kind = ApplicantKind::igs;
    applicant.lead = government("44021", "Gent", 60000);
    CHECK_FALSE(qualifies_for_cooperation_stimulus(applicant, rules));  // no members
    applicant.members = {government("44084", "Merelbeke", 1200)};
    CHECK(qualifies_for_cooperation_stimulus(applicant, rules));
    applicant.lead.non_eu14_residents = 7500;  // lead not above the threshold itself
    CHECK_FALSE(qualifies_for_cooperation_stimulus(applicant, rules));
    applicant.lead.non_eu14_residents = 60000;
    applicant.members = {government("11002", "Antwerpen", 90000)};  // no smaller government
    CHECK_FALSE(qualifies_for_cooperation_stimulus(applicant, rules));
    applicant.kind = ApplicantKind::municipality;
    applicant.members = {government("44084", "Merelbeke", 1200)};
    CHECK_FALSE(qualifies_for_cooperation_stimulus(applicant, rules));
}

TEST_CASE("[Eligibility] a member with exactly 7,500 is not a smaller government") {
    const Rules rules;  // threshold 7,500
    Applicant applicant;
    applicant.kind = ApplicantKind::igs;
    applicant.lead = government("44021", "Gent", 60000);
    applicant.members = {government("44084", "Merelbeke", 7500)};
    CHECK_FALSE(qualifies_for_cooperation_stimulus(applicant, rules));
    applicant.members[0].non_eu14_residents = 7499;
    CHECK(qualifies_for_cooperation_stimulus(applicant, rules));
}

TEST_CASE("[Eligibility] the core says why the cooperation stimulus is paid or not") {
    const Rules rules;
    Applicant applicant;
    applicant.kind = ApplicantKind::municipality;
    applicant.lead = government("44021", "Gent", 60000);
    CHECK(cooperation_stimulus_reason(applicant, rules) == StimulusReason::not_igs);
    CHECK(stimulus_reason_text(StimulusReason::not_igs, rules) == "geen stimulans: alleen voor de trekker van een IGS");
    applicant.kind = ApplicantKind::igs;
    CHECK(cooperation_stimulus_reason(applicant, rules) == StimulusReason::no_members);
    CHECK(stimulus_reason_text(StimulusReason::no_members, rules) ==
          "geen stimulans: voeg eerst de deelnemende gemeenten toe");
    applicant.members = {government("42008", "Hamme", 2480)};
    CHECK(cooperation_stimulus_reason(applicant, rules) == StimulusReason::qualifies);
    applicant.lead = government("42006", "Dendermonde", 7500);  // the lead alone not above 7,500
    CHECK(cooperation_stimulus_reason(applicant, rules) == StimulusReason::lead_not_above);
    CHECK(stimulus_reason_text(StimulusReason::lead_not_above, rules) ==
          "geen stimulans: de trekker heeft 7.500 of minder inwoners van niet-EU-14-herkomst");
    applicant.lead.non_eu14_residents = 60000;
    applicant.members = {government("11002", "Antwerpen", 90000)};
    CHECK(cooperation_stimulus_reason(applicant, rules) == StimulusReason::no_smaller_member);
    CHECK(stimulus_reason_text(StimulusReason::no_smaller_member, rules) ==
          "geen stimulans: geen deelnemer met minder dan 7.500 inwoners van niet-EU-14-herkomst in de referentieregio van de "
          "trekker");
}
