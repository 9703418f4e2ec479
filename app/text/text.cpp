#include "text/text.h"

#include "state/app_state.h"

namespace app {

namespace sl = samenleven;

const char* ScreenLabel(Screen screen) {
    switch (screen) {
        case Screen::Plans: return "Plannen";
        case Screen::Applicant: return "Aanvrager";
        case Screen::Actions: return "Acties";
        case Screen::Targets: return "Doelen";
        case Screen::Findings: return "Controle";
        case Screen::Results: return "Resultaten";
        case Screen::Export: return "Indienen";
        case Screen::Sync: return "Server";  // short: eight tabs share a portrait tablet's width
        case Screen::Dossiers: return "Alle plannen";
        case Screen::Review: return "Beoordelen";
        case Screen::Overview: return "Overzicht";
        case Screen::Allocation: return "Toewijzing";
    }
    return "";
}

std::string StatusText(const std::string& code) {
    const auto status = sl::parse_status(code);
    return status ? sl::status_label(*status) : code;
}

std::string VerdictText(std::optional<bool> jury_positive) {
    if (!jury_positive) return "";
    return *jury_positive ? "Jury: positief" : "Jury: negatief";
}

const sl::Finding* RenewalFinding(const std::vector<sl::Finding>& findings, std::size_t row, int start_year) {
    const std::string path = sl::FieldPath::row(row).field("planned").at(start_year).str();
    for (const sl::Finding& f : findings)
        if (f.code == "row.not_renewed" && f.path == path) return &f;
    return nullptr;
}

const char* ApplicantKindLabel(sl::ApplicantKind kind) {
    switch (kind) {
        case sl::ApplicantKind::municipality: return "Gemeente of stad";
        case sl::ApplicantKind::igs: return "IGS (samenwerking)";
        case sl::ApplicantKind::vgc: return "VGC (Brussel)";
        case sl::ApplicantKind::de_rand: return "de Rand vzw";
        case sl::ApplicantKind::unknown: break;
    }
    return "Onbekend";
}

const char* FundingLabel(sl::FundingKind kind) {
    switch (kind) {
        case sl::FundingKind::per_unit: return "per eenheid";
        case sl::FundingKind::flat: return "vast bedrag";
        case sl::FundingKind::other_channel: return "ander kanaal";
        case sl::FundingKind::not_in_call: return "niet in deze oproep";
        case sl::FundingKind::unknown: break;
    }
    return "onbekend";
}

std::string ObjectiveLabel(const sl::Catalogue& cat, int objective) {
    if (const sl::Objective* o = cat.find_objective(objective)) return std::to_string(o->number) + ". " + o->name;
    return "Doelstelling onbekend";
}

std::string ActionLabel(const sl::Catalogue& cat, int action) {
    if (const sl::Action* a = cat.find_action(action)) return std::to_string(a->number) + ". " + a->name;
    return "Actie " + std::to_string(action);
}

std::string GroupLabel(const sl::Catalogue& cat, int action, const std::string& group) {
    // The group may be one of a later call of the plan's years (action 24's one group from 2023).
    if (const sl::TargetGroup* g = sl::find_group_in(sl::governing_calls(cat), action, group)) return g->name;
    return group;
}

std::string CallsLine(const sl::Catalogue& first) {
    const sl::YearCalls calls = sl::governing_calls(first);
    std::string text = "Elk projectjaar valt onder zijn eigen oproep:";
    bool any_assumed = false;
    for (int y = 0; y < sl::kYearCount; ++y) {
        const sl::Catalogue* call = calls[static_cast<std::size_t>(y)];
        text += std::string(y == 0 ? " " : ", ") + sl::year_label(sl::kProjectYears[static_cast<std::size_t>(y)]) + " " +
                (call ? "oproep " + call->call : std::string("valt buiten dit plan"));
        if (call)
            for (const sl::Action& a : call->actions) any_assumed = any_assumed || a.assumed.any();
    }
    text += ".";
    if (any_assumed) text += " Prijzen die niet gevonden werden zijn aangenomen en staan gemarkeerd als \"aangenomen\".";
    return text;
}

bool AboveEnvelope(const sl::Plan& plan, const sl::Budget& b, std::size_t year) {
    const std::optional<sl::Cents>& envelope = plan.envelope[year];
    return envelope && b.requested_per_year[year] > *envelope;
}

std::string YearBudgetNote(const sl::Plan& plan, const sl::Budget& b, const sl::YearCalls& calls, std::size_t year) {
    const sl::Catalogue* call = calls[year];
    std::string note = call ? "oproep " + call->call : "valt buiten dit plan";
    if (b.assumed_per_year[year]) note += "; aangenomen prijzen";
    if (const std::optional<sl::Cents>& envelope = plan.envelope[year])
        note += AboveEnvelope(plan, b, year) ? "; " + sl::format_euro(b.requested_per_year[year] - *envelope) +
                                                   " boven de enveloppe van " + sl::format_euro(*envelope)
                                             : "; enveloppe " + sl::format_euro(*envelope);
    return note;
}

// A lone municipality does not ask: nothing paid gives the first year's reason; otherwise the
// years paid and, when a later year is not, why.
std::string StimulusNote(const sl::Plan& plan, const sl::Budget& b, const sl::Catalogue& cat) {
    if (plan.applicant.kind != sl::ApplicantKind::igs) return "";
    if (b.stimulus_total == 0) return sl::stimulus_reason_text(b.stimulus_reason, cat.rules);
    std::string paid;
    bool later_not_new = false;
    for (int y = 0; y < sl::kYearCount; ++y) {
        const auto yi = static_cast<std::size_t>(y);
        if (b.stimulus_per_year[yi] > 0) paid += (paid.empty() ? "" : ", ") + sl::year_label(sl::kProjectYears[yi]);
        else later_not_new = later_not_new || b.stimulus_reasons[yi] == sl::StimulusReason::not_new;
    }
    return "in " + paid + (later_not_new ? "; " + sl::stimulus_reason_text(sl::StimulusReason::not_new, cat.rules) : "");
}

std::string PlanDisplayTitle(const sl::Plan& plan) {
    if (!plan.title.empty()) return plan.title;
    if (!plan.applicant.lead.name.empty()) return plan.applicant.lead.name;
    return "Naamloos plan";
}

ParsedCount ParseCount(std::string_view text) {
    const auto refuse = [](std::string problem) { return ParsedCount{false, std::nullopt, std::move(problem)}; };
    const char* const kWhole = "Een aantal is een geheel getal, zonder komma of decimalen.";
    // Spaces around the number do not count.
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    ParsedCount out;
    sl::Count value = 0;
    int group = 0;            // digits in the current group
    bool separated = false;   // a thousands separator was seen
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '.' || c == ' ') {
            // A separator stands between groups: after 1-3 digits (the first) or exactly 3.
            if (group == 0 || (separated ? group != 3 : group > 3)) return refuse(kWhole);
            separated = true;
            group = 0;
            continue;
        }
        if (c == ',') return refuse(kWhole);
        if (c < '0' || c > '9') return refuse("Alleen cijfers: een aantal is een geheel getal vanaf 0.");
        value = value * 10 + (c - '0');
        ++group;
        if (value > sl::kMaxCount) return refuse("Dit aantal is te groot (ten hoogste " + sl::format_count(sl::kMaxCount) + ").");
    }
    // After a separator the last group has three digits ("12.5" is a decimal, not 125).
    if (separated && group != 3) return refuse(kWhole);
    if (!text.empty()) out.Value = value;
    return out;
}

std::string FormatPermille(int permille) {
    const int magnitude = permille < 0 ? -permille : permille;
    return std::string(permille < 0 ? "-" : "") + std::to_string(magnitude / 10) + "," + std::to_string(magnitude % 10) + " %";
}

std::string Slug(std::string_view text) {
    std::string out;
    for (unsigned char c : text) {
        if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(static_cast<char>(c));
        else if (!out.empty() && out.back() != '-') out.push_back('-');
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out.empty() ? "plan" : out;
}

}  // namespace app
