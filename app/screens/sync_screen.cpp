// Index
// [SECTION] Synchronisatie screen: server, token, on/off, outbox, last error, server plans
// [SECTION] Conflict: both versions field by field, a choice per field, merge and send
// [SECTION] Conflict banner (other screens)
#include <algorithm>

#include "imgui.h"

#include "screens/panels.h"
#include "text/text.h"
#include "widgets/widgets.h"

namespace app {

namespace sl = samenleven;

namespace {

bool OpenPlanInConflict(const AppState& st) {
    const PlanSync* ps = OpenPlanSync(st);
    return ps && ps->Status == SyncStatus::Conflict && !ps->ConflictDocument.empty();
}

std::string MaskedToken(const std::string& token) {
    if (token.empty()) return "";
    if (token.size() <= 6) return std::string(token.size(), '*');
    return std::string(8, '*') + token.substr(token.size() - 4);
}

// A value of one side of a difference, for people.
std::string ValueText(const nlohmann::json& v) {
    if (v.is_null()) return "(ontbreekt)";
    if (v.is_string()) return v.get<std::string>().empty() ? "(leeg)" : v.get<std::string>();
    if (v.is_number_integer()) return sl::format_count(v.get<sl::Count>());
    if (v.is_boolean()) return v.get<bool>() ? "ja" : "nee";
    if (v.is_object()) return "aanwezig (" + std::to_string(v.size()) + " velden)";
    std::string text = v.dump();
    if (text.size() > 120) text = text.substr(0, 117) + "...";
    return text;
}

// The differences between the open plan and the server's version, recomputed only when
// either changes.
void RefreshDifferences(AppState& st, const PlanSync& ps) {
    SyncView& ui = st.SyncUi;
    const std::string key = st.Plan.id + "@" + std::to_string(ps.ConflictRevision);
    if (ui.DiffKey == key && ui.DiffPlanRevision == st.Revision) return;
    const bool same_conflict = ui.DiffKey == key;
    try {
        if (!same_conflict) ui.Theirs = sl::read_stored_plan_text(ps.ConflictDocument).plan;
        ui.Differences = sl::compare_plans(st.Plan, ui.Theirs, *st.Catalogue);
    } catch (const sl::InputError&) {
        ui.Differences.clear();
    }
    if (!same_conflict || ui.TakeMine.size() != ui.Differences.size())
        ui.TakeMine.assign(ui.Differences.size(), false);  // default: the server's version
    ui.DiffKey = key;
    ui.DiffPlanRevision = st.Revision;
}

//-----------------------------------------------------------------------------
// [SECTION] Conflict: both versions field by field, a choice per field, merge and send
//-----------------------------------------------------------------------------

void DrawConflict(AppState& st, const PlanSync& ps) {
    RefreshDifferences(st, ps);
    SyncView& ui = st.SyncUi;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, colours::WarningBg);
    ImGui::PushStyleColor(ImGuiCol_Border, colours::Warning);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(Px(st, 14), Px(st, 12)));
    ImGui::BeginChild("conflict", ImVec2(ImGui::GetContentRegionAvail().x, 0),
                      ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_Border | ImGuiChildFlags_AlwaysUseWindowPadding);
    Heading(st, "Conflict: kies per veld welke versie blijft");
    Wrapped("\"" + PlanDisplayTitle(st.Plan) + "\" werd op een ander toestel gewijzigd terwijl je hier werkte "
            "(serverversie " + std::to_string(ps.ConflictRevision) + "). Beide versies blijven bewaard op de server. "
            "Standaard blijft de versie van de server; tik \"Mijn versie\" om de waarde van dit toestel te houden.");
    ImGui::Spacing();

    const float avail = ImGui::GetContentRegionAvail().x;
    const float gap = Px(st, 12);
    const float col = static_cast<float>(static_cast<int>((avail - gap) / 2));
    const ImU32 header = colours::Muted;
    if (ui.Differences.empty()) Muted("Geen verschillen meer: de versies zijn gelijk.");
    for (std::size_t i = 0; i < ui.Differences.size(); ++i) {
        const sl::FieldDifference& d = ui.Differences[i];
        const std::string key = "conflict[" + std::to_string(i) + "]";
        ImGui::PushID(key.c_str());
        ImGui::Separator();
        ImGui::Spacing();
        Wrapped(d.label, colours::Text);
        const ImVec2 start = ImGui::GetCursorScreenPos();
        const bool mine = ui.TakeMine[i];
        // Two columns: this device | the server, each its value and a big button.
        float bottom = start.y;
        for (int side = 0; side < 2; ++side) {
            const bool is_mine = side == 0;
            ImGui::SetCursorScreenPos(ImVec2(start.x + (is_mine ? 0 : col + gap), start.y));
            ImGui::BeginGroup();
            ImGui::PushStyleColor(ImGuiCol_Text, header);
            Label(is_mine ? "Dit toestel" : "Server");
            ImGui::PopStyleColor();
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + col);
            Label(ValueText(is_mine ? d.mine : d.theirs));
            ImGui::PopTextWrapPos();
            const bool chosen = is_mine == mine;
            const std::string label = std::string(chosen ? "\xe2\x9c\x93 " : "") + (is_mine ? "Mijn versie" : "Server");
            if (ChoiceButton(st, key + (is_mine ? ".mine" : ".server"), label, chosen, ImVec2(col, 0)))
                ui.TakeMine[i] = is_mine;
            ImGui::EndGroup();
            bottom = std::max(bottom, ImGui::GetItemRectMax().y);
        }
        ImGui::SetCursorScreenPos(ImVec2(start.x, bottom));
        ImGui::Dummy(ImVec2(0, Px(st, 4)));
        RecordItem(st, key);
        ImGui::PopID();
    }
    ImGui::Separator();
    ImGui::Spacing();
    const int kept = static_cast<int>(std::count(ui.TakeMine.begin(), ui.TakeMine.end(), true));
    Muted(std::to_string(kept) + " van " + std::to_string(ui.Differences.size()) +
          " velden van dit toestel, de rest van de server.");
    if (Button(st, "conflict.merge", "Samenvoegen en versturen", ImVec2(std::min(avail, Px(st, 320)), 0),
               Tone::Primary)) {
        try {
            const sl::Plan merged = sl::merge_plans(st.Plan, ui.Theirs, ui.Differences, ui.TakeMine);
            ResolveOpenPlanConflict(st, merged);
        } catch (const sl::InputError& e) {
            st.Errors.push_back(PendingError{"Samenvoegen mislukt", e.message(), e.path(), e.code()});
        }
    }
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(2);
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Synchronisatie screen
//-----------------------------------------------------------------------------

void DrawSync(AppState& st) {
    SyncModel& sync = st.Sync;
    SyncView& ui = st.SyncUi;
    Heading(st, "Synchronisatie met de server");
    Muted("Plannen blijven altijd op dit toestel bewaard. Met synchronisatie gaat elke bewaarde versie ook naar de "
          "server van het lokaal bestuur, zodra er netwerk is.");
    ImGui::Spacing();

    if (const PlanSync* ps = OpenPlanSync(st); ps && OpenPlanInConflict(st)) {
        DrawConflict(st, *ps);
        ImGui::Spacing();
    }

    {
        FormGrid grid(st, 300, 2);
        float w = grid.Next();
        FieldLabel("Adres van de server (leeg: deze website)", w);
        if (SettingField(st, "sync.server_url", "Adres van de server", sync.Settings.ServerUrl, w, "",
                         "deze website"))
            ui.Dirty = true;
        w = grid.Next();
        FieldLabel("Toegangscode (token) van het bestuur", w);
        if (SettingField(st, "sync.token", "Toegangscode", sync.Settings.Token, w, MaskedToken(sync.Settings.Token),
                         "nog niet ingevuld")) {
            ui.Dirty = true;
            ui.TokenRefused = false;  // the refusal was of the token before
            ui.WantMe = sync.Settings.Enabled;  // whose token: a coordinator's or the agency's
        }
    }
    ImGui::Spacing();
    // One state: on, on but the server refuses the token (401), or off; "Nu synchroniseren"
    // beside the switch (under it when the two do not fit side by side).
    const float avail = ImGui::GetContentRegionAvail().x;
    const float bw = std::min(avail, Px(st, 280));
    const bool side_by_side = 2 * bw + ImGui::GetStyle().ItemSpacing.x <= avail;
    if (sync.Settings.Enabled && ui.TokenRefused)
        Wrapped("Synchronisatie werkt niet: de server weigert deze toegangscode. Vul de juiste toegangscode van het "
                "bestuur in (of vraag een nieuwe aan bij de beheerder van de server). Plannen blijven op dit toestel "
                "bewaard en worden verstuurd zodra de toegangscode aanvaard is.",
                colours::Error);
    else if (sync.Settings.Enabled)
        Wrapped("Synchronisatie staat aan.", colours::Good);
    else
        Wrapped("Synchronisatie staat uit: plannen blijven alleen op dit toestel.", colours::Muted);
    if (sync.Settings.Enabled) {
        if (Button(st, "sync.toggle", "Synchronisatie uitzetten", ImVec2(bw, 0))) SetSyncEnabled(st, false);
    } else {
        if (Button(st, "sync.toggle", "Synchronisatie aanzetten", ImVec2(bw, 0), Tone::Primary,
                   !sync.Settings.Token.empty()))
            SetSyncEnabled(st, true);
    }
    if (side_by_side) ImGui::SameLine();
    if (Button(st, "sync.now", "Nu synchroniseren", ImVec2(bw, 0), Tone::Normal, sync.Settings.Enabled))
        SyncNow(st);
    if (!sync.Settings.Enabled && sync.Settings.Token.empty()) Muted("Vul eerst de toegangscode in.");

    ImGui::Spacing();
    if (!sync.Me.Role.empty())
        Label("Aangemeld als: " + sync.Me.Name +
              (IsAgency(sync) ? " (agentschap: alle plannen beoordelen)" : " (lokaal bestuur)"));
    Label(sync.Online ? "Netwerk: verbonden" : "Netwerk: offline");
    const std::size_t waiting = sync.Outbox.size();
    Label("Wachtrij: " + std::to_string(waiting) + (waiting == 1 ? " wijziging" : " wijzigingen") + " nog te versturen");
    if (st.PlanOpen)
        Label("Dit plan: " + std::string(SyncStatusText(PlanSyncStatus(sync, st.Plan.id))));
    std::string last_error;
    for (const auto& [id, ps] : sync.Plans)
        if (!ps.LastError.empty() && (last_error.empty() || (st.PlanOpen && id == st.Plan.id))) last_error = ps.LastError;
    if (!ui.ListError.empty()) last_error = ui.ListError;
    if (!last_error.empty() && !(sync.Settings.Enabled && ui.TokenRefused))  // said above
        Wrapped("Laatste fout: " + last_error, colours::Error);

    // Conflicts of plans that are not open: open them to resolve.
    std::string open_id;
    for (const auto& [id, ps] : sync.Plans) {
        if (ps.Status != SyncStatus::Conflict || (st.PlanOpen && id == st.Plan.id)) continue;
        Wrapped("Conflict in plan " + id + ": open het om te kiezen.", colours::Warning);
        if (Button(st, "sync.open_conflict." + id, "Plan openen", ImVec2(Px(st, 200), 0))) open_id = id;
    }

    if (IsAgency(sync)) {
        if (!open_id.empty() && OpenPlan(st, open_id)) SetScreen(st, Screen::Sync);
        return;  // the agency's plans are on its own screens
    }
    ImGui::Spacing();
    ImGui::Separator();
    Heading(st, "Plannen op de server");
    if (!sync.Settings.Enabled) Muted("Zet synchronisatie aan om de plannen op de server te zien.");
    else if (!ui.ServerPlansLoaded) Muted(ui.InFlight == SyncView::Call::List ? "Lijst wordt opgehaald..." : "Nog niet opgehaald.");
    else if (ui.ServerPlans.empty()) Muted("Nog geen plannen op de server.");
    std::string fetch_id;
    for (std::size_t i = 0; i < ui.ServerPlans.size() && sync.Settings.Enabled; ++i) {
        const ServerPlanInfo& p = ui.ServerPlans[i];
        const std::string key = "sync.server[" + std::to_string(i) + "]";
        // The server may file a plan under an id of its own: this device knows it by its own.
        const std::string local = LocalPlanId(sync, p.Id);
        const SyncStatus here = PlanSyncStatus(sync, local);
        const bool on_device = std::any_of(st.StoredPlans.begin(), st.StoredPlans.end(),
                                           [&](const StoredPlanInfo& s) { return s.Id == local; });
        ImGui::Spacing();
        Label((p.Title.empty() ? p.Id : p.Title));
        Muted("revisie " + std::to_string(p.Revision) + ", " + StatusText(p.Status) +
              (on_device ? ", op dit toestel: " + std::string(SyncStatusText(here)) : ", niet op dit toestel"));
        // A plan with changes not yet on the server is never overwritten from there.
        const bool safe = !on_device || here == SyncStatus::Synced;
        if (Button(st, key + ".fetch", on_device ? "Versie van de server ophalen" : "Op dit toestel zetten",
                   ImVec2(Px(st, 300), 0), Tone::Normal, safe && ui.FetchId.empty()))
            fetch_id = p.Id;
        if (on_device) {
            ImGui::SameLine();
            if (Button(st, key + ".open", "Openen", ImVec2(Px(st, 120), 0))) open_id = local;
        }
    }
    if (!fetch_id.empty()) FetchServerPlan(st, fetch_id);
    if (!open_id.empty() && OpenPlan(st, open_id)) SetScreen(st, Screen::Sync);
}

//-----------------------------------------------------------------------------
// [SECTION] Conflict banner (other screens)
//-----------------------------------------------------------------------------

void DrawConflictBanner(AppState& st) {
    if (!OpenPlanInConflict(st) || st.Ui.Current == Screen::Sync) return;
    if (Banner(st, "banner.conflict", BannerTone::Warning, "Conflict: dit plan werd ook op een ander toestel gewijzigd.",
               "Beide versies zijn bewaard. Kies per veld welke versie blijft.", "Conflict oplossen"))
        SetScreen(st, Screen::Sync);
}

}  // namespace app
