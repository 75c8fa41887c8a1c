#!/usr/bin/env bash
# Installs what is missing, builds everything, and runs every test: the Release build's full
# suite (unit, end to end, the demo library on real music, the GUI under a virtual display),
# then the core tests again under AddressSanitizer and UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh --demo
Tests/peers/oidc/install.sh   # the OpenID Connect provider the sign-in tests start (npm)
Tests/peers/spotify/install.sh   # Prism serving Spotify's public Web API spec (npm)

cmake --preset release
cmake --build --preset release
ctest --preset release

if [[ "${MOODBOARD_SKIP_SANITIZERS:-0}" != 1 ]]; then
    cmake --preset sanitize
    cmake --build --preset sanitize --target moodboard moodboard_tests
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
        ctest --preset sanitize --label-exclude 'demo|gui|fuzz'
fi
