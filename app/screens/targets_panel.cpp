// Targets: one card per chosen action and target group, in priority order: current reach,
// planned additional reach per project year (with the use of the maximum), the priority
// with up/down buttons, and for an IGS the split of the reach over the members.
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

// One line of the split over the governments as it is drawn: a stored entry of the row, or
// a participant of the applicant without one (derived: shown, not stored).
struct SplitLine {
    std::string Member;
    sl::YearCounts Planned{};
};

// The split as drawn: the row's stored entries, then each participant without one. While
// nothing is stored the lead shows the row's whole reach, so that the split adds up from the
// start; the others show 0. Drawing never stores it: the first edit does (StoreSplit).
std::vector<SplitLine> SplitView(const sl::Applicant& a, const sl::ActionRow& row) {
    std::vector<SplitLine> lines;
    for (const sl::MemberReach& r : row.split) lines.push_back({r.member, r.planned});
    std::vector<std::string> keys{sl::government_key(a.lead)};
    for (const sl::LocalGovernment& m : a.members) keys.push_back(sl::government_key(m));
    for (std::size_t k = 0; k < keys.size(); ++k) {
        const bool shown = std::any_of(lines.begin(), lines.end(), [&](const SplitLine& l) { return l.Member == keys[k]; });
        if (keys[k].empty() || shown) continue;
        lines.push_back({keys[k], row.split.empty() && k == 0 ? row.planned : sl::YearCounts{}});
    }
    return lines;
}

// The person changed line `s` of the view: the whole view becomes the row's split (the lines
// after the stored ones are derived and appended in the order shown), then the new value.
void StoreSplit(sl::ActionRow& row, const std::vector<SplitLine>& lines, std::size_t s, int year, sl::Count value) {
    for (std::size_t i = row.split.size(); i < lines.size(); ++i) row.split.push_back({lines[i].Member, lines[i].Planned});
    row.split[s].planned[static_cast<std::size_t>(year)] = value;
}

std::string MemberName(const sl::Applicant& a, const std::string& key) {
    if (sl::government_key(a.lead) == key) return a.lead.name + " (trekker)";
    for (const sl::LocalGovernment& m : a.members)
        if (sl::government_key(m) == key) return m.name;
    return key + " (geen lid)";
}

void DrawSplit(AppState& st, int r) {
    sl::ActionRow& row = st.Plan.rows[static_cast<std::size_t>(r)];
    const std::vector<SplitLine> lines = SplitView(st.Plan.applicant, row);
    const sl::FieldPath split = sl::FieldPath::row(static_cast<std::size_t>(r)).field("split");
    Muted("Verdeling van het extra bereik over de gemeenten; per jaar moet de som gelijk zijn aan het extra bereik.");
    if (lines.size() > row.split.size())
        Muted(row.split.empty() ? "Nog geen verdeling in het plan: de trekker neemt voorlopig het hele extra bereik. "
                                  "De verdeling komt in het plan zodra je een getal wijzigt."
                                : "Gemeenten zonder verdeling tellen voorlopig 0; ze komen in het plan zodra je een "
                                  "getal wijzigt.");
    for (std::size_t s = 0; s < lines.size(); ++s) {
        const sl::FieldPath part = split.at(static_cast<long long>(s));
        const std::string spath = part.str();
        const std::string name = MemberName(st.Plan.applicant, lines[s].Member);
        ImGui::PushID(spath.c_str());
        Label(name);
        FormGrid grid(st, 150, 3);
        for (int y = 0; y < sl::kYearCount; ++y) {
            const int start = sl::kProjectYears[static_cast<std::size_t>(y)];
            const float w = grid.Next();
            FieldLabel(sl::year_label(start), w);
            CountField(st, part.field("planned").at(start).str(), "Extra bereik " + name + " " + sl::year_label(start),
                       lines[s].Planned[static_cast<std::size_t>(y)],
                       [&](sl::Count value) { StoreSplit(row, lines, s, y, value); }, w);
        }
        ImGui::PopID();
    }
}

void DrawRowCard(AppState& st, int r, int shown_index, int row_count) {
    const sl::Catalogue& cat = *st.Catalogue;
    sl::ActionRow& row = st.Plan.rows[static_cast<std::size_t>(r)];
    const sl::FieldPath row_path = sl::FieldPath::row(static_cast<std::size_t>(r));
    const std::string path = row_path.str();
    const auto key = [&](const char* field) { return row_path.field(field).str(); };
    const sl::Action* action = cat.find_action(row.action);
    const sl::TargetGroup* group = sl::find_group_in(sl::governing_calls(cat), row.action, row.target_group);
    const sl::RowBudget* budget =
        r < static_cast<int>(st.Derived.Budget.rows.size()) ? &st.Derived.Budget.rows[static_cast<std::size_t>(r)] : nullptr;

    if (!CardVisible(st, path)) return;
    ImGui::PushID(path.c_str());
    ImGui::PushStyleColor(ImGuiCol_ChildBg, colours::Card);
    ImGui::BeginChild("card", ImVec2(0, 0),
                      ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_Border | ImGuiChildFlags_AlwaysUseWindowPadding);
    MirrorScope card_group(st, AccessibleRole::Group, sl::describe_row(st.Plan, cat, static_cast<std::size_t>(r)), path + ".group");

    // Priority and title.
    const float tw = TouchSize(st);
    if (Button(st, row_path.field("priority").field("up").str(), "\xE2\x96\xB2", ImVec2(tw, 0), Tone::Normal, shown_index > 0)) MovePriority(st, r, -1);
    ImGui::SameLine(0, Px(st, 4));
    if (Button(st, row_path.field("priority").field("down").str(), "\xE2\x96\xBC", ImVec2(tw, 0), Tone::Normal, shown_index + 1 < row_count))
        MovePriority(st, r, +1);
    ImGui::SameLine();
    ImGui::BeginGroup();
    Label("Prioriteit " + (row.priority > 0 ? std::to_string(row.priority) : std::string("-")));
    RecordItem(st, key("priority"));
    Wrapped(ActionLabel(cat, row.action) + " - " + GroupLabel(cat, row.action, row.target_group), colours::Accent);
    ImGui::EndGroup();
    if (action && !action->kpi.empty()) Muted("Telt: " + action->kpi);

    // Reach.
    const bool flat = action && action->funding == sl::FundingKind::flat;
    {
        FormGrid grid(st, 150, 4);
        float w = grid.Next();
        FieldLabel("Huidig bereik", w);
        CountField(st, key("current_reach"), "Huidig bereik zonder Plan Samenleven", row.current_reach, w);
        for (int y = 0; y < sl::kYearCount; ++y) {
            const int start = sl::kProjectYears[static_cast<std::size_t>(y)];
            w = grid.Next();
            FieldLabel((flat ? "Aantal " : "Extra ") + sl::year_label(start), w);
            CountField(st, row_path.field("planned").at(start).str(), "Extra bereik " + sl::year_label(start),
                       row.planned[static_cast<std::size_t>(y)], w);
            if (budget && budget->maximum[static_cast<std::size_t>(y)] > 0) {
                const int use = budget->maximum_use_permille[static_cast<std::size_t>(y)];
                Bar(st, static_cast<float>(use) / 1000.0f,
                    FormatPermille(use) + " van max " +
                        sl::format_count(budget->maximum[static_cast<std::size_t>(y)]),
                    w);
            }
            // "aangenomen": the amount rests on a price or maximum of that year's call that was not found.
            if (budget)
                FieldLabel(sl::format_euro(budget->subsidy[static_cast<std::size_t>(y)]) +
                               (budget->assumed[static_cast<std::size_t>(y)] ? " (aangenomen)" : ""),
                           w);
        }
    }
    if (budget) {
        Wrapped("Subsidie voor deze rij over 3 jaar: " + sl::format_euro(budget->total), colours::Text);
        if (!group && action) Wrapped("Onbekende doelgroep voor deze actie.", colours::Error);
    }

    // Details.
    {
        FormGrid grid(st, 260, 2);
        float w = grid.Next();
        FieldLabel("Activiteiten");
        TextField(st, key("activities"), "Activiteiten", row.activities, w, TextInputKind::LongText);
        w = grid.Next();
        FieldLabel("Partners");
        TextField(st, key("partners"), "Partners", row.partners, w, TextInputKind::LongText);
    }

    if (st.Plan.applicant.kind == sl::ApplicantKind::igs && !st.Plan.applicant.members.empty()) {
        const bool open = st.Ui.ExpandedSplitRow == r;
        if (Button(st, key("split"), open ? "Verdeling per gemeente verbergen" : "Verdeling per gemeente",
                   ImVec2(Px(st, 300), 0)))
            st.Ui.ExpandedSplitRow = open ? -1 : r;
        if (st.Ui.ExpandedSplitRow == r) DrawSplit(st, r);
    }

    if (st.Ui.ConfirmRemoveRow == path) {
        Wrapped("Deze rij uit het plan verwijderen?", colours::Error);
        if (Button(st, key("confirm_remove"), "Ja, verwijderen", ImVec2(Px(st, 180), 0), Tone::Danger)) {
            st.Ui.ConfirmRemoveRow.clear();
            ImGui::EndChild();
            ImGui::PopStyleColor();
            ImGui::PopID();
            RemoveRow(st, r);
            return;
        }
        ImGui::SameLine();
        if (Button(st, key("cancel_remove"), "Annuleren", ImVec2(Px(st, 140), 0))) CloseConfirmation(st);
    } else if (Button(st, key("remove"), "Uit plan verwijderen", ImVec2(Px(st, 220), 0), Tone::Quiet)) {
        st.Ui.ConfirmRemoveRow = path;
        OpenConfirmation(st, key("remove"), key("cancel_remove"));
    }

    ImGui::EndChild();
    ImGui::PopStyleColor();
    RecordItem(st, path);
    CardDrawn(st, path);
    ImGui::PopID();
}

// The envelope ABB granted per project year, for the years whose call grants one: what the
// budget then compares the year's request with. Whole euros; empty while not known.
void DrawEnvelopes(AppState& st) {
    const sl::YearCalls calls = sl::governing_calls(*st.Catalogue);
    if (std::none_of(calls.begin(), calls.end(), [](const sl::Catalogue* c) { return c && c->rules.envelopes; })) return;
    Heading(st, "Enveloppe van ABB");
    Muted("Na de tussentijdse jury kent ABB elke aanvrager per projectjaar een enveloppe toe. Je mag meer vragen, maar nooit "
          "meer dan het plafondbedrag per actie.");
    FormGrid grid(st, 200, 3);
    for (int y = 0; y < sl::kYearCount; ++y) {
        const auto yi = static_cast<std::size_t>(y);
        if (!calls[yi] || !calls[yi]->rules.envelopes) continue;
        const int start = sl::kProjectYears[yi];
        const float w = grid.Next();
        const std::string label = "Enveloppe " + sl::year_label(start) + " (euro)";
        FieldLabel(label, w);
        std::optional<sl::Count>& cents = st.Plan.envelope[yi];
        std::optional<sl::Count> euros = cents ? std::optional<sl::Count>(*cents / 100) : std::nullopt;
        if (OptionalCountField(st, sl::FieldPath::of("envelope_cents").at(start).str(), label, euros, w, "niet gekend")) {
            cents = euros ? std::optional<sl::Count>(*euros * 100) : std::nullopt;
            PlanChanged(st, false);
        }
    }
}

}  // namespace

void DrawTargets(AppState& st) {
    Heading(st, "Doelen per actie en doelgroep");
    Muted("Huidig bereik: wat zonder Plan Samenleven al bereikt wordt. Extra: het bijkomende bereik per projectjaar "
          "(1 oktober - 30 september); alleen dat wordt gesubsidieerd.");
    Muted(CallsLine(*st.Catalogue));
    if (st.Plan.rows.empty()) {
        ImGui::Spacing();
        Wrapped("Nog geen acties gekozen.");
        if (Button(st, "targets.to_actions", "Acties kiezen", ImVec2(Px(st, 200), 0), Tone::Primary))
            SetScreen(st, Screen::Actions);
        return;
    }
    // Cards in priority order (unset priorities last).
    const std::vector<std::size_t> order = sl::priority_order(st.Plan);
    const std::size_t count = order.size();
    for (std::size_t i = 0; i < count && i < st.Plan.rows.size(); ++i) {
        DrawRowCard(st, static_cast<int>(order[i]), static_cast<int>(i), static_cast<int>(count));
        if (st.Plan.rows.size() != count) break;  // a row was removed: the order is stale
        ImGui::Spacing();
    }
    if (Button(st, "targets.to_actions", "+ Actie toevoegen", ImVec2(Px(st, 220), 0))) SetScreen(st, Screen::Actions);
    DrawEnvelopes(st);
}

}  // namespace app
