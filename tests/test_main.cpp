// The one file that defines doctest's main; the other test files mirror the core's modules.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
