// The sync server's JSON API, tested against the real server on a loopback port.
#include <doctest/doctest.h>

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
