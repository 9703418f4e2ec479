// The exports follow the programme's cycle (issue 8, item 5): the CSV and the printable
// summary show the plan's status, the agency's remark, the confirmed targets and the
// reported results. Every expected text below is worked out by hand from the plan built here.
#include <doctest/doctest.h>

#include <string>

#include "state/export.h"
#include "support.h"

using namespace app;
namespace sl = samenleven;

namespace {

// Gent, two rows: action 5 (current 50, planned 100/200/300, priority 1) and action 15
// (current 40, planned 80/100/120, priority 2). No results: a draft.
sl::Plan DraftPlan() {
    sl::Plan plan = test_support::valid_plan();
    plan.rows.push_back(test_support::row(15, "families", {80, 100, 120}, 2, 40));
    return plan;
}

// The draft after confirmation and reporting:
//   action 5, 2022: confirmed 120, 31 March 40 (40/120 = 33 %: ok), 30 September 100 (20 short),
//                   a reason with ';' and quotes, a recovery plan;
//   action 5, 2023: no confirmed target (planned 50 + 200 = 250), 31 March 10 (4 %: under 25 %),
//                   only a recovery plan;
//   action 15, 2022: planned target 40 + 80 = 120, 30 September 130: reached.
// Three years together: action 5 targets 120 + 250 + 350 = 720, reached 100 (620 to go);
// action 15 targets 120 + 140 + 160 = 420, reached 130 (290 to go).
sl::Plan ReportedPlan() {
    sl::Plan plan = DraftPlan();
    sl::YearResult& a2022 = plan.rows[0].results[0];
    a2022.confirmed_target = 120;
    a2022.interim_reach = 40;
    a2022.final_reach = 100;
    a2022.reason = "Zaal; \"De Kring\" gesloten";
    a2022.recovery_plan = "Extra sessies in mei";
    sl::YearResult& a2023 = plan.rows[0].results[1];
    a2023.interim_reach = 10;
    a2023.recovery_plan = "Tweede reeks in juni";
    plan.rows[1].results[0].final_reach = 130;
    return plan;
}

ExportCycle Confirmed() {
    return {"bevestigd", "26-11-2026", "Graag <script>alert(1)</script> & het IBAN nakijken"};
}

bool Has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
bool EndsWith(const std::string& text, const std::string& tail) {
    return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

const char* const kDraftHeader =
    "\xEF\xBB\xBFPrioriteit;Actie;Actienaam;Doelstelling;Doelgroep;Indicator;Eenheidsprijs (EUR);Huidig bereik;"
    "Extra bereik 2022-2023;Extra bereik 2023-2024;Extra bereik 2024-2025;"
    "Subsidie 2022-2023 (EUR);Subsidie 2023-2024 (EUR);Subsidie 2024-2025 (EUR);Subsidie totaal (EUR);"
    "Activiteiten;Partners\r\n";

}  // namespace

TEST_CASE("[Export] a draft's CSV keeps its columns and ends with the status werkversie") {
    const sl::Plan plan = DraftPlan();
    const auto& cat = test_support::call2022();
    const std::string csv = BuildCsv(plan, sl::calculate(plan, cat), cat);
    CHECK(csv.rfind(kDraftHeader, 0) == 0);
    CHECK_FALSE(Has(csv, "Bevestigd doel"));
    CHECK_FALSE(Has(csv, "Reden / inhaalplan"));
    CHECK_FALSE(Has(csv, "Opmerking van ABB"));
    // The rows end with activities and partners (action 15: "Lokale activiteit", no partners).
    CHECK(Has(csv, ";Lokale activiteit;\r\n"));
    CHECK(EndsWith(csv, "\r\nStatus;werkversie\r\n"));
    // The status without a date.
    CHECK(EndsWith(BuildCsv(plan, sl::calculate(plan, cat), cat, {"ingediend", "", ""}), "\r\nStatus;ingediend\r\n"));
}

TEST_CASE("[Export] the CSV of a confirmed plan with results: targets, reach, reasons, status and remark") {
    const sl::Plan plan = ReportedPlan();
    const auto& cat = test_support::call2022();
    const std::string csv = BuildCsv(plan, sl::calculate(plan, cat), cat, Confirmed());
    // The table's header is still the first line, with the new columns at its end.
    CHECK(csv.rfind(std::string(kDraftHeader, std::string(kDraftHeader).size() - 2) +
                        ";Bevestigd doel 2022-2023;Bevestigd doel 2023-2024;Bevestigd doel 2024-2025;"
                        "Bereik 31 maart 2023;Bereik 31 maart 2024;Bereik 31 maart 2025;"
                        "Bereik 30 september 2023;Bereik 30 september 2024;Bereik 30 september 2025;"
                        "Reden / inhaalplan;Jury 2022-2023;Jury 2023-2024;Jury 2024-2025\r\n",
                    0) == 0);
    // Action 5: partners empty; confirmed 120, -, -; 31 March 40, 10, -; 30 September 100, -, -;
    // the reason quoted (it holds ';' and '"', each '"' doubled).
    CHECK(Has(csv, ";Lokale activiteit;;120;;;40;10;;100;;;"
                   "\"2022-2023: reden: Zaal; \"\"De Kring\"\" gesloten; inhaalplan: Extra sessies in mei"
                   " | 2023-2024: inhaalplan: Tweede reeks in juni\";;;\r\n"));
    // Action 15: only 30 September 2023 = 130, no reason, no verdict.
    CHECK(Has(csv, ";Lokale activiteit;;;;;;;;130;;;;;;\r\n"));
    CHECK(Has(csv, "\r\nEigen inbreng (minimum);"));
    CHECK(EndsWith(csv, "\r\nStatus;bevestigd op 26-11-2026\r\n"
                        "Opmerking van ABB;Graag <script>alert(1)</script> & het IBAN nakijken\r\n"));
    // A remark with ';', a quote and a line break is one quoted field.
    const std::string sent_back =
        BuildCsv(plan, sl::calculate(plan, cat), cat, {"ingediend", "1-12-2026", "IBAN; zie \"bijlage\"\nen bel ons"});
    CHECK(EndsWith(sent_back, "\r\nStatus;ingediend op 1-12-2026\r\n"
                              "Opmerking van ABB;\"IBAN; zie \"\"bijlage\"\"\nen bel ons\"\r\n"));
}

TEST_CASE("[Export] a row with only a confirmed target brings the result columns") {
    sl::Plan plan = DraftPlan();
    plan.rows[1].results[2].confirmed_target = 150;
    const auto& cat = test_support::call2022();
    const std::string csv = BuildCsv(plan, sl::calculate(plan, cat), cat);
    CHECK(Has(csv, ";Reden / inhaalplan;Jury 2022-2023;Jury 2023-2024;Jury 2024-2025\r\n"));
    CHECK(Has(csv, ";Lokale activiteit;;;;150;;;;;;;;;;\r\n"));
    CHECK(Has(csv, ";Lokale activiteit;;;;;;;;;;;;;;\r\n"));  // action 5: all empty
}

TEST_CASE("[Export] the summary of a confirmed plan: status, escaped remark, results per year and over three years") {
    const sl::Plan plan = ReportedPlan();
    const auto& cat = test_support::call2022();
    const std::string html = BuildSummaryHtml(plan, sl::calculate(plan, cat), {}, {}, cat, Confirmed());
    CHECK(Has(html, "<h1>Testplan</h1><p>Status: <b>bevestigd</b> (op 26-11-2026)</p>"
                    "<div class=remark><b>Opmerking van ABB</b>"
                    "<p>Graag &lt;script&gt;alert(1)&lt;/script&gt; &amp; het IBAN nakijken</p></div>"));
    CHECK_FALSE(Has(html, "<script>"));
    CHECK(Has(html, "<h2>Resultaten</h2>"));
    // Only the years with data have a table, after the budget and before the findings.
    CHECK(html.find("<h2>Begroting</h2>") < html.find("<h2>Resultaten</h2>"));
    CHECK(html.find("<h2>Resultaten</h2>") < html.find("<h2>Controle</h2>"));
    CHECK(Has(html, "<h3>2022-2023</h3><table><tr><th>Actie</th><th>Doelgroep</th><th class=n>Gepland doel</th>"
                    "<th class=n>Bevestigd doel</th><th class=n>Bereik 31 maart 2023</th><th>25 % van het doel</th>"
                    "<th>Jury</th><th class=n>Bereik 30 september 2023</th><th>Doel</th><th>Reden</th><th>Inhaalplan</th></tr>"));
    CHECK(Has(html, "<h3>2023-2024</h3>"));
    CHECK_FALSE(Has(html, "<h3>2024-2025</h3>"));
    // 2022-2023: action 5 planned 150, confirmed 120, 40 on 31 March (ok), 100 on 30 September (20 short).
    CHECK(Has(html, "<tr><td>5. Oefenkansen Nederlands</td><td>volwassen anderstaligen</td><td class=n>150</td>"
                    "<td class=n>120</td><td class=n>40</td><td>ok</td><td></td><td class=n>100</td>"
                    "<td class=err>niet gehaald: 20 te weinig</td><td>Zaal; &quot;De Kring&quot; gesloten</td>"
                    "<td>Extra sessies in mei</td></tr>"));
    // 2022-2023: action 15 planned 120, reached with 130.
    CHECK(Has(html, "<tr><td>15. Brugfiguren onderwijs</td><td>kwetsbare gezinnen</td><td class=n>120</td>"
                    "<td class=n></td><td class=n></td><td></td><td></td><td class=n>130</td><td>gehaald</td><td></td><td></td></tr>"));
    // 2023-2024: action 5 planned 250, 10 on 31 March is under 25 %.
    CHECK(Has(html, "<td class=n>250</td><td class=n></td><td class=n>10</td><td class=warn>minder dan 25 %</td>"
                    "<td></td><td class=n></td><td></td><td></td><td>Tweede reeks in juni</td></tr>"));
    // Over three years.
    CHECK(Has(html, "<h3>Over de drie projectjaren</h3>"));
    CHECK(Has(html, "<td>volwassen anderstaligen</td><td class=n>100 van 720</td><td>nog 620 te bereiken</td></tr>"));
    CHECK(Has(html, "<td>kwetsbare gezinnen</td><td class=n>130 van 420</td><td>nog 290 te bereiken</td></tr>"));
}

TEST_CASE("[Export] the summary of a draft: werkversie, no remark, no results") {
    const sl::Plan plan = DraftPlan();
    const auto& cat = test_support::call2022();
    const std::string html = BuildSummaryHtml(plan, sl::calculate(plan, cat), {}, {}, cat);
    CHECK(Has(html, "<h1>Testplan</h1><p>Status: <b>werkversie</b></p><p>"));
    CHECK_FALSE(Has(html, "<div class=remark"));
    CHECK_FALSE(Has(html, "Resultaten"));
    CHECK_FALSE(Has(html, "Bevestigd doel"));
}

TEST_CASE("[Export] every text of the cycle is escaped in the summary") {
    const sl::Plan plan = DraftPlan();
    const auto& cat = test_support::call2022();
    const std::string html =
        BuildSummaryHtml(plan, sl::calculate(plan, cat), {}, {}, cat, {"in<b>gediend", "1 & 2", "\"x\""});
    CHECK(Has(html, "<p>Status: <b>in&lt;b&gt;gediend</b> (op 1 &amp; 2)</p>"
                    "<div class=remark><b>Opmerking van ABB</b><p>&quot;x&quot;</p></div>"));
}

// The draft with envelopes for its later years: 2023-2024 EUR 40,000 (it asks 44,000: 4,000
// above), 2024-2025 EUR 60,000 (it asks 56,400). Per year it asks action 5 at EUR 60 and
// action 15 at EUR 320 (the same prices in all three calls, assumed in 2023 and 2024):
// 2022: 100 x 60 + 80 x 320 = 31,600; 2023: 200 x 60 + 100 x 320 = 44,000;
// 2024: 300 x 60 + 120 x 320 = 56,400. The jury judged action 5's 31 March 2024 negatively.
TEST_CASE("[Export] each year's call, assumed prices, envelope and the jury's verdicts in the CSV and the summary") {
    sl::Plan plan = DraftPlan();
    plan.envelope[1] = 4000000;
    plan.envelope[2] = 6000000;
    plan.rows[0].results[1].interim_reach = 10;
    plan.rows[0].results[1].jury_positive = false;
    const auto& cat = test_support::call2022();
    const sl::Budget budget = sl::calculate(plan, cat);

    const std::string csv = BuildCsv(plan, budget, cat, {"bevestigd", "26-11-2026", ""});
    CHECK(Has(csv, "\r\nEigen inbreng (minimum);132000,00\r\n"
                   "\r\nProjectjaar;Gevraagd (EUR);Oproep;Aangenomen prijzen;Enveloppe (EUR);Boven de enveloppe (EUR)\r\n"
                   "2022-2023;31600,00;2022;nee;;\r\n"
                   "2023-2024;44000,00;2023;ja;40000,00;4000,00\r\n"
                   "2024-2025;56400,00;2024;ja;60000,00;\r\n"
                   "Status;bevestigd op 26-11-2026\r\n"));
    // A verdict alone brings the result columns: action 5 reported 10 on 31 March 2024, negatief.
    CHECK(Has(csv, ";Lokale activiteit;;;;;;10;;;;;;;negatief;\r\n"));

    const std::string html = BuildSummaryHtml(plan, budget, {}, {}, cat);
    CHECK(Has(html, "<h2>Begroting</h2><table>"
                    "<tr><td>2022-2023</td><td class=n>€ 31.600,00</td><td>oproep 2022</td></tr>"
                    "<tr><td>2023-2024</td><td class=n>€ 44.000,00</td>"
                    "<td class=err>oproep 2023; aangenomen prijzen; € 4.000,00 boven de enveloppe van € 40.000,00</td></tr>"
                    "<tr><td>2024-2025</td><td class=n>€ 56.400,00</td>"
                    "<td>oproep 2024; aangenomen prijzen; enveloppe € 60.000,00</td></tr>"));
    CHECK(Has(html, "<td class=n>250</td><td class=n></td><td class=n>10</td><td class=warn>minder dan 25 %</td>"
                    "<td>Jury: negatief</td>"));
}

TEST_CASE("[Export] the summary of an IGS says why its cooperation stimulus is what it is") {
    // The demo IGS: Dendermonde leads with 6,120 residents of non-EU-14 origin, no stimulus.
    const sl::Plan plan = sl::read_plan_text(test_support::read_data("dendermonde_igs.json")).plan;
    const auto& cat = test_support::call2022();
    const std::string html = BuildSummaryHtml(plan, sl::calculate(plan, cat), {}, {}, cat);
    CHECK(Has(html, "<tr><td>Samenwerkingsstimulans</td><td class=n>€ 0,00</td>"
                    "<td>geen stimulans: de trekker heeft 7.500 of minder inwoners van niet-EU-14-herkomst</td></tr>"));
    const std::string csv = BuildCsv(plan, sl::calculate(plan, cat), cat);
    CHECK(Has(csv, "\r\nSamenwerkingsstimulans;0,00;geen stimulans: de trekker heeft 7.500 of minder inwoners van "
                   "niet-EU-14-herkomst\r\n"));
}
