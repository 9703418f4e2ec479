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

TEST_CASE("[IBAN] a valid number is stored in its normal form: upper case, groups of four") {
    using samenleven::normalize_iban;
    CHECK(normalize_iban("be68 5390 0754 7034") == "BE68 5390 0754 7034");
    CHECK(normalize_iban("BE68539007547034") == "BE68 5390 0754 7034");
    CHECK(normalize_iban("  be 68 53900754 7034 ") == "BE68 5390 0754 7034");
    CHECK(normalize_iban("gb82west12345698765432") == "GB82 WEST 1234 5698 7654 32");
    // Already normal: unchanged.
    CHECK(normalize_iban("BE68 5390 0754 7034") == "BE68 5390 0754 7034");
    CHECK(normalize_iban("NL91 ABNA 0417 1643 00") == "NL91 ABNA 0417 1643 00");
    // Not a valid IBAN: left as typed, for validation to report.
    CHECK(normalize_iban("be68 5390 0754 7035") == "be68 5390 0754 7035");
    CHECK(normalize_iban("BE68-5390-0754-7034") == "BE68-5390-0754-7034");
    CHECK(normalize_iban("") == "");
}
