#include "samenleven/results.h"

namespace samenleven {

std::vector<RowStatus> result_status(const Plan& plan, const Catalogue& catalogue) {
    std::vector<RowStatus> statuses(plan.rows.size());
    const int interim_percent = catalogue.rules.interim_threshold_percent;
    for (std::size_t r = 0; r < plan.rows.size(); ++r) {
        const ActionRow& row = plan.rows[r];
        RowStatus& status = statuses[r];
        for (int y = 0; y < kYearCount; ++y) {
            const auto yi = static_cast<std::size_t>(y);
            if (!catalogue.funds_year(kProjectYears[yi])) continue;
            const YearResult& result = row.results[yi];
            YearStatus& year = status.years[yi];
            year.target_confirmed = result.confirmed_target.has_value();
            year.target = result.confirmed_target ? *result.confirmed_target : target(row, y);
            if (year.target < 0) year.target = 0;
            if (result.interim_reach) {
                year.interim_reported = true;
                year.interim_ok = *result.interim_reach * 100 >= year.target * interim_percent;
            }
            if (result.final_reach) {
                year.final_reported = true;
                year.reached = *result.final_reach >= year.target;
                year.shortfall = year.reached ? 0 : year.target - *result.final_reach;
                status.cumulative_reached += *result.final_reach;
            }
            status.cumulative_target += year.target;
        }
        // Targets must be met over the three project years together.
        status.cumulative_met = status.cumulative_reached >= status.cumulative_target;
        status.cumulative_shortfall = status.cumulative_met ? 0 : status.cumulative_target - status.cumulative_reached;
        if (status.cumulative_target <= 0)
            status.progress_permille = 1000;
        else
            status.progress_permille = static_cast<int>(
                status.cumulative_reached >= status.cumulative_target ? 1000 : status.cumulative_reached * 1000 / status.cumulative_target);
    }
    return statuses;
}

}  // namespace samenleven
