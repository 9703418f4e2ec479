// The accessible mirror of the canvas. While drawing, the widgets (widgets.h) and panels add
// what they draw to AppState::Mirror as a tree of AccessibleNode (platform.h): landmarks and
// groups as containers, headings, text, buttons, tabs, fields, check boxes, table cells,
// progress bars, each with a Dutch name, value and state, placed over its widget. DrawFrame
// publishes it after the frame; the browser keeps a hidden DOM tree in step with it, so that
// a screen reader reads and operates the app, and the keyboard moves through it with Tab.
//
// Input comes back by key: OnAccessibleFocus (a node took the keyboard focus: the app draws
// its focus ring and scrolls it into view; a text field opens its editor) and
// OnAccessibleActivate (a node was clicked: the widget acts as if tapped on the next frame).
#pragma once
#include <string>

#include "state/app_state.h"

namespace app {

// Starts a container (region, list, table row, group); close it with MirrorEnd. The
// container has no rectangle of its own.
void MirrorBegin(AppState& st, AccessibleRole role, const std::string& name, const std::string& key = "");
void MirrorEnd(AppState& st);
struct MirrorScope {
    MirrorScope(AppState& st, AccessibleRole role, const std::string& name, const std::string& key = "")
        : St(st) { MirrorBegin(st, role, name, key); }
    ~MirrorScope() { MirrorEnd(St); }
    MirrorScope(const MirrorScope&) = delete;
    MirrorScope& operator=(const MirrorScope&) = delete;
    AppState& St;
};

// A leaf for the ImGui item just submitted, placed over its visible part.
AccessibleNode& MirrorItem(AppState& st, AccessibleRole role, const std::string& key, const std::string& name);
// Text (or a heading) for the item just submitted, from helpers that draw text without the
// app's state at hand (FieldLabel, Muted, Wrapped): the frame being drawn is found through
// ImGui's IO user data (set by DrawFrame).
void MirrorText(const std::string& text, AccessibleRole role = AccessibleRole::Text, int level = 0);

// A card's part of the tree (from `start` to the end), kept to stand in for the card while it
// is out of view and not drawn, and put back in its place (parents fixed, no rectangles).
std::vector<AccessibleNode> MirrorCopy(const AppState& st, std::size_t start);
void MirrorReplay(AppState& st, const std::vector<AccessibleNode>& nodes);

// The keyboard (or a screen reader) put its focus on a node / activated one (its click).
// `edit` false: the focus came back from the field's editor, which stays closed. An empty
// key: the focus left the app (no ring).
void OnAccessibleFocus(AppState& st, const std::string& key, bool edit = true);
void OnAccessibleActivate(AppState& st, const std::string& key);
// A confirmation (delete, remove a row or an IGS member, submit, confirm or send back a plan) opened from the
// button `opener`: the focus moves to `focus` (its "Annuleren"); closing it, by its button
// or by Escape, takes the focus back to the opener.
void OpenConfirmation(AppState& st, const std::string& opener, const std::string& focus);
void CloseConfirmation(AppState& st);
// Escape: closes the open confirmation, else the error card shown (returns whether it did).
bool OnEscape(AppState& st);
// For widgets: whether `key` was activated through the mirror; consumes it.
bool TakeActivation(AppState& st, const std::string& key);
// Asks the platform to move the keyboard focus to `key` once it is drawn (a confirmation
// that opened, back to the button that opened it).
void RequestFocus(AppState& st, const std::string& key);
// Draws the focus ring around the item just submitted when it holds the keyboard focus,
// and scrolls it into view when it just took it.
void DrawFocusRing(AppState& st, const std::string& key);

// Called by DrawFrame: starts the tree of a frame / publishes it after the frame.
void MirrorStartFrame(AppState& st);
void MirrorPublish(AppState& st);

}  // namespace app
