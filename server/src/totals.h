// The totals the server keeps beside each plan's current revision (table plan_totals), so that
// the agency's figures are sums of stored numbers instead of readings of every plan document.
//
// What is kept is the core's own answer, never a second definition of the figures: aggregate()
// over the plan alone, for all project years (year 0) and for each project year; and, for the
// objective filter, aggregate() over the plan reduced to the rows of one objective's actions,
// kept only when the plan contributes to that objective (or is of another call, and so is
// skipped). Every figure of an Aggregate is a sum over plans, and a plan alone adds 0 or 1 to
// each `plans` count, so the sum of the plans' stored aggregates is aggregate() over the plans.
// Beside them: the plan's call and applicant (kind, lead and members; names and NIS codes),
// which the cooperation check reads. Represented governments are counted by aggregate() like
// every other figure (aggregate.h), so they are in the slices.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "samenleven/aggregate.h"
#include "samenleven/plan.h"

namespace samenleven::server {

// A plan's totals, encoded for the database (varints, see totals.cpp), against the default
// catalogue (what GET /api/v1/aggregate sums over): a header (call and applicant) and per year
// (0: all project years, then each project year) that year's slices, one per objective (0:
// every objective; then each objective the plan contributes to). Under an objective the
// Flemish total is that objective's subsidy: the cooperation stimulus belongs to none.
struct YearTotals {
    int year = 0;
    std::string slices;
};

struct PlanTotals {
    std::string header;
    std::vector<YearTotals> years;
};

PlanTotals plan_totals(const Plan& plan);  // one YearTotals per totals_years(), in that order
const std::vector<int>& totals_years();    // 0, then each project year

// The slice of `objective` among a year's slices; empty when the plan has none (it has no part
// in that objective). Throws DatabaseError when the bytes are damaged.
std::string_view find_slice(std::string_view year_slices, int objective);

// Whether a plan's stored totals (its header, written with its slices) are of this build's
// format. Totals of another format are not read: the store computes them from the document.
bool current_format(std::string_view header);

// A header read back: the plan's call and applicant (kind, lead and members; names and NIS
// codes only). Throws DatabaseError when the bytes are damaged or of another format (a
// fingerprint change recomputes them at start, see totals_fingerprint()).
struct TotalsHeader {
    std::string call;
    Applicant applicant;
};
TotalsHeader read_header(std::string_view header);

// Adds a slice's figures to `sum`, which starts as empty_aggregate(); returns what it added to
// plan_count (0 or 1). Throws DatabaseError when the bytes are damaged.
int add_slice(std::string_view slice, Aggregate& sum);

// One figure of a slice: the plan's part of an action's, an objective's or a headline's (by its
// index in the catalogue) totals; zero when the plan has no part in it.
enum class Figure { action, objective, headline };
Totals slice_figure(std::string_view slice, Figure figure, int key);

// The aggregate of no plans (every headline of the default catalogue at zero): where sums of
// stored totals start.
Aggregate empty_aggregate();

// Changes whenever what plan_totals() stores would: its format, the default catalogue or the
// core's rules (aggregate() is run over a probe plan with every action and target group). The
// store keeps it in meta and recomputes every current revision's totals when it differs.
std::string totals_fingerprint();

}  // namespace samenleven::server
