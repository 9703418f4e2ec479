// A coordinator's first hour (issue 11): the app says why the cooperation stimulus is 0,
// refuses a count with a decimal part, shows one rounding for the use of a maximum, and
// stores a typed IBAN in its normal form.
#include <doctest/doctest.h>

#include "app_harness.h"
#include "mirror/mirror.h"
#include "text/text.h"

using namespace app_test;

namespace {


const AccessibleNode* BarNode(const Harness& h, const std::string& value) {
    for (const AccessibleNode& n : h.host.Tree)
        if (n.Role == AccessibleRole::ProgressBar && n.Value == value) return &n;
    return nullptr;
}

const char* const kPlanned2022 = "rows[0].planned[2022]";

}  // namespace

TEST_CASE("[First hour] the budget panel says why an IGS whose lead has 7,500 or fewer gets no stimulus") {
    Harness h;
    h.Frame(2);
    // The demo IGS: Dendermonde leads with 6,120 residents of non-EU-14 origin.
    REQUIRE(ImportPlanText(h.st, "dendermonde_igs.json", ReadData("dendermonde_igs.json")));
    h.Frame(3);
    CHECK(h.st.Derived.Budget.stimulus_total == 0);
    const char* const why = "geen stimulans: de trekker heeft 7.500 of minder inwoners van niet-EU-14-herkomst";
    CHECK(TextNode(h, why) != nullptr);

    // A lead above 7,500 with smaller members qualifies: the amount, no reason line.
    h.Click("nav.Aanvrager");
    h.Type("applicant.lead.non_eu14_residents", "9000");
    CHECK(h.st.Plan.applicant.lead.non_eu14_residents == 9000);
    // Paid once, in the cooperation's first project year (2022); later years only when a
    // smaller member joins, and the note says so.
    CHECK(h.st.Derived.Budget.stimulus_total == 1'000'000);
    CHECK(TextNode(h, why) == nullptr);
    CHECK(TextNode(h, "in 2022-2023; geen stimulans: één keer, in het eerste jaar van de samenwerking of in het jaar "
                      "waarin een kleinere gemeente toetreedt") != nullptr);
}

TEST_CASE("[First hour] ParseCount refuses a decimal part and keeps thousands separators") {
    CHECK(ParseCount("12500").Value == 12500);
    CHECK(ParseCount("12.500").Value == 12500);
    CHECK(ParseCount("12 500").Value == 12500);
    CHECK(ParseCount("1.234.567").Value == 1234567);
    CHECK(ParseCount(" 12 ").Value == 12);
    CHECK(ParseCount("").Ok);
    CHECK_FALSE(ParseCount("").Value.has_value());
    for (const char* bad : {"12,5", "12.5", "12,500", "1.2.3", "12.50", "1234.567", ".5", "12.", "-5", "12a"}) {
        CAPTURE(bad);
        const ParsedCount parsed = ParseCount(bad);
        CHECK_FALSE(parsed.Ok);
        CHECK_FALSE(parsed.Value.has_value());
        CHECK_FALSE(parsed.Problem.empty());
    }
    CHECK(ParseCount("12,5").Problem == "Een aantal is een geheel getal, zonder komma of decimalen.");
}

TEST_CASE("[First hour] a count typed as 12,5 is refused, not stored as 12") {
    Harness h;
    NewPlanWithAction5(h);
    h.Type(kPlanned2022, "300");
    REQUIRE(h.st.Plan.rows[0].planned[0] == 300);

    h.Click(kPlanned2022);
    REQUIRE(h.host.TextInput.has_value());
    // Typed key by key: "12" is a valid count on the way to "12,5".
    OnTextInput(h.st, "12");
    h.Frame();
    CHECK(h.st.Plan.rows[0].planned[0] == 12);
    OnTextInput(h.st, "12,5");
    h.Frame(2);  // the field's mirror node shows the verdict from the frame after the keystroke
    const AccessibleNode* field = MirrorNode(h, kPlanned2022);
    REQUIRE(field);
    CHECK(field->Invalid);
    CHECK(field->Description ==
          "Geen geldige waarde voor dit veld. Een aantal is een geheel getal, zonder komma of decimalen.");
    CHECK(h.st.Plan.rows[0].planned[0] == 300);  // back to the value before the edit, not 12
    OnTextCommit(h.st);
    h.Frame(2);
    CHECK(h.st.Plan.rows[0].planned[0] == 300);
    CHECK(h.st.Ui.Notice ==
          "\"12,5\" is geen geldig aantal. Een aantal is een geheel getal, zonder komma of decimalen. "
          "Extra bereik 2022-2023 blijft 300.");
    CHECK(h.host.Announced == h.st.Ui.Notice);

    // "12.5" is a decimal too, never 125; "1.500" is fifteen hundred.
    h.Type(kPlanned2022, "12.5");
    CHECK(h.st.Plan.rows[0].planned[0] == 300);
    h.Type(kPlanned2022, "1.500");
    CHECK(h.st.Plan.rows[0].planned[0] == 1500);
}

TEST_CASE("[First hour] the use of a maximum reads the same on the card and in the budget panel") {
    Harness h;
    NewPlanWithAction5(h);
    // Action 5, adult learners: at most 2,250 per application; 1,500 is two thirds.
    h.Type(kPlanned2022, "1500");
    REQUIRE(h.st.Plan.rows[0].planned[0] == 1500);
    h.Frame(2);
    const AccessibleNode* card = BarNode(h, "66,6 % van max 2.250");
    const AccessibleNode* budget = BarNode(h, "maximum 66,6 % gebruikt");
    CHECK(card != nullptr);
    CHECK(budget != nullptr);
    if (card) CHECK(card->Level == 66);
    if (budget) CHECK(budget->Level == 66);
    CHECK(BarNode(h, "67 % van max 2.250") == nullptr);
    CHECK(FormatPermille(666) == "66,6 %");
    CHECK(FormatPermille(1000) == "100,0 %");
    CHECK(FormatPermille(999) == "99,9 %");
}

TEST_CASE("[First hour] an IBAN typed in lower case is stored in its normal form") {
    Harness h;
    h.Frame(2);
    h.Click("plans.new");
    h.Click("nav.Aanvrager");
    h.Type("iban", "be68 5390 0754 7034");
    CHECK(h.st.Plan.iban == "BE68 5390 0754 7034");
    CHECK(MirrorNode(h, "iban")->Value == "BE68 5390 0754 7034");
    CHECK_FALSE(MirrorNode(h, "iban")->Invalid);
    // Typed without spaces: the same normal form; an invalid number stays as typed.
    h.Type("iban", "BE68539007547034");
    CHECK(h.st.Plan.iban == "BE68 5390 0754 7034");
    h.Type("iban", "be68 5390 0754 7035");
    CHECK(h.st.Plan.iban == "be68 5390 0754 7035");
    CHECK(MirrorNode(h, "iban")->Invalid);
}
