#include "samenleven/results.h"

namespace samenleven {

std::vector<RowStatus> result_status(const Plan& plan, const Catalogue& catalogue) {
    std::vector<RowStatus> statuses(plan.rows.size());
    const YearCalls calls = governing_calls(catalogue);
    for (std::size_t r = 0; r < plan.rows.size(); ++r) {
        const ActionRow& row = plan.rows[r];
        RowStatus& status = statuses[r];
        for (int y = 0; y < kYearCount; ++y) {
            const auto yi = static_cast<std::size_t>(y);
            if (calls[yi] == nullptr) continue;
            const int interim_percent = calls[yi]->rules.interim_threshold_percent;
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

// Days from civil and back: Howard Hinnant's public-domain algorithms (proleptic Gregorian).
namespace {
long days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}
}  // namespace

CivilDate civil_date_from_unix(double seconds) {
    long z = static_cast<long>(seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400) + 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int y = static_cast<int>(yoe + era * 400 + (m <= 2));
    return {y, m, d};
}

long days_from(CivilDate from, CivilDate to) {
    return days_from_civil(to.year, to.month, to.day) - days_from_civil(from.year, from.month, from.day);
}

std::string date_label(CivilDate date) {
    auto two = [](int v) { return (v < 10 ? "0" : "") + std::to_string(v); };
    return two(date.day) + "-" + two(date.month) + "-" + std::to_string(date.year);
}

ReportDeadlines report_deadlines(int start_year) {
    return {{start_year + 1, 3, 31}, {start_year + 1, 9, 30}, {start_year + 1, 10, 15}};
}

}  // namespace samenleven
