# Shared steps of the GUI checks that drive the standalone app under a virtual X display.
# Source it from a check script, which has two halves:
#
#   source "$(dirname "$0")/gui-session.sh"
#   if [[ "${1:-}" == "--inside-display" ]]; then
#       gui_inside "$@"          # app, out, log_file
#       gui_start_app            # starts the app, waits for its window and its library
#       ...                      # say_in_chat, xdotool, wait_for_log, screenshot
#       gui_stop_app
#       exit 0
#   fi
#   gui_prepare "$@"             # STANDALONE_BINARY OUT_DIR: isolated home, test library
#   gui_enter_display "$0"       # runs this script again inside xvfb-run
#
# The home is a temporary folder (MOODBOARD_HOME and HOME), the library 15 generated WAV files
# scanned by MOODBOARD_CLI when given. Nothing outside the temporary folder and OUT_DIR is touched.
# Needs: xvfb-run, xauth, xdotool, ImageMagick's import, python3.

gui_here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

fail() {
    echo "${gui_name:-gui}: FAILED: $*" >&2
    if [[ -n "${log_file:-}" && -f "$log_file" ]]; then
        echo "${gui_name:-gui}: last lines of $log_file:" >&2
        tail -n 15 "$log_file" >&2
    fi
    exit 1
}

step() { echo "${gui_name:-gui}: $*"; }

count_lines() { grep -c -- "$1" "$log_file" 2>/dev/null || true; }

# wait_for_log PATTERN COUNT SECONDS: waits until PATTERN occurs COUNT times in the app's log.
wait_for_log() {
    local deadline=$((SECONDS + $3))
    while (( $(count_lines "$1") < $2 )); do
        (( SECONDS < deadline )) || return 1
        kill -0 "$app_pid" 2>/dev/null || fail "the app exited while waiting for '$1'"
        sleep 0.2
    done
}

# screenshot NAME.png: the whole virtual screen, after the last repaint reached it.
screenshot() {
    sleep 0.7
    import -window root "$out/$1" || fail "screenshot $1 could not be taken"
    step "screenshot $out/$1"
}

# say_in_chat TEXT: clicks into the chat's text box (bottom left of the editor) and sends TEXT.
say_in_chat() {
    xdotool mousemove --window "$window" 80 $((HEIGHT - 42)) click 1
    sleep 0.2
    xdotool type --delay 20 "$1"
    xdotool key Return
}

# gui_inside --inside-display APP OUT LOG_FILE
gui_inside() {
    app="$2" out="$3" log_file="$4"
}

# Starts the app (extra arguments are passed on), waits for its window and for the library to be
# shown with the test library's tracks; sets app_pid, window, WIDTH and HEIGHT.
gui_start_app() {
    local shown='\[ui\] library shown: \([89]\|[1-9][0-9]\+\) tracks' libraries
    libraries=$(count_lines "$shown")
    "$app" "$@" >> "$out/app-output.txt" 2>&1 &
    app_pid=$!
    trap 'kill "$app_pid" 2>/dev/null || true' EXIT
    step "app started, process $app_pid"
    window="$(timeout 30 xdotool search --sync --onlyvisible --name '^MusicMoodboard$' | head -n 1)" \
        || fail "no window named MusicMoodboard appeared within 30 s"
    wait_for_log "$shown" $((libraries + 1)) 180 \
        || fail "the library was not shown with 8 or more tracks within 180 s"
    eval "$(xdotool getwindowgeometry --shell "$window")"
    xdotool windowfocus --sync "$window" 2>/dev/null || true
}

# Ends the app with SIGTERM; fails when it does not quit within 10 s.
gui_stop_app() {
    kill "$app_pid"
    for _ in $(seq 50); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$app_pid" 2>/dev/null; then
        kill -KILL "$app_pid"
        fail "the app did not quit within 10 s of SIGTERM"
    fi
    trap - EXIT
    step "app quit"
}

# gui_prepare STANDALONE_BINARY OUT_DIR: checks the tools, makes the isolated home and library.
gui_prepare() {
    [[ $# -eq 2 ]] || { echo "usage: $0 STANDALONE_BINARY OUT_DIR" >&2; exit 2; }
    app="$(realpath "$1")"
    out="$2"
    [[ -x "$app" ]] || fail "$app is not an executable"
    for tool in xvfb-run xauth xdotool import python3; do
        command -v "$tool" > /dev/null || fail "$tool is not installed"
    done
    mkdir -p "$out"
    out="$(realpath "$out")"
    rm -f "$out"/*.png "$out"/moodboard.log "$out"/app-output.txt

    work="$(mktemp -d "${TMPDIR:-/tmp}/moodboard-gui.XXXXXX")"
    trap 'rm -rf "$work"' EXIT
    export MOODBOARD_HOME="$work/moodboard"
    export HOME="$work/user"   # the standalone wrapper keeps its audio settings under HOME
    mkdir -p "$MOODBOARD_HOME/config" "$HOME"
    log_file="$MOODBOARD_HOME/state/moodboard.log"

    library="$work/library"
    python3 "$gui_here/make-test-library.py" "$library" 15 > /dev/null \
        || fail "the test library could not be generated"
    local cli="${MOODBOARD_CLI:-}"
    if [[ -n "$cli" && -x "$cli" ]]; then
        "$cli" scan "$library" > "$work/scan.txt" 2>&1 \
            || { cat "$work/scan.txt" >&2; fail "moodboard scan $library failed"; }
    fi
    python3 -c 'import json, sys; print(json.dumps({"libraryFolder": sys.argv[1]}))' "$library" \
        > "$MOODBOARD_HOME/config/library.json"
    step "home $MOODBOARD_HOME, library of 15 WAV files"
}

# gui_enter_display SCRIPT [SCREEN]: runs SCRIPT --inside-display in a virtual display of
# SCREEN (default 1280x800x24), keeps the log.
gui_enter_display() {
    local status=0
    xvfb-run -a -s "-screen 0 ${2:-1280x800x24}" "$1" --inside-display "$app" "$out" "$log_file" \
        || status=$?
    cp "$log_file" "$out/moodboard.log" 2>/dev/null || true
    if (( status != 0 )); then
        echo "${gui_name:-gui}: FAILED (see above); screenshots and log in $out" >&2
        exit "$status"
    fi
    echo "${gui_name:-gui}: passed; screenshots and log in $out"
}
