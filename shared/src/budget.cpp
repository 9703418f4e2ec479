#include "samenleven/budget.h"

#include <algorithm>

#include "samenleven/eligibility.h"

namespace samenleven {

Cents row_subsidy(const ActionRow& row, int year_idx, const Catalogue* year_call) {
    if (year_call == nullptr) return 0;
    const Action* action = year_call->find_action(row.action);
    if (action == nullptr || !action->subsidised()) return 0;
    const TargetGroup* group = action->find_group(row.target_group);
    if (group == nullptr) return 0;  // a group of another call: validation reports it
    const Count additional = row.planned[static_cast<std::size_t>(year_idx)];
    if (additional <= 0) return 0;
    // A flat action gives its amount once when chosen (quantity 1); reach beyond the
    // maximum is an error that validation reports, and is not paid.
    const Count paid = std::min(additional, group->max_per_application);
    return action->funding == FundingKind::flat ? action->unit_price : paid * action->unit_price;
}

Budget calculate(const Plan& plan, const Catalogue& catalogue) {
    const YearCalls calls = governing_calls(catalogue);
    Budget budget;
    budget.rows.resize(plan.rows.size());
    budget.objectives.resize(catalogue.objectives.size());
    for (std::size_t o = 0; o < catalogue.objectives.size(); ++o) budget.objectives[o].objective = catalogue.objectives[o].number;

    for (std::size_t r = 0; r < plan.rows.size(); ++r) {
        const ActionRow& row = plan.rows[r];
        RowBudget& out = budget.rows[r];
        const Action* first_action = catalogue.find_action(row.action);
        ObjectiveBudget* objective = nullptr;
        if (first_action != nullptr)
            for (auto& candidate : budget.objectives)
                if (candidate.objective == first_action->objective) objective = &candidate;

        for (int y = 0; y < kYearCount; ++y) {
            const auto yi = static_cast<std::size_t>(y);
            const Catalogue* call = calls[yi];
            const Action* action = call ? call->find_action(row.action) : nullptr;
            const TargetGroup* group = action ? action->find_group(row.target_group) : nullptr;
            const Cents subsidy = row_subsidy(row, y, call);
            out.subsidy[yi] = subsidy;
            out.total += subsidy;
            out.target[yi] = target(row, y);
            if (group != nullptr) {
                out.maximum[yi] = group->max_per_application;
                const Count planned = row.planned[yi] > 0 ? row.planned[yi] : 0;
                const Count permille = planned * 1000 / group->max_per_application;
                out.maximum_use_permille[yi] = static_cast<int>(permille < 1'000'000 ? permille : 1'000'000);
                out.assumed[yi] = subsidy > 0 && (action->assumed.unit_price || action->assumed.maximum);
            }
            budget.subsidy_per_year[yi] += subsidy;
            budget.assumed_per_year[yi] = budget.assumed_per_year[yi] || out.assumed[yi];
            budget.own_contribution += subsidy * (call ? call->rules.cofinancing_percent : 0) / 100;
            if (objective != nullptr) {
                objective->subsidy[yi] += subsidy;
                objective->total += subsidy;
            }
        }
        budget.subsidy_total += out.total;
    }

    // The stimulus: once in each project year whose call pays it to this cooperation. It
    // needs no co-financing.
    const int first_year = *std::min_element(catalogue.years.begin(), catalogue.years.end());
    for (int y = 0; y < kYearCount; ++y) {
        const auto yi = static_cast<std::size_t>(y);
        const int start = kProjectYears[yi];
        budget.stimulus_reasons[yi] = calls[yi] ? stimulus_reason_in_year(plan.applicant, calls[yi]->rules, start, first_year)
                                                : StimulusReason::not_in_call;
        if (start == first_year) budget.stimulus_reason = budget.stimulus_reasons[yi];
        if (budget.stimulus_reasons[yi] == StimulusReason::qualifies) {
            budget.stimulus_per_year[yi] = calls[yi]->rules.cooperation_stimulus;
            budget.stimulus_total += calls[yi]->rules.cooperation_stimulus;
        }
        budget.requested_per_year[yi] = budget.subsidy_per_year[yi] + budget.stimulus_per_year[yi];
    }
    budget.flemish_total = budget.subsidy_total + budget.stimulus_total;
    return budget;
}

}  // namespace samenleven
