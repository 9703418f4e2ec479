// Errors of the core: bad input that the caller can show to a person.
#pragma once
#include <stdexcept>
#include <string>

namespace samenleven {

// A document that cannot be read as a plan or a catalogue: malformed JSON, a wrong type,
// a missing field, an unknown action, a newer schema version. Carries the JSON path of the
// offending value (for example `rows[3].planned[2023]`), a stable code and a Dutch message.
class InputError : public std::runtime_error {
public:
    InputError(std::string code, std::string path, std::string message);

    const std::string& code() const { return code_; }
    const std::string& path() const { return path_; }
    const std::string& message() const { return message_; }

    // Returns a copy whose path has `prefix` in front, e.g. "rows[3]" + "planned[2023]".
    InputError within(const std::string& prefix) const;

private:
    std::string code_;
    std::string path_;
    std::string message_;
};

// Joins two path parts: "rows[3]" + "priority" -> "rows[3].priority"; "rows" + "[3]" -> "rows[3]".
std::string join_path(const std::string& prefix, const std::string& rest);

}  // namespace samenleven
