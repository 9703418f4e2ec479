// Changing the open plan: recalculation, undo/redo, text input from the platform.
// Opening, saving and listing plans are in plan_store.cpp.
#include "app_state.h"

#include "text.h"

namespace app {

namespace sl = samenleven;

namespace {

std::string BuildSummary(const AppState& st) {
    const DerivedState& d = st.Derived;
    std::string s = "Begroting van " + PlanDisplayTitle(st.Plan) + ": subsidie voor acties " +
                    sl::format_euro(d.Budget.subsidy_total) + ", samenwerkingsstimulans " +
                    sl::format_euro(d.Budget.stimulus_total) + ", totaal Vlaamse subsidie " +
                    sl::format_euro(d.Budget.flemish_total) + ", eigen inbreng minstens " +
                    sl::format_euro(d.Budget.own_contribution) + ". ";
    s += d.Eligibility.eligible ? "Ontvankelijk. " : "Niet ontvankelijk: " + d.Eligibility.reason + " ";
    s += std::to_string(d.Errors) + (d.Errors == 1 ? " fout, " : " fouten, ") + std::to_string(d.Warnings) +
         (d.Warnings == 1 ? " waarschuwing." : " waarschuwingen.");
    int shown = 0;
    for (const sl::Finding& f : d.Findings) {
        if (shown++ == 5) break;
        s += " " + f.message;
    }
    return s;
}

}  // namespace

void Recalculate(AppState& st) {
    DerivedState& d = st.Derived;
    if (!st.PlanOpen) {
        d = DerivedState{};
        return;
    }
    st.Catalogue = sl::find_catalogue(st.Plan.call);
    if (!st.Catalogue) st.Catalogue = &sl::default_catalogue();
    const sl::Catalogue& cat = *st.Catalogue;
    d.Budget = sl::calculate(st.Plan, cat);
    d.Findings = sl::validate(st.Plan, cat);
    d.Findings.insert(d.Findings.end(), st.ReadFindings.begin(), st.ReadFindings.end());
    d.Eligibility = sl::eligibility(st.Plan.applicant, cat.rules);
    d.Results = sl::result_status(st.Plan, cat);
    d.Errors = d.Warnings = 0;
    for (const sl::Finding& f : d.Findings) (f.severity == sl::Severity::error ? d.Errors : d.Warnings)++;
    std::string summary = BuildSummary(st);
    if (summary != d.Summary) {
        d.Summary = std::move(summary);
        if (st.Host) st.Host->Announce(d.Summary);
    }
}

// The plan differs from what is stored: recalculate and save within a second.
static void MarkChanged(AppState& st) {
    ++st.Revision;
    Recalculate(st);
    const double now = st.Host ? st.Host->NowSeconds() : 0;
    if (!st.SaveDue) st.FirstUnsavedChange = now;
    st.SaveDue = true;
    st.LastChange = now;
    st.StoredPlansStale = true;
}

void PlanChanged(AppState& st, bool committed) {
    if (committed) {
        st.ReadFindings.clear();
        st.Undo.Push(st.Plan);
    }
    MarkChanged(st);
}

static void Restore(AppState& st, const sl::Plan& plan) {
    st.Plan = plan;
    MarkChanged(st);
}

bool UndoEdit(AppState& st) {
    if (!st.PlanOpen) return false;
    // Live typing not yet committed is undone first: back to the last snapshot.
    if (const sl::Plan* current = st.Undo.Current(); current && st.Edit.Key.empty()) {
        if (sl::write_plan(*current) != sl::write_plan(st.Plan)) {
            Restore(st, *current);
            return true;
        }
    }
    if (const sl::Plan* p = st.Undo.Undo()) {
        Restore(st, *p);
        return true;
    }
    return false;
}

bool RedoEdit(AppState& st) {
    if (!st.PlanOpen) return false;
    if (const sl::Plan* p = st.Undo.Redo()) {
        Restore(st, *p);
        return true;
    }
    return false;
}

void SetScreen(AppState& st, Screen screen) {
    if (st.Ui.Current == screen) return;
    st.Ui.Current = screen;
    st.Ui.ConfirmDeleteId.clear();
    st.Ui.ConfirmRemoveRow.clear();
    st.Ui.ConfirmSubmit = false;
    if (screen == Screen::Overview && !st.Overview.Loaded) st.Overview.Want = true;  // the figures, once
    if (screen == Screen::Plans) st.StoredPlansStale = true;
    SaveNow(st);  // also records the screen in the session
}

std::vector<Screen> NavScreens(const AppState& st) {
    if (IsAgency(st.Sync)) return {Screen::Dossiers, Screen::Review, Screen::Overview, Screen::Allocation, Screen::Sync};
    return {Screen::Plans, Screen::Applicant, Screen::Actions, Screen::Targets,
            Screen::Findings, Screen::Results, Screen::Export, Screen::Sync};
}

Screen ShownScreen(const AppState& st) {
    const Screen s = st.Ui.Current;
    if (IsAgency(st.Sync)) {
        if (s == Screen::Sync || s == Screen::Dossiers || s == Screen::Overview || s == Screen::Allocation) return s;
        return s == Screen::Review && !st.Review.OpenId.empty() ? s : Screen::Dossiers;
    }
    if (s == Screen::Dossiers || s == Screen::Review || s == Screen::Overview || s == Screen::Allocation)
        return Screen::Plans;
    return st.PlanOpen || s == Screen::Sync ? s : Screen::Plans;
}

void OnTextInput(AppState& st, const std::string& value) {
    if (st.Edit.Key.empty()) return;
    st.Edit.Value = value;
    st.Edit.Changed = true;
}

void OnTextCommit(AppState& st) {
    if (st.Edit.Key.empty()) return;
    st.Edit.CommitPending = true;
}

void OnTextTab(AppState& st, int direction) {
    if (st.Edit.Key.empty()) return;
    st.Ui.TabFrom = st.Edit.Key;
    st.Ui.TabDirection = direction < 0 ? -1 : 1;
    st.Edit.CommitPending = true;
}

}  // namespace app
