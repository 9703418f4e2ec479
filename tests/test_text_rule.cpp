// The text rule (samenleven/text_rule.h): which characters a text field takes.
#include <doctest/doctest.h>

#include "support.h"

using namespace samenleven;

namespace {
InputError check_error(const std::string& text, TextLines lines, const std::string& path = "title") {
    try {
        check_text(text, lines, path);
    } catch (const InputError& e) {
        return e;
    }
    FAIL("no InputError for: " << text);
    return InputError("", "", "");
}
}  // namespace

TEST_CASE("[Text rule] no field takes C0, DEL or C1 control characters; a multi-line field takes newline, CR and tab") {
    // Every control character, one by one, in both kinds of field.
    for (unsigned c = 0; c < 0x20; ++c) {
        CAPTURE(c);
        const std::string text = std::string("ab") + static_cast<char>(c) + "cd";
        const bool line_break_or_tab = c == 0x0A || c == 0x0D || c == 0x09;
        CHECK(find_refused_character(text, TextLines::single).has_value());
        CHECK(find_refused_character(text, TextLines::multi).has_value() == !line_break_or_tab);
    }
    for (const char* text : {"ab\x7F", "ab\xC2\x80", "ab\xC2\x85", "ab\xC2\x9F"}) {
        CAPTURE(text);
        const auto refused = find_refused_character(text, TextLines::multi);
        REQUIRE(refused.has_value());
        CHECK(refused->byte == 2);
        CHECK(refused->character == 3);
    }
    CHECK(find_refused_character("ab\xC2\x85", TextLines::single)->code_point == 0x85);
    // Just past the ranges, and characters whose later bytes lie in 0x80-0x9F: taken.
    for (const char* text : {" ~", "\xC2\xA0", "\xC2\xBF", "é", "\xC4\x80", "€ 12,50", "\xE2\x80\x9C" "citaat\xE2\x80\x9D",
                             "\xF0\x9F\x98\x80", "Sint-Niklaas (Waasland)", ""}) {
        CAPTURE(text);
        CHECK_FALSE(find_refused_character(text, TextLines::single).has_value());
    }
    CHECK_FALSE(find_refused_character("eerste regel\r\ntweede\tkolom\n", TextLines::multi).has_value());
}

TEST_CASE("[Text rule] the refusal says which character and where, counted in characters, in Dutch") {
    InputError tab = check_error("Gent\tnoord", TextLines::single);
    CHECK(tab.code() == "text.control_character");
    CHECK(tab.path() == "title");
    CHECK(tab.message() == "Dit veld is één regel tekst: een tab (teken 5) kan hier niet; gebruik een spatie.");
    CHECK(check_error("a\nb", TextLines::single).message() == "Dit veld is één regel tekst: een nieuwe regel (teken 2) kan hier niet.");
    CHECK(check_error("a\r\nb", TextLines::single).message() == "Dit veld is één regel tekst: een nieuwe regel (teken 2) kan hier niet.");
    CHECK(check_error(std::string("x\0", 2), TextLines::single).message() ==
          "De tekst bevat een onzichtbaar stuurteken (U+0000, teken 2), dat in geen enkel tekstveld kan.");
    const InputError escape = check_error("één\x1B[31m", TextLines::multi, "rows[0].activities");
    CHECK(escape.path() == "rows[0].activities");
    CHECK(escape.message() ==
          "De tekst bevat een onzichtbaar stuurteken (U+001B, teken 4), dat in geen enkel tekstveld kan; nieuwe regels en tabs mogen hier wel.");
    CHECK(check_error("€\xC2\x9F", TextLines::multi).message().find("(U+009F, teken 2)") != std::string::npos);
    CHECK_NOTHROW(check_text("regel 1\nregel 2\ttab", TextLines::multi, "rows[0].activities"));
}

TEST_CASE("[Text rule] cleaning replaces each refused character by one space and keeps everything else") {
    CHECK(clean_text("Gent\tnoord", TextLines::single) == "Gent noord");
    CHECK(clean_text(std::string("a\0b\x7F" "c", 5), TextLines::single) == "a b c");
    CHECK(clean_text("één\xC2\x85€", TextLines::single) == "één €");
    CHECK(clean_text("regel\r\nnieuw\ttab\x01", TextLines::single) == "regel  nieuw tab ");
    CHECK(clean_text("regel\r\nnieuw\ttab\x01", TextLines::multi) == "regel\r\nnieuw\ttab ");
    CHECK(clean_text("\xE2\x80\x9C" "citaat\xE2\x80\x9D \xC2\xA0", TextLines::single) == "\xE2\x80\x9C" "citaat\xE2\x80\x9D \xC2\xA0");
}
