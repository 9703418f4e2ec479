// The app's state: plain structs with defaults. The plan and everything derived from it
// (core types), UI-only flags, pending errors, the undo stack, pointer and text input.
// The frame code (frame.h) draws it; the functions below are the only ways to change the
// plan, so that every change recalculates, is undoable and gets saved.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "samenleven/samenleven.h"

#include "platform/platform.h"
#include "sync/overview_answers.h"
#include "sync/sync.h"
#include "state/undo.h"

namespace app {

// The coordinator's screens, then the agency's (Dossiers: all plans; Review: one plan).
enum class Screen { Plans, Applicant, Actions, Targets, Findings, Results, Export, Sync, Dossiers, Review, Overview, Allocation };
constexpr int kScreenCount = 12;

// An error to show until dismissed, e.g. a refused import: the core's Dutch message, the
// JSON path and the stable code (InputError::code(), the same the CLI and the server give).
struct PendingError {
    std::string Title;
    std::string Message;
    std::string Path;
    std::string Code;
};

// A plan stored on this device, as listed on the plans screen.
struct StoredPlanInfo {
    std::string Id;
    std::string Title;
    std::string Applicant;
    double SavedAt = 0;  // when it was last saved on this device (seconds since 1970, UTC); 0: unknown
    std::string Error;  // set when the stored file could not be read
};

// The text field being edited through the platform's overlay.
struct TextEdit {
    std::string Key;          // field path; empty when none
    std::string Value;        // latest text from the overlay
    bool Changed = false;     // Value not yet applied to the field
    bool Applied = false;     // the field changed during this edit (commit takes a snapshot)
    bool Invalid = false;     // the text is not a valid value for the field
    std::string Original;     // the field's text when the edit began
    std::string Problem;      // why the text is not valid (Dutch), when Invalid
    std::string Refusal;      // said when the edit ends with invalid text: what was refused, what stays
    std::string Cleaned;      // said when the edit ends: characters the field does not take became spaces
    bool CommitPending = false;
    bool SeenThisFrame = false;
    PixelRect Rect;           // where the overlay was last placed
};

// Pointer state for touch: a touch becomes a tap (click) or a drag that scrolls.
struct PointerState {
    bool Down = false;
    bool Touch = false;
    bool Dragging = false;
    float StartX = 0, StartY = 0, LastX = 0, LastY = 0;
    float PendingScrollY = 0, PendingScrollX = 0;
};

struct UiState {
    Screen Current = Screen::Plans;
    float Scale = 1.0f;              // framebuffer pixels per CSS pixel (devicePixelRatio)
    std::string FocusPath;           // a finding's path to scroll to and highlight
    double FocusUntil = 0;           // highlight ends at this time
    bool FocusScrollDone = false;
    std::string ConfirmDeleteId;     // plan id awaiting a delete confirmation
    std::string ConfirmRemoveRow;    // "action|group" awaiting removal from the plan
    std::string ConfirmRemoveMember; // applicant: path of the member awaiting removal ("applicant.members[1]")
    bool ConfirmSubmit = false;      // "Indienen bij ABB" awaits its confirmation
    std::string ConfirmOpener;       // the button that opened the confirmation (the focus returns there)
    int ExpandedSplitRow = -1;       // targets: IGS split shown for this row
    // The content panel's scroll per screen (frame.cpp): a screen opens where it was left,
    // at its top on the first visit, never at another screen's offset. ContentScreen: the
    // screen the panel showed last frame (-1: none yet).
    float ContentScroll[kScreenCount] = {};
    int ContentScreen = -1;
    std::string RequestEdit;                   // open the overlay on this field when drawn
    // Cards out of view are not drawn (widgets.h, CardVisible): each card's height and its
    // part of the accessible mirror from when it was last drawn, valid while `Stamp` holds.
    struct CardCache {
        float Height = 0;
        std::uint64_t Stamp = 0;
        std::vector<AccessibleNode> Mirror;  // parents relative to the card; -2: the card's container
    };
    std::map<std::string, CardCache> Cards;
    std::uint64_t CardStamp = 0;               // of this frame: what the cards' content depends on
    std::map<std::string, std::string> FieldNames;  // accessible names of fields (FieldName), for NamesStamp
    std::uint64_t NamesStamp = 0;
    std::size_t CardMirrorStart = 0;           // where the card being drawn starts in the mirror
    // Keyboard and screen reader (mirror.h): the node holding the keyboard focus (its ring is
    // drawn until a pointer is used), a node activated through the mirror (acts like a tap on
    // the next frame), and a node the app wants the focus moved to once it is drawn.
    std::string KeyFocus;
    bool FocusVisible = false;
    bool ScrollToFocus = false;
    std::string Activate;
    std::string FocusRequest;
    int FocusRequestFrames = 0;
    std::string Notice;              // short confirmation ("Gekopieerd"), cleared by time
    double NoticeUntil = 0;
};

// The app's side of sync (sync_client.cpp): which request is out, the server's plan list,
// and the coordinator's choices in a conflict. The engine's state is AppState::Sync.
struct SyncView {
    enum class Call { None, Sync, Me, List, Fetch, Pull, Review, History, Overview, FigurePlans, Allocation };
    Call InFlight = Call::None;        // one request at a time, of any kind
    bool Dirty = false;                // sync.json is to be written
    bool WantMe = false;               // ask the server whose token this is (coordinator or agency)
    bool WantList = false;             // fetch the server's plan list when the line is free
    double NextListAt = 0;             // the list is fetched again every few minutes (pull)
    std::string FetchId;               // a plan to fetch from the server
    std::vector<std::string> PullIds;  // server ids of plans here with a newer server revision
    std::vector<ServerPlanInfo> ServerPlans;
    bool ServerPlansLoaded = false;
    std::string ListError;
    bool TokenRefused = false;         // the server's last answer was 401: the token is not valid
    // Conflict of the open plan: the server's version and the differences, cached per
    // (plan revision, conflict revision); TakeMine per difference (default: the server's).
    std::uint64_t DiffPlanRevision = 0;
    std::string DiffKey;
    samenleven::Plan Theirs;
    std::vector<samenleven::FieldDifference> Differences;
    std::vector<bool> TakeMine;
};

// The agency's workspace: all plans (SyncView::ServerPlans), a filter and a search, and the
// plan under review with its history and the targets to confirm. The list and each plan
// reviewed are also kept on the device, to read them offline.
struct ReviewView {
    std::string StatusFilter;          // a status code; empty: all
    std::string Search;                // part of a title or applicant's name
    std::string OpenId;                // server id of the plan under review
    bool Loaded = false;               // the plan under review was read
    bool HistoryLoaded = false;
    bool WantPlan = false, WantHistory = false;  // fetch when the line is free
    std::string Error;
    ServerPlanView View;
    samenleven::Plan Plan;
    samenleven::Budget Budget;
    std::vector<samenleven::Finding> Findings;
    std::vector<RevisionInfo> History;
    std::vector<samenleven::YearCounts> Targets;  // per row and year: the target to confirm
    // Per project year: the envelope to grant with the confirmation, in whole euros (prefilled
    // with the plan's; empty: none is sent), for the years whose call grants one.
    std::array<std::optional<samenleven::Count>, samenleven::kYearCount> Envelopes{};
    // Per row and year: the jury's verdict as shown, the server's with the verdicts recorded
    // here and still in the outbox on top (ReadReviewPlan, RecordVerdict).
    std::vector<std::array<std::optional<bool>, samenleven::kYearCount>> Verdicts;
    std::string Remark;                // for "Terugsturen"
    bool AskConfirm = false, AskReturn = false;
};

// The agency's overview of Flanders (figures per headline, objective and action, with
// filters and a drill-down to the plans behind a figure) and the allocation of a year's budget
// by priority (overview_screen.cpp). Read from the server on demand; each answer is kept on
// the device under its route and shown again for the same choices (offline, or until the
// server answers), with when it was read (the *SavedAt fields; 0: read from the server now).
struct OverviewView {
    int Year = 2022;                  // project start year; 0: all years
    bool IncludeDrafts = false;
    int Objective = 0;                // 0: all objectives
    bool Want = false, Loaded = false;
    std::string Error;
    OverviewData Data;
    std::string DrillKind;            // "headline", "objective" or "action"; empty: none chosen
    std::string DrillKey;             // the headline's code, or the number
    std::string DrillLabel;
    bool DrillWant = false, DrillLoaded = false;
    std::vector<FigurePlan> DrillPlans;
    samenleven::Count BudgetEuros = 14136359;  // the year's budget to allocate (year 1's, DOMAIN.md)
    int AllocationYear = 2022;
    bool AllocationWant = false, AllocationLoaded = false;
    std::string AllocationError;
    AllocationData Allocation;
    // The route each view shows (or waits for), and the route of the request in flight.
    std::string ShownRoute, DrillShownRoute, AllocationShownRoute, AskedRoute;
    double SavedAt = 0, DrillSavedAt = 0, AllocationSavedAt = 0;
};

// Everything computed from the plan; recomputed only when the plan changes.
struct DerivedState {
    samenleven::Budget Budget;
    std::vector<samenleven::Finding> Findings;
    samenleven::Eligibility Eligibility;
    std::vector<samenleven::RowStatus> Results;
    int Errors = 0, Warnings = 0;
};

// What a screen reader was last told about the open plan (app_state.cpp, SpeakChange): a
// change is announced against it, once, when it is finished (not per keystroke).
struct SpokenState {
    std::string PlanId;
    samenleven::Cents Total = 0;
    std::vector<std::string> Errors;  // "code|path" of each error
};

// Another tab of the app in this browser profile holds the device's storage (pre.js, Web
// Locks): it was open already when this one started, or it took over since. Two tabs would
// overwrite each other's saves, so the app works in one tab at a time.
enum class OtherTab { None, AlreadyOpen, TakenOver };

struct AppState {
    Platform* Host = nullptr;
    OtherTab Elsewhere = OtherTab::None;  // set: only that is shown, nothing is saved or sent
    const samenleven::Catalogue* Catalogue = nullptr;  // the open plan's call

    bool PlanOpen = false;
    samenleven::Plan Plan;
    std::vector<samenleven::Finding> ReadFindings;  // what the reader noticed when opening
    DerivedState Derived;
    SpokenState Spoken;
    std::uint64_t Revision = 0;        // bumped on every change of the plan
    UndoStack Undo;

    // Autosave: the plan is written within a second of a change.
    bool SaveDue = false;
    double FirstUnsavedChange = 0, LastChange = 0;
    int SaveCount = 0;
    bool LastSaveFailed = false;
    std::string SessionText;  // the session file as last written or read (SaveSession)

    std::vector<StoredPlanInfo> StoredPlans;
    bool StoredPlansStale = true;

    SyncModel Sync;                    // outbox, per-plan sync state, settings (sync.json)
    SyncView SyncUi;
    ReviewView Review;                 // the agency's screens
    OverviewView Overview;

    UiState Ui;
    TextEdit Edit;
    PointerState Pointer;
    std::vector<PendingError> Errors;
    bool WantsAnimation = false;       // set during a frame that needs another one soon
    double WakeAt = 0;                 // a redraw is needed at this time (0: none)

    // Widget rectangles of the last frame by field path or button key (for tests and the
    // text overlay), in framebuffer pixels.
    std::map<std::string, PixelRect> Widgets;
    // The accessible mirror of the last frame (mirror.h) and its open containers while drawing.
    std::vector<AccessibleNode> Mirror;
    std::vector<int> MirrorOpen;
};

// [SECTION] Opening, changing and saving the plan (app_state.cpp)
void InitApp(AppState& st, Platform& host);           // reads the session and opens the last plan
void NewPlan(AppState& st);
bool OpenPlan(AppState& st, const std::string& id);
void ClosePlan(AppState& st);
void DuplicatePlan(AppState& st, const std::string& id);
// "Voorbeeldplan bekijken": a copy of the example plan (example_plan.h), stored on this device
// under a new id and opened; it is never sent to a server (IsExamplePlan).
bool OpenExamplePlan(AppState& st);
bool IsExamplePlan(const std::string& plan_id);
void DeletePlan(AppState& st, const std::string& id);

// Call after changing st.Plan: recalculates now; `committed` also takes an undo snapshot
// (a finished edit: a button, a field left), otherwise the change is live typing.
void PlanChanged(AppState& st, bool committed);
void Recalculate(AppState& st);
bool UndoEdit(AppState& st);
bool RedoEdit(AppState& st);

// Saves when due; returns seconds until the next save is due (negative: nothing pending).
double AutosaveTick(AppState& st);
void SaveNow(AppState& st);
void RefreshStoredPlans(AppState& st);
void SetScreen(AppState& st, Screen screen);
// The steps of making a plan (Aanvrager, Acties, Doelen, Controle, Indienen), each with its
// screen and whether it is done, judged from the plan's findings and place in the cycle.
struct GuideStep {
    Screen Target = Screen::Applicant;  // the step's screen
    bool Done = false;
};
std::vector<GuideStep> GuideSteps(const AppState& st);
// The first step not done (Screen::Plans when all are done).
Screen NextStep(const AppState& st);
// The screens the navigation offers (the coordinator's or the agency's) and the one shown.
std::vector<Screen> NavScreens(const AppState& st);
Screen ShownScreen(const AppState& st);

// A short confirmation floating above the bottom edge for `seconds`, also said to screen readers.
void ShowNotice(AppState& st, std::string text, double seconds = 4);
// Commits the open text edit: an undo snapshot when it changed the plan, a notice when its
// text was refused or cleaned; the edit state is reset (the overlay stays).
void CommitEdit(AppState& st);
// Ends the open edit (e.g. its field is no longer drawn): committed, and the overlay closed.
void EndEdit(AppState& st);
// The announcement of a finished change of the open plan against what was last said: the new
// Flemish total when it changed, new errors (the first one's message), errors solved. Empty:
// nothing worth saying. Updates `spoken`.
std::string ChangeAnnouncement(SpokenState& spoken, const std::string& plan_id, const DerivedState& now);

// Asks for a redraw at time `t` (e.g. when a highlight or notice ends).
inline void WakeAt(AppState& st, double t) {
    if (st.WakeAt == 0 || t < st.WakeAt) st.WakeAt = t;
}

std::string PlanFileName(const std::string& id);  // "plan-<id>.json"
// A plan's file was written on this device: records when (the plans list shows it).
void PlanStored(AppState& st, const std::string& id);
bool IsPlanFileName(const std::string& name, std::string* id = nullptr);  // and its id

// [SECTION] Importing a plan file (plan_store.cpp)
// The person picked a file of `size` bytes. Returns whether to read it and hand its bytes to
// ImportPlanText(); a file above sl::kMaxDocumentBytes (1 MiB, the largest request body
// the sync server takes, so a larger plan could never reach it) adds a PendingError naming its size and the
// limit, and is not read.
bool ImportFileChosen(AppState& st, const std::string& file_name, double size);
// Reads the file's bytes, exactly as they are on disk (no decoding), as a new stored plan and
// opens it. Bytes that cannot be read as a plan (the core's parse_json_text/read_plan: invalid
// UTF-8, malformed JSON, a number too large, a wrong type, a newer schema) or above the size
// limit add a PendingError with the core's Dutch message, path and code; nothing stored changes.
bool ImportPlanText(AppState& st, const std::string& file_name, std::string_view bytes);
// The picked file could not be read (e.g. removed after it was picked): a PendingError.
void ImportFileUnreadable(AppState& st, const std::string& file_name);

// [SECTION] Sync with the server (sync_client.cpp)
void LoadSync(AppState& st);  // reads sync.json (InitApp)
// A plan was written to this device: queued for the server when sync is on.
void SyncPlanStored(AppState& st, const std::string& plan_id, const std::string& document);
// After each frame: sends the next request, wakes the frame for a retry, writes sync.json.
void SyncTick(AppState& st);
// The runner's work after each frame, beside the autosave (the browser's app_frame, the tests'
// harness): what a frame shows is read from storage here and requests start here, never while
// drawing. The stored plans are read again after a change when a screen that lists them is
// shown (and a frame is asked for to show them); then the sync engine's next request.
void Tick(AppState& st);
void SyncNow(AppState& st);  // retries at once and refreshes the server's plan list
void SetSyncEnabled(AppState& st, bool enabled);
void FetchServerPlan(AppState& st, const std::string& id);
// [SECTION] The programme's cycle (cycle.cpp)
// The open plan's sync state, if it has one.
const PlanSync* OpenPlanSync(const AppState& st);
// Whether the open plan may be edited here (PlanEditable: a draft, no submission waiting).
bool OpenPlanEditable(const AppState& st);
// The open plan's status on the server, when it has one.
std::optional<samenleven::PlanStatus> OpenPlanStatus(const AppState& st);
// "Indienen bij ABB": queues the submission of the open plan (sent when there is a network;
// the plan is read-only from now on). False, with a PendingError, when it cannot be submitted.
bool SubmitOpenPlan(AppState& st);
// "Tussentijds rapport indienen" / "Jaarrapport indienen": queues the open plan's interim
// reach, or its final reach with reasons and recovery plans, through the results route.
enum class ReportKind { Interim, Yearly };
bool ReportOpenPlanResults(AppState& st, ReportKind kind);
// A newer server version of a plan on this device (pull): replaces it, or, with unsent
// changes, lets the outbox meet the conflict.
void ApplyPulledPlan(AppState& st, const ServerPlanView& view);
// The agency: opens a plan under review / confirms the targets (and the envelopes filled in) /
// sends it back with a remark.
void OpenReview(AppState& st, const std::string& server_id);
void ConfirmReview(AppState& st);
void ReturnReview(AppState& st);
// The agency records the interim jury's verdict on row `row` in project year `start_year` of
// the plan under review (nullopt: clears it): queued as a step of its own, shown at once.
void RecordVerdict(AppState& st, std::size_t row, int start_year, std::optional<bool> verdict);
// Writes what the server answered the agency into a file of its own, for reading offline, and
// puts it into the browser's storage at once (the next save may never come).
void KeepForOffline(AppState& st, const std::string& file, const std::string& text);
// Reads the answers of the overview's requests into st.Overview.
void ReadOverview(AppState& st, int status, const std::string& body);
void ReadFigurePlans(AppState& st, int status, const std::string& body);
void ReadAllocation(AppState& st, int status, const std::string& body);
// Reads an answer of the review's requests (GET plan / history) into st.Review.
void ReadReviewPlan(AppState& st, int status, const std::string& body, bool from_cache);
void ReadReviewHistory(AppState& st, int status, const std::string& body, bool from_cache);
// The agency's overview: the routes of its current filters and choices.
std::string OverviewRoute(const OverviewView& ov);       // /aggregate?...
std::string FigurePlansRoute(const OverviewView& ov);    // /aggregate/plans?...
std::string AllocationRoute(const OverviewView& ov);     // /allocation?...
void ChooseFigure(AppState& st, const std::string& kind, const std::string& key, const std::string& label);
// Before the overview's requests go out (and while offline): each view whose choices changed
// shows the answer kept on the device for them, or nothing when they were never read here.
void ShowKeptOverviewAnswers(AppState& st);
// "25-11-2026 om 11:57" in the device's time zone (Platform::UtcOffsetMinutes), from a Unix
// time / from the server's ISO 8601 UTC time: the one place where times are written for people.
std::string LocalTimeText(const AppState& st, double unix_seconds);
std::string ServerTimeText(const AppState& st, const std::string& iso);
// Makes `merged` the open plan (undoable, saved here) and sends it on top of the server's
// version that was in conflict.
void ResolveOpenPlanConflict(AppState& st, const samenleven::Plan& merged);
std::string NewChangeId(AppState& st);  // 32 hex digits

// [SECTION] Input from the platform
void OnHttpResponse(AppState& st, int status, const std::string& body);  // status 0: no network
void OnOnlineChanged(AppState& st, bool online);
// The browser says another tab holds the storage (OtherTab): an open text field is closed.
void OnOtherTab(AppState& st, OtherTab kind);
void OnTextInput(AppState& st, const std::string& value);
void OnTextCommit(AppState& st);

}  // namespace app
