// Results after approval: per row and project year the confirmed target, the interim reach
// (31 March, at least 25 % for renewal) and the final reach (30 September); a missed target
// asks for the reason and a recovery plan; the interim jury's verdict as ABB recorded it and,
// from the core's findings, a year the action stops in; progress to the three-year target. A
// plan synced with the server follows the cycle: results only once ABB confirmed the targets,
// which are then read-only, with the report deadlines and the two reports sent through the
// outbox.
#include <algorithm>

#include "imgui.h"

#include "mirror/mirror.h"
#include "screens/panels.h"
#include "text/text.h"
#include "widgets/widgets.h"

namespace app {

namespace sl = samenleven;

namespace {

// "nog 12 dagen", "vandaag", or `past` once the date has gone by.
std::string DaysText(long days, const char* past) {
    if (days == 0) return "vandaag";
    if (days > 0) return "nog " + std::to_string(days) + (days == 1 ? " dag" : " dagen");
    return past;
}

// The report deadlines of each funded project year, with the days left, and the two reports.
void DrawReporting(AppState& st, const sl::Catalogue& cat) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, colours::Card);
    ImGui::BeginChild("reporting", ImVec2(0, 0),
                      ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_Border | ImGuiChildFlags_AlwaysUseWindowPadding);
    Wrapped("Rapporteren aan ABB", colours::Accent);
    const sl::CivilDate today = sl::civil_date_from_unix(st.Host->NowSeconds());
    for (int start : sl::kProjectYears) {
        if (!sl::governs_year(cat, start)) continue;
        const sl::ReportDeadlines d = sl::report_deadlines(start);
        const long interim = sl::days_from(today, d.interim_from), yearly = sl::days_from(today, d.yearly_due);
        Wrapped(sl::year_label(start) + ": tussentijds rapport (bereik op 31 maart) vanaf " + sl::date_label(d.interim_from) +
                    " (" + DaysText(interim, "open") + "); jaarrapport (bereik op 30 september) uiterlijk " +
                    sl::date_label(d.yearly_due) + " (" + DaysText(yearly, "verstreken") + ")",
                yearly < 0 ? colours::Muted : yearly <= 30 ? colours::Warning : colours::Text);
    }
    // Always one line, so that the buttons below stay where the finger expects them when the
    // state changes (a value typed is saved a moment later).
    const PlanSync* ps = OpenPlanSync(st);
    if (HasPending(st.Sync, st.Plan.id, ChangeKind::Results))
        Wrapped(st.Sync.Online ? "Het rapport wordt verstuurd." : "Het rapport wacht op netwerk.", colours::Warning);
    else if ((ps && ps->ResultsUnsent) || st.SaveDue)
        Wrapped("Er zijn resultaten die nog niet ingediend zijn.", colours::Warning);
    else
        Wrapped("Alle ingevulde resultaten zijn ingediend.", colours::Good);
    const float avail = ImGui::GetContentRegionAvail().x;
    const float bw = avail >= Px(st, 560) ? Px(st, 270) : avail;
    if (Button(st, "results.interim", "Tussentijds rapport indienen", ImVec2(bw, 0), Tone::Primary))
        ReportOpenPlanResults(st, ReportKind::Interim);
    if (bw < avail) ImGui::SameLine();
    if (Button(st, "results.yearly", "Jaarrapport indienen", ImVec2(bw, 0), Tone::Primary))
        ReportOpenPlanResults(st, ReportKind::Yearly);
    ImGui::EndChild();
    ImGui::PopStyleColor();
    RecordItem(st, "results.reporting");
}

}  // namespace

void DrawResults(AppState& st) {
    const sl::Catalogue& cat = *st.Catalogue;
    Heading(st, "Resultaten");
    // Synced with the server: the cycle decides; on this device only: everything by hand.
    const bool synced = st.Sync.Settings.Enabled && st.Sync.Plans.count(st.Plan.id) > 0 &&
                        PlanSyncStatus(st.Sync, st.Plan.id) != SyncStatus::LocalOnly;
    const auto cycle = OpenPlanStatus(st);
    const bool confirmed = cycle && sl::status_after(*cycle, sl::PlanStep::report_results).has_value();
    if (synced && !confirmed) {
        Wrapped("De resultaten vul je in nadat ABB de doelen van het plan bevestigde. Dien het plan in bij ABB "
                "(scherm Indienen); na de bevestiging staan de bevestigde doelen hier.");
        return;
    }
    if (synced) {
        Muted("Vul het bereik op 31 maart in (tussentijds, minstens " + std::to_string(cat.rules.interim_threshold_percent) +
              " % van het bevestigde doel voor verlenging) en op 30 september. Doelen moeten over de drie projectjaren "
              "samen gehaald worden.");
        ImGui::Spacing();
        DrawReporting(st, cat);
        ImGui::Spacing();
    } else {
        Muted("Vul na de goedkeuring het bevestigde doel in (leeg: het geplande doel), het bereik op 31 maart "
              "(tussentijds, minstens " + std::to_string(cat.rules.interim_threshold_percent) +
              " % voor verlenging) en op 30 september. Doelen moeten over de drie projectjaren samen gehaald worden.");
    }
    if (st.Plan.rows.empty()) {
        Wrapped("Nog geen acties in het plan.");
        return;
    }
    for (std::size_t r = 0; r < st.Plan.rows.size(); ++r) {
        sl::ActionRow& row = st.Plan.rows[r];
        const sl::FieldPath row_path = sl::FieldPath::row(r);
        const std::string path = row_path.str();
        const std::string card = row_path.field("results").str();
        const sl::RowStatus* status = r < st.Derived.Results.size() ? &st.Derived.Results[r] : nullptr;
        if (!CardVisible(st, card)) {
            ImGui::Spacing();
            continue;
        }
        ImGui::PushID(path.c_str());
        ImGui::PushStyleColor(ImGuiCol_ChildBg, colours::Card);
        ImGui::BeginChild("card", ImVec2(0, 0),
                          ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_Border | ImGuiChildFlags_AlwaysUseWindowPadding);
        MirrorScope card_group(st, AccessibleRole::Group, sl::describe_row(st.Plan, cat, r), card + ".group");
        Wrapped(ActionLabel(cat, row.action) + " - " + GroupLabel(cat, row.action, row.target_group), colours::Accent);

        for (int y = 0; y < sl::kYearCount; ++y) {
            const auto yi = static_cast<std::size_t>(y);
            const int start = sl::kProjectYears[yi];
            if (!sl::governs_year(cat, start)) continue;
            const sl::FieldPath year_path = row_path.field("results").at(start);
            const auto key = [&](const char* field) { return year_path.field(field).str(); };
            sl::YearResult& res = row.results[yi];
            const sl::YearStatus* ys = status ? &status->years[yi] : nullptr;
            ImGui::SeparatorText(sl::year_label(start).c_str());
            {
                FormGrid grid(st, 170, 3);
                float w = grid.Next();
                FieldLabel("Bevestigd doel", w);
                if (synced) {
                    // Confirmed by ABB: shown, not edited here.
                    const sl::Count planned = target(row, y);
                    Label(res.confirmed_target ? sl::format_count(*res.confirmed_target) : std::string("-"));
                    RecordItem(st, key("confirmed_target"));
                    if (res.confirmed_target && *res.confirmed_target != planned)
                        Muted("gevraagd: " + sl::format_count(planned));
                } else {
                    OptionalCountField(st, key("confirmed_target"), "Bevestigd doel " + sl::year_label(start),
                                       res.confirmed_target, w,
                                       ys ? "gepland: " + sl::format_count(target(row, y)) : std::string());
                }
                w = grid.Next();
                FieldLabel("Bereik 31 maart", w);
                OptionalCountField(st, key("interim_reach"), "Tussentijds bereik " + sl::year_label(start),
                                   res.interim_reach, w);
                w = grid.Next();
                FieldLabel("Bereik 30 september", w);
                OptionalCountField(st, key("final_reach"), "Eindbereik " + sl::year_label(start), res.final_reach, w);
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
            // The interim jury's verdict as ABB recorded it: read here, never edited.
            if (res.jury_positive)
                Wrapped(VerdictText(res.jury_positive) + " (tussentijds rapport " + sl::year_label(start) +
                            ", geregistreerd door ABB).",
                        *res.jury_positive ? colours::Good : colours::Warning);
            // Whether the action stops this year, as validation decides it (interim reach, verdict).
            if (const sl::Finding* stop = RenewalFinding(st.Derived.Findings, r, start)) Wrapped(stop->message, colours::Error);
            if (ys->final_reported) {
                if (ys->reached) {
                    Wrapped("Doel gehaald (" + sl::format_count(*res.final_reach) + " van " + sl::format_count(ys->target) + ").",
                            colours::Good);
                } else {
                    Wrapped("Doel niet gehaald: " + sl::format_count(ys->shortfall) + " te weinig.", colours::Error);
                    FieldLabel("Reden");
                    TextField(st, key("reason"), "Reden", res.reason, 0, TextInputKind::LongText);
                    FieldLabel("Inhaalplan");
                    TextField(st, key("recovery_plan"), "Inhaalplan", res.recovery_plan, 0, TextInputKind::LongText);
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
        RecordItem(st, card);
        CardDrawn(st, card);
        ImGui::PopID();
        ImGui::Spacing();
    }
}

}  // namespace app
