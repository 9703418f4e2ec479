#include <doctest/doctest.h>

#include "samenleven/validation.h"

using samenleven::is_valid_iban;

TEST_CASE("[IBAN] valid numbers pass the ISO 13616 mod-97 check") {
    CHECK(is_valid_iban("BE68539007547034"));
    CHECK(is_valid_iban("BE68 5390 0754 7034"));
    CHECK(is_valid_iban("be68 5390 0754 7034"));
    CHECK(is_valid_iban("NL91ABNA0417164300"));
    CHECK(is_valid_iban("GB82 WEST 1234 5698 7654 32"));
}

TEST_CASE("[IBAN] invalid numbers are refused") {
    CHECK_FALSE(is_valid_iban(""));
    CHECK_FALSE(is_valid_iban("BE69539007547034"));   // check digits off by one
    CHECK_FALSE(is_valid_iban("BE68539007547043"));   // two digits swapped
    CHECK_FALSE(is_valid_iban("BE6853900754703"));    // too short for Belgium
    CHECK_FALSE(is_valid_iban("BE685390075470344"));  // too long for Belgium
    CHECK_FALSE(is_valid_iban("1E68539007547034"));   // country must be letters
    CHECK_FALSE(is_valid_iban("BE68-5390-0754-7034")); // only spaces may separate
    CHECK_FALSE(is_valid_iban("BE68 5390 0754 703é"));
}
