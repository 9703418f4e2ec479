// The frame: DrawFrame(AppState&) draws the whole app between ImGui::NewFrame() and
// ImGui::Render(). It knows nothing about where it runs (see platform.h).
#pragma once
#include "state/app_state.h"

namespace app {

void DrawFrame(AppState& st);

}  // namespace app
