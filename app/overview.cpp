// The agency's overview and allocation: the routes of the current choices, and the answers
// read into OverviewView. Drawing is in overview_screen.cpp.
#include "app_state.h"

namespace app {

namespace {

std::string Common(const OverviewView& ov, int year) {
    std::string query = "include_drafts=" + std::string(ov.IncludeDrafts ? "true" : "false");
    if (year != 0) query += "&year=" + std::to_string(year);
    return query;
}

}  // namespace

std::string OverviewRoute(const OverviewView& ov) {
    std::string route = "/aggregate?" + Common(ov, ov.Year);
    if (ov.Objective > 0) route += "&objective=" + std::to_string(ov.Objective);
    return route;
}

std::string FigurePlansRoute(const OverviewView& ov) {
    // A figure's key is a headline's code (letters and _) or a number: nothing to escape.
    return "/aggregate/plans?" + Common(ov, ov.Year) + "&" + ov.DrillKind + "=" + ov.DrillKey;
}

std::string AllocationRoute(const OverviewView& ov) {
    return "/allocation?" + Common(ov, ov.AllocationYear) + "&budget=" + std::to_string(ov.BudgetEuros);
}

void ChooseFigure(AppState& st, const std::string& kind, const std::string& key, const std::string& label) {
    OverviewView& ov = st.Overview;
    ov.DrillKind = kind;
    ov.DrillKey = key;
    ov.DrillLabel = label;
    ov.DrillLoaded = false;
    ov.DrillPlans.clear();
    ov.DrillWant = true;
}

void ReadOverview(AppState& st, int status, const std::string& body) {
    OverviewView& ov = st.Overview;
    if (status != 200) {
        ov.Error = ServerErrorText(status, body);
        return;
    }
    std::optional<OverviewData> data = ParseOverview(body);
    if (!data) {
        ov.Error = "Onleesbaar antwoord van de server.";
        return;
    }
    ov.Data = std::move(*data);
    ov.Loaded = true;
    ov.Error.clear();
    if (!ov.DrillKind.empty()) ov.DrillWant = true;  // the chosen figure under the new filters
}

void ReadFigurePlans(AppState& st, int status, const std::string& body) {
    OverviewView& ov = st.Overview;
    if (status != 200) {
        ov.Error = ServerErrorText(status, body);
        return;
    }
    std::optional<std::vector<FigurePlan>> plans = ParseFigurePlans(body);
    if (!plans) {
        ov.Error = "Onleesbaar antwoord van de server.";
        return;
    }
    ov.DrillPlans = std::move(*plans);
    ov.DrillLoaded = true;
    ov.Error.clear();
}

void ReadAllocation(AppState& st, int status, const std::string& body) {
    OverviewView& ov = st.Overview;
    if (status != 200) {
        ov.AllocationError = ServerErrorText(status, body);
        return;
    }
    std::optional<AllocationData> allocation = ParseAllocation(body);
    if (!allocation) {
        ov.AllocationError = "Onleesbaar antwoord van de server.";
        return;
    }
    ov.Allocation = std::move(*allocation);
    ov.AllocationLoaded = true;
    ov.AllocationError.clear();
}

}  // namespace app
