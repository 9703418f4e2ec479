// The budget (begroting) of a plan: subsidy per row and project year, totals per objective,
// per year and per plan, own contribution (1:1), cooperation stimulus, use of each maximum.
// All money in integer euro cents.
#pragma once
#include <array>
#include <vector>

#include "samenleven/eligibility.h"
#include "samenleven/plan.h"

namespace samenleven {

using YearCents = std::array<Cents, kYearCount>;

struct RowBudget {
    YearCents subsidy{};        // per project year
    Cents total = 0;            // over the years
    YearCounts target{};        // current + additional
    YearCounts maximum{};       // maximum additional reach per year (0 when unknown)
    // Use of the maximum per year in per mille (1000 = exactly at the maximum; may exceed).
    std::array<int, kYearCount> maximum_use_permille{};
    // The year's amount rests on a value the year's call assumes (Catalogue Assumed).
    std::array<bool, kYearCount> assumed{};
};

struct ObjectiveBudget {
    int objective = 0;
    YearCents subsidy{};
    Cents total = 0;
};

struct Budget {
    std::vector<RowBudget> rows;              // parallel to Plan::rows
    std::vector<ObjectiveBudget> objectives;  // one per catalogue objective, in order
    YearCents subsidy_per_year{};             // action subsidies
    Cents subsidy_total = 0;
    YearCents stimulus_per_year{};            // cooperation stimulus
    Cents stimulus_total = 0;
    // Why the stimulus is paid or not in each project year, and in the plan's first year.
    std::array<StimulusReason, kYearCount> stimulus_reasons{};
    StimulusReason stimulus_reason = StimulusReason::not_igs;
    YearCents requested_per_year{};           // subsidy + stimulus: what a year's request asks
    std::array<bool, kYearCount> assumed_per_year{};  // some amount of the year rests on an assumed value
    Cents flemish_total = 0;                  // subsidy + stimulus
    Cents own_contribution = 0;               // co-financing required on the subsidy (1:1)
};

// Computes the budget of a plan written against `catalogue` (its first call, Plan::call):
// each project year under the call that governs it (governing_calls). Rows whose action,
// target group or year no call funds count 0. Never throws; invalid quantities (negative)
// count 0 and are reported by validate().
Budget calculate(const Plan& plan, const Catalogue& catalogue);

// The subsidy of one row in one project year under that year's call (nullptr: none).
Cents row_subsidy(const ActionRow& row, int year_idx, const Catalogue* year_call);

}  // namespace samenleven
