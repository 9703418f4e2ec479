#include "state/undo.h"

namespace app {

void UndoStack::Reset(const samenleven::Plan& plan) {
    states_.clear();
    states_.push_back(plan);
    index_ = 0;
}

void UndoStack::Push(const samenleven::Plan& plan) {
    if (!states_.empty()) states_.erase(states_.begin() + static_cast<std::ptrdiff_t>(index_) + 1, states_.end());
    states_.push_back(plan);
    while (states_.size() > limit_ && states_.size() > 1) states_.pop_front();
    index_ = states_.size() - 1;
}

const samenleven::Plan* UndoStack::Undo() {
    if (!CanUndo()) return nullptr;
    return &states_[--index_];
}

const samenleven::Plan* UndoStack::Redo() {
    if (!CanRedo()) return nullptr;
    return &states_[++index_];
}

const samenleven::Plan* UndoStack::Current() const {
    return states_.empty() ? nullptr : &states_[index_];
}

}  // namespace app
