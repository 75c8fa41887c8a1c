#!/usr/bin/env bash
# Clicks the chat's first quick mood chip (the first mood preset, Calm) and checks that it builds
# that preset's playlist. Screenshots: 01-chips.png, 02-chip-playlist.png.
#
# Usage: Tests/gui/chips-check.sh STANDALONE_BINARY OUT_DIR
#   MOODBOARD_CLI may name the moodboard program, which fills the catalog before the app starts.
set -euo pipefail

gui_name=chips-check
source "$(dirname "$0")/gui-session.sh"

if [[ "${1:-}" == "--inside-display" ]]; then
    gui_inside "$@"
    gui_start_app
    screenshot 01-chips.png

    # The chips' first row sits just above the text box at the chat's bottom left: the text box
    # spans 62 to 22 pixels above the window's bottom, the chips row 130 to 104.
    xdotool mousemove --window "$window" 45 $((HEIGHT - 117)) click 1
    wait_for_log '\[ui\] chip pressed: 1$' 1 10 || fail "the first chip did not take the click"
    wait_for_log '\[ui\] mood preset selected: Calm' 1 15 \
        || fail "the first chip did not select the first preset"
    wait_for_log '\[ui\] playlist shown: [0-9]\+ tracks' 1 60 || fail "no playlist for the chip"
    step "the first chip built the Calm preset's playlist"

    screenshot 02-chip-playlist.png
    gui_stop_app
    exit 0
fi

gui_prepare "$@"
gui_enter_display "$0"
