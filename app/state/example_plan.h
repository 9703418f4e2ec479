// The example plan the app ships with: the Dendermonde IGS of tests/data (the same plan the
// demo server is seeded with), embedded at build time (cmake/embed_files.cmake), so that a
// newcomer can open it offline and without a token. OpenExamplePlan (app_state.h) stores a
// copy on the device; example copies are never sent to a server.
#pragma once
#include <string_view>
#include <vector>

namespace app {

struct EmbeddedFile {
    std::string_view name;  // "example_plan.json"
    std::string_view text;
};

const std::vector<EmbeddedFile>& embedded_files();

}  // namespace app
