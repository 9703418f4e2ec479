#include "samenleven/format.h"

#include <cstdlib>

namespace samenleven {

namespace {
// Groups thousands with '.', the Belgian way: 1234567 -> "1.234.567". Takes a magnitude.
std::string group_thousands(unsigned long long magnitude) {
    std::string digits = std::to_string(magnitude);
    std::string out;
    out.reserve(digits.size() + digits.size() / 3);
    const std::size_t lead = digits.size() % 3;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i != 0 && (i + 3 - lead) % 3 == 0) out.push_back('.');
        out.push_back(digits[i]);
    }
    return out;
}

unsigned long long magnitude(long long value) {
    // Negating LLONG_MIN overflows; go through unsigned arithmetic instead.
    return value < 0 ? 0ULL - static_cast<unsigned long long>(value) : static_cast<unsigned long long>(value);
}
}  // namespace

std::string format_count(Count value) {
    return (value < 0 ? "-" : "") + group_thousands(magnitude(value));
}

std::string format_euro(Cents value) {
    const unsigned long long m = magnitude(value);
    const unsigned long long cents = m % 100;
    std::string out = value < 0 ? "-€ " : "€ ";
    out += group_thousands(m / 100);
    out += ',';
    out += static_cast<char>('0' + cents / 10);
    out += static_cast<char>('0' + cents % 10);
    return out;
}

}  // namespace samenleven
