#include "samenleven/budget.h"

#include "samenleven/eligibility.h"

namespace samenleven {

Cents row_subsidy(const ActionRow& row, int year_idx, const Catalogue& catalogue) {
    const Action* action = catalogue.find_action(row.action);
    if (action == nullptr || !action->subsidised()) return 0;
    if (!catalogue.funds_year(kProjectYears[static_cast<std::size_t>(year_idx)])) return 0;
    const Count additional = row.planned[static_cast<std::size_t>(year_idx)];
    if (additional <= 0) return 0;
    // A flat action gives its amount once when chosen (quantity 1); reach beyond the
    // maximum is an error that validation reports, and is not paid.
    const TargetGroup* group = action->find_group(row.target_group);
    const Count maximum = group ? group->max_per_application : 0;
    const Count paid = additional < maximum ? additional : maximum;
    return action->funding == FundingKind::flat ? action->unit_price : paid * action->unit_price;
}

Budget calculate(const Plan& plan, const Catalogue& catalogue) {
    Budget budget;
    budget.rows.resize(plan.rows.size());
    budget.objectives.resize(catalogue.objectives.size());
    for (std::size_t o = 0; o < catalogue.objectives.size(); ++o) budget.objectives[o].objective = catalogue.objectives[o].number;

    for (std::size_t r = 0; r < plan.rows.size(); ++r) {
        const ActionRow& row = plan.rows[r];
        RowBudget& out = budget.rows[r];
        const Action* action = catalogue.find_action(row.action);
        const TargetGroup* group = action ? action->find_group(row.target_group) : nullptr;
        ObjectiveBudget* objective = nullptr;
        if (action != nullptr)
            for (auto& candidate : budget.objectives)
                if (candidate.objective == action->objective) objective = &candidate;

        for (int y = 0; y < kYearCount; ++y) {
            const auto yi = static_cast<std::size_t>(y);
            const Cents subsidy = row_subsidy(row, y, catalogue);
            out.subsidy[yi] = subsidy;
            out.total += subsidy;
            out.target[yi] = target(row, y);
            if (group != nullptr) {
                out.maximum[yi] = group->max_per_application;
                const Count planned = row.planned[yi] > 0 ? row.planned[yi] : 0;
                const Count permille = planned * 1000 / group->max_per_application;
                out.maximum_use_permille[yi] = static_cast<int>(permille < 1'000'000 ? permille : 1'000'000);
            }
            budget.subsidy_per_year[yi] += subsidy;
            if (objective != nullptr) {
                objective->subsidy[yi] += subsidy;
                objective->total += subsidy;
            }
        }
        budget.subsidy_total += out.total;
    }

    budget.stimulus_reason = cooperation_stimulus_reason(plan.applicant, catalogue.rules);
    if (budget.stimulus_reason == StimulusReason::qualifies)
        for (int y = 0; y < kYearCount; ++y)
            if (catalogue.funds_year(kProjectYears[static_cast<std::size_t>(y)])) {
                budget.stimulus_per_year[static_cast<std::size_t>(y)] = catalogue.rules.cooperation_stimulus;
                budget.stimulus_total += catalogue.rules.cooperation_stimulus;
            }
    budget.flemish_total = budget.subsidy_total + budget.stimulus_total;
    // The stimulus needs no co-financing; the action subsidies do.
    budget.own_contribution = budget.subsidy_total * catalogue.rules.cofinancing_percent / 100;
    return budget;
}

}  // namespace samenleven
