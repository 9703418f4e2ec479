#include "samenleven/plan_status.h"

namespace samenleven {

const char* status_code(PlanStatus status) {
    switch (status) {
        case PlanStatus::draft: return "draft";
        case PlanStatus::submitted: return "submitted";
        case PlanStatus::confirmed: return "confirmed";
        case PlanStatus::reported: return "reported";
    }
    return "draft";
}

std::optional<PlanStatus> parse_status(std::string_view code) {
    for (PlanStatus s : {PlanStatus::draft, PlanStatus::submitted, PlanStatus::confirmed, PlanStatus::reported})
        if (code == status_code(s)) return s;
    return std::nullopt;
}

const char* status_label(PlanStatus status) {
    switch (status) {
        case PlanStatus::draft: return "werkversie";
        case PlanStatus::submitted: return "ingediend";
        case PlanStatus::confirmed: return "bevestigd";
        case PlanStatus::reported: return "resultaten gerapporteerd";
    }
    return "";
}

std::optional<PlanStatus> status_after(PlanStatus from, PlanStep step) {
    switch (step) {
        case PlanStep::submit:
            if (from == PlanStatus::draft) return PlanStatus::submitted;
            return std::nullopt;
        case PlanStep::confirm:
            if (from == PlanStatus::draft) return std::nullopt;
            return from == PlanStatus::reported ? PlanStatus::reported : PlanStatus::confirmed;
        case PlanStep::report_results:
            if (from == PlanStatus::confirmed || from == PlanStatus::reported) return PlanStatus::reported;
            return std::nullopt;
        case PlanStep::return_to_draft:
            if (from == PlanStatus::submitted) return PlanStatus::draft;
            return std::nullopt;
        case PlanStep::record_verdict:
            if (from == PlanStatus::confirmed || from == PlanStatus::reported) return from;
            return std::nullopt;
    }
    return std::nullopt;
}

bool editable(PlanStatus status) { return status == PlanStatus::draft; }

}  // namespace samenleven
