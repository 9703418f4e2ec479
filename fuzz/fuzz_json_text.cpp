// libFuzzer target: bytes through samenleven::parse_json_text, the one way the core, the CLI,
// the server and the app read JSON text, checked against nlohmann/json's own parser.
//
// InputError is the expected answer to bad input. A finding is: a crash, an ASan or UBSan
// report, a hang, any other exception escaping, or a broken promise (json_text.h), reported
// with abort() and a message on stderr:
//   - every refusal is an InputError with one of the five documented codes and a message;
//   - what is refused (other than for depth or a key given twice) nlohmann/json refuses too;
//   - a key given twice (which nlohmann/json takes, the last value winning) is refused exactly
//     when a check of our own on nlohmann/json's SAX events finds one before any syntax error,
//     and the refusal names that key;
//   - what is accepted is the value nlohmann/json reads, and writing it and reading it back
//     gives that value again.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "samenleven/error.h"
#include "samenleven/json_text.h"

namespace {

using nlohmann::json;
using samenleven::InputError;
using samenleven::parse_json_text;

[[noreturn]] void report(const std::string& what, std::string_view input) {
    std::fprintf(stderr, "\n==fuzz_json_text== FINDING: %s\ninput (%zu bytes): %.*s\n", what.c_str(), input.size(),
                 static_cast<int>(input.size() < 2000 ? input.size() : 2000), input.data());
    std::fflush(stderr);
    std::abort();
}

bool known_code(const std::string& code) {
    return code == "json.syntax" || code == "json.encoding" || code == "json.number_too_large" ||
           code == "json.too_deep" || code == "json.duplicate_key";
}

// nlohmann/json's own SAX parser with a check of ours: the first key given twice in one
// object, if one comes before anything nlohmann/json refuses. Keys arrive decoded ("\u0061"
// as "a"); the keys of each open object are kept, arrays need nothing (a key always belongs
// to the innermost open object).
class FirstDuplicateKey : public nlohmann::json_sax<json> {
public:
    static std::optional<std::string> in(std::string_view text) {
        FirstDuplicateKey finder;
        json::sax_parse(text.begin(), text.end(), &finder, json::input_format_t::json, true, false);
        return finder.duplicate_;
    }

    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override {
        objects_.emplace_back();
        return true;
    }
    bool key(string_t& name) override {
        if (objects_.back().insert(name).second) return true;
        duplicate_ = name;
        return false;  // stop here
    }
    bool end_object() override {
        objects_.pop_back();
        return true;
    }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

private:
    std::vector<std::set<std::string>> objects_;
    std::optional<std::string> duplicate_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    json value;
    try {
        value = parse_json_text(text);
    } catch (const InputError& e) {
        if (!known_code(e.code()) || e.message().empty())
            report("refused with an undocumented code or no message: " + e.code() + " at '" + e.path() + "': " +
                       e.message(),
                   text);
        if (e.code() == "json.duplicate_key") {
            const std::optional<std::string> key = FirstDuplicateKey::in(text);
            if (!key)
                report("refused a key given twice at '" + e.path() + "' where nlohmann/json's events show none", text);
            if (e.message().find("'" + *key + "'") == std::string::npos)
                report("refused a key given twice, but named another than '" + *key + "': " + e.message(), text);
        } else if (e.code() != "json.too_deep" && json::accept(text)) {
            report("refused (" + e.code() + " at '" + e.path() + "') what nlohmann/json accepts", text);
        }
        return 0;
    }

    json reference;
    try {
        reference = json::parse(text);
    } catch (const json::exception& e) {
        report(std::string("accepted what nlohmann/json refuses: ") + e.what(), text);
    }
    if (value != reference)
        report("read a different value than nlohmann/json: " + value.dump() + " vs " + reference.dump(), text);
    if (const std::optional<std::string> key = FirstDuplicateKey::in(text))
        report("accepted a key given twice: '" + *key + "'", text);

    const std::string written = value.dump();
    json again;
    try {
        again = parse_json_text(written);
    } catch (const InputError& e) {
        report("cannot read back its own output " + written + ": " + e.code() + " " + e.message(), text);
    }
    if (again != value) report("writing and reading back changed the value: " + written + " -> " + again.dump(), text);
    return 0;
}
