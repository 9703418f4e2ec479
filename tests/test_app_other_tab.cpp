// One tab at a time (app_state.h, OnOtherTab): the browser tells the app that another tab of
// the same profile holds the device's storage (pre.js, Web Locks). The app then shows why and
// offers to take over, and neither edits, saves to the server nor sends while it waits.
#include <doctest/doctest.h>

#include "app_harness.h"

using namespace app;
using namespace app_test;

namespace {
bool HasHeading(const Harness& h, const std::string& name) {
    for (const AccessibleNode& n : h.host.Tree)
        if (n.Role == AccessibleRole::Heading && n.Name == name) return true;
    return false;
}
}  // namespace

TEST_CASE("[Other tab] another tab holds the storage: one screen says so, nothing is edited or sent, take over") {
    Harness h;
    OpenDemoWithSync(h);
    h.Click("nav.Aanvrager");
    h.Type("title", "Titel in dit tabblad");
    const std::size_t requests = h.host.Requests.size();

    OnOtherTab(h.st, OtherTab::AlreadyOpen);
    h.Frame(2);
    CHECK(HasHeading(h, "Plan Samenleven is al open in een ander tabblad of venster van deze browser."));
    CHECK(AnyText(h, "Werk verder in het andere tabblad, of hier"));
    CHECK(h.st.Widgets.count("nav.Aanvrager") == 0);  // no screen of the app behind it
    CHECK(h.st.Widgets.count("title") == 0);
    CHECK(h.st.Widgets.count("undo") == 0);
    CHECK_FALSE(h.host.TextInput.has_value());  // the open text field is closed
    const AccessibleNode* take = MirrorNode(h, "othertab.takeover");
    REQUIRE(take);
    CHECK(take->Role == AccessibleRole::Button);
    CHECK(take->Name == "Hier verder werken");
    // Nothing goes to the server from here, also not the change waiting in the outbox.
    h.host.Now += 120;
    h.Frame(3);
    CHECK(h.host.Requests.size() == requests);

    h.Click("othertab.takeover");
    CHECK(h.host.TakeOvers == 1);

    // Taken over by another tab later: said so, with the same way back.
    OnOtherTab(h.st, OtherTab::TakenOver);
    h.Frame(2);
    CHECK(HasHeading(h, "Plan Samenleven werkt nu in een ander tabblad."));
    CHECK(AnyText(h, "Dit tabblad bewaart en verstuurt niets meer"));
    CHECK(MirrorNode(h, "othertab.takeover"));
}
