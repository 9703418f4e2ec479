// Results (resultaten): per row and project year the confirmed target, the interim and the
// final reach, and whether targets are met - per year and over the three years together.
#pragma once
#include <array>
#include <vector>

#include "samenleven/plan.h"

namespace samenleven {

struct YearStatus {
    Count target = 0;                  // confirmed target, else the planned target
    bool target_confirmed = false;
    bool interim_reported = false;
    bool interim_ok = false;           // interim reach >= 25 % of the target
    bool final_reported = false;
    bool reached = false;              // final reach >= target
    Count shortfall = 0;               // target - final reach when missed
};

struct RowStatus {
    std::array<YearStatus, kYearCount> years{};
    Count cumulative_target = 0;       // over the call's years
    Count cumulative_reached = 0;      // final reach reported so far
    bool cumulative_met = false;       // the three-year target is met
    Count cumulative_shortfall = 0;
    int progress_permille = 0;         // cumulative_reached / cumulative_target, capped at 1000
};

std::vector<RowStatus> result_status(const Plan& plan, const Catalogue& catalogue);

}  // namespace samenleven
