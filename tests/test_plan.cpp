#include <doctest/doctest.h>

#include "support.h"

using namespace samenleven;
using test_support::row;

namespace {
Plan with_priorities(std::initializer_list<int> priorities) {
    Plan plan = test_support::valid_plan();
    plan.rows.clear();
    for (int priority : priorities) plan.rows.push_back(row(5, "adult_learners", {1, 1, 1}, priority));
    return plan;
}
}  // namespace

TEST_CASE("[Plan] priority_order: by priority 1, 2, 3 ...") {
    CHECK(priority_order(with_priorities({3, 1, 2})) == std::vector<std::size_t>{1, 2, 0});
    CHECK(priority_order(with_priorities({1, 2, 3})) == std::vector<std::size_t>{0, 1, 2});
    CHECK(priority_order(with_priorities({10, 2, 7, 1})) == std::vector<std::size_t>{3, 1, 2, 0});
}

TEST_CASE("[Plan] priority_order: rows without a priority last, in row order") {
    CHECK(priority_order(with_priorities({0, 2, 0, 1})) == std::vector<std::size_t>{3, 1, 0, 2});
    CHECK(priority_order(with_priorities({0, 0, 0})) == std::vector<std::size_t>{0, 1, 2});
    CHECK(priority_order(with_priorities({-1, 1000, 0})) == std::vector<std::size_t>{1, 0, 2});  // negative: no priority
}

TEST_CASE("[Plan] priority_order: equal priorities keep their row order") {
    CHECK(priority_order(with_priorities({2, 1, 2, 1})) == std::vector<std::size_t>{1, 3, 0, 2});
}

TEST_CASE("[Plan] priority_order of a plan without rows is empty") {
    CHECK(priority_order(with_priorities({})).empty());
}
