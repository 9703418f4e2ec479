#include "state/plan_edit.h"

#include <vector>

namespace app {

namespace sl = samenleven;

namespace {

// Renumbers the priorities 1, 2, 3 ... in their current order (unset ones last).
void CompactPriorities(sl::Plan& plan) {
    const std::vector<std::size_t> order = sl::priority_order(plan);
    for (std::size_t i = 0; i < order.size(); ++i) plan.rows[order[i]].priority = static_cast<int>(i + 1);
}

}  // namespace

int FindRow(const sl::Plan& plan, int action, const std::string& group) {
    for (std::size_t i = 0; i < plan.rows.size(); ++i)
        if (plan.rows[i].action == action && plan.rows[i].target_group == group) return static_cast<int>(i);
    return -1;
}

bool RowHasData(const sl::ActionRow& row) {
    if (row.current_reach != 0 || !row.activities.empty() || !row.partners.empty() || !row.split.empty()) return true;
    for (sl::Count c : row.planned)
        if (c != 0) return true;
    return false;
}

void AddRow(AppState& st, int action, const std::string& group) {
    if (FindRow(st.Plan, action, group) >= 0) return;
    sl::ActionRow row;
    row.action = action;
    row.target_group = group;
    row.priority = static_cast<int>(st.Plan.rows.size()) + 1;
    st.Plan.rows.push_back(row);
    CompactPriorities(st.Plan);
    PlanChanged(st, true);
}

void RemoveRow(AppState& st, int row) {
    if (row < 0 || row >= static_cast<int>(st.Plan.rows.size())) return;
    st.Plan.rows.erase(st.Plan.rows.begin() + row);
    CompactPriorities(st.Plan);
    PlanChanged(st, true);
}

void MovePriority(AppState& st, int row, int direction) {
    sl::Plan& plan = st.Plan;
    if (row < 0 || row >= static_cast<int>(plan.rows.size())) return;
    CompactPriorities(plan);
    const int target = plan.rows[static_cast<std::size_t>(row)].priority + direction;
    for (sl::ActionRow& other : plan.rows)
        if (other.priority == target) {
            other.priority -= direction;
            plan.rows[static_cast<std::size_t>(row)].priority = target;
            break;
        }
    PlanChanged(st, true);
}

}  // namespace app
