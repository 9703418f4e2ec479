// Changing the open plan: recalculation, undo/redo, text input from the platform.
// Opening, saving and listing plans are in plan_store.cpp.
#include "state/app_state.h"

#include <algorithm>


namespace app {

namespace sl = samenleven;

namespace {

std::vector<std::string> ErrorKeys(const DerivedState& d) {
    std::vector<std::string> keys;
    for (const sl::Finding& f : d.Findings)
        if (f.severity == sl::Severity::error) keys.push_back(f.code + "|" + f.path);
    return keys;
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
    if (st.Spoken.PlanId != st.Plan.id) ChangeAnnouncement(st.Spoken, st.Plan.id, d);  // a plan opened: nothing to say yet
}

std::string ChangeAnnouncement(SpokenState& spoken, const std::string& plan_id, const DerivedState& now) {
    std::vector<std::string> errors = ErrorKeys(now);
    std::string text;
    if (spoken.PlanId == plan_id) {
        if (now.Budget.flemish_total != spoken.Total)
            text = "Vlaamse subsidie nu " + sl::format_euro(now.Budget.flemish_total) + ".";
        int fresh = 0, solved = 0;
        std::string first;
        for (const sl::Finding& f : now.Findings) {
            if (f.severity != sl::Severity::error) continue;
            const std::string key = f.code + "|" + f.path;
            if (std::find(spoken.Errors.begin(), spoken.Errors.end(), key) != spoken.Errors.end()) continue;
            if (fresh++ == 0) first = f.message;
        }
        for (const std::string& key : spoken.Errors)
            if (std::find(errors.begin(), errors.end(), key) == errors.end()) ++solved;
        auto add = [&](const std::string& part) { text += (text.empty() ? "" : " ") + part; };
        if (fresh == 1) add("Nieuwe fout: " + first);
        else if (fresh > 1) add(std::to_string(fresh) + " nieuwe fouten, de eerste: " + first);
        if (solved > 0) add(solved == 1 ? "Een fout opgelost." : std::to_string(solved) + " fouten opgelost.");
        if (fresh + solved > 0) add(now.Errors == 0 ? "Geen fouten meer." : "Nog " + std::to_string(now.Errors) + (now.Errors == 1 ? " fout." : " fouten."));
    }
    spoken = SpokenState{plan_id, now.Budget.flemish_total, std::move(errors)};
    return text;
}

void ShowNotice(AppState& st, std::string text, double seconds) {
    st.Ui.Notice = std::move(text);
    st.Ui.NoticeUntil = (st.Host ? st.Host->NowSeconds() : 0) + seconds;
    if (st.Host) st.Host->Announce(st.Ui.Notice);
}

// The plan differs from what is stored: recalculate and save within a second.
static void MarkChanged(AppState& st, bool finished) {
    ++st.Revision;
    Recalculate(st);
    // A finished change (a button, a field left, undo) is announced; live typing is not.
    if (finished && st.Host) {
        const std::string said = ChangeAnnouncement(st.Spoken, st.Plan.id, st.Derived);
        if (!said.empty()) st.Host->Announce(said);
    }
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
    MarkChanged(st, committed);
}

static void Restore(AppState& st, const sl::Plan& plan) {
    st.Plan = plan;
    MarkChanged(st, true);
}

bool UndoEdit(AppState& st) {
    if (!st.PlanOpen) return false;
    // Live typing not yet committed is undone first: back to the last snapshot.
    if (const sl::Plan* current = st.Undo.Current(); current && st.Edit.Key.empty()) {
        if (*current != st.Plan) {
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
    st.Ui.ConfirmRemoveMember.clear();
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

void CommitEdit(AppState& st) {
    if (st.Edit.Applied) PlanChanged(st, true);
    // Invalid text was refused (the field kept its value): say so, not silently.
    if (st.Edit.Invalid && !st.Edit.Refusal.empty()) ShowNotice(st, st.Edit.Refusal, 8);
    else if (!st.Edit.Cleaned.empty()) ShowNotice(st, st.Edit.Cleaned, 8);
    st.Edit = TextEdit{};
}

void EndEdit(AppState& st) {
    CommitEdit(st);
    if (st.Host) st.Host->EndTextInput();
}

void OnTextCommit(AppState& st) {
    if (st.Edit.Key.empty()) return;
    st.Edit.CommitPending = true;
}

void OnOtherTab(AppState& st, OtherTab kind) {
    st.Elsewhere = kind;
    if (!st.Edit.Key.empty()) EndEdit(st);
}

}  // namespace app
