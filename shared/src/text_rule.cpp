#include "samenleven/text_rule.h"

#include <cstdio>

#include "samenleven/error.h"

namespace samenleven {

namespace {

// The control character that starts at text[i], if any, and its length in bytes. C0 and DEL
// are one byte; a C1 character is U+0080-U+009F, in UTF-8 0xC2 0x80-0x9F. The bytes of other
// characters are never below 0x80, so a byte-wise scan cannot mistake part of one for these.
std::size_t control_at(std::string_view text, std::size_t i, char32_t& code_point) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x20 || b == 0x7F) {
        code_point = b;
        return 1;
    }
    if (b == 0xC2 && i + 1 < text.size()) {
        const auto next = static_cast<unsigned char>(text[i + 1]);
        if (next >= 0x80 && next <= 0x9F) {
            code_point = next;
            return 2;
        }
    }
    return 0;
}

bool taken(char32_t code_point, TextLines lines) {
    return lines == TextLines::multi && (code_point == '\n' || code_point == '\r' || code_point == '\t');
}

std::string message(const RefusedCharacter& c, TextLines lines) {
    const std::string at = "teken " + std::to_string(c.character);
    if (c.code_point == '\n' || c.code_point == '\r')
        return "Dit veld is één regel tekst: een nieuwe regel (" + at + ") kan hier niet.";
    if (c.code_point == '\t') return "Dit veld is één regel tekst: een tab (" + at + ") kan hier niet; gebruik een spatie.";
    char code[16];
    std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c.code_point));
    return std::string("De tekst bevat een onzichtbaar stuurteken (") + code + ", " + at +
           "), dat in geen enkel tekstveld kan" +
           (lines == TextLines::multi ? "; nieuwe regels en tabs mogen hier wel." : ".");
}

}  // namespace

std::optional<RefusedCharacter> find_refused_character(std::string_view text, TextLines lines) {
    std::size_t character = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++character;
        char32_t code_point = 0;
        if (control_at(text, i, code_point) != 0 && !taken(code_point, lines))
            return RefusedCharacter{i, character, code_point};
    }
    return std::nullopt;
}

void check_text(std::string_view text, TextLines lines, const std::string& path) {
    if (const auto refused = find_refused_character(text, lines))
        throw InputError("text.control_character", path, message(*refused, lines));
}

std::string clean_text(std::string_view text, TextLines lines) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        char32_t code_point = 0;
        const std::size_t length = control_at(text, i, code_point);
        if (length != 0 && !taken(code_point, lines)) {
            out.push_back(' ');
            i += length;
        } else {
            out.push_back(text[i]);
            ++i;
        }
    }
    return out;
}

}  // namespace samenleven
