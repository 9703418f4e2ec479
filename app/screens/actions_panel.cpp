// The call's actions by objective: what each counts (KPI), its unit price and maximum per
// target group. Subsidised actions are chosen per target group; the others are shown with
// the reason they cannot be chosen (Action::note).
#include <algorithm>
#include <vector>

#include "imgui.h"

#include "mirror/mirror.h"
#include "screens/panels.h"
#include "state/plan_edit.h"
#include "text/text.h"
#include "widgets/widgets.h"

namespace app {

namespace sl = samenleven;

namespace {

// What one call offers for an action, in a line: "Eenheidsprijs: € 60,00", with the ceiling
// and the values the call assumes marked.
std::string Terms(const sl::Action& a) {
    if (!a.subsidised()) return "niet gesubsidieerd";
    const char* assumed = " (aangenomen)";
    std::string text = (a.funding == sl::FundingKind::flat ? "vast bedrag " : "eenheidsprijs ") + sl::format_euro(a.unit_price) +
                       (a.assumed.unit_price ? assumed : "");
    if (a.ceiling > 0) text += ", plafond " + sl::format_euro(a.ceiling) + (a.assumed.ceiling ? assumed : "");
    return text;
}

// Where a target group exists among a plan's project years, when not in all of them:
// "alleen 2022-2023", "vanaf 2023-2024" (to the last year), or the years listed.
template <class Has>
std::string YearsWhere(const sl::YearCalls& calls, const Has& has) {
    std::vector<int> years;
    int governed = 0, last = 0;
    for (int y = 0; y < sl::kYearCount; ++y) {
        const sl::Catalogue* call = calls[static_cast<std::size_t>(y)];
        if (!call) continue;
        ++governed;
        last = y;
        if (has(*call)) years.push_back(y);
    }
    const auto label = [](int y) { return sl::year_label(sl::kProjectYears[static_cast<std::size_t>(y)]); };
    if (static_cast<int>(years.size()) == governed || years.empty()) return "";
    if (years.size() == 1) return "alleen " + label(years[0]);
    const bool run_to_end = years.back() == last && years.back() - years.front() + 1 == static_cast<int>(years.size());
    if (run_to_end) return "vanaf " + label(years.front());
    std::string text = "alleen ";
    for (std::size_t i = 0; i < years.size(); ++i) text += (i == 0 ? "" : i + 1 == years.size() ? " en " : ", ") + label(years[i]);
    return text;
}

// An action as the plan's calls offer it: its terms per project year (each year is its own
// call; equal terms of consecutive years in one line) and a choice per target group of any
// of those calls, with the years the group exists in when not all.
void DrawAction(AppState& st, const sl::YearCalls& calls, const sl::Action& action) {
    const std::string key = "actions[" + std::to_string(action.number) + "]";
    ImGui::PushID(key.c_str());
    ImGui::BeginGroup();
    ImGui::Spacing();
    std::vector<const sl::Action*> per_year;  // governed years only
    for (const sl::Catalogue* call : calls)
        if (call) per_year.push_back(call->find_action(action.number));
    const bool subsidised = std::any_of(per_year.begin(), per_year.end(), [](const sl::Action* a) { return a && a->subsidised(); });
    Wrapped(std::to_string(action.number) + ". " + action.name, subsidised ? colours::Text : colours::Muted);
    if (!action.kpi.empty() && action.kpi != "-") Muted("Telt: " + action.kpi);
    if (!subsidised) {
        Muted(std::string("Niet te kiezen: ") +
              (action.note.empty() ? std::string("niet gesubsidieerd in deze oproep (") + FundingLabel(action.funding) + ")."
                                   : action.note));
    } else {
        // Terms per year, equal neighbours merged.
        for (int y = 0; y < sl::kYearCount;) {
            const sl::Catalogue* call = calls[static_cast<std::size_t>(y)];
            const sl::Action* a = call ? call->find_action(action.number) : nullptr;
            if (!a) { ++y; continue; }
            const std::string terms = Terms(*a);
            int last = y;
            while (last + 1 < sl::kYearCount && calls[static_cast<std::size_t>(last + 1)] &&
                   calls[static_cast<std::size_t>(last + 1)]->find_action(action.number) &&
                   Terms(*calls[static_cast<std::size_t>(last + 1)]->find_action(action.number)) == terms)
                ++last;
            const std::string years = sl::year_label(sl::kProjectYears[static_cast<std::size_t>(y)]) +
                                      (last > y ? " tot " + sl::year_label(sl::kProjectYears[static_cast<std::size_t>(last)]) : "");
            Muted(years + ": " + terms);
            y = last + 1;
        }
        // The target groups of all the plan's calls, first appearance first.
        std::vector<const sl::TargetGroup*> groups;
        for (const sl::Action* a : per_year)
            if (a && a->subsidised())
                for (const sl::TargetGroup& g : a->target_groups)
                    if (std::none_of(groups.begin(), groups.end(), [&](const sl::TargetGroup* seen) { return seen->code == g.code; }))
                        groups.push_back(&g);
        for (const sl::TargetGroup* group : groups) {
            const sl::TargetGroup& g = *group;
            const int row = FindRow(st.Plan, action.number, g.code);
            const std::string gkey = key + "." + g.code;
            const std::string only = YearsWhere(calls, [&](const sl::Catalogue& call) {
                const sl::Action* a = call.find_action(action.number);
                return a && a->subsidised() && a->find_group(g.code);
            });
            const std::string label = (row >= 0 ? "\xE2\x9C\x93 Gekozen: " : "Kiezen: ") + g.name + "  (max. " +
                                      sl::format_count(g.max_per_application) + " per jaar" +
                                      (only.empty() ? "" : "; " + only) + ")";
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
    const sl::YearCalls calls = sl::governing_calls(cat);
    Heading(st, "Acties");
    Muted("Kies per actie de doelgroepen die het plan bereikt. Het bereik per projectjaar vul je in bij \"Doelen\". "
          "Elk projectjaar valt onder zijn eigen oproep; \"aangenomen\" staat bij een bedrag dat niet gevonden werd.");
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
            if (a.objective == o.number) DrawAction(st, calls, a);
    }
    bool any_unknown = false;
    for (const sl::Action& a : cat.actions)
        if (!cat.find_objective(a.objective)) {
            if (!any_unknown) Heading(st, "Doelstelling niet gekend");
            any_unknown = true;
            DrawAction(st, calls, a);
        }
}

}  // namespace app
