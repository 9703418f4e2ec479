// libFuzzer target: bytes through samenleven::parse_json_text, the one way the core, the CLI,
// the server and the app read JSON text, checked against nlohmann/json's own parser.
//
// InputError is the expected answer to bad input. A finding is: a crash, an ASan or UBSan
// report, a hang, any other exception escaping, or a broken promise (json_text.h), reported
// with abort() and a message on stderr:
//   - every refusal is an InputError with one of the four documented codes and a message;
//   - what is refused (other than for depth) nlohmann/json refuses too;
//   - what is accepted is the value nlohmann/json reads, and writing it and reading it back
//     gives that value again.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

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
           code == "json.too_deep";
}

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
        if (e.code() != "json.too_deep" && json::accept(text))
            report("refused (" + e.code() + " at '" + e.path() + "') what nlohmann/json accepts", text);
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
