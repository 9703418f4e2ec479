// The sync server's JSON API, tested against the real server on a loopback port.
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <sstream>
#include <tuple>

#include "database.h"
#include "samenleven/allocation.h"
#include "tokens.h"
#include "totals.h"
#include "world.h"

using namespace server_test;

namespace {

json with_reach(json plan, int value) {
    plan["rows"][0]["planned"]["2024"] = value;
    plan["rows"][0]["split"][0]["planned"]["2024"] = value - 400;  // keep the split adding up
    return plan;
}

}  // namespace

TEST_CASE("[API] health needs no token; every other route needs a valid one") {
    World w;
    auto res = w.server.client().Get("/api/v1/health");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(json::parse(res->body).at("ok") == true);

    const std::string id = w.create_demo();
    for (const std::string& path : std::vector<std::string>{"/api/v1/me", "/api/v1/plans", "/api/v1/plans/" + id, "/api/v1/plans/" + id + "/revisions",
                                   "/api/v1/plans/" + id + "/revisions/1", "/api/v1/plans/" + id + "/conflicts",
                                   "/api/v1/aggregate", "/api/v1/aggregate/plans?action=5", "/api/v1/allocation?year=2022&budget=1"}) {
        CAPTURE(path);
        auto [none, body] = w.as("").get(path);
        CHECK(none == 401);
        CHECK(body.at("error").at("code") == "unauthorized");
        CHECK(w.as("not-a-token").get(path).first == 401);
    }
    for (const std::string& path : std::vector<std::string>{"/api/v1/plans", "/api/v1/plans/" + id + "/submit", "/api/v1/plans/" + id + "/confirm",
                                   "/api/v1/plans/" + id + "/results", "/api/v1/plans/" + id + "/verdicts"})
        CHECK(w.as("wrong").post(path, {{"change_id", "x"}}).first == 401);
    CHECK(w.as("wrong").put("/api/v1/plans/" + id, {{"change_id", "x"}}).first == 401);

    auto [status, me] = w.lead().get("/api/v1/me");
    CHECK(status == 200);
    CHECK(me.at("key") == "42006");
    CHECK(me.at("role") == "government");
    CHECK(w.as(w.agency_token).get("/api/v1/me").second.at("role") == "agency");
}

TEST_CASE("[API] create a plan; resending the same change answers the same and adds nothing") {
    World w;
    const json request = {{"change_id", "c-1"}, {"plan", w.demo}};
    auto [status, body] = w.lead().post("/api/v1/plans", request);
    REQUIRE(status == 201);
    // The server chooses the id, whatever the device sent (the app adopts it).
    CHECK(body.at("id") != "demo-dendermonde-igs");
    CHECK(body.at("plan").at("id") == body.at("id"));
    CHECK(body.at("revision") == 1);
    CHECK(body.at("status") == "draft");
    CHECK(body.at("author") == "42006");
    CHECK(body.at("warnings") == 1);
    samenleven::Plan sent = samenleven::read_plan(w.demo).plan;
    sent.id = body.at("id");  // as sent, under the server's id
    CHECK(body.at("plan") == json(samenleven::write_plan(sent)));

    auto res = w.lead().client.Post("/api/v1/plans", w.lead().headers(), request.dump(), "application/json");
    REQUIRE(res);
    CHECK(res->status == 201);
    CHECK(res->get_header_value("Idempotent-Replayed") == "true");
    CHECK(json::parse(res->body) == body);
    CHECK(w.lead().get("/api/v1/plans").second.at("plans").size() == 1);

    // A new change creating a plan is a new plan, under another id of the server's.
    auto [again, second] = w.lead().post("/api/v1/plans", {{"change_id", "c-2"}, {"plan", w.demo}});
    CHECK(again == 201);
    CHECK(second.at("id") != body.at("id"));
    CHECK(w.lead().get("/api/v1/plans").second.at("plans").size() == 2);
}

TEST_CASE("[API] only the lead writes its plan; the agency does not create plans") {
    World w;
    CHECK(w.as(w.member_token).post("/api/v1/plans", {{"change_id", "m"}, {"plan", w.demo}}).first == 403);
    CHECK(w.as(w.agency_token).post("/api/v1/plans", {{"change_id", "a"}, {"plan", w.demo}}).first == 403);
    json other = w.demo;
    other["applicant"]["lead"]["nis_code"] = "44021";
    auto [status, body] = w.lead().post("/api/v1/plans", {{"change_id", "l"}, {"plan", other}});
    CHECK(status == 403);
    CHECK(body.at("error").at("path") == "plan.applicant.lead");
}

TEST_CASE("[API] bad requests get 400 naming the JSON path, 413 when too large, 404 JSON for unknown routes") {
    World w;
    Session s = w.lead();
    auto [syntax, e1] = s.send("POST", "/api/v1/plans", "{\"change_id\": ");
    CHECK(syntax == 400);
    CHECK(e1.at("error").at("code") == "json.syntax");
    CHECK(s.send("POST", "/api/v1/plans", "[1,2]").first == 400);

    auto [no_change, e2] = s.post("/api/v1/plans", {{"plan", w.demo}});
    CHECK(no_change == 400);
    CHECK(e2.at("error").at("path") == "change_id");

    json wrong = w.demo;
    wrong["rows"][3]["planned"]["2023"] = "veel";
    auto [type, e3] = s.post("/api/v1/plans", {{"change_id", "t"}, {"plan", wrong}});
    CHECK(type == 400);
    CHECK(e3.at("error").at("code") == "json.type");
    CHECK(e3.at("error").at("path") == "plan.rows[3].planned[2023]");

    json newer = w.demo;
    newer["schema_version"] = 99;
    auto [version, e4] = s.post("/api/v1/plans", {{"change_id", "v"}, {"plan", newer}});
    CHECK(version == 400);
    CHECK(e4.at("error").at("code") == "json.schema_newer");
    CHECK(e4.at("error").at("path") == "plan.schema_version");

    json absurd = w.demo;
    absurd["rows"][0]["current_reach"] = 1e18;
    CHECK(s.post("/api/v1/plans", {{"change_id", "n"}, {"plan", absurd}}).second.at("error").at("code") == "json.out_of_range");

    json huge = {{"change_id", "big"}, {"plan", w.demo}};
    huge["plan"]["title"] = std::string(2 << 20, 'x');
    auto [too_large, e5] = s.post("/api/v1/plans", huge);
    CHECK(too_large == 413);
    CHECK(e5.at("error").at("code") == "too_large");

    auto [unknown, e6] = s.get("/api/v1/nothing-here");
    CHECK(unknown == 404);
    CHECK(e6.at("error").at("code") == "not_found");
    CHECK(s.get("/api/v1/plans/no-such-plan").first == 404);
    CHECK(s.get("/api/v1/plans").second.at("plans").empty());  // nothing was stored by any of these
}

TEST_CASE("[API] updates make revisions; a stale base revision is a conflict and both versions are kept") {
    World w;
    const std::string id = w.create_demo();
    const std::string path = "/api/v1/plans/" + id;
    Session s = w.lead();

    auto [ok, updated] = s.put(path, {{"change_id", "u-1"}, {"base_revision", 1}, {"plan", with_reach(w.demo, 900)}});
    REQUIRE(ok == 200);
    CHECK(updated.at("revision") == 2);
    CHECK(updated.at("changed") == json::array({"rows[0].planned[2024]", "rows[0].split[0].planned[2024]"}));

    // Another device edited revision 1 too: conflict, with the server's current version.
    const json theirs = with_reach(w.demo, 500);
    auto [conflict, body] = s.put(path, {{"change_id", "u-2"}, {"base_revision", 1}, {"plan", theirs}});
    CHECK(conflict == 409);
    CHECK(body.at("error").at("code") == "conflict");
    CHECK(body.at("current").at("revision") == 2);
    CHECK(body.at("current").at("plan").at("rows")[0].at("planned").at("2024") == 900);
    auto [listed, copies] = s.get(path + "/conflicts");
    REQUIRE(copies.at("conflicts").size() == 1);
    CHECK(copies["conflicts"][0].at("base_revision") == 1);
    CHECK(copies["conflicts"][0].at("plan").at("rows")[0].at("planned").at("2024") == 500);

    // Resending the conflicting change answers the same and stores no second copy.
    CHECK(s.put(path, {{"change_id", "u-2"}, {"base_revision", 1}, {"plan", theirs}}).first == 409);
    CHECK(s.get(path + "/conflicts").second.at("conflicts").size() == 1);

    // The coordinator resolves on top of revision 2.
    auto [resolved, r3] = s.put(path, {{"change_id", "u-3"}, {"base_revision", 2}, {"plan", with_reach(w.demo, 700)}});
    CHECK(resolved == 200);
    CHECK(r3.at("revision") == 3);

    // History: every revision with who and what; old ones still readable.
    auto [h, history] = s.get(path + "/revisions");
    REQUIRE(history.at("revisions").size() == 3);
    CHECK(history["revisions"][0].at("changed") == json::array({"*"}));
    CHECK(history["revisions"][1].at("author") == "42006");
    CHECK(s.get(path + "/revisions/1").second.at("plan").at("rows")[0].at("planned").at("2024") == 800);
    CHECK(s.get(path + "/revisions/2").second.at("plan").at("rows")[0].at("planned").at("2024") == 900);
    CHECK(s.get(path + "/revisions/9").first == 404);

    // An unchanged document makes no new revision; a resent update changes nothing.
    CHECK(s.put(path, {{"change_id", "u-4"}, {"base_revision", 3}, {"plan", with_reach(w.demo, 700)}}).second.at("revision") == 3);
    CHECK(s.put(path, {{"change_id", "u-3"}, {"base_revision", 2}, {"plan", with_reach(w.demo, 700)}}).first == 200);
    CHECK(s.get(path + "/revisions").second.at("revisions").size() == 3);
}

TEST_CASE("[API] another government can neither read nor write a plan, on any route") {
    World w;
    const std::string id = w.create_demo();
    const std::string path = "/api/v1/plans/" + id;
    Session other = w.as(w.other_token);
    for (const std::string& route : std::vector<std::string>{path, path + "/revisions", path + "/revisions/1", path + "/conflicts"}) {
        CAPTURE(route);
        CHECK(other.get(route).first == 404);
    }
    CHECK(other.put(path, {{"change_id", "o1"}, {"base_revision", 1}, {"plan", w.demo}}).first == 404);
    CHECK(other.post(path + "/submit", {{"change_id", "o2"}, {"base_revision", 1}}).first == 404);
    CHECK(other.post(path + "/results", {{"change_id", "o3"}, {"base_revision", 1}, {"results", {{{"row", 0}, {"year", 2022}}}}})
              .first == 404);
    CHECK(other.post(path + "/confirm", {{"change_id", "o4"}, {"targets", {{{"row", 0}, {"year", 2022}, {"confirmed_target", 1}}}}})
              .first == 403);
    CHECK(other.get("/api/v1/plans").second.at("plans").empty());
    CHECK(other.get("/api/v1/aggregate").first == 403);

    // A member of the IGS reads its plan but cannot change it.
    Session member = w.as(w.member_token);
    CHECK(member.get(path).first == 200);
    CHECK(member.get("/api/v1/plans").second.at("plans").size() == 1);
    CHECK(member.put(path, {{"change_id", "m1"}, {"base_revision", 1}, {"plan", w.demo}}).first == 403);
    CHECK(member.post(path + "/submit", {{"change_id", "m2"}, {"base_revision", 1}}).first == 403);
    CHECK(w.lead().get(path).second.at("revision") == 1);  // nothing changed
}

TEST_CASE("[API] draft with findings -> submitted (locked) -> confirmed by the agency -> results reported") {
    World w;
    json broken = w.demo;
    broken["iban"] = "BE68 5390 0754 7035";
    auto [created, draft] = w.lead().post("/api/v1/plans", {{"change_id", "d"}, {"plan", broken}});
    REQUIRE(created == 201);
    CHECK(draft.at("errors") == 1);  // a draft is stored with its findings
    CHECK(draft.at("findings")[0].at("code") == "iban.invalid");
    const std::string path = "/api/v1/plans/" + draft.at("id").get<std::string>();
    w.demo["id"] = draft.at("id");
    Session s = w.lead();

    auto [refused, why] = s.post(path + "/submit", {{"change_id", "s1"}, {"base_revision", 1}});
    CHECK(refused == 422);
    CHECK(why.at("error").at("code") == "plan_has_errors");
    REQUIRE(s.put(path, {{"change_id", "fix"}, {"base_revision", 1}, {"plan", w.demo}}).first == 200);
    CHECK(s.post(path + "/submit", {{"change_id", "s2"}, {"base_revision", 1}}).first == 409);  // stale base
    auto [submitted, sub] = s.post(path + "/submit", {{"change_id", "s3"}, {"base_revision", 2}});
    CHECK(submitted == 200);
    CHECK(sub.at("status") == "submitted");
    CHECK(sub.at("changed") == json::array({"status"}));
    auto [locked, lock_body] = s.put(path, {{"change_id", "late"}, {"base_revision", 3}, {"plan", with_reach(w.demo, 1)}});
    CHECK(locked == 409);
    CHECK(lock_body.at("error").at("code") == "plan_locked");
    CHECK(s.post(path + "/results", {{"change_id", "early"}, {"base_revision", 3}, {"results", {{{"row", 1}, {"year", 2022}}}}})
              .first == 409);

    // The agency confirms targets; the lead cannot.
    const json targets = {{"change_id", "conf"}, {"targets", {{{"row", 1}, {"year", 2022}, {"confirmed_target", 110}}}}};
    CHECK(s.post(path + "/confirm", targets).first == 403);
    auto [confirmed, conf] = w.as(w.agency_token).post(path + "/confirm", targets);
    REQUIRE(confirmed == 200);
    CHECK(conf.at("status") == "confirmed");
    CHECK(conf.at("author") == "abb");
    CHECK(conf.at("plan").at("rows")[1].at("results").at("2022").at("confirmed_target") == 110);
    auto [bad_row, bad] = w.as(w.agency_token).post(
        path + "/confirm", {{"change_id", "conf2"}, {"targets", {{{"row", 40}, {"year", 2022}, {"confirmed_target", 1}}}}});
    CHECK(bad_row == 400);
    CHECK(bad.at("error").at("path") == "targets[0].row");

    // The lead reports results against the confirmed target.
    auto [reported, rep] = s.post(path + "/results", {{"change_id", "res"},
                                                      {"base_revision", 4},
                                                      {"results", {{{"row", 1}, {"year", 2022}, {"interim_reach", 40}, {"final_reach", 100},
                                                                    {"reason", "Minder gezinnen bereikt."}, {"recovery_plan", "Extra brugfiguur."}}}}});
    REQUIRE(reported == 200);
    CHECK(rep.at("status") == "reported");
    CHECK(rep.at("plan").at("rows")[1].at("results").at("2022").at("final_reach") == 100);
    auto [negative, neg] = s.post(path + "/results", {{"change_id", "neg"}, {"base_revision", 5},
                                                      {"results", {{{"row", 1}, {"year", 2022}, {"final_reach", -3}}}}});
    CHECK(negative == 400);
    CHECK(neg.at("error").at("path") == "results[0].final_reach");
    CHECK(s.get(path + "/revisions").second.at("revisions").size() == 5);
}

TEST_CASE("[API] each step only by its role: the agency neither submits nor reports, a member neither") {
    World w;
    const std::string id = w.create_demo();
    const std::string path = "/api/v1/plans/" + id;
    Session agency = w.as(w.agency_token), member = w.as(w.member_token);
    auto [a_submit, as] = agency.post(path + "/submit", {{"change_id", "a1"}, {"base_revision", 1}});
    CHECK(a_submit == 403);
    CHECK(as.at("error").at("code") == "forbidden");
    REQUIRE(w.lead().post(path + "/submit", {{"change_id", "s1"}, {"base_revision", 1}}).first == 200);
    REQUIRE(agency.post(path + "/confirm", {{"change_id", "c1"}, {"targets", {{{"row", 0}, {"year", 2022}, {"confirmed_target", 5}}}}})
                .first == 200);
    const json results = {{"row", 0}, {"year", 2022}, {"final_reach", 4}};
    auto [a_results, ar] = agency.post(path + "/results", {{"change_id", "a2"}, {"base_revision", 3}, {"results", {results}}});
    CHECK(a_results == 403);
    CHECK(ar.at("error").at("code") == "forbidden");
    CHECK(member.post(path + "/results", {{"change_id", "m1"}, {"base_revision", 3}, {"results", {results}}}).first == 403);
    CHECK(member.post(path + "/return", {{"change_id", "m2"}, {"remark", "Nee."}}).first == 403);
    // A stale base revision is a conflict for results too; the current one is taken.
    auto [stale, st] = w.lead().post(path + "/results", {{"change_id", "r1"}, {"base_revision", 2}, {"results", {results}}});
    CHECK(stale == 409);
    CHECK(st.at("error").at("code") == "conflict");
    auto [reported, rep] = w.lead().post(path + "/results", {{"change_id", "r2"}, {"base_revision", 3}, {"results", {results}}});
    CHECK(reported == 200);
    CHECK(rep.at("revision") == 4);
    CHECK(rep.at("status") == "reported");
    // Each step is a revision of its own, with its author.
    const json history = w.lead().get(path + "/revisions").second.at("revisions");
    REQUIRE(history.size() == 4);
    CHECK(history[1].at("status") == "submitted");
    CHECK(history[2].at("author") == "abb");
    CHECK(history[2].at("status") == "confirmed");
    CHECK(history[3].at("status") == "reported");
}

namespace {

// The findings of `code` in a plan view.
std::vector<json> findings_of(const json& view, const std::string& code) {
    std::vector<json> found;
    for (const json& f : view.at("findings"))
        if (f.at("code") == code) found.push_back(f);
    return found;
}

}  // namespace

TEST_CASE("[API] the agency grants envelopes with its confirmation: only for years of a call with envelopes, whole cents from 0") {
    World w;
    const std::string id = w.create_demo();
    const std::string path = "/api/v1/plans/" + id;
    REQUIRE(w.lead().post(path + "/submit", {{"change_id", "s"}, {"base_revision", 1}}).first == 200);
    Session agency = w.as(w.agency_token);
    const json targets = {{{"row", 0}, {"year", 2022}, {"confirmed_target", 1000}}};
    auto confirm = [&](const std::string& change_id, const json& envelopes) {
        return agency.post(path + "/confirm", {{"change_id", change_id}, {"targets", targets}, {"envelopes", envelopes}});
    };

    // The demo plan is written against the 2022 call: 2022-2023 has no envelope, the later
    // years (the 2023 and 2024 calls) do.
    auto [y2022, e1] = confirm("e1", {{{"year", 2022}, {"cents", 100}}});
    CHECK(y2022 == 400);
    CHECK(e1.at("error").at("code") == "json.invalid");
    CHECK(e1.at("error").at("path") == "envelopes[0].year");
    CHECK(e1.at("error").at("message") ==
          "In 2022-2023 (oproep 2022) kent ABB geen enveloppe toe; een enveloppe hoort bij 2023-2024, 2024-2025.");
    auto [negative, e2] = confirm("e2", {{{"year", 2023}, {"cents", -1}}});
    CHECK(negative == 400);
    CHECK(e2.at("error").at("code") == "json.out_of_range");
    CHECK(e2.at("error").at("path") == "envelopes[0].cents");
    auto [too_much, e3] = confirm("e3", {{{"year", 2024}, {"cents", samenleven::kMaxEnvelopeCents + 1}}});
    CHECK(too_much == 400);
    CHECK(e3.at("error").at("path") == "envelopes[0].cents");
    auto [fraction, e4] = confirm("e4", {{{"year", 2023}, {"cents", 10.5}}});
    CHECK(fraction == 400);
    CHECK(e4.at("error").at("code") == "json.type");
    auto [twice, e5] = confirm("e5", {{{"year", 2023}, {"cents", 100}}, {{"year", 2023}, {"cents", 200}}});
    CHECK(twice == 400);
    CHECK(e5.at("error").at("path") == "envelopes[1].year");
    auto [no_year, e6] = confirm("e6", {{{"year", 2030}, {"cents", 100}}});
    CHECK(no_year == 400);
    CHECK(e6.at("error").at("code") == "json.unknown_year");
    CHECK(confirm("e7", "veel").second.at("error").at("path") == "envelopes");
    CHECK(confirm("e8", {{{"year", 2023}}}).second.at("error").at("path") == "envelopes[0].cents");
    CHECK(w.lead().get(path).second.at("revision") == 2);  // none of these changed the plan

    // EUR 1,000 for 2023-2024 (far below what the plan asks: a warning) and EUR 123,456 for 2024-2025.
    auto [ok, view] = confirm("e9", {{{"year", 2023}, {"cents", 100000}}, {{"year", 2024}, {"cents", 12345600}}});
    REQUIRE(ok == 200);
    CHECK(view.at("status") == "confirmed");
    CHECK(view.at("plan").at("envelope_cents") == json{{"2023", 100000}, {"2024", 12345600}});
    const json changed = view.at("changed");
    CHECK(std::count(changed.begin(), changed.end(), "envelope_cents[2023]") == 1);
    CHECK(std::count(changed.begin(), changed.end(), "envelope_cents[2024]") == 1);
    const std::vector<json> above = findings_of(view, "budget.above_envelope");
    REQUIRE_FALSE(above.empty());
    CHECK(above[0].at("path") == "envelope_cents[2023]");
    CHECK(above[0].at("severity") == "warning");
    // The coordinator reads the envelopes in the plan; a confirmation without them keeps them.
    CHECK(w.lead().get(path).second.at("plan").at("envelope_cents").at("2024") == 12345600);
    auto [again, kept] = agency.post(path + "/confirm", {{"change_id", "e10"}, {"targets", targets}});
    REQUIRE(again == 200);
    CHECK(kept.at("plan").at("envelope_cents") == json{{"2023", 100000}, {"2024", 12345600}});
}

TEST_CASE("[API] the agency records the jury's verdict on a confirmed plan; it renews a year-3 action below 25 %") {
    World w;
    const std::string id = w.create_demo();
    const std::string path = "/api/v1/plans/" + id;
    Session agency = w.as(w.agency_token), lead = w.lead(), member = w.as(w.member_token);
    auto verdict = [&](Session& who, const std::string& change_id, const json& value, int row = 0, int year = 2023) {
        return who.post(path + "/verdicts",
                        {{"change_id", change_id}, {"verdicts", {{{"row", row}, {"year", year}, {"jury_positive", value}}}}});
    };
    auto not_renewed = [&](const json& view) { return findings_of(view, "row.not_renewed"); };

    // Not before the agency confirmed the targets: a draft, then a submitted plan.
    auto [draft, d] = verdict(agency, "v0", true);
    CHECK(draft == 409);
    CHECK(d.at("error").at("code") == "not_confirmed");
    REQUIRE(lead.post(path + "/submit", {{"change_id", "s"}, {"base_revision", 1}}).first == 200);
    CHECK(verdict(agency, "v1", true).second.at("error").at("code") == "not_confirmed");

    // Action 5 in 2023-2024: current reach 400 + 700 additional, confirmed at 1,000. Its
    // 2024-2025 reach continues it only at an interim reach of at least 25 % of 1,000 = 250.
    REQUIRE(agency.post(path + "/confirm", {{"change_id", "c"}, {"targets", {{{"row", 0}, {"year", 2023}, {"confirmed_target", 1000}}}}})
                .first == 200);  // revision 3
    // Only the agency records a verdict; the coordinator and a member get 403.
    auto [coordinator, c] = verdict(lead, "v2", true);
    CHECK(coordinator == 403);
    CHECK(c.at("error").at("code") == "forbidden");
    CHECK(verdict(member, "v3", true).first == 403);
    // The jury judges the interim report: none yet for 2023-2024.
    auto [early, e] = verdict(agency, "v4", true);
    CHECK(early == 409);
    CHECK(e.at("error").at("code") == "no_interim_reach");
    CHECK(e.at("error").at("path") == "verdicts[0].year");

    // The interim reach is 240: 240 x 100 = 24,000 < 1,000 x 25 = 25,000, so the action stops in 2024-2025.
    auto [reported, rep] = lead.post(path + "/results", {{"change_id", "r"}, {"base_revision", 3},
                                                         {"results", {{{"row", 0}, {"year", 2023}, {"interim_reach", 240}}}}});
    REQUIRE(reported == 200);  // revision 4
    REQUIRE(not_renewed(rep).size() == 1);
    CHECK(not_renewed(rep)[0].at("path") == "rows[0].planned[2024]");
    CHECK(not_renewed(rep)[0].at("message").get<std::string>().find("240, minder dan 25 % van 1.000") != std::string::npos);
    const int errors = rep.at("errors");

    // A positive verdict renews it: the error is gone; the status stays; the agency is the author.
    auto [positive, pos] = verdict(agency, "v5", true);
    REQUIRE(positive == 200);
    CHECK(pos.at("revision") == 5);
    CHECK(pos.at("status") == "reported");
    CHECK(pos.at("author") == "abb");
    CHECK(pos.at("changed") == json::array({"rows[0].results[2023].jury_positive"}));
    CHECK(pos.at("plan").at("rows")[0].at("results").at("2023").at("jury_positive") == true);
    CHECK(not_renewed(pos).empty());
    CHECK(pos.at("errors") == errors - 1);
    // The same change again answers the same; the same verdict under a new change adds no revision.
    CHECK(verdict(agency, "v5", true).second.at("revision") == 5);
    CHECK(verdict(agency, "v6", true).second.at("revision") == 5);
    // The coordinator reads it (and its consequence) in the plan.
    const json seen = lead.get(path).second;
    CHECK(seen.at("plan").at("rows")[0].at("results").at("2023").at("jury_positive") == true);
    CHECK(not_renewed(seen).empty());

    // Negative: the action stops, and the finding says why.
    auto [negative, neg] = verdict(agency, "v7", false);
    REQUIRE(negative == 200);
    CHECK(neg.at("revision") == 6);
    REQUIRE(not_renewed(neg).size() == 1);
    CHECK(not_renewed(neg)[0].at("message").get<std::string>().find("de jury oordeelde negatief") != std::string::npos);
    // Cleared (null): no verdict; the interim reach decides again.
    auto [cleared, clr] = verdict(agency, "v8", nullptr);
    REQUIRE(cleared == 200);
    CHECK(clr.at("revision") == 7);
    CHECK_FALSE(clr.at("plan").at("rows")[0].at("results").at("2023").contains("jury_positive"));
    REQUIRE(not_renewed(clr).size() == 1);
    CHECK(not_renewed(clr)[0].at("message").get<std::string>().find("240") != std::string::npos);

    // Bad requests name the JSON path and change nothing.
    auto [text, t] = verdict(agency, "b1", "ja");
    CHECK(text == 400);
    CHECK(t.at("error").at("code") == "json.type");
    CHECK(t.at("error").at("path") == "verdicts[0].jury_positive");
    CHECK(agency.post(path + "/verdicts", {{"change_id", "b2"}, {"verdicts", {{{"row", 0}, {"year", 2023}}}}})
              .second.at("error").at("path") == "verdicts[0].jury_positive");
    CHECK(verdict(agency, "b3", true, 40).second.at("error").at("path") == "verdicts[0].row");
    CHECK(verdict(agency, "b4", true, 0, 2031).second.at("error").at("path") == "verdicts[0].year");
    CHECK(agency.post(path + "/verdicts", {{"change_id", "b5"}, {"verdicts", json::array()}}).second.at("error").at("path") ==
          "verdicts");
    CHECK(agency.post(path + "/verdicts", {{"verdicts", json::array()}}).second.at("error").at("path") == "change_id");
    CHECK(w.as(w.other_token).post(path + "/verdicts", {{"change_id", "o"}, {"verdicts", {{{"row", 0}, {"year", 2023}, {"jury_positive", true}}}}})
              .first == 403);

    // Each verdict is a revision of its own, by the agency, in the history.
    const json history = lead.get(path + "/revisions").second.at("revisions");
    REQUIRE(history.size() == 7);
    CHECK(history[4].at("author_name") == "Agentschap Binnenlands Bestuur");
    CHECK(history[4].at("status") == "reported");
    CHECK(history[6].at("changed") == json::array({"rows[0].results[2023].jury_positive"}));
}

TEST_CASE("[API] the agency's aggregate over all submitted plans") {
    World w;
    const std::string id = w.create_demo();
    Session agency = w.as(w.agency_token);
    CHECK(agency.get("/api/v1/aggregate").second.at("plans") == 0);  // drafts are left out
    CHECK(agency.get("/api/v1/aggregate?include_drafts=true").second.at("plans") == 1);
    REQUIRE(w.lead().post("/api/v1/plans/" + id + "/submit", {{"change_id", "s"}, {"base_revision", 1}}).first == 200);
    auto [status, totals] = agency.get("/api/v1/aggregate?year=2022");
    CHECK(status == 200);
    CHECK(totals.at("plans") == 1);
    CHECK(totals.at("flemish_total").at("cents") == 11'135'000);  // the demo plan's 2022-23 subsidy
    for (const auto& headline : totals.at("headlines"))
        if (headline.at("code") == "dutch_practice") {
            CHECK(headline.at("planned") == 1000);
            CHECK(headline.at("reached") == 1120);
        }
    CHECK(agency.get("/api/v1/aggregate?year=1999").first == 400);
}

TEST_CASE("[API] the agency sends a submitted plan back with a remark; the coordinator edits and submits again") {
    World w;
    const std::string id = w.create_demo();
    const std::string path = "/api/v1/plans/" + id;
    Session lead = w.lead();
    Session agency = w.as(w.agency_token);
    REQUIRE(lead.post(path + "/submit", {{"change_id", "s1"}, {"base_revision", 1}}).first == 200);

    const std::string remark = "Rij 2: het doel voor 2023 lijkt te hoog; graag nakijken.";
    const json request = {{"change_id", "ret-1"}, {"remark", "  " + remark + "\n"}, {"base_revision", 2}};
    auto [status, back] = agency.post(path + "/return", request);
    REQUIRE(status == 200);
    CHECK(back.at("status") == "draft");
    CHECK(back.at("revision") == 3);
    CHECK(back.at("current_revision") == 3);
    CHECK(back.at("changed") == json::array({"status"}));
    CHECK(back.at("remark") == remark);  // kept without the surrounding white space
    CHECK(back.at("author") == "abb");
    CHECK(back.at("author_name") == "Agentschap Binnenlands Bestuur");
    CHECK(back.at("updated_by") == "Agentschap Binnenlands Bestuur");
    CHECK(back.at("updated_at") == back.at("created_at"));
    CHECK(back.at("plan") == json(samenleven::write_plan(samenleven::read_plan(w.demo).plan)));  // the plan as it was

    // The coordinator sees the remark on the plan, in the list and in the history.
    auto [got, view] = lead.get(path);
    REQUIRE(got == 200);
    CHECK(view.at("status") == "draft");
    CHECK(view.at("revision") == 3);
    CHECK(view.at("remark") == remark);
    CHECK(view.at("updated_by") == "Agentschap Binnenlands Bestuur");
    const json listed = lead.get("/api/v1/plans").second.at("plans").at(0);
    CHECK(listed.at("status") == "draft");
    CHECK(listed.at("revision") == 3);
    CHECK(listed.at("remark") == remark);
    CHECK(listed.at("updated_by") == "Agentschap Binnenlands Bestuur");
    json history = lead.get(path + "/revisions").second.at("revisions");
    REQUIRE(history.size() == 3);
    CHECK(history[0].at("remark") == "");
    CHECK(history[0].at("author_name") == "Dendermonde");
    CHECK(history[2].at("status") == "draft");
    CHECK(history[2].at("remark") == remark);
    CHECK(history[2].at("author") == "abb");
    CHECK(history[2].at("author_name") == "Agentschap Binnenlands Bestuur");

    // A draft again: the coordinator edits it (the remark stays on the plan meanwhile) ...
    auto [edited, e] = lead.put(path, {{"change_id", "u-1"}, {"base_revision", 3}, {"plan", with_reach(w.demo, 900)}});
    REQUIRE(edited == 200);
    CHECK(e.at("revision") == 4);
    CHECK(e.at("remark") == remark);
    CHECK(e.at("updated_by") == "Dendermonde");
    // ... and submits it again, which clears the remark on the plan; the history keeps it.
    auto [submitted, sub] = lead.post(path + "/submit", {{"change_id", "s2"}, {"base_revision", 4}});
    REQUIRE(submitted == 200);
    CHECK(sub.at("status") == "submitted");
    CHECK(sub.at("revision") == 5);
    CHECK(sub.at("remark") == "");
    CHECK(lead.get(path).second.at("remark") == "");
    CHECK(lead.get("/api/v1/plans").second.at("plans").at(0).at("remark") == "");
    history = lead.get(path + "/revisions").second.at("revisions");
    REQUIRE(history.size() == 5);
    CHECK(history[2].at("remark") == remark);
    CHECK(history[3].at("remark") == "");
    CHECK(history[4].at("remark") == "");

    // Sending the same return again answers as the first time and changes nothing; another
    // request under its change_id is refused.
    auto res = agency.client.Post((path + "/return").c_str(), agency.headers(), request.dump(), "application/json");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Idempotent-Replayed") == "true");
    CHECK(json::parse(res->body) == back);
    auto [reused, r] = agency.post(path + "/return", {{"change_id", "ret-1"}, {"remark", "Iets anders."}});
    CHECK(reused == 422);
    CHECK(r.at("error").at("code") == "change_id_reused");
    const json after = lead.get(path).second;
    CHECK(after.at("status") == "submitted");
    CHECK(after.at("revision") == 5);
}

TEST_CASE("[API] sending a plan back: only the agency, only a submitted plan, with a remark of at most 2000 characters") {
    World w;
    const std::string id = w.create_demo();
    const std::string path = "/api/v1/plans/" + id;
    Session lead = w.lead();
    Session agency = w.as(w.agency_token);
    auto send_back = [&](Session& s, const std::string& change_id, const json& fields) {
        json body = fields;
        body["change_id"] = change_id;
        return s.post(path + "/return", body);
    };
    const json ok_remark = {{"remark", "Graag de begroting nakijken."}};

    // A draft cannot be sent back.
    auto [draft, d] = send_back(agency, "r-draft", ok_remark);
    CHECK(draft == 409);
    CHECK(d.at("error").at("code") == "not_submitted");
    CHECK(d.at("error").at("message").get<std::string>().find("werkversie") != std::string::npos);
    REQUIRE(lead.post(path + "/submit", {{"change_id", "s1"}, {"base_revision", 1}}).first == 200);

    // Only the agency.
    for (const std::string& token : {w.lead_token, w.member_token, w.other_token}) {
        Session s = w.as(token);
        auto [forbidden, f] = send_back(s, "r-" + token.substr(0, 8), ok_remark);
        CHECK(forbidden == 403);
        CHECK(f.at("error").at("code") == "forbidden");
        CHECK(f.at("error").at("message") == "Alleen het agentschap stuurt een plan terug.");
    }
    CHECK(agency.post("/api/v1/plans/no-such-plan/return", {{"change_id", "r-404"}, {"remark", "x"}}).first == 404);

    // The remark: present, text, not blank, at most 2000 characters.
    for (const json& fields : {json::object(), json{{"remark", ""}}, json{{"remark", " \n\t "}}}) {
        CAPTURE(fields.dump());
        auto [missing, m] = send_back(agency, "r-missing", fields);
        CHECK(missing == 400);
        CHECK(m.at("error").at("code") == "json.missing");
        CHECK(m.at("error").at("path") == "remark");
    }
    for (const json& fields : {json{{"remark", 42}}, json{{"remark", nullptr}}, json{{"remark", json::array({"tekst"})}}}) {
        CAPTURE(fields.dump());
        auto [type, t] = send_back(agency, "r-type", fields);
        CHECK(type == 400);
        CHECK(t.at("error").at("code") == "json.type");
        CHECK(t.at("error").at("path") == "remark");
    }
    auto [too_long, l] = send_back(agency, "r-long", {{"remark", std::string(2001, 'x')}});
    CHECK(too_long == 400);
    CHECK(l.at("error").at("code") == "json.invalid");
    CHECK(l.at("error").at("path") == "remark");

    // A stale base revision is a conflict; a base revision that is no number a bad request.
    auto [stale, c] = send_back(agency, "r-stale", {{"remark", "x"}, {"base_revision", 1}});
    CHECK(stale == 409);
    CHECK(c.at("error").at("code") == "conflict");
    CHECK(send_back(agency, "r-nan", {{"remark", "x"}, {"base_revision", "2"}}).first == 400);
    CHECK(lead.get(path).second.at("status") == "submitted");  // none of these changed anything
    CHECK(lead.get(path).second.at("revision") == 2);

    // 2000 characters are allowed, counted as characters (here 4000 bytes of UTF-8).
    std::string long_remark;
    for (int i = 0; i < 2000; ++i) long_remark += "\xC3\xA9";  // é
    auto [returned, ret] = send_back(agency, "r-ok", {{"remark", long_remark}, {"base_revision", 2}});
    REQUIRE(returned == 200);
    CHECK(ret.at("remark") == long_remark);

    // Neither can a confirmed plan be sent back.
    REQUIRE(lead.post(path + "/submit", {{"change_id", "s2"}, {"base_revision", 3}}).first == 200);
    REQUIRE(agency.post(path + "/confirm", {{"change_id", "conf"}, {"targets", {{{"row", 1}, {"year", 2022}, {"confirmed_target", 110}}}}})
                .first == 200);
    auto [confirmed, cf] = send_back(agency, "r-confirmed", ok_remark);
    CHECK(confirmed == 409);
    CHECK(cf.at("error").at("code") == "not_submitted");
    CHECK(cf.at("error").at("message").get<std::string>().find("bevestigd") != std::string::npos);
}

TEST_CASE("[API] the list shows each plan's applicant, subsidy, findings, last change and remark") {
    World w;
    const std::string demo_id = w.create_demo();
    // Hamme's own plan, with errors; Hamme is also a member of the demo IGS.
    const json hamme = json::parse(test_support::read_data("plan_with_errors.json"));
    REQUIRE(w.as(w.member_token).post("/api/v1/plans", {{"change_id", "h"}, {"plan", hamme}}).first == 201);

    auto [status, body] = w.as(w.agency_token).get("/api/v1/plans");
    REQUIRE(status == 200);
    REQUIRE(body.at("plans").size() == 2);
    json demo, errors;
    for (const auto& item : body.at("plans")) (item.at("id") == demo_id ? demo : errors) = item;

    CHECK(demo.at("applicant") == "Dendermonde");
    CHECK(demo.at("kind") == "igs");
    // As `samenleven calc tests/data/dendermonde_igs.json` prints it (subsidy_total, also
    // checked by the cli_calc_demo test): € 335.300,00.
    CHECK(demo.at("subsidy_cents") == 33'530'000);
    CHECK(demo.at("errors") == 0);
    CHECK(demo.at("warnings") == 1);
    CHECK(demo.at("status") == "draft");
    CHECK(demo.at("revision") == 1);
    CHECK(demo.at("owner") == "42006");
    CHECK(demo.at("updated_by") == "Dendermonde");
    CHECK(demo.at("updated_at").get<std::string>().size() == 24);
    CHECK(demo.at("remark") == "");

    CHECK(errors.at("applicant") == "Hamme");
    CHECK(errors.at("kind") == "municipality");
    CHECK(errors.at("subsidy_cents") == 14'100'000);  // `samenleven calc tests/data/plan_with_errors.json`: € 141.000,00
    CHECK(errors.at("errors") == 3);
    CHECK(errors.at("warnings") == 1);
    CHECK(errors.at("updated_by") == "Hamme");

    // Hamme sees both; Dendermonde only its own.
    CHECK(w.as(w.member_token).get("/api/v1/plans").second.at("plans").size() == 2);
    CHECK(w.lead().get("/api/v1/plans").second.at("plans").size() == 1);
}

namespace {

// A data folder's database as a server of schema version 2 left it (before remarks): the
// demo IGS's plan, submitted, in two revisions; tokens for its lead and the agency.
void write_v2_database(const std::string& file, const json& demo_plan) {
    using samenleven::server::Database;
    samenleven::server::init_crypto();
    Database db(file);
    db.exec(R"SQL(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE governments(
  key TEXT PRIMARY KEY, name TEXT NOT NULL,
  role TEXT NOT NULL CHECK(role IN ('government', 'agency')), created_at TEXT NOT NULL);
CREATE TABLE tokens(
  hash TEXT PRIMARY KEY, government_key TEXT NOT NULL REFERENCES governments(key), created_at TEXT NOT NULL);
CREATE TABLE plans(
  id TEXT PRIMARY KEY, owner_key TEXT NOT NULL, title TEXT NOT NULL, status TEXT NOT NULL,
  revision INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX plans_owner ON plans(owner_key);
CREATE TABLE plan_readers(
  plan_id TEXT NOT NULL REFERENCES plans(id), government_key TEXT NOT NULL,
  PRIMARY KEY(plan_id, government_key));
CREATE INDEX plan_readers_key ON plan_readers(government_key);
CREATE TABLE revisions(
  plan_id TEXT NOT NULL REFERENCES plans(id), revision INTEGER NOT NULL, status TEXT NOT NULL,
  document TEXT NOT NULL, findings TEXT NOT NULL, errors INTEGER NOT NULL, warnings INTEGER NOT NULL,
  author_key TEXT NOT NULL, change_id TEXT NOT NULL, changed TEXT NOT NULL, created_at TEXT NOT NULL,
  PRIMARY KEY(plan_id, revision));
CREATE TABLE conflicts(
  id INTEGER PRIMARY KEY AUTOINCREMENT, plan_id TEXT NOT NULL REFERENCES plans(id),
  base_revision INTEGER NOT NULL, server_revision INTEGER NOT NULL, document TEXT NOT NULL,
  author_key TEXT NOT NULL, change_id TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE changes(
  government_key TEXT NOT NULL, change_id TEXT NOT NULL, status INTEGER NOT NULL, body TEXT NOT NULL,
  created_at TEXT NOT NULL, request_hash TEXT NOT NULL DEFAULT '', PRIMARY KEY(government_key, change_id));
CREATE TABLE usage(government_key TEXT PRIMARY KEY, bytes INTEGER NOT NULL);
INSERT INTO meta VALUES('schema_version', '2');
INSERT INTO governments VALUES('42006', 'Dendermonde', 'government', '2025-01-10T09:00:00.000Z');
INSERT INTO governments VALUES('42008', 'Hamme', 'government', '2025-01-10T09:00:00.000Z');
INSERT INTO governments VALUES('abb', 'Agentschap Binnenlands Bestuur', 'agency', '2025-01-10T09:00:00.000Z');
INSERT INTO plans VALUES('demo-dendermonde-igs', '42006', 'Samenleven Dendermonde', 'submitted', 2,
  '2025-01-10T10:00:00.000Z', '2025-01-11T10:00:00.000Z');
INSERT INTO plan_readers VALUES('demo-dendermonde-igs', '42008');
)SQL");
    const std::string document = samenleven::write_plan(samenleven::read_plan(demo_plan).plan).dump();
    for (int revision : {1, 2})
        db.prepare("INSERT INTO revisions VALUES('demo-dendermonde-igs', ?, ?, ?, '[]', 0, 0, '42006', ?, ?, ?)")
            .bind(1, revision).bind(2, revision == 1 ? "draft" : "submitted").bind(3, document)
            .bind(4, "c" + std::to_string(revision)).bind(5, revision == 1 ? "[\"*\"]" : "[\"status\"]")
            .bind(6, revision == 1 ? "2025-01-10T10:00:00.000Z" : "2025-01-11T10:00:00.000Z").run();
    for (const auto& [token, key] : {std::pair{"v2-lead-token", "42006"}, std::pair{"v2-agency-token", "abb"}})
        db.prepare("INSERT INTO tokens VALUES(?, ?, '2025-01-10T09:00:00.000Z')")
            .bind(1, samenleven::server::blake2b_hex(token)).bind(2, key).run();
}

std::string schema_version(const std::string& file) {
    samenleven::server::Database db(file);
    auto s = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'");
    return s.step() ? s.text(0) : "";
}

// Serves a data folder holding the v2 database (opened as it is, or restored from it as a
// backup) and checks that its plan reads as before and can be sent back with a remark.
void check_upgraded(const std::string& data) {
    {
        ServerProcess server(data);
        Session lead{server.client(), "v2-lead-token"};
        Session agency{server.client(), "v2-agency-token"};
        const std::string path = "/api/v1/plans/demo-dendermonde-igs";
        auto [status, view] = lead.get(path);
        REQUIRE(status == 200);
        CHECK(view.at("status") == "submitted");
        CHECK(view.at("revision") == 2);
        CHECK(view.at("remark") == "");
        CHECK(view.at("updated_by") == "Dendermonde");
        CHECK(view.at("updated_at") == "2025-01-11T10:00:00.000Z");
        // Its document was stored under plan schema 1; it is read through the core's upgrade.
        CHECK(view.at("plan").at("schema_version") == 2);
        CHECK(view.at("plan").at("declarations").at("social_impact_bond").at("texts").size() == 3);
        const json history = lead.get(path + "/revisions").second.at("revisions");
        REQUIRE(history.size() == 2);
        CHECK(history[1].at("remark") == "");
        CHECK(history[1].at("author_name") == "Dendermonde");
        CHECK(lead.get("/api/v1/plans").second.at("plans").at(0).at("subsidy_cents") == 33'530'000);
        CHECK(agency.get("/api/v1/aggregate").second.at("plans") == 1);  // its totals were computed

        auto [returned, back] = agency.post(path + "/return", {{"change_id", "r"}, {"remark", "Graag nakijken."}});
        REQUIRE(returned == 200);
        CHECK(back.at("revision") == 3);
        CHECK(lead.get(path).second.at("remark") == "Graag nakijken.");
        CHECK(lead.get(path + "/revisions").second.at("revisions").at(2).at("remark") == "Graag nakijken.");
    }
    CHECK(schema_version(data + "/samenleven.sqlite3") == "4");
    CHECK(admin("check --data " + data) == "ok");
}

}  // namespace

TEST_CASE("[API] a database of schema version 2 opens, is upgraded to the current version, and its plans can be sent back") {
    const std::string dir = temp_dir("samenleven-v2");
    const std::string v2 = dir + "/v2.sqlite3";
    write_v2_database(v2, json::parse(test_support::read_data("stored/dendermonde_igs_v1.json")));
    REQUIRE(schema_version(v2) == "2");

    SUBCASE("the server starts on it") {
        const std::string data = temp_dir("samenleven-v2-data");
        std::filesystem::copy_file(v2, data + "/samenleven.sqlite3");
        check_upgraded(data);
        std::filesystem::remove_all(data);
    }
    SUBCASE("it is restored as a backup into a new data folder") {
        const std::string data = temp_dir("samenleven-v2-restored");
        CHECK(admin("restore --data " + data + " --from " + v2).find("restored") == 0);
        check_upgraded(data);
        std::filesystem::remove_all(data);
    }
    std::filesystem::remove_all(dir);
}

// [SECTION] the agency's overview: the aggregate from stored totals, its drill-down

namespace {

using samenleven::Aggregate;
using samenleven::Count;
using samenleven::Plan;
using samenleven::Totals;

struct CurrentPlan {
    std::string id;
    std::string status;
    Plan plan;
};

// The current plans as the agency reads them one at a time (GET /plans/{id}), by id.
std::vector<CurrentPlan> current_plans(Session& agency, bool include_drafts) {
    std::vector<CurrentPlan> plans;
    const json list = agency.get("/api/v1/plans").second;
    for (const auto& item : list.at("plans")) {
        if (!include_drafts && item.at("status") == "draft") continue;
        auto [status, view] = agency.get("/api/v1/plans/" + item.at("id").get<std::string>());
        REQUIRE(status == 200);
        plans.push_back({item.at("id"), item.at("status"), samenleven::read_plan(view.at("plan")).plan});
    }
    std::sort(plans.begin(), plans.end(), [](const CurrentPlan& a, const CurrentPlan& b) { return a.id < b.id; });
    return plans;
}

Plan only_objective(Plan plan, int objective) {
    const samenleven::Catalogue& catalogue = samenleven::default_catalogue();
    std::erase_if(plan.rows, [&](const samenleven::ActionRow& row) {
        const samenleven::Action* action = catalogue.find_action(row.action);
        return action == nullptr || action->objective != objective;
    });
    return plan;
}

// What GET /api/v1/aggregate must answer, computed by the core over the plans read one by one.
// Without an objective: aggregate_json() of aggregate() (with the represented governments per
// figure and in all), the year, include_drafts and the cooperation check over all the plans.
// With objective N: the plans that contribute to objective N, each reduced to the rows of N's
// actions; the Flemish total is N's subsidy (the stimulus is no objective's).
json expected_aggregate(const std::vector<CurrentPlan>& current, int year, bool drafts, int objective) {
    const samenleven::Catalogue& catalogue = samenleven::default_catalogue();
    std::vector<Plan> all, counted;
    for (const auto& c : current) all.push_back(c.plan);
    for (const Plan& plan : all) {
        if (objective == 0) {
            counted.push_back(plan);
            continue;
        }
        const Plan reduced = only_objective(plan, objective);
        const Aggregate alone = samenleven::aggregate({reduced}, catalogue, year);
        if (alone.skipped_plans > 0 || alone.per_objective.count(objective) > 0) counted.push_back(reduced);
    }
    Aggregate totals = samenleven::aggregate(counted, catalogue, year);
    if (objective != 0)
        totals.flemish_total = totals.per_objective.count(objective) ? totals.per_objective.at(objective).subsidy : 0;
    json report = samenleven::aggregate_json(totals, catalogue);
    report["year"] = year == 0 ? json("all") : json(year);
    report["include_drafts"] = drafts;
    report["findings"] = samenleven::findings_json(samenleven::validate_cooperations(all));
    if (objective != 0) report["objective"] = objective;
    return report;
}

std::string query(int year, bool drafts) {
    std::string q = "include_drafts=" + std::string(drafts ? "true" : "false");
    if (year != 0) q += "&year=" + std::to_string(year);
    return q;
}

// Every year (and all years), with and without drafts, for every objective and none: the
// answer from stored totals is the core's answer over the plans as GET /plans/{id} gives them.
void check_aggregates(Session& agency, const std::string& step) {
    CAPTURE(step);
    for (bool drafts : {false, true}) {
        const std::vector<CurrentPlan> plans = current_plans(agency, drafts);
        for (int year : {0, 2022, 2023, 2024})
            for (int objective = 0; objective <= 7; ++objective) {
                CAPTURE(drafts);
                CAPTURE(year);
                CAPTURE(objective);
                const std::string path = "/api/v1/aggregate?" + query(year, drafts) +
                                         (objective ? "&objective=" + std::to_string(objective) : std::string());
                auto [status, body] = agency.get(path);
                REQUIRE(status == 200);
                CHECK(body == expected_aggregate(plans, year, drafts, objective));
            }
    }
}

// Each figure of the aggregate (per action, headline and objective) drills down to the plans
// that make it up: as many as the figure counts, each with its own part (the core's aggregate
// over that plan alone), together the figure; most reached first, then most planned, then id.
void check_drill_down(Session& agency, int year, bool drafts) {
    CAPTURE(year);
    CAPTURE(drafts);
    const samenleven::Catalogue& catalogue = samenleven::default_catalogue();
    const json totals = agency.get("/api/v1/aggregate?" + query(year, drafts)).second;
    const std::vector<CurrentPlan> plans = current_plans(agency, drafts);
    int lists = 0;
    auto check = [&](const std::string& figure_param, const json& figure, const std::function<Totals(const Aggregate&)>& part_of) {
        CAPTURE(figure_param);
        auto [status, body] = agency.get("/api/v1/aggregate/plans?" + query(year, drafts) + "&" + figure_param);
        REQUIRE(status == 200);
        const json& list = body.at("plans");
        CHECK(list.size() == figure.at("plans").get<std::size_t>());
        lists += list.empty() ? 0 : 1;
        Count planned = 0, additional = 0, reached = 0, subsidy = 0, governments = 0;
        for (std::size_t i = 0; i < list.size(); ++i) {
            const json& item = list[i];
            const auto it = std::find_if(plans.begin(), plans.end(), [&](const CurrentPlan& c) { return c.id == item.at("id"); });
            REQUIRE(it != plans.end());
            const Totals part = part_of(samenleven::aggregate({it->plan}, catalogue, year));
            CHECK(part.plans == 1);
            CHECK(item.at("planned") == part.planned);
            CHECK(item.at("additional") == part.additional);
            CHECK(item.at("reached") == part.reached);
            CHECK(item.at("governments") == part.governments);
            CHECK(item.at("subsidy") == json{{"cents", part.subsidy}, {"text", samenleven::format_euro(part.subsidy)}});
            CHECK(item.at("title") == it->plan.title);
            CHECK(item.at("applicant") == it->plan.applicant.lead.name);
            CHECK(item.at("status") == it->status);
            planned += part.planned;
            additional += part.additional;
            reached += part.reached;
            subsidy += part.subsidy;
            governments += part.governments;
            if (i > 0) {
                const json& before = list[i - 1];
                const auto key = [](const json& x) {
                    return std::tuple(-x.at("reached").get<Count>(), -x.at("planned").get<Count>(), x.at("id").get<std::string>());
                };
                CHECK(key(before) < key(item));
            }
        }
        CHECK(planned == figure.at("planned"));
        CHECK(additional == figure.at("additional"));
        CHECK(reached == figure.at("reached"));
        CHECK(subsidy == figure.at("subsidy_cents"));
        CHECK(governments == figure.at("governments"));
    };
    for (const auto& figure : totals.at("per_action")) {
        const int action = figure.at("action");
        check("action=" + std::to_string(action), figure, [action](const Aggregate& a) {
            return a.per_action.count(action) ? a.per_action.at(action) : Totals{};
        });
    }
    for (std::size_t h = 0; h < totals.at("headlines").size(); ++h) {
        const json& figure = totals.at("headlines")[h];
        check("headline=" + figure.at("code").get<std::string>(), figure, [h](const Aggregate& a) { return a.headlines[h].second; });
    }
    for (const auto& figure : totals.at("per_objective")) {
        const int objective = figure.at("objective");
        check("objective=" + std::to_string(objective), figure, [objective](const Aggregate& a) {
            return a.per_objective.count(objective) ? a.per_objective.at(objective) : Totals{};
        });
    }
    for (const auto& objective : catalogue.objectives)  // an objective without plans: an empty list
        if (std::none_of(totals.at("per_objective").begin(), totals.at("per_objective").end(),
                         [&](const json& f) { return f.at("objective") == objective.number; }))
            CHECK(agency.get("/api/v1/aggregate/plans?" + query(year, drafts) + "&objective=" + std::to_string(objective.number))
                      .second.at("plans").empty());
    if (!plans.empty()) CHECK(lists > 0);
}

// A municipality's own valid plan, with numbers of its own.
json municipality_plan(const json& demo, const std::string& id, const std::string& nis, const std::string& name, int scale) {
    json plan = demo;
    plan["id"] = id;
    plan["title"] = "Samenleven " + name;
    plan["applicant"] = {{"kind", "municipality"},
                         {"lead", {{"nis_code", nis}, {"name", name}, {"non_eu14_residents", 20000}}},
                         {"members", json::array()}};
    plan["declarations"]["cooperation"] = {{"declared", false}, {"action", 0}, {"motivation", ""}};
    for (auto& row : plan["rows"]) {
        row.erase("split");
        row.erase("results");
        for (auto& [year, planned] : row["planned"].items())
            if (planned.get<int>() > 1) planned = planned.get<int>() * scale / 4;
    }
    return plan;
}

}  // namespace

TEST_CASE("[API] the aggregate from stored totals equals the core's over the plans, through the whole cycle") {
    World w;
    const std::string data = "--data " + w.server.data();
    const std::string rand_token = admin("add-government " + data + " --key derand --name 'de Rand'");
    Session agency = w.as(w.agency_token);
    Session lead = w.lead(), gent = w.as(w.other_token), hamme = w.as(w.member_token), rand = w.as(rand_token);
    check_aggregates(agency, "no plans");

    const std::string demo = w.create_demo();
    const std::string gent_id = created_id(gent.post("/api/v1/plans", {{"change_id", "g"}, {"plan", municipality_plan(w.demo, "gent", "44021", "Gent", 3)}}));
    // Hamme's own plan with errors (a draft), while Hamme is also a member of the demo IGS.
    REQUIRE(hamme.post("/api/v1/plans", {{"change_id", "h"}, {"plan", json::parse(test_support::read_data("plan_with_errors.json"))}})
                .first == 201);
    // De Rand with the facility municipalities: its lead is a vzw, not a local government.
    json rand_plan = municipality_plan(w.demo, "de-rand", "", "de Rand", 2);
    rand_plan["applicant"]["kind"] = "de_rand";
    rand_plan["applicant"]["members"] = {{{"nis_code", "23098"}, {"name", "Drogenbos"}, {"non_eu14_residents", 2500}},
                                         {{"nis_code", "23100"}, {"name", "Linkebeek"}, {"non_eu14_residents", 900}},
                                         {{"nis_code", "23102"}, {"name", "Wemmel"}, {"non_eu14_residents", 5200}}};
    const std::string rand_id = created_id(rand.post("/api/v1/plans", {{"change_id", "r"}, {"plan", rand_plan}}));
    check_aggregates(agency, "created");

    REQUIRE(lead.put("/api/v1/plans/" + demo, {{"change_id", "u"}, {"base_revision", 1}, {"plan", with_reach(w.demo, 900)}}).first == 200);
    check_aggregates(agency, "updated");

    REQUIRE(lead.post("/api/v1/plans/" + demo + "/submit", {{"change_id", "s"}, {"base_revision", 2}}).first == 200);
    REQUIRE(gent.post("/api/v1/plans/" + gent_id + "/submit", {{"change_id", "s"}, {"base_revision", 1}}).first == 200);
    check_aggregates(agency, "submitted");

    const json targets = {{{"row", 0}, {"year", 2022}, {"confirmed_target", 1200}},
                          {{"row", 1}, {"year", 2023}, {"confirmed_target", 90}},
                          {{"row", 2}, {"year", 2024}, {"confirmed_target", 55}}};
    REQUIRE(agency.post("/api/v1/plans/" + demo + "/confirm", {{"change_id", "c"}, {"targets", targets}}).first == 200);
    REQUIRE(agency.post("/api/v1/plans/" + gent_id + "/confirm", {{"change_id", "c-gent"}, {"targets", {targets[1]}}}).first == 200);
    check_aggregates(agency, "confirmed");

    const json results = {{{"row", 0}, {"year", 2022}, {"interim_reach", 500}, {"final_reach", 1300}},
                          {{"row", 1}, {"year", 2023}, {"final_reach", 70}, {"reason", "Minder gezinnen."}},
                          {{"row", 3}, {"year", 2024}, {"final_reach", 31}}};
    REQUIRE(lead.post("/api/v1/plans/" + demo + "/results", {{"change_id", "res"}, {"base_revision", 4}, {"results", results}}).first == 200);
    REQUIRE(gent.post("/api/v1/plans/" + gent_id + "/results", {{"change_id", "res"}, {"base_revision", 3}, {"results", {results[1]}}}).first == 200);
    check_aggregates(agency, "results");
    for (int year : {0, 2022, 2023, 2024})
        for (bool drafts : {false, true}) check_drill_down(agency, year, drafts);

    // A plan sent back is a draft again: it leaves the totals without drafts.
    REQUIRE(rand.post("/api/v1/plans/" + rand_id + "/submit", {{"change_id", "s"}, {"base_revision", 1}}).first == 200);
    REQUIRE(agency.post("/api/v1/plans/" + rand_id + "/return", {{"change_id", "ret"}, {"remark", "Graag de cijfers nakijken."}}).first == 200);
    check_aggregates(agency, "returned");
    check_drill_down(agency, 0, false);
    check_drill_down(agency, 2022, true);

    // The published shape: the counted plans and the governments they represent, summed over
    // the plans (aggregate.h): Dendermonde, Hamme, Lebbeke, Buggenhout (the IGS), Hamme again
    // (its own plan, reported as a finding), Gent, and de Rand's three municipalities (not the vzw).
    const json all = agency.get("/api/v1/aggregate?include_drafts=true").second;
    CHECK(all.at("plans") == 4);
    CHECK(all.at("governments") == 9);
    CHECK(all.at("findings").size() == 1);  // Hamme in two applications
    CHECK(agency.get("/api/v1/aggregate").second.at("governments") == 5);  // the demo IGS and Gent
    // Per figure, by hand: action 5 (every plan has it; the IGS's split gives all four a share
    // above 0 in 2022) 4 + 1 + 1 + 3 = 9; the headline "dutch_practice" the same, with its part.
    const json year1 = agency.get("/api/v1/aggregate?include_drafts=true&year=2022").second;
    const auto figure = [](const json& list, const char* key, const json& value) {
        for (const json& item : list)
            if (item.at(key) == value) return item;
        FAIL("no figure " << value);
        return json();
    };
    CHECK(figure(year1.at("per_action"), "action", 5).at("plans") == 4);
    CHECK(figure(year1.at("per_action"), "action", 5).at("governments") == 9);
    const json dutch_figure = figure(year1.at("headlines"), "code", "dutch_practice");
    CHECK(dutch_figure.at("governments") == 9);
    CHECK(dutch_figure.at("parts") == json::parse(R"([{"action":5,"name":"Oefenkansen Nederlands","target_groups":["adult_learners"]}])"));
    const json dutch = agency.get("/api/v1/aggregate?include_drafts=true&objective=2").second;
    CHECK(dutch.at("objective") == 2);
    REQUIRE(dutch.at("per_action").size() == 1);
    CHECK(dutch.at("per_action")[0].at("action") == 5);
}

TEST_CASE("[API] the overview's routes: only the agency; bad parameters get 400 naming the parameter") {
    World w;
    w.create_demo();
    for (const std::string& path : {std::string("/api/v1/aggregate"), std::string("/api/v1/aggregate/plans?action=5")}) {
        CAPTURE(path);
        CHECK(w.as("").get(path).first == 401);
        for (const std::string& token : {w.lead_token, w.member_token, w.other_token}) {
            auto [status, body] = w.as(token).get(path);
            CHECK(status == 403);
            CHECK(body.at("error").at("code") == "forbidden");
        }
    }
    Session agency = w.as(w.agency_token);
    const std::vector<std::pair<std::string, std::string>> bad = {
        {"/api/v1/aggregate?year=1999", "year"},
        {"/api/v1/aggregate?year=twee", "year"},
        {"/api/v1/aggregate?include_drafts=ja", "include_drafts"},
        {"/api/v1/aggregate?objective=0", "objective"},
        {"/api/v1/aggregate?objective=8", "objective"},
        {"/api/v1/aggregate?objective=-1", "objective"},
        {"/api/v1/aggregate?objective=", "objective"},
        {"/api/v1/aggregate/plans", "action"},
        {"/api/v1/aggregate/plans?year=2022", "action"},
        {"/api/v1/aggregate/plans?action=5&objective=2", "objective"},
        {"/api/v1/aggregate/plans?action=5&headline=dutch_practice", "headline"},
        {"/api/v1/aggregate/plans?action=25", "action"},
        {"/api/v1/aggregate/plans?action=vijf", "action"},
        {"/api/v1/aggregate/plans?headline=nothing", "headline"},
        {"/api/v1/aggregate/plans?objective=9", "objective"},
        {"/api/v1/aggregate/plans?action=5&year=2025", "year"},
        {"/api/v1/aggregate/plans?action=5&include_drafts=1", "include_drafts"},
    };
    for (const auto& [path, parameter] : bad) {
        CAPTURE(path);
        auto [status, body] = agency.get(path);
        CHECK(status == 400);
        CHECK(body.at("error").at("code") == "invalid_parameter");
        CHECK(body.at("error").at("path") == parameter);
        CHECK(body.at("error").at("message").get<std::string>().find(parameter) != std::string::npos);
    }
    // An action without figures (not subsidised) has no plans.
    auto [status, none] = agency.get("/api/v1/aggregate/plans?action=1&include_drafts=true");
    CHECK(status == 200);
    CHECK(none == json{{"plans", json::array()}});
    auto [ok, dutch] = agency.get("/api/v1/aggregate/plans?headline=dutch_practice&include_drafts=true&year=2022");
    REQUIRE(ok == 200);
    REQUIRE(dutch.at("plans").size() == 1);
    CHECK(dutch.at("plans")[0] == json{{"id", w.demo.at("id")},
                                       {"title", w.demo.at("title")},
                                       {"applicant", "Dendermonde"},
                                       {"status", "draft"},
                                       {"planned", 1000},
                                       {"additional", 600},
                                       {"reached", 1120},
                                       {"governments", 4},
                                       {"subsidy", {{"cents", 3'600'000}, {"text", "€ 36.000,00"}}}});
}

namespace {

// A data folder's database as a server of schema version 3 left it (before stored totals):
// the demo IGS confirmed with results (four revisions), Gent's own plan submitted, Hamme's plan
// with errors as a draft (Hamme is also in the IGS: a cooperation finding); an agency token.
void write_v3_database(const std::string& file, const json& demo_plan) {
    using samenleven::server::Database;
    samenleven::server::init_crypto();
    Database db(file);
    db.exec(R"SQL(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE governments(
  key TEXT PRIMARY KEY, name TEXT NOT NULL,
  role TEXT NOT NULL CHECK(role IN ('government', 'agency')), created_at TEXT NOT NULL);
CREATE TABLE tokens(
  hash TEXT PRIMARY KEY, government_key TEXT NOT NULL REFERENCES governments(key), created_at TEXT NOT NULL);
CREATE TABLE plans(
  id TEXT PRIMARY KEY, owner_key TEXT NOT NULL, title TEXT NOT NULL, status TEXT NOT NULL,
  revision INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, remark TEXT NOT NULL DEFAULT '');
CREATE INDEX plans_owner ON plans(owner_key);
CREATE TABLE plan_readers(
  plan_id TEXT NOT NULL REFERENCES plans(id), government_key TEXT NOT NULL,
  PRIMARY KEY(plan_id, government_key));
CREATE INDEX plan_readers_key ON plan_readers(government_key);
CREATE TABLE revisions(
  plan_id TEXT NOT NULL REFERENCES plans(id), revision INTEGER NOT NULL, status TEXT NOT NULL,
  document TEXT NOT NULL, findings TEXT NOT NULL, errors INTEGER NOT NULL, warnings INTEGER NOT NULL,
  author_key TEXT NOT NULL, change_id TEXT NOT NULL, changed TEXT NOT NULL, created_at TEXT NOT NULL,
  remark TEXT NOT NULL DEFAULT '', PRIMARY KEY(plan_id, revision));
CREATE TABLE conflicts(
  id INTEGER PRIMARY KEY AUTOINCREMENT, plan_id TEXT NOT NULL REFERENCES plans(id),
  base_revision INTEGER NOT NULL, server_revision INTEGER NOT NULL, document TEXT NOT NULL,
  author_key TEXT NOT NULL, change_id TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE changes(
  government_key TEXT NOT NULL, change_id TEXT NOT NULL, status INTEGER NOT NULL, body TEXT NOT NULL,
  created_at TEXT NOT NULL, request_hash TEXT NOT NULL DEFAULT '', PRIMARY KEY(government_key, change_id));
CREATE TABLE usage(government_key TEXT PRIMARY KEY, bytes INTEGER NOT NULL);
INSERT INTO meta VALUES('schema_version', '3');
INSERT INTO governments VALUES('42006', 'Dendermonde', 'government', '2025-01-10T09:00:00.000Z');
INSERT INTO governments VALUES('42008', 'Hamme', 'government', '2025-01-10T09:00:00.000Z');
INSERT INTO governments VALUES('44021', 'Gent', 'government', '2025-01-10T09:00:00.000Z');
INSERT INTO governments VALUES('abb', 'Agentschap Binnenlands Bestuur', 'agency', '2025-01-10T09:00:00.000Z');
INSERT INTO plans VALUES('demo-dendermonde-igs', '42006', 'IGS Dendermonde - Lebbeke - Buggenhout - Hamme', 'reported', 4,
  '2025-01-10T10:00:00.000Z', '2025-06-11T10:00:00.000Z', '');
INSERT INTO plan_readers VALUES('demo-dendermonde-igs', '42008');
INSERT INTO plans VALUES('gent', '44021', 'Samenleven Gent', 'submitted', 2,
  '2025-01-12T10:00:00.000Z', '2025-01-13T10:00:00.000Z', '');
INSERT INTO plans VALUES('hamme', '42008', 'Hamme alleen', 'draft', 1,
  '2025-01-14T10:00:00.000Z', '2025-01-14T10:00:00.000Z', '');
)SQL");
    auto add = [&](const std::string& id, int revision, const std::string& status, const json& plan, const std::string& author) {
        const std::string document = samenleven::write_plan(samenleven::read_plan(plan).plan).dump();
        db.prepare("INSERT INTO revisions VALUES(?, ?, ?, ?, '[]', 0, 0, ?, ?, '[\"*\"]', '2025-01-10T10:00:00.000Z', '')")
            .bind(1, id).bind(2, revision).bind(3, status).bind(4, document).bind(5, author)
            .bind(6, id + "-" + std::to_string(revision)).run();
    };
    json before_results = demo_plan;  // the demo's results arrive with the last revision
    for (auto& row : before_results["rows"]) row.erase("results");
    add("demo-dendermonde-igs", 1, "draft", before_results, "42006");
    add("demo-dendermonde-igs", 2, "submitted", before_results, "42006");
    json confirmed = before_results;
    confirmed["rows"][0]["results"] = {{"2022", {{"confirmed_target", 1000}}}};
    add("demo-dendermonde-igs", 3, "confirmed", confirmed, "abb");
    add("demo-dendermonde-igs", 4, "reported", demo_plan, "42006");
    const json gent = municipality_plan(demo_plan, "gent", "44021", "Gent", 5);
    add("gent", 1, "draft", gent, "44021");
    add("gent", 2, "submitted", gent, "44021");
    json hamme = json::parse(test_support::read_data("plan_with_errors.json"));
    hamme["id"] = "hamme";
    add("hamme", 1, "draft", hamme, "42008");
    db.prepare("INSERT INTO tokens VALUES(?, 'abb', '2025-01-10T09:00:00.000Z')")
        .bind(1, samenleven::server::blake2b_hex("v3-agency-token")).run();
}

// (plans with stored totals of their current revision for all years and each project year,
// the stored fingerprint)
std::pair<std::int64_t, std::string> stored_totals(const std::string& file) {
    samenleven::server::Database db(file);
    auto count = db.prepare("SELECT COUNT(*) FROM (SELECT t.plan_id FROM plan_totals t JOIN plans p ON p.id = t.plan_id "
                            "AND p.revision = t.revision GROUP BY t.plan_id HAVING COUNT(*) = 4)");
    auto fingerprint = db.prepare("SELECT value FROM meta WHERE key = 'totals_fingerprint'");
    return {count.step() ? count.integer(0) : -1, fingerprint.step() ? fingerprint.text(0) : ""};
}

}  // namespace

TEST_CASE("[API] a database of schema version 3 is upgraded to 4 with the totals of its current revisions") {
    const std::string data = temp_dir("samenleven-v3");
    const std::string file = data + "/samenleven.sqlite3";
    write_v3_database(file, json::parse(test_support::read_data("stored/dendermonde_igs_v1.json")));
    REQUIRE(schema_version(file) == "3");
    {
        ServerProcess server(data);
        Session agency{server.client(), "v3-agency-token"};
        const json all = agency.get("/api/v1/aggregate?include_drafts=true").second;
        CHECK(all.at("plans") == 3);
        CHECK(all.at("findings").size() == 1);
        check_aggregates(agency, "upgraded from version 3");
        check_drill_down(agency, 0, true);
        check_drill_down(agency, 2022, false);
    }
    CHECK(schema_version(file) == "4");
    const auto [with_totals, fingerprint] = stored_totals(file);
    CHECK(with_totals == 3);  // computed by the migration, not on reading
    CHECK(fingerprint.size() == 64);
    CHECK(admin("check --data " + data) == "ok");
    std::filesystem::remove_all(data);
}

namespace {

// tests/data/totals_format1.txt: the demo plan's totals as format 1 stored them (no governments),
// by line: "fingerprint F", "header HEX", then "YEAR HEX" per stored year.
std::map<std::string, std::string> format1_totals() {
    std::map<std::string, std::string> found;
    std::istringstream lines(test_support::read_data("totals_format1.txt"));
    for (std::string line; std::getline(lines, line);) {
        if (line.empty() || line[0] == '#') continue;
        const std::size_t space = line.find(' ');
        std::string value = line.substr(space + 1);
        if (line.substr(0, space) != "fingerprint") {
            std::string bytes;
            for (std::size_t i = 0; i + 1 < value.size(); i += 2) bytes += static_cast<char>(std::stoi(value.substr(i, 2), nullptr, 16));
            value = std::move(bytes);
        }
        found[line.substr(0, space)] = std::move(value);
    }
    return found;
}

// Whether every stored totals row of the plan is of this build's format.
bool stored_in_current_format(const std::string& file, const std::string& plan_id) {
    samenleven::server::Database db(file);
    auto s = db.prepare("SELECT header FROM plan_totals WHERE plan_id = ?");
    s.bind(1, plan_id);
    int rows = 0;
    bool current = true;
    while (s.step()) {
        ++rows;
        current = current && samenleven::server::current_format(s.blob(0));
    }
    return rows == 4 && current;
}

}  // namespace

TEST_CASE("[API] stored totals of format 1 (before represented governments) are refused when read on their own") {
    const std::map<std::string, std::string> old = format1_totals();
    REQUIRE(old.size() == 6);
    CHECK_FALSE(samenleven::server::current_format(old.at("header")));
    CHECK_THROWS_AS(samenleven::server::read_header(old.at("header")), samenleven::server::DatabaseError);
    const Plan demo = samenleven::read_plan_text(test_support::read_data("dendermonde_igs.json")).plan;
    CHECK(samenleven::server::current_format(samenleven::server::plan_totals(demo).header));
    CHECK(samenleven::server::totals_fingerprint() != old.at("fingerprint"));
}

TEST_CASE("[API] the aggregate reads the stored totals, not the documents; computed again when the core or their format changes") {
    World w;
    const std::string demo = w.create_demo();
    const std::string gent_id =
        created_id(w.as(w.other_token).post("/api/v1/plans", {{"change_id", "g"}, {"plan", municipality_plan(w.demo, "gent", "44021", "Gent", 3)}}));
    REQUIRE(w.lead().post("/api/v1/plans/" + demo + "/submit", {{"change_id", "s"}, {"base_revision", 1}}).first == 200);
    const std::vector<std::string> paths = {"/api/v1/aggregate?include_drafts=true", "/api/v1/aggregate?year=2023",
                                            "/api/v1/aggregate?include_drafts=true&objective=2&year=2022",
                                            "/api/v1/aggregate/plans?include_drafts=true&headline=dutch_practice"};
    std::vector<json> before;
    for (const auto& path : paths) before.push_back(w.as(w.agency_token).get(path).second);
    // By hand: the demo IGS represents four governments, and its split gives each a share of
    // action 5 above 0 in every year; Gent is one.
    CHECK(before[0].at("governments") == 5);
    CHECK(before[3].at("plans").size() == 2);
    for (const json& plan : before[3].at("plans")) CHECK(plan.at("governments") == (plan.at("id") == gent_id ? 1 : 4));
    const std::string file = w.server.data() + "/samenleven.sqlite3";
    w.server.stop(SIGTERM);
    const std::string fingerprint = stored_totals(file).second;
    auto restart_and_compare = [&] {
        w.server.start();
        for (std::size_t i = 0; i < paths.size(); ++i) {
            CAPTURE(paths[i]);
            auto [status, body] = w.as(w.agency_token).get(paths[i]);
            CHECK(status == 200);
            CHECK(body == before[i]);
        }
        w.server.stop(SIGTERM);
    };
    SUBCASE("documents made unreadable: the same answers, from the stored totals alone") {
        samenleven::server::Database(file).exec("UPDATE revisions SET document = 'not a plan'");
        restart_and_compare();
    }
    SUBCASE("another fingerprint (a new catalogue or rules): every plan's totals are computed again at start") {
        {
            samenleven::server::Database db(file);
            db.exec("UPDATE meta SET value = 'older' WHERE key = 'totals_fingerprint'");
            db.exec("UPDATE plan_totals SET header = x'07', slices = x'07'");  // unreadable unless recomputed
        }
        restart_and_compare();
        CHECK(stored_totals(file) == std::pair<std::int64_t, std::string>{2, fingerprint});
    }
    SUBCASE("totals missing or of another revision: read from the current document") {
        {
            samenleven::server::Database db(file);
            db.exec("DELETE FROM plan_totals WHERE plan_id = 'gent'");
            db.exec("UPDATE plan_totals SET revision = 1, header = x'07', slices = x'07' WHERE plan_id = 'demo-dendermonde-igs'");
        }
        restart_and_compare();
    }
    // The demo plan's totals as format 1 stored them (tests/data/totals_format1.txt: no
    // represented governments), under a fingerprint.
    const std::map<std::string, std::string> old = format1_totals();
    auto store_format1 = [&](const std::string& stored_fingerprint) {
        samenleven::server::Database db(file);
        for (const char* year : {"0", "2022", "2023", "2024"})
            db.prepare("UPDATE plan_totals SET header = ?, slices = ? WHERE plan_id = ? AND year = ?")
                .bind_blob(1, old.at("header")).bind_blob(2, old.at(year)).bind(3, demo).bind(4, std::stoi(year)).run();
        db.prepare("UPDATE meta SET value = ? WHERE key = 'totals_fingerprint'").bind(1, stored_fingerprint).run();
        REQUIRE_FALSE(stored_in_current_format(file, demo));
    };
    SUBCASE("totals of format 1 as its build left them (its fingerprint): computed again at start") {
        store_format1(old.at("fingerprint"));
        restart_and_compare();
        CHECK(stored_totals(file) == std::pair<std::int64_t, std::string>{2, fingerprint});
        CHECK(stored_in_current_format(file, demo));
    }
    SUBCASE("totals of format 1 under this build's fingerprint (not computed at start): read from the document") {
        store_format1(fingerprint);
        restart_and_compare();
        CHECK_FALSE(stored_in_current_format(file, demo));  // left as they were, and not read
    }
    w.server.start();  // for the World's own stop
}

TEST_CASE("[API] the agency allocates a year's budget by priority over the current plans, as the core does") {
    World w;
    const std::string demo = w.create_demo();
    Session agency = w.as(w.agency_token), gent = w.as(w.other_token);
    const std::string gent_id = created_id(gent.post("/api/v1/plans", {{"change_id", "g"}, {"plan", municipality_plan(w.demo, "gent", "44021", "Gent", 3)}}));
    REQUIRE(w.as(w.member_token)
                .post("/api/v1/plans", {{"change_id", "h"}, {"plan", json::parse(test_support::read_data("plan_with_errors.json"))}})
                .first == 201);
    REQUIRE(w.lead().post("/api/v1/plans/" + demo + "/submit", {{"change_id", "s"}, {"base_revision", 1}}).first == 200);
    REQUIRE(gent.post("/api/v1/plans/" + gent_id + "/submit", {{"change_id", "s"}, {"base_revision", 1}}).first == 200);

    const samenleven::Catalogue& catalogue = samenleven::default_catalogue();
    for (bool drafts : {false, true})
        for (int year : {2022, 2023, 2024})
            for (long long euros : {0LL, 50'000LL, 150'000LL, 1'000'000'000LL}) {
                CAPTURE(drafts);
                CAPTURE(year);
                CAPTURE(euros);
                std::vector<Plan> plans;
                for (const auto& c : current_plans(agency, drafts)) plans.push_back(c.plan);
                json expected = samenleven::allocation_json(samenleven::allocate(plans, catalogue, year, euros * 100));
                expected["call"] = "2022";
                expected["include_drafts"] = drafts;
                expected["skipped_plans"] = 0;
                expected["findings"] = samenleven::findings_json(samenleven::validate_cooperations(plans));
                auto [status, body] = agency.get("/api/v1/allocation?year=" + std::to_string(year) + "&budget=" + std::to_string(euros) +
                                                 "&include_drafts=" + (drafts ? "true" : "false"));
                REQUIRE(status == 200);
                CHECK(body == expected);
                CHECK(body.at("plans").size() == (drafts ? 3u : 2u));
            }
    // Money runs out within a priority: the answer says where, and funds some rows partly.
    const json partial = agency.get("/api/v1/allocation?year=2022&budget=150000").second;
    CHECK(partial.at("budget").at("cents") == 15'000'000);
    CHECK(partial.at("allocated").at("cents") == 15'000'000);
    CHECK(partial.at("partial_priority").get<int>() > 0);

    // Refusals: who may ask, and the parameters, each named.
    CHECK(w.as("").get("/api/v1/allocation?year=2022&budget=1").first == 401);
    for (const std::string& token : {w.lead_token, w.member_token, w.other_token}) {
        auto [status, body] = w.as(token).get("/api/v1/allocation?year=2022&budget=1");
        CHECK(status == 403);
        CHECK(body.at("error").at("code") == "forbidden");
    }
    const std::vector<std::pair<std::string, std::string>> bad = {
        {"budget=1000", "year"},
        {"year=2031&budget=1000", "year"},
        {"year=2022", "budget"},
        {"year=2022&budget=", "budget"},
        {"year=2022&budget=-5", "budget"},
        {"year=2022&budget=1000.50", "budget"},
        {"year=2022&budget=14.136.359", "budget"},
        {"year=2022&budget=1e6", "budget"},
        {"year=2022&budget=1000000000000", "budget"},
        {"year=2022&budget=1000&include_drafts=ja", "include_drafts"},
    };
    for (const auto& [parameters, parameter] : bad) {
        CAPTURE(parameters);
        auto [status, body] = agency.get("/api/v1/allocation?" + parameters);
        CHECK(status == 400);
        CHECK(body.at("error").at("code") == "invalid_parameter");
        CHECK(body.at("error").at("path") == parameter);
        CHECK(body.at("error").at("message").get<std::string>().find(parameter) != std::string::npos);
    }
}

// [SECTION] strict JSON: keys given twice, control characters in texts (issue 19, item 6)

namespace {

const std::string kTwice = "' staat twee keer in hetzelfde object; een veld mag maar één keer voorkomen.";

// The error of a 400 answer: code, path and message.
void check_refused(const std::pair<int, json>& answer, const std::string& code, const std::string& path,
                   const std::string& message) {
    CHECK(answer.first == 400);
    const json& error = answer.second.at("error");
    CHECK(error.at("code") == code);
    CHECK(error.at("path") == path);
    CHECK(error.at("message") == message);
}

// `object` (dumped) with `member` (e.g. "\"id\":\"tweede\"") added once more at its end.
std::string with_member(const json& object, const std::string& member) {
    std::string text = object.dump();
    text.insert(text.size() - 1, "," + member);
    return text;
}

}  // namespace

TEST_CASE("[API] a key given twice is refused with 400 naming its path, and nothing is stored") {
    World w;
    Session s = w.lead();
    json other = w.demo;
    other["title"] = "Een ander plan";
    const json request = {{"change_id", "a"}, {"plan", w.demo}};

    // change_id twice: a reader that takes the first sees another change than one that takes the last.
    check_refused(s.send("POST", "/api/v1/plans", with_member(request, "\"change_id\":\"b\"")), "json.duplicate_key",
                  "change_id", "Het veld 'change_id" + kTwice);
    // "plan" twice: which plan would be stored?
    check_refused(s.send("POST", "/api/v1/plans", with_member(request, "\"plan\":" + other.dump())), "json.duplicate_key",
                  "plan", "Het veld 'plan" + kTwice);
    // A plan's id twice, nested, and spelt with an escape.
    const std::string plan_twice = "{\"change_id\":\"c\",\"plan\":" + with_member(w.demo, "\"\\u0069d\":\"tweede\"") + "}";
    check_refused(s.send("POST", "/api/v1/plans", plan_twice), "json.duplicate_key", "plan.id", "Het veld 'id" + kTwice);
    const std::string row_twice = "{\"change_id\":\"d\",\"plan\":" +
                                  w.demo.dump().replace(w.demo.dump().find("\"action\":9,"), 11, "\"action\":9,\"action\":10,") + "}";
    check_refused(s.send("POST", "/api/v1/plans", row_twice), "json.duplicate_key", "plan.rows[2].action",
                  "Het veld 'action" + kTwice);
    CHECK(s.get("/api/v1/plans").second.at("plans").empty());  // nothing was stored

    // The change ids of the refused requests were not used up: "a" creates the plan now.
    auto [created, body] = s.post("/api/v1/plans", request);
    REQUIRE(created == 201);
    const std::string path = "/api/v1/plans/" + body.at("id").get<std::string>();
    // An update with its base revision twice, and a step with its change_id twice.
    const json update = {{"change_id", "u"}, {"base_revision", 1}, {"plan", other}};
    check_refused(s.send("PUT", path, with_member(update, "\"base_revision\":2")), "json.duplicate_key", "base_revision",
                  "Het veld 'base_revision" + kTwice);
    check_refused(s.send("POST", path + "/submit", "{\"change_id\":\"s\",\"base_revision\":1,\"change_id\":\"t\"}"),
                  "json.duplicate_key", "change_id", "Het veld 'change_id" + kTwice);
    const json view = s.get(path).second;
    CHECK(view.at("revision") == 1);
    CHECK(view.at("status") == "draft");
    CHECK(view.at("plan").at("title") == w.demo.at("title"));
}

TEST_CASE("[API] a control character in a text is refused with 400 naming its field, and nothing is stored") {
    World w;
    Session s = w.lead();
    Session agency = w.as(w.agency_token);
    json nul_title = w.demo;
    nul_title["title"] = std::string("Samenleven\0", 11);
    check_refused(s.post("/api/v1/plans", {{"change_id", "nul"}, {"plan", nul_title}}), "text.control_character",
                  "plan.title", "De tekst bevat een onzichtbaar stuurteken (U+0000, teken 11), dat in geen enkel tekstveld kan.");
    json tab_name = w.demo;
    tab_name["applicant"]["members"][0]["name"] = "Ham\tme";
    check_refused(s.post("/api/v1/plans", {{"change_id", "tab"}, {"plan", tab_name}}), "text.control_character",
                  "plan.applicant.members[0].name", "Dit veld is één regel tekst: een tab (teken 4) kan hier niet; gebruik een spatie.");
    check_refused(s.post("/api/v1/plans", {{"change_id", "c\x01"}, {"plan", w.demo}}), "text.control_character", "change_id",
                  "De tekst bevat een onzichtbaar stuurteken (U+0001, teken 2), dat in geen enkel tekstveld kan.");
    CHECK(s.get("/api/v1/plans").second.at("plans").empty());

    // Multi-line texts take newlines and tabs.
    json lines = w.demo;
    lines["rows"][0]["activities"] = "Babbelpicknick\n\t- in de zomer\r\n\t- in de bib";
    auto [created, body] = s.post("/api/v1/plans", {{"change_id", "lines"}, {"plan", lines}});
    REQUIRE(created == 201);
    CHECK(body.at("plan").at("rows")[0].at("activities") == lines["rows"][0]["activities"]);
    const std::string path = "/api/v1/plans/" + body.at("id").get<std::string>();
    json escape = lines;
    escape["rows"][0]["partners"] = "Bibliotheek \x1B[2J";
    check_refused(s.put(path, {{"change_id", "esc"}, {"base_revision", 1}, {"plan", escape}}), "text.control_character",
                  "plan.rows[0].partners",
                  "De tekst bevat een onzichtbaar stuurteken (U+001B, teken 13), dat in geen enkel tekstveld kan; nieuwe regels en tabs mogen hier wel.");
    CHECK(s.get(path).second.at("revision") == 1);

    // The agency's remark: a newline is fine, a control character is not.
    REQUIRE(s.post(path + "/submit", {{"change_id", "s1"}, {"base_revision", 1}}).first == 200);
    check_refused(agency.post(path + "/return", {{"change_id", "r1"}, {"remark", "Graag\x07 nakijken."}}), "text.control_character",
                  "remark", "De tekst bevat een onzichtbaar stuurteken (U+0007, teken 6), dat in geen enkel tekstveld kan; nieuwe regels en tabs mogen hier wel.");
    check_refused(agency.post(path + "/return", {{"change_id", "r2"}, {"remark", "Graag nakijken\xC2\x9B"}}), "text.control_character",
                  "remark", "De tekst bevat een onzichtbaar stuurteken (U+009B, teken 15), dat in geen enkel tekstveld kan; nieuwe regels en tabs mogen hier wel.");
    json view = s.get(path).second;
    CHECK(view.at("status") == "submitted");
    CHECK(view.at("revision") == 2);
    auto [returned, back] = agency.post(path + "/return", {{"change_id", "r3"}, {"remark", "Graag nakijken:\n- rij 2\n- de IBAN"}});
    REQUIRE(returned == 200);
    CHECK(back.at("remark") == "Graag nakijken:\n- rij 2\n- de IBAN");

    // A result's reason and recovery plan, on a confirmed plan.
    REQUIRE(s.post(path + "/submit", {{"change_id", "s2"}, {"base_revision", 3}}).first == 200);
    REQUIRE(agency.post(path + "/confirm", {{"change_id", "conf"}, {"targets", {{{"row", 1}, {"year", 2022}, {"confirmed_target", 110}}}}})
                .first == 200);
    const json result = {{"row", 1}, {"year", 2022}, {"final_reach", 100}, {"reason", "Minder gezinnen\nbereikt."}};
    json bad_reason = result;
    bad_reason["reason"] = std::string("Minder\0", 7);
    check_refused(s.post(path + "/results", {{"change_id", "res1"}, {"base_revision", 5}, {"results", {result, bad_reason}}}),
                  "text.control_character", "results[1].reason",
                  "De tekst bevat een onzichtbaar stuurteken (U+0000, teken 7), dat in geen enkel tekstveld kan; nieuwe regels en tabs mogen hier wel.");
    json bad_plan = result;
    bad_plan["recovery_plan"] = "Extra\x7F";
    check_refused(s.post(path + "/results", {{"change_id", "res2"}, {"base_revision", 5}, {"results", {bad_plan}}}),
                  "text.control_character", "results[0].recovery_plan",
                  "De tekst bevat een onzichtbaar stuurteken (U+007F, teken 6), dat in geen enkel tekstveld kan; nieuwe regels en tabs mogen hier wel.");
    view = s.get(path).second;
    CHECK(view.at("status") == "confirmed");
    CHECK(view.at("revision") == 5);
    auto [reported, rep] = s.post(path + "/results", {{"change_id", "res3"}, {"base_revision", 5}, {"results", {result}}});
    REQUIRE(reported == 200);
    CHECK(rep.at("plan").at("rows")[1].at("results").at("2022").at("reason") == "Minder gezinnen\nbereikt.");
}

TEST_CASE("[API] a revision stored before the text rule with control characters still opens; its next revision is clean") {
    World w;
    const std::string id = w.create_demo();
    const std::string path = "/api/v1/plans/" + id;
    // As an earlier server stored it: a NUL in the title, a tab in the lead's name, an escape
    // in a row's activities. Its totals are computed again at the next start.
    w.server.stop(SIGTERM);
    json old = w.demo;
    old["title"] = std::string("IGS Dendermonde\0", 16);
    old["applicant"]["lead"]["name"] = "Dender\tmonde";
    old["rows"][0]["activities"] = "Babbelpicknick\x1B in de zomer";
    {
        samenleven::server::Database db(w.server.data() + "/samenleven.sqlite3");
        db.prepare("UPDATE revisions SET document = ? WHERE plan_id = ? AND revision = 1").bind(1, old.dump()).bind(2, id).run();
        db.exec("DELETE FROM meta WHERE key = 'totals_fingerprint'");
    }
    w.server.start();
    Session lead = w.lead();
    Session agency = w.as(w.agency_token);

    // Read as stored, every byte of it.
    auto [got, view] = lead.get(path);
    REQUIRE(got == 200);
    CHECK(view.at("plan") == old);
    const json listed = lead.get("/api/v1/plans").second.at("plans").at(0);
    CHECK(listed.at("applicant") == "Dender monde");
    CHECK(listed.at("subsidy_cents") == 33'530'000);
    CHECK(agency.get("/api/v1/aggregate").second.at("plans") == 0);  // a draft: not counted by default
    CHECK(agency.get("/api/v1/aggregate?include_drafts=true").second.at("plans") == 1);
    CHECK(agency.get("/api/v1/allocation?year=2022&budget=1000000&include_drafts=true").first == 200);

    // Sent back as it is, it is input again: refused, naming the field.
    auto [resent, refusal] = lead.put(path, {{"change_id", "again"}, {"base_revision", 1}, {"plan", old}});
    CHECK(resent == 400);
    CHECK(refusal.at("error").at("path") == "plan.title");

    // A step of the cycle reads it with each control character replaced by a space.
    auto [submitted, sub] = lead.post(path + "/submit", {{"change_id", "s1"}, {"base_revision", 1}});
    REQUIRE(submitted == 200);
    CHECK(sub.at("revision") == 2);
    json clean = old;
    clean["title"] = "IGS Dendermonde ";
    clean["applicant"]["lead"]["name"] = "Dender monde";
    clean["rows"][0]["activities"] = "Babbelpicknick  in de zomer";
    CHECK(sub.at("plan") == json(samenleven::write_plan(samenleven::read_plan(clean).plan)));
    CHECK(samenleven::read_plan(sub.at("plan")).plan.title == "IGS Dendermonde ");
    // Like a schema upgrade, the cleaning is no one's edit: the revision changed the status.
    CHECK(sub.at("changed") == json::array({"status"}));
    // The first revision is kept as it was stored.
    CHECK(lead.get(path + "/revisions/1").second.at("plan") == old);
    auto [returned, back] = agency.post(path + "/return", {{"change_id", "r"}, {"remark", "Graag nakijken."}});
    CHECK(returned == 200);
    CHECK(back.at("plan") == sub.at("plan"));
}
