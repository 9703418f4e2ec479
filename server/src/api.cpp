// [SECTION] index
//   helpers       responses, errors, authentication, request bodies
//   plan writes   create, update (with conflict detection), submit, confirm (with envelopes),
//                 results, return, the jury's verdicts
//   plan reads    list, get, history, one revision, conflict copies
//   agency        aggregate (from stored totals), its drill-down to plans, allocation by priority
//   install_api   routes, limits, error handler, static files
#include "api.h"

#include <httplib.h>

#include <algorithm>
#include <cstdio>

#include "samenleven/allocation.h"
#include "samenleven/samenleven.h"
#include "static_files.h"
#include "store.h"
#include "tokens.h"
#include "totals.h"

namespace samenleven::server {

using nlohmann::json;

namespace {

// [SECTION] helpers

json error_body(const std::string& code, const std::string& message, const std::string& path = {}) {
    json error = {{"code", code}, {"message", message}};
    if (!path.empty()) error["path"] = path;
    return {{"error", std::move(error)}};
}

Reply error_reply(int status, const std::string& code, const std::string& message, const std::string& path = {}) {
    return {status, error_body(code, message, path)};
}

void send(httplib::Response& res, const Reply& reply) {
    res.status = reply.status;
    if (reply.replayed) res.set_header("Idempotent-Replayed", "true");
    res.set_content(reply.body.dump(), "application/json; charset=utf-8");
}

// Thrown by request parsing; becomes the reply it carries.
struct Refusal {
    Reply reply;
};

[[noreturn]] void refuse(int status, const std::string& code, const std::string& message, const std::string& path = {}) {
    throw Refusal{error_reply(status, code, message, path)};
}

Caller authenticate(Store& store, const httplib::Request& req) {
    const std::string header = req.get_header_value("Authorization");
    const std::string prefix = "Bearer ";
    if (header.rfind(prefix, 0) != 0) refuse(401, "unauthorized", "Een geldig toegangstoken (Authorization: Bearer ...) is nodig.");
    auto caller = store.authenticate(header.substr(prefix.size()));
    if (!caller) refuse(401, "unauthorized", "Dit toegangstoken is niet geldig.");
    return *caller;
}

json parse_body(const httplib::Request& req) {
    json body;
    try {
        body = parse_json_text(req.body);
    } catch (const InputError& e) {
        refuse(400, e.code(), e.message(), e.path());
    }
    if (!body.is_object()) refuse(400, "json.type", "De aanvraag moet een JSON-object zijn.");
    return body;
}

// A text of a request body under the core's text rule (samenleven/text_rule.h), the same as a
// plan's texts: 400 text.control_character naming its path.
void check_request_text(const std::string& text, TextLines lines, const std::string& path) {
    try {
        check_text(text, lines, path);
    } catch (const InputError& e) {
        refuse(400, e.code(), e.message(), e.path());
    }
}

std::size_t utf8_characters(const std::string& text) {
    std::size_t n = 0;
    for (unsigned char c : text) n += (c & 0xC0) != 0x80 ? 1 : 0;
    return n;
}

// A change as the store records it: the client's change id and a digest of the request
// (method, route and body), so that the id cannot stand for another request.
struct ChangeKey {
    std::string id;
    std::string digest;
};

ChangeKey change_key(const httplib::Request& req, const json& body) {
    auto it = body.find("change_id");
    if (it == body.end() || !it->is_string())
        refuse(400, "json.missing", "Elke wijziging draagt een change_id (tekst) die de client maakt.", "change_id");
    std::string id = it->get<std::string>();
    const std::size_t length = utf8_characters(id);
    if (length == 0 || length > 100) refuse(400, "json.invalid", "change_id moet 1 tot 100 tekens lang zijn.", "change_id");
    check_request_text(id, TextLines::single, "change_id");
    return {std::move(id), blake2b_hex(req.method + " " + req.path + "\n" + body.dump())};
}

// What every change route reads first: who asks (401 without a valid token), the plan the
// route names (empty for a create), the body (400 when it is not a JSON object) and the
// change key (400 without a valid change_id).
struct ChangeRequest {
    Caller caller;
    std::string plan_id;
    json body;
    ChangeKey key;
};

ChangeRequest read_change(Store& store, const httplib::Request& req) {
    ChangeRequest r{authenticate(store, req), req.matches.size() > 1 ? std::string(req.matches[1]) : std::string(),
                    parse_body(req), {}};
    r.key = change_key(req, r.body);
    return r;
}

int int_field(const json& body, const char* key, const std::string& path) {
    auto it = body.find(key);
    if (it == body.end()) refuse(400, "json.missing", "Dit verplichte veld ontbreekt.", path);
    if (!it->is_number_integer() && !it->is_number_unsigned())
        refuse(400, "json.type", "Verwacht een geheel getal.", path);
    const auto value = it->get<long long>();
    if (value < 0 || value > 1'000'000'000) refuse(400, "json.out_of_range", "Het getal ligt buiten het toegelaten bereik.", path);
    return static_cast<int>(value);
}

// A plan read from a request: structure checked (400 otherwise), then validated.
struct CheckedPlan {
    Plan plan;
    std::vector<Finding> findings;
    std::string owner;
};

CheckedPlan check_plan(const json& body) {
    auto it = body.find("plan");
    if (it == body.end()) refuse(400, "json.missing", "Dit verplichte veld ontbreekt.", "plan");
    CheckedPlan checked;
    try {
        PlanReading reading = read_and_validate(*it);
        checked.plan = std::move(reading.plan);
        checked.findings = std::move(reading.findings);
    } catch (const InputError& e) {
        refuse(400, e.code(), e.message(), join_path("plan", e.path()));
    }
    checked.owner = government_key(checked.plan.applicant.lead);
    return checked;
}

int count_errors(const std::vector<Finding>& findings) {
    int errors = 0;
    for (const auto& f : findings) errors += f.severity == Severity::error ? 1 : 0;
    return errors;
}

std::vector<std::string> member_keys(const Plan& plan) {
    std::vector<std::string> keys;
    for (const auto& member : plan.applicant.members) keys.push_back(government_key(member));
    return keys;
}

json changed_paths(const json& before, const json& after) {
    json paths = json::array();
    for (const auto& op : json::diff(before, after)) {
        if (paths.size() == 50) {
            paths.push_back("...");
            break;
        }
        // JSON Pointer "/rows/3/planned/2023" -> field path "rows[3].planned[2023]", as in findings.
        paths.push_back(field_path_from_pointer(op.at("path").get<std::string>()).str());
    }
    return paths;
}

// A revision in the history: who (key and name), when, what changed, its findings' counts,
// and the agency's remark when this revision sent the plan back ("" otherwise).
json revision_meta(const Revision& r) {
    return {{"revision", r.revision}, {"status", status_code(r.status)}, {"author", r.author},
            {"author_name", r.author_name}, {"created_at", r.created_at}, {"change_id", r.change_id},
            {"changed", json::parse(r.changed)}, {"errors", r.errors}, {"warnings", r.warnings}, {"remark", r.remark}};
}

// A plan's stored form, prepared outside the store's lock: the plan and its findings as
// JSON values (for answers) and as text (for the database), and its totals (totals.h).
struct Content {
    json plan;
    json findings;
    std::string document;
    std::string findings_text;
    int errors = 0;
    int warnings = 0;
    PlanTotals totals;
};

// `totals`: also the plan's totals (totals.h), for a revision that changes the plan.
Content content_of(const Plan& plan, const std::vector<Finding>& findings, bool totals = true) {
    Content c;
    const nlohmann::ordered_json written = write_plan(plan);
    c.plan = written;
    c.findings = findings_json(findings);
    c.document = written.dump();  // stored in the document's own key order (schema_version first)
    c.findings_text = c.findings.dump();
    c.errors = count_errors(findings);
    c.warnings = static_cast<int>(findings.size()) - c.errors;
    if (totals) c.totals = plan_totals(plan);
    return c;
}

// A plan's revision as answered: its metadata, and (plan_view) the plan with its findings.
// Changes answer with stored_view(), filled in by fill_views() after the store's lock.
// "remark", "updated_at" and "updated_by" are the plan's (its head's), whichever revision is
// shown: the agency's latest remark, which the coordinator sees while the plan is a draft
// again (a revision's own remark is in the history), and the last change and its author.
json stored_view(const PlanHead& head, const Revision& r) {
    json view = revision_meta(r);
    view["id"] = head.id;
    view["owner"] = head.owner;
    view["title"] = head.title;
    view["status"] = status_code(head.revision == r.revision ? head.status : r.status);
    view["current_revision"] = head.revision;
    view["remark"] = head.remark;
    view["updated_at"] = head.updated_at;
    view["updated_by"] = head.updated_by;
    view[kStoredView] = true;
    return view;
}

json plan_view(const PlanHead& head, const Revision& r) {
    json view = stored_view(head, r);
    view.erase(kStoredView);
    view["plan"] = json::parse(r.document);
    view["findings"] = json::parse(r.findings);
    return view;
}

// Fills the views of a change's reply: the one of the plan just written from `written`
// (already at hand), any other from the store.
Reply fill_views(Store& store, Reply reply, const Content* written) {
    json& body = reply.body;
    if (written && body.value(kStoredView, false) && body.value("id", std::string()) == written->plan.value("id", std::string())) {
        body.erase(kStoredView);
        body["plan"] = written->plan;
        body["findings"] = written->findings;
    }
    store.fill_views(body);
    return reply;
}

Revision make_revision(const PlanHead& head, const Content& content, const Caller& caller, const std::string& change_id,
                       const json& changed, const std::string& remark = {}) {
    Revision r;
    r.plan_id = head.id;
    r.revision = head.revision;
    r.status = head.status;
    r.document = content.document;
    r.findings = content.findings_text;
    r.errors = content.errors;
    r.warnings = content.warnings;
    r.author = caller.key;
    r.author_name = caller.name;
    r.change_id = change_id;
    r.changed = changed.dump();
    r.created_at = head.updated_at;
    r.remark = remark;
    return r;
}

// The plan must exist and be visible to the caller (404 otherwise, so that another
// government's plan ids are not revealed); writers must own it (403).
PlanHead visible_head(Tx& tx, const Caller& caller, const std::string& id) {
    auto head = tx.head(id);
    if (!head || !tx.can_read(caller, *head)) refuse(404, "not_found", "Plan '" + id + "' bestaat niet of is niet zichtbaar.");
    return *head;
}

PlanHead visible_head(Store& store, const Caller& caller, const std::string& id) {
    auto head = store.head(id);
    if (!head || !store.can_read(caller, *head)) refuse(404, "not_found", "Plan '" + id + "' bestaat niet of is niet zichtbaar.");
    return *head;
}

void require_owner(const Caller& caller, const PlanHead& head) {
    if (caller.key != head.owner)
        refuse(403, "forbidden", "Alleen de aanvrager (de trekker van de samenwerking) kan dit plan wijzigen.");
}

// Runs a handler; refusals and core errors become JSON replies.
template <class Handler>
void handle(httplib::Response& res, Handler&& handler) {
    try {
        send(res, handler());
    } catch (const Refusal& refusal) {
        send(res, refusal.reply);
    }
}

// A change with the refusals thrown inside the transaction turned into recorded replies.
template <class Apply>
Reply change(Store& store, const Caller& caller, const ChangeKey& key, Apply&& apply) {
    return store.change(caller, key.id, key.digest, [&](Tx& tx) -> Reply {
        try {
            return apply(tx);
        } catch (const Refusal& refusal) {
            return refusal.reply;
        }
    });
}

}  // namespace

Reply store_new_plan(Store& store, const Caller& caller, const std::string& change_id, const std::string& digest,
                     const Plan& sent, const std::vector<Finding>& findings, const std::string& id) {
    Plan plan = sent;
    plan.id = id;
    const Content content = content_of(plan, findings);
    const std::string owner = government_key(plan.applicant.lead);
    Reply reply = change(store, caller, {change_id, digest}, [&](Tx& tx) -> Reply {
        if (tx.head(plan.id)) return error_reply(409, "plan_exists", "Er bestaat al een plan met id '" + plan.id + "'.", "plan.id");
        const std::string now = now_utc();
        PlanHead head{plan.id, owner, plan.title, PlanStatus::draft, 1, now, now, "", caller.name};
        const Revision revision = make_revision(head, content, caller, change_id, json::array({"*"}));
        tx.create_plan(head);
        tx.add_revision(revision, &content.totals);
        tx.set_readers(head.id, member_keys(plan));
        return {201, stored_view(head, revision)};
    });
    return fill_views(store, std::move(reply), &content);
}

namespace {

// [SECTION] plan writes

Reply create_plan(Store& store, const httplib::Request& req) {
    const ChangeRequest r = read_change(store, req);
    CheckedPlan checked = check_plan(r.body);
    if (r.caller.agency) refuse(403, "forbidden", "Het agentschap maakt geen plannen; een lokaal bestuur doet dat.");
    if (checked.owner != r.caller.key)
        refuse(403, "forbidden", "Dit token hoort bij een ander bestuur dan de aanvrager van het plan (" +
                                     checked.plan.applicant.lead.name + ").", "plan.applicant.lead");
    // The server chooses the id, whatever the device sent: an answer never tells whether an
    // id is taken (by a plan the caller may not see). The app adopts it (PlanSync::ServerId).
    return store_new_plan(store, r.caller, r.key.id, r.key.digest, checked.plan, checked.findings, new_id());
}

Reply update_plan(Store& store, const httplib::Request& req) {
    const ChangeRequest r = read_change(store, req);
    const int base = int_field(r.body, "base_revision", "base_revision");
    CheckedPlan checked = check_plan(r.body);
    if (checked.plan.id.empty()) checked.plan.id = r.plan_id;
    if (checked.plan.id != r.plan_id) refuse(400, "json.invalid", "Het id in het plan verschilt van het adres.", "plan.id");
    const Content content = content_of(checked.plan, checked.findings);
    // The fields changed against the current revision, computed before taking the store's
    // lock (parsing and comparing two plans is the costly part of an update); computed again
    // inside only when another change came in between.
    int compared_revision = 0;
    json compared_changes;
    if (const auto current = store.revision(r.plan_id, 0)) {
        compared_revision = current->revision;
        compared_changes = changed_paths(json::parse(current->document), content.plan);
    }

    Reply reply = change(store, r.caller, r.key, [&](Tx& tx) -> Reply {
        PlanHead head = visible_head(tx, r.caller, r.plan_id);
        require_owner(r.caller, head);
        if (checked.owner != head.owner)
            refuse(403, "forbidden", "De aanvrager van een plan kan niet veranderen.", "plan.applicant.lead");
        // The current revision is read only when needed: for a conflict, a locked plan, or
        // when it changed since it was compared above.
        std::optional<Revision> current;
        auto current_revision = [&]() -> const Revision& {
            if (!current) current = tx.revision(r.plan_id, head.revision);
            return *current;
        };
        if (base != head.revision) {
            // Both versions are kept: the server's stays current, the client's is stored as
            // a conflict copy, and the answer carries the server's version to compare.
            tx.add_conflict({0, r.plan_id, base, head.revision, content.document, r.caller.key, r.key.id, now_utc()});
            json body409 = error_body("conflict", "Het plan werd intussen gewijzigd (revisie " + std::to_string(head.revision) +
                                                       "); uw versie ging uit van revisie " + std::to_string(base) + ".");
            body409["current"] = stored_view(head, current_revision());
            return {409, std::move(body409)};
        }
        if (!editable(head.status))
            refuse(409, "plan_locked", "Het plan is " + std::string(status_label(head.status)) + " en kan niet meer gewijzigd worden.");
        const json changed = head.revision == compared_revision
                                 ? compared_changes
                                 : changed_paths(json::parse(current_revision().document), content.plan);
        if (changed.empty()) return {200, stored_view(head, current_revision())};  // nothing changed: no new revision
        head.revision += 1;
        head.title = checked.plan.title;
        head.updated_at = now_utc();
        head.updated_by = r.caller.name;
        const Revision revision = make_revision(head, content, r.caller, r.key.id, changed);
        tx.add_revision(revision, &content.totals);
        tx.update_plan(head);
        tx.set_readers(r.plan_id, member_keys(checked.plan));
        return {200, stored_view(head, revision)};
    });
    return fill_views(store, std::move(reply), &content);
}

// Status changes and agency/result edits: read the current plan, change it, store a revision
// (with `remark` when the agency sends the plan back).
template <class Edit>
Reply edit_current(Tx& tx, PlanHead head, const Caller& caller, const std::string& change_id, PlanStatus new_status,
                   Edit&& edit, const std::string& remark = {}) {
    const auto current = tx.revision(head.id, head.revision);
    Plan plan = read_stored_plan(json::parse(current->document)).plan;
    const json before = write_plan(plan);
    edit(plan);
    Content content = content_of(plan, validate(plan, *find_catalogue(plan.call)), false);
    json changed = changed_paths(before, content.plan);
    // A status step that leaves the plan as it was keeps its totals (carried over in the store).
    const bool same_plan = changed.empty();
    if (!same_plan) content.totals = plan_totals(plan);
    if (head.status != new_status) changed.push_back("status");
    const int previous = head.revision;
    head.revision += 1;
    head.status = new_status;
    head.updated_at = now_utc();
    head.updated_by = caller.name;
    const Revision revision = make_revision(head, content, caller, change_id, changed, remark);
    tx.add_revision(revision, same_plan ? nullptr : &content.totals, same_plan ? previous : 0);
    tx.update_plan(head);
    return {200, stored_view(head, revision)};
}

void require_base(const json& body, const PlanHead& head) {
    const int base = int_field(body, "base_revision", "base_revision");
    if (base != head.revision)
        refuse(409, "conflict", "Het plan werd intussen gewijzigd (revisie " + std::to_string(head.revision) + ").");
}

// The status a step of the cycle leads to from the plan's; 409 `code` with `message` when the
// plan's status does not allow the step (plan_status.h).
PlanStatus next_status(const PlanHead& head, PlanStep step, const char* code, const std::string& message) {
    const auto next = status_after(head.status, step);
    if (!next) refuse(409, code, message);
    return *next;
}

// The plan's current revision (the head's: always stored) and the plan it holds.
struct Current {
    Revision revision;
    Plan plan;
};
Current current_of(Tx& tx, const PlanHead& head) {
    Revision revision = *tx.revision(head.id, head.revision);
    Plan plan = read_stored_plan(json::parse(revision.document)).plan;
    return {std::move(revision), std::move(plan)};
}

Reply submit_plan(Store& store, const httplib::Request& req) {
    const ChangeRequest r = read_change(store, req);
    return fill_views(store, change(store, r.caller, r.key, [&](Tx& tx) -> Reply {
        PlanHead head = visible_head(tx, r.caller, r.plan_id);
        require_owner(r.caller, head);
        require_base(r.body, head);
        const PlanStatus next = next_status(head, PlanStep::submit, "plan_locked", "Het plan is al ingediend.");
        const auto current = tx.revision(r.plan_id, head.revision);
        if (current->errors > 0)
            refuse(422, "plan_has_errors",
                   "Het plan heeft nog " + std::to_string(current->errors) + " fout(en); los die eerst op.");
        head.remark.clear();  // the agency's remark on a plan it sent back is answered by submitting again
        return edit_current(tx, head, r.caller, r.key.id, next, [](Plan&) {});
    }), nullptr);
}

struct RowYear {
    std::size_t row;
    std::size_t year;
};

// An edit of one row's year in a request's list: {"row": index in plan.rows, "year": 2023, ...}.
RowYear row_year(const json& item, const FieldPath& path, const Plan& plan) {
    if (!item.is_object()) refuse(400, "json.type", "Verwacht een object.", path.str());
    const int row = int_field(item, "row", path.field("row").str());
    if (row >= static_cast<int>(plan.rows.size()))
        refuse(400, "json.invalid",
               "Het plan heeft " + std::to_string(plan.rows.size()) + (plan.rows.size() == 1 ? " rij" : " rijen") +
                   "; een rij wordt hier geteld vanaf 0, dus " + std::to_string(row) + " bestaat niet.",
               path.field("row").str());
    const int year = int_field(item, "year", path.field("year").str());
    const int idx = year_index(year);
    if (idx < 0)
        refuse(400, "json.unknown_year", "Geen projectjaar; gebruik 2022, 2023 of 2024.", path.field("year").str());
    return {static_cast<std::size_t>(row), static_cast<std::size_t>(idx)};
}

const json& list_field(const json& body, const char* key) {
    auto it = body.find(key);
    if (it == body.end() || !it->is_array() || it->empty())
        refuse(400, "json.missing", "Verwacht een niet-lege lijst.", key);
    return *it;
}

// The envelopes the agency grants with its confirmation, {"envelopes": [{"year", "cents"}]}
// (optional): each for a project year whose governing call grants envelopes (Rules::envelopes:
// the 2023 and 2024 calls), once, in whole cents from 0 to kMaxEnvelopeCents. Per project year
// index, the amount to store in Plan::envelope.
std::vector<std::pair<std::size_t, Cents>> envelope_edits(const json& body, const Plan& plan) {
    std::vector<std::pair<std::size_t, Cents>> edits;
    const auto it = body.find("envelopes");
    if (it == body.end()) return edits;
    if (!it->is_array()) refuse(400, "json.type", "Verwacht een lijst.", "envelopes");
    const Catalogue* first = find_catalogue(plan.call);
    const YearCalls calls = first ? governing_calls(*first) : YearCalls{};
    std::string granted;  // the plan's years with an envelope, for the refusal
    for (int y = 0; y < kYearCount; ++y)
        if (const Catalogue* call = calls[static_cast<std::size_t>(y)]; call && call->rules.envelopes)
            granted += (granted.empty() ? "" : ", ") + year_label(kProjectYears[static_cast<std::size_t>(y)]);
    for (std::size_t i = 0; i < it->size(); ++i) {
        const json& item = (*it)[i];
        const FieldPath path = FieldPath::of("envelopes").at(static_cast<long long>(i));
        if (!item.is_object()) refuse(400, "json.type", "Verwacht een object.", path.str());
        const std::string year_path = path.field("year").str();
        const int year = int_field(item, "year", year_path);
        const int idx = year_index(year);
        if (idx < 0) refuse(400, "json.unknown_year", "Geen projectjaar; gebruik 2022, 2023 of 2024.", year_path);
        const Catalogue* call = calls[static_cast<std::size_t>(idx)];
        if (call == nullptr || !call->rules.envelopes)
            refuse(400, "json.invalid",
                   "In " + year_label(year) + (call ? " (oproep " + call->call + ")" : "") +
                       " kent ABB geen enveloppe toe" +
                       (granted.empty() ? "; dit plan valt onder geen oproep met enveloppes."
                                        : "; een enveloppe hoort bij " + granted + "."),
                   year_path);
        for (const auto& [earlier, cents] : edits)
            if (earlier == static_cast<std::size_t>(idx))
                refuse(400, "json.invalid", "De enveloppe van " + year_label(year) + " staat twee keer in de lijst.", year_path);
        const std::string cents_path = path.field("cents").str();
        const auto cents = item.find("cents");
        if (cents == item.end()) refuse(400, "json.missing", "Dit verplichte veld ontbreekt.", cents_path);
        if (!cents->is_number_integer() && !cents->is_number_unsigned())
            refuse(400, "json.type", "Verwacht een bedrag in cent (een geheel getal).", cents_path);
        const bool in_range = cents->is_number_unsigned() ? cents->get<unsigned long long>() <= static_cast<unsigned long long>(kMaxEnvelopeCents)
                                                          : cents->get<long long>() >= 0 && cents->get<long long>() <= kMaxEnvelopeCents;
        if (!in_range)
            refuse(400, "json.out_of_range", "Een enveloppe ligt tussen " + format_euro(0) + " en " + format_euro(kMaxEnvelopeCents) + ".",
                   cents_path);
        edits.emplace_back(static_cast<std::size_t>(idx), cents->get<Cents>());
    }
    return edits;
}

Reply confirm_plan(Store& store, const httplib::Request& req) {
    const ChangeRequest r = read_change(store, req);
    if (!r.caller.agency) refuse(403, "forbidden", "Alleen het agentschap bevestigt doelen.");
    const json& targets = list_field(r.body, "targets");
    return fill_views(store, change(store, r.caller, r.key, [&](Tx& tx) -> Reply {
        PlanHead head = visible_head(tx, r.caller, r.plan_id);
        const PlanStatus next =
            next_status(head, PlanStep::confirm, "not_submitted", "Een plan wordt pas bevestigd nadat het ingediend is.");
        const Plan plan = current_of(tx, head).plan;
        std::vector<std::pair<RowYear, Count>> edits;
        for (std::size_t i = 0; i < targets.size(); ++i) {
            const FieldPath path = FieldPath::of("targets").at(static_cast<long long>(i));
            const RowYear at = row_year(targets[i], path, plan);
            edits.emplace_back(at, int_field(targets[i], "confirmed_target", path.field("confirmed_target").str()));
        }
        const auto envelopes = envelope_edits(r.body, plan);
        return edit_current(tx, head, r.caller, r.key.id, next, [&](Plan& p) {
            for (const auto& [at, target] : edits) p.rows[at.row].results[at.year].confirmed_target = target;
            for (const auto& [year, cents] : envelopes) p.envelope[year] = cents;
        });
    }), nullptr);
}

// The agency records the interim jury's verdict, {"verdicts": [{"row", "year", "jury_positive":
// true | false | null}]}: positive, negative, or cleared (null). The step record_verdict
// (plan_status.h) allows it on a confirmed or reported plan and keeps the plan's status. A
// verdict judges a year's interim report, so it is set only where that year's interim reach
// is reported (409 no_interim_reach otherwise); clearing is always allowed. The plan's
// findings are computed again (a positive verdict renews a year-3 action below 25 %,
// row.not_renewed). Like the confirmation it needs no base revision: the verdict is the
// agency's own field, set on whatever revision is current; a request that changes nothing
// adds no revision.
Reply record_verdicts(Store& store, const httplib::Request& req) {
    const ChangeRequest r = read_change(store, req);
    if (!r.caller.agency) refuse(403, "forbidden", "Alleen het agentschap registreert het oordeel van de jury.");
    const json& verdicts = list_field(r.body, "verdicts");
    return fill_views(store, change(store, r.caller, r.key, [&](Tx& tx) -> Reply {
        PlanHead head = visible_head(tx, r.caller, r.plan_id);
        const PlanStatus next =
            next_status(head, PlanStep::record_verdict, "not_confirmed",
                        "Het oordeel van de jury wordt geregistreerd nadat het agentschap de doelen bevestigde.");
        const Current current = current_of(tx, head);
        const Plan& plan = current.plan;
        std::vector<std::pair<RowYear, std::optional<bool>>> edits;
        for (std::size_t i = 0; i < verdicts.size(); ++i) {
            const FieldPath path = FieldPath::of("verdicts").at(static_cast<long long>(i));
            const RowYear at = row_year(verdicts[i], path, plan);
            const std::string verdict_path = path.field("jury_positive").str();
            const auto it = verdicts[i].find("jury_positive");
            if (it == verdicts[i].end())
                refuse(400, "json.missing", "Geef het oordeel van de jury: true (positief), false (negatief) of null (wissen).",
                       verdict_path);
            if (!it->is_boolean() && !it->is_null()) refuse(400, "json.type", "Verwacht true, false of null.", verdict_path);
            const std::optional<bool> verdict = it->is_null() ? std::nullopt : std::optional<bool>(it->get<bool>());
            if (verdict && !plan.rows[at.row].results[at.year].interim_reach)
                refuse(409, "no_interim_reach",
                       "De " + describe_row(plan, *find_catalogue(plan.call), at.row) + " heeft voor " +
                           year_label(kProjectYears[at.year]) +
                           " nog geen tussentijds bereik; de jury oordeelt over het tussentijdse rapport.",
                       path.field("year").str());
            edits.emplace_back(at, verdict);
        }
        const auto apply = [&](Plan& p) {
            for (const auto& [at, verdict] : edits) p.rows[at.row].results[at.year].jury_positive = verdict;
        };
        Plan edited = plan;
        apply(edited);
        if (edited == plan) return {200, stored_view(head, current.revision)};  // nothing changed: no new revision
        return edit_current(tx, head, r.caller, r.key.id, next, apply);
    }), nullptr);
}

Reply report_results(Store& store, const httplib::Request& req) {
    const ChangeRequest r = read_change(store, req);
    const json& results = list_field(r.body, "results");
    return fill_views(store, change(store, r.caller, r.key, [&](Tx& tx) -> Reply {
        PlanHead head = visible_head(tx, r.caller, r.plan_id);
        require_owner(r.caller, head);
        require_base(r.body, head);
        const PlanStatus next = next_status(head, PlanStep::report_results, "not_confirmed",
                                            "Resultaten worden gerapporteerd nadat het agentschap de doelen bevestigde.");
        const Plan plan = current_of(tx, head).plan;
        struct Edit {
            RowYear at;
            json item;
        };
        std::vector<Edit> edits;
        for (std::size_t i = 0; i < results.size(); ++i) {
            const FieldPath path = FieldPath::of("results").at(static_cast<long long>(i));
            const RowYear at = row_year(results[i], path, plan);
            for (const char* field : {"interim_reach", "final_reach"})
                if (results[i].contains(field)) int_field(results[i], field, path.field(field).str());
            for (const char* field : {"reason", "recovery_plan"}) {
                if (!results[i].contains(field)) continue;
                if (!results[i][field].is_string()) refuse(400, "json.type", "Verwacht tekst.", path.field(field).str());
                check_request_text(results[i][field].get_ref<const std::string&>(), TextLines::multi, path.field(field).str());
            }
            edits.push_back({at, results[i]});
        }
        return edit_current(tx, head, r.caller, r.key.id, next, [&](Plan& p) {
            for (const auto& e : edits) {
                YearResult& result = p.rows[e.at.row].results[e.at.year];
                if (e.item.contains("interim_reach")) result.interim_reach = e.item["interim_reach"].get<Count>();
                if (e.item.contains("final_reach")) result.final_reach = e.item["final_reach"].get<Count>();
                if (e.item.contains("reason")) result.reason = e.item["reason"].get<std::string>();
                if (e.item.contains("recovery_plan")) result.recovery_plan = e.item["recovery_plan"].get<std::string>();
            }
        });
    }), nullptr);
}

// The agency's remark when it sends a plan back: text, not blank, at most kRemarkMaxChars
// characters (UTF-8 code points); stored without surrounding white space.
constexpr std::size_t kRemarkMaxChars = 2000;

std::string remark_field(const json& body) {
    auto it = body.find("remark");
    if (it == body.end())
        refuse(400, "json.missing", "Schrijf bij het terugsturen een opmerking voor de aanvrager.", "remark");
    if (!it->is_string()) refuse(400, "json.type", "Verwacht tekst.", "remark");
    const std::string& text = it->get_ref<const std::string&>();
    const char* const space = " \t\n\r\f\v";
    const std::size_t first = text.find_first_not_of(space);
    if (first == std::string::npos)
        refuse(400, "json.missing", "Schrijf bij het terugsturen een opmerking voor de aanvrager.", "remark");
    std::string remark = text.substr(first, text.find_last_not_of(space) - first + 1);
    check_request_text(remark, TextLines::multi, "remark");
    const std::size_t length = utf8_characters(remark);
    if (length > kRemarkMaxChars)
        refuse(400, "json.invalid", "De opmerking mag hoogstens " + std::to_string(kRemarkMaxChars) + " tekens lang zijn (nu " +
                                        std::to_string(length) + ").", "remark");
    return remark;
}

// The agency sends a submitted plan back to its coordinator: a new revision (the plan as it
// was) with status draft and the agency's remark, which the plan also carries until it is
// submitted again.
Reply return_plan(Store& store, const httplib::Request& req) {
    const ChangeRequest r = read_change(store, req);
    if (!r.caller.agency) refuse(403, "forbidden", "Alleen het agentschap stuurt een plan terug.");
    const std::string remark = remark_field(r.body);
    return fill_views(store, change(store, r.caller, r.key, [&](Tx& tx) -> Reply {
        PlanHead head = visible_head(tx, r.caller, r.plan_id);
        if (r.body.contains("base_revision")) require_base(r.body, head);
        const PlanStatus next =
            next_status(head, PlanStep::return_to_draft, "not_submitted",
                        "Alleen een ingediend plan kan teruggestuurd worden; dit plan heeft de status '" +
                            std::string(status_label(head.status)) + "'.");
        head.remark = remark;
        return edit_current(tx, head, r.caller, r.key.id, next, [](Plan&) {}, remark);
    }), nullptr);
}

// [SECTION] plan reads

// Each plan with what an overview shows without opening it: the applicant, the subsidy of the
// current revision, its findings' counts, the last change and the agency's remark. The
// subsidy is computed on every call from each current revision's document (reading and
// computing take about 0.1 ms for a plan of the demo's size); store it with the revision
// should lists grow large.
Reply list_plans(Store& store, const httplib::Request& req) {
    const Caller caller = authenticate(store, req);
    json plans = json::array();
    for (const auto& [head, current] : store.plans_for(caller)) {
        const Plan plan = read_stored_plan(json::parse(current.document)).plan;
        const Catalogue* catalogue = find_catalogue(plan.call);
        plans.push_back({{"id", head.id},
                         {"owner", head.owner},
                         {"title", head.title},
                         {"status", status_code(head.status)},
                         {"revision", head.revision},
                         {"applicant", plan.applicant.lead.name},
                         {"kind", std::string(to_string(plan.applicant.kind))},
                         {"subsidy_cents", catalogue ? calculate(plan, *catalogue).flemish_total : Cents{0}},
                         {"errors", current.errors},
                         {"warnings", current.warnings},
                         {"updated_at", head.updated_at},
                         {"updated_by", head.updated_by},
                         {"remark", head.remark}});
    }
    return {200, {{"plans", std::move(plans)}}};
}

Reply get_plan(Store& store, const httplib::Request& req) {
    const Caller caller = authenticate(store, req);
    const PlanHead head = visible_head(store, caller, req.matches[1]);
    const auto revision = store.revision(head.id, head.revision);
    return {200, plan_view(head, *revision)};
}

Reply get_history(Store& store, const httplib::Request& req) {
    const Caller caller = authenticate(store, req);
    const PlanHead head = visible_head(store, caller, req.matches[1]);
    json list = json::array();
    for (const auto& r : store.history(head.id)) list.push_back(revision_meta(r));
    return {200, {{"id", head.id}, {"revisions", std::move(list)}}};
}

Reply get_revision(Store& store, const httplib::Request& req) {
    const Caller caller = authenticate(store, req);
    const PlanHead head = visible_head(store, caller, req.matches[1]);
    const std::string number = req.matches[2];
    const int n = number.size() <= 9 ? std::stoi(number) : 0;
    const auto revision = n > 0 ? store.revision(head.id, n) : std::nullopt;
    if (!revision) refuse(404, "not_found", "Revisie " + number + " bestaat niet.");
    return {200, plan_view(head, *revision)};
}

Reply get_conflicts(Store& store, const httplib::Request& req) {
    const Caller caller = authenticate(store, req);
    const PlanHead head = visible_head(store, caller, req.matches[1]);
    json list = json::array();
    for (const auto& c : store.conflicts(head.id))
        list.push_back({{"id", c.id}, {"base_revision", c.base_revision}, {"server_revision", c.server_revision},
                        {"author", c.author}, {"change_id", c.change_id}, {"created_at", c.created_at},
                        {"plan", json::parse(c.document)}});
    return {200, {{"id", head.id}, {"conflicts", std::move(list)}}};
}

Reply get_me(Store& store, const httplib::Request& req) {
    const Caller caller = authenticate(store, req);
    json me = {{"key", caller.key}, {"name", caller.name}, {"role", caller.agency ? "agency" : "government"}};
    if (!caller.agency) {
        const Usage usage = store.usage(caller.key);
        me["storage"] = {{"used_bytes", usage.used_bytes}, {"quota_bytes", usage.quota_bytes}};
    }
    return {200, std::move(me)};
}

// [SECTION] agency

// Money as report_json gives it: cents and the text people read.
json money(Cents cents) { return {{"cents", cents}, {"text", format_euro(cents)}}; }

Caller agency_caller(Store& store, const httplib::Request& req,
                     const char* refusal = "Alleen het agentschap ziet de totalen over alle plannen.") {
    Caller caller = authenticate(store, req);
    if (!caller.agency) refuse(403, "forbidden", refusal);
    return caller;
}

// The agency's query parameters; a bad one gets 400 naming it.
int year_param(const httplib::Request& req) {
    if (!req.has_param("year")) return 0;  // all project years
    const std::string text = req.get_param_value("year");
    const int year = text.size() == 4 && text.find_first_not_of("0123456789") == std::string::npos ? std::stoi(text) : -1;
    if (year_index(year) < 0) refuse(400, "invalid_parameter", "year moet 2022, 2023 of 2024 zijn.", "year");
    return year;
}

bool drafts_param(const httplib::Request& req) {
    if (!req.has_param("include_drafts")) return false;
    const std::string text = req.get_param_value("include_drafts");
    if (text != "true" && text != "false")
        refuse(400, "invalid_parameter", "include_drafts moet true of false zijn.", "include_drafts");
    return text == "true";
}

// A catalogue number (1 to 3 digits), or -1.
int number_param(const httplib::Request& req, const char* name) {
    const std::string text = req.get_param_value(name);
    const bool digits = !text.empty() && text.size() <= 3 && text.find_first_not_of("0123456789") == std::string::npos;
    return digits ? std::stoi(text) : -1;
}

int objective_param(const httplib::Request& req, const Catalogue& catalogue) {
    const int number = number_param(req, "objective");
    if (number < 0 || catalogue.find_objective(number) == nullptr)
        refuse(400, "invalid_parameter", "objective moet het nummer van een doelstelling zijn (" +
                                             std::to_string(catalogue.objectives.front().number) + " tot " +
                                             std::to_string(catalogue.objectives.back().number) + ").", "objective");
    return number;
}

int action_param(const httplib::Request& req, const Catalogue& catalogue) {
    const int number = number_param(req, "action");
    if (number < 0 || catalogue.find_action(number) == nullptr)
        refuse(400, "invalid_parameter", "action moet het nummer van een actie zijn (" +
                                             std::to_string(catalogue.actions.front().number) + " tot " +
                                             std::to_string(catalogue.actions.back().number) + ").", "action");
    return number;
}

std::size_t headline_param(const httplib::Request& req, const Catalogue& catalogue) {
    const std::string code = req.get_param_value("headline");
    std::string codes;
    for (std::size_t i = 0; i < catalogue.headlines.size(); ++i) {
        if (catalogue.headlines[i].code == code) return i;
        codes += (i == 0 ? "" : ", ") + catalogue.headlines[i].code;
    }
    refuse(400, "invalid_parameter", "headline moet een van deze codes zijn: " + codes + ".", "headline");
}

// The agency's totals over every plan's current revision (drafts when asked), for one project
// year or all and for one objective or all (then only that objective's actions count, and
// only the plans that contribute to it): sums of the totals stored beside each current
// revision (totals.h), so no plan document is read, and equal to aggregate_json(aggregate())
// over the plans (with the represented local governments per figure and in all, aggregate.h).
// With them: "findings", the core's cooperation check over all these plans.
Reply get_aggregate(Store& store, const httplib::Request& req) {
    agency_caller(store, req);
    const Catalogue& catalogue = default_catalogue();
    const int year = year_param(req);
    const bool drafts = drafts_param(req);
    const int objective = req.has_param("objective") ? objective_param(req, catalogue) : 0;
    Aggregate sum = empty_aggregate();
    std::vector<Plan> applicants;  // the cooperation check reads only the applicant
    for (const CurrentTotals& current : store.current_totals(drafts, year, objective)) {
        applicants.emplace_back().applicant = read_header(current.header).applicant;
        if (!current.slice.empty()) add_slice(current.slice, sum);
    }
    json report = aggregate_json(sum, catalogue);
    report["year"] = year == 0 ? json("all") : json(year);
    report["include_drafts"] = drafts;
    if (objective != 0) report["objective"] = objective;
    report["findings"] = findings_json(validate_cooperations(applicants));
    return {200, std::move(report)};
}

// The drill-down: the plans that make up one figure of the aggregate (action=N, headline=CODE
// or objective=N, exactly one), each with its own part of that figure, from the stored totals;
// most reached first, then most planned, then by id.
Reply get_aggregate_plans(Store& store, const httplib::Request& req) {
    agency_caller(store, req);
    const Catalogue& catalogue = default_catalogue();
    const int year = year_param(req);
    const bool drafts = drafts_param(req);
    std::vector<std::string> given;
    for (const char* name : {"action", "headline", "objective"})
        if (req.has_param(name)) given.emplace_back(name);
    if (given.size() != 1)
        refuse(400, "invalid_parameter", "Kies precies één cijfer: action, headline of objective.",
               given.size() > 1 ? given[1] : "action");
    Figure figure = Figure::action;
    int key = 0;
    if (given[0] == "action") {
        key = action_param(req, catalogue);
    } else if (given[0] == "objective") {
        figure = Figure::objective;
        key = objective_param(req, catalogue);
    } else {
        figure = Figure::headline;
        key = static_cast<int>(headline_param(req, catalogue));
    }

    struct Item {
        const CurrentTotals* plan;
        Totals part;
    };
    std::vector<Item> items;
    const std::vector<CurrentTotals> plans = store.current_totals(drafts, year, 0);
    for (const CurrentTotals& current : plans) {
        const Totals part = slice_figure(current.slice, figure, key);
        if (part.plans > 0) items.push_back({&current, part});
    }
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
        if (a.part.reached != b.part.reached) return a.part.reached > b.part.reached;
        if (a.part.planned != b.part.planned) return a.part.planned > b.part.planned;
        return a.plan->id < b.plan->id;
    });
    json list = json::array();
    for (const Item& item : items)
        list.push_back({{"id", item.plan->id},
                        {"title", item.plan->title},
                        {"applicant", read_header(item.plan->header).applicant.lead.name},
                        {"status", status_code(item.plan->status)},
                        {"planned", item.part.planned},
                        {"additional", item.part.additional},
                        {"reached", item.part.reached},
                        {"governments", item.part.governments},
                        {"subsidy", money(item.part.subsidy)}});
    return {200, {{"plans", std::move(list)}}};
}

// The agency's allocation of one project year's budget (budget=whole euros) by priority: the
// core's allocate() over the current revisions of the call's plans (drafts when asked), in the
// order of their ids, with the core's cooperation check. It runs on demand and reads the plans'
// documents.
Reply get_allocation(Store& store, const httplib::Request& req) {
    agency_caller(store, req, "Alleen het agentschap verdeelt het budget over de plannen.");
    if (!req.has_param("year")) refuse(400, "invalid_parameter", "Kies het projectjaar: year=2022, 2023 of 2024.", "year");
    const int year = year_param(req);
    const bool drafts = drafts_param(req);
    const std::string euros = req.get_param_value("budget");
    if (euros.empty() || euros.size() > 12 || euros.find_first_not_of("0123456789") != std::string::npos)
        refuse(400, "invalid_parameter",
               "budget moet een bedrag in hele euro zijn, alleen cijfers (bijvoorbeeld budget=14136359).", "budget");
    const Cents budget = std::stoll(euros) * 100;
    const Catalogue& catalogue = default_catalogue();
    std::vector<Plan> all, of_call;
    for (const auto& r : store.current_revisions(drafts)) {
        Plan plan = read_stored_plan(json::parse(r.document)).plan;
        if (plan.call == catalogue.call) of_call.push_back(plan);
        all.push_back(std::move(plan));
    }
    Allocation allocation;
    try {
        allocation = allocate(of_call, catalogue, year, budget);
    } catch (const InputError& e) {
        refuse(400, e.code(), e.message());
    }
    json report = allocation_json(allocation);
    report["call"] = catalogue.call;
    report["include_drafts"] = drafts;
    report["skipped_plans"] = all.size() - of_call.size();  // plans of another call
    report["findings"] = findings_json(validate_cooperations(all));
    return {200, std::move(report)};
}

}  // namespace

// [SECTION] install_api

std::vector<std::pair<std::string, std::string>> security_headers(bool api) {
    // The app: our own scripts and WebAssembly, the printable summary's inline styles and
    // its one handler (onclick="print()", allowed by its hash), and sync with this server or
    // any server over HTTPS. The API: nothing to render.
    const char* const csp = api ? "default-src 'none'; frame-ancestors 'none'"
                                : "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'unsafe-hashes' "
                                  "'sha256-Ul1RMxNBbPGH9E+ofhdT7m0RVSwiCXU33cMrTtNPpo8='; style-src 'self' 'unsafe-inline'; "
                                  "img-src 'self' data: blob:; font-src 'self'; connect-src 'self' https:; "
                                  "worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; "
                                  "form-action 'none'; frame-ancestors 'none'";
    return {{"Content-Security-Policy", csp},
            {"X-Content-Type-Options", "nosniff"},
            {"Referrer-Policy", "no-referrer"},
            {"X-Frame-Options", "DENY"}};
}

std::pair<std::string, std::string> status_text(int status) {
    switch (status) {
    case 400: return {"bad_request", "Ongeldige aanvraag."};
    case 404: return {"not_found", "Dit adres bestaat niet."};
    case 405: return {"method_not_allowed", "Deze methode is hier niet toegelaten."};
    case 408: return {"timeout", "De aanvraag kwam niet op tijd volledig aan."};
    case 413: return {"too_large", "De aanvraag is te groot."};
    case 414: return {"uri_too_long", "Het adres is te lang."};
    case 416: return {"range_not_satisfiable", "Dit deel van het bestand bestaat niet."};
    case 503: return {"busy", "De server is even te druk; probeer het zo opnieuw."};
    default: return {"http_" + std::to_string(status), "Fout " + std::to_string(status) + "."};
    }
}

namespace {
const char* reason_phrase(int status) {
    switch (status) {
    case 400: return "Bad Request";
    case 408: return "Request Timeout";
    case 413: return "Payload Too Large";
    case 417: return "Expectation Failed";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Error";
    }
}
}  // namespace

std::string refusal_response(int status, const std::string& code, const std::string& message) {
    const std::string body = error_body(code, message).dump();
    std::string out = "HTTP/1.1 " + std::to_string(status) + " " + reason_phrase(status) + "\r\n";
    out += "Content-Type: application/json; charset=utf-8\r\n";
    out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    out += "Connection: close\r\nCache-Control: no-store\r\nAccess-Control-Allow-Origin: *\r\n";
    if (status == 429 || status == 503) out += "Retry-After: 1\r\n";  // a moment's wait is enough
    for (const auto& [name, value] : security_headers(true)) out += name + ": " + value + "\r\n";
    return out + "\r\n" + body;
}

void install_api(httplib::Server& server, Store& store, const ApiOptions& options) {
    server.set_payload_max_length(options.max_body_bytes);
    server.set_tcp_nodelay(true);  // small JSON answers: no Nagle delay
    const std::string id = "([A-Za-z0-9_-]{1,100})";
    auto route = [&store](Reply (*handler)(Store&, const httplib::Request&)) {
        return [&store, handler](const httplib::Request& req, httplib::Response& res) {
            handle(res, [&] { return handler(store, req); });
        };
    };
    server.Get("/api/v1/health", [](const httplib::Request&, httplib::Response& res) {
        send(res, {200, {{"ok", true}, {"api", "v1"}, {"plan_schema_version", kPlanSchemaVersion}}});
    });
    server.Get("/api/v1/me", route(get_me));
    server.Get("/api/v1/plans", route(list_plans));
    server.Post("/api/v1/plans", route(create_plan));
    server.Get("/api/v1/plans/" + id, route(get_plan));
    server.Put("/api/v1/plans/" + id, route(update_plan));
    server.Post("/api/v1/plans/" + id + "/submit", route(submit_plan));
    server.Post("/api/v1/plans/" + id + "/confirm", route(confirm_plan));
    server.Post("/api/v1/plans/" + id + "/results", route(report_results));
    server.Post("/api/v1/plans/" + id + "/return", route(return_plan));
    server.Post("/api/v1/plans/" + id + "/verdicts", route(record_verdicts));
    server.Get("/api/v1/plans/" + id + "/revisions", route(get_history));
    server.Get("/api/v1/plans/" + id + "/revisions/([0-9]{1,12})", route(get_revision));
    server.Get("/api/v1/plans/" + id + "/conflicts", route(get_conflicts));
    server.Get("/api/v1/aggregate", route(get_aggregate));
    server.Get("/api/v1/aggregate/plans", route(get_aggregate_plans));
    server.Get("/api/v1/allocation", route(get_allocation));

    // The app may be served from elsewhere than the server it syncs with: allow
    // cross-origin calls that carry a bearer token (no cookies are used).
    server.Options(R"(/api/v1/.*)", [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
    server.set_post_routing_handler([](const httplib::Request& req, httplib::Response& res) {
        const bool api = req.path.rfind("/api/", 0) == 0;
        for (const auto& [name, value] : security_headers(api)) res.set_header(name, value);
        if (api) {
            res.set_header("Access-Control-Allow-Origin", "*");
            res.set_header("Access-Control-Allow-Headers", "Authorization, Content-Type");
            res.set_header("Access-Control-Allow-Methods", "GET, POST, PUT, OPTIONS");
            res.set_header("Cache-Control", "no-store");
        }
    });

    // Everything httplib answers by itself (unknown route, body too large, bad request)
    // and any unexpected exception still gets a JSON error, without internals.
    server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return;
        const auto [code, message] = status_text(res.status);
        res.set_content(error_body(code, message).dump(), "application/json; charset=utf-8");
    });
    server.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown exception";
        try {
            std::rethrow_exception(ep);
        } catch (const std::exception& e) {
            what = e.what();
        } catch (...) {
        }
        // The operator reads the cause in the log under a reference; the client gets the reference.
        const std::string reference = new_id().substr(0, 12);
        std::fprintf(stderr, "%s internal error %s on %s %s: %s\n", now_utc().c_str(), reference.c_str(), req.method.c_str(),
                     req.path.c_str(), what.c_str());
        res.status = 500;
        res.set_content(error_body("internal", "Interne fout op de server (referentie " + reference +
                                                   "); probeer het later opnieuw.").dump(),
                        "application/json; charset=utf-8");
    });
    server.set_keep_alive_max_count(100000);  // connections are kept by the connection layer
    server.set_keep_alive_timeout(30);

    // The web app (static_files.h): registered last, it takes every GET no route above took.
    if (!options.site_dir.empty()) install_site(server, options.site_dir);
}

}  // namespace samenleven::server
