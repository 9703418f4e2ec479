// Reading JSON documents with the path of every value at hand, so that each error names
// where it is ("rows[3].planned[2023]") and what is wrong, in Dutch. Internal to the core.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "samenleven/catalogue.h"
#include "samenleven/error.h"
#include "samenleven/finding.h"
#include "samenleven/text_rule.h"

namespace samenleven::json_read {

using nlohmann::json;

// A path built on the stack while descending; turned into text only for an error.
class Path {
public:
    Path() = default;
    Path key(std::string_view name) const { return Path(this, Kind::key, name, 0); }
    Path index(std::size_t i) const { return Path(this, Kind::index, {}, i); }
    // Object keys that read as an index, e.g. project years: "planned[2023]".
    Path bracket(std::string_view name) const { return Path(this, Kind::bracket, name, 0); }
    std::string str() const;

private:
    enum class Kind { root, key, index, bracket };
    Path(const Path* parent, Kind kind, std::string_view name, std::size_t i)
        : parent_(parent), kind_(kind), name_(name), index_(i) {}
    const Path* parent_ = nullptr;
    Kind kind_ = Kind::root;
    std::string_view name_;
    std::size_t index_ = 0;
};

[[noreturn]] void fail(const Path& path, std::string code, std::string message);

// Dutch name of a JSON value's type, for messages: "tekst", "getal", "lijst", ...
std::string type_name(const json& value);

const json& object(const json& value, const Path& path);
const json& array(const json& value, const Path& path);
const json& required(const json& object_value, std::string_view key, const Path& path);
const json* optional(const json& object_value, std::string_view key);  // null counts as absent

std::string read_string(const json& value, const Path& path);

// Where a document comes from decides what a text field's refused character does (the text
// rule, samenleven/text_rule.h): input (a request, an imported file, the CLI's file) is
// refused with text.control_character at the field's path; a document stored before the
// rule (on a device, in the server's revisions) is read with each such character replaced by
// a space, so that data saved then still opens.
enum class TextSource { input, stored };

// A text field: read_string under the text rule for a field of kind `lines`.
std::string read_text(const json& value, const Path& path, TextLines lines, TextSource source);
bool read_bool(const json& value, const Path& path);
// A whole number in [min, max]. Nothing else is accepted.
long long read_int(const json& value, const Path& path, long long min, long long max);
// A count (reach, residents): a whole number with |value| <= max. A fractional value is
// kept rounded towards zero and reported in `fractional` when given, refused otherwise.
Count read_count(const json& value, const Path& path, Count max, std::vector<Finding>* fractional);

}  // namespace samenleven::json_read
