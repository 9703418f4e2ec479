#include <array>
#include <cctype>
#include <string>

#include "samenleven/validation.h"

namespace samenleven {

namespace {
struct CountryLength {
    const char* country;
    std::size_t length;
};
// IBAN lengths of the countries a Flemish local government banks in (ISO 13616 registry).
constexpr std::array<CountryLength, 10> kLengths{{{"BE", 16}, {"NL", 18}, {"LU", 20}, {"FR", 27}, {"DE", 22},
                                                 {"GB", 22}, {"IE", 22}, {"ES", 24}, {"IT", 27}, {"AT", 20}}};
}  // namespace

bool is_valid_iban(std::string_view iban) {
    std::string compact;
    for (char c : iban) {
        if (c == ' ') continue;
        if (!std::isalnum(static_cast<unsigned char>(c))) return false;
        compact.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
    if (compact.size() < 15 || compact.size() > 34) return false;
    if (!std::isalpha(static_cast<unsigned char>(compact[0])) || !std::isalpha(static_cast<unsigned char>(compact[1])) ||
        !std::isdigit(static_cast<unsigned char>(compact[2])) || !std::isdigit(static_cast<unsigned char>(compact[3])))
        return false;
    for (const auto& entry : kLengths)
        if (compact.compare(0, 2, entry.country) == 0 && compact.size() != entry.length) return false;

    // Move the first four characters to the end, letters become 10..35, then mod 97 == 1.
    const std::string rearranged = compact.substr(4) + compact.substr(0, 4);
    unsigned remainder = 0;
    for (char c : rearranged) {
        const unsigned value = std::isdigit(static_cast<unsigned char>(c)) ? static_cast<unsigned>(c - '0')
                                                                           : static_cast<unsigned>(c - 'A' + 10);
        remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
    }
    return remainder == 1;
}

std::string normalize_iban(std::string_view iban) {
    if (!is_valid_iban(iban)) return std::string(iban);
    std::string normal;
    for (char c : iban) {
        if (c == ' ') continue;
        if (!normal.empty() && normal.size() % 5 == 4) normal.push_back(' ');
        normal.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
    return normal;
}

}  // namespace samenleven
