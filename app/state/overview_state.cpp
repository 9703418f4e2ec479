// The agency's overview and allocation: the routes of the current choices, and the answers
// read into OverviewView. Drawing is in overview_screen.cpp.
#include <nlohmann/json.hpp>

#include "state/app_state.h"
#include "samenleven/json_text.h"
#include "text/text.h"

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

// Every answer is kept under its route: "/aggregate?include_drafts=false&year=2022" in
// "agency-aggregate-include-drafts-false-year-2022.json", with when it was read.
std::string KeptFile(const std::string& route) { return "agency-" + Slug(route) + ".json"; }

// The server's answer to the request in flight, read into a view: shown as read now, and
// kept under its route.
void ShowRead(AppState& st, const std::string& body, bool& loaded, double& saved_at, std::string& shown) {
    loaded = true;
    saved_at = 0;
    shown = st.Overview.AskedRoute;
    if (!shown.empty())
        KeepForOffline(st, KeptFile(shown), nlohmann::json{{"saved_at", st.Host->NowSeconds()}, {"answer", body}}.dump());
}

// The answer kept for `route` shown in a view: `shown` is the view's route, `loaded` whether
// it has data, `saved_at` when that was read. Only when the route changed (a refresh of the
// same choices keeps what is shown until the server answers).
template <class T, class Parse>
bool ShowKept(AppState& st, const std::string& route, std::string& shown, bool& loaded, double& saved_at, T& into,
              Parse parse) {
    if (route == shown) return false;
    shown = route;
    loaded = false;
    saved_at = 0;
    const std::optional<std::string> text = st.Host->ReadFile(KeptFile(route));
    if (!text) return false;
    try {
        const nlohmann::json kept = samenleven::parse_json_text(*text);
        std::optional<T> value = parse(kept.at("answer").get<std::string>());
        if (!value) return false;
        into = std::move(*value);
        saved_at = kept.at("saved_at").get<double>();
        loaded = true;
        return true;
    } catch (const std::exception&) {  // a damaged copy: as if none was kept
        return false;
    }
}

}  // namespace

void ShowKeptOverviewAnswers(AppState& st) {
    if (!st.Host) return;
    OverviewView& ov = st.Overview;
    if (ov.Want && ShowKept(st, OverviewRoute(ov), ov.ShownRoute, ov.Loaded, ov.SavedAt, ov.Data, ParseOverview) &&
        !ov.DrillKind.empty())
        ov.DrillWant = true;  // the chosen figure under these choices
    if (ov.DrillWant && !ov.DrillKind.empty())
        ShowKept(st, FigurePlansRoute(ov), ov.DrillShownRoute, ov.DrillLoaded, ov.DrillSavedAt, ov.DrillPlans, ParseFigurePlans);
    if (ov.AllocationWant)
        ShowKept(st, AllocationRoute(ov), ov.AllocationShownRoute, ov.AllocationLoaded, ov.AllocationSavedAt, ov.Allocation,
                 ParseAllocation);
}

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
    ov.DrillShownRoute.clear();  // shown again from the device's copy, if one was kept
    ov.DrillWant = true;
}

void ReadOverview(AppState& st, int status, const std::string& body) {
    OverviewView& ov = st.Overview;
    if (!ReadAnswer(status, body, ParseOverview, ov.Error, ov.Data)) return;
    ShowRead(st, body, ov.Loaded, ov.SavedAt, ov.ShownRoute);
    if (!ov.DrillKind.empty()) ov.DrillWant = true;  // the chosen figure under the new filters
}

void ReadFigurePlans(AppState& st, int status, const std::string& body) {
    OverviewView& ov = st.Overview;
    if (ReadAnswer(status, body, ParseFigurePlans, ov.Error, ov.DrillPlans))
        ShowRead(st, body, ov.DrillLoaded, ov.DrillSavedAt, ov.DrillShownRoute);
}

void ReadAllocation(AppState& st, int status, const std::string& body) {
    OverviewView& ov = st.Overview;
    if (ReadAnswer(status, body, ParseAllocation, ov.AllocationError, ov.Allocation))
        ShowRead(st, body, ov.AllocationLoaded, ov.AllocationSavedAt, ov.AllocationShownRoute);
}

}  // namespace app
