// The app's look: a light theme with touch-sized frames, scaled for the screen's pixel density.
#pragma once

namespace app {

constexpr float kFontCssPixels = 18.0f;  // body text size in CSS pixels

// Sets ImGui's style for `scale` framebuffer pixels per CSS pixel (devicePixelRatio).
// Frames (buttons, checkboxes, fields) are 44 CSS pixels high: the smallest touch target.
void ApplyStyle(float scale);

}  // namespace app
