// Results (resultaten): per row and project year the confirmed target, the interim and the
// final reach, and whether targets are met - per year and over the three years together.
#pragma once
#include <array>
#include <string>
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

// --- Report deadlines ---------------------------------------------------------------------

struct CivilDate {
    int year = 1970, month = 1, day = 1;

    bool operator==(const CivilDate&) const = default;
};
CivilDate civil_date_from_unix(double seconds);  // the UTC date of a Unix time
long days_from(CivilDate from, CivilDate to);    // to - from, in days
std::string date_label(CivilDate date);          // "15-10-2023"

// The reports of project year `start_year` (1 October start_year - 30 September next year):
// the interim report gives the reach at 31 March and can be filed from then; the yearly
// report gives the reach at 30 September and is due 15 October.
struct ReportDeadlines {
    CivilDate interim_from;  // 31 March start_year + 1
    CivilDate yearly_from;   // 30 September start_year + 1
    CivilDate yearly_due;    // 15 October start_year + 1
};
ReportDeadlines report_deadlines(int start_year);

}  // namespace samenleven
