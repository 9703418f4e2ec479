#include "text.h"

#include "app_state.h"

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
    if (const sl::Action* a = cat.find_action(action))
        if (const sl::TargetGroup* g = a->find_group(group)) return g->name;
    return group;
}

std::string PlanDisplayTitle(const sl::Plan& plan) {
    if (!plan.title.empty()) return plan.title;
    if (!plan.applicant.lead.name.empty()) return plan.applicant.lead.name;
    return "Naamloos plan";
}

ParsedCount ParseCount(std::string_view text) {
    ParsedCount out;
    sl::Count value = 0;
    bool any = false;
    for (char c : text) {
        if (c == '.' || c == ' ') continue;
        if (c < '0' || c > '9') return ParsedCount{false, std::nullopt};
        value = value * 10 + (c - '0');
        if (value > sl::kMaxCount) return ParsedCount{false, std::nullopt};
        any = true;
    }
    if (any) out.Value = value;
    return out;
}

std::string FormatPermille(int permille) {
    const int whole = permille / 10, tenth = (permille < 0 ? -permille : permille) % 10;
    return std::to_string(whole) + "," + std::to_string(tenth) + " %";
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
