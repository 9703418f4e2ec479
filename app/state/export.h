// What the export screen produces, as plain functions of the plan (testable without UI):
// the JSON submission (write_plan_text), a CSV for spreadsheets (Dutch headers, ';',
// UTF-8 with BOM, decimal comma) and a printable HTML summary. Both show where the plan is in
// the programme's cycle and, once there are any, the confirmed targets and reported results.
#pragma once
#include <string>
#include <vector>

#include "samenleven/samenleven.h"

#include "sync/overview_answers.h"

namespace app {

// Where the plan is in the programme's cycle, as the export shows it. Empty Status: a plan
// only on this device (shown as "werkversie").
struct ExportCycle {
    std::string Status;     // Dutch label, e.g. "ingediend", "bevestigd" (samenleven::status_label)
    std::string StatusDate; // e.g. "26-11-2026", may be empty
    std::string Remark;     // the agency's remark when it sent the plan back, may be empty
};

std::string ExportBaseName(const samenleven::Plan& plan);  // "plan-samenleven-<slug>"
// The table's columns of confirmed targets, reach on 31 March and 30 September and reasons /
// recovery plans appear only when some row has any of them (a draft keeps today's columns);
// the lines below the table end with the status ("Status;ingediend op 26-11-2026") and the remark.
std::string BuildCsv(const samenleven::Plan& plan, const samenleven::Budget& budget, const samenleven::Catalogue& cat,
                     const ExportCycle& cycle = {});
// The status under the title, the remark highlighted, and a section "Resultaten" (one table per
// project year with data, the three-year totals per row) when some row has a result.
std::string BuildSummaryHtml(const samenleven::Plan& plan, const samenleven::Budget& budget,
                             const std::vector<samenleven::Finding>& findings, const samenleven::Eligibility& eligibility,
                             const samenleven::Catalogue& cat, const ExportCycle& cycle = {});
// The agency's overview (headlines, objectives, actions) and an allocation, in the same
// spreadsheet format as the plan's CSV.
std::string BuildOverviewCsv(const OverviewData& data, const std::string& year, bool with_drafts,
                             const std::string& objective);
std::string BuildAllocationCsv(const AllocationData& allocation, const samenleven::Catalogue& cat);
std::string CsvMoney(samenleven::Cents cents);  // 1234550 -> "12345,50"
std::string HtmlEscape(const std::string& text);

}  // namespace app
