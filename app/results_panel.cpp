// Results after approval: per row and project year the confirmed target, the interim reach
// (31 March, at least 25 % for renewal) and the final reach (30 September); a missed target
// asks for the reason and a recovery plan; progress to the three-year target.
#include "imgui.h"

#include "panels.h"
#include "text.h"
#include "widgets.h"

namespace app {

namespace sl = samenleven;

void DrawResults(AppState& st) {
    const sl::Catalogue& cat = *st.Catalogue;
    Heading(st, "Resultaten");
    Muted("Vul na de goedkeuring het bevestigde doel in (leeg: het geplande doel), het bereik op 31 maart "
          "(tussentijds, minstens " + std::to_string(cat.rules.interim_threshold_percent) +
          " % voor verlenging) en op 30 september. Doelen moeten over de drie projectjaren samen gehaald worden.");
    if (st.Plan.rows.empty()) {
        Wrapped("Nog geen acties in het plan.");
        return;
    }
    for (std::size_t r = 0; r < st.Plan.rows.size(); ++r) {
        sl::ActionRow& row = st.Plan.rows[r];
        const std::string path = "rows[" + std::to_string(r) + "]";
        const sl::RowStatus* status = r < st.Derived.Results.size() ? &st.Derived.Results[r] : nullptr;
        if (!CardVisible(st, path + ".results")) {
            ImGui::Spacing();
            continue;
        }
        ImGui::PushID(path.c_str());
        ImGui::PushStyleColor(ImGuiCol_ChildBg, colours::Card);
        ImGui::BeginChild("card", ImVec2(0, 0),
                          ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_Border | ImGuiChildFlags_AlwaysUseWindowPadding);
        Wrapped(ActionLabel(cat, row.action) + " - " + GroupLabel(cat, row.action, row.target_group), colours::Accent);

        for (int y = 0; y < sl::kYearCount; ++y) {
            const auto yi = static_cast<std::size_t>(y);
            const int start = sl::kProjectYears[yi];
            if (!cat.funds_year(start)) continue;
            const std::string ypath = path + ".results[" + std::to_string(start) + "]";
            sl::YearResult& res = row.results[yi];
            const sl::YearStatus* ys = status ? &status->years[yi] : nullptr;
            ImGui::SeparatorText(sl::year_label(start).c_str());
            {
                FormGrid grid(st, 170, 3);
                float w = grid.Next();
                FieldLabel("Bevestigd doel", w);
                OptionalCountField(st, ypath + ".confirmed_target", "Bevestigd doel " + sl::year_label(start),
                                   res.confirmed_target, w,
                                   ys ? "gepland: " + sl::format_count(target(row, y)) : std::string());
                w = grid.Next();
                FieldLabel("Bereik 31 maart", w);
                OptionalCountField(st, ypath + ".interim_reach", "Tussentijds bereik " + sl::year_label(start),
                                   res.interim_reach, w);
                w = grid.Next();
                FieldLabel("Bereik 30 september", w);
                OptionalCountField(st, ypath + ".final_reach", "Eindbereik " + sl::year_label(start), res.final_reach, w);
            }
            if (!ys) continue;
            if (ys->interim_reported) {
                const sl::Count pct = ys->target > 0 ? *res.interim_reach * 100 / ys->target : 100;
                Wrapped("Tussentijds " + sl::format_count(pct) + " % van het doel: " +
                            (ys->interim_ok ? "genoeg voor verlenging."
                                            : "minder dan " + std::to_string(cat.rules.interim_threshold_percent) +
                                                  " %; verlenging alleen na positief oordeel van de jury."),
                        ys->interim_ok ? colours::Good : colours::Warning);
            }
            if (ys->final_reported) {
                if (ys->reached) {
                    Wrapped("Doel gehaald (" + sl::format_count(*res.final_reach) + " van " + sl::format_count(ys->target) + ").",
                            colours::Good);
                } else {
                    Wrapped("Doel niet gehaald: " + sl::format_count(ys->shortfall) + " te weinig.", colours::Error);
                    FieldLabel("Reden");
                    TextField(st, ypath + ".reason", "Reden", res.reason, 0, TextInputKind::LongText);
                    FieldLabel("Inhaalplan");
                    TextField(st, ypath + ".recovery_plan", "Inhaalplan", res.recovery_plan, 0, TextInputKind::LongText);
                }
            }
        }
        if (status) {
            ImGui::Spacing();
            Bar(st, static_cast<float>(status->progress_permille) / 1000.0f,
                sl::format_count(status->cumulative_reached) + " van " + sl::format_count(status->cumulative_target) +
                    " over 3 jaar");
            if (!status->cumulative_met && status->cumulative_reached > 0)
                Muted("Nog " + sl::format_count(status->cumulative_shortfall) + " te bereiken over de drie projectjaren.");
        }
        ImGui::EndChild();
        ImGui::PopStyleColor();
        RecordItem(st, path + ".results");
        CardDrawn(st, path + ".results");
        ImGui::PopID();
        ImGui::Spacing();
    }
}

}  // namespace app
