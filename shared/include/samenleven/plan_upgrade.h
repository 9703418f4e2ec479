// Upgrading a stored plan document to the schema this version writes, step by step: plans
// saved on devices and on the server under an older schema_version keep opening. Each step
// is one function from version N to N + 1; upgrade_plan() runs them in order.
#pragma once
#include <nlohmann/json.hpp>

namespace samenleven {

// Version 1 -> 2 (the later calls, issue 12): the social impact bond's one motivation
// becomes the first of the form's three texts (an action it named is kept in front of that
// text: the form had no action for the bond); governments gain reference_region and
// joined, the plan envelope_cents, a year's result jury_positive (all absent: defaults).
nlohmann::json upgrade_v1_to_v2(nlohmann::json document);

// Checks schema_version and applies every step from it to kPlanSchemaVersion. Throws
// InputError: json.schema_newer for a version this build does not know (with the clear
// message), json.schema_unknown below 1, and the reader's errors for a malformed version.
nlohmann::json upgrade_plan(nlohmann::json document);

}  // namespace samenleven
