// The one rule for the characters of a text field, for every text the core, the server and
// the app take in: a plan's texts (title, names, contact, IBAN, declarations, rows' texts,
// results' reason and recovery plan), the API's remark and change_id, and what is typed in
// the app. Defined here once; the plan reader (json_read.h), the server's request readers
// and the app's text fields all call it.
//
// No text field takes a control character: C0 (U+0000-U+001F), DEL (U+007F) or C1
// (U+0080-U+009F). They are invisible, a NUL cuts a text short in other tools, and an escape
// sequence can rewrite a terminal or a log. A multi-line field (the app edits it over several
// lines: a row's activities and partners, the declarations' motivations and the bond's texts,
// a result's reason and recovery plan; on the API also the agency's remark) takes a newline
// (U+000A), a carriage return (U+000D, of CRLF line ends) and a tab (U+0009); a single-line
// field takes none of them.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace samenleven {

enum class TextLines { single, multi };

// A character a field does not take: where it is and what it is.
struct RefusedCharacter {
    std::size_t byte = 0;       // offset of its first byte in the text
    std::size_t character = 0;  // its position as a person counts, from 1 (UTF-8 code points)
    char32_t code_point = 0;
};

// The first character of `text` (UTF-8) that a field of kind `lines` does not take.
std::optional<RefusedCharacter> find_refused_character(std::string_view text, TextLines lines);

// Throws InputError with code text.control_character, `path` and a Dutch message naming the
// character and where it is, at the first character of `text` the field does not take.
void check_text(std::string_view text, TextLines lines, const std::string& path);

// `text` with every character the field does not take replaced by a space: for documents
// stored before the rule (read_stored_plan) and for text as it is typed in the app.
std::string clean_text(std::string_view text, TextLines lines);

}  // namespace samenleven
