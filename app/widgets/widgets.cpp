// Index
// [SECTION] Sizes and registration
// [SECTION] Buttons
// [SECTION] Text fields (through the platform's text overlay)
// [SECTION] Text and bars
#include "widgets/widgets.h"

#include "imgui_internal.h"

#include <algorithm>

#include "mirror/mirror.h"
#include "text/text.h"

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

// The window that scrolls the item just submitted: a card that grows with its content
// (a child with AutoResizeY) does not scroll, the panel it sits in does.
static ImGuiWindow* ScrollingWindow() {
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    while (w->ParentWindow && (w->Flags & ImGuiWindowFlags_ChildWindow) && (w->ChildFlags & ImGuiChildFlags_AutoResizeY))
        w = w->ParentWindow;
    return w;
}

bool ItemInScrollView() {
    const ImGuiWindow* w = ScrollingWindow();
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    return a.y >= w->Pos.y && b.y <= w->Pos.y + w->Size.y;
}

void ScrollItemIntoView(float ratio) {
    ImGuiWindow* w = ScrollingWindow();
    const float y = ImLerp(ImGui::GetItemRectMin().y, ImGui::GetItemRectMax().y, ratio);
    ImGui::SetScrollFromPosY(w, y - w->Pos.y, ratio);
}

void RecordItem(AppState& st, const std::string& key) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    st.Widgets[key] = PixelRect{a.x, a.y, b.x - a.x, b.y - a.y};
    DrawFocusRing(st, key);
    if (!IsFocusTarget(st, key)) return;
    AppState& s = st;
    if (!s.Ui.FocusScrollDone) {
        ScrollItemIntoView(0.3f);
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
    const auto it = st.Ui.Cards.find(key);
    const bool inside = IsFocusTarget(st, key) || st.Edit.Key.rfind(key, 0) == 0 || st.Ui.KeyFocus.rfind(key, 0) == 0 ||
                        st.Ui.FocusRequest.rfind(key, 0) == 0;
    if (it == st.Ui.Cards.end() || it->second.Stamp != st.Ui.CardStamp || inside) {
        st.Ui.CardMirrorStart = st.Mirror.size();
        return true;
    }
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImVec2 size(ImGui::GetContentRegionAvail().x, it->second.Height);
    if (ImGui::IsRectVisible(pos, ImVec2(pos.x + size.x, pos.y + size.y))) {
        st.Ui.CardMirrorStart = st.Mirror.size();
        return true;
    }
    ImGui::Dummy(size);
    MirrorReplay(st, it->second.Mirror);
    RecordItem(st, key);
    return false;
}

void CardDrawn(AppState& st, const std::string& key) {
    UiState::CardCache& card = st.Ui.Cards[key];
    card.Height = ImGui::GetItemRectSize().y;
    card.Stamp = st.Ui.CardStamp;
    card.Mirror = MirrorCopy(st, st.Ui.CardMirrorStart);
}

std::uint64_t CardStamp(const AppState& st) {
    std::uint64_t h = 1469598103934665603ull;  // FNV-1a over the parts
    auto mix = [&](std::uint64_t v) {
        for (int i = 0; i < 8; ++i) {
            h ^= (v >> (8 * i)) & 0xFF;
            h *= 1099511628211ull;
        }
    };
    auto mix_text = [&](const std::string& s) {
        mix(s.size());
        for (unsigned char c : s) {
            h ^= c;
            h *= 1099511628211ull;
        }
    };
    mix(st.Revision);
    mix(static_cast<std::uint64_t>(ShownScreen(st)));
    mix(static_cast<std::uint64_t>(ImGui::GetMainViewport()->Size.x));
    mix(static_cast<std::uint64_t>(st.Ui.Scale * 100));
    mix(static_cast<std::uint64_t>(st.Ui.ExpandedSplitRow + 1));
    mix_text(st.Ui.ConfirmRemoveRow);
    mix_text(st.Plan.id);
    mix(OpenPlanEditable(st) ? 1 : 0);
    if (const PlanSync* ps = OpenPlanSync(st)) {
        mix_text(ps->ServerStatus);
        mix(ps->ServerRevision);
        mix(ps->ResultsUnsent ? 1 : 0);
    }
    mix(st.Sync.Outbox.size());
    mix(st.Sync.Online ? 1 : 0);
    mix(st.Sync.Settings.Enabled ? 1 : 0);
    mix(static_cast<std::uint64_t>(st.Overview.AllocationYear));
    mix(static_cast<std::uint64_t>(st.Overview.Allocation.AllocatedCents));
    mix(st.Overview.Allocation.Plans.size());
    mix(st.Overview.AllocationLoaded ? 1 : 0);
    mix(static_cast<std::uint64_t>((st.Host ? st.Host->NowSeconds() : 0) / 86400));
    return h;
}

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
    const bool pressed = ImGui::Button(label.c_str(), size) || (enabled && TakeActivation(st, key));
    ImGui::PopID();
    if (!enabled) ImGui::EndDisabled();
    ImGui::PopStyleColor(colours_pushed);
    MirrorItem(st, AccessibleRole::Button, key, VisibleLabel(label));
    RecordItem(st, key);
    return pressed && enabled;
}

bool ChoiceButton(AppState& st, const std::string& key, const std::string& label, bool chosen, ImVec2 size,
                  Tone chosen_tone) {
    const bool pressed = Button(st, key, label, size, chosen ? chosen_tone : Tone::Normal);
    st.Mirror.back().Pressed = chosen ? 1 : 0;
    return pressed;
}

int ChoiceRow(AppState& st, const std::vector<std::string>& keys, const std::vector<std::string>& labels, int chosen,
              float width) {
    const float avail = ImGui::GetContentRegionAvail().x, gap = ImGui::GetStyle().ItemSpacing.x;
    int tapped = -1;
    float x = 0;
    for (std::size_t i = 0; i < keys.size() && i < labels.size(); ++i) {
        const float w = std::min(avail, width > 0 ? width
                                                  : ImGui::CalcTextSize(labels[i].c_str()).x +
                                                        2 * ImGui::GetStyle().FramePadding.x + Px(st, 20));
        if (x > 0 && x + w <= avail) ImGui::SameLine();
        else x = 0;
        if (ChoiceButton(st, keys[i], labels[i], static_cast<int>(i) == chosen, ImVec2(w, 0))) tapped = static_cast<int>(i);
        x += w + gap;
    }
    return tapped;
}

bool Toggle(AppState& st, const std::string& key, const std::string& label, bool& value) {
    ImGui::PushID(key.c_str());
    ImGui::PushStyleColor(ImGuiCol_Border, colours::ControlBorder);
    bool changed = ImGui::Checkbox(label.c_str(), &value);
    ImGui::PopStyleColor();
    if (!changed && TakeActivation(st, key) && (ImGui::GetItemFlags() & ImGuiItemFlags_Disabled) == 0) {
        value = !value;
        changed = true;
    }
    ImGui::PopID();
    MirrorItem(st, AccessibleRole::CheckBox, key, VisibleLabel(label)).Checked = value;
    RecordItem(st, key);
    if (changed) PlanChanged(st, true);
    return changed;
}

//-----------------------------------------------------------------------------
// [SECTION] Text fields (through the platform's text overlay)
//-----------------------------------------------------------------------------

// The first finding of the plan on exactly this field (errors before warnings).
const sl::Finding* FieldFinding(const AppState& st, const std::string& key) {
    if (!st.PlanOpen) return nullptr;
    const sl::Finding* warning = nullptr;
    for (const sl::Finding& f : st.Derived.Findings) {
        if (f.path != key) continue;
        if (f.severity == sl::Severity::error) return &f;
        if (!warning) warning = &f;
    }
    return warning;
}

// The plan a field belongs to: the plan under review on the agency's review screen, else the open plan.
static const sl::Plan* FieldPlan(const AppState& st) {
    if (ShownScreen(st) == Screen::Review) return st.Review.Loaded ? &st.Review.Plan : nullptr;
    return st.PlanOpen ? &st.Plan : nullptr;
}

// Whether every word of `label` is in `text` (ignoring case and commas): the name the core
// gives a field then already says what its label says.
static bool SaysLabel(const std::string& text, const std::string& label) {
    auto lower = [](std::string s) {
        for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c == ',' ? ' ' : c);
        return " " + s + " ";
    };
    const std::string t = lower(text), l = lower(label);
    for (std::size_t start = 1; start < l.size();) {
        const std::size_t end = l.find(' ', start);
        if (end > start && t.find(" " + l.substr(start, end - start) + " ") == std::string::npos) return false;
        start = end + 1;
    }
    return true;
}

static std::string DescribeField(const AppState& st, const std::string& key, const std::string& label) {
    const sl::Plan* plan = FieldPlan(st);
    const std::optional<sl::FieldPath> path = sl::parse_field_path(key);
    if (!plan || !path) return label;
    static const char* const kPlanFields[] = {"rows", "applicant", "contact", "declarations", "title", "iban",
                                              "iban_is_municipal_fund_account", "call"};
    const std::string& first = path->segments.front().name;
    if (std::none_of(std::begin(kPlanFields), std::end(kPlanFields), [&](const char* f) { return first == f; }))
        return label;
    const sl::Catalogue* cat = sl::find_catalogue(plan->call);
    std::string described = sl::describe_path(*plan, cat ? *cat : sl::default_catalogue(), *path);
    if (label.empty() || SaysLabel(described, label)) return described;
    if (!described.empty() && described[0] >= 'A' && described[0] <= 'Z') described[0] = static_cast<char>(described[0] - 'A' + 'a');
    return label + ", " + described;
}

std::string FieldName(AppState& st, const std::string& key, const std::string& label) {
    // Names change only with what CardStamp covers (the plan, the screen): kept per frame stamp.
    if (st.Ui.NamesStamp != st.Ui.CardStamp) {
        st.Ui.FieldNames.clear();
        st.Ui.NamesStamp = st.Ui.CardStamp;
    }
    const auto it = st.Ui.FieldNames.find(key);
    if (it != st.Ui.FieldNames.end()) return it->second;
    return st.Ui.FieldNames[key] = DescribeField(st, key, label);
}

namespace {

struct FieldEvent {
    bool Changed = false;
    std::string Text;
};

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

    const bool requested = st.Ui.RequestEdit == key;
    if (requested) {
        st.Ui.RequestEdit.clear();
        if (!ItemInScrollView()) ScrollItemIntoView(0.5f);
    }
    if ((clicked || requested) && !editing) {
        if (!st.Edit.Key.empty()) CommitEdit(st);
        st.Edit.Key = key;
        st.Edit.Value = edit_text;
        st.Edit.Original = edit_text;
        st.Edit.Invalid = false;
        editing = true;
        st.Edit.Rect = rect;
        if (st.Host) st.Host->BeginTextInput(TextInputRequest{key, FieldName(st, key, label), edit_text, rect, kind});
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
    // A field with an error of the plan (a finding on its path) is marked: a red border and a
    // "!" at its end, so that the error does not rest on colour alone.
    const sl::Finding* finding = FieldFinding(st, key);
    const bool flagged = finding && finding->severity == sl::Severity::error;
    const bool bad = editing ? st.Edit.Invalid : invalid || flagged;
    const ImU32 border = bad ? colours::Error : editing ? colours::Accent : hovered && !disabled ? colours::Text : colours::ControlBorder;
    dl->AddRect(a, b, border, rounding, 0, editing || bad ? Px(st, 2) : Px(st, 1));
    if (!editing) {
        const ImGuiStyle& style = ImGui::GetStyle();
        const ImVec2 text_pos(a.x + style.FramePadding.x * 0.6f, a.y + (h - ImGui::GetFontSize()) * 0.5f);
        const ImVec4 clip(a.x + 2, a.y, b.x - 2, b.y);
        const bool empty = display.empty();
        dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), text_pos, empty || disabled ? colours::Muted : colours::Text,
                    empty ? placeholder.c_str() : display.c_str(), nullptr, 0, &clip);
        if (bad) {
            const float r = ImGui::GetFontSize() * 0.5f;
            const ImVec2 c(b.x - r - Px(st, 8), (a.y + b.y) * 0.5f);
            dl->AddCircleFilled(c, r, colours::Error);
            const ImVec2 ts = ImGui::CalcTextSize("!");
            dl->AddText(ImVec2(c.x - ts.x * 0.5f, c.y - ts.y * 0.5f), colours::OnAccent, "!");
        }
    }
    AccessibleNode& node = MirrorItem(st, AccessibleRole::TextBox, key, FieldName(st, key, label));
    node.Value = editing ? st.Edit.Value : display;
    node.Invalid = bad;
    if (editing && bad)
        node.Description = "Geen geldige waarde voor dit veld." + (st.Edit.Problem.empty() ? std::string() : " " + st.Edit.Problem);
    else if (finding) node.Description = finding->message;
    node.Multiline = kind == TextInputKind::LongText;
    RecordItem(st, key);
    return ev;
}

}  // namespace

namespace {

// Typed text goes into a field under the core's text rule (samenleven/text_rule.h), as the
// server and an import read it: a character the field does not take (a pasted tab or newline
// in a one-line field, an invisible control character anywhere) becomes a space, so that the
// app never keeps a text the server would refuse. Leaving the field says so.
void CleanTyped(AppState& st, const std::string& label, std::string& text, TextInputKind kind) {
    const sl::TextLines lines = kind == TextInputKind::LongText ? sl::TextLines::multi : sl::TextLines::single;
    if (!sl::find_refused_character(text, lines)) return;
    text = sl::clean_text(text, lines);
    st.Edit.Cleaned = VisibleLabel(label) +
                      (lines == sl::TextLines::single
                           ? ": dit veld is één regel tekst; een nieuwe regel, tab of onzichtbaar stuurteken is vervangen door een spatie."
                           : ": een onzichtbaar stuurteken kan in geen enkel tekstveld en is vervangen door een spatie.");
}

}  // namespace

bool TextField(AppState& st, const std::string& key, const std::string& label, std::string& value, float width,
               TextInputKind kind) {
    FieldEvent ev = EditBox(st, key, label, value, value, width, kind, false);
    if (ev.Changed) CleanTyped(st, label, ev.Text, kind);
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
    if (ev.Changed) CleanTyped(st, label, ev.Text, TextInputKind::Text);
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
        ParsedCount parsed = ParseCount(ev.Text);
        st.Edit.Invalid = !parsed.Ok;
        st.Edit.Problem = parsed.Problem;
        if (!parsed.Ok) {
            // Refused: the field goes back to its value from before the edit (not the last
            // valid prefix, "12" of "12,5"), and leaving the field says so.
            const std::string before = st.Edit.Original.empty() ? std::string("leeg") : sl::format_count(*ParseCount(st.Edit.Original).Value);
            st.Edit.Refusal = "\"" + ev.Text + "\" is geen geldig aantal. " + parsed.Problem + " " +
                              VisibleLabel(label) + " blijft " + before + ".";
            parsed = ParseCount(st.Edit.Original);
        }
        {
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

// A count that is not part of the plan: no recalculation, no undo.
static bool SettingCount(AppState& st, const std::string& key, const std::string& label, std::optional<sl::Count>& value,
                         float width, bool optional, const std::string& placeholder) {
    const bool changed = CountBox(st, key, label, value, width, optional, placeholder);
    if (st.Edit.Key == key) st.Edit.Applied = false;  // leaving the field takes no plan snapshot
    FinishIfCommitted(st, key);
    return changed;
}

bool SettingCountField(AppState& st, const std::string& key, const std::string& label, sl::Count& value, float width) {
    std::optional<sl::Count> v = value;
    const bool changed = SettingCount(st, key, label, v, width, false, "");
    if (changed) value = v.value_or(0);
    return changed;
}

bool SettingCountField(AppState& st, const std::string& key, const std::string& label, std::optional<sl::Count>& value,
                       float width, const std::string& placeholder) {
    return SettingCount(st, key, label, value, width, true, placeholder);
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
    MirrorText(text);
}

void Heading(AppState& st, const std::string& text) {
    ImGui::Dummy(ImVec2(0, Px(st, 4)));
    ImGui::PushStyleColor(ImGuiCol_Text, colours::Accent);
    ImGui::SetWindowFontScale(1.2f);
    ImGui::TextUnformatted(text.c_str());
    ImGui::SetWindowFontScale(1.0f);
    ImGui::PopStyleColor();
    MirrorText(text, AccessibleRole::Heading, 2);
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
    MirrorText(text);
}

void Wrapped(const std::string& text, ImU32 colour) {
    if (colour) ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::TextWrapped("%s", text.c_str());
    if (colour) ImGui::PopStyleColor();
    MirrorText(text);
}

void Label(const std::string& text) {
    ImGui::TextUnformatted(text.c_str());
    MirrorText(text);
}

std::string VisibleLabel(const std::string& label) {
    const std::size_t hidden = label.find("##");
    return hidden == std::string::npos ? label : label.substr(0, hidden);
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
    MirrorScope region(st, AccessibleRole::Region, title, key + ".region");
    // The button goes beside the text on a wide screen and under it on a narrow one.
    const float avail = ImGui::GetContentRegionAvail().x;
    const float bw = button.empty() ? 0 : std::min(avail, Px(st, 220));
    const bool beside = !button.empty() && avail - bw - pad >= Px(st, 360);
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const float text_w = beside ? avail - bw - pad : avail;
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + text_w);
    ImGui::PushStyleColor(ImGuiCol_Text, fg);
    Label(title);
    ImGui::PopStyleColor();
    if (!text.empty()) Label(text);
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

void Bar(AppState& st, float fraction, const std::string& overlay, float width, const std::string& name) {
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
    AccessibleNode& node = MirrorItem(st, AccessibleRole::ProgressBar, "", name.empty() ? overlay : name);
    node.Value = overlay;
    // Whole percent rounded down, as FormatPermille's tenths are: 2/3 is 66, never 67.
    node.Level = static_cast<int>(std::clamp(fraction, 0.0f, 9.99f) * 100.0f + 0.001f);
}

}  // namespace app
