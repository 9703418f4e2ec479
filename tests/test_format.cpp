#include <doctest/doctest.h>

#include "samenleven/format.h"

using namespace samenleven;

TEST_CASE("[Format] counts group thousands with a dot") {
    CHECK(format_count(0) == "0");
    CHECK(format_count(999) == "999");
    CHECK(format_count(7500) == "7.500");
    CHECK(format_count(1234567) == "1.234.567");
    CHECK(format_count(-42370) == "-42.370");
}

TEST_CASE("[Format] euro amounts in the Belgian way") {
    CHECK(format_euro(0) == "€ 0,00");
    CHECK(format_euro(5) == "€ 0,05");
    CHECK(format_euro(2'500'000) == "€ 25.000,00");
    CHECK(format_euro(1'413'635'900) == "€ 14.136.359,00");
    CHECK(format_euro(-1050) == "-€ 10,50");
    CHECK(format_euro(INT64_MIN) == "-€ 92.233.720.368.547.758,08");
}
