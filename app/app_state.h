// The app's state: plain structs with defaults. The plan and everything derived from it
// (core types), UI-only flags, pending errors, the undo stack, pointer and text input.
// The frame code (frame.h) draws it; the functions below are the only ways to change the
// plan, so that every change recalculates, is undoable and gets saved.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "samenleven/samenleven.h"

#include "platform.h"
#include "undo.h"

namespace app {

enum class Screen { Plans, Applicant, Actions, Targets, Findings, Results, Export };
constexpr int kScreenCount = 7;

// An error to show until dismissed, e.g. a refused import: the core's Dutch message and path.
struct PendingError {
    std::string Title;
    std::string Message;
    std::string Path;
};

// A plan stored on this device, as listed on the plans screen.
struct StoredPlanInfo {
    std::string Id;
    std::string Title;
    std::string Applicant;
    std::string Error;  // set when the stored file could not be read
};

// The text field being edited through the platform's overlay.
struct TextEdit {
    std::string Key;          // field path; empty when none
    std::string Value;        // latest text from the overlay
    bool Changed = false;     // Value not yet applied to the field
    bool Applied = false;     // the field changed during this edit (commit takes a snapshot)
    bool Invalid = false;     // the text is not a valid value for the field
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
    int ExpandedSplitRow = -1;       // targets: IGS split shown for this row
    std::map<std::string, float> CardHeights;  // last drawn height of each card, to skip hidden ones
    float LastDisplayWidth = 0;                // card heights are forgotten when this changes
    std::vector<std::string> FieldOrder;       // text fields in drawing order (this frame)
    std::string TabFrom;                       // Tab pressed in this field: open the next one
    int TabDirection = 0;
    std::string RequestEdit;                   // open the overlay on this field when drawn
    std::string Notice;              // short confirmation ("Gekopieerd"), cleared by time
    double NoticeUntil = 0;
};

// Everything computed from the plan; recomputed only when the plan changes.
struct DerivedState {
    samenleven::Budget Budget;
    std::vector<samenleven::Finding> Findings;
    samenleven::Eligibility Eligibility;
    std::vector<samenleven::RowStatus> Results;
    int Errors = 0, Warnings = 0;
    std::string Summary;             // the text of the accessible mirror
};

struct AppState {
    Platform* Host = nullptr;
    const samenleven::Catalogue* Catalogue = nullptr;  // the open plan's call

    bool PlanOpen = false;
    samenleven::Plan Plan;
    std::vector<samenleven::Finding> ReadFindings;  // what the reader noticed when opening
    DerivedState Derived;
    std::uint64_t Revision = 0;        // bumped on every change of the plan
    UndoStack Undo;

    // Autosave: the plan is written within a second of a change.
    bool SaveDue = false;
    double FirstUnsavedChange = 0, LastChange = 0;
    int SaveCount = 0;
    bool LastSaveFailed = false;

    std::vector<StoredPlanInfo> StoredPlans;
    bool StoredPlansStale = true;

    UiState Ui;
    TextEdit Edit;
    PointerState Pointer;
    std::vector<PendingError> Errors;
    bool WantsAnimation = false;       // set during a frame that needs another one soon
    double WakeAt = 0;                 // a redraw is needed at this time (0: none)

    // Widget rectangles of the last frame by field path or button key (for tests and the
    // text overlay), in framebuffer pixels.
    std::map<std::string, PixelRect> Widgets;
};

// [SECTION] Opening, changing and saving the plan (app_state.cpp)
void InitApp(AppState& st, Platform& host);           // reads the session and opens the last plan
void NewPlan(AppState& st);
bool OpenPlan(AppState& st, const std::string& id);
void ClosePlan(AppState& st);
void DuplicatePlan(AppState& st, const std::string& id);
void DeletePlan(AppState& st, const std::string& id);
// Reads a document as a new stored plan and opens it. A document that cannot be read adds
// a PendingError (the core's Dutch message and path) and changes nothing stored.
bool ImportPlanText(AppState& st, const std::string& file_name, const std::string& text);

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

// Asks for a redraw at time `t` (e.g. when a highlight or notice ends).
inline void WakeAt(AppState& st, double t) {
    if (st.WakeAt == 0 || t < st.WakeAt) st.WakeAt = t;
}

// [SECTION] Input from the platform
void OnTextInput(AppState& st, const std::string& value);
void OnTextCommit(AppState& st);
void OnTextTab(AppState& st, int direction);  // Tab (+1) / Shift+Tab (-1) in the overlay

}  // namespace app
