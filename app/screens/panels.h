// One free function per screen or panel; DrawFrame (frame.h) lays them out.
#pragma once
#include "state/app_state.h"

namespace app {

void DrawTopBar(AppState& st);
void DrawSteps(AppState& st);           // the strip of a plan's steps: which are done, and the next
void DrawNavigation(AppState& st);
void DrawErrors(AppState& st);
void DrawNotice(AppState& st);          // a short confirmation floating above the bottom edge
void DrawOtherTab(AppState& st);        // another tab holds the storage: why, and "Hier verder werken"
void DrawPlansScreen(AppState& st);
void DrawApplicant(AppState& st);
void DrawActions(AppState& st);
void DrawTargets(AppState& st);
void DrawBudgetPanel(AppState& st);
void DrawFindings(AppState& st);
void DrawResults(AppState& st);
void DrawExport(AppState& st);
void DrawSync(AppState& st);
void DrawConflictBanner(AppState& st);  // when the open plan is in conflict (other screens)
void DrawCycleBanner(AppState& st);     // where the open plan is in the cycle: submitted, confirmed, sent back
void DrawSubmit(AppState& st);          // "Indienen bij ABB" with its confirmation (Indienen screen)
void DrawDossiers(AppState& st);        // the agency: all plans, filter and search
void DrawReview(AppState& st);          // the agency: one plan, confirm or send back
void DrawOverview(AppState& st);        // the agency: Flanders in figures, with a drill-down
void DrawAllocation(AppState& st);      // the agency: a year's budget allocated by priority

// Opens the screen that holds `path` (a Finding::path) and highlights the field.
void JumpToPath(AppState& st, const std::string& path);

}  // namespace app
