#include "samenleven/aggregate.h"

#include <set>

#include "samenleven/results.h"

namespace samenleven {

namespace {
void add(Totals& totals, const Totals& part, bool new_plan) {
    totals.planned += part.planned;
    totals.additional += part.additional;
    totals.reached += part.reached;
    totals.subsidy += part.subsidy;
    if (new_plan) ++totals.plans;
}
}  // namespace

Aggregate aggregate(const std::vector<Plan>& plans, const Catalogue& catalogue, int year) {
    Aggregate result;
    for (const auto& headline : catalogue.headlines) result.headlines.emplace_back(headline, Totals{});

    for (const Plan& plan : plans) {
        if (plan.call != catalogue.call) {
            ++result.skipped_plans;
            continue;
        }
        ++result.plan_count;
        const Budget budget = calculate(plan, catalogue);
        const std::vector<RowStatus> statuses = result_status(plan, catalogue);
        const YearCalls calls = governing_calls(catalogue);
        // Each total counts a plan once, however many rows and years it contributes.
        std::set<const Totals*> counted;
        auto add_once = [&](Totals& totals, const Totals& part) { add(totals, part, counted.insert(&totals).second); };

        for (std::size_t r = 0; r < plan.rows.size(); ++r) {
            const ActionRow& row = plan.rows[r];
            const Action* action = catalogue.find_action(row.action);
            if (action == nullptr || !action->subsidised()) continue;
            for (int y = 0; y < kYearCount; ++y) {
                const auto yi = static_cast<std::size_t>(y);
                const int start_year = kProjectYears[yi];
                if (calls[yi] == nullptr || (year != 0 && year != start_year)) continue;
                Totals part;
                part.planned = statuses[r].years[yi].target;
                part.additional = row.planned[yi] > 0 ? row.planned[yi] : 0;
                part.reached = row.results[yi].final_reach.value_or(0);
                part.subsidy = budget.rows[r].subsidy[yi];
                if (part.planned == 0 && part.additional == 0 && part.reached == 0 && part.subsidy == 0) continue;

                add_once(result.per_action[row.action], part);
                add_once(result.per_group[{row.action, row.target_group}], part);
                add_once(result.per_objective[action->objective], part);
                add_once(result.per_year[start_year], part);
                add_once(result.per_action_year[row.action][start_year], part);
                for (auto& [headline, totals] : result.headlines)
                    for (const auto& piece : headline.parts)
                        if (piece.action == row.action && (piece.target_group.empty() || piece.target_group == row.target_group))
                            add_once(totals, part);
            }
        }
        if (year == 0) {
            result.flemish_total += budget.flemish_total;
        } else if (const int yi = year_index(year); yi >= 0) {
            result.flemish_total += budget.subsidy_per_year[static_cast<std::size_t>(yi)] +
                                    budget.stimulus_per_year[static_cast<std::size_t>(yi)];
        }
    }
    return result;
}

}  // namespace samenleven
