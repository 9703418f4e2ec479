// The accessible mirror (app/mirror.h) and keyboard input, headless: the tree the app
// publishes after each frame (MemoryPlatform::Tree), activation and focus by key as pre.js
// sends them, Escape, and what a screen reader is told after a change.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "app_harness.h"
#include "mirror/mirror.h"

using namespace app_test;

namespace {


// The nearest container of `role` above node `i`, or -1.
int Ancestor(const std::vector<AccessibleNode>& tree, int i, AccessibleRole role) {
    for (int p = tree[static_cast<std::size_t>(i)].Parent; p >= 0; p = tree[static_cast<std::size_t>(p)].Parent)
        if (tree[static_cast<std::size_t>(p)].Role == role) return p;
    return -1;
}

}  // namespace

TEST_CASE("[A11y] the mirror has the landmarks, the tabs and the budget total") {
    Harness h;
    NewPlanWithAction5(h);
    const auto& tree = h.host.Tree;
    REQUIRE_FALSE(tree.empty());
    auto count = [&](AccessibleRole r) { return std::count_if(tree.begin(), tree.end(), [&](const AccessibleNode& n) { return n.Role == r; }); };
    CHECK(count(AccessibleRole::Banner) == 1);
    CHECK(count(AccessibleRole::Navigation) == 1);
    CHECK(count(AccessibleRole::Main) == 1);
    CHECK(count(AccessibleRole::Complementary) == 1);
    const AccessibleNode* main = MirrorNode(h, "panel.main");
    REQUIRE(main);
    CHECK(main->Name == "Doelen");
    // The tabs: one per screen, in a tab list, the shown one selected.
    int tabs = 0, selected = 0;
    for (std::size_t i = 0; i < tree.size(); ++i) {
        if (tree[i].Role != AccessibleRole::Tab) continue;
        ++tabs;
        CHECK(Ancestor(tree, static_cast<int>(i), AccessibleRole::TabList) >= 0);
        if (tree[i].Selected) {
            ++selected;
            CHECK(tree[i].Name == "Doelen");
        }
    }
    CHECK(tabs == 8);
    CHECK(selected == 1);
    // The total, in the budget panel, as one text with its label.
    const AccessibleNode* total = MirrorNode(h, "budget.flemish_total");
    REQUIRE(total);
    CHECK(total->Name == "Vlaamse subsidie (3 projectjaren): € 0,00");
    const int at = static_cast<int>(total - tree.data());
    CHECK(Ancestor(tree, at, AccessibleRole::Complementary) >= 0);
    // Placed over the widget, in the pixels it was drawn in.
    const PixelRect& drawn = h.st.Widgets.at("budget.flemish_total");
    CHECK(total->Rect.X == doctest::Approx(drawn.X));
    CHECK(total->Rect.Y == doctest::Approx(drawn.Y));
    CHECK(total->Rect.W > 0);
    CHECK(total->Rect.H > 0);
}

TEST_CASE("[A11y] every field has a name of its own") {
    Harness h;
    h.Frame(2);
    REQUIRE(ImportPlanText(h.st, "dendermonde_igs.json", ReadData("dendermonde_igs.json")));
    h.Frame(2);
    for (const char* screen : {"nav.Aanvrager", "nav.Doelen", "nav.Resultaten"}) {
        h.Click(screen);
        std::set<std::string> names;
        int fields = 0;
        for (const AccessibleNode& n : h.host.Tree) {
            if (n.Role != AccessibleRole::TextBox) continue;
            ++fields;
            CHECK_MESSAGE(!n.Name.empty(), n.Key);
            CHECK_MESSAGE(names.insert(n.Name).second, std::string(screen) << ": two fields are called \"" << n.Name << "\"");
            CHECK_MESSAGE(n.Name.find("rows[") == std::string::npos, n.Name);
        }
        CHECK_MESSAGE(fields > 5, screen);
    }
}

TEST_CASE("[A11y] a node activated through the mirror does what a tap does") {
    Harness h;
    h.Frame(2);
    REQUIRE(MirrorNode(h, "plans.new"));
    CHECK(MirrorNode(h, "plans.new")->Role == AccessibleRole::Button);
    OnAccessibleActivate(h.st, "plans.new");
    h.Frame(3);
    CHECK(h.st.PlanOpen);
    // A tab by its key.
    OnAccessibleActivate(h.st, "nav.Acties");
    h.Frame(3);
    CHECK(h.st.Ui.Current == Screen::Actions);
    // A disabled button does nothing.
    REQUIRE(MirrorNode(h, "redo"));
    CHECK(MirrorNode(h, "redo")->Disabled);
    OnAccessibleActivate(h.st, "redo");
    h.Frame(3);
    CHECK(h.st.Ui.Activate.empty());
    // An activation is for the next frame only: a widget not drawn then drops it.
    OnAccessibleActivate(h.st, "plans.new");
    h.Click("nav.Doelen");
    h.Click("nav.Plannen");
    CHECK(h.st.StoredPlans.size() <= 1);
}

TEST_CASE("[A11y] the keyboard focus on a field opens its editor; the ring follows the focus") {
    Harness h;
    h.Frame(2);
    h.Click("plans.new");
    h.Click("nav.Aanvrager");
    OnAccessibleFocus(h.st, "contact.email");
    h.Frame(3);
    REQUIRE(h.host.TextInput.has_value());
    CHECK(h.host.TextInput->Key == "contact.email");
    CHECK(h.st.Ui.FocusVisible);
    // Back from the editor (Escape): the focus stays, the editor stays closed.
    OnTextCommit(h.st);
    h.Frame(2);
    CHECK_FALSE(h.host.TextInput.has_value());
    OnAccessibleFocus(h.st, "contact.email", false);
    h.Frame(2);
    CHECK_FALSE(h.host.TextInput.has_value());
    CHECK(h.st.Ui.KeyFocus == "contact.email");
    // A pointer hides the ring; the focus leaving the app clears it.
    h.Click("nav.Acties");
    CHECK_FALSE(h.st.Ui.FocusVisible);
    OnAccessibleFocus(h.st, "");
    CHECK(h.st.Ui.KeyFocus.empty());
}

TEST_CASE("[A11y] a field with an error is invalid and described by the finding") {
    Harness h;
    h.Frame(2);
    h.Click("plans.new");
    h.Click("nav.Aanvrager");
    const auto it = std::find_if(h.st.Derived.Findings.begin(), h.st.Derived.Findings.end(),
                                 [](const samenleven::Finding& f) { return f.path == "iban"; });
    REQUIRE(it != h.st.Derived.Findings.end());
    const AccessibleNode* iban = MirrorNode(h, "iban");
    REQUIRE(iban);
    CHECK(iban->Role == AccessibleRole::TextBox);
    CHECK(iban->Invalid);
    CHECK(iban->Description == it->message);
    h.Type("iban", "BE68 5390 0754 7034");
    CHECK_FALSE(MirrorNode(h, "iban")->Invalid);
    CHECK(MirrorNode(h, "iban")->Description.empty());
    CHECK(MirrorNode(h, "iban")->Value == "BE68 5390 0754 7034");
}

TEST_CASE("[A11y] Escape closes a confirmation; the focus goes in and comes back") {
    Harness h;
    StartSavedPlan(h, "Te verwijderen");
    h.Click("nav.Plannen");
    h.Frame(2);
    OnAccessibleActivate(h.st, "plans[0].delete");
    h.Frame(3);
    CHECK(h.st.Ui.ConfirmDeleteId == h.st.StoredPlans[0].Id);
    CHECK(h.host.FocusRequest == "plans[0].cancel_delete");
    CHECK(OnEscape(h.st));
    h.Frame(3);
    CHECK(h.st.Ui.ConfirmDeleteId.empty());
    CHECK(h.host.FocusRequest == "plans[0].delete");
    CHECK(h.st.StoredPlans.size() == 1);  // nothing deleted
    CHECK_FALSE(OnEscape(h.st));          // nothing left to close
}

TEST_CASE("[A11y] a finished change is announced once: the new total, a new error, an error solved") {
    Harness h;
    NewPlanWithAction5(h);
    const std::size_t before = h.host.Announcements.size();
    // Typing: nothing is said per keystroke; leaving the field says the new total.
    h.Click("rows[0].planned[2022]");
    OnTextInput(h.st, "1");
    h.Frame();
    OnTextInput(h.st, "10");
    h.Frame();
    CHECK(h.host.Announcements.size() == before);
    OnTextCommit(h.st);
    h.Frame(2);
    REQUIRE(h.host.Announcements.size() == before + 1);
    // 10 x € 60; the row's missing reach is solved.
    CHECK(h.host.Announced.rfind("Vlaamse subsidie nu € 600,00. Een fout opgelost. Nog ", 0) == 0);
    // Above the maximum of 2,250 a year: a new error, with its message; only the maximum is
    // subsidised (2,250 x € 60).
    h.Type("rows[0].planned[2022]", "3000");
    REQUIRE(h.host.Announcements.size() == before + 2);
    INFO(h.host.Announced);
    CHECK(h.host.Announced.rfind("Vlaamse subsidie nu € 135.000,00. Nieuwe fout: Het extra bereik van actie 5 ", 0) == 0);
    // Undo: back to 10, the error solved.
    UndoEdit(h.st);
    h.Frame(2);
    CHECK(h.host.Announced.rfind("Vlaamse subsidie nu € 600,00. Een fout opgelost.", 0) == 0);
    // The floating notice is said too.
    ShowNotice(h.st, "Gekopieerd naar het klembord");
    CHECK(h.host.Announced == "Gekopieerd naar het klembord");
}

TEST_CASE("[A11y] a finding opened from the keyboard takes the focus to its field") {
    Harness h;
    h.Frame(2);
    h.Click("plans.new");
    h.Click("nav.Controle");
    std::size_t i = 0;
    while (i < h.st.Derived.Findings.size() && h.st.Derived.Findings[i].path != "iban") ++i;
    REQUIRE(i < h.st.Derived.Findings.size());
    const std::string key = "findings[" + std::to_string(i) + "]";
    const AccessibleNode* node = MirrorNode(h, key);
    REQUIRE(node);
    CHECK(node->Role == AccessibleRole::Button);
    CHECK(node->Name.find(h.st.Derived.Findings[i].message) != std::string::npos);
    CHECK(node->Name.find("rows[") == std::string::npos);
    OnAccessibleFocus(h.st, key);
    OnAccessibleActivate(h.st, key);
    h.Frame(4);
    CHECK(h.st.Ui.Current == Screen::Applicant);
    CHECK(h.host.FocusRequest == "iban");
    // With a pointer the focus is not moved (no editor opens under a finger).
    h.host.FocusRequest.clear();
    h.Click("nav.Controle");
    h.Click(key);
    CHECK(h.st.Ui.Current == Screen::Applicant);
    CHECK(h.host.FocusRequest.empty());
}

TEST_CASE("[A11y] a chosen option is a pressed toggle button; a tab is selected") {
    Harness h;
    h.Frame(2);
    h.Click("plans.new");
    h.Frame(2);
    const AccessibleNode* municipality = MirrorNode(h, "applicant.kind.municipality");
    const AccessibleNode* igs = MirrorNode(h, "applicant.kind.igs");
    REQUIRE(municipality);
    REQUIRE(igs);
    CHECK(municipality->Pressed == (h.st.Plan.applicant.kind == samenleven::ApplicantKind::municipality ? 1 : 0));
    OnAccessibleActivate(h.st, "applicant.kind.igs");
    h.Frame(3);
    CHECK(h.st.Plan.applicant.kind == samenleven::ApplicantKind::igs);
    CHECK(MirrorNode(h, "applicant.kind.igs")->Pressed == 1);
    CHECK(MirrorNode(h, "applicant.kind.municipality")->Pressed == 0);
    CHECK(MirrorNode(h, "undo")->Pressed == -1);  // an ordinary button is no toggle
    CHECK(MirrorNode(h, "nav.Aanvrager")->Role == AccessibleRole::Tab);
    CHECK(MirrorNode(h, "nav.Aanvrager")->Selected);
}

TEST_CASE("[A11y] cards out of view are not drawn, yet their fields stay in the mirror, up to date") {
    Harness h(1280, 600);
    DemoTargetsShortWindow(h);
    const std::size_t rows = h.st.Plan.rows.size();
    REQUIRE(rows == 5);
    int culled = 0;
    for (std::size_t r = 0; r < rows; ++r) {
        const std::string key = "rows[" + std::to_string(r) + "].planned[2024]";
        CHECK_MESSAGE(MirrorNode(h, key) != nullptr, "in the mirror: " << key);
        if (!h.st.Widgets.count(key)) ++culled;  // its card was not drawn
    }
    CHECK(culled > 0);  // the window is too short for all cards: some were skipped
    // A change of a value in a card out of view reaches the mirror.
    h.st.Plan.rows[4].planned[0] = 777;
    PlanChanged(h.st, true);
    h.Frame(2);
    const AccessibleNode* changed = MirrorNode(h, "rows[4].planned[2022]");
    REQUIRE(changed);
    CHECK(changed->Value == "777");
    // The skipped cards keep their names and their place in the tree: one group per row.
    int groups = 0;
    for (const AccessibleNode& n : h.host.Tree)
        if (n.Role == AccessibleRole::Group && n.Key.find(".group") != std::string::npos) ++groups;
    CHECK(groups == 5);
}

TEST_CASE("[A11y] the keyboard focus on a field in a card out of view scrolls the panel to it") {
    Harness h(1280, 600);
    DemoTargetsShortWindow(h);
    REQUIRE(h.st.Widgets.count("rows[4].partners") == 0);  // its card is out of view, not drawn
    OnAccessibleFocus(h.st, "rows[4].partners");
    h.Frame(4);
    REQUIRE(h.st.Widgets.count("rows[4].partners") == 1);
    const PixelRect f = h.st.Widgets["rows[4].partners"], p = h.st.Widgets["panel.content"];
    CHECK(f.Y >= p.Y);
    CHECK(f.Y + f.H <= p.Y + p.H);
    REQUIRE(h.host.TextInput.has_value());
    CHECK(h.host.TextInput->Key == "rows[4].partners");
}
