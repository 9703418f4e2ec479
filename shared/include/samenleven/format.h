// Dutch (Belgian) formatting of numbers and money for messages and screens.
#pragma once
#include <string>

#include "samenleven/catalogue.h"

namespace samenleven {

std::string format_count(Count value);  // 12345 -> "12.345"
std::string format_euro(Cents value);   // 1234550 -> "€ 12.345,50"; whole euros keep ",00"

}  // namespace samenleven
