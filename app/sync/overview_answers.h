// The agency's overview as the server answers it (GET /aggregate, /aggregate/plans and
// /allocation), read in one place. Platform-free, like the rest of the sync library.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace app {

// Planned and reached reach and subsidy of one figure (a headline, objective or action), and
// the plans and local governments behind it.
struct FigureTotals {
    long long Planned = 0, Additional = 0, Reached = 0, SubsidyCents = 0;
    int Plans = 0, Governments = 0;
};

struct Figure {
    std::string Code;  // a headline's code; empty for objectives and actions
    int Number = 0;    // an objective's or action's number
    std::string Label;
    FigureTotals Totals;
};

struct OverviewData {
    int Plans = 0, Governments = 0;
    long long FlemishCents = 0;
    std::vector<Figure> Headlines, Objectives, Actions;
    std::vector<std::string> Findings;  // checks over all plans (a government in two cooperations)
};

// One plan's part of a figure (the drill-down).
struct FigurePlan {
    std::string Id, Title, Applicant, Status;
    long long Planned = 0, Reached = 0, SubsidyCents = 0;
};

// A year's budget allocated by priority (the core's allocation_json).
struct RowShare {
    int Row = 0, Priority = 0, Action = 0;
    std::string TargetGroup;
    long long RequestedCents = 0, AllocatedCents = 0;
    std::string Funding;      // "full", "partial", "none"
    std::string FundingText;  // the core's Dutch word: "volledig", "gedeeltelijk", "niet"
};
struct PlanShare {
    std::string Id, Applicant;
    long long RequestedCents = 0, AllocatedCents = 0;
    std::vector<RowShare> Rows;
};
struct AllocationData {
    int Year = 0, PartialPriority = 0;
    long long BudgetCents = 0, RequestedCents = 0, AllocatedCents = 0;
    std::vector<PlanShare> Plans;
};

// Nothing when the body is not such an answer (never throws).
std::optional<OverviewData> ParseOverview(const std::string& body);
std::optional<std::vector<FigurePlan>> ParseFigurePlans(const std::string& body);
std::optional<AllocationData> ParseAllocation(const std::string& body);

}  // namespace app
