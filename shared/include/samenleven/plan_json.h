// JSON import and export of a plan (a submission). A document is
// { "schema_version": 2, "id": ..., "call": "2022", "applicant": {...}, "rows": [...] };
// older versions are upgraded when read (plan_upgrade.h).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "samenleven/finding.h"
#include "samenleven/plan.h"

namespace samenleven {

constexpr int kPlanSchemaVersion = 2;
constexpr Count kMaxCount = 1'000'000'000;  // larger counts are refused as absurd
constexpr Cents kMaxEnvelopeCents = 10'000'000'000;  // EUR 100,000,000: beyond any applicant
// The largest plan file the app imports and the largest request body the server takes.
constexpr std::size_t kMaxDocumentBytes = std::size_t(1) << 20;

// nlohmann/json conversions (found by ADL). from_json throws InputError with the JSON path.
void to_json(nlohmann::json& j, const Plan& plan);
void from_json(const nlohmann::json& j, Plan& plan);

// A read plan with what the reader noticed but could keep (fractional counts, which are
// kept rounded down and reported as findings so that validation can show them).
struct PlanReading {
    Plan plan;
    std::vector<Finding> findings;
};

// Reads a document: upgrades an older schema version (plan_upgrade.h), checks the
// structure, and that every action exists in the plan's call and every target group in one
// of the calls that govern its years, and every text under the text rule (text_rule.h: a
// control character is refused, text.control_character). Throws InputError on anything it
// cannot read. For input: a request's plan, an imported file, the CLI's file.
PlanReading read_plan(const nlohmann::json& document);
PlanReading read_plan_text(std::string_view text);  // also maps JSON syntax errors

// Reads a document this software stored itself (a plan on the device, a revision or conflict
// copy in the server's database, a plan view the server answers with), which may have been
// saved before the text rule: like read_plan, but a text's refused character is replaced by a
// space (text_rule.h, clean_text) instead of refused, so that such a plan still opens and its
// next version is clean. The stored document itself is left as it was.
PlanReading read_stored_plan(const nlohmann::json& document);
PlanReading read_stored_plan_text(std::string_view text);

// The document with its keys in a fixed order (README, Conventions): schema_version first, then
// id, call, title, applicant, contact, iban, declarations, envelope_cents, rows; each row action, target
// group, current reach, planned, priority, texts, split, results. ordered_json keeps that
// order in every dump; converted to nlohmann::json (e.g. by to_json) the keys are sorted again.
nlohmann::ordered_json write_plan(const Plan& plan);
std::string write_plan_text(const Plan& plan, int indent = 2);

}  // namespace samenleven
