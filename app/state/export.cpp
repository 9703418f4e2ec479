#include "state/export.h"

#include <algorithm>
#include <optional>

#include "text/text.h"

namespace app {

namespace sl = samenleven;

namespace {

std::string CsvField(const std::string& text) {
    if (text.find_first_of(";\"\n\r") == std::string::npos) return text;
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

// A CSV for Belgian spreadsheets: UTF-8 with a byte order mark (spreadsheets then read
// accents right), ';' between fields, CRLF after each line.
struct CsvOut {
    std::string text = "\xEF\xBB\xBF";
    void Line(const std::vector<std::string>& fields) {
        for (std::size_t i = 0; i < fields.size(); ++i) text += (i ? ";" : "") + CsvField(fields[i]);
        text += "\r\n";
    }
};

bool HasResult(const sl::YearResult& r) {
    return r.confirmed_target || r.interim_reach || r.final_reach || !r.reason.empty() || !r.recovery_plan.empty() ||
           r.jury_positive;
}

bool YearHasResult(const sl::Plan& plan, std::size_t year) {
    return std::any_of(plan.rows.begin(), plan.rows.end(), [&](const sl::ActionRow& row) { return HasResult(row.results[year]); });
}

bool AnyResult(const sl::Plan& plan) {
    for (std::size_t y = 0; y < sl::kProjectYears.size(); ++y)
        if (YearHasResult(plan, y)) return true;
    return false;
}

// "werkversie" for a plan only on this device.
std::string StatusLabel(const ExportCycle& cycle) {
    return cycle.Status.empty() ? std::string(sl::status_label(sl::PlanStatus::draft)) : cycle.Status;
}

std::string CountOrEmpty(const std::optional<sl::Count>& value) { return value ? std::to_string(*value) : std::string(); }
std::string FormattedOrEmpty(const std::optional<sl::Count>& value) { return value ? sl::format_count(*value) : std::string(); }

// A project year runs from 1 October to 30 September: its 31 March and 30 September fall in the next calendar year.
std::string InterimHeading(int start_year) { return "Bereik 31 maart " + std::to_string(start_year + 1); }
std::string FinalHeading(int start_year) { return "Bereik 30 september " + std::to_string(start_year + 1); }

// "2022-2023: reden: ...; inhaalplan: ... | 2023-2024: reden: ..."
std::string ReasonsText(const sl::ActionRow& row) {
    std::string out;
    for (std::size_t y = 0; y < sl::kProjectYears.size(); ++y) {
        const sl::YearResult& r = row.results[y];
        if (r.reason.empty() && r.recovery_plan.empty()) continue;
        out += (out.empty() ? "" : " | ") + sl::year_label(sl::kProjectYears[y]) + ": ";
        if (!r.reason.empty()) out += "reden: " + r.reason;
        if (!r.recovery_plan.empty()) out += (r.reason.empty() ? "" : "; ") + std::string("inhaalplan: ") + r.recovery_plan;
    }
    return out;
}

}  // namespace

std::string ExportBaseName(const sl::Plan& plan) { return "plan-samenleven-" + Slug(PlanDisplayTitle(plan)); }

std::string CsvMoney(sl::Cents cents) {
    const bool negative = cents < 0;
    const unsigned long long m = negative ? 0ULL - static_cast<unsigned long long>(cents) : static_cast<unsigned long long>(cents);
    const unsigned long long rest = m % 100;
    return (negative ? "-" : "") + std::to_string(m / 100) + "," + (rest < 10 ? "0" : "") + std::to_string(rest);
}

std::string BuildCsv(const sl::Plan& plan, const sl::Budget& budget, const sl::Catalogue& cat, const ExportCycle& cycle) {
    CsvOut csv;
    std::vector<std::string> head{"Prioriteit", "Actie", "Actienaam", "Doelstelling", "Doelgroep", "Indicator",
                                  "Eenheidsprijs (EUR)", "Huidig bereik"};
    for (int y : sl::kProjectYears) head.push_back("Extra bereik " + sl::year_label(y));
    for (int y : sl::kProjectYears) head.push_back("Subsidie " + sl::year_label(y) + " (EUR)");
    head.push_back("Subsidie totaal (EUR)");
    head.push_back("Activiteiten");
    head.push_back("Partners");
    const bool results = AnyResult(plan);  // without any, the columns stay as they always were
    if (results) {
        for (int y : sl::kProjectYears) head.push_back("Bevestigd doel " + sl::year_label(y));
        for (int y : sl::kProjectYears) head.push_back(InterimHeading(y));
        for (int y : sl::kProjectYears) head.push_back(FinalHeading(y));
        head.push_back("Reden / inhaalplan");
        for (int y : sl::kProjectYears) head.push_back("Jury " + sl::year_label(y));
    }
    auto line = [&](const std::vector<std::string>& fields) { csv.Line(fields); };
    line(head);
    for (std::size_t r : sl::priority_order(plan)) {
        const sl::ActionRow& row = plan.rows[r];
        const sl::Action* a = cat.find_action(row.action);
        std::vector<std::string> f{row.priority > 0 ? std::to_string(row.priority) : "",
                                   std::to_string(row.action),
                                   a ? a->name : "",
                                   a ? ObjectiveLabel(cat, a->objective) : "",
                                   GroupLabel(cat, row.action, row.target_group),
                                   a ? a->kpi : "",
                                   a ? CsvMoney(a->unit_price) : "",
                                   std::to_string(row.current_reach)};
        for (sl::Count c : row.planned) f.push_back(std::to_string(c));
        const sl::RowBudget* rb = r < budget.rows.size() ? &budget.rows[r] : nullptr;
        for (int y = 0; y < sl::kYearCount; ++y) f.push_back(rb ? CsvMoney(rb->subsidy[static_cast<std::size_t>(y)]) : "");
        f.push_back(rb ? CsvMoney(rb->total) : "");
        f.push_back(row.activities);
        f.push_back(row.partners);
        if (results) {
            for (const sl::YearResult& res : row.results) f.push_back(CountOrEmpty(res.confirmed_target));
            for (const sl::YearResult& res : row.results) f.push_back(CountOrEmpty(res.interim_reach));
            for (const sl::YearResult& res : row.results) f.push_back(CountOrEmpty(res.final_reach));
            f.push_back(ReasonsText(row));
            for (const sl::YearResult& res : row.results)
                f.push_back(res.jury_positive ? (*res.jury_positive ? "positief" : "negatief") : "");
        }
        line(f);
    }
    csv.text += "\r\n";
    line({"Subsidie voor acties", CsvMoney(budget.subsidy_total)});
    const std::string stimulus_note = StimulusNote(plan, budget, cat);
    if (stimulus_note.empty()) line({"Samenwerkingsstimulans", CsvMoney(budget.stimulus_total)});
    else line({"Samenwerkingsstimulans", CsvMoney(budget.stimulus_total), stimulus_note});
    line({"Totaal Vlaamse subsidie", CsvMoney(budget.flemish_total)});
    line({"Eigen inbreng (minimum)", CsvMoney(budget.own_contribution)});
    // Each project year under its own call, in columns a spreadsheet can sum.
    csv.text += "\r\n";
    line({"Projectjaar", "Gevraagd (EUR)", "Oproep", "Aangenomen prijzen", "Enveloppe (EUR)", "Boven de enveloppe (EUR)"});
    const sl::YearCalls calls = sl::governing_calls(cat);
    for (std::size_t y = 0; y < sl::kProjectYears.size(); ++y) {
        const std::optional<sl::Cents>& envelope = plan.envelope[y];
        line({sl::year_label(sl::kProjectYears[y]), CsvMoney(budget.requested_per_year[y]), calls[y] ? calls[y]->call : "",
              budget.assumed_per_year[y] ? "ja" : "nee", envelope ? CsvMoney(*envelope) : "",
              AboveEnvelope(plan, budget, y) ? CsvMoney(budget.requested_per_year[y] - *envelope) : ""});
    }
    line({"Status", StatusLabel(cycle) + (cycle.StatusDate.empty() ? "" : " op " + cycle.StatusDate)});
    if (!cycle.Remark.empty()) line({"Opmerking van ABB", cycle.Remark});
    return csv.text;
}

std::string BuildOverviewCsv(const OverviewData& data, const std::string& year, bool with_drafts, const std::string& objective) {
    CsvOut csv;
    csv.Line({"Plan Samenleven: overzicht", year});
    csv.Line({"Plannen", std::to_string(data.Plans) + (with_drafts ? " (met werkversies)" : " (ingediend)")});
    csv.Line({"Lokale besturen", std::to_string(data.Governments)});
    if (!objective.empty()) csv.Line({"Doelstelling", objective});
    csv.Line({"Vlaamse subsidie (EUR)", CsvMoney(data.FlemishCents)});
    auto section = [&](const std::string& title, const std::string& key_heading, const std::vector<Figure>& figures,
                       bool numbered) {
        csv.text += "\r\n";
        csv.Line({title});
        csv.Line({key_heading, "Omschrijving", "Gepland", "Extra gepland", "Bereikt", "Subsidie (EUR)", "Plannen"});
        for (const Figure& f : figures)
            csv.Line({numbered ? std::to_string(f.Number) : f.Code, f.Label, std::to_string(f.Totals.Planned),
                      std::to_string(f.Totals.Additional), std::to_string(f.Totals.Reached), CsvMoney(f.Totals.SubsidyCents),
                      std::to_string(f.Totals.Plans)});
    };
    section("Kerncijfers", "Code", data.Headlines, false);
    section("Per doelstelling", "Doelstelling", data.Objectives, true);
    section("Per actie", "Actie", data.Actions, true);
    return csv.text;
}

std::string BuildAllocationCsv(const AllocationData& allocation, const sl::Catalogue& cat) {
    CsvOut csv;
    csv.Line({"Aanvrager", "Plan", "Prioriteit", "Actie", "Doelgroep", "Gevraagd (EUR)", "Toegewezen (EUR)", "Financiering"});
    for (const PlanShare& p : allocation.Plans)
        for (const RowShare& r : p.Rows)
            csv.Line({p.Applicant, p.Id, r.Priority > 0 ? std::to_string(r.Priority) : "", ActionLabel(cat, r.Action),
                      GroupLabel(cat, r.Action, r.TargetGroup), CsvMoney(r.RequestedCents), CsvMoney(r.AllocatedCents),
                      r.FundingText});
    csv.text += "\r\n";
    csv.Line({"Projectjaar", sl::year_label(allocation.Year)});
    csv.Line({"Budget (EUR)", CsvMoney(allocation.BudgetCents)});
    csv.Line({"Gevraagd (EUR)", CsvMoney(allocation.RequestedCents)});
    csv.Line({"Toegewezen (EUR)", CsvMoney(allocation.AllocatedCents)});
    csv.Line({"Geld op bij prioriteit", allocation.PartialPriority > 0   ? std::to_string(allocation.PartialPriority)
                                        : allocation.PartialPriority < 0 ? "zonder prioriteit"
                                                                         : "-"});
    return csv.text;
}

std::string HtmlEscape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string BuildSummaryHtml(const sl::Plan& plan, const sl::Budget& budget, const std::vector<sl::Finding>& findings,
                             const sl::Eligibility& eligibility, const sl::Catalogue& cat, const ExportCycle& cycle) {
    const std::string title = HtmlEscape(PlanDisplayTitle(plan));
    std::string h = "<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>" + title +
                    " - Plan Samenleven</title><style>"
                    "body{font-family:'DejaVu Sans',Arial,sans-serif;margin:2em;color:#19202d}"
                    "table{border-collapse:collapse;width:100%;margin:1em 0}"
                    "th,td{border:1px solid #bbb;padding:.35em .5em;text-align:left;vertical-align:top}"
                    "td.n,th.n{text-align:right;white-space:nowrap}h1{color:#005caa}"
                    ".err{color:#b22222}.warn{color:#a05f00}@media print{button{display:none}}"
                    ".remark{background:#fff4d6;border-left:.3em solid #a05f00;padding:.5em .8em;margin:1em 0}"
                    ".remark p{margin:.3em 0 0;white-space:pre-line}"
                    "</style></head><body>";
    h += "<button onclick=\"print()\">Afdrukken</button>";
    h += "<h1>" + title + "</h1>";
    h += "<p>Status: <b>" + HtmlEscape(StatusLabel(cycle)) + "</b>" +
         (cycle.StatusDate.empty() ? std::string() : " (op " + HtmlEscape(cycle.StatusDate) + ")") + "</p>";
    if (!cycle.Remark.empty())
        h += "<div class=remark><b>Opmerking van ABB</b><p>" + HtmlEscape(cycle.Remark) + "</p></div>";
    h += "<p>" + HtmlEscape(cat.name) + "</p>";
    const sl::Applicant& a = plan.applicant;
    h += "<h2>Aanvrager</h2><p>" + HtmlEscape(ApplicantKindLabel(a.kind)) + ": <b>" + HtmlEscape(a.lead.name) + "</b>";
    if (!a.members.empty()) {
        h += "<br>Met: ";
        for (std::size_t m = 0; m < a.members.size(); ++m) h += (m ? ", " : "") + HtmlEscape(a.members[m].name);
    }
    h += "<br>" + HtmlEscape(eligibility.reason) + "</p>";
    h += "<p>Contact: " + HtmlEscape(plan.contact.name) + ", " + HtmlEscape(plan.contact.phone) + ", " +
         HtmlEscape(plan.contact.email) + "<br>IBAN: " + HtmlEscape(plan.iban) + "</p>";

    h += "<h2>Acties</h2><table><tr><th>Prio</th><th>Actie</th><th>Doelgroep</th><th class=n>Huidig</th>";
    for (int y : sl::kProjectYears) h += "<th class=n>Extra " + sl::year_label(y) + "</th>";
    h += "<th class=n>Subsidie</th></tr>";
    for (std::size_t r : sl::priority_order(plan)) {
        const sl::ActionRow& row = plan.rows[r];
        h += "<tr><td>" + (row.priority > 0 ? std::to_string(row.priority) : std::string()) + "</td><td>" +
             HtmlEscape(ActionLabel(cat, row.action)) + "</td><td>" + HtmlEscape(GroupLabel(cat, row.action, row.target_group)) +
             "</td><td class=n>" + sl::format_count(row.current_reach) + "</td>";
        for (sl::Count c : row.planned) h += "<td class=n>" + sl::format_count(c) + "</td>";
        h += "<td class=n>" + (r < budget.rows.size() ? sl::format_euro(budget.rows[r].total) : std::string()) + "</td></tr>";
    }
    h += "</table>";

    // Each year under its own call, with what its amount rests on (the budget panel's words).
    h += "<h2>Begroting</h2><table>";
    const sl::YearCalls calls = sl::governing_calls(cat);
    for (std::size_t y = 0; y < sl::kProjectYears.size(); ++y)
        h += "<tr><td>" + sl::year_label(sl::kProjectYears[y]) + "</td><td class=n>" +
             sl::format_euro(budget.requested_per_year[y]) + "</td><td" + (AboveEnvelope(plan, budget, y) ? " class=err>" : ">") +
             HtmlEscape(YearBudgetNote(plan, budget, calls, y)) + "</td></tr>";
    h += "<tr><td>Subsidie voor acties</td><td class=n>" + sl::format_euro(budget.subsidy_total) + "</td><td></td></tr>";
    h += "<tr><td>Samenwerkingsstimulans</td><td class=n>" + sl::format_euro(budget.stimulus_total) + "</td><td>" +
         HtmlEscape(StimulusNote(plan, budget, cat)) + "</td></tr>";
    h += "<tr><th>Totaal Vlaamse subsidie</th><th class=n>" + sl::format_euro(budget.flemish_total) + "</th><td></td></tr>";
    h += "<tr><td>Eigen inbreng (minimum, 1:1)</td><td class=n>" + sl::format_euro(budget.own_contribution) +
         "</td><td></td></tr>";
    h += "</table>";

    if (AnyResult(plan)) {
        // Every judgement (target used, 25 % check, reached, shortfall, three-year totals) is the core's.
        const std::vector<sl::RowStatus> status = sl::result_status(plan, cat);
        const std::string pct = std::to_string(cat.rules.interim_threshold_percent) + " %";
        h += "<h2>Resultaten</h2><p>Op 31 maart is minstens " + pct +
             " van het doel nodig voor verlenging; de doelen moeten over de drie projectjaren samen gehaald worden.</p>";
        for (std::size_t y = 0; y < sl::kProjectYears.size(); ++y) {
            const int start = sl::kProjectYears[y];
            if (!sl::governs_year(cat, start) || !YearHasResult(plan, y)) continue;
            h += "<h3>" + sl::year_label(start) + "</h3><table><tr><th>Actie</th><th>Doelgroep</th>"
                 "<th class=n>Gepland doel</th><th class=n>Bevestigd doel</th><th class=n>" + InterimHeading(start) +
                 "</th><th>" + pct + " van het doel</th><th>Jury</th><th class=n>" + FinalHeading(start) +
                 "</th><th>Doel</th><th>Reden</th><th>Inhaalplan</th></tr>";
            for (std::size_t r : sl::priority_order(plan)) {
                const sl::ActionRow& row = plan.rows[r];
                const sl::YearResult& res = row.results[y];
                const sl::YearStatus& ys = status[r].years[y];
                std::string check, outcome;
                if (ys.interim_reported) check = ys.interim_ok ? "<td>ok</td>" : "<td class=warn>minder dan " + pct + "</td>";
                else check = "<td></td>";
                if (!ys.final_reported) outcome = "<td></td>";
                else if (ys.reached) outcome = "<td>gehaald</td>";
                else outcome = "<td class=err>niet gehaald: " + sl::format_count(ys.shortfall) + " te weinig</td>";
                h += "<tr><td>" + HtmlEscape(ActionLabel(cat, row.action)) + "</td><td>" +
                     HtmlEscape(GroupLabel(cat, row.action, row.target_group)) + "</td><td class=n>" +
                     sl::format_count(sl::target(row, static_cast<int>(y))) + "</td><td class=n>" +
                     FormattedOrEmpty(res.confirmed_target) + "</td><td class=n>" + FormattedOrEmpty(res.interim_reach) +
                     "</td>" + check + "<td>" + VerdictText(res.jury_positive) + "</td><td class=n>" +
                     FormattedOrEmpty(res.final_reach) + "</td>" + outcome + "<td>" +
                     HtmlEscape(res.reason) + "</td><td>" + HtmlEscape(res.recovery_plan) + "</td></tr>";
            }
            h += "</table>";
        }
        h += "<h3>Over de drie projectjaren</h3><table><tr><th>Actie</th><th>Doelgroep</th><th class=n>Bereikt</th>"
             "<th>Doel</th></tr>";
        for (std::size_t r : sl::priority_order(plan)) {
            const sl::ActionRow& row = plan.rows[r];
            const sl::RowStatus& rs = status[r];
            h += "<tr><td>" + HtmlEscape(ActionLabel(cat, row.action)) + "</td><td>" +
                 HtmlEscape(GroupLabel(cat, row.action, row.target_group)) + "</td><td class=n>" +
                 sl::format_count(rs.cumulative_reached) + " van " + sl::format_count(rs.cumulative_target) + "</td>" +
                 (rs.cumulative_met ? std::string("<td>gehaald</td>")
                                    : "<td>nog " + sl::format_count(rs.cumulative_shortfall) + " te bereiken</td>") +
                 "</tr>";
        }
        h += "</table>";
    }

    h += "<h2>Controle</h2>";
    if (findings.empty()) h += "<p>Geen fouten of waarschuwingen.</p>";
    else {
        h += "<ul>";
        for (const sl::Finding& f : findings)
            h += std::string("<li class=") + (f.severity == sl::Severity::error ? "err>Fout: " : "warn>Waarschuwing: ") +
                 HtmlEscape(f.message) + "</li>";
        h += "</ul>";
    }
    h += "</body></html>";
    return h;
}

}  // namespace app
