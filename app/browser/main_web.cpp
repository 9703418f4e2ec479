// The browser app: a WebGL2 context on #canvas, Dear ImGui drawn by webgl_renderer.h, and
// the functions pre.js calls (input, frames, text overlay, files); the test API is in
// test_api.cpp.
// Frames run only when something happened (pre.js schedules them from app_frame()'s answer).
//
// Index
// [SECTION] Setup (main)
// [SECTION] Frame
// [SECTION] Input from pre.js
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include <GLES3/gl3.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include <nlohmann/json.hpp>

#include "imgui.h"
#include "imgui_internal.h"

#include "state/app_state.h"
#include "screens/frame.h"
#include "mirror/mirror.h"
#include "browser/platform_web.h"
#include "widgets/style.h"
#include "input/touch_input.h"
#include "browser/browser_app.h"
#include "browser/webgl_renderer.h"

namespace {

app::WebPlatform g_platform;
app::AppState g_state;
app::browser::FrameStats g_stats;
EMSCRIPTEN_WEBGL_CONTEXT_HANDLE g_gl = 0;
int g_width = 1, g_height = 1;
float g_scale = 1.0f;      // devicePixelRatio
float g_font_scale = 0.0f; // the scale the font atlas was built for
double g_last_time = 0;
int g_settle = 0;          // frames still to draw after an event (ImGui settles in 2-3)
std::uint64_t g_drawn = 0;     // the digest of what the canvas shows; 0: unknown, draw again

//-----------------------------------------------------------------------------
// [SECTION] Setup (main)
//-----------------------------------------------------------------------------

void BuildFont(float scale) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    // Latin-1, Latin Extended-A/B (Dutch, French, Turkish, Polish names), punctuation, €, arrows, shapes.
    // The same list the font file was cut to (app/CMakeLists.txt, SAMENLEVEN_FONT_RANGES).
    static const ImWchar ranges[] = {SAMENLEVEN_FONT_RANGES, 0};
    ImFontConfig cfg;
    cfg.OversampleH = 1;  // drawn at the device's pixel size: no oversampling needed (faster start)
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    if (!io.Fonts->AddFontFromFileTTF("/font/DejaVuSans.ttf", app::kFontCssPixels * scale, &cfg, ranges)) {
        ImFontConfig fallback;
        fallback.SizePixels = 13.0f * scale;
        io.Fonts->AddFontDefault(&fallback);
    }
    g_font_scale = scale;
}

void ApplyScale() {
    const double start = emscripten_get_now();
    g_state.Ui.Scale = g_scale;
    app::ApplyStyle(g_scale);
    BuildFont(g_scale);
    app::webgl::DestroyFontTexture();
    app::webgl::CreateFontTexture();
    g_drawn = 0;  // a new atlas: the same draw data may sample other pixels
    g_stats.font_ms = emscripten_get_now() - start;
}

// A browser may take the GPU back (a tablet's page in the background, memory pressure): the
// WebGL context and every object in it are lost. Returning true from the loss lets the browser
// restore the context; then the renderer's objects and the font texture are made again and
// the screen drawn again. None of the app's state lives in the context.
EM_BOOL OnContextLost(int, const void*, void*) { return EM_TRUE; }

EM_BOOL OnContextRestored(int, const void*, void*) {
    app::webgl::Init();
    ApplyScale();  // the atlas's pixels were freed once uploaded: built and uploaded again
    g_settle = 2;
    EM_ASM(Module.SL.requestFrame());
    return EM_TRUE;
}

//-----------------------------------------------------------------------------
// [SECTION] Frame
//-----------------------------------------------------------------------------

double NowMs() { return emscripten_get_now(); }

}  // namespace

namespace app::browser {
AppState& State() { return g_state; }
float Scale() { return g_scale; }
FrameStats& Stats() { return g_stats; }
}  // namespace app::browser

extern "C" {

// Draws one frame. Returns 0 when another frame is wanted right away, a number of
// milliseconds after which one is wanted (autosave, a highlight ending), or -1 when idle.
EMSCRIPTEN_KEEPALIVE double app_frame() {
    const double start = NowMs();
    ImGuiIO& io = ImGui::GetIO();
    if (g_font_scale != g_scale) ApplyScale();
    io.DisplaySize = ImVec2(static_cast<float>(g_width), static_cast<float>(g_height));
    io.DisplayFramebufferScale = ImVec2(1, 1);
    io.DeltaTime = g_last_time > 0 ? static_cast<float>(std::max(1e-4, (start - g_last_time) / 1000.0)) : 1.0f / 60.0f;
    g_last_time = start;

    ImGui::NewFrame();
    app::DrawFrame(g_state);
    ImGui::Render();
    // The canvas keeps showing the last frame drawn into it until something is drawn again, so
    // a frame that would draw exactly that (ImGui settling, an event that changed nothing on
    // screen) is not drawn: its WebGL work, and in the browser the new picture it would hand
    // to the compositor, are saved.
    const std::uint64_t digest = app::webgl::Digest(ImGui::GetDrawData(), g_width, g_height);
    if (g_stats.count == 0 || g_stats.always_draw || digest != g_drawn) {
        glViewport(0, 0, g_width, g_height);
        glDisable(GL_SCISSOR_TEST);
        glClearColor(1, 1, 1, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        if (!app::webgl::Render(ImGui::GetDrawData(), g_width, g_height) && g_stats.count == 0)
            EM_ASM(document.body.classList.add('no-webgl'));  // the canvas stays empty: say why
        g_drawn = digest;
        ++g_stats.drawn;
    }

    app::Tick(g_state);
    const double wait = app::AutosaveTick(g_state);
    g_stats.add(NowMs() - start, NowMs());

    if (GImGui->InputEventsQueue.Size > 0 || g_state.WantsAnimation) return 0;
    if (g_settle > 0) {
        --g_settle;
        return 0;
    }
    double next = -1;
    if (wait >= 0) next = wait * 1000.0 + 1;
    if (g_state.WakeAt > 0) {
        const double until = (g_state.WakeAt - g_platform.NowSeconds()) * 1000.0 + 1;
        next = next < 0 ? until : std::min(next, until);
    }
    return next < 0 ? -1 : std::max(1.0, next);
}

// The font atlas for the current pixel ratio, when it is not built yet (main's start).
EMSCRIPTEN_KEEPALIVE void app_build_font() {
    if (g_font_scale != g_scale) ApplyScale();
}

EMSCRIPTEN_KEEPALIVE void app_resize(int width, int height, float dpr) {
    g_width = width;
    g_height = height;
    g_scale = dpr > 0.5f ? dpr : 1.0f;
    g_settle = 3;
    g_drawn = 0;  // a canvas given a new size is cleared
}

//-----------------------------------------------------------------------------
// [SECTION] Input from pre.js
//-----------------------------------------------------------------------------

// type: 0 down, 1 move, 2 up, 3 cancel; kind: 0 mouse, 1 touch, 2 pen.
EMSCRIPTEN_KEEPALIVE void app_pointer(int type, int kind, float x, float y, int button) {
    const auto k = static_cast<app::PointerKind>(kind);
    switch (type) {
        case 0: app::OnPointerDown(g_state, k, x, y, button); break;
        case 1: app::OnPointerMove(g_state, k, x, y); break;
        case 2: app::OnPointerUp(g_state, k, x, y, button); break;
        default: app::OnPointerCancel(g_state); break;
    }
    g_settle = 3;
}

EMSCRIPTEN_KEEPALIVE void app_wheel(float dx, float dy) {
    app::OnWheel(g_state, dx, dy);
    g_settle = 3;
}

// 1: undo, 2: redo, 3: Escape (returns 1 when it closed something).
EMSCRIPTEN_KEEPALIVE int app_key(int action) {
    bool handled = true;
    if (action == 1) app::UndoEdit(g_state);
    if (action == 2) app::RedoEdit(g_state);
    if (action == 3) handled = app::OnEscape(g_state);
    g_settle = 3;
    return handled ? 1 : 0;
}

// The accessible mirror (pre.js): 1 a node took the keyboard focus, 2 a node was activated
// (its click: Enter, Space, a screen reader's double tap), 3 the focus came back to a field
// from its editor, 4 the focus left the app.
EMSCRIPTEN_KEEPALIVE void app_a11y(int action, const char* key) {
    if (action == 1 || action == 3) app::OnAccessibleFocus(g_state, key, action == 1);
    if (action == 2) app::OnAccessibleActivate(g_state, key);
    if (action == 4) app::OnAccessibleFocus(g_state, "");
    g_settle = 3;
}

EMSCRIPTEN_KEEPALIVE void app_text_input(const char* value) {
    app::OnTextInput(g_state, value);
    g_settle = 3;
}

EMSCRIPTEN_KEEPALIVE void app_text_commit() {
    app::OnTextCommit(g_state);
    g_settle = 3;
}

// The person picked a file of `size` bytes, not yet read: 1 to read it, 0 when it is
// refused by its size (samenleven::kMaxDocumentBytes; the error is shown).
EMSCRIPTEN_KEEPALIVE int app_file_chosen(const char* name, double size) {
    const bool read = app::ImportFileChosen(g_state, name, size);
    g_settle = 3;
    return read ? 1 : 0;
}

// The picked file's bytes exactly as on disk (size -1: the browser could not read it).
EMSCRIPTEN_KEEPALIVE void app_file_picked(const char* name, const char* bytes, int size) {
    if (size < 0) app::ImportFileUnreadable(g_state, name);
    else app::ImportPlanText(g_state, name, std::string_view(bytes, static_cast<std::size_t>(size)));
    g_settle = 3;
}

// The answer's bytes to the request of Platform::HttpRequest (status 0: the network failed).
EMSCRIPTEN_KEEPALIVE void app_http_response(int status, const char* body, int size) {
    app::OnHttpResponse(g_state, status, std::string(body, static_cast<std::size_t>(size)));
    g_settle = 3;  // an answer can change the layout (a pulled plan, a review, the figures): auto-sized cards settle in 2-3
}

EMSCRIPTEN_KEEPALIVE void app_online(int online) {
    app::OnOnlineChanged(g_state, online != 0);
    g_settle = 3;
}

EMSCRIPTEN_KEEPALIVE void app_flush() { app::SaveNow(g_state); }

// pre.js: another tab holds the storage (1: open already, 2: it took over since).
EMSCRIPTEN_KEEPALIVE void app_other_tab(int kind) {
    app::OnOtherTab(g_state, kind == 2 ? app::OtherTab::TakenOver : app::OtherTab::AlreadyOpen);
    g_settle = 2;
    EM_ASM(Module.SL.requestFrame());
}

EMSCRIPTEN_KEEPALIVE void app_storage_result(int ok) {
    g_state.LastSaveFailed = ok == 0;
    g_settle = 1;
    EM_ASM(Module.SL.requestFrame());
}

}  // extern "C"

int main() {
    g_stats.main_at = emscripten_get_now();
    EmscriptenWebGLContextAttributes attrs;
    emscripten_webgl_init_context_attributes(&attrs);
    attrs.majorVersion = 2;
    attrs.minorVersion = 0;
    attrs.alpha = false;
    attrs.antialias = false;
    attrs.depth = false;
    attrs.stencil = false;
    attrs.preserveDrawingBuffer = false;  // the compositor keeps showing the last frame while idle
    // WebGL 2 has all the renderer needs. Emscripten would otherwise switch on every extension
    // the browser offers, each a round trip to the GPU process before the first frame.
    attrs.enableExtensionsByDefault = false;
    g_gl = emscripten_webgl_create_context("#canvas", &attrs);
    if (g_gl <= 0) {
        EM_ASM(document.body.classList.add('no-webgl'));
        return 1;
    }
    emscripten_webgl_make_context_current(g_gl);
    emscripten_set_webglcontextlost_callback("#canvas", nullptr, EM_FALSE, OnContextLost);
    emscripten_set_webglcontextrestored_callback("#canvas", nullptr, EM_FALSE, OnContextRestored);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.ConfigInputTrickleEventQueue = true;
    io.ConfigWindowsMoveFromTitleBarOnly = true;
    app::webgl::Init();

    app::InitApp(g_state, g_platform);
    // The rest of the start in tasks of its own, so that none keeps the page busy long (a
    // tablet's slow CPU): the font atlas, then the first frame. An event in between is
    // handled as after the start (a frame it asks for builds the atlas itself).
    EM_ASM({
        Module.SL.resize();  // the canvas's size; no frame yet (not started)
        Module.SL.started = true;
        if (Module.SL.otherTab) Module._app_other_tab(Module.SL.otherTab);  // known before main()
        // The next task ahead of the page's others where the browser can say so.
        var next = window.scheduler && scheduler.postTask ? function (f) { scheduler.postTask(f, { priority: 'user-blocking' }); }
                                                          : function (f) { setTimeout(f, 0); };
        next(function () {
            Module._app_build_font();
            next(function () {
                Module.SL.runFrame();  // the first frame now, not at the next animation frame
                document.body.classList.add('ready');
                if (Module.SL.onReady) setTimeout(Module.SL.onReady, 0);
            });
        });
    });
    return 0;
}
