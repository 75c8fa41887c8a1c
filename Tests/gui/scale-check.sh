#!/usr/bin/env bash
# Drives the standalone app on a virtual display that asks for 200 % scale, the way GNOME and
# other XSETTINGS desktops do (Gdk/WindowScalingFactor 2, served by xsettingsd): the window must
# open at twice its size, a mood typed into the chat must give a playlist, and the settings page
# must open over it. Screenshots: 01-scaled-start.png, 02-scaled-playlist.png,
# 03-scaled-settings.png, for a person to judge that everything reads well at that size.
#
# Usage: Tests/gui/scale-check.sh STANDALONE_BINARY OUT_DIR
#   MOODBOARD_CLI may name the moodboard program, which fills the catalog before the app starts.
# Needs xsettingsd and xprop (x11-utils) besides what gui-session.sh needs.
set -euo pipefail

gui_name=scale-check
source "$(dirname "$0")/gui-session.sh"

if [[ "${1:-}" == "--inside-display" ]]; then
    gui_inside "$@"

    settings_file="$out/xsettingsd.conf"
    echo 'Gdk/WindowScalingFactor 2' > "$settings_file"
    xsettingsd -c "$settings_file" > "$out/xsettingsd.txt" 2>&1 &
    xsettings_pid=$!
    sleep 0.5
    kill -0 "$xsettings_pid" 2>/dev/null || fail "xsettingsd did not start (see $out/xsettingsd.txt)"
    step "XSETTINGS asks for scale 2 (xsettingsd, process $xsettings_pid)"

    # JUCE reads per-display scales only when a window manager has announced the work area.
    xprop -root -f _NET_WORKAREA 32c -set _NET_WORKAREA "0, 0, 2400, 1600" \
        || fail "the work area could not be set on the root window (xprop, from x11-utils)"

    gui_start_app
    trap 'kill "$app_pid" "$xsettings_pid" 2>/dev/null || true' EXIT
    # The editor's default size is 1000 x 680 logical pixels; the window adds its title bar.
    (( WIDTH >= 2000 && HEIGHT >= 1360 )) \
        || fail "the window is ${WIDTH} x ${HEIGHT} pixels; at scale 2 it should be at least 2000 x 1360"
    step "window ${WIDTH} x ${HEIGHT} pixels at scale 2"
    screenshot 01-scaled-start.png

    # The chat box sits at the editor's bottom left: 42 logical pixels up, so 84 here.
    xdotool mousemove --window "$window" 160 $((HEIGHT - 84)) click 1
    sleep 0.3
    xdotool type --delay 20 "something upbeat to wake me up"
    xdotool key Return
    wait_for_log '\[ui\] playlist shown: [0-9]\+ tracks' 1 120 \
        || fail "no playlist was shown within 120 s at scale 2"
    screenshot 02-scaled-playlist.png

    xdotool key ctrl+comma
    wait_for_log '\[ui\] settings opened' 1 15 || fail "Ctrl+, did not open the settings page"
    screenshot 03-scaled-settings.png
    xdotool key Escape

    gui_stop_app
    kill "$xsettings_pid" 2>/dev/null || true
    exit 0
fi

command -v xsettingsd > /dev/null || fail "xsettingsd is not installed (scripts/install-deps.sh)"
gui_prepare "$@"
gui_enter_display "$0" 2400x1600x24
