#include "style.h"

#include "imgui.h"

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

    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = ImVec4(0.10f, 0.13f, 0.18f, 1.00f);
    c[ImGuiCol_TextDisabled] = ImVec4(0.42f, 0.45f, 0.50f, 1.00f);
    c[ImGuiCol_WindowBg] = ImVec4(1.00f, 1.00f, 1.00f, 1.00f);
    c[ImGuiCol_ChildBg] = ImVec4(0.97f, 0.98f, 0.99f, 1.00f);
    c[ImGuiCol_Border] = ImVec4(0.78f, 0.81f, 0.86f, 1.00f);
    c[ImGuiCol_Button] = ImVec4(0.91f, 0.93f, 0.96f, 1.00f);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.84f, 0.89f, 0.95f, 1.00f);
    c[ImGuiCol_ButtonActive] = ImVec4(0.74f, 0.82f, 0.92f, 1.00f);
    c[ImGuiCol_FrameBg] = ImVec4(1.00f, 1.00f, 1.00f, 1.00f);
    c[ImGuiCol_CheckMark] = ImVec4(0.00f, 0.36f, 0.67f, 1.00f);
    c[ImGuiCol_Header] = ImVec4(0.88f, 0.92f, 0.97f, 1.00f);
    c[ImGuiCol_HeaderHovered] = ImVec4(0.82f, 0.88f, 0.96f, 1.00f);
    c[ImGuiCol_HeaderActive] = ImVec4(0.74f, 0.82f, 0.92f, 1.00f);
    c[ImGuiCol_Separator] = ImVec4(0.80f, 0.83f, 0.88f, 1.00f);
    c[ImGuiCol_ScrollbarBg] = ImVec4(0.95f, 0.96f, 0.97f, 1.00f);
    c[ImGuiCol_ScrollbarGrab] = ImVec4(0.70f, 0.74f, 0.80f, 1.00f);
    c[ImGuiCol_ModalWindowDimBg] = ImVec4(0.10f, 0.12f, 0.16f, 0.45f);
    c[ImGuiCol_PopupBg] = ImVec4(1.00f, 1.00f, 1.00f, 1.00f);

    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

}  // namespace app
