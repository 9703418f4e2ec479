// The agency's aggregate over 1,000 plans of about 12 KB, measured on the server side: from the
// request's bytes to the answer's bytes through the server's real routes (a Router over a Store
// in a temporary folder, no sockets), the old way (read every current document, parse it and
// run the core's aggregate) against the new way (sum the totals stored beside each current
// revision). Figures and the command that reproduces them: BENCHMARKS.md.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "api.h"
#include "router.h"
#include "samenleven/samenleven.h"
#include "store.h"
#include "tokens.h"
#include "totals.h"

namespace {

using namespace samenleven;
using namespace samenleven::server;
using nlohmann::json;

constexpr int kPlans = 1000;

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Plan `i` of the set: the Dendermonde demo IGS (tests/data) with ids, governments and numbers
// of its own, and rows of its own choice of actions, so that its JSON is about 12 KB. Every
// 50th plan takes a member of the plan before it (a cooperation finding); every third has
// confirmed targets and results in its first year.
Plan bench_plan(const Plan& demo, int i) {
    const Catalogue& catalogue = default_catalogue();
    Plan plan = demo;
    plan.id = "bench-" + std::to_string(i);
    plan.title = "Samenwerking " + std::to_string(i);
    const int nis = 10000 + 5 * i;
    plan.applicant.lead.nis_code = std::to_string(nis);
    plan.applicant.lead.name = "Gemeente " + std::to_string(nis);
    for (std::size_t m = 0; m < plan.applicant.members.size(); ++m) {
        const int member = (i % 50 == 49 && m == 0) ? nis - 4 : nis + 1 + static_cast<int>(m);
        plan.applicant.members[m].nis_code = std::to_string(member);
        plan.applicant.members[m].name = "Gemeente " + std::to_string(member);
    }
    std::vector<std::string> keys{plan.applicant.lead.nis_code};
    for (const auto& member : plan.applicant.members) keys.push_back(member.nis_code);

    plan.rows.clear();
    int priority = 1;
    int n = 0;
    for (const Action& action : catalogue.actions) {
        if (!action.subsidised()) continue;
        for (const TargetGroup& group : action.target_groups) {
            if (++n % 3 == i % 3 && n > 2) continue;  // each plan leaves out some rows of its own
            ActionRow row;
            row.action = action.number;
            row.target_group = group.code;
            row.priority = priority++;
            const bool flat = action.funding == FundingKind::flat;
            const Count base = flat ? 1 : 8 + (i * 7 + n * 13) % 60;
            row.current_reach = flat ? 0 : base * 2;
            row.planned = {base, flat ? 0 : base + 5, flat ? 0 : base + 10};
            row.activities = "Lokale activiteiten voor " + group.name +
                             " in de vier gemeenten, met de partners van de regio, in het buurthuis en op school.";
            row.partners = "Bibliotheek, sportdienst, welzijnsraad, scholen en verenigingen van de vier gemeenten";
            if (!flat) {
                YearCounts rest = row.planned;
                for (std::size_t k = 0; k < keys.size(); ++k) {
                    MemberReach split{keys[k], {}};
                    for (std::size_t y = 0; y < rest.size(); ++y) {
                        split.planned[y] = k + 1 == keys.size() ? rest[y] : row.planned[y] / 4;
                        rest[y] -= split.planned[y];
                    }
                    row.split.push_back(split);
                }
            }
            if (i % 3 == 0) {
                YearResult& result = row.results[0];
                result.confirmed_target = target(row, 0) + 1;
                result.interim_reach = target(row, 0) / 3;
                result.final_reach = std::max<Count>(0, target(row, 0) + (n % 4) - 2);
            }
            plan.rows.push_back(std::move(row));
        }
    }
    return plan;
}

// One server with 1,000 plans (drafts) and the agency's token.
struct Fixture {
    std::string folder;
    std::unique_ptr<Store> store;
    Router router;
    std::string agency_token;
    std::size_t document_bytes = 0;
    Plan sample;  // the first of the 1,000
    Plan demo;    // the Dendermonde demo plan (what bench/run_load.sh writes)

    Fixture() {
        init_crypto();
        char name[] = "/tmp/samenleven-bench-XXXXXX";
        if (!mkdtemp(name)) throw std::runtime_error("mkdtemp failed");
        folder = name;
        store = std::make_unique<Store>(folder + "/samenleven.sqlite3", Store::Sync::normal);
        store->set_quota(std::int64_t(1) << 40);
        store->add_government("abb", "Agentschap Binnenlands Bestuur", true);
        agency_token = store->issue_token("abb");
        install_api(router, *store, ApiOptions{});
        demo = read_plan_text(read_file(std::string(SAMENLEVEN_TEST_DATA) + "/dendermonde_igs.json")).plan;
        for (int i = 0; i < kPlans; ++i) {
            const Plan plan = bench_plan(demo, i);
            const Caller lead{plan.applicant.lead.nis_code, plan.applicant.lead.name, false};
            const std::vector<Finding> findings = validate(plan, default_catalogue());
            const Reply reply = store_new_plan(*store, lead, "create-" + plan.id, blake2b_hex(plan.id), plan, findings, plan.id);
            if (reply.status != 201) throw std::runtime_error("plan not stored: " + reply.body.dump());
            document_bytes += write_plan(plan).dump().size();
            if (i == 0) sample = plan;
        }
    }
    ~Fixture() {
        store.reset();
        std::filesystem::remove_all(folder);
    }

    std::string get(const std::string& target) {
        const std::string request =
            "GET " + target + " HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer " + agency_token + "\r\n\r\n";
        return router.answer(request, Peer{"127.0.0.1", 1}).bytes;
    }
};

// The route as it answered before totals were stored (server/src/api.cpp before issue 9):
// every current document read and parsed, the core's aggregate, the cooperation check.
std::string aggregate_by_parsing(Store& store, const std::string& token, bool drafts) {
    if (!store.authenticate(token)) throw std::runtime_error("no token");
    std::vector<Plan> plans;
    for (const auto& r : store.current_revisions(drafts)) plans.push_back(read_plan(json::parse(r.document)).plan);
    const Catalogue& catalogue = default_catalogue();
    json report = aggregate_json(aggregate(plans, catalogue, 0), catalogue);
    report["year"] = "all";
    report["include_drafts"] = drafts;
    report["findings"] = findings_json(validate_cooperations(plans));
    return report.dump();
}

Fixture& fixture() {
    static Fixture f;
    return f;
}

json body_of(const std::string& response) { return json::parse(response.substr(response.find("\r\n\r\n") + 4)); }

void BM_AggregateByParsing1000(benchmark::State& state) {
    Fixture& f = fixture();
    for (auto _ : state) {
        std::string answer = aggregate_by_parsing(*f.store, f.agency_token, true);
        benchmark::DoNotOptimize(answer);
    }
    state.counters["plans"] = kPlans;
    state.counters["kb_per_plan"] = static_cast<double>(f.document_bytes) / kPlans / 1000.0;
}
BENCHMARK(BM_AggregateByParsing1000)->Unit(benchmark::kMillisecond);

void BM_AggregateStored1000(benchmark::State& state) {
    Fixture& f = fixture();
    // Both ways give the same figures, the represented governments per figure included.
    const json stored = body_of(f.get("/api/v1/aggregate?include_drafts=true"));
    if (stored != json::parse(aggregate_by_parsing(*f.store, f.agency_token, true))) {
        state.SkipWithError("the stored totals' answer differs from the parsed one");
        return;
    }
    for (auto _ : state) {
        std::string answer = f.get("/api/v1/aggregate?include_drafts=true");
        benchmark::DoNotOptimize(answer);
    }
    state.counters["plans"] = kPlans;
}
BENCHMARK(BM_AggregateStored1000)->Unit(benchmark::kMillisecond);

void BM_AggregateStoredObjectiveYear1000(benchmark::State& state) {
    Fixture& f = fixture();
    for (auto _ : state) {
        std::string answer = f.get("/api/v1/aggregate?include_drafts=true&year=2022&objective=5");
        benchmark::DoNotOptimize(answer);
    }
}
BENCHMARK(BM_AggregateStoredObjectiveYear1000)->Unit(benchmark::kMillisecond);

void BM_DrillDown1000(benchmark::State& state) {
    Fixture& f = fixture();
    std::size_t plans = 0;
    for (auto _ : state) {
        std::string answer = f.get("/api/v1/aggregate/plans?include_drafts=true&headline=dutch_practice");
        plans = answer.size();
        benchmark::DoNotOptimize(answer);
    }
    state.counters["plans"] = static_cast<double>(body_of(f.get("/api/v1/aggregate/plans?include_drafts=true&headline=dutch_practice"))
                                                      .at("plans").size());
    (void)plans;
}
BENCHMARK(BM_DrillDown1000)->Unit(benchmark::kMillisecond);

// What each write adds: the plan's totals (every year, and every objective it has rows of)
// computed by the core and encoded. Arg 0: a plan of the 1,000 (12 KB, 18 rows); 1: the
// Dendermonde demo plan (4 KB, 5 rows).
void BM_PlanTotals(benchmark::State& state) {
    Fixture& f = fixture();
    const Plan& plan = state.range(0) == 0 ? f.sample : f.demo;
    std::size_t bytes = 0;
    for (auto _ : state) {
        PlanTotals totals = plan_totals(plan);
        bytes = 0;
        for (const YearTotals& year : totals.years) bytes += totals.header.size() + year.slices.size();
        benchmark::DoNotOptimize(totals);
    }
    state.counters["stored_bytes"] = static_cast<double>(bytes);
    const PlanTotals totals = plan_totals(plan);
    state.counters["all_years_row_bytes"] = static_cast<double>(totals.header.size() + totals.years.front().slices.size());
    state.counters["rows"] = static_cast<double>(plan.rows.size());
}
BENCHMARK(BM_PlanTotals)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
