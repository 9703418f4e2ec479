// Index
// [SECTION] Building the tree while drawing
// [SECTION] Keyboard and screen reader input
// [SECTION] Focus ring
#include "mirror/mirror.h"

#include <algorithm>

#include "imgui.h"
#include "imgui_internal.h"

#include "widgets/widgets.h"

namespace app {

//-----------------------------------------------------------------------------
// [SECTION] Building the tree while drawing
//-----------------------------------------------------------------------------

void MirrorStartFrame(AppState& st) {
    const std::size_t last = st.Mirror.size();
    st.Mirror.clear();
    st.Mirror.reserve(last + 16);
    st.MirrorOpen.clear();
    ImGui::GetIO().UserData = &st;
}

void MirrorBegin(AppState& st, AccessibleRole role, const std::string& name, const std::string& key) {
    AccessibleNode node;
    node.Role = role;
    node.Parent = st.MirrorOpen.empty() ? -1 : st.MirrorOpen.back();
    node.Key = key;
    node.Name = name;
    st.MirrorOpen.push_back(static_cast<int>(st.Mirror.size()));
    st.Mirror.push_back(std::move(node));
}

void MirrorEnd(AppState& st) {
    if (!st.MirrorOpen.empty()) st.MirrorOpen.pop_back();
}

// The part of the last item that can be seen: its rectangle cut to the clip rectangle
// of the window (and table cell) it was drawn in; empty when scrolled out of view.
static PixelRect VisibleRect() {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 ca = dl->GetClipRectMin(), cb = dl->GetClipRectMax();
    const float x0 = std::max(a.x, ca.x), y0 = std::max(a.y, ca.y);
    const float x1 = std::min(b.x, cb.x), y1 = std::min(b.y, cb.y);
    if (x1 <= x0 || y1 <= y0) return PixelRect{std::clamp(a.x, ca.x, cb.x), std::clamp(a.y, ca.y, cb.y), 0, 0};
    return PixelRect{x0, y0, x1 - x0, y1 - y0};
}

AccessibleNode& MirrorItem(AppState& st, AccessibleRole role, const std::string& key, const std::string& name) {
    AccessibleNode node;
    node.Role = role;
    node.Parent = st.MirrorOpen.empty() ? -1 : st.MirrorOpen.back();
    node.Key = key;
    node.Name = name;
    node.Rect = VisibleRect();
    node.Disabled = (ImGui::GetItemFlags() & ImGuiItemFlags_Disabled) != 0;
    st.Mirror.push_back(std::move(node));
    return st.Mirror.back();
}

void MirrorText(const std::string& text, AccessibleRole role, int level) {
    auto* st = static_cast<AppState*>(ImGui::GetIO().UserData);
    if (!st || text.empty()) return;
    MirrorItem(*st, role, "", text).Level = level;
}

std::vector<AccessibleNode> MirrorCopy(const AppState& st, std::size_t start) {
    std::vector<AccessibleNode> nodes(st.Mirror.begin() + static_cast<std::ptrdiff_t>(std::min(start, st.Mirror.size())),
                                      st.Mirror.end());
    for (AccessibleNode& n : nodes) n.Parent = n.Parent >= static_cast<int>(start) ? n.Parent - static_cast<int>(start) : -2;
    return nodes;
}

void MirrorReplay(AppState& st, const std::vector<AccessibleNode>& nodes) {
    const int base = static_cast<int>(st.Mirror.size());
    const int outer = st.MirrorOpen.empty() ? -1 : st.MirrorOpen.back();
    for (const AccessibleNode& cached : nodes) {
        AccessibleNode n = cached;
        n.Parent = n.Parent == -2 ? outer : n.Parent + base;
        n.Rect.W = n.Rect.H = 0;  // out of view
        st.Mirror.push_back(std::move(n));
    }
}

void MirrorPublish(AppState& st) {
    std::string focus;
    if (!st.Ui.FocusRequest.empty()) {
        const bool drawn = std::any_of(st.Mirror.begin(), st.Mirror.end(),
                                       [&](const AccessibleNode& n) { return n.Key == st.Ui.FocusRequest; });
        if (drawn || --st.Ui.FocusRequestFrames <= 0) {
            if (drawn) {
                focus = st.Ui.FocusRequest;
                st.Ui.KeyFocus = focus;
                st.Ui.ScrollToFocus = true;
            }
            st.Ui.FocusRequest.clear();
        }
    }
    st.Ui.Activate.clear();  // an activation is for the frame right after it; a widget no longer drawn drops it
    if (st.Host) st.Host->PublishAccessibleTree(st.Mirror, focus);
}

//-----------------------------------------------------------------------------
// [SECTION] Keyboard and screen reader input
//-----------------------------------------------------------------------------

static const AccessibleNode* FindNode(const AppState& st, const std::string& key) {
    for (const AccessibleNode& n : st.Mirror)
        if (n.Key == key) return &n;
    return nullptr;
}

void OnAccessibleFocus(AppState& st, const std::string& key, bool edit) {
    st.Ui.KeyFocus = key;
    if (key.empty()) return;  // the focus left the app
    st.Ui.FocusVisible = true;
    st.Ui.ScrollToFocus = true;
    // A text field takes the focus through its editor (the platform's text overlay).
    const AccessibleNode* n = FindNode(st, key);
    if (edit && n && n->Role == AccessibleRole::TextBox && !n->Disabled && st.Edit.Key != key) st.Ui.RequestEdit = key;
}

void OnAccessibleActivate(AppState& st, const std::string& key) {
    const AccessibleNode* n = FindNode(st, key);
    if (!n || n->Disabled) return;
    st.Ui.KeyFocus = key;
    if (n->Role == AccessibleRole::TextBox) {
        if (st.Edit.Key != key) st.Ui.RequestEdit = key;
    } else {
        st.Ui.Activate = key;
    }
}

bool TakeActivation(AppState& st, const std::string& key) {
    if (st.Ui.Activate.empty() || st.Ui.Activate != key) return false;
    st.Ui.Activate.clear();
    return true;
}

void RequestFocus(AppState& st, const std::string& key) {
    st.Ui.FocusRequest = key;
    st.Ui.FocusRequestFrames = 4;
}

void OpenConfirmation(AppState& st, const std::string& opener, const std::string& focus) {
    st.Ui.ConfirmOpener = opener;
    RequestFocus(st, focus);
}

static bool ConfirmationOpen(const AppState& st) {
    return st.Ui.ConfirmSubmit || !st.Ui.ConfirmDeleteId.empty() || !st.Ui.ConfirmRemoveRow.empty() ||
           !st.Ui.ConfirmRemoveMember.empty() || st.Review.AskConfirm || st.Review.AskReturn;
}

void CloseConfirmation(AppState& st) {
    st.Ui.ConfirmSubmit = false;
    st.Ui.ConfirmDeleteId.clear();
    st.Ui.ConfirmRemoveRow.clear();
    st.Ui.ConfirmRemoveMember.clear();
    st.Review.AskConfirm = st.Review.AskReturn = false;
    if (!st.Ui.ConfirmOpener.empty()) RequestFocus(st, st.Ui.ConfirmOpener);
    st.Ui.ConfirmOpener.clear();
}

bool OnEscape(AppState& st) {
    if (ConfirmationOpen(st)) CloseConfirmation(st);
    else if (!st.Errors.empty()) st.Errors.erase(st.Errors.begin());
    else return false;
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Focus ring
//-----------------------------------------------------------------------------

void DrawFocusRing(AppState& st, const std::string& key) {
    if (st.Ui.KeyFocus.empty() || key != st.Ui.KeyFocus) return;
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    if (st.Ui.ScrollToFocus) {
        st.Ui.ScrollToFocus = false;
        if (!ItemInScrollView()) ScrollItemIntoView(0.4f);
    }
    if (!st.Ui.FocusVisible) return;
    const float t = Px(st, 3), gap = Px(st, 2);
    ImGui::GetWindowDrawList()->AddRect(ImVec2(a.x - gap - t * 0.5f, a.y - gap - t * 0.5f),
                                        ImVec2(b.x + gap + t * 0.5f, b.y + gap + t * 0.5f), colours::Focus, Px(st, 6), 0,
                                        t);
}

}  // namespace app
