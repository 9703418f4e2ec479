// Edits of the plan's rows that several panels share (choose/remove an action, priorities).
#pragma once
#include <string>

#include "state/app_state.h"

namespace app {

int FindRow(const samenleven::Plan& plan, int action, const std::string& group);  // -1 when absent
void AddRow(AppState& st, int action, const std::string& group);
void RemoveRow(AppState& st, int row);
void MovePriority(AppState& st, int row, int direction);  // -1: earlier (more important), +1: later
bool RowHasData(const samenleven::ActionRow& row);

}  // namespace app
