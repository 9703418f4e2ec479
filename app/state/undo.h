// Undo/redo of plan edits: a bounded list of snapshots of the whole Plan, one per committed
// edit. Plans are small (a few KB), so copies are cheaper and simpler than commands.
#pragma once
#include <cstddef>
#include <deque>

#include "samenleven/plan.h"

namespace app {

class UndoStack {
public:
    explicit UndoStack(std::size_t limit = 100) : limit_(limit) {}

    // Starts over with `plan` as the only state (a plan was opened).
    void Reset(const samenleven::Plan& plan);
    // Records `plan` as the newest state after a committed edit; drops the redo states.
    void Push(const samenleven::Plan& plan);
    // The previous / next state, or nullptr when there is none.
    const samenleven::Plan* Undo();
    const samenleven::Plan* Redo();
    // The state of the last snapshot (to compare with the live plan).
    const samenleven::Plan* Current() const;

    bool CanUndo() const { return index_ > 0; }
    bool CanRedo() const { return index_ + 1 < states_.size(); }
    std::size_t Size() const { return states_.size(); }

private:
    std::deque<samenleven::Plan> states_;
    std::size_t index_ = 0;   // the current state within states_
    std::size_t limit_;
};

}  // namespace app
