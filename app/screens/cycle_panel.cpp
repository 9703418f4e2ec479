// The open plan in the programme's cycle, for the coordinator: the banner that says where it
// stands (sent back with a remark, waiting to be submitted, submitted, confirmed, reported)
// and the "Indienen bij ABB" section of the Indienen screen with its confirmation.
#include <algorithm>

#include "imgui.h"

#include "mirror/mirror.h"
#include "screens/panels.h"
#include "text/text.h"
#include "widgets/widgets.h"

namespace app {

namespace sl = samenleven;

namespace {

std::string When(const AppState& st, const PlanSync& ps) {
    return ps.UpdatedAt.empty() ? std::string() : " op " + ServerTimeText(st, ps.UpdatedAt);
}

}  // namespace

void DrawCycleBanner(AppState& st) {
    const PlanSync* ps = OpenPlanSync(st);
    if (!ps || IsAgency(st.Sync) || ps->Status == SyncStatus::Conflict) return;
    const std::string key = "banner.cycle";
    if (HasPending(st.Sync, st.Plan.id, ChangeKind::Submit)) {
        Banner(st, key, BannerTone::Info, "Wordt ingediend bij ABB",
               st.Sync.Online ? "Het plan wordt nu verstuurd. Het kan niet meer gewijzigd worden."
                              : "Het plan wordt verstuurd zodra er netwerk is; het blijft bewaard op dit toestel. "
                                "Het kan niet meer gewijzigd worden.");
        return;
    }
    const auto status = sl::parse_status(ps->ServerStatus);
    if (!status) return;
    const std::string by = ps->UpdatedBy.empty() ? "" : " door " + ps->UpdatedBy;
    switch (*status) {
        case sl::PlanStatus::draft:
            if (!ps->Remark.empty())
                Banner(st, key, BannerTone::Warning, "Teruggestuurd door ABB" + When(st, *ps) + " met deze opmerking:",
                       "\"" + ps->Remark + "\"\nPas het plan aan en dien het opnieuw in (scherm Indienen).");
            return;
        case sl::PlanStatus::submitted:
            Banner(st, key, BannerTone::Info, "Ingediend bij ABB" + When(st, *ps),
                   "ABB bekijkt het plan en bevestigt de doelen, of stuurt het terug met een opmerking. "
                   "Tot dan kan het plan niet gewijzigd worden.");
            return;
        case sl::PlanStatus::confirmed:
            if (Banner(st, key, BannerTone::Good, "Bevestigd" + by + When(st, *ps),
                       "De bevestigde doelen staan bij Resultaten. Daar rapporteer je het bereik op 31 maart en "
                       "op 30 september.",
                       st.Ui.Current == Screen::Results ? "" : "Naar Resultaten"))
                SetScreen(st, Screen::Results);
            return;
        case sl::PlanStatus::reported:
            if (Banner(st, key, BannerTone::Good, "Resultaten gerapporteerd" + When(st, *ps),
                       "Het plan is bevestigd; nieuwe resultaten rapporteer je bij Resultaten.",
                       st.Ui.Current == Screen::Results ? "" : "Naar Resultaten"))
                SetScreen(st, Screen::Results);
            return;
    }
}

void DrawSubmit(AppState& st) {
    const DerivedState& d = st.Derived;
    const float w = std::min(ImGui::GetContentRegionAvail().x, Px(st, 420));
    ImGui::SeparatorText("Indienen bij ABB");
    if (!st.Sync.Settings.Enabled) {
        Muted("Zet de synchronisatie met de server aan (tab Server) om het plan rechtstreeks bij ABB in te dienen. "
              "Zonder server kan je het indieningsbestand hieronder downloaden.");
        return;
    }
    if (!OpenPlanEditable(st)) {
        const auto status = OpenPlanStatus(st);
        Wrapped(HasPending(st.Sync, st.Plan.id, ChangeKind::Submit)
                    ? "De indiening wacht om verstuurd te worden."
                    : "Het plan is " + std::string(status ? sl::status_label(*status) : "ingediend") + ".",
                colours::Good);
        return;
    }
    if (st.Ui.ConfirmSubmit) {
        ImGui::PushStyleColor(ImGuiCol_ChildBg, colours::Card);
        ImGui::BeginChild("submit.confirm", ImVec2(0, 0),
                          ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_Border | ImGuiChildFlags_AlwaysUseWindowPadding);
        Heading(st, "Plan indienen bij ABB?");
        Wrapped(PlanDisplayTitle(st.Plan) + " (" + st.Plan.applicant.lead.name + "), " +
                std::to_string(st.Plan.rows.size()) + (st.Plan.rows.size() == 1 ? " actie" : " acties") + ".");
        Wrapped("Subsidie voor acties: " + sl::format_euro(d.Budget.subsidy_total));
        Wrapped("Samenwerkingsstimulans: " + sl::format_euro(d.Budget.stimulus_total));
        Wrapped("Totaal Vlaamse subsidie: " + sl::format_euro(d.Budget.flemish_total), colours::Accent);
        Wrapped("Eigen inbreng (minimum): " + sl::format_euro(d.Budget.own_contribution));
        if (d.Warnings > 0)
            Wrapped(std::to_string(d.Warnings) + (d.Warnings == 1 ? " waarschuwing" : " waarschuwingen") +
                        " (zie Controle).",
                    colours::Warning);
        Muted("Na het indienen kan het plan niet meer gewijzigd worden, tenzij ABB het terugstuurt.");
        const float bw = std::min(ImGui::GetContentRegionAvail().x, Px(st, 220));
        if (Button(st, "submit.yes", "Ja, indienen", ImVec2(bw, 0), Tone::Primary)) {
            st.Ui.ConfirmSubmit = false;
            SubmitOpenPlan(st);
        }
        ImGui::SameLine();
        if (Button(st, "submit.cancel", "Annuleren", ImVec2(bw, 0))) CloseConfirmation(st);
        ImGui::EndChild();
        ImGui::PopStyleColor();
        RecordItem(st, "submit.confirm");
        return;
    }
    const bool ready = d.Errors == 0;
    if (Button(st, "submit", "Indienen bij ABB", ImVec2(w, 0), Tone::Primary, ready)) {
        st.Ui.ConfirmSubmit = true;
        OpenConfirmation(st, "submit", "submit.cancel");
    }
    Muted(ready ? "Het plan gaat naar ABB; ook zonder netwerk: het wordt verstuurd zodra er verbinding is."
                : "Los eerst de fouten op (zie Controle).");
}

}  // namespace app
