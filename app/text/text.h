// Dutch words of the app and small text helpers (number parsing, the accessible summary).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "samenleven/samenleven.h"

namespace app {

enum class Screen;

const char* ScreenLabel(Screen screen);
const char* ApplicantKindLabel(samenleven::ApplicantKind kind);
const char* FundingLabel(samenleven::FundingKind kind);
std::string ObjectiveLabel(const samenleven::Catalogue& cat, int objective);  // "2. Nederlands"
std::string ActionLabel(const samenleven::Catalogue& cat, int action);        // "5. oefenkansen Nederlands"
std::string GroupLabel(const samenleven::Catalogue& cat, int action, const std::string& group);
// One line for people: which call governs each project year of a plan written against `first`.
std::string CallsLine(const samenleven::Catalogue& first);
std::string PlanDisplayTitle(const samenleven::Plan& plan);
// What a project year's request rests on, for the budget panel and the exports alike: "oproep
// 2023; aangenomen prijzen; enveloppe € 120.000,00" (or what it asks above the envelope).
std::string YearBudgetNote(const samenleven::Plan& plan, const samenleven::Budget& budget,
                           const samenleven::YearCalls& calls, std::size_t year);
bool AboveEnvelope(const samenleven::Plan& plan, const samenleven::Budget& budget, std::size_t year);
// Why an IGS gets the cooperation stimulus in some years and not in others ("" for a lone
// applicant), from the core's reasons.
std::string StimulusNote(const samenleven::Plan& plan, const samenleven::Budget& budget, const samenleven::Catalogue& cat);                   // title or applicant or "Naamloos plan"
// A status code of the server ("submitted") for people ("ingediend"); an unknown code as it is.
std::string StatusText(const std::string& code);

// The interim jury's verdict as the agency recorded it: "Jury: positief", "Jury: negatief", or
// "" when none is recorded.
std::string VerdictText(std::optional<bool> jury_positive);
// The core's finding that row `row` stops in project year `start_year` (row.not_renewed, on
// rows[row].planned[start_year]), or null: the consequence of an interim reach and a verdict
// as validation decides it, read, never decided again in the app.
const samenleven::Finding* RenewalFinding(const std::vector<samenleven::Finding>& findings, std::size_t row,
                                          int start_year);

// Parses a count typed by a person: digits with optional '.' or ' ' thousands separators
// ("12.500", "12 500": groups of three after the first). Empty text is nullopt with ok;
// anything else that is not a whole number >= 0 is not ok, with the reason in Problem
// (Dutch): a decimal part ("12,5", "12.5") is refused, never truncated.
struct ParsedCount {
    bool Ok = true;
    std::optional<samenleven::Count> Value;
    std::string Problem;
};
ParsedCount ParseCount(std::string_view text);

// Percent with one decimal from per mille: 256 -> "25,6 %". The one way the app shows the use
// of a maximum (budget panel and action cards alike); the core's per mille is rounded down, so
// "100,0 %" only shows at the maximum itself (2 of 3 is "66,6 %").
std::string FormatPermille(int permille);

// A file name made from a title: lower case, [a-z0-9-] only.
std::string Slug(std::string_view text);

}  // namespace app
