// Allocation by priority (toewijzing volgens prioriteit): when the requests of a project
// year exceed the agency's budget, ABB funds every applicant's actions in the order of their
// priorities (DOMAIN.md: "if money runs short, ABB funds actions in that order").
//
// The rule (README.md, "Toewijzing volgens prioriteit"):
// - A row's request is its subsidy in the year as the budget computes it (calculate():
//   RowBudget::subsidy of that project year; rows the call does not fund request 0).
// - If the total request fits in the budget, every row is funded in full.
// - Otherwise the rows are funded by level: all applicants' priority-1 rows together, then
//   priority 2, 3 ..., and last the rows without a priority (0). Whole levels are funded
//   while they fit. At the first level that does not fit (partial_priority) every row gets
//   the same fraction of its request, exactly in cents: each row first gets
//   floor(request x left / level total), where `left` is what remains of the budget; the
//   cents still left over (fewer than the level's rows) go one each to the rows with the
//   largest remainder of that division, ties by plan order (as given) and then by row
//   order (index in plan.rows). Later levels get nothing. Nothing of the budget stays
//   unused while a request is unfunded.
// - Funding says what a row got against its request: full (allocated == requested; also a
//   row that requests 0, since nothing is withheld from it), partial (0 < allocated <
//   requested) or none (allocated 0 of a request above 0).
// - The cooperation stimulus (samenwerkingsstimulans) is outside the allocation: a plan's
//   requested and allocated are the sums of its rows. The stimulus is a fixed EUR 10,000 per
//   project year for a qualifying lead, belongs to no action and so has no priority, needs
//   no co-financing, and the form showed the request without it; cutting it by a share or
//   paying it before priority 1 would both be rules the programme does not state. The
//   `budget` is therefore the budget for the action subsidies; when a year's budget includes
//   the stimuli, the caller subtracts them first (Budget::stimulus_per_year).
// - A plan of another call than the catalogue, a year that is not one of the catalogue's
//   project years and a negative budget are refused with InputError (codes
//   allocation.call, allocation.year, allocation.budget): one allocation divides one call's
//   budget for one of its years, so a mix would silently request 0.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "samenleven/plan.h"

namespace samenleven {

enum class Funding { full, partial, none };

struct RowAllocation {
    std::size_t row = 0;        // index in plan.rows
    int priority = 0;           // the row's priority (0: none; allocated after every numbered level)
    int action = 0;             // the row's action and target group, to name it
    std::string target_group;
    Cents requested = 0;        // the row's subsidy in the year
    Cents allocated = 0;
    Funding funding = Funding::none;
};

struct PlanAllocation {
    std::string plan_id, applicant;   // applicant: the lead's name
    Cents requested = 0, allocated = 0;  // the plan's total for the year: the sum of its rows (the stimulus is outside)
    std::vector<RowAllocation> rows;  // in priority_order()
};

struct Allocation {
    int year = 0;                 // project start year, e.g. 2022
    Cents budget = 0, requested = 0, allocated = 0;
    int partial_priority = 0;     // the priority level where the money ran out (0: everything funded;
                                  // -1: it ran out among the rows without a priority)
    std::vector<PlanAllocation> plans;  // in the order given
};

// Allocates `budget` for project year `year` over the plans' requests in priority order.
// Throws InputError for a plan of another call, a year the catalogue does not fund, a
// negative budget.
Allocation allocate(const std::vector<Plan>& plans, const Catalogue& catalogue, int year, Cents budget);

nlohmann::json allocation_json(const Allocation& allocation);  // in report_json.h/.cpp style: money as cents and Dutch text

}  // namespace samenleven
