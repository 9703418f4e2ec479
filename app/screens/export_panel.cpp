// Export: the JSON submission, a CSV for spreadsheets and a printable summary.
#include <algorithm>

#include "imgui.h"

#include "state/export.h"
#include "screens/panels.h"
#include "widgets/widgets.h"

namespace app {

namespace sl = samenleven;

namespace {

// Where the plan stands in the cycle, as the exports show it.
ExportCycle CycleOf(const AppState& st) {
    ExportCycle cycle;
    const PlanSync* ps = OpenPlanSync(st);
    const auto status = OpenPlanStatus(st);
    if (!ps || !status) return cycle;
    cycle.Status = sl::status_label(*status);
    if (!ps->UpdatedAt.empty()) cycle.StatusDate = ServerTimeText(st, ps->UpdatedAt);
    cycle.Remark = ps->Remark;
    return cycle;
}

}  // namespace

void DrawExport(AppState& st) {
    const DerivedState& d = st.Derived;
    const sl::Catalogue& cat = *st.Catalogue;
    Heading(st, "Indienen en exporteren");
    if (d.Errors > 0)
        Wrapped("Het plan heeft nog " + std::to_string(d.Errors) + (d.Errors == 1 ? " fout" : " fouten") +
                    ". Je kan het bestand al bewaren als werkversie; los de fouten op voor je indient.",
                colours::Error);
    else
        Wrapped("Het plan is volledig en kan ingediend worden.", colours::Good);
    ImGui::Spacing();
    DrawSubmit(st);
    ImGui::Spacing();
    ImGui::SeparatorText("Bestanden");

    const float w = std::min(ImGui::GetContentRegionAvail().x, Px(st, 420));
    const std::string base = ExportBaseName(st.Plan);
    if (Button(st, "export.json", "Indieningsbestand (JSON) downloaden", ImVec2(w, 0), Tone::Primary))
        st.Host->DownloadFile(base + ".json", "application/json", sl::write_plan_text(st.Plan));
    Muted("Het bestand voor de indiening bij ABB; het kan hier later opnieuw ingelezen worden.");
    ImGui::Spacing();
    if (Button(st, "export.csv", "Tabel voor rekenblad (CSV) downloaden", ImVec2(w, 0)))
        st.Host->DownloadFile(base + ".csv", "text/csv;charset=utf-8", BuildCsv(st.Plan, d.Budget, cat, CycleOf(st)));
    Muted("Puntkomma's en decimale komma, te openen in Excel of LibreOffice.");
    ImGui::Spacing();
    if (Button(st, "export.html", "Overzicht openen om af te drukken", ImVec2(w, 0)))
        st.Host->OpenPage(base + ".html", BuildSummaryHtml(st.Plan, d.Budget, d.Findings, d.Eligibility, cat, CycleOf(st)));
    ImGui::Spacing();
    if (Button(st, "export.copy", "JSON naar klembord kopiëren", ImVec2(w, 0))) {
        st.Host->CopyToClipboard(sl::write_plan_text(st.Plan));
        ShowNotice(st, "Gekopieerd naar het klembord", 3);
    }
}

}  // namespace app
