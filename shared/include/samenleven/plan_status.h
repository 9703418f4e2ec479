// Where a plan is in the programme's cycle, and the steps that move it: the one place that
// says which step is allowed from which status, for the server and the app alike.
//   draft --submit--> submitted --confirm--> confirmed --report_results--> reported
//     ^                   |
//     +--return_to_draft--+   (the agency sends a submitted plan back, with a remark)
// Confirming again keeps a plan submitted-or-later where it is (a reported plan stays
// reported); reporting again keeps it reported. Only a submitted plan can be sent back
// (not a draft, nor a confirmed or reported one). Only a draft can be edited.
// Recording the interim jury's verdict (the agency, record_verdict) is a step that does not
// move the plan: it is allowed on a confirmed or reported plan and leaves it where it is, so
// that the one question "may this step be taken now?" is answered here for every step.
#pragma once
#include <optional>
#include <string_view>

namespace samenleven {

enum class PlanStatus { draft, submitted, confirmed, reported };
enum class PlanStep { submit, confirm, report_results, return_to_draft, record_verdict };

// The spelling on the wire and in the server's database: "draft", "submitted", ...
const char* status_code(PlanStatus status);
std::optional<PlanStatus> parse_status(std::string_view code);
// Dutch, for people: "werkversie", "ingediend", "bevestigd", "resultaten gerapporteerd".
const char* status_label(PlanStatus status);

// The status after taking `step` from `from`, or nothing when the step is not allowed there.
std::optional<PlanStatus> status_after(PlanStatus from, PlanStep step);
// Only a draft may be changed by its applicant; later steps go through their own routes.
bool editable(PlanStatus status);

}  // namespace samenleven
