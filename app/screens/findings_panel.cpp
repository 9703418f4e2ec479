// Findings (controle): every error and warning in Dutch; tapping one opens its field.
#include <algorithm>
#include <optional>

#include "imgui.h"

#include "mirror/mirror.h"
#include "screens/panels.h"
#include "widgets/widgets.h"

namespace app {

namespace sl = samenleven;

void DrawFindings(AppState& st) {
    const DerivedState& d = st.Derived;
    Heading(st, "Controle");
    if (d.Findings.empty()) {
        Wrapped("Geen fouten of waarschuwingen: het plan kan ingediend worden.", colours::Good);
        return;
    }
    Muted(std::to_string(d.Errors) + (d.Errors == 1 ? " fout" : " fouten") + " (moeten opgelost worden) en " +
          std::to_string(d.Warnings) + (d.Warnings == 1 ? " waarschuwing" : " waarschuwingen") +
          ". Tik op een melding om naar het veld te gaan.");
    std::string jump;
    MirrorScope list(st, AccessibleRole::List, "Meldingen", "findings");
    for (std::size_t i = 0; i < d.Findings.size(); ++i) {
        const sl::Finding& f = d.Findings[i];
        const bool error = f.severity == sl::Severity::error;
        const std::string key = "findings[" + std::to_string(i) + "]";
        ImGui::PushID(key.c_str());
        const ImVec2 start = ImGui::GetCursorScreenPos();
        const float w = ImGui::GetContentRegionAvail().x;
        const float pad = Px(st, 12), bar = Px(st, 6);
        // The message wraps inside a tappable card at least one touch target high.
        const float text_w = w - 2 * pad - bar;
        // Where: the field named for a person ("Extra bereik 2022-2023, actie 5 (...)"), not its machine path.
        std::string head = error ? "Fout" : "Waarschuwing";
        if (const std::optional<sl::FieldPath> path = sl::parse_field_path(f.path); path && st.Catalogue)
            head += "  ·  " + sl::describe_path(st.Plan, *st.Catalogue, *path);
        // The head wraps too: a field's name can be long on a phone.
        const ImVec2 head_size = ImGui::CalcTextSize(head.c_str(), nullptr, false, text_w);
        const float msg_y = head_size.y + ImGui::GetFontSize() * 0.3f;
        const ImVec2 msg_size = ImGui::CalcTextSize(f.message.c_str(), nullptr, false, text_w);
        const float h = std::max(TouchSize(st), msg_y + ImGui::GetFontSize() * 0.7f + msg_size.y + pad * 1.5f);
        const bool clicked = ImGui::InvisibleButton("##finding", ImVec2(w, h)) || TakeActivation(st, key);
        const bool hovered = ImGui::IsItemHovered();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(start, ImVec2(start.x + w, start.y + h),
                          hovered ? colours::CardHovered : colours::Card, Px(st, 6));
        dl->AddRectFilled(start, ImVec2(start.x + bar, start.y + h), error ? colours::Error : colours::Warning, Px(st, 6),
                          ImDrawFlags_RoundCornersLeft);
        const float x = start.x + bar + pad;
        dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(x, start.y + pad * 0.6f),
                    error ? colours::Error : colours::Warning, head.c_str(), nullptr, text_w);
        dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(x, start.y + pad * 0.6f + msg_y), colours::Text,
                    f.message.c_str(), nullptr, text_w);
        {
            MirrorScope item(st, AccessibleRole::ListItem, "", key + ".item");
            MirrorItem(st, f.path.empty() ? AccessibleRole::Text : AccessibleRole::Button, key, head + ": " + f.message);
        }
        RecordItem(st, key);
        if (clicked && !f.path.empty()) jump = f.path;
        ImGui::PopID();
    }
    if (!jump.empty()) JumpToPath(st, jump);
}

}  // namespace app
