// Benchmarks of the core on the largest realistic plan: a 10-member IGS with every
// subsidised action and target group over three years, split per member, with results.
// Figures and the command that reproduces them: BENCHMARKS.md.
#include <benchmark/benchmark.h>

#include "samenleven/samenleven.h"

namespace {

using namespace samenleven;

Plan large_igs_plan() {
    const Catalogue& catalogue = default_catalogue();
    Plan plan;
    plan.id = "bench-igs";
    plan.title = "IGS met tien leden";
    plan.applicant.kind = ApplicantKind::igs;
    plan.applicant.lead = {"40000", "Centrumstad", 9000, "Centrumregio", 0};
    for (int m = 1; m <= 10; ++m)
        plan.applicant.members.push_back({std::to_string(40000 + m), "Gemeente " + std::to_string(m), 800 + 10 * m, "Centrumregio", 0});
    plan.contact = {"Coördinator", "050 00 00 00", "coordinator@centrumstad.be"};
    plan.iban = "BE68 5390 0754 7034";
    plan.declarations.cooperation = {true, 0, std::string(2000, 'm')};
    int priority = 1;
    for (const Action& action : catalogue.actions) {
        if (!action.subsidised()) continue;
        for (const TargetGroup& group : action.target_groups) {
            ActionRow row;
            row.action = action.number;
            row.target_group = group.code;
            const bool flat = action.funding == FundingKind::flat;
            row.current_reach = flat ? 0 : group.max_per_application;
            row.priority = priority++;
            row.activities = "Lokale activiteiten voor " + group.name + " in de elf gemeenten van de samenwerking";
            row.partners = "Partnerorganisaties van de regio";
            // Every row at its maximum, split over the lead and the ten members; the lead
            // carries the remainder (all of it for a flat action, which counts 1).
            const Count max = group.max_per_application;
            const Count per_member = max / 11;
            const Count lead_share = max - per_member * 10;
            row.planned = {max, max, max};
            row.split.push_back({plan.applicant.lead.nis_code, {lead_share, lead_share, lead_share}});
            for (const auto& member : plan.applicant.members)
                row.split.push_back({member.nis_code, {per_member, per_member, per_member}});
            for (int y = 0; y < kYearCount; ++y) {
                YearResult& result = row.results[static_cast<std::size_t>(y)];
                result.confirmed_target = target(row, y);
                result.interim_reach = (*result.confirmed_target + 1) / 2;
                result.final_reach = *result.confirmed_target;
            }
            plan.rows.push_back(std::move(row));
        }
    }
    return plan;
}

void BM_Recalculate(benchmark::State& state) {
    const Plan plan = large_igs_plan();
    const Catalogue& catalogue = default_catalogue();
    for (auto _ : state) {
        Budget budget = calculate(plan, catalogue);
        benchmark::DoNotOptimize(budget);
    }
    state.counters["rows"] = static_cast<double>(plan.rows.size());
}
BENCHMARK(BM_Recalculate);

void BM_Validate(benchmark::State& state) {
    const Plan plan = large_igs_plan();
    const Catalogue& catalogue = default_catalogue();
    for (auto _ : state) {
        auto findings = validate(plan, catalogue);
        benchmark::DoNotOptimize(findings);
    }
}
BENCHMARK(BM_Validate);

// What the app does after every edit: budget, findings and result status.
void BM_RecalculateAndValidate(benchmark::State& state) {
    const Plan plan = large_igs_plan();
    const Catalogue& catalogue = default_catalogue();
    for (auto _ : state) {
        Budget budget = calculate(plan, catalogue);
        auto findings = validate(plan, catalogue);
        auto statuses = result_status(plan, catalogue);
        benchmark::DoNotOptimize(budget);
        benchmark::DoNotOptimize(findings);
        benchmark::DoNotOptimize(statuses);
    }
}
BENCHMARK(BM_RecalculateAndValidate);

void BM_ExportJson(benchmark::State& state) {
    const Plan plan = large_igs_plan();
    std::size_t bytes = 0;
    for (auto _ : state) {
        std::string text = write_plan_text(plan, -1);
        bytes = text.size();
        benchmark::DoNotOptimize(text);
    }
    state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_ExportJson);

void BM_ImportJson(benchmark::State& state) {
    const std::string text = write_plan_text(large_igs_plan(), -1);
    for (auto _ : state) {
        PlanReading reading = read_plan_text(text);
        benchmark::DoNotOptimize(reading);
    }
}
BENCHMARK(BM_ImportJson);

void BM_ExportImportRoundTrip(benchmark::State& state) {
    const Plan plan = large_igs_plan();
    for (auto _ : state) {
        PlanReading reading = read_plan_text(write_plan_text(plan, -1));
        benchmark::DoNotOptimize(reading);
    }
}
BENCHMARK(BM_ExportImportRoundTrip);

void BM_Aggregate150Plans(benchmark::State& state) {
    std::vector<Plan> plans(150, large_igs_plan());
    for (auto _ : state) {
        Aggregate totals = aggregate(plans, default_catalogue());
        benchmark::DoNotOptimize(totals);
    }
}
BENCHMARK(BM_Aggregate150Plans)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
