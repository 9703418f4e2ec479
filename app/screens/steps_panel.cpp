// The strip of a plan's steps (Aanvrager, Acties, Doelen, Controle, Indienen): which are done,
// the next one highlighted, each a button to its screen. Shown with the open plan on the
// plans screen and on the step screens, so that a newcomer knows what comes next.
#include <algorithm>

#include "imgui.h"
#include "imgui_internal.h"

#include "mirror/mirror.h"
#include "screens/panels.h"
#include "text/text.h"
#include "widgets/widgets.h"

namespace app {

namespace sl = samenleven;

namespace {

bool IsApplicantPath(const std::string& path) {
    const std::string first = path.substr(0, path.find_first_of(".["));
    return first == "title" || first == "applicant" || first == "contact" || first == "iban" ||
           first == "iban_is_municipal_fund_account" || first == "declarations" || first == "call";
}

const char* StepHint(Screen s) {
    switch (s) {
        case Screen::Applicant: return "vul het bestuur, de contactpersoon en het rekeningnummer in";
        case Screen::Actions: return "kies de acties en doelgroepen van het plan";
        case Screen::Targets: return "vul per actie het huidige en het extra bereik per projectjaar in";
        case Screen::Findings: return "los de fouten op die de controle vindt";
        case Screen::Export: return "dien het plan in bij ABB of download het indieningsbestand";
        default: return "";
    }
}

}  // namespace

std::vector<GuideStep> GuideSteps(const AppState& st) {
    bool applicant_ok = true, rows_ok = true;
    for (const sl::Finding& f : st.Derived.Findings) {
        if (f.severity != sl::Severity::error) continue;
        if (IsApplicantPath(f.path)) applicant_ok = false;
        if (f.path.rfind("rows", 0) == 0) rows_ok = false;
    }
    const bool has_rows = st.PlanOpen && !st.Plan.rows.empty();
    const std::optional<sl::PlanStatus> status = OpenPlanStatus(st);
    return {{Screen::Applicant, st.PlanOpen && applicant_ok},
            {Screen::Actions, has_rows},
            {Screen::Targets, has_rows && rows_ok},
            {Screen::Findings, st.PlanOpen && st.Derived.Errors == 0},
            {Screen::Export, status.has_value() && *status != sl::PlanStatus::draft}};
}

Screen NextStep(const AppState& st) {
    for (const GuideStep& g : GuideSteps(st))
        if (!g.Done) return g.Target;
    return Screen::Plans;
}

void DrawSteps(AppState& st) {
    const std::vector<GuideStep> steps = GuideSteps(st);
    const Screen next = NextStep(st), shown = ShownScreen(st);
    const float gap = Px(st, 6);
    const float w = IM_TRUNC((ImGui::GetContentRegionAvail().x - gap * static_cast<float>(steps.size() - 1)) /
                             static_cast<float>(steps.size()));
    MirrorScope group(st, AccessibleRole::Group, "Stappen van het plan", "steps");
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const GuideStep& g = steps[i];
        const std::string label = std::string(g.Done ? "\xE2\x9C\x93 " : "") + ScreenLabel(g.Target);
        if (i > 0) ImGui::SameLine(0, gap);
        const Tone tone = g.Target == next ? Tone::Primary : g.Target == shown ? Tone::Selected : Tone::Normal;
        const bool pressed = Button(st, std::string("steps.") + ScreenLabel(g.Target), label, ImVec2(w, 0), tone);
        st.Mirror.back().Name = "Stap " + std::to_string(i + 1) + " van " + std::to_string(steps.size()) + ": " +
                                ScreenLabel(g.Target) + (g.Done ? ", klaar" : g.Target == next ? ", volgende stap" : "");
        if (pressed) SetScreen(st, g.Target);
    }
    if (next != Screen::Plans)
        Muted(std::string("Volgende stap: ") + ScreenLabel(next) + " (" + StepHint(next) + ")");
    else
        Wrapped("Alle stappen zijn gezet.", colours::Good);
    ImGui::Spacing();
}

}  // namespace app
