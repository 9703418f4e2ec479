#include "browser/webgl_renderer.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

#include <GLES3/gl3.h>

namespace app::webgl {

namespace {

GLuint g_program = 0, g_vertex_shader = 0, g_fragment_shader = 0;
bool g_checked = false, g_linked = false;
GLint g_proj = -1;
GLuint g_vao = 0, g_vbo = 0, g_ibo = 0;
GLuint g_font = 0;

// Attribute locations are fixed in the shader, so nothing is asked of the context.
constexpr GLuint kPos = 0, kUv = 1, kColor = 2;

const char* kVertexShader = R"(#version 300 es
layout(location = 0) in vec2 Position;
layout(location = 1) in vec2 UV;
layout(location = 2) in vec4 Color;
uniform mat4 ProjMtx;
out vec2 Frag_UV;
out vec4 Frag_Color;
void main() {
    Frag_UV = UV;
    Frag_Color = Color;
    gl_Position = ProjMtx * vec4(Position.xy, 0.0, 1.0);
})";

// The atlas holds coverage only (R8); ImGui's colours come with the vertices.
const char* kFragmentShader = R"(#version 300 es
precision mediump float;
uniform sampler2D Texture;
in vec2 Frag_UV;
in vec4 Frag_Color;
layout(location = 0) out vec4 Out_Color;
void main() {
    Out_Color = vec4(Frag_Color.rgb, Frag_Color.a * texture(Texture, Frag_UV).r);
})";

GLuint Shader(GLenum type, const char* source) {
    const GLuint s = glCreateShader(type);
    glShaderSource(s, 1, &source, nullptr);
    glCompileShader(s);
    return s;
}

void PrintLog(GLuint object, bool program) {
    GLint length = 0;
    if (program) glGetProgramiv(object, GL_INFO_LOG_LENGTH, &length);
    else glGetShaderiv(object, GL_INFO_LOG_LENGTH, &length);
    if (length <= 1) return;
    std::vector<char> log(static_cast<std::size_t>(length));
    if (program) glGetProgramInfoLog(object, length, nullptr, log.data());
    else glGetShaderInfoLog(object, length, nullptr, log.data());
    std::fprintf(stderr, "%s\n", log.data());
}

// The state ImGui's triangles need: blending, scissor, the program, the projection, the
// vertex array. Set every frame (commands only, no reads).
void SetupState(const ImDrawData* d, int fb_width, int fb_height) {
    glViewport(0, 0, fb_width, fb_height);
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_STENCIL_TEST);
    glEnable(GL_SCISSOR_TEST);
    const float l = d->DisplayPos.x, r = d->DisplayPos.x + d->DisplaySize.x;
    const float t = d->DisplayPos.y, b = d->DisplayPos.y + d->DisplaySize.y;
    const float ortho[16] = {
        2.0f / (r - l),    0.0f,              0.0f,  0.0f,  //
        0.0f,              2.0f / (t - b),    0.0f,  0.0f,  //
        0.0f,              0.0f,              -1.0f, 0.0f,  //
        (r + l) / (l - r), (t + b) / (b - t), 0.0f,  1.0f,
    };
    glUseProgram(g_program);
    glUniformMatrix4fv(g_proj, 1, GL_FALSE, ortho);
    glBindVertexArray(g_vao);
    glBindBuffer(GL_ARRAY_BUFFER, g_vbo);
    glActiveTexture(GL_TEXTURE0);
}

// The only reads of the context: did the program link, and where is its projection. Made at
// the first draw, so that the GPU process compiles the shaders while the font atlas is built
// instead of the page waiting for its compiler.
bool Linked() {
    if (g_checked) return g_linked;
    g_checked = true;
    GLint linked = 0;
    glGetProgramiv(g_program, GL_LINK_STATUS, &linked);
    g_linked = linked != 0;
    if (g_linked) {
        g_proj = glGetUniformLocation(g_program, "ProjMtx");  // the sampler stays on unit 0
    } else {
        std::fprintf(stderr, "WebGL: the shader did not link\n");
        PrintLog(g_vertex_shader, false);
        PrintLog(g_fragment_shader, false);
        PrintLog(g_program, true);
    }
    glDetachShader(g_program, g_vertex_shader);
    glDetachShader(g_program, g_fragment_shader);
    glDeleteShader(g_vertex_shader);
    glDeleteShader(g_fragment_shader);
    return g_linked;
}

}  // namespace

void Init() {
    g_checked = g_linked = false;  // again after a lost context: its objects went with it
    g_proj = -1;
    g_font = 0;
    g_vertex_shader = Shader(GL_VERTEX_SHADER, kVertexShader);
    g_fragment_shader = Shader(GL_FRAGMENT_SHADER, kFragmentShader);
    g_program = glCreateProgram();
    glAttachShader(g_program, g_vertex_shader);
    glAttachShader(g_program, g_fragment_shader);
    glLinkProgram(g_program);

    glGenVertexArrays(1, &g_vao);
    glGenBuffers(1, &g_vbo);
    glGenBuffers(1, &g_ibo);
    glBindVertexArray(g_vao);
    glBindBuffer(GL_ARRAY_BUFFER, g_vbo);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, g_ibo);  // kept by the vertex array
    glEnableVertexAttribArray(kPos);
    glEnableVertexAttribArray(kUv);
    glEnableVertexAttribArray(kColor);
    const auto offset = [](std::size_t o) { return reinterpret_cast<const void*>(static_cast<std::uintptr_t>(o)); };
    glVertexAttribPointer(kPos, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), offset(offsetof(ImDrawVert, pos)));
    glVertexAttribPointer(kUv, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), offset(offsetof(ImDrawVert, uv)));
    glVertexAttribPointer(kColor, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(ImDrawVert), offset(offsetof(ImDrawVert, col)));
    glBindVertexArray(0);
    ImGui::GetIO().BackendRendererName = "samenleven_webgl2";
}

void CreateFontTexture() {
    ImGuiIO& io = ImGui::GetIO();
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &width, &height);
    glGenTextures(1, &g_font);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, g_font);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(g_font)));
    io.Fonts->ClearTexData();  // the pixels live in the texture now
}

void DestroyFontTexture() {
    if (g_font) glDeleteTextures(1, &g_font);
    g_font = 0;
    ImGui::GetIO().Fonts->SetTexID(nullptr);
}

namespace {

// 64-bit multiply-xorshift over whole words, the tail byte by byte: fast enough to run every
// frame over a few hundred KB of vertices (well under a tenth of a millisecond).
struct Hasher {
    std::uint64_t h = 0x9E3779B97F4A7C15ull;
    void Word(std::uint64_t w) {
        h ^= w + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
        h *= 0xFF51AFD7ED558CCDull;
        h ^= h >> 33;
    }
    void Bytes(const void* data, std::size_t size) {
        const auto* p = static_cast<const unsigned char*>(data);
        std::size_t i = 0;
        for (; i + 8 <= size; i += 8) {
            std::uint64_t w;
            std::memcpy(&w, p + i, 8);
            Word(w);
        }
        std::uint64_t tail = size;
        for (; i < size; ++i) tail = (tail << 8) | p[i];
        Word(tail);
    }
};

}  // namespace

std::uint64_t Digest(const ImDrawData* d, int fb_width, int fb_height) {
    Hasher h;
    h.Word(static_cast<std::uint64_t>(fb_width) << 32 | static_cast<std::uint32_t>(fb_height));
    if (!d) return h.h;
    const float view[6] = {d->DisplayPos.x, d->DisplayPos.y, d->DisplaySize.x, d->DisplaySize.y, d->FramebufferScale.x, d->FramebufferScale.y};
    h.Bytes(view, sizeof view);
    for (int n = 0; n < d->CmdListsCount; ++n) {
        const ImDrawList* list = d->CmdLists[n];
        h.Bytes(list->VtxBuffer.Data, static_cast<std::size_t>(list->VtxBuffer.Size) * sizeof(ImDrawVert));
        h.Bytes(list->IdxBuffer.Data, static_cast<std::size_t>(list->IdxBuffer.Size) * sizeof(ImDrawIdx));
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            h.Bytes(&cmd.ClipRect, sizeof cmd.ClipRect);
            h.Word(static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(cmd.GetTexID())));
            h.Word(static_cast<std::uint64_t>(cmd.IdxOffset) << 32 | cmd.ElemCount);
            h.Word(static_cast<std::uint64_t>(cmd.VtxOffset) << 32 | (cmd.UserCallback ? 1u : 0u));
        }
    }
    return h.h;
}

bool Render(const ImDrawData* d, int fb_width, int fb_height) {
    if (!Linked()) return false;
    if (fb_width <= 0 || fb_height <= 0 || !d) return true;
    SetupState(d, fb_width, fb_height);
    const ImVec2 off = d->DisplayPos, scale = d->FramebufferScale;
    GLuint bound = 0;
    for (int n = 0; n < d->CmdListsCount; ++n) {
        const ImDrawList* list = d->CmdLists[n];
        glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(list->VtxBuffer.Size) * static_cast<GLsizeiptr>(sizeof(ImDrawVert)),
                     list->VtxBuffer.Data, GL_STREAM_DRAW);
        glBufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(list->IdxBuffer.Size) * static_cast<GLsizeiptr>(sizeof(ImDrawIdx)),
                     list->IdxBuffer.Data, GL_STREAM_DRAW);
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback) {
                if (cmd.UserCallback == ImDrawCallback_ResetRenderState) {
                    SetupState(d, fb_width, fb_height);
                    bound = 0;
                } else {
                    cmd.UserCallback(list, &cmd);
                }
                continue;
            }
            const float x0 = (cmd.ClipRect.x - off.x) * scale.x, y0 = (cmd.ClipRect.y - off.y) * scale.y;
            const float x1 = (cmd.ClipRect.z - off.x) * scale.x, y1 = (cmd.ClipRect.w - off.y) * scale.y;
            if (x1 <= x0 || y1 <= y0) continue;
            glScissor(static_cast<int>(x0), static_cast<int>(static_cast<float>(fb_height) - y1), static_cast<int>(x1 - x0),
                      static_cast<int>(y1 - y0));
            const auto texture = static_cast<GLuint>(reinterpret_cast<std::intptr_t>(cmd.GetTexID()));
            if (texture != bound) {
                glBindTexture(GL_TEXTURE_2D, texture);
                bound = texture;
            }
            glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(cmd.ElemCount), sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT,
                           reinterpret_cast<const void*>(static_cast<std::uintptr_t>(cmd.IdxOffset * sizeof(ImDrawIdx))));
        }
    }
    glBindVertexArray(0);
    return true;
}

}  // namespace app::webgl
