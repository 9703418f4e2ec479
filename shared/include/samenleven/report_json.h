// JSON reports of what the core computes: the budget, findings, result status and the
// aggregation. Used by the command-line tool and the sync server, so both speak alike.
// Money is given in integer cents ("..._cents") and, for people, as formatted text.
#pragma once
#include <vector>

#include <nlohmann/json.hpp>

#include "samenleven/aggregate.h"
#include "samenleven/budget.h"
#include "samenleven/eligibility.h"
#include "samenleven/finding.h"
#include "samenleven/results.h"

namespace samenleven {

nlohmann::json findings_json(const std::vector<Finding>& findings);
nlohmann::json budget_json(const Plan& plan, const Budget& budget, const Catalogue& catalogue);
nlohmann::json eligibility_json(const Eligibility& eligibility);
nlohmann::json result_status_json(const Plan& plan, const std::vector<RowStatus>& statuses);
nlohmann::json aggregate_json(const Aggregate& aggregate, const Catalogue& catalogue);

// Everything about one plan: eligibility, budget, result status and findings.
nlohmann::json plan_report_json(const Plan& plan, const Catalogue& catalogue, const std::vector<Finding>& findings);

}  // namespace samenleven
