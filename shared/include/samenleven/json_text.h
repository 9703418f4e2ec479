// Reading JSON text: the one way the core, the CLI, the server and the app turn bytes into
// a JSON value. Every failure is an InputError with a Dutch message and the JSON path of
// the value where reading stopped: malformed JSON, bytes that are not UTF-8, a number too
// large to hold (`1e400`), nesting deeper than any plan needs, a key given twice in one
// object (at the second one's path: `plan.rows[0].action`).
#pragma once
#include <cstddef>
#include <string_view>

#include <nlohmann/json.hpp>

namespace samenleven {

constexpr std::size_t kMaxJsonDepth = 64;  // a plan nests 6 deep; deeper input is refused

// Parses `text` as one JSON value. Throws InputError with code json.syntax, json.encoding,
// json.number_too_large, json.too_deep or json.duplicate_key.
nlohmann::json parse_json_text(std::string_view text);

}  // namespace samenleven
