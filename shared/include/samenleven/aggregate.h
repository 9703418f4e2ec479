// Aggregation (totalen) over many plans for the Flemish agency, in the shape of the
// published figures: planned and reached totals per action, target group, objective, year.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "samenleven/budget.h"
#include "samenleven/plan.h"

namespace samenleven {

struct Totals {
    Count planned = 0;   // planned targets (confirmed target where known)
    Count additional = 0;  // planned additional reach
    Count reached = 0;   // final reach reported
    Cents subsidy = 0;
    int plans = 0;       // plans that contribute
};

struct Aggregate {
    int plan_count = 0;
    int skipped_plans = 0;  // plans of another call
    std::map<int, Totals> per_action;                         // action number
    std::map<std::pair<int, std::string>, Totals> per_group;  // (action, target group)
    std::map<int, Totals> per_objective;                      // objective number (0 = unknown)
    std::map<int, Totals> per_year;                           // start year
    std::map<int, std::map<int, Totals>> per_action_year;     // action -> start year
    std::vector<std::pair<Headline, Totals>> headlines;       // in catalogue order
    Cents flemish_total = 0;
};

// Plans of another call than `catalogue` are skipped and counted in skipped_plans.
// `year` 0 sums all project years; a start year (2022) limits to that project year.
Aggregate aggregate(const std::vector<Plan>& plans, const Catalogue& catalogue, int year = 0);

}  // namespace samenleven
