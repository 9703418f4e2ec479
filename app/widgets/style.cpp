#include "widgets/style.h"

#include <algorithm>
#include <cmath>

namespace app {

void ApplyStyle(float scale) {
    ImGuiStyle style;
    ImGui::StyleColorsLight(&style);
    style.WindowPadding = ImVec2(14, 12);
    style.FramePadding = ImVec2(14, (44.0f - kFontCssPixels) * 0.5f);
    style.ItemSpacing = ImVec2(10, 10);
    style.ItemInnerSpacing = ImVec2(10, 8);
    style.CellPadding = ImVec2(8, 6);
    style.ScrollbarSize = 18;
    style.GrabMinSize = 30;
    style.WindowRounding = 0;
    style.ChildRounding = 6;
    style.FrameRounding = 6;
    style.PopupRounding = 6;
    style.ScrollbarRounding = 8;
    style.FrameBorderSize = 1;
    style.WindowBorderSize = 0;
    style.ChildBorderSize = 1;
    style.TouchExtraPadding = ImVec2(0, 0);
    style.DisabledAlpha = kDisabledAlpha;

    ImVec4* c = style.Colors;
    auto set = [&](ImGuiCol idx, ImU32 colour) { c[idx] = ImGui::ColorConvertU32ToFloat4(colour); };
    set(ImGuiCol_Text, colours::Text);
    set(ImGuiCol_TextDisabled, colours::Muted);
    set(ImGuiCol_WindowBg, colours::Page);
    set(ImGuiCol_ChildBg, colours::Card);
    set(ImGuiCol_PopupBg, colours::Page);
    // Cards' border; buttons and checkboxes push colours::ControlBorder themselves (widgets.cpp).
    set(ImGuiCol_Border, colours::CardBorder);
    set(ImGuiCol_Button, colours::Button);
    set(ImGuiCol_ButtonHovered, colours::ButtonHovered);
    set(ImGuiCol_ButtonActive, colours::ButtonActive);
    set(ImGuiCol_FrameBg, colours::FieldBg);
    set(ImGuiCol_CheckMark, colours::Accent);
    set(ImGuiCol_Separator, colours::Separator);
    set(ImGuiCol_ScrollbarBg, colours::ScrollbarBg);
    set(ImGuiCol_ScrollbarGrab, colours::ControlBorder);
    set(ImGuiCol_ScrollbarGrabHovered, colours::Muted);
    set(ImGuiCol_ScrollbarGrabActive, colours::Muted);
    set(ImGuiCol_TableRowBgAlt, colours::TableRowAlt);
    c[ImGuiCol_Header] = ImVec4(0.88f, 0.92f, 0.97f, 1.00f);
    c[ImGuiCol_HeaderHovered] = ImVec4(0.82f, 0.88f, 0.96f, 1.00f);
    c[ImGuiCol_HeaderActive] = ImVec4(0.74f, 0.82f, 0.92f, 1.00f);
    c[ImGuiCol_ModalWindowDimBg] = ImVec4(0.10f, 0.12f, 0.16f, 0.45f);

    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

//-----------------------------------------------------------------------------
// Contrast (WCAG 2.1, "relative luminance" and "contrast ratio")
//-----------------------------------------------------------------------------

namespace {

float Channel(ImU32 colour, int shift) { return static_cast<float>((colour >> shift) & 0xFF) / 255.0f; }

// sRGB to linear light. WCAG 2.1 writes the threshold as 0.03928, sRGB as 0.04045: no 8-bit
// value lies between them.
float Linear(float c) { return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f); }

}  // namespace

float RelativeLuminance(ImU32 colour) {
    return 0.2126f * Linear(Channel(colour, IM_COL32_R_SHIFT)) + 0.7152f * Linear(Channel(colour, IM_COL32_G_SHIFT)) +
           0.0722f * Linear(Channel(colour, IM_COL32_B_SHIFT));
}

float ContrastRatio(ImU32 a, ImU32 b) {
    const float la = RelativeLuminance(a), lb = RelativeLuminance(b);
    return (std::max(la, lb) + 0.05f) / (std::min(la, lb) + 0.05f);
}

ImU32 Blend(ImU32 over, ImU32 under, float alpha) {
    const float a = alpha * Channel(over, IM_COL32_A_SHIFT);
    auto mix = [&](int shift) {
        return static_cast<ImU32>(std::lround(255.0f * (Channel(over, shift) * a + Channel(under, shift) * (1.0f - a))));
    };
    return IM_COL32(mix(IM_COL32_R_SHIFT), mix(IM_COL32_G_SHIFT), mix(IM_COL32_B_SHIFT), 255);
}

}  // namespace app
