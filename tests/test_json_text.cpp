// parse_json_text: the one way JSON text becomes a value, for the core, CLI, server and app.
#include <doctest/doctest.h>

#include "support.h"

using namespace samenleven;
using nlohmann::json;
using test_support::read_data;

namespace {
InputError parse_error_of(const std::string& text) {
    try {
        parse_json_text(text);
    } catch (const InputError& e) {
        return e;
    }
    FAIL("no InputError for: " << text.substr(0, 80));
    return InputError("", "", "");
}
}  // namespace

TEST_CASE("[JSON text] reads what json::parse reads") {
    const std::string text = read_data("dendermonde_igs.json");
    CHECK(parse_json_text(text) == json::parse(text));
    CHECK(parse_json_text("[1, -2, 3.5, \"a\", null, true, {\"b\": []}]") ==
          json::parse("[1, -2, 3.5, \"a\", null, true, {\"b\": []}]"));
    CHECK(parse_json_text("{\"a\": {\"b\": {\"c\": [1, {\"d\": 2}]}}, \"e\": 3}") ==
          json::parse("{\"a\": {\"b\": {\"c\": [1, {\"d\": 2}]}}, \"e\": 3}"));
}

TEST_CASE("[JSON text] a number too large to hold names its path, in a plan too") {
    const InputError top = parse_error_of("1e400");
    CHECK(top.code() == "json.number_too_large");
    CHECK(top.path() == "");

    const InputError nested = parse_error_of("{\"rows\": [{\"a\": 1}, {\"planned\": {\"2022\": 5, \"2023\": -1e400}}]}");
    CHECK(nested.code() == "json.number_too_large");
    CHECK(nested.path() == "rows[1].planned[2023]");
    CHECK(nested.message().find("te groot") != std::string::npos);

    CHECK(parse_error_of("{\"list\": [1, 2, 1e999]}").path() == "list[2]");

    // The same file gives the same answer through the plan reader.
    try {
        read_plan_text(read_data("reach_1e400.json"));
        FAIL("reach_1e400.json was read");
    } catch (const InputError& e) {
        CHECK(e.code() == "json.number_too_large");
        CHECK(e.path() == "rows[1].planned[2023]");
    }
}

TEST_CASE("[JSON text] bytes that are not UTF-8 are refused, with the path of the text") {
    const InputError e = parse_error_of(read_data("invalid_utf8.json"));
    CHECK(e.code() == "json.encoding");
    CHECK(e.path() == "applicant.members[1].name");
    CHECK(e.message().find("UTF-8") != std::string::npos);
    CHECK(parse_error_of("[\"ok\", \"\xC3\x28\"]").path() == "[1]");
}

TEST_CASE("[JSON text] syntax errors and depth") {
    const InputError syntax = parse_error_of("{\"a\": {\"b\": [1, 2,]}}");
    CHECK(syntax.code() == "json.syntax");
    CHECK(syntax.path() == "a.b[2]");
    CHECK(syntax.message().find("geen geldig JSON") != std::string::npos);
    CHECK(parse_error_of("").code() == "json.syntax");
    CHECK(parse_error_of("{} x").code() == "json.syntax");

    const std::string deep_ok = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
    CHECK(parse_json_text(deep_ok).is_array());
    const std::string too_deep = std::string(kMaxJsonDepth + 1, '[') + std::string(kMaxJsonDepth + 1, ']');
    CHECK(parse_error_of(too_deep).code() == "json.too_deep");
    CHECK(parse_error_of(std::string(100000, '[')).code() == "json.too_deep");
}
