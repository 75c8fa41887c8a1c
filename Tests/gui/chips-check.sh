#!/usr/bin/env bash
# Sends only spaces (the chat answers with a hint, nothing is sent), types a mood, then clicks
# the chat's first quick mood chip (the first mood preset, Calm) and checks that it builds that
# preset's playlist (valence 0.60, energy 0.20); then "more upbeat" refines the preset's
# playlist, not the typed mood's: valence and energy rise from the preset's.
# Screenshots: 01-chips.png, 02-chip-playlist.png, 03-chip-refined.png.
#
# Usage: Tests/gui/chips-check.sh STANDALONE_BINARY OUT_DIR
#   MOODBOARD_CLI may name the moodboard program, which fills the catalog before the app starts.
set -euo pipefail

gui_name=chips-check
source "$(dirname "$0")/gui-session.sh"

# last_mood: the valence and energy of the newest playlist shown.
last_mood() {
    grep -o 'playlist mood: valence [0-9.]* energy [0-9.]*' "$log_file" | tail -n 1 \
        | awk '{ print $4, $6 }'
}

if [[ "${1:-}" == "--inside-display" ]]; then
    gui_inside "$@"
    gui_start_app
    screenshot 01-chips.png

    # Only spaces: nothing is sent, the chat says so.
    say_in_chat "   "
    wait_for_log '\[ui\] chat hint shown: Nothing typed\.' 1 10 \
        || fail "a message of spaces was not answered with a hint"
    (( $(count_lines '\[ui\] mood sent: ') == 0 )) || fail "a message of spaces was sent"
    step "spaces and Return: $(grep -o 'chat hint shown: .*' "$log_file" | tail -n 1)"
    say_in_chat "  "
    wait_for_log '\[ui\] chat hint already shown' 1 10 \
        || fail "a second blank message did not find its hint already shown"
    (( $(count_lines '\[ui\] chat hint shown: ') == 1 )) || fail "the same hint was stacked twice"

    say_in_chat "rainy sunday, a bit melancholic"
    wait_for_log '\[ui\] playlist shown: [0-9]\+ tracks' 1 120 || fail "no playlist for the typed mood"
    step "typed mood: valence and energy $(last_mood)"

    # The chips' first row sits just above the text box at the chat's bottom left: the text box
    # spans 62 to 22 pixels above the window's bottom, the chips row 130 to 104.
    xdotool mousemove --window "$window" 45 $((HEIGHT - 117)) click 1
    wait_for_log '\[ui\] chip pressed: 1$' 1 10 || fail "the first chip did not take the click"
    wait_for_log '\[ui\] mood preset selected: Calm' 1 15 \
        || fail "the first chip did not select the first preset"
    wait_for_log '\[ui\] playlist shown: [0-9]\+ tracks' 2 60 || fail "no playlist for the chip"
    [[ "$(last_mood)" == "0.60 0.20" ]] || fail "the chip's playlist is at $(last_mood), not Calm's"
    step "the first chip built the Calm preset's playlist"
    screenshot 02-chip-playlist.png

    # The refinement starts from the playlist shown (the preset's), not from the typed mood.
    say_in_chat "more upbeat"
    wait_for_log '\[ui\] playlist shown: [0-9]\+ tracks (refined)' 1 120 \
        || fail "'more upbeat' after the preset did not refine a playlist"
    read -r valence energy < <(last_mood)
    python3 -c 'import sys; v, e = map(float, sys.argv[1:])
sys.exit(0 if 0.60 < v <= 0.90 and 0.20 < e <= 0.50 else 1)' "$valence" "$energy" \
        || fail "'more upbeat' after Calm (0.60 0.20) gave valence $valence energy $energy"
    step "'more upbeat' after Calm: valence $valence energy $energy"
    screenshot 03-chip-refined.png
    gui_stop_app
    exit 0
fi

gui_prepare "$@"
gui_enter_display "$0"
