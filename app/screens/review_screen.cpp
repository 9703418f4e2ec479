// Index
// [SECTION] Alle plannen: every plan with applicant, status, subsidy, findings, last change;
//           a filter by status and a search by name
// [SECTION] Beoordelen: one plan read-only (budget, findings, results, history), the target to
//           confirm per row and project year and the envelope per year, "Bevestigen" or
//           "Terugsturen" with a remark; on a confirmed plan the interim jury's verdict
#include <algorithm>
#include <cctype>

#include "imgui.h"

#include "mirror/mirror.h"
#include "screens/panels.h"
#include "text/text.h"
#include "widgets/widgets.h"

namespace app {

namespace sl = samenleven;

namespace {

std::string Lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

bool Matches(const ServerPlanInfo& p, const ReviewView& rv) {
    if (!rv.StatusFilter.empty() && p.Status != rv.StatusFilter) return false;
    if (rv.Search.empty()) return true;
    const std::string needle = Lower(rv.Search);
    return Lower(p.Title).find(needle) != std::string::npos || Lower(p.Applicant).find(needle) != std::string::npos;
}

// The agency's own step on this plan that still waits to be sent, in words.
std::string PendingText(const AppState& st, const std::string& id) {
    if (!HasPending(st.Sync, id)) return "";
    return st.Sync.Online ? "Wordt verstuurd..." : "Wacht op netwerk: wordt verstuurd zodra er verbinding is.";
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Alle plannen
//-----------------------------------------------------------------------------

void DrawDossiers(AppState& st) {
    ReviewView& rv = st.Review;
    SyncView& ui = st.SyncUi;
    Heading(st, "Alle plannen");
    Muted("Ingediende plannen beoordelen: bevestig per actie en projectjaar het doel, of stuur het plan terug met een "
          "opmerking.");
    ImGui::Spacing();
    // Filter by status: all, then each status of the cycle.
    struct Filter {
        const char* code;
        const char* label;
    };
    const Filter filters[] = {{"", "Alle"}, {"submitted", "Ingediend"}, {"confirmed", "Bevestigd"},
                              {"reported", "Gerapporteerd"}, {"draft", "Werkversie"}};
    // All as wide as the widest, so that the counts line up.
    std::vector<std::string> keys, labels;
    int chosen = -1;
    float widest = 0;
    for (const Filter& f : filters) {
        int count = 0;
        for (const ServerPlanInfo& p : ui.ServerPlans) count += f.code[0] == 0 || p.Status == f.code;
        if (rv.StatusFilter == f.code) chosen = static_cast<int>(keys.size());
        keys.push_back(std::string("dossiers.filter.") + (f.code[0] ? f.code : "all"));
        labels.push_back(std::string(f.label) + " (" + std::to_string(count) + ")");
        widest = std::max(widest, ImGui::CalcTextSize((std::string(f.label) + " (999)").c_str()).x);
    }
    const int tapped = ChoiceRow(st, keys, labels, chosen, widest + 2 * ImGui::GetStyle().FramePadding.x + Px(st, 16));
    if (tapped >= 0) rv.StatusFilter = filters[tapped].code;
    {
        FormGrid grid(st, 260, 2);
        float w = grid.Next();
        FieldLabel("Zoeken op naam van het plan of de aanvrager", w);
        SettingField(st, "dossiers.search", "Zoeken", rv.Search, w, "", "bv. Gent");
        w = grid.Next();
        FieldLabel(ui.InFlight == SyncView::Call::List ? "Lijst wordt opgehaald..." : "Lijst van de server", w);
        if (Button(st, "dossiers.refresh", "Vernieuwen", ImVec2(std::min(w, Px(st, 200)), 0))) SyncNow(st);
    }
    if (!ui.ListError.empty()) Wrapped("Laatste fout: " + ui.ListError, colours::Error);
    ImGui::Spacing();
    if (!ui.ServerPlansLoaded) {
        Muted(st.Sync.Online ? "Plannen worden opgehaald..." : "Offline: de lijst wordt opgehaald zodra er netwerk is.");
        return;
    }
    int shown = 0;
    std::string open_id;
    for (std::size_t i = 0; i < ui.ServerPlans.size(); ++i) {
        const ServerPlanInfo& p = ui.ServerPlans[i];
        if (!Matches(p, rv)) continue;
        ++shown;
        const std::string key = "dossiers[" + std::to_string(i) + "]";
        ImGui::PushID(key.c_str());
        ImGui::PushStyleColor(ImGuiCol_ChildBg, colours::Card);
        ImGui::BeginChild("card", ImVec2(0, 0),
                          ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_Border | ImGuiChildFlags_AlwaysUseWindowPadding);
        const float bw = Px(st, 150), gap = ImGui::GetStyle().ItemSpacing.x;
        const float text_w = ImGui::GetContentRegionAvail().x - bw - gap;
        const ImVec2 start = ImGui::GetCursorScreenPos();
        ImGui::BeginGroup();
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + text_w);
        Wrapped(p.Title.empty() ? p.Id : p.Title, colours::Accent);
        if (!p.Applicant.empty() && p.Applicant != p.Title) Label(p.Applicant);
        Wrapped(StatusText(p.Status) + "  ·  subsidie " + sl::format_euro(p.SubsidyCents) + "  ·  " +
                    std::to_string(p.Errors) + (p.Errors == 1 ? " fout, " : " fouten, ") + std::to_string(p.Warnings) +
                    (p.Warnings == 1 ? " waarschuwing" : " waarschuwingen"),
                p.Errors > 0 ? colours::Error : colours::Text);
        Muted("Laatste wijziging " + (p.UpdatedAt.empty() ? std::string("-") : ServerTimeText(st, p.UpdatedAt)) +
              (p.UpdatedBy.empty() ? "" : " door " + p.UpdatedBy) + ", revisie " + std::to_string(p.Revision));
        if (const std::string pending = PendingText(st, p.Id); !pending.empty()) Wrapped(pending, colours::Warning);
        ImGui::PopTextWrapPos();
        ImGui::EndGroup();
        const float bottom = ImGui::GetItemRectMax().y;
        ImGui::SetCursorScreenPos(ImVec2(start.x + text_w + gap, start.y));
        if (Button(st, key + ".open", "Bekijken", ImVec2(bw, 0), p.Status == "submitted" ? Tone::Primary : Tone::Normal))
            open_id = p.Id;
        ImGui::SetCursorScreenPos(ImVec2(start.x, std::max(bottom, ImGui::GetItemRectMax().y)));
        ImGui::Dummy(ImVec2(0, 0));
        ImGui::EndChild();
        ImGui::PopStyleColor();
        RecordItem(st, key);
        ImGui::PopID();
        ImGui::Spacing();
    }
    if (shown == 0) Muted(ui.ServerPlans.empty() ? "Nog geen plannen op de server." : "Geen plannen die hierbij passen.");
    if (!open_id.empty()) OpenReview(st, open_id);
}

//-----------------------------------------------------------------------------
// [SECTION] Beoordelen
//-----------------------------------------------------------------------------

namespace {

void DrawReviewBudget(AppState& st, const ReviewView& rv) {
    ImGui::SeparatorText("Begroting");
    FormGrid grid(st, 200, 4);
    auto cell = [&](const char* label, sl::Cents value) {
        const float w = grid.Next();
        FieldLabel(label, w);
        Label(sl::format_euro(value));
    };
    cell("Subsidie voor acties", rv.Budget.subsidy_total);
    cell("Samenwerkingsstimulans", rv.Budget.stimulus_total);
    cell("Totaal Vlaamse subsidie", rv.Budget.flemish_total);
    cell("Eigen inbreng (minimum)", rv.Budget.own_contribution);
}

void DrawReviewFindings(const ReviewView& rv) {
    ImGui::SeparatorText("Controle");
    if (rv.Findings.empty()) Wrapped("Geen fouten of waarschuwingen.", colours::Good);
    for (const sl::Finding& f : rv.Findings)
        Wrapped((f.severity == sl::Severity::error ? "Fout: " : "Waarschuwing: ") + f.message,
                f.severity == sl::Severity::error ? colours::Error : colours::Warning);
}

// The envelope ABB grants per project year, for the years whose call grants one: filled in
// with the confirmation (whole euros, prefilled with the plan's), otherwise shown as the plan
// has it.
void DrawReviewEnvelopes(AppState& st, ReviewView& rv, const sl::Catalogue& cat, bool can_confirm) {
    const sl::YearCalls calls = sl::governing_calls(cat);
    if (std::none_of(calls.begin(), calls.end(), [](const sl::Catalogue* c) { return c && c->rules.envelopes; })) return;
    ImGui::SeparatorText("Enveloppe van ABB");
    if (can_confirm)
        Muted("De enveloppe die ABB per projectjaar toekent, in hele euro; ze gaat mee met de bevestiging. Leeg: geen "
              "enveloppe.");
    FormGrid grid(st, 200, 3);
    for (std::size_t y = 0; y < calls.size(); ++y) {
        if (!calls[y] || !calls[y]->rules.envelopes) continue;
        const int start = sl::kProjectYears[y];
        const float w = grid.Next();
        const std::string label = "Enveloppe " + sl::year_label(start) + " (euro)";
        const std::string key = sl::FieldPath::of("review").field("envelope_cents").at(start).str();
        FieldLabel(label, w);
        if (can_confirm) {
            SettingCountField(st, key, label, rv.Envelopes[y], w, "niet gekend");
        } else {
            Label(rv.Plan.envelope[y] ? sl::format_euro(*rv.Plan.envelope[y]) : std::string("niet gekend"));
            RecordItem(st, key);
        }
    }
}

// The interim jury's verdict on row r in project year `start`, whose interim report is in:
// "Jury: positief" and "Jury: negatief" as a choice, and "Oordeel wissen" while one is
// recorded; each sent at once through the outbox (RecordVerdict). Only shown when the plan
// allows it.
void DrawVerdict(AppState& st, ReviewView& rv, const sl::Catalogue& cat, std::size_t r, int start, float w, bool can_record) {
    const std::optional<bool> shown = rv.Verdicts[r][static_cast<std::size_t>(sl::year_index(start))];
    if (!can_record) {
        if (shown) Label(VerdictText(shown));
        return;
    }
    const sl::FieldPath path = sl::FieldPath::of("review").field("rows").at(static_cast<long long>(r)).field("jury").at(start);
    // Names of their own for a screen reader: which year of which row.
    const std::string where = " voor " + sl::year_label(start) + ", " + sl::describe_row(rv.Plan, cat, r);
    const bool positive = ChoiceButton(st, path.field("positive").str(), "Jury: positief", shown == true, ImVec2(w, 0));
    st.Mirror.back().Name = "Jury: positief" + where;
    const bool negative =
        ChoiceButton(st, path.field("negative").str(), "Jury: negatief", shown == false, ImVec2(w, 0), Tone::Danger);
    st.Mirror.back().Name = "Jury: negatief" + where;
    const bool clear = Button(st, path.field("clear").str(), "Oordeel wissen", ImVec2(w, 0), Tone::Quiet, shown.has_value());
    st.Mirror.back().Name = "Oordeel van de jury wissen" + where;
    if (positive && shown != true) RecordVerdict(st, r, start, true);
    else if (negative && shown != false) RecordVerdict(st, r, start, false);
    else if (clear) RecordVerdict(st, r, start, std::nullopt);
}

// Per row: the planned target per project year, the target to confirm (editable while the
// plan can be confirmed), the results the coordinator reported with the jury's verdict on an
// interim report (recorded here while the plan allows it), and a year the action stops in as
// the core's findings say (row.not_renewed).
void DrawReviewTargets(AppState& st, ReviewView& rv, const sl::Catalogue& cat, bool can_confirm, bool can_verdict) {
    ImGui::SeparatorText("Doelen per actie en projectjaar");
    if (rv.Plan.rows.empty()) Muted("Het plan heeft geen acties.");
    const std::vector<sl::RowStatus> results = sl::result_status(rv.Plan, cat);
    for (std::size_t r = 0; r < rv.Plan.rows.size() && r < rv.Targets.size() && r < rv.Verdicts.size(); ++r) {
        const sl::ActionRow& row = rv.Plan.rows[r];
        // The widget keys follow the plan's field paths under "review": review.rows[r].confirmed[2023].
        const sl::FieldPath row_path = sl::FieldPath::of("review").field("rows").at(static_cast<long long>(r));
        const std::string path = row_path.str();
        ImGui::PushID(path.c_str());
        ImGui::PushStyleColor(ImGuiCol_ChildBg, colours::Card);
        ImGui::BeginChild("card", ImVec2(0, 0),
                          ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_Border | ImGuiChildFlags_AlwaysUseWindowPadding);
        // One group per row, and each field named with its row: a screen reader tells the
        // rows' fields apart (as on Doelen).
        const std::string row_name = sl::describe_row(rv.Plan, cat, r);
        MirrorScope card_group(st, AccessibleRole::Group, row_name, path + ".group");
        Wrapped(ActionLabel(cat, row.action) + " - " + GroupLabel(cat, row.action, row.target_group), colours::Accent);
        {
            FormGrid grid(st, 180, 3);  // ends before the card does
            for (int y = 0; y < sl::kYearCount; ++y) {
                const auto yi = static_cast<std::size_t>(y);
                const int start = sl::kProjectYears[yi];
                if (!sl::governs_year(cat, start)) continue;
                const float w = grid.Next();
                ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);  // the cell's lines stay in its column
                const sl::YearResult& res = row.results[yi];
                FieldLabel(sl::year_label(start) + " (gevraagd " + sl::format_count(sl::target(row, y)) + ")", w);
                const std::string key = row_path.field("confirmed").at(start).str();
                if (can_confirm) {
                    SettingCountField(st, key, "Bevestigd doel " + sl::year_label(start) + ", " + row_name, rv.Targets[r][yi], w);
                } else {
                    Label("bevestigd: " + (res.confirmed_target ? sl::format_count(*res.confirmed_target) : std::string("-")));
                    RecordItem(st, key);
                }
                // What the coordinator reported for this year.
                if (res.interim_reach) {
                    const sl::YearStatus& ys = results[r].years[yi];
                    Wrapped("31 maart: " + sl::format_count(*res.interim_reach) +
                                (ys.interim_ok ? " (genoeg voor verlenging)" : " (minder dan 25 %)"),
                            ys.interim_ok ? colours::Good : colours::Warning);
                    DrawVerdict(st, rv, cat, r, start, w, can_verdict);
                }
                if (const sl::Finding* stop = RenewalFinding(rv.Findings, r, start)) Wrapped(stop->message, colours::Error);
                if (res.final_reach) {
                    const sl::YearStatus& ys = results[r].years[yi];
                    Wrapped("30 september: " + sl::format_count(*res.final_reach) +
                                (ys.reached ? " (doel gehaald)" : " (" + sl::format_count(ys.shortfall) + " te weinig)"),
                            ys.reached ? colours::Good : colours::Error);
                    if (!res.reason.empty()) Muted("Reden: " + res.reason);
                    if (!res.recovery_plan.empty()) Muted("Inhaalplan: " + res.recovery_plan);
                }
                ImGui::PopTextWrapPos();
            }
        }
        ImGui::EndChild();
        ImGui::PopStyleColor();
        RecordItem(st, path);
        ImGui::PopID();
        ImGui::Spacing();
    }
}

void DrawReviewHistory(AppState& st, const ReviewView& rv) {
    ImGui::SeparatorText("Geschiedenis");
    if (!rv.HistoryLoaded) {
        Muted("Wordt opgehaald...");
        return;
    }
    for (auto it = rv.History.rbegin(); it != rv.History.rend(); ++it) {
        std::string changed;
        for (std::size_t i = 0; i < it->Changed.size() && i < 6; ++i) changed += (i ? ", " : "") + it->Changed[i];
        if (it->Changed.size() > 6) changed += " en " + std::to_string(it->Changed.size() - 6) + " meer";
        Wrapped("Revisie " + std::to_string(it->Revision) + "  ·  " + ServerTimeText(st, it->CreatedAt) + "  ·  " +
                it->AuthorName + "  ·  " + StatusText(it->Status));
        if (!changed.empty()) Muted("gewijzigd: " + changed);
        if (!it->Remark.empty()) Wrapped("Opmerking: \"" + it->Remark + "\"", colours::Warning);
    }
}

}  // namespace

void DrawReview(AppState& st) {
    ReviewView& rv = st.Review;
    if (!rv.Loaded) {
        Heading(st, "Beoordelen");
        if (!rv.Error.empty()) Wrapped(rv.Error, colours::Error);
        else Muted(st.Sync.Online ? "Plan wordt opgehaald..." : "Offline: het plan wordt opgehaald zodra er netwerk is.");
        return;
    }
    const auto status = sl::parse_status(rv.View.Status);
    Heading(st, PlanDisplayTitle(rv.Plan));
    Wrapped(ApplicantKindLabel(rv.Plan.applicant.kind) + std::string(": ") + rv.Plan.applicant.lead.name +
            (rv.Plan.applicant.lead.nis_code.empty() ? "" : " (NIS " + rv.Plan.applicant.lead.nis_code + ")"));
    Wrapped("Status: " + StatusText(rv.View.Status) + "  ·  revisie " + std::to_string(rv.View.Revision) +
                (rv.View.UpdatedAt.empty() ? "" : "  ·  " + ServerTimeText(st, rv.View.UpdatedAt)) +
                (rv.View.UpdatedBy.empty() ? "" : " door " + rv.View.UpdatedBy),
            colours::Text);
    if (!rv.Plan.contact.name.empty())
        Muted("Contact: " + rv.Plan.contact.name + ", " + rv.Plan.contact.email + ", " + rv.Plan.contact.phone);
    if (!rv.View.Remark.empty()) Wrapped("Teruggestuurd met opmerking: \"" + rv.View.Remark + "\"", colours::Warning);
    if (!rv.Error.empty()) Wrapped("Laatste fout: " + rv.Error, colours::Error);
    const std::string pending = PendingText(st, rv.OpenId);
    if (!pending.empty()) Wrapped(pending, colours::Warning);
    const auto ps = st.Sync.Plans.find(rv.OpenId);
    if (ps != st.Sync.Plans.end() && ps->second.Status == SyncStatus::Failed && !ps->second.LastError.empty())
        Wrapped("Niet aanvaard door de server: " + ps->second.LastError, colours::Error);

    const bool can_confirm = status && sl::status_after(*status, sl::PlanStep::confirm).has_value() && pending.empty();
    const bool can_return = status && sl::status_after(*status, sl::PlanStep::return_to_draft).has_value() && pending.empty();
    // Verdicts queue behind each other (and behind a step on its way): only the status counts.
    const bool can_verdict = status && sl::status_after(*status, sl::PlanStep::record_verdict).has_value();
    const sl::Catalogue* found = sl::find_catalogue(rv.Plan.call);
    const sl::Catalogue& cat = found ? *found : sl::default_catalogue();
    DrawReviewBudget(st, rv);
    DrawReviewEnvelopes(st, rv, cat, can_confirm);
    DrawReviewFindings(rv);
    DrawReviewTargets(st, rv, cat, can_confirm, can_verdict);

    // The decision.
    ImGui::Spacing();
    const float avail = ImGui::GetContentRegionAvail().x;
    const float bw = avail >= Px(st, 480) ? Px(st, 230) : avail;
    if (rv.AskConfirm) {
        Wrapped("De doelen hierboven bevestigen voor " + PlanDisplayTitle(rv.Plan) + "?", colours::Accent);
        if (Button(st, "review.confirm.yes", "Ja, bevestigen", ImVec2(bw, 0), Tone::Primary)) ConfirmReview(st);
        if (bw < avail) ImGui::SameLine();
        if (Button(st, "review.confirm.cancel", "Annuleren", ImVec2(bw, 0))) CloseConfirmation(st);
    } else if (rv.AskReturn) {
        FieldLabel("Opmerking voor de coördinator (verplicht)");
        SettingField(st, "review.remark", "Opmerking voor de coördinator", rv.Remark, 0, "",
                     "wat moet er aangepast worden?");
        if (Button(st, "review.return.yes", "Terugsturen met opmerking", ImVec2(bw, 0), Tone::Danger)) ReturnReview(st);
        if (bw < avail) ImGui::SameLine();
        if (Button(st, "review.return.cancel", "Annuleren", ImVec2(bw, 0))) CloseConfirmation(st);
    } else if (can_confirm || can_return) {
        if (can_confirm && Button(st, "review.confirm", "Bevestigen", ImVec2(bw, 0), Tone::Primary)) {
            rv.AskConfirm = true;
            OpenConfirmation(st, "review.confirm", "review.confirm.cancel");
        }
        if (can_confirm && can_return && bw < avail) ImGui::SameLine();
        if (can_return && Button(st, "review.return", "Terugsturen", ImVec2(bw, 0))) {
            rv.AskReturn = true;
            OpenConfirmation(st, "review.return", "review.remark");
        }
    } else if (status == sl::PlanStatus::draft) {
        Muted("Een werkversie wordt beoordeeld nadat de aanvrager ze indiende.");
    }
    ImGui::Spacing();
    DrawReviewHistory(st, rv);
}

}  // namespace app
