// The budget, always in view next to (landscape) or under (portrait) the screens: the
// Flemish total, the subsidy per project year, own contribution (1:1), cooperation
// stimulus, per objective and per action with the use of each maximum.
#include <algorithm>

#include "imgui.h"

#include "panels.h"
#include "text.h"
#include "widgets.h"

namespace app {

namespace sl = samenleven;

namespace {

void RightAligned(const std::string& text, ImU32 colour = colours::Text) {
    const float w = ImGui::CalcTextSize(text.c_str()).x;
    const float avail = ImGui::GetContentRegionAvail().x;
    if (avail > w) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + avail - w);
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopStyleColor();
}

bool BeginAmounts(const char* id) {
    if (!ImGui::BeginTable(id, 2, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg)) return false;
    ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("amount", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("€ 9.999.999,00").x);
    return true;
}

void AmountRow(const std::string& label, sl::Cents amount, ImU32 colour = colours::Text) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", label.c_str());
    ImGui::TableNextColumn();
    RightAligned(sl::format_euro(amount), colour);
}

}  // namespace

void DrawBudgetPanel(AppState& st) {
    const sl::Budget& b = st.Derived.Budget;
    const sl::Catalogue& cat = *st.Catalogue;

    FieldLabel("Vlaamse subsidie (3 projectjaren)");
    ImGui::SetWindowFontScale(1.6f);
    ImGui::PushStyleColor(ImGuiCol_Text, colours::Accent);
    ImGui::TextUnformatted(sl::format_euro(b.flemish_total).c_str());
    ImGui::PopStyleColor();
    ImGui::SetWindowFontScale(1.0f);
    RecordItem(st, "budget.flemish_total");

    if (BeginAmounts("totals")) {
        AmountRow("Subsidie voor acties", b.subsidy_total);
        RecordItem(st, "budget.subsidy_total");
        AmountRow("Samenwerkingsstimulans", b.stimulus_total);
        RecordItem(st, "budget.stimulus_total");
        AmountRow("Eigen inbreng (min. 1:1)", b.own_contribution);
        RecordItem(st, "budget.own_contribution");
        ImGui::EndTable();
    }
    if (st.Derived.Errors > 0)
        Wrapped(std::to_string(st.Derived.Errors) + (st.Derived.Errors == 1 ? " fout" : " fouten") + " - zie Controle",
                colours::Error);

    ImGui::SeparatorText("Per projectjaar");
    if (BeginAmounts("years")) {
        for (int y = 0; y < sl::kYearCount; ++y) {
            const auto i = static_cast<std::size_t>(y);
            AmountRow(sl::year_label(sl::kProjectYears[i]), b.subsidy_per_year[i] + b.stimulus_per_year[i]);
            RecordItem(st, "budget.year" + std::to_string(sl::kProjectYears[i]));
        }
        ImGui::EndTable();
    }

    ImGui::SeparatorText("Per doelstelling");
    if (BeginAmounts("objectives")) {
        for (const sl::ObjectiveBudget& o : b.objectives)
            if (o.total != 0) AmountRow(ObjectiveLabel(cat, o.objective), o.total);
        ImGui::EndTable();
    }

    ImGui::SeparatorText("Per actie (prioriteit)");
    if (st.Plan.rows.empty()) Muted("Nog geen acties gekozen.");
    for (std::size_t i : sl::priority_order(st.Plan)) {
        if (i >= b.rows.size()) break;
        const sl::ActionRow& row = st.Plan.rows[i];
        const sl::RowBudget& rb = b.rows[i];
        if (BeginAmounts(("row" + std::to_string(i)).c_str())) {
            AmountRow((row.priority > 0 ? std::to_string(row.priority) + ". " : std::string()) + ActionLabel(cat, row.action) +
                          " - " + GroupLabel(cat, row.action, row.target_group),
                      rb.total);
            ImGui::EndTable();
        }
        RecordItem(st, sl::FieldPath::of("budget").field("rows").at(static_cast<long long>(i)).str());
        int use = 0;
        bool has_max = false;
        for (int y = 0; y < sl::kYearCount; ++y)
            if (rb.maximum[static_cast<std::size_t>(y)] > 0) {
                has_max = true;
                use = std::max(use, rb.maximum_use_permille[static_cast<std::size_t>(y)]);
            }
        if (has_max) Bar(st, static_cast<float>(use) / 1000.0f, "maximum " + FormatPermille(use) + " gebruikt");
    }
}

}  // namespace app
