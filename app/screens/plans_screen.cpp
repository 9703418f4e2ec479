// The plans on this device: new, open, duplicate, import a file, delete with confirmation.
#include "imgui.h"

#include "mirror/mirror.h"
#include "screens/panels.h"
#include "text/text.h"
#include "widgets/widgets.h"

namespace app {

void DrawPlansScreen(AppState& st) {
    Heading(st, "Plannen op dit toestel");
    Muted("Elk plan wordt automatisch bewaard in deze browser, ook zonder internet. "
          "Een ingediend of bewaard JSON-bestand kan hier opnieuw ingelezen worden.");
    ImGui::Spacing();
    if (Button(st, "plans.new", "Nieuw plan", ImVec2(Px(st, 200), 0), Tone::Primary)) NewPlan(st);
    ImGui::SameLine();
    if (Button(st, "plans.import", "Bestand inlezen...", ImVec2(Px(st, 220), 0)))
        st.Host->PickFile(".json,application/json");
    // On a narrow screen the third button goes on the next line.
    const float example_w = Px(st, 240);
    if (ImGui::GetContentRegionAvail().x - ImGui::GetItemRectMax().x + ImGui::GetCursorScreenPos().x > example_w + Px(st, 20))
        ImGui::SameLine();
    if (Button(st, "plans.example", "Voorbeeldplan bekijken", ImVec2(example_w, 0))) OpenExamplePlan(st);
    if (st.PlanOpen) DrawSteps(st);
    ImGui::Spacing();
    ImGui::Separator();

    if (st.StoredPlans.empty()) {
        ImGui::Spacing();
        Muted("Nog geen plannen. Begin met \"Nieuw plan\", of bekijk eerst het voorbeeldplan: het actieplan van de "
              "IGS rond Dendermonde, als kopie op dit toestel, ook zonder internet.");
        return;
    }
    std::string open_id, duplicate_id, delete_id;
    for (std::size_t i = 0; i < st.StoredPlans.size(); ++i) {
        const StoredPlanInfo& info = st.StoredPlans[i];
        const std::string key = "plans[" + std::to_string(i) + "]";
        ImGui::PushID(key.c_str());
        ImGui::Spacing();
        const bool is_open = st.PlanOpen && st.Plan.id == info.Id;
        Label((info.Title + (is_open ? "  (geopend)" : "")));
        // Two plans with the same title told apart: who applies and when it last changed here.
        if (info.Error.empty())
            Muted("Aanvrager: " + (info.Applicant.empty() ? std::string("nog niet ingevuld") : info.Applicant) +
                  (info.SavedAt > 0 ? "  ·  laatst gewijzigd " + LocalTimeText(st, info.SavedAt) : std::string()));
        if (const auto ps = st.Sync.Plans.find(info.Id); ps != st.Sync.Plans.end() && !ps->second.ServerStatus.empty())
            Muted("Bij ABB: " + StatusText(ps->second.ServerStatus));
        if (!info.Error.empty()) Wrapped("Kan niet gelezen worden: " + info.Error, colours::Error);

        if (st.Ui.ConfirmDeleteId == info.Id) {
            Wrapped("\"" + info.Title + "\" definitief verwijderen van dit toestel?", colours::Error);
            if (const int waiting = PendingCount(st.Sync, info.Id); waiting > 0)
                Wrapped(std::to_string(waiting) + (waiting == 1 ? " wijziging wacht" : " wijzigingen wachten") +
                            " nog om naar de server te gaan; die worden ook geschrapt.",
                        colours::Error);
            if (Button(st, key + ".confirm_delete", "Ja, verwijderen", ImVec2(Px(st, 180), 0), Tone::Danger))
                delete_id = info.Id;
            ImGui::SameLine();
            if (Button(st, key + ".cancel_delete", "Annuleren", ImVec2(Px(st, 140), 0))) CloseConfirmation(st);
        } else {
            if (info.Error.empty()) {
                if (Button(st, key + ".open", "Openen", ImVec2(Px(st, 120), 0), Tone::Primary)) open_id = info.Id;
                ImGui::SameLine();
                if (Button(st, key + ".duplicate", "Dupliceren", ImVec2(Px(st, 140), 0))) duplicate_id = info.Id;
                ImGui::SameLine();
            }
            if (Button(st, key + ".delete", "Verwijderen", ImVec2(Px(st, 140), 0))) {
                st.Ui.ConfirmDeleteId = info.Id;
                OpenConfirmation(st, key + ".delete", key + ".cancel_delete");
            }
        }
        ImGui::Spacing();
        ImGui::Separator();
        ImGui::PopID();
    }
    // Act after the loop: these change st.StoredPlans.
    if (!open_id.empty()) OpenPlan(st, open_id);
    if (!duplicate_id.empty()) DuplicatePlan(st, duplicate_id);
    if (!delete_id.empty()) {
        DeletePlan(st, delete_id);
        st.Ui.ConfirmDeleteId.clear();
        RequestFocus(st, "plans.new");
    }
}

}  // namespace app
