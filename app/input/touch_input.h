// Pointer input from the platform into ImGui. Mouse and pen go straight through. A touch is
// held back until it is clear what it is: released without moving it is a tap (a click at
// that point), moved more than a few pixels it scrolls the list or panel under the finger.
// Coordinates are framebuffer pixels.
#pragma once
#include "state/app_state.h"

namespace app {

enum class PointerKind { Mouse, Touch, Pen };

void OnPointerDown(AppState& st, PointerKind kind, float x, float y, int button);
void OnPointerMove(AppState& st, PointerKind kind, float x, float y);
void OnPointerUp(AppState& st, PointerKind kind, float x, float y, int button);
void OnPointerCancel(AppState& st);
void OnWheel(AppState& st, float dx, float dy);  // in wheel steps

// Call between ImGui::NewFrame() and the panels: scrolls the window under a dragging finger.
void ApplyTouchScroll(AppState& st);

}  // namespace app
