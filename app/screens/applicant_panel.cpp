// The applicant: kind (municipality, IGS, VGC, de Rand), lead and members with their
// non-EU-14 residents, live eligibility with its reason; contact, IBAN and declarations.
#include "imgui.h"

#include "mirror/mirror.h"
#include "screens/panels.h"
#include "text/text.h"
#include "widgets/widgets.h"

namespace app {

namespace sl = samenleven;

namespace {

// `igs`: the reference region (an IGS cooperates inside one) and, for a member, the project
// year it joined (the cooperation stimulus pays a year in which a smaller member joins).
void GovernmentFields(AppState& st, const sl::FieldPath& path, sl::LocalGovernment& g, const char* name_label, bool igs,
                      bool member) {
    {
        FormGrid grid(st, 170, 3);
        float w = grid.Next();
        FieldLabel(name_label);
        TextField(st, path.field("name").str(), name_label, g.name, w);
        w = grid.Next();
        FieldLabel("NIS-code");
        TextField(st, path.field("nis_code").str(), "NIS-code", g.nis_code, w, TextInputKind::Number);
        w = grid.Next();
        FieldLabel("Inwoners niet-EU-14");
        CountField(st, path.field("non_eu14_residents").str(), "Inwoners van niet-EU-14-herkomst", g.non_eu14_residents, w);
    }
    if (!igs) return;
    FormGrid grid(st, 170, 4);
    float w = grid.Next();
    FieldLabel("Referentieregio");
    TextField(st, path.field("reference_region").str(), "Referentieregio", g.reference_region, w);
    if (!member) return;
    const std::pair<int, const char*> since[] = {{0, "Vanaf het begin"}, {2023, "Vanaf 2023-2024"}, {2024, "Vanaf 2024-2025"}};
    for (const auto& [year, label] : since) {
        w = grid.Next();
        FieldLabel(year == 0 ? "Neemt deel" : "");
        if (ChoiceButton(st, path.field("joined").str() + "." + std::to_string(year), label, g.joined == year, ImVec2(w, 0),
                         Tone::Selected) &&
            g.joined != year) {
            g.joined = year;
            PlanChanged(st, true);
        }
    }
    RecordItem(st, path.field("joined").str());
}

int MotivationMaxChars(const AppState& st) { return st.Catalogue ? st.Catalogue->rules.motivation_max_chars : 2500; }

// Mentorship: yes/no, the action and a motivation. Cooperation: yes/no only, as the form had
// it; a motivation kept from an older plan is shown while it is there, so it can be cleared.
void DrawDeclaration(AppState& st, const char* which, const char* label, sl::Declaration& d, bool asks_details) {
    const sl::FieldPath path = sl::FieldPath::of("declarations").field(which);
    Toggle(st, path.field("declared").str(), label, d.declared);
    if (!asks_details) {
        if (d.motivation.empty()) return;
        ImGui::Indent(Px(st, 24));
        FieldLabel("Motivatie uit een eerdere versie (wordt niet meer gevraagd; wis ze als ze niet nodig is)");
        TextField(st, path.field("motivation").str(), "Motivatie uit een eerdere versie", d.motivation, 0, TextInputKind::LongText);
        ImGui::Unindent(Px(st, 24));
        return;
    }
    if (!d.declared) return;
    ImGui::Indent(Px(st, 24));
    FieldLabel("Actie (nummer)");
    CountField(st, path.field("action").str(), "Actie (nummer)", d.action, Px(st, 120));
    FieldLabel("Motivatie (max. " + sl::format_count(MotivationMaxChars(st)) + " tekens)");
    TextField(st, path.field("motivation").str(), "Motivatie", d.motivation, 0, TextInputKind::LongText);
    ImGui::Unindent(Px(st, 24));
}

// The social impact bond: yes/no and the form's three texts.
void DrawBond(AppState& st, sl::SocialImpactBond& bond) {
    const sl::FieldPath path = sl::FieldPath::of("declarations").field("social_impact_bond");
    Toggle(st, path.field("declared").str(), "Social impact bond", bond.declared);
    if (!bond.declared) return;
    ImGui::Indent(Px(st, 24));
    for (std::size_t t = 0; t < bond.texts.size(); ++t) {
        const std::string name = "Tekst " + std::to_string(t + 1) + " van " + std::to_string(bond.texts.size());
        FieldLabel(name + " (max. " + sl::format_count(MotivationMaxChars(st)) + " tekens)");
        TextField(st, path.field("texts").at(static_cast<long long>(t)).str(), name + ", social impact bond", bond.texts[t], 0,
                  TextInputKind::LongText);
    }
    ImGui::Unindent(Px(st, 24));
}

}  // namespace

void DrawApplicant(AppState& st) {
    sl::Plan& plan = st.Plan;
    sl::Applicant& a = plan.applicant;

    Heading(st, "Plan");
    FieldLabel("Titel van het plan");
    TextField(st, "title", "Titel van het plan", plan.title);

    Heading(st, "Aanvrager");
    const sl::ApplicantKind kinds[] = {sl::ApplicantKind::municipality, sl::ApplicantKind::igs, sl::ApplicantKind::vgc,
                                       sl::ApplicantKind::de_rand};
    {
        FormGrid grid(st, 170, 4);
        for (sl::ApplicantKind k : kinds) {
            const float w = grid.Next();
            if (ChoiceButton(st, std::string("applicant.kind.") + std::string(sl::to_string(k)), ApplicantKindLabel(k),
                             a.kind == k, ImVec2(w, 0), Tone::Selected) &&
                a.kind != k) {
                a.kind = k;
                PlanChanged(st, true);
            }
        }
    }
    RecordItem(st, "applicant.kind");

    const bool has_members = a.kind == sl::ApplicantKind::igs || a.kind == sl::ApplicantKind::de_rand;
    const char* lead_label = a.kind == sl::ApplicantKind::igs       ? "Trekker (naam)"
                             : a.kind == sl::ApplicantKind::de_rand ? "Naam (de Rand vzw)"
                             : a.kind == sl::ApplicantKind::vgc     ? "Naam (VGC)"
                                                                    : "Gemeente of stad";
    ImGui::Spacing();
    const bool igs = a.kind == sl::ApplicantKind::igs;
    GovernmentFields(st, sl::FieldPath::of("applicant").field("lead"), a.lead, lead_label, igs, false);

    if (has_members) {
        Heading(st, a.kind == sl::ApplicantKind::igs ? "Deelnemende gemeenten" : "Faciliteitengemeenten");
        int remove = -1;
        for (std::size_t m = 0; m < a.members.size(); ++m) {
            const sl::FieldPath member = sl::FieldPath::member(m);
            const std::string path = member.str();
            ImGui::PushID(path.c_str());
            ImGui::BeginGroup();
            GovernmentFields(st, member, a.members[m], "Gemeente", igs, true);
            if (st.Ui.ConfirmRemoveMember == path) {
                // Asked first, as for a plan or a row; undo still brings it back.
                Wrapped((a.members[m].name.empty() ? std::string("Deze gemeente") : "\"" + a.members[m].name + "\"") +
                            " uit de lijst verwijderen?",
                        colours::Error);
                if (Button(st, member.field("confirm_remove").str(), "Ja, verwijderen", ImVec2(Px(st, 180), 0), Tone::Danger))
                    remove = static_cast<int>(m);
                ImGui::SameLine();
                if (Button(st, member.field("cancel_remove").str(), "Annuleren", ImVec2(Px(st, 140), 0)))
                    CloseConfirmation(st);
            } else if (Button(st, member.field("remove").str(),
                              "Verwijder " + (a.members[m].name.empty() ? "gemeente" : a.members[m].name), ImVec2(0, 0),
                              Tone::Quiet)) {
                st.Ui.ConfirmRemoveMember = path;
                OpenConfirmation(st, member.field("remove").str(), member.field("cancel_remove").str());
            }
            ImGui::EndGroup();
            RecordItem(st, path);
            ImGui::Separator();
            ImGui::PopID();
        }
        if (remove >= 0) {
            a.members.erase(a.members.begin() + remove);
            PlanChanged(st, true);
            st.Ui.ConfirmRemoveMember.clear();
            st.Ui.ConfirmOpener.clear();
            RequestFocus(st, "applicant.members.add");
        }
        if (Button(st, "applicant.members.add", "+ Gemeente toevoegen", ImVec2(Px(st, 240), 0))) {
            a.members.emplace_back();
            PlanChanged(st, true);
        }
        RecordItem(st, "applicant.members");
    }

    // Eligibility, live.
    ImGui::Spacing();
    const sl::Eligibility& e = st.Derived.Eligibility;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, e.eligible ? colours::GoodBg : colours::ErrorBg);
    ImGui::PushStyleColor(ImGuiCol_Border, e.eligible ? colours::Good : colours::Error);
    ImGui::BeginChild("eligibility", ImVec2(0, 0),
                      ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_Border | ImGuiChildFlags_AlwaysUseWindowPadding);
    Wrapped(e.eligible ? "Ontvankelijk" : "Niet ontvankelijk", e.eligible ? colours::Good : colours::Error);
    Wrapped(e.reason);
    ImGui::EndChild();
    ImGui::PopStyleColor(2);
    RecordItem(st, "applicant");

    Heading(st, "Contactpersoon");
    {
        FormGrid grid(st, 200, 3);
        float w = grid.Next();
        FieldLabel("Naam");
        TextField(st, "contact.name", "Naam contactpersoon", plan.contact.name, w);
        w = grid.Next();
        FieldLabel("Telefoon");
        TextField(st, "contact.phone", "Telefoon", plan.contact.phone, w);
        w = grid.Next();
        FieldLabel("E-mail");
        TextField(st, "contact.email", "E-mail", plan.contact.email, w);
    }

    Heading(st, "Rekeningnummer");
    FieldLabel("IBAN");
    // Typed freely ("be68 5390 0754 7034"); once the text is a valid number the plan holds its
    // normal form ("BE68 5390 0754 7034"), while the field keeps what is being typed.
    if (TextField(st, "iban", "IBAN", plan.iban, Px(st, 360))) plan.iban = sl::normalize_iban(plan.iban);
    Toggle(st, "iban_is_municipal_fund_account", "Rekening van het Gemeentefonds", plan.iban_is_municipal_fund_account);
    if (!plan.iban_is_municipal_fund_account) Muted("Voeg een bevestigingsbrief van de bank toe.");

    Heading(st, "Verklaringen");
    DrawDeclaration(st, "cooperation", "Samenwerking met kleinere besturen", plan.declarations.cooperation,
                    false);
    DrawDeclaration(st, "mentorship", "Mentorschap", plan.declarations.mentorship, true);
    DrawBond(st, plan.declarations.social_impact_bond);
}

}  // namespace app
