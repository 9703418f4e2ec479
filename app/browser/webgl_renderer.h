// Draws ImGui's draw data with WebGL 2 (OpenGL ES 3.0 through emscripten). The app owns its
// canvas and its context, so unlike ImGui's general OpenGL3 backend this renderer never
// reads GL state back to save and restore it: in a browser every such read (glGetIntegerv,
// glIsEnabled, glIsProgram, glGetAttribLocation) is a synchronous round trip to the GPU
// process that waits until the previous frame's commands have run. A frame here only sends
// commands; the two reads of the start wait until the first draw (see Render). The font atlas
// is one-channel (R8): a quarter of the RGBA upload.
#pragma once

#include <cstdint>

#include "imgui.h"

namespace app::webgl {

// Starts compiling the shader and makes the buffers and vertex array (after the context is
// current, and again after a lost context is restored). Nothing is read back here (see Render).
void Init();
// (Re)uploads ImGui's font atlas (alpha only) and sets it as the atlas's texture id.
void CreateFontTexture();
void DestroyFontTexture();
// A digest of what a frame's draw data puts on a canvas of fb_width x fb_height pixels: the
// vertices, indices, clip rectangles and textures of every command. Two frames with the same
// digest draw the same pixels (the atlas unchanged).
std::uint64_t Digest(const ImDrawData* draw_data, int fb_width, int fb_height);
// Draws a frame's draw data into the current framebuffer of fb_width x fb_height pixels.
// The first call reads whether the shader linked; false (the reason on stderr): it did not,
// and nothing can be drawn.
bool Render(const ImDrawData* draw_data, int fb_width, int fb_height);

}  // namespace app::webgl
