#include "input/touch_input.h"

#include <cmath>

#include "imgui.h"
#include "imgui_internal.h"

namespace app {

namespace {

constexpr float kDragThresholdCss = 8.0f;

ImGuiMouseSource Source(PointerKind kind) {
    switch (kind) {
        case PointerKind::Touch: return ImGuiMouseSource_TouchScreen;
        case PointerKind::Pen: return ImGuiMouseSource_Pen;
        case PointerKind::Mouse: break;
    }
    return ImGuiMouseSource_Mouse;
}

}  // namespace

void OnPointerDown(AppState& st, PointerKind kind, float x, float y, int button) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddMouseSourceEvent(Source(kind));
    io.AddMousePosEvent(x, y);
    PointerState& p = st.Pointer;
    p = PointerState{};
    p.Down = true;
    st.Ui.FocusVisible = false;  // the focus ring is for the keyboard
    p.Touch = kind == PointerKind::Touch;
    p.StartX = p.LastX = x;
    p.StartY = p.LastY = y;
    if (!p.Touch) io.AddMouseButtonEvent(button, true);
}

void OnPointerMove(AppState& st, PointerKind kind, float x, float y) {
    ImGuiIO& io = ImGui::GetIO();
    PointerState& p = st.Pointer;
    if (p.Down && p.Touch) {
        const float threshold = kDragThresholdCss * st.Ui.Scale;
        if (!p.Dragging && std::hypot(x - p.StartX, y - p.StartY) > threshold) p.Dragging = true;
        if (p.Dragging) {
            p.PendingScrollX += p.LastX - x;
            p.PendingScrollY += p.LastY - y;
        }
        p.LastX = x;
        p.LastY = y;
        return;  // the hover point stays where the finger went down
    }
    io.AddMouseSourceEvent(Source(kind));
    io.AddMousePosEvent(x, y);
}

void OnPointerUp(AppState& st, PointerKind kind, float x, float y, int button) {
    ImGuiIO& io = ImGui::GetIO();
    PointerState& p = st.Pointer;
    io.AddMouseSourceEvent(Source(kind));
    if (p.Touch) {
        if (!p.Dragging) {
            // A tap: press and release where the finger went down (trickled over two frames).
            io.AddMousePosEvent(p.StartX, p.StartY);
            io.AddMouseButtonEvent(0, true);
            io.AddMouseButtonEvent(0, false);
        }
        // No hover stays behind after a finger lifts.
        io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
    } else {
        io.AddMousePosEvent(x, y);
        io.AddMouseButtonEvent(button, false);
    }
    p.Down = false;
}

void OnPointerCancel(AppState& st) {
    ImGuiIO& io = ImGui::GetIO();
    if (st.Pointer.Down && !st.Pointer.Touch) io.AddMouseButtonEvent(0, false);
    st.Pointer = PointerState{};
}

void OnWheel(AppState&, float dx, float dy) { ImGui::GetIO().AddMouseWheelEvent(dx, dy); }

void ApplyTouchScroll(AppState& st) {
    PointerState& p = st.Pointer;
    if (p.PendingScrollX == 0 && p.PendingScrollY == 0) return;
    ImGuiContext& g = *GImGui;
    // The innermost window under the finger that can scroll that way, else its parents.
    ImGuiWindow* w = g.HoveredWindow;
    if (!w)
        for (ImGuiWindow* win : g.Windows)
        if (win->WasActive && win->Rect().Contains(ImVec2(p.StartX, p.StartY)) &&
            !(win->Flags & ImGuiWindowFlags_NoMouseInputs))
                w = win;  // later windows are in front
    for (; w; w = w->ParentWindow) {
        const bool can_y = p.PendingScrollY != 0 && w->ScrollMax.y > 0;
        const bool can_x = p.PendingScrollX != 0 && w->ScrollMax.x > 0;
        if (can_y || can_x) {
            if (can_y) ImGui::SetScrollY(w, ImClamp(w->Scroll.y + p.PendingScrollY, 0.0f, w->ScrollMax.y));
            if (can_x) ImGui::SetScrollX(w, ImClamp(w->Scroll.x + p.PendingScrollX, 0.0f, w->ScrollMax.x));
            break;
        }
        if (!(w->Flags & ImGuiWindowFlags_ChildWindow)) break;
    }
    p.PendingScrollX = p.PendingScrollY = 0;
}

}  // namespace app
