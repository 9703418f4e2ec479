// A finding (bevinding) of validation: something a coordinator must fix (error) or should
// look at (warning), pointing at the field it concerns.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace samenleven {

enum class Severity { warning, error };
std::string_view to_string(Severity severity);

struct Finding {
    Severity severity = Severity::error;
    std::string code;     // stable, e.g. "reach.above_maximum"
    std::string path;     // field path, e.g. "rows[3].planned[2023]"
    std::string message;  // Dutch, for the coordinator
};

bool has_errors(const std::vector<Finding>& findings);

}  // namespace samenleven
