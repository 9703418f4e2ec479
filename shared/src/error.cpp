#include "samenleven/error.h"

namespace samenleven {

InputError::InputError(std::string code, std::string path, std::string message)
    : std::runtime_error(path.empty() ? message : std::string(path).append(": ").append(message)),
      code_(std::move(code)),
      path_(std::move(path)),
      message_(std::move(message)) {}

InputError InputError::within(const std::string& prefix) const {
    return InputError(code_, join_path(prefix, path_), message_);
}

std::string join_path(const std::string& prefix, const std::string& rest) {
    if (prefix.empty()) return rest;
    if (rest.empty()) return prefix;
    std::string joined;
    joined.reserve(prefix.size() + 1 + rest.size());
    joined.append(prefix);
    if (rest.front() != '[') joined.push_back('.');
    joined.append(rest);
    return joined;
}

}  // namespace samenleven
