// The app's look: a light theme with touch-sized frames, scaled for the screen's pixel density,
// its colours (one place each) and the WCAG contrast between them.
#pragma once

#include "imgui.h"

namespace app {

constexpr float kFontCssPixels = 18.0f;  // body text size in CSS pixels
// A disabled control is drawn at this opacity (ImGui's DisabledAlpha; ImGui's own 0.6 left a
// disabled tab's name at about 4.1:1). WCAG exempts disabled controls; they stay readable anyway.
constexpr float kDisabledAlpha = 0.75f;

// Sets ImGui's style for `scale` framebuffer pixels per CSS pixel (devicePixelRatio).
// Frames (buttons, checkboxes, fields) are 44 CSS pixels high: the smallest touch target.
void ApplyStyle(float scale);

// WCAG 2.1 relative luminance of an sRGB colour (0 black .. 1 white; alpha is ignored).
float RelativeLuminance(ImU32 colour);
// WCAG 2.1 contrast ratio (L1 + 0.05) / (L2 + 0.05) of two opaque colours, 1 to 21, either
// order. AA asks 4.5:1 for text and 3:1 for a control's boundary against what is beside it.
float ContrastRatio(ImU32 a, ImU32 b);
// The opaque colour seen when `over` (its own alpha times `alpha`) is drawn on opaque `under`.
ImU32 Blend(ImU32 over, ImU32 under, float alpha = 1.0f);

// Colours of the theme. Which is drawn on which, and the contrast each pair must have, is the
// table in tests/test_contrast.cpp; app/README.md lists the ratios.
namespace colours {
// Text.
constexpr ImU32 Text = IM_COL32(25, 32, 45, 255);
constexpr ImU32 Muted = IM_COL32(85, 95, 110, 255);     // labels, captions, placeholders
constexpr ImU32 Error = IM_COL32(178, 34, 34, 255);     // also the Danger button's fill
constexpr ImU32 Warning = IM_COL32(160, 95, 0, 255);
constexpr ImU32 Good = IM_COL32(20, 120, 60, 255);
constexpr ImU32 Accent = IM_COL32(0, 92, 170, 255);     // headings; the top bar, Primary buttons, check marks
constexpr ImU32 OnAccent = IM_COL32(255, 255, 255, 255);  // text on Accent, Error and Notice

// Backgrounds.
constexpr ImU32 Page = IM_COL32(255, 255, 255, 255);    // the content panel, windows, popups
constexpr ImU32 Card = IM_COL32(247, 249, 252, 255);    // cards in the content, a finding's row
constexpr ImU32 CardHovered = IM_COL32(236, 242, 250, 255);
constexpr ImU32 NavBar = IM_COL32(230, 236, 244, 255);
constexpr ImU32 NavLine = IM_COL32(200, 208, 220, 255);  // under the navigation (decoration)
constexpr ImU32 BudgetPanel = IM_COL32(241, 245, 250, 255);
constexpr ImU32 ErrorBg = IM_COL32(253, 236, 236, 255);    // the error card, "niet ontvankelijk"
constexpr ImU32 WarningBg = IM_COL32(255, 246, 230, 255);  // warning banner, the conflict card
constexpr ImU32 GoodBg = IM_COL32(232, 246, 236, 255);     // good banner, "ontvankelijk"
constexpr ImU32 InfoBg = IM_COL32(232, 241, 251, 255);     // info banner
constexpr ImU32 Notice = IM_COL32(33, 41, 54, 240);        // the short confirmation at the bottom
constexpr ImU32 TableRowAlt = IM_COL32(77, 77, 77, 23);    // every other row of a table (over its panel)
constexpr ImU32 CardBorder = IM_COL32(199, 207, 219, 255);  // ImGuiCol_Border: cards (decoration, not a control)
constexpr ImU32 Separator = IM_COL32(204, 212, 224, 255);

// Controls.
constexpr ImU32 ControlBorder = IM_COL32(118, 128, 142, 255);  // text fields, buttons, checkboxes, scrollbar grab
constexpr ImU32 Focus = IM_COL32(205, 100, 0, 255);  // the ring around the field a finding jumps to
constexpr ImU32 FieldBg = IM_COL32(255, 255, 255, 255);
constexpr ImU32 FieldDisabledBg = IM_COL32(238, 241, 245, 255);
constexpr ImU32 Button = IM_COL32(232, 237, 245, 255);
constexpr ImU32 ButtonHovered = IM_COL32(214, 227, 242, 255);
constexpr ImU32 ButtonActive = IM_COL32(189, 209, 235, 255);
constexpr ImU32 PrimaryHovered = IM_COL32(0, 110, 200, 255);
constexpr ImU32 PrimaryActive = IM_COL32(0, 70, 140, 255);
constexpr ImU32 DangerHovered = IM_COL32(200, 50, 50, 255);
constexpr ImU32 DangerActive = IM_COL32(140, 20, 20, 255);
constexpr ImU32 Selected = IM_COL32(210, 230, 250, 255);
constexpr ImU32 SelectedHovered = IM_COL32(195, 220, 248, 255);
constexpr ImU32 ScrollbarBg = IM_COL32(242, 245, 247, 255);

// Bars: a value is always written on or beside its bar, so a bar's fill is not the only
// carrier of the figure (no 3:1 asked of it); the text on it is held to 4.5:1.
constexpr ImU32 BarTrack = IM_COL32(225, 230, 238, 255);
constexpr ImU32 BarFill = IM_COL32(140, 185, 232, 255);
constexpr ImU32 BarFull = IM_COL32(244, 190, 90, 255);   // a maximum used exactly
constexpr ImU32 BarOver = IM_COL32(236, 130, 130, 255);  // a maximum exceeded
constexpr ImU32 ChartTrack = IM_COL32(232, 236, 242, 255);
constexpr ImU32 ChartPlanned = IM_COL32(160, 190, 225, 255);  // light: what was planned (reached: Accent)
}  // namespace colours

}  // namespace app
