#include "json_read.h"

#include <cmath>

#include "samenleven/format.h"

namespace samenleven::json_read {

std::string Path::str() const {
    std::string prefix = parent_ ? parent_->str() : std::string();
    switch (kind_) {
        case Kind::root: return prefix;
        case Kind::key: return prefix.empty() ? std::string(name_) : prefix + "." + std::string(name_);
        case Kind::index: return prefix + "[" + std::to_string(index_) + "]";
        case Kind::bracket: return prefix + "[" + std::string(name_) + "]";
    }
    return prefix;
}

void fail(const Path& path, std::string code, std::string message) {
    throw InputError(std::move(code), path.str(), std::move(message));
}

std::string type_name(const json& value) {
    switch (value.type()) {
        case json::value_t::null: return "null";
        case json::value_t::object: return "een object";
        case json::value_t::array: return "een lijst";
        case json::value_t::string: return "tekst";
        case json::value_t::boolean: return "waar/onwaar";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
        case json::value_t::number_float: return "een getal";
        default: return "een onbekend type";
    }
}

const json& object(const json& value, const Path& path) {
    if (!value.is_object())
        fail(path, "json.type", "Verwacht een object, maar vond " + type_name(value) + ".");
    return value;
}

const json& array(const json& value, const Path& path) {
    if (!value.is_array())
        fail(path, "json.type", "Verwacht een lijst, maar vond " + type_name(value) + ".");
    return value;
}

const json& required(const json& object_value, std::string_view key, const Path& path) {
    object(object_value, path);
    auto it = object_value.find(key);
    if (it == object_value.end() || it->is_null())
        fail(path.key(key), "json.missing", "Dit verplichte veld ontbreekt.");
    return *it;
}

const json* optional(const json& object_value, std::string_view key) {
    auto it = object_value.find(key);
    if (it == object_value.end() || it->is_null()) return nullptr;
    return &*it;
}

std::string read_string(const json& value, const Path& path) {
    if (!value.is_string())
        fail(path, "json.type", "Verwacht tekst, maar vond " + type_name(value) + ".");
    return value.get<std::string>();
}

std::string read_text(const json& value, const Path& path, TextLines lines, TextSource source) {
    std::string text = read_string(value, path);
    if (!find_refused_character(text, lines)) return text;  // the path is made only for a refusal
    if (source == TextSource::stored) return clean_text(text, lines);
    check_text(text, lines, path.str());  // throws
    return text;
}

bool read_bool(const json& value, const Path& path) {
    if (!value.is_boolean())
        fail(path, "json.type", "Verwacht waar of onwaar (true/false), maar vond " + type_name(value) + ".");
    return value.get<bool>();
}

namespace {
[[noreturn]] void out_of_range(const Path& path, const json& value, long long min, long long max) {
    fail(path, "json.out_of_range",
         "Het getal " + value.dump() + " ligt buiten het toegelaten bereik (" + format_count(min) + " tot " +
             format_count(max) + ").");
}
}  // namespace

long long read_int(const json& value, const Path& path, long long min, long long max) {
    if (value.is_number_unsigned()) {
        const auto v = value.get<unsigned long long>();
        if (v > static_cast<unsigned long long>(max)) out_of_range(path, value, min, max);
        return static_cast<long long>(v);
    }
    if (value.is_number_integer()) {
        const auto v = value.get<long long>();
        if (v < min || v > max) out_of_range(path, value, min, max);
        return v;
    }
    if (value.is_number_float()) {
        const double v = value.get<double>();
        if (std::trunc(v) == v && v >= static_cast<double>(min) && v <= static_cast<double>(max))
            return static_cast<long long>(v);
        if (std::trunc(v) == v) out_of_range(path, value, min, max);
        fail(path, "json.not_whole", "Verwacht een geheel getal, maar vond " + value.dump() + ".");
    }
    fail(path, "json.type", "Verwacht een geheel getal, maar vond " + type_name(value) + ".");
}

Count read_count(const json& value, const Path& path, Count max, std::vector<Finding>* fractional) {
    if (value.is_number_float() && fractional != nullptr) {
        const double v = value.get<double>();
        if (std::isfinite(v) && std::fabs(v) <= static_cast<double>(max) && std::trunc(v) != v) {
            const auto kept = static_cast<Count>(std::trunc(v));
            fractional->push_back({Severity::error, "reach.fractional", path.str(),
                                   "Een aantal moet een geheel getal zijn: " + value.dump() +
                                       " is gelezen als " + format_count(kept) + "."});
            return kept;
        }
    }
    return read_int(value, path, -max, max);
}

}  // namespace samenleven::json_read
