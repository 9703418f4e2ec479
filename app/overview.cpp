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

// An answer read into `into`; otherwise `error` says why (the server's message, or that the
// answer could not be read) and `into` keeps what it had.
template <class T, class Parse>
bool ReadAnswer(int status, const std::string& body, Parse parse, std::string& error, T& into) {
    if (status != 200) {
        error = ServerErrorText(status, body);
        return false;
    }
    std::optional<T> value = parse(body);
    if (!value) {
        error = "Onleesbaar antwoord van de server.";
        return false;
    }
    into = std::move(*value);
    error.clear();
    return true;
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
    if (!ReadAnswer(status, body, ParseOverview, ov.Error, ov.Data)) return;
    ov.Loaded = true;
    if (!ov.DrillKind.empty()) ov.DrillWant = true;  // the chosen figure under the new filters
}

void ReadFigurePlans(AppState& st, int status, const std::string& body) {
    OverviewView& ov = st.Overview;
    if (ReadAnswer(status, body, ParseFigurePlans, ov.Error, ov.DrillPlans)) ov.DrillLoaded = true;
}

void ReadAllocation(AppState& st, int status, const std::string& body) {
    OverviewView& ov = st.Overview;
    if (ReadAnswer(status, body, ParseAllocation, ov.AllocationError, ov.Allocation)) ov.AllocationLoaded = true;
}

}  // namespace app
