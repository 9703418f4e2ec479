// Touch-sized widgets of the app on top of Dear ImGui. Fields are keyed by their path in the
// plan ("rows[0].planned[2022]", the same paths as Finding::path), so that a finding can
// jump to its field and tests can find it. Every widget records its rectangle in
// AppState::Widgets.
#pragma once
#include <functional>
#include <optional>
#include <string>

#include "imgui.h"

#include "state/app_state.h"
#include "widgets/style.h"  // colours::

namespace app {

enum class Tone { Normal, Primary, Danger, Selected, Quiet };

// Sizes in framebuffer pixels for the current scale.
float Px(const AppState& st, float css_pixels);
float TouchSize(const AppState& st);  // 44 CSS px: the smallest hit target

bool Button(AppState& st, const std::string& key, const std::string& label, ImVec2 size = ImVec2(0, 0),
            Tone tone = Tone::Normal, bool enabled = true);
// One of a set of choices (a filter, a kind, an option): drawn in `chosen_tone` when chosen,
// and a toggle button to a screen reader (pressed when chosen).
bool ChoiceButton(AppState& st, const std::string& key, const std::string& label, bool chosen, ImVec2 size,
                  Tone chosen_tone = Tone::Primary);
// A row of choice buttons (keys[i], labels[i]; `chosen` is drawn chosen), each as wide as its
// label, or all as wide as `width` when it is > 0, wrapping onto more rows when needed. The
// index tapped, or -1.
int ChoiceRow(AppState& st, const std::vector<std::string>& keys, const std::vector<std::string>& labels, int chosen,
              float width = 0);
bool Toggle(AppState& st, const std::string& key, const std::string& label, bool& value);

// Text fields through the platform's text overlay. They apply every keystroke to the plan
// (live recalculation) and take an undo snapshot when the field is left.
bool TextField(AppState& st, const std::string& key, const std::string& label, std::string& value,
               float width = 0, TextInputKind kind = TextInputKind::Text);
bool CountField(AppState& st, const std::string& key, const std::string& label, samenleven::Count& value,
                float width = 0);
bool CountField(AppState& st, const std::string& key, const std::string& label, int& value, float width = 0);
// A count drawn from `shown` and written only when the person changes it: `store` puts the
// new value into the plan (for a value that is derived until edited, e.g. the IGS split).
bool CountField(AppState& st, const std::string& key, const std::string& label, samenleven::Count shown,
                const std::function<void(samenleven::Count)>& store, float width = 0);
// A text field for a setting that is not part of the plan: no recalculation, no undo.
// `display` (e.g. a masked token) is shown instead of the value when not editing.
bool SettingField(AppState& st, const std::string& key, const std::string& label, std::string& value,
                  float width = 0, const std::string& display = "", const std::string& placeholder = "");
// An empty optional field shows `placeholder` in the muted colour (e.g. the planned target).
bool OptionalCountField(AppState& st, const std::string& key, const std::string& label,
                        std::optional<samenleven::Count>& value, float width = 0, const std::string& placeholder = "");

// A count that is not part of the plan (e.g. a target the agency confirms): no
// recalculation, no undo.
bool SettingCountField(AppState& st, const std::string& key, const std::string& label, samenleven::Count& value,
                       float width = 0);
// The same for a value that may stay empty (e.g. an envelope the agency grants): empty shows
// `placeholder` in the muted colour.
bool SettingCountField(AppState& st, const std::string& key, const std::string& label,
                       std::optional<samenleven::Count>& value, float width = 0, const std::string& placeholder = "");

// A full-width message under the navigation: a title in the tone's colour, a text, and an
// optional button on the right (returns whether it was pressed).
enum class BannerTone { Info, Warning, Good };
bool Banner(AppState& st, const std::string& key, BannerTone tone, const std::string& title, const std::string& text,
            const std::string& button = "");

// Lays out labelled fields in as many columns as fit (at least `min_css_width` each).
//   FormGrid grid(st, 180); float w = grid.Next(); FieldLabel("..."); CountField(..., w);
class FormGrid {
public:
    FormGrid(AppState& st, float min_css_width, int max_columns = 4);
    ~FormGrid();
    float Next();  // starts the next cell; returns the width for its field
    FormGrid(const FormGrid&) = delete;
    FormGrid& operator=(const FormGrid&) = delete;

private:
    void EndCell();
    int columns_ = 1, index_ = 0;
    float width_ = 0, gap_ = 0;
    ImVec2 origin_, row_start_;
    float bottom_ = 0;  // lowest edge of the cells so far
};

// A label above a field, in the muted colour; wraps within `width` when given.
void FieldLabel(const std::string& text, float width = 0);
void Heading(AppState& st, const std::string& text);
void Muted(const std::string& text);
void Label(const std::string& text);  // one line of text in the current colour
// A button's label without ImGui's "##id" part (what a person sees and a screen reader says).
std::string VisibleLabel(const std::string& label);
// A field's accessible name, unique in the plan: its label with the row or municipality it
// belongs to ("Extra bereik 2022-2023, actie 5 (Oefenkansen Nederlands)"), from the core's
// describe_path for the plan's fields; other fields keep their label.
std::string FieldName(AppState& st, const std::string& key, const std::string& label);
// The first finding of the open plan on exactly the field `key` (errors first), or null.
const samenleven::Finding* FieldFinding(const AppState& st, const std::string& key);
// `text` cut to fit `width` pixels of the current font, ending in "..." when cut.
std::string FitText(const std::string& text, float width);
void Wrapped(const std::string& text, ImU32 colour = 0);
// A horizontal bar: fraction 0..1 (may exceed: drawn full in the warning colour).
// `name` is what a screen reader calls it (default: the overlay text).
void Bar(AppState& st, float fraction, const std::string& overlay, float width = 0, const std::string& name = "");

// Registers a container's rectangle under `key` (e.g. a row card "rows[2]") and handles the
// jump from a finding: scroll into view and highlight. Call after the item was submitted.
void RecordItem(AppState& st, const std::string& key);
// Whether the item just submitted lies inside the window that scrolls it (the content panel,
// not the card around it), and scrolls that window to put it at `ratio` of its height: a jump
// to a field, the keyboard focus and a field's editor reach fields inside cards too.
bool ItemInScrollView();
void ScrollItemIntoView(float ratio);
bool IsFocusTarget(const AppState& st, const std::string& key);

// Cards out of view are not built: with a known height from an earlier frame, a card that
// lies outside the visible part of the panel is replaced by empty space of that height, and
// its part of the accessible mirror by the copy kept when it was last drawn, so that a screen
// reader still reads the whole screen. The copy holds while nothing it shows can have changed
// (UiState::CardStamp, CardStamp()); otherwise the card is drawn. Returns false when the card
// was skipped (still recorded under `key`).
bool CardVisible(AppState& st, const std::string& key);
void CardDrawn(AppState& st, const std::string& key);  // after the card: remembers its height and mirror
// What the cards' content depends on, for this frame: the plan's revision, the screen and its
// width, what is unfolded or awaits confirmation, the open plan's place in the cycle, the
// agency's allocation, the day (deadlines count days).
std::uint64_t CardStamp(const AppState& st);


}  // namespace app
