// Plans on this device: one file per plan ("plan-<id>.json", the submission format of
// write_plan_text) and "session.json" (which plan and screen were open), written through
// the platform's atomic WriteFile.
#include <algorithm>
#include <cstdio>
#include <exception>

#include <nlohmann/json.hpp>

#include "state/app_state.h"
#include "state/example_plan.h"
#include "text/text.h"

namespace app {

namespace sl = samenleven;

namespace {

constexpr const char* kSessionFile = "session.json";

std::string PlanFile(const std::string& id) { return PlanFileName(id); }

std::string NewId(AppState& st) {
    char buf[32];
    const auto ms = static_cast<unsigned long long>(st.Host->NowSeconds() * 1000.0);
    std::snprintf(buf, sizeof buf, "%llx%04x", ms, static_cast<unsigned>(st.Host->Random() & 0xffffu));
    return buf;
}

// Writes the session (the open plan and its screen) when it differs from the file; true when
// it wrote.
bool SaveSession(AppState& st) {
    nlohmann::json j;
    j["open"] = st.PlanOpen ? st.Plan.id : std::string();
    j["screen"] = static_cast<int>(st.Ui.Current);
    std::string text = j.dump();
    if (text == st.SessionText) return false;
    if (!st.Host->WriteFile(kSessionFile, text)) return false;
    st.SessionText = std::move(text);
    return true;
}

// When each plan was last saved on this device: {"<id>": unix seconds}, beside the plan
// files (which keep the submission format, with no time of their own).
constexpr const char* kSavedTimesFile = "saved-times.json";

nlohmann::json ReadSavedTimes(AppState& st) {
    if (const std::optional<std::string> text = st.Host->ReadFile(kSavedTimesFile)) {
        try {
            nlohmann::json j = sl::parse_json_text(*text);
            if (j.is_object()) return j;
        } catch (const std::exception&) {
            // A damaged file only loses the times shown in the list.
        }
    }
    return nlohmann::json::object();
}

void WriteSavedTime(AppState& st, const std::string& id, bool remove) {
    nlohmann::json times = ReadSavedTimes(st);
    if (remove) times.erase(id);
    else times[id] = st.Host->NowSeconds();
    st.Host->WriteFile(kSavedTimesFile, times.dump());
}

bool StorePlan(AppState& st, const sl::Plan& plan) {
    const std::string text = sl::write_plan_text(plan);
    if (!st.Host->WriteFile(PlanFile(plan.id), text)) return false;
    PlanStored(st, plan.id);
    SyncPlanStored(st, plan.id, text);
    return true;
}

void AddError(AppState& st, std::string title, const sl::InputError& e) {
    st.Errors.push_back(PendingError{std::move(title), e.message(), e.path(), e.code()});
}

std::string ImportTitle(const std::string& file_name) {
    return "Bestand \"" + file_name + "\" kan niet ingelezen worden";
}

// "150,0 MB (157.286.400 bytes)"; a megabyte here is 1,048,576 bytes, as in the limit.
std::string SizeText(double bytes) {
    const auto tenths = static_cast<long long>(bytes * 10.0 / (1024.0 * 1024.0));
    return std::to_string(tenths / 10) + "," + std::to_string(tenths % 10) + " MB (" +
           sl::format_count(static_cast<sl::Count>(bytes)) + " bytes)";
}

// One check of the size limit for both ways in: the size the browser reports before
// reading, and the bytes that arrive (the file may have grown in between).
bool RefuseTooLarge(AppState& st, const std::string& file_name, double size) {
    if (size <= static_cast<double>(sl::kMaxDocumentBytes)) return false;
    st.Errors.push_back(PendingError{
        ImportTitle(file_name),
        "Het bestand is " + SizeText(size) + " groot. Een planbestand mag hoogstens 1 MB (" +
            sl::format_count(static_cast<sl::Count>(sl::kMaxDocumentBytes)) +
            " bytes) groot zijn: een groter plan aanvaardt de server niet. Het bestand werd niet gelezen.",
        "", "import.too_large"});
    return true;
}

void Opened(AppState& st, sl::PlanReading reading, Screen screen) {
    st.Plan = std::move(reading.plan);
    st.ReadFindings = std::move(reading.findings);
    st.PlanOpen = true;
    st.Undo.Reset(st.Plan);
    st.SaveDue = false;
    st.Edit = TextEdit{};
    ++st.Revision;
    Recalculate(st);
    st.Ui.Current = screen;
    st.Ui.FocusPath.clear();
    // Another plan: its screens open at their top (the one on view stays where it is).
    for (int i = 0; i < kScreenCount; ++i)
        if (i != st.Ui.ContentScreen) st.Ui.ContentScroll[i] = 0;
}

// A plan read from a file or the example: stored under its id and opened on the applicant screen.
void StoreAndOpen(AppState& st, sl::PlanReading reading) {
    SaveNow(st);
    Opened(st, std::move(reading), Screen::Applicant);
    StorePlan(st, st.Plan);
    SaveSession(st);
    st.Host->Flush();
    st.StoredPlansStale = true;
}

}  // namespace

std::string PlanFileName(const std::string& id) { return "plan-" + id + ".json"; }

void PlanStored(AppState& st, const std::string& id) { WriteSavedTime(st, id, false); }

namespace {
// The stored plans, read when a screen that lists them is shown and they changed.
bool RefreshShownStoredPlans(AppState& st) {
    if (!st.StoredPlansStale || (st.Ui.Current != Screen::Plans && st.Ui.Current != Screen::Sync)) return false;
    RefreshStoredPlans(st);
    return true;
}

void ReadSession(AppState& st, Platform& host);
}  // namespace

void InitApp(AppState& st, Platform& host) {
    st.Host = &host;
    st.StoredPlansStale = true;
    LoadSync(st);
    ReadSession(st, host);
    RefreshShownStoredPlans(st);  // the first frame shows them
}

void Tick(AppState& st) {
    if (RefreshShownStoredPlans(st)) st.WantsAnimation = true;
    SyncTick(st);
}

namespace {
void ReadSession(AppState& st, Platform& host) {
    const std::optional<std::string> session = host.ReadFile(kSessionFile);
    if (!session) return;
    st.SessionText = *session;
    try {
        const nlohmann::json j = sl::parse_json_text(*session);
        const std::string id = j.value("open", std::string());
        const int screen = j.value("screen", 0);
        if (screen == static_cast<int>(Screen::Sync)) st.Ui.Current = Screen::Sync;
        if (!id.empty() && OpenPlan(st, id) && screen >= 0 && screen < kScreenCount)
            st.Ui.Current = static_cast<Screen>(screen);
    } catch (const std::exception&) {
        // A damaged session file only loses which screen was open; the plans are separate.
    }
}
}  // namespace

void NewPlan(AppState& st) {
    SaveNow(st);
    sl::Plan plan;
    plan.id = NewId(st);
    plan.call = sl::default_catalogue().call;
    plan.title = "Nieuw plan";
    Opened(st, sl::PlanReading{plan, {}}, Screen::Applicant);
    StorePlan(st, st.Plan);
    SaveSession(st);
    st.Host->Flush();
    st.StoredPlansStale = true;
}

bool OpenPlan(AppState& st, const std::string& id) {
    const std::optional<std::string> text = st.Host->ReadFile(PlanFile(id));
    if (!text) {
        st.Errors.push_back(PendingError{"Plan niet gevonden", "Het plan staat niet meer op dit toestel.", "", "plan.not_found"});
        return false;
    }
    try {
        SaveNow(st);
        Opened(st, sl::read_stored_plan_text(*text), Screen::Applicant);
        SaveSession(st);
        st.Host->Flush();
        return true;
    } catch (const sl::InputError& e) {
        AddError(st, "Plan kan niet geopend worden", e);
        return false;
    }
}

void ClosePlan(AppState& st) {
    SaveNow(st);
    st.PlanOpen = false;
    st.Plan = sl::Plan{};
    st.Edit = TextEdit{};
    st.Undo.Reset(st.Plan);
    Recalculate(st);
    st.Ui.Current = Screen::Plans;
    SaveSession(st);
    st.Host->Flush();
}

void DuplicatePlan(AppState& st, const std::string& id) {
    SaveNow(st);
    const std::optional<std::string> text = st.Host->ReadFile(PlanFile(id));
    if (!text) return;
    try {
        sl::Plan copy = sl::read_stored_plan_text(*text).plan;
        copy.id = NewId(st);
        copy.title = PlanDisplayTitle(copy) + " (kopie)";
        StorePlan(st, copy);
        st.Host->Flush();
        st.StoredPlansStale = true;
    } catch (const sl::InputError& e) {
        AddError(st, "Plan kan niet gedupliceerd worden", e);
    }
}

void DeletePlan(AppState& st, const std::string& id) {
    if (st.PlanOpen && st.Plan.id == id) {
        st.SaveDue = false;
        st.PlanOpen = false;
        st.Plan = sl::Plan{};
        st.Edit = TextEdit{};
        Recalculate(st);
    }
    st.Host->RemoveFile(PlanFile(id));
    WriteSavedTime(st, id, true);
    // Its changes still waiting for the server go with it (said on the screen).
    const int dropped = DropPlan(st.Sync, id);
    st.SyncUi.Dirty = true;
    SaveSession(st);
    st.Host->Flush();
    st.StoredPlansStale = true;
    ShowNotice(st, dropped == 0 ? "Plan verwijderd van dit toestel"
                                : "Plan verwijderd; " + std::to_string(dropped) +
                                      (dropped == 1 ? " wijziging" : " wijzigingen") + " voor de server geschrapt");
}

bool IsPlanFileName(const std::string& name, std::string* id) {
    const std::string prefix = "plan-", suffix = ".json";
    if (name.size() <= prefix.size() + suffix.size() || name.rfind(prefix, 0) != 0 ||
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
        return false;
    if (id) *id = name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
    return true;
}

bool ImportFileChosen(AppState& st, const std::string& file_name, double size) {
    return !RefuseTooLarge(st, file_name, size);
}

void ImportFileUnreadable(AppState& st, const std::string& file_name) {
    st.Errors.push_back(PendingError{ImportTitle(file_name),
                                     "Het bestand kon niet gelezen worden. Kies het opnieuw.", "", "import.read_failed"});
}

bool ImportPlanText(AppState& st, const std::string& file_name, std::string_view bytes) {
    if (RefuseTooLarge(st, file_name, static_cast<double>(bytes.size()))) return false;
    sl::PlanReading reading;
    try {
        reading = sl::read_plan_text(bytes);
    } catch (const sl::InputError& e) {
        AddError(st, ImportTitle(file_name), e);
        return false;
    } catch (const std::exception&) {
        // The core reports bad input as InputError; anything else must still not escape.
        st.Errors.push_back(PendingError{ImportTitle(file_name), "Het bestand kon niet gelezen worden als plan.", "",
                                         "import.unreadable"});
        return false;
    }
    // An imported plan never overwrites a stored one: a plan id that is already on this
    // device (or none) gets a new id.
    if (reading.plan.id.empty() || st.Host->ReadFile(PlanFile(reading.plan.id)))
        reading.plan.id = NewId(st);
    StoreAndOpen(st, std::move(reading));
    ShowNotice(st, "Plan ingelezen uit " + file_name);
    return true;
}

namespace {
constexpr const char* kExamplePrefix = "voorbeeld-";
}

bool IsExamplePlan(const std::string& plan_id) { return plan_id.rfind(kExamplePrefix, 0) == 0; }

bool OpenExamplePlan(AppState& st) {
    const auto& files = embedded_files();
    if (files.empty()) return false;
    sl::PlanReading reading;
    try {
        reading = sl::read_plan_text(files.front().text);
    } catch (const sl::InputError& e) {
        AddError(st, "Het voorbeeldplan kan niet geopend worden", e);  // a broken build; tested
        return false;
    }
    reading.plan.id = kExamplePrefix + NewId(st);
    reading.plan.title = "Voorbeeld: " + reading.plan.title;
    StoreAndOpen(st, std::move(reading));
    ShowNotice(st, "Voorbeeldplan geopend: een kopie op dit toestel, om te bekijken en uit te proberen");
    return true;
}

void SaveNow(AppState& st) {
    if (!st.Host) return;
    bool wrote = false;
    if (st.PlanOpen && st.SaveDue) {
        st.LastSaveFailed = !StorePlan(st, st.Plan);
        st.SaveDue = false;
        ++st.SaveCount;
        wrote = true;
    }
    if (SaveSession(st)) wrote = true;
    // Nothing new (leaving the page after the last save): no write to the browser's storage.
    if (wrote) st.Host->Flush();
}

double AutosaveTick(AppState& st) {
    if (!st.SaveDue) return -1;
    const double now = st.Host->NowSeconds();
    const double due = std::min(st.FirstUnsavedChange + 0.8, st.LastChange + 0.25);
    if (now >= due) {
        SaveNow(st);
        return -1;
    }
    return due - now;
}

void RefreshStoredPlans(AppState& st) {
    st.StoredPlans.clear();
    const nlohmann::json times = ReadSavedTimes(st);
    for (const std::string& name : st.Host->ListFiles()) {
        StoredPlanInfo info;
        if (!IsPlanFileName(name, &info.Id)) continue;
        if (const auto t = times.find(info.Id); t != times.end() && t->is_number()) info.SavedAt = t->get<double>();
        if (st.PlanOpen && st.Plan.id == info.Id) {
            info.Title = PlanDisplayTitle(st.Plan);
            info.Applicant = st.Plan.applicant.lead.name;
        } else if (const std::optional<std::string> text = st.Host->ReadFile(name)) {
            try {
                const sl::Plan p = sl::read_stored_plan_text(*text).plan;
                info.Title = PlanDisplayTitle(p);
                info.Applicant = p.applicant.lead.name;
            } catch (const sl::InputError& e) {
                info.Title = name;
                info.Error = e.message();
            }
        }
        st.StoredPlans.push_back(std::move(info));
    }
    std::sort(st.StoredPlans.begin(), st.StoredPlans.end(),
              [](const StoredPlanInfo& a, const StoredPlanInfo& b) { return a.Title < b.Title; });
    st.StoredPlansStale = false;
}

}  // namespace app
