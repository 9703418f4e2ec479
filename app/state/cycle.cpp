// The programme's cycle in the app: submitting a plan, reporting results, taking in a newer
// server version (pull), and the agency's review (confirm targets and envelopes, send back with
// a remark, record the interim jury's verdict).
// Every step goes through the outbox (sync.h), so it waits offline and is sent once.
#include <cstdio>
#include <exception>

#include <nlohmann/json.hpp>

#include "state/app_state.h"
#include "text/text.h"

namespace app {

namespace sl = samenleven;
using nlohmann::json;

namespace {

bool SyncReady(AppState& st, const std::string& title) {
    if (st.Sync.Settings.Enabled && !st.Sync.Settings.Token.empty()) return true;
    st.Errors.push_back(PendingError{title, "Zet eerst de synchronisatie met de server aan (tab Server).", "", "sync.off"});
    return false;
}

// Results typed on this device and not yet reported stay when a newer server version comes
// in: they are the coordinator's own fields (the server takes them only through a report).
void KeepLocalResults(const sl::Plan& local, sl::Plan& incoming) {
    for (std::size_t r = 0; r < incoming.rows.size() && r < local.rows.size(); ++r) {
        const sl::ActionRow& mine = local.rows[r];
        sl::ActionRow& theirs = incoming.rows[r];
        if (mine.action != theirs.action || mine.target_group != theirs.target_group) continue;
        for (std::size_t y = 0; y < theirs.results.size(); ++y) {
            const sl::YearResult& m = mine.results[y];
            sl::YearResult& t = theirs.results[y];
            t.interim_reach = m.interim_reach;
            t.final_reach = m.final_reach;
            t.reason = m.reason;
            t.recovery_plan = m.recovery_plan;
        }
    }
}

std::string ReviewCacheFile(const std::string& id, bool history) {
    return "review-" + id + (history ? "-history" : "") + ".json";
}

// The verdicts of the plan under review as shown: the plan's, with those recorded here and
// still waiting in the outbox applied on top, oldest first (what the server will hold once
// they are sent).
void ShowVerdicts(AppState& st) {
    ReviewView& rv = st.Review;
    rv.Verdicts.assign(rv.Plan.rows.size(), {});
    for (std::size_t r = 0; r < rv.Plan.rows.size(); ++r)
        for (std::size_t y = 0; y < rv.Verdicts[r].size(); ++y) rv.Verdicts[r][y] = rv.Plan.rows[r].results[y].jury_positive;
    for (const OutboxEntry& e : st.Sync.Outbox) {
        if (e.PlanId != rv.OpenId || e.Kind != ChangeKind::Verdicts) continue;
        try {
            const json fields = sl::parse_json_text(e.Document);
            for (const json& v : fields.at("verdicts")) {
                const std::size_t row = v.at("row").get<std::size_t>();
                const int y = sl::year_index(v.at("year").get<int>());
                if (row >= rv.Verdicts.size() || y < 0) continue;
                const json& value = v.at("jury_positive");
                rv.Verdicts[row][static_cast<std::size_t>(y)] = value.is_null() ? std::nullopt : std::optional<bool>(value.get<bool>());
            }
        } catch (const std::exception&) {
            // not a verdict this app wrote (a damaged sync.json): the server's verdict shows
        }
    }
}

}  // namespace

// [SECTION] The coordinator's plan in the cycle

const PlanSync* OpenPlanSync(const AppState& st) {
    if (!st.PlanOpen) return nullptr;
    const auto it = st.Sync.Plans.find(st.Plan.id);
    return it == st.Sync.Plans.end() ? nullptr : &it->second;
}

bool OpenPlanEditable(const AppState& st) { return !st.PlanOpen || PlanEditable(st.Sync, st.Plan.id); }

std::optional<sl::PlanStatus> OpenPlanStatus(const AppState& st) {
    const PlanSync* ps = OpenPlanSync(st);
    return ps ? sl::parse_status(ps->ServerStatus) : std::nullopt;
}

bool SubmitOpenPlan(AppState& st) {
    const std::string title = "Indienen bij ABB lukt niet";
    if (!st.PlanOpen || !SyncReady(st, title)) return false;
    if (st.Derived.Errors > 0) {
        st.Errors.push_back(PendingError{title, "Het plan heeft nog " + std::to_string(st.Derived.Errors) +
                                                    (st.Derived.Errors == 1 ? " fout" : " fouten") + "; los die eerst op.",
                                         "", "plan_has_errors"});
        return false;
    }
    if (st.Plan.applicant.lead.nis_code.empty()) {
        st.Errors.push_back(PendingError{title, "Vul de NIS-code van de aanvrager in.", "applicant.lead.nis_code",
                                         "json.missing"});
        return false;
    }
    if (!OpenPlanEditable(st)) return false;  // already submitted (or waiting to be)
    SaveNow(st);  // the last edits go out first; the submission builds on them
    if (!HasPending(st.Sync, st.Plan.id, ChangeKind::Plan) && st.Sync.Plans[st.Plan.id].ServerRevision == 0)
        SyncPlanStored(st, st.Plan.id, sl::write_plan_text(st.Plan));  // never sent yet
    QueueStep(st.Sync, st.Plan.id, ChangeKind::Submit, "{}", NewChangeId(st));
    st.SyncUi.Dirty = true;
    st.Undo.Reset(st.Plan);  // the submitted version is where undo stops
    ShowNotice(st, st.Sync.Online ? "Plan wordt ingediend bij ABB" : "Indiening wacht op netwerk");
    return true;
}

bool ReportOpenPlanResults(AppState& st, ReportKind kind) {
    const std::string title = kind == ReportKind::Interim ? "Tussentijds rapport indienen lukt niet"
                                                          : "Jaarrapport indienen lukt niet";
    if (!st.PlanOpen || !SyncReady(st, title)) return false;
    const auto status = OpenPlanStatus(st);
    if (!status || !sl::status_after(*status, sl::PlanStep::report_results)) {
        st.Errors.push_back(PendingError{title, "Resultaten worden gerapporteerd nadat ABB de doelen bevestigde.", "",
                                         "not_confirmed"});
        return false;
    }
    json results = json::array();
    for (std::size_t r = 0; r < st.Plan.rows.size(); ++r) {
        const sl::ActionRow& row = st.Plan.rows[r];
        for (int y = 0; y < sl::kYearCount; ++y) {
            const sl::YearResult& res = row.results[static_cast<std::size_t>(y)];
            json item = {{"row", r}, {"year", sl::kProjectYears[static_cast<std::size_t>(y)]}};
            if (kind == ReportKind::Interim) {
                if (!res.interim_reach) continue;
                item["interim_reach"] = *res.interim_reach;
            } else {
                if (!res.final_reach) continue;
                item["final_reach"] = *res.final_reach;
                item["reason"] = res.reason;
                item["recovery_plan"] = res.recovery_plan;
            }
            results.push_back(std::move(item));
        }
    }
    if (results.empty()) {
        st.Errors.push_back(PendingError{title,
                                         kind == ReportKind::Interim ? "Vul eerst het bereik op 31 maart in."
                                                                     : "Vul eerst het bereik op 30 september in.",
                                         "", "results.empty"});
        return false;
    }
    SaveNow(st);
    QueueStep(st.Sync, st.Plan.id, ChangeKind::Results, json{{"results", std::move(results)}}.dump(), NewChangeId(st));
    st.Sync.Plans[st.Plan.id].ResultsUnsent = true;  // until the server confirms the report
    st.SyncUi.Dirty = true;
    const std::string what = kind == ReportKind::Interim ? "Tussentijds rapport" : "Jaarrapport";
    ShowNotice(st, what + (st.Sync.Online ? " wordt ingediend" : " wacht op netwerk"));
    return true;
}

void ApplyPulledPlan(AppState& st, const ServerPlanView& view) {
    SyncModel& sync = st.Sync;
    const std::string local = LocalPlanId(sync, view.Id);
    const bool open = st.PlanOpen && st.Plan.id == local;
    if (open && st.SaveDue) SaveNow(st);  // typing not yet saved is an unsent change too
    PlanSync& ps = sync.Plans[local];
    if (view.Revision <= ps.ServerRevision || ps.Status == SyncStatus::Conflict) return;
    // Unsent versions or a submission: never overwritten. They go now; a version meets the
    // server's in the conflict view, a stale submission is refused and can be made again.
    if (HasPending(sync, local, ChangeKind::Plan) || HasPending(sync, local, ChangeKind::Submit)) {
        for (OutboxEntry& e : sync.Outbox)
            if (e.PlanId == local && !sync.InFlight) e.NextAttemptAt = 0;
        return;
    }
    sl::Plan plan;
    try {
        plan = sl::read_stored_plan_text(view.Plan).plan;
    } catch (const sl::InputError& e) {
        st.SyncUi.ListError = "De nieuwe versie van de server kon niet gelezen worden: " + e.message();
        return;
    }
    plan.id = local;
    if (ps.ResultsUnsent || HasPending(sync, local, ChangeKind::Results)) {
        if (open) {
            KeepLocalResults(st.Plan, plan);
        } else if (const std::optional<std::string> text = st.Host->ReadFile(PlanFileName(local))) {
            try {
                KeepLocalResults(sl::read_stored_plan_text(*text).plan, plan);
            } catch (const sl::InputError&) {
                // the stored file is unreadable: the server's version replaces it
            }
        }
        for (OutboxEntry& e : sync.Outbox)
            if (e.PlanId == local && e.Kind == ChangeKind::Results) {
                e.BaseRevision = view.Revision;  // the results go on top of the newer revision
                e.NextAttemptAt = 0;
            }
    }
    if (!st.Host->WriteFile(PlanFileName(local), sl::write_plan_text(plan))) {
        st.SyncUi.ListError = "De nieuwe versie van de server kon niet bewaard worden op dit toestel.";
        return;
    }
    PlanStored(st, local);
    st.Host->Flush();
    ApplyServerView(ps, view);
    ps.Status = HasPending(sync, local) ? SyncStatus::Pending : SyncStatus::Synced;
    ps.LastError.clear();
    st.SyncUi.Dirty = true;
    st.StoredPlansStale = true;
    if (open) {
        // One undoable step for a draft; a locked plan starts its undo over from here.
        st.Plan = plan;
        PlanChanged(st, true);
        st.SaveDue = false;  // written above
        if (!OpenPlanEditable(st)) st.Undo.Reset(st.Plan);
    }
    std::string who = view.UpdatedBy.empty() ? "de server" : view.UpdatedBy;
    const auto status = sl::parse_status(view.Status);
    ShowNotice(st, "Nieuwe versie van \"" + PlanDisplayTitle(plan) + "\" door " + who + ", " + ServerTimeText(st, view.UpdatedAt) +
                   (status ? " (" + std::string(sl::status_label(*status)) + ")" : ""),
           8);
}

// [SECTION] The agency's review

void OpenReview(AppState& st, const std::string& server_id) {
    ReviewView& rv = st.Review;
    if (rv.OpenId != server_id) {
        const std::string filter = rv.StatusFilter, search = rv.Search;
        rv = ReviewView{};
        rv.StatusFilter = filter;
        rv.Search = search;
        rv.OpenId = server_id;
        // What was read before, until the server answers (or when offline).
        if (const auto cached = st.Host->ReadFile(ReviewCacheFile(server_id, false)))
            ReadReviewPlan(st, 200, *cached, true);
        if (const auto cached = st.Host->ReadFile(ReviewCacheFile(server_id, true)))
            ReadReviewHistory(st, 200, *cached, true);
    }
    rv.WantPlan = rv.WantHistory = true;
    // Opened from the list, a plan is read from its top (not where the last one was left).
    st.Ui.ContentScroll[static_cast<int>(Screen::Review)] = 0;
    st.Ui.ContentScreen = -1;  // the panel takes it on the next frame
    SetScreen(st, Screen::Review);
}

void ReadReviewPlan(AppState& st, int status, const std::string& body, bool from_cache) {
    ReviewView& rv = st.Review;
    if (status != 200) {
        rv.Error = ServerErrorText(status, body);
        return;
    }
    const std::optional<ServerPlanView> view = ParsePlanView(body);
    if (!view || view->Id != rv.OpenId) return;
    try {
        rv.Plan = sl::read_stored_plan_text(view->Plan).plan;
    } catch (const sl::InputError& e) {
        rv.Error = "Het plan kon niet gelezen worden: " + e.message();
        return;
    }
    rv.View = *view;
    const sl::Catalogue* cat = sl::find_catalogue(rv.Plan.call);
    if (!cat) cat = &sl::default_catalogue();
    rv.Budget = sl::calculate(rv.Plan, *cat);
    rv.Findings = sl::validate(rv.Plan, *cat);
    rv.Targets.assign(rv.Plan.rows.size(), sl::YearCounts{});
    for (std::size_t r = 0; r < rv.Plan.rows.size(); ++r)
        for (int y = 0; y < sl::kYearCount; ++y) {
            const auto& confirmed = rv.Plan.rows[r].results[static_cast<std::size_t>(y)].confirmed_target;
            rv.Targets[r][static_cast<std::size_t>(y)] = confirmed ? *confirmed : sl::target(rv.Plan.rows[r], y);
        }
    for (std::size_t y = 0; y < rv.Envelopes.size(); ++y) {
        const std::optional<sl::Cents>& cents = rv.Plan.envelope[y];
        rv.Envelopes[y] = cents ? std::optional<sl::Count>(*cents / 100) : std::nullopt;
    }
    ShowVerdicts(st);
    rv.Loaded = true;
    rv.Error.clear();
    if (!from_cache) KeepForOffline(st, ReviewCacheFile(rv.OpenId, false), body);
}

void ReadReviewHistory(AppState& st, int status, const std::string& body, bool from_cache) {
    ReviewView& rv = st.Review;
    if (status != 200) {
        rv.Error = ServerErrorText(status, body);
        return;
    }
    std::optional<std::vector<RevisionInfo>> history = ParseHistory(body);
    if (!history) return;
    rv.History = std::move(*history);
    rv.HistoryLoaded = true;
    if (!from_cache) KeepForOffline(st, ReviewCacheFile(rv.OpenId, true), body);
}

void ConfirmReview(AppState& st) {
    ReviewView& rv = st.Review;
    rv.AskConfirm = false;
    if (!rv.Loaded || !SyncReady(st, "Bevestigen lukt niet")) return;
    const sl::Catalogue* cat = sl::find_catalogue(rv.Plan.call);
    if (!cat) cat = &sl::default_catalogue();
    json targets = json::array();
    for (std::size_t r = 0; r < rv.Targets.size(); ++r)
        for (int y = 0; y < sl::kYearCount; ++y) {
            const int start = sl::kProjectYears[static_cast<std::size_t>(y)];
            if (!sl::governs_year(*cat, start)) continue;
            targets.push_back({{"row", r}, {"year", start}, {"confirmed_target", rv.Targets[r][static_cast<std::size_t>(y)]}});
        }
    if (targets.empty()) {
        st.Errors.push_back(PendingError{"Bevestigen lukt niet", "Het plan heeft geen acties om te bevestigen.", "", "json.missing"});
        return;
    }
    json fields = {{"targets", std::move(targets)}};
    // The envelopes filled in, for the years whose call grants one; whole euros sent as cents.
    const sl::YearCalls calls = sl::governing_calls(*cat);
    json envelopes = json::array();
    for (std::size_t y = 0; y < rv.Envelopes.size(); ++y) {
        const std::optional<sl::Count>& euros = rv.Envelopes[y];
        if (!euros || !calls[y] || !calls[y]->rules.envelopes) continue;
        const int start = sl::kProjectYears[y];
        if (*euros > sl::kMaxEnvelopeCents / 100) {
            st.Errors.push_back(PendingError{"Bevestigen lukt niet",
                                             "De enveloppe van " + sl::year_label(start) + " is hoogstens " +
                                                 sl::format_euro(sl::kMaxEnvelopeCents) + ".",
                                             sl::FieldPath::of("review").field("envelope_cents").at(start).str(),
                                             "json.out_of_range"});
            return;
        }
        envelopes.push_back({{"year", start}, {"cents", *euros * 100}});
    }
    if (!envelopes.empty()) fields["envelopes"] = std::move(envelopes);
    QueueStep(st.Sync, rv.OpenId, ChangeKind::Confirm, fields.dump(), NewChangeId(st), rv.View.Revision);
    st.SyncUi.Dirty = true;
    ShowNotice(st, st.Sync.Online ? "Bevestiging wordt verstuurd" : "Bevestiging wacht op netwerk");
}

void RecordVerdict(AppState& st, std::size_t row, int start_year, std::optional<bool> verdict) {
    ReviewView& rv = st.Review;
    const int y = sl::year_index(start_year);
    if (!rv.Loaded || y < 0 || row >= rv.Verdicts.size() || !SyncReady(st, "Oordeel van de jury registreren lukt niet")) return;
    const json jury_positive = verdict ? json(*verdict) : json(nullptr);
    QueueStep(st.Sync, rv.OpenId, ChangeKind::Verdicts,
              json{{"verdicts", {{{"row", row}, {"year", start_year}, {"jury_positive", jury_positive}}}}}.dump(),
              NewChangeId(st), rv.View.Revision);
    rv.Verdicts[row][static_cast<std::size_t>(y)] = verdict;
    st.SyncUi.Dirty = true;
    ShowNotice(st, std::string(verdict ? "Oordeel van de jury" : "Wissen van het oordeel") +
                       (st.Sync.Online ? " wordt verstuurd" : " wacht op netwerk"));
}

void ReturnReview(AppState& st) {
    ReviewView& rv = st.Review;
    std::string remark = rv.Remark;
    while (!remark.empty() && (remark.back() == ' ' || remark.back() == '\n')) remark.pop_back();
    while (!remark.empty() && (remark.front() == ' ' || remark.front() == '\n')) remark.erase(remark.begin());
    if (remark.empty()) {
        st.Errors.push_back(PendingError{"Terugsturen lukt niet",
                                         "Schrijf een opmerking: de coördinator ziet ze bij het plan.", "remark",
                                         "json.missing"});
        return;
    }
    rv.AskReturn = false;
    if (!rv.Loaded || !SyncReady(st, "Terugsturen lukt niet")) return;
    QueueStep(st.Sync, rv.OpenId, ChangeKind::Return, json{{"remark", remark}}.dump(), NewChangeId(st), rv.View.Revision);
    rv.Remark.clear();
    st.SyncUi.Dirty = true;
    ShowNotice(st, st.Sync.Online ? "Plan wordt teruggestuurd" : "Terugsturen wacht op netwerk");
}

// [SECTION] Time

std::string LocalTimeText(const AppState& st, double unix_seconds) {
    const double local = unix_seconds + (st.Host ? st.Host->UtcOffsetMinutes(unix_seconds) : 0) * 60.0;
    const sl::CivilDate date = sl::civil_date_from_unix(local);
    const long minutes = static_cast<long>(local - static_cast<double>(sl::days_from(sl::CivilDate{}, date)) * 86400.0) / 60;
    char time[24];
    std::snprintf(time, sizeof time, "%02ld:%02ld", minutes / 60, minutes % 60);
    return sl::date_label(date) + " om " + time;
}

std::string ServerTimeText(const AppState& st, const std::string& iso) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    if (std::sscanf(iso.c_str(), "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &s) < 5) return iso;
    const double utc = static_cast<double>(sl::days_from(sl::CivilDate{}, sl::CivilDate{y, mo, d})) * 86400.0 +
                       h * 3600.0 + mi * 60.0 + s;
    return LocalTimeText(st, utc);
}

}  // namespace app
