// Aggregation (totalen) over many plans for the Flemish agency, in the shape of the published
// figures: planned and reached totals per action, target group, objective, year, with the
// plans and the local governments behind each figure.
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
    int governments = 0; // local governments those plans represent in this figure (see below)
};

// Represented local governments, as the published tables count them besides plans ("action 2,
// year 1: 24 governments in 16 plans"). The one rule, for every figure and the overall count:
// - A plan represents its applicant's governments (represented_governments()): a municipality
//   or the VGC 1, its lead; an IGS its lead and its members; de Rand the facility
//   municipalities (its members), not the vzw itself; any other applicant its lead.
// - In a figure, a plan counts the governments of the rows that make up the figure: per row and
//   project year counted (the year asked, or each funded year for all years) in which the row
//   contributes, the governments its split (ActionRow::split) gives a planned share above 0
//   that year; when the row has no split, or gives none of the plan's governments a share
//   above 0 that year, all of the plan's governments. A split names who carries a row's reach:
//   a member with 0 does not take part in it. A government is counted once per plan and figure.
// - Aggregate::governments counts all of each counted plan's governments, whatever its rows.
// - Counts are summed over plans, like `plans`: a government belongs to one cooperation at most
//   (validate_cooperations() reports every government found in two plans), so the sum is the
//   number of distinct governments when the cooperation check finds nothing, and the totals of
//   plans taken one by one add up to the totals over all of them.
std::vector<std::string> represented_governments(const Applicant& applicant);  // by government_key()

// Whether a headline counts a row of `action` and `target_group`: one of its parts names the
// action with that group, or with no group (all the action's groups).
bool headline_counts(const Headline& headline, int action, const std::string& target_group);

struct Aggregate {
    int plan_count = 0;
    int skipped_plans = 0;  // plans of a call this build does not know
    int governments = 0;    // local governments the counted plans represent (all of each plan's)
    std::map<int, Totals> per_action;                         // action number
    std::map<std::pair<int, std::string>, Totals> per_group;  // (action, target group)
    std::map<int, Totals> per_objective;                      // objective number (0 = unknown)
    std::map<int, Totals> per_year;                           // start year
    std::map<int, std::map<int, Totals>> per_action_year;     // action -> start year
    std::vector<std::pair<Headline, Totals>> headlines;       // in catalogue order
    Cents flemish_total = 0;
};

// Each plan is counted under the calls of its own years (governing_calls of its Plan::call);
// `catalogue` gives the headlines. Plans of a call this build does not know are skipped and
// counted in skipped_plans.
// `year` 0 sums all project years; a start year (2022) limits to that project year.
Aggregate aggregate(const std::vector<Plan>& plans, const Catalogue& catalogue, int year = 0);

}  // namespace samenleven
