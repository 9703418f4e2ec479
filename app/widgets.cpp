// Index
// [SECTION] Sizes and registration
// [SECTION] Buttons
// [SECTION] Text fields (through the platform's text overlay)
// [SECTION] Text and bars
#include "widgets.h"

#include "imgui_internal.h"

#include <algorithm>

#include "text.h"

namespace app {

namespace sl = samenleven;

//-----------------------------------------------------------------------------
// [SECTION] Sizes and registration
//-----------------------------------------------------------------------------

float Px(const AppState& st, float css_pixels) { return css_pixels * st.Ui.Scale; }
float TouchSize(const AppState& st) { return IM_TRUNC(44.0f * st.Ui.Scale + 0.5f); }

static bool PathContains(const std::string& outer, const std::string& inner) {
    if (outer.empty() || inner.size() < outer.size() || inner.compare(0, outer.size(), outer) != 0) return false;
    return inner.size() == outer.size() || inner[outer.size()] == '.' || inner[outer.size()] == '[';
}

bool IsFocusTarget(const AppState& st, const std::string& key) { return PathContains(key, st.Ui.FocusPath); }

void RecordItem(AppState& st, const std::string& key) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    st.Widgets[key] = PixelRect{a.x, a.y, b.x - a.x, b.y - a.y};
    if (!IsFocusTarget(st, key)) return;
    AppState& s = st;
    if (!s.Ui.FocusScrollDone) {
        ImGui::SetScrollHereY(0.3f);
        s.Ui.FocusScrollDone = key == s.Ui.FocusPath;  // keep going until the exact field
    }
    const double now = st.Host ? st.Host->NowSeconds() : 0;
    if (now < st.Ui.FocusUntil) {
        const float t = Px(st, 3);
        ImGui::GetWindowDrawList()->AddRect(ImVec2(a.x - t, a.y - t), ImVec2(b.x + t, b.y + t), colours::Focus,
                                            Px(st, 4), 0, t);
        WakeAt(st, st.Ui.FocusUntil);
    }
}

bool CardVisible(AppState& st, const std::string& key) {
    const auto it = st.Ui.CardHeights.find(key);
    if (it == st.Ui.CardHeights.end() || IsFocusTarget(st, key) || st.Edit.Key.rfind(key, 0) == 0) return true;
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImVec2 size(ImGui::GetContentRegionAvail().x, it->second);
    if (ImGui::IsRectVisible(pos, ImVec2(pos.x + size.x, pos.y + size.y))) return true;
    ImGui::Dummy(size);
    RecordItem(st, key);
    return false;
}

void CardDrawn(AppState& st, const std::string& key) { st.Ui.CardHeights[key] = ImGui::GetItemRectSize().y; }

//-----------------------------------------------------------------------------
// [SECTION] Buttons
//-----------------------------------------------------------------------------

bool Button(AppState& st, const std::string& key, const std::string& label, ImVec2 size, Tone tone, bool enabled) {
    if (size.y < TouchSize(st)) size.y = TouchSize(st);
    int colours_pushed = 0;
    auto push = [&](ImGuiCol idx, ImU32 c) { ImGui::PushStyleColor(idx, c); ++colours_pushed; };
    switch (tone) {
        case Tone::Primary:
            push(ImGuiCol_Button, colours::Accent);
            push(ImGuiCol_ButtonHovered, colours::PrimaryHovered);
            push(ImGuiCol_ButtonActive, colours::PrimaryActive);
            push(ImGuiCol_Text, colours::OnAccent);
            break;
        case Tone::Danger:
            push(ImGuiCol_Button, colours::Error);
            push(ImGuiCol_ButtonHovered, colours::DangerHovered);
            push(ImGuiCol_ButtonActive, colours::DangerActive);
            push(ImGuiCol_Text, colours::OnAccent);
            break;
        case Tone::Selected:
            push(ImGuiCol_Button, colours::Selected);
            push(ImGuiCol_ButtonHovered, colours::SelectedHovered);
            push(ImGuiCol_Border, colours::Accent);
            break;
        case Tone::Quiet:
            push(ImGuiCol_Button, IM_COL32_BLACK_TRANS);
            push(ImGuiCol_Border, colours::ControlBorder);
            break;
        case Tone::Normal: push(ImGuiCol_Border, colours::ControlBorder); break;  // its fill is too light to be the boundary
    }
    if (!enabled) ImGui::BeginDisabled();
    ImGui::PushID(key.c_str());
    const bool pressed = ImGui::Button(label.c_str(), size);
    ImGui::PopID();
    if (!enabled) ImGui::EndDisabled();
    ImGui::PopStyleColor(colours_pushed);
    RecordItem(st, key);
    return pressed && enabled;
}

bool Toggle(AppState& st, const std::string& key, const std::string& label, bool& value) {
    ImGui::PushID(key.c_str());
    ImGui::PushStyleColor(ImGuiCol_Border, colours::ControlBorder);
    const bool changed = ImGui::Checkbox(label.c_str(), &value);
    ImGui::PopStyleColor();
    ImGui::PopID();
    RecordItem(st, key);
    if (changed) PlanChanged(st, true);
    return changed;
}

//-----------------------------------------------------------------------------
// [SECTION] Text fields (through the platform's text overlay)
//-----------------------------------------------------------------------------

namespace {

struct FieldEvent {
    bool Changed = false;
    std::string Text;
};

void CommitEdit(AppState& st) {
    if (st.Edit.Applied) PlanChanged(st, true);
    st.Edit = TextEdit{};
}

// Ends the edit when the overlay was left. Called after the field stored the last text:
// the last keystrokes and the commit can arrive before the same frame, and the undo
// snapshot must hold them.
void FinishIfCommitted(AppState& st, const std::string& key) {
    if (st.Edit.Key != key || !st.Edit.CommitPending) return;
    CommitEdit(st);
    if (st.Host) st.Host->EndTextInput();
}

// The box of a field: shows `display`; a tap starts the overlay with `edit_text`.
FieldEvent EditBox(AppState& st, const std::string& key, const std::string& label, const std::string& display,
                   const std::string& edit_text, float width, TextInputKind kind, bool invalid,
                   const std::string& placeholder = "") {
    FieldEvent ev;
    const float h = TouchSize(st);
    if (width <= 0) width = ImGui::GetContentRegionAvail().x;
    if (width < h) width = h;
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::PushID(key.c_str());
    const bool clicked = ImGui::InvisibleButton("##field", ImVec2(width, h));
    ImGui::PopID();
    const bool hovered = ImGui::IsItemHovered();
    const PixelRect rect{pos.x, pos.y, width, h};
    bool editing = st.Edit.Key == key;

    st.Ui.FieldOrder.push_back(key);
    const bool requested = st.Ui.RequestEdit == key;
    if (requested) {
        st.Ui.RequestEdit.clear();
        if (!ImGui::IsItemVisible()) ImGui::SetScrollHereY(0.5f);
    }
    if ((clicked || requested) && !editing) {
        if (!st.Edit.Key.empty()) CommitEdit(st);
        st.Edit.Key = key;
        st.Edit.Value = edit_text;
        st.Edit.Invalid = false;
        editing = true;
        st.Edit.Rect = rect;
        if (st.Host) st.Host->BeginTextInput(TextInputRequest{key, label, edit_text, rect, kind});
    } else if (editing) {
        const PixelRect& old = st.Edit.Rect;
        if (old.X != rect.X || old.Y != rect.Y || old.W != rect.W) {
            st.Edit.Rect = rect;
            if (st.Host) st.Host->MoveTextInput(rect);
        }
    }
    if (editing) {
        st.Edit.SeenThisFrame = true;
        if (st.Edit.Changed) {
            ev.Changed = true;
            ev.Text = st.Edit.Value;
            st.Edit.Changed = false;
            st.Edit.Applied = true;
        }
    }

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 a = pos, b(pos.x + width, pos.y + h);
    const float rounding = Px(st, 4);
    // A field drawn disabled (a submitted plan) looks read-only: grey, without a hover border.
    const bool disabled = (ImGui::GetItemFlags() & ImGuiItemFlags_Disabled) != 0;
    dl->AddRectFilled(a, b, disabled ? colours::FieldDisabledBg : colours::FieldBg, rounding);
    const bool bad = editing ? st.Edit.Invalid : invalid;
    const ImU32 border = bad ? colours::Error : editing ? colours::Accent : hovered && !disabled ? colours::Text : colours::ControlBorder;
    dl->AddRect(a, b, border, rounding, 0, editing || bad ? Px(st, 2) : Px(st, 1));
    if (!editing) {
        const ImGuiStyle& style = ImGui::GetStyle();
        const ImVec2 text_pos(a.x + style.FramePadding.x * 0.6f, a.y + (h - ImGui::GetFontSize()) * 0.5f);
        const ImVec4 clip(a.x + 2, a.y, b.x - 2, b.y);
        const bool empty = display.empty();
        dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), text_pos, empty || disabled ? colours::Muted : colours::Text,
                    empty ? placeholder.c_str() : display.c_str(), nullptr, 0, &clip);
    }
    RecordItem(st, key);
    return ev;
}

}  // namespace

bool TextField(AppState& st, const std::string& key, const std::string& label, std::string& value, float width,
               TextInputKind kind) {
    FieldEvent ev = EditBox(st, key, label, value, value, width, kind, false);
    bool changed = false;
    if (ev.Changed && ev.Text != value) {
        value = std::move(ev.Text);
        PlanChanged(st, false);
        changed = true;
    }
    FinishIfCommitted(st, key);
    return changed;
}

bool SettingField(AppState& st, const std::string& key, const std::string& label, std::string& value, float width,
                  const std::string& display, const std::string& placeholder) {
    FieldEvent ev = EditBox(st, key, label, display.empty() ? value : display, value, width, TextInputKind::Text,
                            false, placeholder);
    bool changed = false;
    if (ev.Changed && ev.Text != value) {
        value = std::move(ev.Text);
        changed = true;
    }
    if (st.Edit.Key == key) st.Edit.Applied = false;  // leaving the field takes no plan snapshot
    FinishIfCommitted(st, key);
    return changed;
}

static bool CountBox(AppState& st, const std::string& key, const std::string& label,
                     std::optional<sl::Count>& value, float width, bool optional, const std::string& placeholder = "") {
    const std::string display = value ? sl::format_count(*value) : std::string();
    const std::string edit_text = value ? std::to_string(*value) : std::string();
    FieldEvent ev = EditBox(st, key, label, display, edit_text, width, TextInputKind::Number, false, placeholder);
    bool changed = false;
    if (ev.Changed) {
        const ParsedCount parsed = ParseCount(ev.Text);
        st.Edit.Invalid = !parsed.Ok;
        if (parsed.Ok) {
            std::optional<sl::Count> next = parsed.Value;
            if (!next && !optional) next = 0;
            if (next != value) {
                value = next;
                changed = true;  // the caller stores the value, then calls PlanChanged
            }
        }
    }
    return changed;
}

bool CountField(AppState& st, const std::string& key, const std::string& label, sl::Count shown,
                const std::function<void(sl::Count)>& store, float width) {
    std::optional<sl::Count> v = shown;
    const bool changed = CountBox(st, key, label, v, width, false);
    if (changed) {
        store(v.value_or(0));
        PlanChanged(st, false);
    }
    FinishIfCommitted(st, key);
    return changed;
}

bool CountField(AppState& st, const std::string& key, const std::string& label, sl::Count& value, float width) {
    return CountField(st, key, label, value, [&](sl::Count v) { value = v; }, width);
}

bool CountField(AppState& st, const std::string& key, const std::string& label, int& value, float width) {
    return CountField(st, key, label, value, [&](sl::Count v) { value = static_cast<int>(std::min<sl::Count>(v, 1 << 30)); },
                      width);
}

bool SettingCountField(AppState& st, const std::string& key, const std::string& label, sl::Count& value, float width) {
    std::optional<sl::Count> v = value;
    const bool changed = CountBox(st, key, label, v, width, false);
    if (changed) value = v.value_or(0);
    if (st.Edit.Key == key) st.Edit.Applied = false;  // leaving the field takes no plan snapshot
    FinishIfCommitted(st, key);
    return changed;
}

bool OptionalCountField(AppState& st, const std::string& key, const std::string& label,
                        std::optional<sl::Count>& value, float width, const std::string& placeholder) {
    const bool changed = CountBox(st, key, label, value, width, true, placeholder);
    if (changed) PlanChanged(st, false);
    FinishIfCommitted(st, key);
    return changed;
}

//-----------------------------------------------------------------------------
// [SECTION] Text and bars
//-----------------------------------------------------------------------------

FormGrid::FormGrid(AppState& st, float min_css_width, int max_columns) {
    const float avail = ImGui::GetContentRegionAvail().x;
    gap_ = ImGui::GetStyle().ItemSpacing.x * 1.5f;
    const float min_w = Px(st, min_css_width);
    columns_ = std::max(1, std::min(max_columns, static_cast<int>((avail + gap_) / (min_w + gap_))));
    width_ = IM_TRUNC((avail - gap_ * static_cast<float>(columns_ - 1)) / static_cast<float>(columns_));
    origin_ = row_start_ = ImGui::GetCursorScreenPos();
    bottom_ = origin_.y;
}

// Cells are placed by hand (not SameLine) so that every cell of a row starts at the same
// height, whatever the previous cell ended with.
void FormGrid::EndCell() {
    ImGui::EndGroup();
    bottom_ = std::max(bottom_, ImGui::GetItemRectMax().y);
}

FormGrid::~FormGrid() {
    if (index_ == 0) return;
    EndCell();
    ImGui::SetCursorScreenPos(ImVec2(origin_.x, bottom_));
    ImGui::Dummy(ImVec2(0, 0));
}

float FormGrid::Next() {
    if (index_ > 0) EndCell();
    const int column = index_ % columns_;
    if (column == 0 && index_ > 0) row_start_ = ImVec2(origin_.x, bottom_ + ImGui::GetStyle().ItemSpacing.y);
    ImGui::SetCursorScreenPos(ImVec2(row_start_.x + static_cast<float>(column) * (width_ + gap_), row_start_.y));
    ++index_;
    ImGui::BeginGroup();
    return width_;
}

void FieldLabel(const std::string& text, float width) {
    ImGui::PushStyleColor(ImGuiCol_Text, colours::Muted);
    if (width > 0) {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
        ImGui::TextWrapped("%s", text.c_str());
        ImGui::PopTextWrapPos();
    } else {
        ImGui::TextUnformatted(text.c_str());
    }
    ImGui::PopStyleColor();
}

void Heading(AppState& st, const std::string& text) {
    ImGui::Dummy(ImVec2(0, Px(st, 4)));
    ImGui::PushStyleColor(ImGuiCol_Text, colours::Accent);
    ImGui::SetWindowFontScale(1.2f);
    ImGui::TextUnformatted(text.c_str());
    ImGui::SetWindowFontScale(1.0f);
    ImGui::PopStyleColor();
}

std::string FitText(const std::string& text, float width) {
    if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
    std::string cut = text;
    while (!cut.empty() && ImGui::CalcTextSize((cut + "...").c_str()).x > width) {
        cut.pop_back();
        while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80) cut.pop_back();  // whole characters
        if (!cut.empty() && static_cast<unsigned char>(cut.back()) >= 0xC0) cut.pop_back();
    }
    return cut + "...";
}

void Muted(const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, colours::Muted);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

void Wrapped(const std::string& text, ImU32 colour) {
    if (colour) ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::TextWrapped("%s", text.c_str());
    if (colour) ImGui::PopStyleColor();
}

bool Banner(AppState& st, const std::string& key, BannerTone tone, const std::string& title, const std::string& text,
            const std::string& button) {
    const ImU32 bg = tone == BannerTone::Warning ? colours::WarningBg
                     : tone == BannerTone::Good  ? colours::GoodBg
                                                 : colours::InfoBg;
    const ImU32 fg = tone == BannerTone::Warning ? colours::Warning : tone == BannerTone::Good ? colours::Good : colours::Accent;
    const float pad = Px(st, 12);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, bg);
    ImGui::PushStyleColor(ImGuiCol_Border, fg);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(pad, Px(st, 8)));
    ImGui::SetCursorPos(ImVec2(ImGui::GetCursorPosX() + pad, ImGui::GetCursorPosY() + Px(st, 8)));
    ImGui::BeginChild(key.c_str(), ImVec2(ImGui::GetContentRegionAvail().x - pad, 0),
                      ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_Border | ImGuiChildFlags_AlwaysUseWindowPadding);
    // The button goes beside the text on a wide screen and under it on a narrow one.
    const float avail = ImGui::GetContentRegionAvail().x;
    const float bw = button.empty() ? 0 : std::min(avail, Px(st, 220));
    const bool beside = !button.empty() && avail - bw - pad >= Px(st, 360);
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const float text_w = beside ? avail - bw - pad : avail;
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + text_w);
    ImGui::PushStyleColor(ImGuiCol_Text, fg);
    ImGui::TextUnformatted(title.c_str());
    ImGui::PopStyleColor();
    if (!text.empty()) ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    RecordItem(st, key + ".text");
    bool pressed = false;
    if (!button.empty()) {
        const float bottom = ImGui::GetItemRectMax().y;
        if (beside) ImGui::SetCursorScreenPos(ImVec2(start.x + text_w + pad, start.y));
        pressed = Button(st, key, button, ImVec2(bw, 0), Tone::Primary);
        ImGui::SetCursorScreenPos(ImVec2(start.x, std::max(bottom, ImGui::GetItemRectMax().y)));
        ImGui::Dummy(ImVec2(0, 0));
    }
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(2);
    return pressed;
}

void Bar(AppState& st, float fraction, const std::string& overlay, float width) {
    // Light fills so that the dark overlay text stays readable on them.
    const ImU32 colour = fraction > 1.0001f   ? colours::BarOver
                         : fraction >= 0.9999f ? colours::BarFull
                                               : colours::BarFill;
    ImGui::PushStyleColor(ImGuiCol_PlotHistogram, colour);
    ImGui::PushStyleColor(ImGuiCol_FrameBg, colours::BarTrack);
    ImGui::ProgressBar(fraction > 1 ? 1.0f : fraction < 0 ? 0.0f : fraction,
                       ImVec2(width > 0 ? width : -FLT_MIN, Px(st, 22)), "");
    ImGui::PopStyleColor(2);
    // The label centred over the whole bar (ImGui puts it at the end of the fill, where a
    // long label runs off a narrow bar), clipped to the bar.
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    const ImVec2 size = ImGui::CalcTextSize(overlay.c_str());
    const float x = std::max(min.x + Px(st, 4), (min.x + max.x - size.x) * 0.5f);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(min, max, true);
    dl->AddText(ImVec2(x, (min.y + max.y - size.y) * 0.5f), ImGui::GetColorU32(ImGuiCol_Text), overlay.c_str());
    dl->PopClipRect();
}

}  // namespace app
