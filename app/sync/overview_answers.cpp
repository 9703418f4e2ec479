#include "sync/overview_answers.h"

#include <exception>

#include <nlohmann/json.hpp>

#include "samenleven/json_text.h"

namespace app {

using nlohmann::json;

namespace {

// Money comes as {"cents", "text"} or as a number of cents.
long long Cents(const json& item, const char* key, const char* cents_key) {
    if (const auto it = item.find(cents_key); it != item.end() && it->is_number_integer()) return it->get<long long>();
    const auto it = item.find(key);
    if (it == item.end()) return 0;
    if (it->is_number_integer()) return it->get<long long>();
    return it->at("cents").get<long long>();
}

FigureTotals Totals(const json& item) {
    FigureTotals t;
    t.Planned = item.value("planned", 0LL);
    t.Additional = item.value("additional", 0LL);
    t.Reached = item.value("reached", 0LL);
    t.SubsidyCents = Cents(item, "subsidy", "subsidy_cents");
    t.Plans = item.value("plans", 0);
    t.Governments = item.value("governments", 0);
    return t;
}

std::vector<Figure> Figures(const json& list, const char* number_key, const char* label_key) {
    std::vector<Figure> figures;
    for (const json& item : list) {
        Figure f;
        if (number_key) f.Number = item.at(number_key).get<int>();
        else f.Code = item.at("code").get<std::string>();
        f.Label = item.value(label_key, "");
        f.Totals = Totals(item);
        figures.push_back(std::move(f));
    }
    return figures;
}

}  // namespace

std::optional<OverviewData> ParseOverview(const std::string& body) {
    try {
        const json answer = samenleven::parse_json_text(body);
        OverviewData data;
        data.Plans = answer.at("plans").get<int>();
        data.Governments = answer.value("governments", 0);
        data.FlemishCents = Cents(answer, "flemish_total", "flemish_total_cents");
        data.Headlines = Figures(answer.at("headlines"), nullptr, "label");
        data.Objectives = Figures(answer.at("per_objective"), "objective", "name");
        data.Actions = Figures(answer.at("per_action"), "action", "name");
        if (const auto findings = answer.find("findings"); findings != answer.end() && findings->is_array())
            for (const json& f : *findings) data.Findings.push_back(f.value("message", ""));
        return data;
    } catch (const std::exception&) {  // InputError from reading, json::exception from a wrong type
        return std::nullopt;
    }
}

std::optional<std::vector<FigurePlan>> ParseFigurePlans(const std::string& body) {
    try {
        const json answer = samenleven::parse_json_text(body);
        std::vector<FigurePlan> plans;
        for (const json& p : answer.at("plans")) {
            FigurePlan plan;
            plan.Id = p.at("id").get<std::string>();
            plan.Title = p.value("title", "");
            plan.Applicant = p.value("applicant", "");
            plan.Status = p.value("status", "");
            plan.Planned = p.value("planned", 0LL);
            plan.Reached = p.value("reached", 0LL);
            plan.SubsidyCents = Cents(p, "subsidy", "subsidy_cents");
            plans.push_back(std::move(plan));
        }
        return plans;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::optional<AllocationData> ParseAllocation(const std::string& body) {
    try {
        const json answer = samenleven::parse_json_text(body);
        AllocationData a;
        a.Year = answer.at("year").get<int>();
        a.PartialPriority = answer.value("partial_priority", 0);
        a.BudgetCents = Cents(answer, "budget", "budget_cents");
        a.RequestedCents = Cents(answer, "requested", "requested_cents");
        a.AllocatedCents = Cents(answer, "allocated", "allocated_cents");
        for (const json& p : answer.at("plans")) {
            PlanShare plan;
            plan.Id = p.value("plan_id", p.value("id", ""));
            plan.Applicant = p.value("applicant", "");
            plan.RequestedCents = Cents(p, "requested", "requested_cents");
            plan.AllocatedCents = Cents(p, "allocated", "allocated_cents");
            for (const json& r : p.at("rows")) {
                RowShare row;
                row.Row = r.value("row", 0);
                row.Priority = r.value("priority", 0);
                row.Action = r.value("action", 0);
                row.TargetGroup = r.value("target_group", "");
                row.RequestedCents = Cents(r, "requested", "requested_cents");
                row.AllocatedCents = Cents(r, "allocated", "allocated_cents");
                row.Funding = r.value("funding", "none");
                row.FundingText = r.value("funding_text", row.Funding);
                plan.Rows.push_back(std::move(row));
            }
            a.Plans.push_back(std::move(plan));
        }
        return a;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

}  // namespace app
