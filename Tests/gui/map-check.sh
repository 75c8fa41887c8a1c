#!/usr/bin/env bash
# Drives the mood map of the standalone app under a virtual X display: waits for the library's
# dots, hovers until a track is named, clicks a high-energy, high-valence point (a steady target
# above 0.6 on both axes and a playlist), drags from low to high for a rising arc (another
# playlist), then moves the map's cursor with the arrow keys and presses Return (a third target,
# lower than the click's), colours the dots by key with C, and refines the map's playlist with
# "more upbeat" in the chat (valence and energy rise from the map's target). Screenshots:
# 01-map.png, 02-map-target.png, 03-map-arc.png, 04-map-keys.png, 05-map-key.png,
# 06-map-refined.png.
#
# Usage: Tests/gui/map-check.sh STANDALONE_BINARY OUT_DIR
#   MOODBOARD_CLI may name the moodboard program, which fills the catalog before the app starts.
set -euo pipefail

gui_name=map-check
source "$(dirname "$0")/gui-session.sh"

# at FX FY: the screen position of the map's plane at fractions FX (valence) and FY (energy).
at() {
    python3 -c 'import sys; x, y, w, h, fx, fy = map(float, sys.argv[1:])
print(int(x + w * fx), int(y + h * (1.0 - fy)))' \
        "$plane_x" "$plane_y" "$plane_w" "$plane_h" "$1" "$2"
}

# last_target: the valence and energy of the newest "map target set" line.
last_target() {
    grep -o 'map target set: valence [0-9.]* energy [0-9.]*' "$log_file" | tail -n 1 \
        | awk '{ print $5, $7 }'
}

if [[ "${1:-}" == "--inside-display" ]]; then
    gui_inside "$@"
    gui_start_app

    wait_for_log '\[ui\] map shows \([89]\|[1-9][0-9]\+\) tracks' 1 60 \
        || fail "the map did not show 8 or more tracks"
    wait_for_log '\[ui\] map plane on screen: ' 1 20 || fail "the map was not painted"
    read -r plane_x plane_y plane_w plane_h < <(grep -o 'map plane on screen: [0-9 -]*' \
        "$log_file" | tail -n 1 | cut -d: -f2)
    step "$(grep -o 'map shows [0-9]* tracks' "$log_file" | tail -n 1), plane at" \
         "$plane_x $plane_y, $plane_w x $plane_h"

    # Hover: sweep the pointer over the plane until a dot is named.
    hovered=0
    for fy in 0.1 0.3 0.5 0.7 0.9; do
        for fx in 0.05 0.15 0.25 0.35 0.45 0.55 0.65 0.75 0.85 0.95; do
            xdotool mousemove $(at "$fx" "$fy")
            sleep 0.05
            if (( $(count_lines '\[ui\] map hover shows: ') > 0 )); then hovered=1; break 2; fi
        done
    done
    (( hovered )) || fail "hovering over the map named no track"
    step "hover: $(grep -o 'map hover shows: .*' "$log_file" | tail -n 1)"
    screenshot 01-map.png

    # A click at a high-energy, high-valence point.
    xdotool mousemove $(at 0.85 0.85) click 1
    wait_for_log '\[ui\] map target set: ' 1 10 || fail "the click set no target"
    read -r valence energy < <(last_target)
    python3 -c 'import sys; sys.exit(0 if min(map(float, sys.argv[1:])) > 0.6 else 1)' \
        "$valence" "$energy" || fail "the click's target is valence $valence energy $energy"
    wait_for_log '\[ui\] playlist shown: [0-9]\+ tracks' 1 120 \
        || fail "no playlist was shown for the map's target"
    step "click: valence $valence energy $energy, $(grep -o 'playlist shown: .*' "$log_file" \
        | tail -n 1)"
    screenshot 02-map-target.png

    # A drag from calm and low to bright and high: a rising arc.
    read -r from_x from_y < <(at 0.2 0.15)
    read -r to_x to_y < <(at 0.8 0.9)
    xdotool mousemove "$from_x" "$from_y" mousedown 1
    for i in 1 2 3 4 5 6 7 8; do
        xdotool mousemove $(( from_x + (to_x - from_x) * i / 8 )) \
                          $(( from_y + (to_y - from_y) * i / 8 ))
        sleep 0.03
    done
    xdotool mouseup 1
    wait_for_log '\[ui\] map target set: .*(rising)' 1 10 || fail "the drag set no rising arc"
    wait_for_log '\[ui\] playlist shown: [0-9]\+ tracks' 2 120 \
        || fail "no playlist was shown for the map's arc"
    step "drag: $(grep -o 'map target set: .*' "$log_file" | tail -n 1)"
    screenshot 03-map-arc.png

    # The keyboard: the map has the focus since the click; its cursor starts at the arc's end.
    xdotool key Left Left Left Left Down Down Down Down Down Down Return
    wait_for_log '\[ui\] map target set: ' 3 10 || fail "Return on the map set no target"
    read -r key_valence key_energy < <(last_target)
    python3 -c 'import sys; sys.exit(0 if max(map(float, sys.argv[1:])) < 0.7 else 1)' \
        "$key_valence" "$key_energy" \
        || fail "the arrow keys did not move the target (valence $key_valence energy $key_energy)"
    wait_for_log '\[ui\] playlist shown: [0-9]\+ tracks' 3 120 \
        || fail "no playlist was shown for the keyboard's target"
    step "keys: valence $key_valence energy $key_energy"
    screenshot 04-map-keys.png

    # C colours the dots by key (the legend changes with them).
    xdotool key c
    wait_for_log '\[ui\] map colours dots by key' 1 10 || fail "C did not colour the dots by key"
    screenshot 05-map-key.png

    # The chat refines the playlist the map made, from the map's target.
    say_in_chat "more upbeat"
    wait_for_log '\[ui\] playlist shown: [0-9]\+ tracks (refined)' 1 120 \
        || fail "'more upbeat' after the map's playlist did not refine it"
    read -r valence energy < <(grep -o 'playlist mood: valence [0-9.]* energy [0-9.]*' \
        "$log_file" | tail -n 1 | awk '{ print $4, $6 }')
    python3 -c 'import sys; v, e, kv, ke = map(float, sys.argv[1:])
sys.exit(0 if kv < v <= kv + 0.3 and ke < e <= ke + 0.3 else 1)' \
        "$valence" "$energy" "$key_valence" "$key_energy" \
        || fail "'more upbeat' after the map's $key_valence $key_energy gave $valence $energy"
    step "'more upbeat' after the map: valence $valence energy $energy"
    screenshot 06-map-refined.png

    gui_stop_app
    exit 0
fi

gui_prepare "$@"
gui_enter_display "$0"
