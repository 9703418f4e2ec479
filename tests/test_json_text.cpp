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

// The InputError of reading the test data file `name` as a plan.
InputError plan_file_error(const std::string& name) {
    try {
        read_plan_text(read_data(name));
    } catch (const InputError& e) {
        return e;
    }
    FAIL(name << " was read");
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
    const InputError e = plan_file_error("reach_1e400.json");
    CHECK(e.code() == "json.number_too_large");
    CHECK(e.path() == "rows[1].planned[2023]");
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

TEST_CASE("[JSON text] a key given twice in one object is refused at the second one's path") {
    SUBCASE("at the top, as the API's change_id") {
        const InputError e = parse_error_of(R"({"change_id": "a", "plan": {}, "change_id": "b"})");
        CHECK(e.code() == "json.duplicate_key");
        CHECK(e.path() == "change_id");
        CHECK(e.message() == "Het veld 'change_id' staat twee keer in hetzelfde object; een veld mag maar één keer voorkomen.");
        CHECK(std::string(e.what()) == "change_id: " + e.message());
    }
    SUBCASE("nested: a plan's id") {
        const InputError e = parse_error_of(R"({"change_id": "a", "plan": {"id": "x", "title": "t", "id": "y"}})");
        CHECK(e.code() == "json.duplicate_key");
        CHECK(e.path() == "plan.id");
        CHECK(e.message() == "Het veld 'id' staat twee keer in hetzelfde object; een veld mag maar één keer voorkomen.");
    }
    SUBCASE("in an array of objects, and keys that are project years") {
        const InputError row = parse_error_of(R"({"rows": [{"action": 5}, {"action": 5, "priority": 1, "action": 6}]})");
        CHECK(row.code() == "json.duplicate_key");
        CHECK(row.path() == "rows[1].action");
        const InputError year = parse_error_of(R"({"rows": [{"planned": {"2022": 1, "2023": 2, "2022": 3}}]})");
        CHECK(year.path() == "rows[0].planned[2022]");
        CHECK(year.message() == "Het veld '2022' staat twee keer in hetzelfde object; een veld mag maar één keer voorkomen.");
        CHECK(parse_error_of(R"([{"a": 1}, [{"b": 1, "b": 2}]])").path() == "[1][0].b");
    }
    SUBCASE("keys compare as the decoded text: an escaped spelling is the same key") {
        const InputError e = parse_error_of(R"({"a": 1, "\u0061": 2})");
        CHECK(e.code() == "json.duplicate_key");
        CHECK(e.path() == "a");
        CHECK(e.message() == "Het veld 'a' staat twee keer in hetzelfde object; een veld mag maar één keer voorkomen.");
        CHECK(parse_error_of(R"({"plan": {"t\u00eftel": 1, "tïtel": 2}})").path() == "plan.tïtel");
        CHECK(parse_error_of(R"({"": 1, "": 2})").code() == "json.duplicate_key");
    }
    SUBCASE("the same key in different objects, or differing only in case, is no duplicate") {
        CHECK(parse_json_text(R"({"a": {"a": 1, "b": 2}, "b": [{"a": 1}, {"a": 2}], "c": {"b": 3}})") ==
              json{{"a", {{"a", 1}, {"b", 2}}}, {"b", {{{"a", 1}}, {{"a", 2}}}}, {"c", {{"b", 3}}}});
        CHECK(parse_json_text(R"({"id": 1, "ID": 2, "id ": 3})").size() == 3);
    }
    SUBCASE("the same file through the plan reader") {
        const InputError e = plan_file_error("duplicate_key.json");
        CHECK(e.code() == "json.duplicate_key");
        CHECK(e.path() == "rows[2].action");
        CHECK(e.message() == "Het veld 'action' staat twee keer in hetzelfde object; een veld mag maar één keer voorkomen.");
    }
}
