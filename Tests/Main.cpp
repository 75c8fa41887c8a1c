// The one translation unit that defines Catch2's main(); every other test file only includes Catch.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
