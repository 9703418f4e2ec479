// What the browser app's parts share (main_web.cpp, test_api.cpp): its state, the pixel ratio,
// and what it counts of its frames and start for the bench.
#pragma once
#include <algorithm>

#include "state/app_state.h"

namespace app::browser {

struct FrameStats {
    static constexpr long kLogSize = 1024;
    double last_ms = 0, max_ms = 0, sum_ms = 0;  // CPU time of app_frame()
    long count = 0;              // frames run
    long drawn = 0;              // of those, the frames that drew into the canvas
    bool always_draw = false;    // the bench's frame CPU time: every frame drawn
    double first_frame_at = 0;   // ms since navigation start
    double main_at = 0;
    double font_ms = 0;          // the last font atlas's build
    double log[kLogSize] = {};   // the CPU time of the last frames, a ring (the bench's drag-scroll)
    long log_count = 0;

    void add(double ms, double now) {
        last_ms = ms;
        max_ms = std::max(max_ms, ms);
        sum_ms += ms;
        log[log_count++ % kLogSize] = ms;
        if (count++ == 0) first_frame_at = now;
    }
};

AppState& State();
float Scale();
FrameStats& Stats();

}  // namespace app::browser

extern "C" double app_frame();  // main_web.cpp
