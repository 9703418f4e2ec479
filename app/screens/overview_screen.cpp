// Index
// [SECTION] Bars
// [SECTION] Overzicht: Flanders in figures per headline, objective and action, planned against
//           reached, with filters (year, drafts, objective), a drill-down to the plans behind a
//           figure and a CSV export
// [SECTION] Toewijzing: a year's budget allocated by priority, per applicant and row, and its CSV
#include <algorithm>

#include "imgui.h"

#include "state/export.h"
#include "mirror/mirror.h"
#include "screens/panels.h"
#include "text/text.h"
#include "widgets/widgets.h"

namespace app {

namespace sl = samenleven;

namespace {

constexpr ImU32 kPlannedColour = colours::ChartPlanned;  // light: what was planned
constexpr ImU32 kReachedColour = colours::Accent;        // the accent: what was reached

//-----------------------------------------------------------------------------
// [SECTION] Bars
//-----------------------------------------------------------------------------

// A labelled horizontal bar: `caption` on the left, the bar, `value` on the right in a column
// as wide as the chart's widest value (`widest`), so that the bars of one chart have one
// length. The fraction is of the largest value in its chart, so bars of one chart compare.
void ChartBar(AppState& st, const std::string& caption, double fraction, ImU32 colour, const std::string& value,
              const std::string& widest) {
    const float width = ImGui::GetContentRegionAvail().x;
    const float caption_w = std::min(Px(st, 110), width * 0.3f);
    const float value_w = std::min(ImGui::CalcTextSize(widest.c_str()).x + Px(st, 12), width * 0.45f);
    const float h = ImGui::GetFontSize() + Px(st, 8);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float bar_x = p.x + caption_w, bar_w = width - caption_w - value_w - Px(st, 8);
    const float text_y = p.y + (h - ImGui::GetFontSize()) * 0.5f;
    dl->AddText(ImVec2(p.x, text_y), colours::Muted, FitText(caption, caption_w - Px(st, 6)).c_str());
    dl->AddRectFilled(ImVec2(bar_x, p.y + Px(st, 3)), ImVec2(bar_x + bar_w, p.y + h - Px(st, 3)), colours::ChartTrack,
                      Px(st, 3));
    const float filled = bar_w * static_cast<float>(std::clamp(fraction, 0.0, 1.0));
    if (filled > 0)
        dl->AddRectFilled(ImVec2(bar_x, p.y + Px(st, 3)), ImVec2(bar_x + std::max(filled, Px(st, 2)), p.y + h - Px(st, 3)),
                          colour, Px(st, 3));
    const float value_text_w = ImGui::CalcTextSize(value.c_str()).x;
    dl->AddText(ImVec2(p.x + width - value_text_w, text_y), colours::Text, value.c_str());
    ImGui::Dummy(ImVec2(width, h));
    MirrorItem(st, AccessibleRole::Text, "", caption + ": " + value);
}

double Fraction(long long value, long long largest) {
    return largest > 0 ? static_cast<double>(value) / static_cast<double>(largest) : 0.0;
}

std::string YearText(int year) { return year == 0 ? "alle projectjaren" : sl::year_label(year); }

// What a view shows when it is the device's copy: "Offline: de cijfers zoals opgehaald op
// 27-11-2026 om 09:20." (online, until the server answers: "Bewaard op dit toestel: ...").
void KeptLine(const AppState& st, const std::string& what, double saved_at) {
    if (saved_at <= 0) return;
    Muted((st.Sync.Online ? "Bewaard op dit toestel: " : "Offline: ") + what + " " + LocalTimeText(st, saved_at) + ".");
}

std::string PlansText(int plans) { return std::to_string(plans) + (plans == 1 ? " plan" : " plannen"); }

// A row of choices of a filter, keyed "<key>[i]": `changed` when another one is tapped.
template <class Choice>
void ChoiceRow(AppState& st, const std::string& key, const std::vector<std::pair<Choice, std::string>>& choices,
               Choice& chosen, bool& changed) {
    std::vector<std::string> keys, labels;
    int index = -1;
    for (std::size_t i = 0; i < choices.size(); ++i) {
        keys.push_back(key + "[" + std::to_string(i) + "]");
        labels.push_back(choices[i].second);
        if (choices[i].first == chosen) index = static_cast<int>(i);
    }
    const int tapped = ChoiceRow(st, keys, labels, index);
    if (tapped >= 0 && tapped != index) {
        chosen = choices[static_cast<std::size_t>(tapped)].first;
        changed = true;
    }
}

// The plans behind the chosen figure, under it.
void DrawFigurePlans(AppState& st) {
    OverviewView& ov = st.Overview;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, colours::Card);
    ImGui::BeginChild("figure_plans", ImVec2(0, 0),
                      ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_Border | ImGuiChildFlags_AlwaysUseWindowPadding);
    Wrapped("Plannen achter \"" + ov.DrillLabel + "\" (" + YearText(ov.Year) + ")", colours::Accent);
    std::string open_id;
    if (ov.DrillLoaded) KeptLine(st, "de plannen zoals opgehaald op", ov.DrillSavedAt);
    if (!ov.DrillLoaded) {
        Muted(st.Sync.Online ? "Wordt opgehaald..." : "Offline: wordt opgehaald zodra er netwerk is.");
    } else if (ov.DrillPlans.empty()) {
        Muted("Geen plannen dragen bij aan dit cijfer.");
    }
    const std::size_t shown = std::min<std::size_t>(ov.DrillPlans.size(), 60);
    for (std::size_t i = 0; i < shown; ++i) {
        const FigurePlan& p = ov.DrillPlans[i];
        const std::string key = "overview.plans[" + std::to_string(i) + "]";
        ImGui::Separator();
        const float bw = Px(st, 130), gap = ImGui::GetStyle().ItemSpacing.x;
        const float text_w = ImGui::GetContentRegionAvail().x - bw - gap;
        const ImVec2 start = ImGui::GetCursorScreenPos();
        ImGui::BeginGroup();
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + text_w);
        Wrapped((p.Title.empty() ? p.Id : p.Title));
        Muted((p.Applicant.empty() ? "" : p.Applicant + "  ·  ") + StatusText(p.Status) + "  ·  bereikt " +
              sl::format_count(p.Reached) + " van " + sl::format_count(p.Planned) + " gepland  ·  " +
              sl::format_euro(p.SubsidyCents));
        ImGui::PopTextWrapPos();
        ImGui::EndGroup();
        const float bottom = ImGui::GetItemRectMax().y;
        ImGui::SetCursorScreenPos(ImVec2(start.x + text_w + gap, start.y));
        if (Button(st, key + ".open", "Bekijken", ImVec2(bw, 0))) open_id = p.Id;
        ImGui::SetCursorScreenPos(ImVec2(start.x, std::max(bottom, ImGui::GetItemRectMax().y)));
        ImGui::Dummy(ImVec2(0, 0));
    }
    if (ov.DrillPlans.size() > shown)
        Muted("En nog " + std::to_string(ov.DrillPlans.size() - shown) + " plannen met een kleinere bijdrage.");
    if (Button(st, "overview.plans.close", "Sluiten", ImVec2(Px(st, 140), 0))) ov.DrillKind.clear();
    ImGui::EndChild();
    ImGui::PopStyleColor();
    RecordItem(st, "overview.plans");
    if (!open_id.empty()) OpenReview(st, open_id);
}

// One figure with its planned and reached bars (or its subsidy), a tap opens its plans.
void DrawFigure(AppState& st, const std::string& kind, const std::string& key, const Figure& f, long long largest,
                bool money) {
    OverviewView& ov = st.Overview;
    const std::string widget = "overview." + kind + "." + key;
    const bool chosen = ov.DrillKind == kind && ov.DrillKey == key;
    ImGui::PushID(widget.c_str());
    const float bw = ImGui::CalcTextSize("999 plannen").x + 2 * ImGui::GetStyle().FramePadding.x + Px(st, 12);
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float avail = ImGui::GetContentRegionAvail().x;
    const ImVec2 start = ImGui::GetCursorScreenPos();
    ImGui::BeginGroup();
    ImGui::PushItemWidth(avail - bw - gap);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + avail - bw - gap);
    Wrapped(f.Label);
    Muted("in " + PlansText(f.Totals.Plans) + ", " + std::to_string(f.Totals.Governments) +
          (f.Totals.Governments == 1 ? " bestuur" : " besturen"));
    ImGui::PopTextWrapPos();
    ImGui::BeginChild("bars", ImVec2(avail - bw - gap, 0), ImGuiChildFlags_AutoResizeY);
    if (money) {
        ChartBar(st, "subsidie", Fraction(f.Totals.SubsidyCents, largest), kReachedColour, sl::format_euro(f.Totals.SubsidyCents),
                 sl::format_euro(largest));
    } else {
        const std::string widest = sl::format_count(largest);
        ChartBar(st, "gepland", Fraction(f.Totals.Planned, largest), kPlannedColour, sl::format_count(f.Totals.Planned), widest);
        ChartBar(st, "bereikt", Fraction(f.Totals.Reached, largest), kReachedColour, sl::format_count(f.Totals.Reached), widest);
    }
    ImGui::EndChild();
    ImGui::PopItemWidth();
    ImGui::EndGroup();
    RecordItem(st, widget);
    const float bottom = ImGui::GetItemRectMax().y;
    ImGui::SetCursorScreenPos(ImVec2(start.x + avail - bw, start.y));
    if (ChoiceButton(st, widget + ".plans", PlansText(f.Totals.Plans), chosen, ImVec2(bw, 0))) {
        if (chosen) ov.DrillKind.clear();
        else ChooseFigure(st, kind, key, f.Label);
    }
    ImGui::SetCursorScreenPos(ImVec2(start.x, std::max(bottom, ImGui::GetItemRectMax().y) + Px(st, 4)));
    ImGui::Dummy(ImVec2(0, 0));
    ImGui::PopID();
    if (chosen) DrawFigurePlans(st);
    ImGui::Spacing();
}

// Subsidies share one scale over the chart (the same unit); a headline's two bars share the
// headline's own scale (headlines count different things: action plans, people, families).
template <class Key>
void DrawChart(AppState& st, const std::string& kind, const std::vector<Figure>& figures, Key key_of, bool money) {
    long long largest_subsidy = 0;
    for (const Figure& f : figures) largest_subsidy = std::max(largest_subsidy, f.Totals.SubsidyCents);
    int drawn = 0;
    for (const Figure& f : figures) {
        if (money ? f.Totals.SubsidyCents == 0 : f.Totals.Planned == 0 && f.Totals.Reached == 0) continue;
        DrawFigure(st, kind, key_of(f), f, money ? largest_subsidy : std::max(f.Totals.Planned, f.Totals.Reached), money);
        ++drawn;
    }
    if (drawn == 0) Muted("Geen cijfers voor deze keuze.");
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Overzicht
//-----------------------------------------------------------------------------

void DrawOverview(AppState& st) {
    OverviewView& ov = st.Overview;
    const sl::Catalogue& cat = sl::default_catalogue();
    Heading(st, "Vlaanderen in cijfers");
    Muted("Alle plannen samen, in de vorm van de gepubliceerde cijfers: gepland en bereikt per projectjaar. "
          "Tik op het aantal plannen naast een cijfer om de plannen erachter te zien.");
    ImGui::Spacing();
    bool changed = false;
    std::vector<std::pair<int, std::string>> years;
    for (int y : sl::kProjectYears)
        if (sl::governs_year(cat, y)) years.emplace_back(y, sl::year_label(y));
    years.emplace_back(0, "Alle jaren");
    ChoiceRow(st, "overview.year", years, ov.Year, changed);
    std::vector<std::pair<int, std::string>> objectives{{0, "Alle doelstellingen"}};
    for (const sl::Objective& o : cat.objectives) objectives.emplace_back(o.number, ObjectiveLabel(cat, o.number));
    ChoiceRow(st, "overview.objective", objectives, ov.Objective, changed);
    std::vector<std::pair<bool, std::string>> drafts{{false, "Ingediende plannen"}, {true, "Met werkversies"}};
    ChoiceRow(st, "overview.drafts", drafts, ov.IncludeDrafts, changed);
    if (changed) ov.Want = true;

    const float bw = std::min(ImGui::GetContentRegionAvail().x, Px(st, 220));
    if (Button(st, "overview.refresh", "Vernieuwen", ImVec2(bw, 0))) ov.Want = true;
    ImGui::SameLine();
    if (Button(st, "overview.csv", "Overzicht als CSV", ImVec2(bw, 0), Tone::Normal, ov.Loaded))
        st.Host->DownloadFile("plan-samenleven-overzicht-" + (ov.Year ? std::to_string(ov.Year) : std::string("alle-jaren")) + ".csv",
                              "text/csv;charset=utf-8",
                              BuildOverviewCsv(ov.Data, YearText(ov.Year), ov.IncludeDrafts,
                                               ov.Objective ? ObjectiveLabel(cat, ov.Objective) : std::string()));
    if (!ov.Error.empty()) Wrapped("Laatste fout: " + ov.Error, colours::Error);
    if (ov.Loaded) KeptLine(st, "de cijfers zoals opgehaald op", ov.SavedAt);
    if (!ov.Loaded) {
        Muted(st.Sync.Online ? "Cijfers worden opgehaald..." : "Offline: de cijfers worden opgehaald zodra er netwerk is.");
        return;
    }
    const OverviewData& d = ov.Data;
    ImGui::Spacing();
    Wrapped(PlansText(d.Plans) + "  ·  " + std::to_string(d.Governments) +
                " lokale besturen  ·  Vlaamse subsidie " + sl::format_euro(d.FlemishCents) + "  ·  " + YearText(ov.Year),
            colours::Text);
    RecordItem(st, "overview.summary");
    for (const std::string& finding : d.Findings) Wrapped(finding, colours::Warning);

    ImGui::SeparatorText("Kerncijfers: bereikt tegenover gepland");
    DrawChart(st, "headline", d.Headlines, [](const Figure& f) { return f.Code; }, false);
    ImGui::SeparatorText("Subsidie per doelstelling");
    DrawChart(st, "objective", d.Objectives, [](const Figure& f) { return std::to_string(f.Number); }, true);
    ImGui::SeparatorText("Subsidie per actie");
    DrawChart(st, "action", d.Actions, [](const Figure& f) { return std::to_string(f.Number); }, true);
}

//-----------------------------------------------------------------------------
// [SECTION] Toewijzing
//-----------------------------------------------------------------------------

void DrawAllocation(AppState& st) {
    OverviewView& ov = st.Overview;
    const sl::Catalogue& cat = sl::default_catalogue();
    Heading(st, "Toewijzing volgens prioriteit");
    Muted("Als de aanvragen het budget van een projectjaar overschrijden, krijgen eerst alle rijen met prioriteit 1 "
          "van elke aanvrager hun subsidie, dan prioriteit 2, enzovoort. Bij de prioriteit waar het geld opraakt, krijgt "
          "elke rij hetzelfde deel van haar vraag; latere prioriteiten krijgen niets.");
    ImGui::Spacing();
    bool changed = false;
    std::vector<std::pair<int, std::string>> years;
    for (int y : sl::kProjectYears)
        if (sl::governs_year(cat, y)) years.emplace_back(y, sl::year_label(y));
    ChoiceRow(st, "allocation.year", years, ov.AllocationYear, changed);
    std::vector<std::pair<bool, std::string>> drafts{{false, "Ingediende plannen"}, {true, "Met werkversies"}};
    ChoiceRow(st, "allocation.drafts", drafts, ov.IncludeDrafts, changed);
    {
        FormGrid grid(st, 260, 2);
        float w = grid.Next();
        FieldLabel("Budget van het projectjaar (euro)", w);
        SettingCountField(st, "allocation.budget", "Budget van het projectjaar in euro", ov.BudgetEuros, w);
        w = grid.Next();
        FieldLabel(" ", w);
        if (Button(st, "allocation.run", "Toewijzen", ImVec2(std::min(w, Px(st, 220)), 0), Tone::Primary))
            ov.AllocationWant = true;
    }
    if (!ov.AllocationError.empty()) Wrapped("Laatste fout: " + ov.AllocationError, colours::Error);
    if (!ov.AllocationLoaded) {
        if (st.SyncUi.InFlight == SyncView::Call::Allocation) Muted("Toewijzing wordt berekend...");
        else if (!ov.AllocationShownRoute.empty() && !st.Sync.Online)
            Muted("Offline: deze toewijzing wordt berekend zodra er netwerk is.");
        else Muted("Kies het projectjaar en het budget, en tik \"Toewijzen\".");
        return;
    }
    KeptLine(st, "de toewijzing zoals berekend op", ov.AllocationSavedAt);
    const AllocationData& a = ov.Allocation;
    ImGui::Spacing();
    Wrapped(sl::year_label(a.Year) + ": gevraagd " + sl::format_euro(a.RequestedCents) + ", toegewezen " +
                sl::format_euro(a.AllocatedCents) + " van een budget van " + sl::format_euro(a.BudgetCents) + ".",
            colours::Text);
    RecordItem(st, "allocation.summary");
    Wrapped(a.PartialPriority == 0    ? "Alle aanvragen passen in het budget."
            : a.PartialPriority < 0 ? "Het geld raakt op bij de rijen zonder prioriteit: die krijgen elk hetzelfde deel van hun vraag."
                                    : "Het geld raakt op bij prioriteit " + std::to_string(a.PartialPriority) +
                                          ": die rijen krijgen elk hetzelfde deel van hun vraag.",
            a.PartialPriority == 0 ? colours::Good : colours::Warning);
    if (Button(st, "allocation.csv", "Toewijzing als CSV", ImVec2(std::min(ImGui::GetContentRegionAvail().x, Px(st, 240)), 0)))
        st.Host->DownloadFile("plan-samenleven-toewijzing-" + std::to_string(a.Year) + ".csv", "text/csv;charset=utf-8",
                              BuildAllocationCsv(a, cat));
    ImGui::Spacing();
    for (std::size_t i = 0; i < a.Plans.size(); ++i) {
        const PlanShare& p = a.Plans[i];
        const std::string key = "allocation.plans[" + std::to_string(i) + "]";
        if (!CardVisible(st, key)) {
            ImGui::Spacing();
            continue;
        }
        ImGui::PushID(key.c_str());
        ImGui::PushStyleColor(ImGuiCol_ChildBg, colours::Card);
        ImGui::BeginChild("card", ImVec2(0, 0),
                          ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_Border | ImGuiChildFlags_AlwaysUseWindowPadding);
        Wrapped(p.Applicant.empty() ? p.Id : p.Applicant, colours::Accent);
        const std::string share = sl::format_euro(p.AllocatedCents) + " van " + sl::format_euro(p.RequestedCents);
        ChartBar(st, "toegewezen", Fraction(p.AllocatedCents, p.RequestedCents), kReachedColour, share, share);
        for (const RowShare& r : p.Rows) {
            const ImU32 colour = r.Funding == "full" ? colours::Good : r.Funding == "partial" ? colours::Warning : colours::Error;
            Wrapped((r.Priority > 0 ? "Prioriteit " + std::to_string(r.Priority) : std::string("Zonder prioriteit")) + "  ·  " +
                        ActionLabel(cat, r.Action) + " - " + GroupLabel(cat, r.Action, r.TargetGroup) + ": " + r.FundingText + ", " +
                        sl::format_euro(r.AllocatedCents) + " van " + sl::format_euro(r.RequestedCents),
                    colour);
        }
        ImGui::EndChild();
        ImGui::PopStyleColor();
        RecordItem(st, key);
        CardDrawn(st, key);
        ImGui::PopID();
        ImGui::Spacing();
    }
}

}  // namespace app
