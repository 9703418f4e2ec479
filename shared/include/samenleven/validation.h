// Validation (controle) of a plan against its call: the list of findings a coordinator sees.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "samenleven/finding.h"
#include "samenleven/plan.h"
#include "samenleven/plan_json.h"

namespace samenleven {

std::vector<Finding> validate(const Plan& plan, const Catalogue& catalogue);

// Reads a plan document (see read_plan) and validates it against its call: the findings
// are what the reader noticed followed by validate()'s. Throws InputError like read_plan.
PlanReading read_and_validate(const nlohmann::json& document);
PlanReading read_and_validate_text(std::string_view text);

// A local government may belong to one cooperation at most: checks over all plans (the
// agency's view). Each finding's path names the plan's index: "plans[2].applicant.members[1]".
std::vector<Finding> validate_cooperations(const std::vector<Plan>& plans);

// ISO 13616 check of an IBAN (spaces allowed): country code, check digits, length for the
// country where known, mod-97 == 1.
bool is_valid_iban(std::string_view iban);
// A valid IBAN in its normal (paper) form: upper case, groups of four separated by one
// space ("be68539007547034" -> "BE68 5390 0754 7034"). Text that is not a valid IBAN is
// returned as it is, for validation to report. Applied where a person types the number (the
// app's field); the plan reader keeps what a document says, so that files round-trip.
std::string normalize_iban(std::string_view iban);

}  // namespace samenleven
