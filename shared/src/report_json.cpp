#include "samenleven/report_json.h"

#include <algorithm>

#include "samenleven/format.h"

namespace samenleven {

using nlohmann::json;

namespace {
template <class Array>
json per_year(const Array& values) {
    json j = json::object();
    for (int y = 0; y < kYearCount; ++y)
        j[std::to_string(kProjectYears[static_cast<std::size_t>(y)])] = values[static_cast<std::size_t>(y)];
    return j;
}

json money(Cents cents) { return {{"cents", cents}, {"text", format_euro(cents)}}; }

json totals_json(const Totals& t) {
    return {{"planned", t.planned}, {"additional", t.additional}, {"reached", t.reached},
            {"subsidy_cents", t.subsidy}, {"plans", t.plans}, {"governments", t.governments}};
}

// What a headline is made of: per action (in the order the headline names them) its name and
// the target groups the headline counts.
json headline_parts_json(const Headline& headline, const Catalogue& catalogue) {
    json parts = json::array();
    std::vector<int> listed;
    for (const auto& part : headline.parts) {
        if (std::find(listed.begin(), listed.end(), part.action) != listed.end()) continue;
        listed.push_back(part.action);
        const Action* action = catalogue.find_action(part.action);
        json groups = json::array();
        if (action != nullptr)
            for (const TargetGroup& group : action->target_groups)
                if (headline_counts(headline, part.action, group.code)) groups.push_back(group.code);
        parts.push_back({{"action", part.action}, {"name", action ? action->name : std::string()}, {"target_groups", std::move(groups)}});
    }
    return parts;
}
}  // namespace

json findings_json(const std::vector<Finding>& findings) {
    json list = json::array();
    for (const auto& f : findings)
        list.push_back({{"severity", to_string(f.severity)}, {"code", f.code}, {"path", f.path}, {"message", f.message}});
    return list;
}

json eligibility_json(const Eligibility& e) {
    return {{"eligible", e.eligible}, {"counted_residents", e.counted_residents}, {"threshold", e.threshold}, {"reason", e.reason}};
}

json budget_json(const Plan& plan, const Budget& budget, const Catalogue& catalogue) {
    json rows = json::array();
    for (std::size_t r = 0; r < budget.rows.size(); ++r) {
        const RowBudget& b = budget.rows[r];
        rows.push_back({{"index", r},
                        {"action", plan.rows[r].action},
                        {"target_group", plan.rows[r].target_group},
                        {"subsidy_cents", per_year(b.subsidy)},
                        {"total_cents", b.total},
                        {"target", per_year(b.target)},
                        {"maximum", per_year(b.maximum)},
                        {"maximum_use_permille", per_year(b.maximum_use_permille)}});
    }
    json objectives = json::array();
    for (const auto& o : budget.objectives) {
        const Objective* objective = catalogue.find_objective(o.objective);
        objectives.push_back({{"objective", o.objective},
                              {"name", objective ? objective->name : std::string()},
                              {"subsidy_cents", per_year(o.subsidy)},
                              {"total_cents", o.total}});
    }
    return {{"rows", std::move(rows)},
            {"objectives", std::move(objectives)},
            {"subsidy_per_year_cents", per_year(budget.subsidy_per_year)},
            {"stimulus_per_year_cents", per_year(budget.stimulus_per_year)},
            {"subsidy_total", money(budget.subsidy_total)},
            {"stimulus_total", money(budget.stimulus_total)},
            {"flemish_total", money(budget.flemish_total)},
            {"own_contribution", money(budget.own_contribution)}};
}

json result_status_json(const Plan& plan, const std::vector<RowStatus>& statuses) {
    json rows = json::array();
    for (std::size_t r = 0; r < statuses.size(); ++r) {
        const RowStatus& s = statuses[r];
        json years = json::object();
        for (int y = 0; y < kYearCount; ++y) {
            const YearStatus& ys = s.years[static_cast<std::size_t>(y)];
            years[std::to_string(kProjectYears[static_cast<std::size_t>(y)])] = {
                {"target", ys.target},           {"target_confirmed", ys.target_confirmed},
                {"interim_reported", ys.interim_reported}, {"interim_ok", ys.interim_ok},
                {"final_reported", ys.final_reported},     {"reached", ys.reached},
                {"shortfall", ys.shortfall}};
        }
        rows.push_back({{"index", r},
                        {"action", plan.rows[r].action},
                        {"target_group", plan.rows[r].target_group},
                        {"years", std::move(years)},
                        {"cumulative_target", s.cumulative_target},
                        {"cumulative_reached", s.cumulative_reached},
                        {"cumulative_met", s.cumulative_met},
                        {"cumulative_shortfall", s.cumulative_shortfall}});
    }
    return rows;
}

json aggregate_json(const Aggregate& a, const Catalogue& catalogue) {
    json headlines = json::array();
    for (const auto& [headline, totals] : a.headlines) {
        json h = totals_json(totals);
        h["code"] = headline.code;
        h["label"] = headline.label;
        h["parts"] = headline_parts_json(headline, catalogue);
        headlines.push_back(std::move(h));
    }
    json actions = json::array();
    for (const auto& [number, totals] : a.per_action) {
        json item = totals_json(totals);
        item["action"] = number;
        const Action* action = catalogue.find_action(number);
        item["name"] = action ? action->name : std::string();
        json years = json::object();
        if (auto it = a.per_action_year.find(number); it != a.per_action_year.end())
            for (const auto& [year, t] : it->second) years[std::to_string(year)] = totals_json(t);
        item["years"] = std::move(years);
        actions.push_back(std::move(item));
    }
    json groups = json::array();
    for (const auto& [key, totals] : a.per_group) {
        json item = totals_json(totals);
        item["action"] = key.first;
        item["target_group"] = key.second;
        groups.push_back(std::move(item));
    }
    json objectives = json::array();
    for (const auto& [number, totals] : a.per_objective) {
        json item = totals_json(totals);
        item["objective"] = number;
        const Objective* objective = catalogue.find_objective(number);
        item["name"] = objective ? objective->name : std::string("onbekend");
        objectives.push_back(std::move(item));
    }
    json years = json::object();
    for (const auto& [year, totals] : a.per_year) years[std::to_string(year)] = totals_json(totals);
    return {{"call", catalogue.call},
            {"plans", a.plan_count},
            {"skipped_plans", a.skipped_plans},
            {"governments", a.governments},
            {"flemish_total", money(a.flemish_total)},
            {"headlines", std::move(headlines)},
            {"per_objective", std::move(objectives)},
            {"per_action", std::move(actions)},
            {"per_target_group", std::move(groups)},
            {"per_year", std::move(years)}};
}

json plan_report_json(const Plan& plan, const Catalogue& catalogue, const std::vector<Finding>& findings) {
    const Budget budget = calculate(plan, catalogue);
    int errors = 0;
    for (const auto& f : findings) errors += f.severity == Severity::error ? 1 : 0;
    return {{"id", plan.id},
            {"call", plan.call},
            {"title", plan.title},
            {"eligibility", eligibility_json(eligibility(plan.applicant, catalogue.rules))},
            {"budget", budget_json(plan, budget, catalogue)},
            {"results", result_status_json(plan, result_status(plan, catalogue))},
            {"errors", errors},
            {"warnings", static_cast<int>(findings.size()) - errors},
            {"findings", findings_json(findings)}};
}

}  // namespace samenleven
