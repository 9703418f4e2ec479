// The budget, always in view next to (landscape) or under (portrait) the screens: the
// Flemish total, the subsidy per project year, own contribution (1:1), cooperation
// stimulus, per objective and per action with the use of each maximum.
#include <algorithm>

#include "imgui.h"

#include "mirror/mirror.h"
#include "screens/panels.h"
#include "text/text.h"
#include "widgets/widgets.h"

namespace app {

namespace sl = samenleven;

namespace {

void RightAligned(const std::string& text, ImU32 colour = colours::Text) {
    const float w = ImGui::CalcTextSize(text.c_str()).x;
    const float avail = ImGui::GetContentRegionAvail().x;
    if (avail > w) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + avail - w);
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    Label(text);
    ImGui::PopStyleColor();
}

// A table of amounts; `name` is what a screen reader calls it. Close with EndAmounts.
bool BeginAmounts(AppState& st, const std::string& id, const std::string& name) {
    if (!ImGui::BeginTable(id.c_str(), 2, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg)) return false;
    MirrorBegin(st, AccessibleRole::Table, name, "budget." + id);
    ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("amount", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("€ 9.999.999,00").x);
    return true;
}

void EndAmounts(AppState& st) {
    MirrorEnd(st);
    ImGui::EndTable();
}

// `note` (optional) is a short muted line under the label, e.g. why an amount is 0.
void AmountRow(AppState& st, const std::string& label, sl::Cents amount, ImU32 colour = colours::Text,
               const std::string& note = "") {
    MirrorScope row(st, AccessibleRole::Row, "");
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    MirrorBegin(st, AccessibleRole::Cell, "");
    Wrapped(label);
    if (!note.empty()) Muted(note);
    MirrorEnd(st);
    ImGui::TableNextColumn();
    MirrorBegin(st, AccessibleRole::Cell, "");
    RightAligned(sl::format_euro(amount), colour);
    MirrorEnd(st);
}

}  // namespace

void DrawBudgetPanel(AppState& st) {
    const sl::Budget& b = st.Derived.Budget;
    const sl::Catalogue& cat = *st.Catalogue;

    const char* total_label = "Vlaamse subsidie (3 projectjaren)";
    ImGui::PushStyleColor(ImGuiCol_Text, colours::Muted);
    ImGui::TextUnformatted(total_label);
    ImGui::PopStyleColor();
    ImGui::SetWindowFontScale(1.6f);
    ImGui::PushStyleColor(ImGuiCol_Text, colours::Accent);
    ImGui::TextUnformatted(sl::format_euro(b.flemish_total).c_str());
    ImGui::PopStyleColor();
    ImGui::SetWindowFontScale(1.0f);
    MirrorItem(st, AccessibleRole::Text, "budget.flemish_total", std::string(total_label) + ": " + sl::format_euro(b.flemish_total));
    RecordItem(st, "budget.flemish_total");

    if (BeginAmounts(st, "totals", "Totalen")) {
        AmountRow(st, "Subsidie voor acties", b.subsidy_total);
        RecordItem(st, "budget.subsidy_total");
        AmountRow(st, "Samenwerkingsstimulans", b.stimulus_total, colours::Text, StimulusNote(st.Plan, b, cat));
        RecordItem(st, "budget.stimulus_total");
        AmountRow(st, "Eigen inbreng (min. 1:1)", b.own_contribution);
        RecordItem(st, "budget.own_contribution");
        EndAmounts(st);
    }
    if (st.Derived.Errors > 0)
        Wrapped(std::to_string(st.Derived.Errors) + (st.Derived.Errors == 1 ? " fout" : " fouten") + " - zie Controle",
                colours::Error);

    ImGui::SeparatorText("Per projectjaar");
    const sl::YearCalls calls = sl::governing_calls(cat);
    if (BeginAmounts(st, "years", "Per projectjaar")) {
        for (int y = 0; y < sl::kYearCount; ++y) {
            const auto i = static_cast<std::size_t>(y);
            AmountRow(st, sl::year_label(sl::kProjectYears[i]), b.requested_per_year[i],
                      AboveEnvelope(st.Plan, b, i) ? colours::Error : colours::Text, YearBudgetNote(st.Plan, b, calls, i));
            RecordItem(st, "budget.year" + std::to_string(sl::kProjectYears[i]));
        }
        EndAmounts(st);
    }

    ImGui::SeparatorText("Per doelstelling");
    if (BeginAmounts(st, "objectives", "Per doelstelling")) {
        for (const sl::ObjectiveBudget& o : b.objectives)
            if (o.total != 0) AmountRow(st, ObjectiveLabel(cat, o.objective), o.total);
        EndAmounts(st);
    }

    ImGui::SeparatorText("Per actie (prioriteit)");
    if (st.Plan.rows.empty()) Muted("Nog geen acties gekozen.");
    for (std::size_t i : sl::priority_order(st.Plan)) {
        if (i >= b.rows.size()) break;
        const sl::ActionRow& row = st.Plan.rows[i];
        const sl::RowBudget& rb = b.rows[i];
        const std::string row_label = (row.priority > 0 ? std::to_string(row.priority) + ". " : std::string()) +
                                      ActionLabel(cat, row.action) + " - " + GroupLabel(cat, row.action, row.target_group);
        if (BeginAmounts(st, "row" + std::to_string(i), "Actie " + row_label)) {
            AmountRow(st, row_label, rb.total);
            EndAmounts(st);
        }
        RecordItem(st, sl::FieldPath::of("budget").field("rows").at(static_cast<long long>(i)).str());
        int use = 0;
        bool has_max = false;
        for (int y = 0; y < sl::kYearCount; ++y)
            if (rb.maximum[static_cast<std::size_t>(y)] > 0) {
                has_max = true;
                use = std::max(use, rb.maximum_use_permille[static_cast<std::size_t>(y)]);
            }
        if (has_max)
            Bar(st, static_cast<float>(use) / 1000.0f, "maximum " + FormatPermille(use) + " gebruikt", 0,
                "Gebruik van het maximum, " + row_label);
    }
}

}  // namespace app
