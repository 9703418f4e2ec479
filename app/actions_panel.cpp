// The call's actions by objective: what each counts (KPI), its unit price and maximum per
// target group. Subsidised actions are chosen per target group; the others are shown with
// the reason they cannot be chosen (Action::note).
#include "imgui.h"

#include "mirror.h"
#include "panels.h"
#include "plan_edit.h"
#include "text.h"
#include "widgets.h"

namespace app {

namespace sl = samenleven;

namespace {

void DrawAction(AppState& st, const sl::Action& action) {
    const std::string key = "actions[" + std::to_string(action.number) + "]";
    ImGui::PushID(key.c_str());
    ImGui::BeginGroup();
    ImGui::Spacing();
    const bool subsidised = action.subsidised();
    Wrapped(std::to_string(action.number) + ". " + action.name, subsidised ? colours::Text : colours::Muted);
    if (!action.kpi.empty() && action.kpi != "-") Muted("Telt: " + action.kpi);
    if (!subsidised) {
        Muted(std::string("Niet te kiezen: ") +
              (action.note.empty() ? std::string("niet gesubsidieerd in deze oproep (") + FundingLabel(action.funding) + ")."
                                   : action.note));
    } else {
        Muted(action.funding == sl::FundingKind::flat ? "Vast bedrag: " + sl::format_euro(action.unit_price)
                                                      : "Eenheidsprijs: " + sl::format_euro(action.unit_price));
        for (const sl::TargetGroup& g : action.target_groups) {
            const int row = FindRow(st.Plan, action.number, g.code);
            const std::string gkey = key + "." + g.code;
            const std::string label = (row >= 0 ? "\xE2\x9C\x93 Gekozen: " : "Kiezen: ") + g.name + "  (max. " +
                                      sl::format_count(g.max_per_application) + " per jaar)";
            if (st.Ui.ConfirmRemoveRow == gkey) {
                Wrapped("Deze rij heeft al cijfers. Toch verwijderen uit het plan?", colours::Error);
                if (Button(st, gkey + ".confirm_remove", "Ja, verwijderen", ImVec2(Px(st, 180), 0), Tone::Danger)) {
                    RemoveRow(st, row);
                    st.Ui.ConfirmRemoveRow.clear();
                    RequestFocus(st, gkey);
                }
                ImGui::SameLine();
                if (Button(st, gkey + ".cancel_remove", "Annuleren", ImVec2(Px(st, 140), 0))) CloseConfirmation(st);
                continue;
            }
            if (ChoiceButton(st, gkey, label, row >= 0, ImVec2(-FLT_MIN, 0), Tone::Selected)) {
                if (row < 0) AddRow(st, action.number, g.code);
                else if (RowHasData(st.Plan.rows[static_cast<std::size_t>(row)])) {
                    st.Ui.ConfirmRemoveRow = gkey;
                    OpenConfirmation(st, gkey, gkey + ".cancel_remove");
                }
                else RemoveRow(st, row);
            }
        }
    }
    ImGui::Spacing();
    ImGui::EndGroup();
    RecordItem(st, key);
    ImGui::Separator();
    ImGui::PopID();
}

}  // namespace

void DrawActions(AppState& st) {
    const sl::Catalogue& cat = *st.Catalogue;
    Heading(st, "Acties van oproep " + cat.call);
    Muted("Kies per actie de doelgroepen die het plan bereikt. Het bereik per projectjaar vul je in bij \"Doelen\".");
    // Jump to an objective.
    FieldLabel("Naar doelstelling");
    {
        FormGrid grid(st, 48, 8);
        for (const sl::Objective& o : cat.objectives) {
            const float w = grid.Next();
            const std::string key = "objectives[" + std::to_string(o.number) + "]";
            if (Button(st, key + ".jump", std::to_string(o.number), ImVec2(w, 0))) {
                st.Ui.FocusPath = key;
                st.Ui.FocusScrollDone = false;
                st.Ui.FocusUntil = 0;  // scroll only, no highlight
            }
        }
    }
    for (const sl::Objective& o : cat.objectives) {
        Heading(st, "Doelstelling " + std::to_string(o.number) + ": " + o.name);
        RecordItem(st, "objectives[" + std::to_string(o.number) + "]");
        if (!o.description.empty()) Muted(o.description);
        ImGui::Separator();
        for (const sl::Action& a : cat.actions)
            if (a.objective == o.number) DrawAction(st, a);
    }
    bool any_unknown = false;
    for (const sl::Action& a : cat.actions)
        if (!cat.find_objective(a.objective)) {
            if (!any_unknown) Heading(st, "Doelstelling niet gekend");
            any_unknown = true;
            DrawAction(st, a);
        }
}

}  // namespace app
