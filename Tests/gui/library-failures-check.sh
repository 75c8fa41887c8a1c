#!/usr/bin/env bash
# Starts the standalone app on a library that holds a file it cannot read (text named .wav) and
# no catalog yet, so the app scans it itself: when the scan ends, the chat must name the file and
# why it could not be read. Screenshot: 01-scan-failures.png.
#
# Usage: Tests/gui/library-failures-check.sh STANDALONE_BINARY OUT_DIR
set -euo pipefail

gui_name=library-failures-check
source "$(dirname "$0")/gui-session.sh"

if [[ "${1:-}" == "--inside-display" ]]; then
    gui_inside "$@"
    gui_start_app
    wait_for_log '\[ui\] scan failures shown: 1$' 1 60 \
        || fail "the chat did not name the file that could not be read"
    grep -q 'not audio.wav' "$log_file" || fail "the log does not name the unreadable file"
    screenshot 01-scan-failures.png
    gui_stop_app
    exit 0
fi

unset MOODBOARD_CLI   # no catalog yet: the app's own scan meets the unreadable file
gui_prepare "$@"
echo "this is a shopping list, not a song" > "$library/not audio.wav"
gui_enter_display "$0"
