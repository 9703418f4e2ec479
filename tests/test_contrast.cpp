// Contrast of the theme (issue 10, item 4; WCAG 2.1 AA): every text colour at least 4.5:1
// against what it is drawn on (1.4.3), every control's boundary at least 3:1 against what is
// beside it (1.4.11). The formula is checked against ratios worked out by hand first; then the
// table below lists every pair the app draws (app/*.cpp), with the ratio WCAG asks of it.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "imgui.h"

#include "widgets/style.h"

using namespace app;
namespace c = app::colours;

namespace {

constexpr float kText = 4.5f;      // 1.4.3 Contrast (Minimum), normal-size text
constexpr float kBoundary = 3.0f;  // 1.4.11 Non-text Contrast: a control's boundary, a focus ring, a check mark

constexpr ImU32 kWhite = IM_COL32(255, 255, 255, 255);
constexpr ImU32 kBlack = IM_COL32(0, 0, 0, 255);

struct Pair {
    const char* name;
    ImU32 foreground;
    ImU32 background;
    float required;
};

// A disabled control is drawn at kDisabledAlpha over what is behind it, its label again at
// kDisabledAlpha over that (ImGui's BeginDisabled).
ImU32 DisabledFill(ImU32 fill, ImU32 behind) { return Blend(fill, behind, kDisabledAlpha); }
ImU32 DisabledText(ImU32 text, ImU32 fill, ImU32 behind) {
    return Blend(text, DisabledFill(fill, behind), kDisabledAlpha);
}

const Pair kPairs[] = {
    // Text on the page (the content panel) and on cards in it.
    {"text on the page", c::Text, c::Page, kText},
    {"muted label on the page", c::Muted, c::Page, kText},
    {"error text on the page", c::Error, c::Page, kText},
    {"warning text on the page", c::Warning, c::Page, kText},
    {"good text on the page", c::Good, c::Page, kText},
    {"heading (accent) on the page", c::Accent, c::Page, kText},
    {"text on a card", c::Text, c::Card, kText},
    {"muted label on a card", c::Muted, c::Card, kText},
    {"error text on a card", c::Error, c::Card, kText},
    {"warning text on a card", c::Warning, c::Card, kText},
    {"good text on a card", c::Good, c::Card, kText},
    {"accent title on a card", c::Accent, c::Card, kText},
    {"finding's message on its hovered row", c::Text, c::CardHovered, kText},
    {"finding's error head on its hovered row", c::Error, c::CardHovered, kText},
    {"finding's warning head on its hovered row", c::Warning, c::CardHovered, kText},
    // The budget panel, its tables' every other row.
    {"text on the budget panel", c::Text, c::BudgetPanel, kText},
    {"muted label on the budget panel", c::Muted, c::BudgetPanel, kText},
    {"total (accent) on the budget panel", c::Accent, c::BudgetPanel, kText},
    {"error count on the budget panel", c::Error, c::BudgetPanel, kText},
    {"amount on a budget table's other row", c::Text, Blend(c::TableRowAlt, c::BudgetPanel), kText},
    // Banners, the error card, the eligibility card, the conflict card.
    {"error title on the error card", c::Error, c::ErrorBg, kText},
    {"text on the error card", c::Text, c::ErrorBg, kText},
    {"muted text on the error card", c::Muted, c::ErrorBg, kText},
    {"warning title on the warning banner", c::Warning, c::WarningBg, kText},
    {"text on the warning banner", c::Text, c::WarningBg, kText},
    {"muted header on the conflict card", c::Muted, c::WarningBg, kText},
    {"good title on the good banner", c::Good, c::GoodBg, kText},
    {"text on the good banner", c::Text, c::GoodBg, kText},
    {"info title on the info banner", c::Accent, c::InfoBg, kText},
    {"text on the info banner", c::Text, c::InfoBg, kText},
    // The top bar and the notice.
    {"title on the top bar", c::OnAccent, c::Accent, kText},
    {"notice text (its translucent fill over the page)", c::OnAccent, Blend(c::Notice, c::Page), kText},
    // Text fields.
    {"value in a field", c::Text, c::FieldBg, kText},
    {"placeholder in a field", c::Muted, c::FieldBg, kText},
    {"value in a read-only field", c::Muted, c::FieldDisabledBg, kText},
    // Buttons in each tone and state.
    {"label on a button", c::Text, c::Button, kText},
    {"label on a hovered button", c::Text, c::ButtonHovered, kText},
    {"label on a pressed button", c::Text, c::ButtonActive, kText},
    {"label on a selected button", c::Text, c::Selected, kText},
    {"label on a hovered selected button", c::Text, c::SelectedHovered, kText},
    {"label on a primary button", c::OnAccent, c::Accent, kText},
    {"label on a hovered primary button", c::OnAccent, c::PrimaryHovered, kText},
    {"label on a pressed primary button", c::OnAccent, c::PrimaryActive, kText},
    {"label on a danger button", c::OnAccent, c::Error, kText},
    {"\"!\" of a field with an error", c::OnAccent, c::Error, kText},
    {"error marker of a field on the field", c::Error, c::FieldBg, kBoundary},
    {"label on a hovered danger button", c::OnAccent, c::DangerHovered, kText},
    {"label on a pressed danger button", c::OnAccent, c::DangerActive, kText},
    // Bars: the figure is written over the bar, on its fill or its track.
    {"figure on a bar's track", c::Text, c::BarTrack, kText},
    {"figure on a bar's fill", c::Text, c::BarFill, kText},
    {"figure on a full bar", c::Text, c::BarFull, kText},
    {"figure on an exceeded bar", c::Text, c::BarOver, kText},
    // Disabled controls: exempt in WCAG; held to 4.5:1 here all the same.
    {"disabled tab's name on the navigation bar", DisabledText(c::Text, c::Button, c::NavBar),
     DisabledFill(c::Button, c::NavBar), kText},
    {"disabled undo on the top bar", DisabledText(c::Text, c::Button, c::Accent), DisabledFill(c::Button, c::Accent),
     kText},
    {"disabled button's label on the page", DisabledText(c::Text, c::Button, c::Page), DisabledFill(c::Button, c::Page),
     kText},

    // Boundaries. A normal button's fill is close to every light background: its border is
    // the boundary. A primary, danger or top-bar button's fill is its boundary.
    {"field border on the page", c::ControlBorder, c::Page, kBoundary},
    {"field border on a card", c::ControlBorder, c::Card, kBoundary},
    {"button border on the page", c::ControlBorder, c::Page, kBoundary},
    {"button border on a card", c::ControlBorder, c::Card, kBoundary},
    {"tab border on the navigation bar", c::ControlBorder, c::NavBar, kBoundary},
    {"button border on the budget panel", c::ControlBorder, c::BudgetPanel, kBoundary},
    {"button border on the error card", c::ControlBorder, c::ErrorBg, kBoundary},
    {"button border on the conflict card", c::ControlBorder, c::WarningBg, kBoundary},
    {"button border on the good banner", c::ControlBorder, c::GoodBg, kBoundary},
    {"button border on the info banner", c::ControlBorder, c::InfoBg, kBoundary},
    {"checkbox frame on the page", c::ControlBorder, c::Page, kBoundary},
    {"checkbox frame on a card", c::ControlBorder, c::Card, kBoundary},
    {"check mark in its box", c::Accent, c::FieldBg, kBoundary},
    {"scrollbar grab on its track", c::ControlBorder, c::ScrollbarBg, kBoundary},
    {"undo button's fill on the top bar", c::Button, c::Accent, kBoundary},
    {"primary button on the page", c::Accent, c::Page, kBoundary},
    {"primary button on a card", c::Accent, c::Card, kBoundary},
    {"selected tab on the navigation bar", c::Accent, c::NavBar, kBoundary},
    {"primary button on the warning banner", c::Accent, c::WarningBg, kBoundary},
    {"primary button on the good banner", c::Accent, c::GoodBg, kBoundary},
    {"primary button on the info banner", c::Accent, c::InfoBg, kBoundary},
    {"hovered primary button on the page", c::PrimaryHovered, c::Page, kBoundary},
    {"danger button on the page", c::Error, c::Page, kBoundary},
    {"danger button on a card", c::Error, c::Card, kBoundary},
    {"selected button's border on the page", c::Accent, c::Page, kBoundary},
    {"selected button's border on a card", c::Accent, c::Card, kBoundary},
    {"field being edited (accent border) on the page", c::Accent, c::Page, kBoundary},
    {"field being edited (accent border) on a card", c::Accent, c::Card, kBoundary},
    {"invalid field (error border) on the page", c::Error, c::Page, kBoundary},
    {"invalid field (error border) on a card", c::Error, c::Card, kBoundary},
    {"focus ring on the page", c::Focus, c::Page, kBoundary},
    {"focus ring on a card", c::Focus, c::Card, kBoundary},
    {"focus ring on the budget panel", c::Focus, c::BudgetPanel, kBoundary},
    {"focus ring around a field (its white fill)", c::Focus, c::FieldBg, kBoundary},
};

}  // namespace

TEST_CASE("[Contrast] the WCAG formula against ratios worked out by hand") {
    // White: L = 1; black: L = 0; (1 + 0.05) / (0 + 0.05) = 21.
    CHECK(RelativeLuminance(kWhite) == doctest::Approx(1.0));
    CHECK(RelativeLuminance(kBlack) == doctest::Approx(0.0));
    CHECK(ContrastRatio(kBlack, kWhite) == doctest::Approx(21.0));
    CHECK(ContrastRatio(kWhite, kBlack) == doctest::Approx(21.0));  // either order
    CHECK(ContrastRatio(kWhite, kWhite) == doctest::Approx(1.0));
    // #767676: 118 / 255 = 0.46275, ((0.46275 + 0.055) / 1.055)^2.4 = 0.18116;
    // 1.05 / 0.23116 = 4.542, the lightest grey that passes 4.5:1 on white.
    CHECK(RelativeLuminance(IM_COL32(0x76, 0x76, 0x76, 255)) == doctest::Approx(0.18116).epsilon(0.0005));
    CHECK(ContrastRatio(IM_COL32(0x76, 0x76, 0x76, 255), kWhite) == doctest::Approx(4.54).epsilon(0.002));
    CHECK(ContrastRatio(IM_COL32(0x76, 0x76, 0x76, 255), kWhite) >= 4.5f);
    // #777777: 119 / 255 -> 0.18447; 1.05 / 0.23447 = 4.478, just below.
    CHECK(ContrastRatio(IM_COL32(0x77, 0x77, 0x77, 255), kWhite) == doctest::Approx(4.478).epsilon(0.002));
    CHECK(ContrastRatio(IM_COL32(0x77, 0x77, 0x77, 255), kWhite) < 4.5f);
    // Pure red: L = 0.2126 (the red weight); 1.05 / 0.2626 = 3.998.
    CHECK(ContrastRatio(IM_COL32(255, 0, 0, 255), kWhite) == doctest::Approx(3.998).epsilon(0.002));
    // Below the linear threshold: 10 / 255 = 0.039216 -> / 12.92 = 0.0030353 (green weight 0.7152).
    CHECK(RelativeLuminance(IM_COL32(0, 10, 0, 255)) == doctest::Approx(0.7152 * 0.0030353).epsilon(0.001));
    // Blending: black at half opacity on white is 128 (127.5 rounded), alpha of the colour times the argument.
    CHECK(Blend(IM_COL32(0, 0, 0, 255), kWhite, 0.5f) == IM_COL32(128, 128, 128, 255));
    CHECK(Blend(IM_COL32(0, 0, 0, 128), kWhite) == IM_COL32(127, 127, 127, 255));
    CHECK(Blend(IM_COL32(0, 0, 0, 255), kWhite) == kBlack);
}

TEST_CASE("[Contrast] every text and every control boundary of the theme meets WCAG 2.1 AA") {
    int failed = 0;
    for (const Pair& p : kPairs) {
        const float ratio = ContrastRatio(p.foreground, p.background);
        INFO(std::string(p.name) << ": " << ratio << ":1, needs " << p.required << ":1");
        CHECK(ratio >= p.required);
        if (ratio < p.required) ++failed;
    }
    CHECK(failed == 0);
}

TEST_CASE("[Contrast] ImGui's style uses the theme's colours the table checks") {
    ImGui::CreateContext();
    ApplyStyle(2.0f);
    const ImGuiStyle& style = ImGui::GetStyle();
    auto u32 = [&](ImGuiCol idx) { return ImGui::ColorConvertFloat4ToU32(style.Colors[idx]); };
    CHECK(u32(ImGuiCol_Text) == c::Text);
    CHECK(u32(ImGuiCol_WindowBg) == c::Page);
    CHECK(u32(ImGuiCol_ChildBg) == c::Card);
    CHECK(u32(ImGuiCol_FrameBg) == c::FieldBg);
    CHECK(u32(ImGuiCol_Button) == c::Button);
    CHECK(u32(ImGuiCol_ButtonHovered) == c::ButtonHovered);
    CHECK(u32(ImGuiCol_ButtonActive) == c::ButtonActive);
    CHECK(u32(ImGuiCol_CheckMark) == c::Accent);
    CHECK(u32(ImGuiCol_ScrollbarBg) == c::ScrollbarBg);
    CHECK(u32(ImGuiCol_ScrollbarGrab) == c::ControlBorder);
    CHECK(u32(ImGuiCol_TableRowBgAlt) == c::TableRowAlt);
    CHECK(style.DisabledAlpha == doctest::Approx(kDisabledAlpha));
    ImGui::DestroyContext();
}
