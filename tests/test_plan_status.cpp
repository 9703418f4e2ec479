// The plan's status and the steps of the cycle (plan_status.h).
#include <doctest/doctest.h>

#include <string>

#include "samenleven/plan_status.h"

using namespace samenleven;

TEST_CASE("[Status] the cycle: draft, submitted, confirmed, reported") {
    CHECK(status_after(PlanStatus::draft, PlanStep::submit) == PlanStatus::submitted);
    CHECK(status_after(PlanStatus::submitted, PlanStep::confirm) == PlanStatus::confirmed);
    CHECK(status_after(PlanStatus::confirmed, PlanStep::report_results) == PlanStatus::reported);
    // Again: confirming keeps a reported plan reported; reporting again stays reported.
    CHECK(status_after(PlanStatus::confirmed, PlanStep::confirm) == PlanStatus::confirmed);
    CHECK(status_after(PlanStatus::reported, PlanStep::confirm) == PlanStatus::reported);
    CHECK(status_after(PlanStatus::reported, PlanStep::report_results) == PlanStatus::reported);
}

TEST_CASE("[Status] steps out of turn are refused; only a draft is editable") {
    CHECK_FALSE(status_after(PlanStatus::submitted, PlanStep::submit));
    CHECK_FALSE(status_after(PlanStatus::reported, PlanStep::submit));
    CHECK_FALSE(status_after(PlanStatus::draft, PlanStep::confirm));
    CHECK_FALSE(status_after(PlanStatus::draft, PlanStep::report_results));
    CHECK_FALSE(status_after(PlanStatus::submitted, PlanStep::report_results));
    CHECK(editable(PlanStatus::draft));
    CHECK_FALSE(editable(PlanStatus::submitted));
    CHECK_FALSE(editable(PlanStatus::confirmed));
    CHECK_FALSE(editable(PlanStatus::reported));
}

TEST_CASE("[Status] codes and Dutch labels") {
    for (PlanStatus s : {PlanStatus::draft, PlanStatus::submitted, PlanStatus::confirmed, PlanStatus::reported})
        CHECK(parse_status(status_code(s)) == s);
    CHECK(std::string(status_code(PlanStatus::submitted)) == "submitted");
    CHECK_FALSE(parse_status("Draft"));
    CHECK_FALSE(parse_status(""));
    CHECK(std::string(status_label(PlanStatus::draft)) == "werkversie");
    CHECK(std::string(status_label(PlanStatus::reported)) == "resultaten gerapporteerd");
}

TEST_CASE("[Status] the agency sends a submitted plan back to draft, and only a submitted one") {
    CHECK(status_after(PlanStatus::submitted, PlanStep::return_to_draft) == PlanStatus::draft);
    CHECK_FALSE(status_after(PlanStatus::draft, PlanStep::return_to_draft));
    CHECK_FALSE(status_after(PlanStatus::confirmed, PlanStep::return_to_draft));
    CHECK_FALSE(status_after(PlanStatus::reported, PlanStep::return_to_draft));
    // Sent back, it is a draft again: editable, and it can be submitted again.
    const auto back = status_after(PlanStatus::submitted, PlanStep::return_to_draft);
    REQUIRE(back);
    CHECK(editable(*back));
    CHECK(status_after(*back, PlanStep::submit) == PlanStatus::submitted);
}

TEST_CASE("[Status] the agency records the jury's verdict on a confirmed or reported plan; the status stays") {
    CHECK(status_after(PlanStatus::confirmed, PlanStep::record_verdict) == PlanStatus::confirmed);
    CHECK(status_after(PlanStatus::reported, PlanStep::record_verdict) == PlanStatus::reported);
    CHECK_FALSE(status_after(PlanStatus::draft, PlanStep::record_verdict));
    CHECK_FALSE(status_after(PlanStatus::submitted, PlanStep::record_verdict));
}
