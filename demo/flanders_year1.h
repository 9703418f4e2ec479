// Demo data: the first project year (2022-2023) of Plan Samenleven in Flanders.
//
// flanders_year1_plans() makes 106 applicants' plans (92 municipalities on their own, 12 IGSs,
// the VGC and de Rand vzw with the six facility municipalities), each valid against call 2022,
// with a confirmed year-1 target and year-1 results per row, such that
// aggregate(plans, catalogue, 2022) gives the published year-1 figures exactly (see
// flanders_year1.cpp and README.md, "Demo data: the first year in Flanders"). Municipality
// names and NIS codes are real; resident counts and every figure per applicant are made up.
// Deterministic: the same plans, byte for byte, on every machine and every call.
#pragma once
#include <vector>

#include "samenleven/plan.h"

namespace samenleven::demo {

std::vector<Plan> flanders_year1_plans();

}  // namespace samenleven::demo
