// The sync server's JSON API, tested against the real server on a loopback port.
#include <doctest/doctest.h>

#include "database.h"
#include "tokens.h"
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
                                   "/api/v1/aggregate"}) {
        CAPTURE(path);
        auto [none, body] = w.as("").get(path);
        CHECK(none == 401);
        CHECK(body.at("error").at("code") == "unauthorized");
        CHECK(w.as("not-a-token").get(path).first == 401);
    }
    for (const std::string& path : std::vector<std::string>{"/api/v1/plans", "/api/v1/plans/" + id + "/submit", "/api/v1/plans/" + id + "/confirm",
                                   "/api/v1/plans/" + id + "/results"})
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
    CHECK(body.at("id") == "demo-dendermonde-igs");
    CHECK(body.at("revision") == 1);
    CHECK(body.at("status") == "draft");
    CHECK(body.at("author") == "42006");
    CHECK(body.at("warnings") == 1);
    CHECK(body.at("plan") == samenleven::write_plan(samenleven::read_plan(w.demo).plan));

    auto res = w.lead().client.Post("/api/v1/plans", w.lead().headers(), request.dump(), "application/json");
    REQUIRE(res);
    CHECK(res->status == 201);
    CHECK(res->get_header_value("Idempotent-Replayed") == "true");
    CHECK(json::parse(res->body) == body);
    CHECK(w.lead().get("/api/v1/plans").second.at("plans").size() == 1);

    // A new change creating the same id is a conflict, not a duplicate.
    auto [again, error] = w.lead().post("/api/v1/plans", {{"change_id", "c-2"}, {"plan", w.demo}});
    CHECK(again == 409);
    CHECK(error.at("error").at("code") == "plan_exists");
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
    CHECK(back.at("plan") == samenleven::write_plan(samenleven::read_plan(w.demo).plan));  // the plan as it was

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
    w.create_demo();
    // Hamme's own plan, with errors; Hamme is also a member of the demo IGS.
    const json hamme = json::parse(test_support::read_data("plan_with_errors.json"));
    REQUIRE(w.as(w.member_token).post("/api/v1/plans", {{"change_id", "h"}, {"plan", hamme}}).first == 201);

    auto [status, body] = w.as(w.agency_token).get("/api/v1/plans");
    REQUIRE(status == 200);
    REQUIRE(body.at("plans").size() == 2);
    json demo, errors;
    for (const auto& item : body.at("plans")) (item.at("id") == "demo-dendermonde-igs" ? demo : errors) = item;

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
        const json history = lead.get(path + "/revisions").second.at("revisions");
        REQUIRE(history.size() == 2);
        CHECK(history[1].at("remark") == "");
        CHECK(history[1].at("author_name") == "Dendermonde");
        CHECK(lead.get("/api/v1/plans").second.at("plans").at(0).at("subsidy_cents") == 33'530'000);

        auto [returned, back] = agency.post(path + "/return", {{"change_id", "r"}, {"remark", "Graag nakijken."}});
        REQUIRE(returned == 200);
        CHECK(back.at("revision") == 3);
        CHECK(lead.get(path).second.at("remark") == "Graag nakijken.");
        CHECK(lead.get(path + "/revisions").second.at("revisions").at(2).at("remark") == "Graag nakijken.");
    }
    CHECK(schema_version(data + "/samenleven.sqlite3") == "3");
    CHECK(admin("check --data " + data) == "ok");
}

}  // namespace

TEST_CASE("[API] a database of schema version 2 opens, is upgraded to 3, and its plans can be sent back") {
    const std::string dir = temp_dir("samenleven-v2");
    const std::string v2 = dir + "/v2.sqlite3";
    write_v2_database(v2, json::parse(test_support::read_data("dendermonde_igs.json")));
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
