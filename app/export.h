// What the export screen produces, as plain functions of the plan (testable without UI):
// the JSON submission (write_plan_text), a CSV for spreadsheets (Dutch headers, ';',
// UTF-8 with BOM, decimal comma) and a printable HTML summary.
#pragma once
#include <string>
#include <vector>

#include "samenleven/samenleven.h"

namespace app {

std::string ExportBaseName(const samenleven::Plan& plan);  // "plan-samenleven-<slug>"
std::string BuildCsv(const samenleven::Plan& plan, const samenleven::Budget& budget, const samenleven::Catalogue& cat);
std::string BuildSummaryHtml(const samenleven::Plan& plan, const samenleven::Budget& budget,
                             const std::vector<samenleven::Finding>& findings, const samenleven::Eligibility& eligibility,
                             const samenleven::Catalogue& cat);
std::string CsvMoney(samenleven::Cents cents);  // 1234550 -> "12345,50"
std::string HtmlEscape(const std::string& text);

}  // namespace app
