#!/usr/bin/env bash
# Drives the desktop-wide mood key under a virtual X display: with another window focused,
# `moodboard mood-key Calm` switches the running app to Calm (exit 0, a playlist) and the focus
# stays where it was; `mood-key nosuch` exits 1 naming the presets; starting the app again with
# `--mood Focus` hands the mood to the first instance and exits 0 at once, leaving one app
# process; once the app has quit, mood-key exits 3. Screenshots: 01-mood-key-calm.png,
# 02-mood-key-focus.png.
#
# Usage: Tests/gui/mood-key-check.sh STANDALONE_BINARY OUT_DIR   (MOODBOARD_CLI must be set)
# Needs xmessage (x11-utils) for the window that holds the focus.
set -euo pipefail

gui_name=mood-key-check
source "$(dirname "$0")/gui-session.sh"

# The app processes of this check: our binary with our MOODBOARD_HOME.
count_app_processes() {
    local n=0 p
    for p in /proc/[0-9]*; do
        [[ "$(readlink "$p/exe" 2>/dev/null)" == "$app" ]] || continue
        tr '\0' '\n' < "$p/environ" 2>/dev/null | grep -qxF "MOODBOARD_HOME=$MOODBOARD_HOME" \
            && n=$((n + 1))
    done
    echo "$n"
}

focused_window() { xdotool getwindowfocus 2>/dev/null || echo none; }

now_ms() { date +%s%3N; }

if [[ "${1:-}" == "--inside-display" ]]; then
    gui_inside "$@"
    cli="${MOODBOARD_CLI:-}"
    [[ -n "$cli" && -x "$cli" ]] || fail "MOODBOARD_CLI must name the moodboard program"
    gui_start_app

    # Another window of our own takes the focus, as a text editor would hold it on a desktop.
    xmessage -geometry 300x80+900+650 -title "moodkey-other" "another window has the focus" &
    other_pid=$!
    trap 'kill "$app_pid" "$other_pid" 2>/dev/null || true' EXIT
    other="$(timeout 10 xdotool search --sync --onlyvisible --name '^moodkey-other$' | head -n 1)" \
        || fail "the other window did not appear"
    xdotool windowfocus --sync "$other" || fail "the other window could not take the focus"
    [[ "$(focused_window)" == "$other" ]] || fail "the other window does not have the focus"
    step "window $other (xmessage) has the focus"

    playlists=$(count_lines '\[ui\] playlist shown: ')
    started=$(now_ms)
    answer="$("$cli" mood-key Calm 2>&1)" || fail "mood-key Calm exited $?: $answer"
    step "mood-key Calm -> exit 0 in $(( $(now_ms) - started )) ms: $answer"
    wait_for_log '\[ui\] mood preset selected: Calm' 1 10 || fail "the app did not select Calm"
    wait_for_log '\[ui\] playlist shown: [0-9]\+ tracks' $((playlists + 1)) 120 \
        || fail "no playlist was shown for Calm"
    step "$(grep -o 'playlist shown: .*' "$log_file" | tail -n 1)"
    [[ "$(focused_window)" == "$other" ]] \
        || fail "the focus moved to window $(focused_window) after mood-key"
    step "the focus stayed on window $other"
    screenshot 01-mood-key-calm.png

    status=0
    answer="$("$cli" mood-key nosuch 2>&1)" || status=$?
    (( status == 1 )) || fail "mood-key nosuch exited $status: $answer"
    [[ "$answer" == *"unknown preset: nosuch; presets: Calm, Focus"* ]] \
        || fail "mood-key nosuch did not name the presets: $answer"
    step "mood-key nosuch -> exit 1: $answer"

    # The app started a second time hands its --mood over and leaves.
    started=$(now_ms)
    status=0
    answer="$(timeout 20 "$app" --mood Focus 2>&1)" || status=$?
    took=$(( $(now_ms) - started ))
    (( status == 0 )) || fail "the second start exited $status: $answer"
    (( took < 5000 )) || fail "the second start took $took ms to hand over"
    step "second start with --mood Focus -> exit 0 in $took ms: $answer"
    wait_for_log '\[ui\] mood preset selected: Focus' 1 10 \
        || fail "the first instance did not select Focus"
    processes=$(count_app_processes)
    (( processes == 1 )) || fail "$processes app processes are running, not 1"
    kill -0 "$app_pid" 2>/dev/null || fail "the first instance is gone"
    [[ "$(focused_window)" == "$other" ]] \
        || fail "the focus moved to window $(focused_window) after the second start"
    step "one app process, the focus still on window $other"
    screenshot 02-mood-key-focus.png

    gui_stop_app
    kill "$other_pid" 2>/dev/null || true
    status=0
    answer="$("$cli" mood-key Calm 2>&1)" || status=$?
    (( status == 3 )) || fail "mood-key without an app exited $status: $answer"
    [[ "$answer" == *"Music Moodboard is not running: start it (MusicMoodboard --mood Calm)"* ]] \
        || fail "mood-key without an app said: $answer"
    step "mood-key without an app -> exit 3: $answer"
    exit 0
fi

command -v xmessage > /dev/null \
    || { echo "$gui_name: xmessage (x11-utils) is not installed" >&2; exit 1; }
gui_prepare "$@"
gui_enter_display "$0"
