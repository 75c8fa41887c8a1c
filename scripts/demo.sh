#!/usr/bin/env bash
# The main job on real music: installs what is missing (with a demo library of free music when
# you have none), builds Music Moodboard, scans the library and answers two moods.
#
# Usage: scripts/demo.sh [MUSIC_FOLDER]   (without a folder, the demo library is used)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh --demo
cmake --preset release >/dev/null
# Only the command-line program: the app, plugins and tests are built by `cmake --build --preset
# release` or scripts/test.sh.
cmake --build --preset release --target moodboard

moodboard=build/release/Source/moodboard
library="${1:-$(scripts/install-demo-library.sh)}"

"$moodboard" scan "$library"
for mood in "I'm sleepy and need something relaxing" "play me something upbeat to wake me up"; do
    echo
    echo "== $mood"
    "$moodboard" suggest "$mood" --count 8
done
echo
echo "Save a playlist with --out FILE.m3u8 (or .xspf). The desktop app: cmake --build --preset release,"
echo "then build/release/Plugin/MusicMoodboard_artefacts/Release/Standalone/MusicMoodboard"
