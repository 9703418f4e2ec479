// Field-by-field comparison of two versions of a plan, and a merge that takes, per field,
// one version or the other: what a coordinator sees and decides after a sync conflict.
// Rows are matched by action and target group, not by position, so that a row added or
// reordered on one device does not make every later row look different.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "samenleven/plan.h"

namespace samenleven {

struct FieldDifference {
    std::string key;        // stable identity of the field, e.g. "rows{5/adult_learners}.planned[2023]"
    std::string label;      // Dutch, for the coordinator (describe_path): "Extra bereik 2023-2024, actie 5 (Oefenkansen Nederlands)"
    nlohmann::json mine;    // this device's value (null: absent here)
    nlohmann::json theirs;  // the server's value (null: absent there)
};

std::vector<FieldDifference> compare_plans(const Plan& mine, const Plan& theirs, const Catalogue& catalogue);

// Starts from `theirs` and takes `mine` for every difference whose index is in
// `take_mine` (indices into compare_plans(mine, theirs)). Throws InputError if the result
// is not a readable plan (it always is when both inputs are).
Plan merge_plans(const Plan& mine, const Plan& theirs, const std::vector<FieldDifference>& differences,
                 const std::vector<bool>& take_mine);

}  // namespace samenleven
