#!/usr/bin/env bash
# Start-up benchmark of the desktop app: the time from the process's start to the end of its
# first painted frame, as the app itself logs it ("[ui] first frame painted N ms after start").
#
# Usage: Bench/app-startup.sh STANDALONE_BINARY [MOODBOARD_CLI] [RUNS]
#   Starts the app RUNS times (5) under xvfb-run in an isolated MOODBOARD_HOME with the GUI checks'
#   generated library (scanned first when MOODBOARD_CLI is given), stops it with SIGTERM after its
#   first frame, and prints `app_start_to_first_frame_ms_median: N` and `..._worst: N`.
# Needs: xvfb-run, xauth, python3. Also the CMake target bench_app_startup.
set -euo pipefail

if [[ "${1:-}" == "--one-run" ]]; then
    app="$2" log_file="$3"
    "$app" > /dev/null 2>&1 &
    pid=$!
    for _ in $(seq 600); do
        grep -q '\[ui\] first frame painted' "$log_file" 2>/dev/null && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    exit 0
fi

[[ $# -ge 1 ]] || { echo "usage: $0 STANDALONE_BINARY [MOODBOARD_CLI] [RUNS]" >&2; exit 2; }
app="$(realpath "$1")"
cli="${2:-}"
runs="${3:-5}"
here="$(cd "$(dirname "$0")" && pwd)"
script="$here/$(basename "$0")"

work="$(mktemp -d "${TMPDIR:-/tmp}/moodboard-startup.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export MOODBOARD_HOME="$work/home"
export HOME="$work/user"   # the standalone wrapper keeps its audio settings under HOME
mkdir -p "$MOODBOARD_HOME/config" "$HOME"
log_file="$MOODBOARD_HOME/state/moodboard.log"

python3 "$here/../Tests/gui/make-test-library.py" "$work/library" 10 > /dev/null
if [[ -n "$cli" ]]; then
    "$cli" scan "$work/library" > /dev/null 2>&1 || { echo "app-startup: scan failed" >&2; exit 1; }
fi
python3 -c 'import json, sys; print(json.dumps({"libraryFolder": sys.argv[1]}))' "$work/library" \
    > "$MOODBOARD_HOME/config/library.json"

figures=()
for run in $(seq "$runs"); do
    rm -f "$log_file"
    xvfb-run -a -s "-screen 0 1280x800x24" "$script" --one-run "$app" "$log_file"
    figure="$(sed -n 's/.*\[ui\] first frame painted \([0-9]\+\) ms after start.*/\1/p' \
              "$log_file" 2>/dev/null | head -n 1)"
    [[ -n "$figure" ]] || { echo "app-startup: run $run logged no first frame" >&2; exit 1; }
    echo "app-startup: run $run: $figure ms" >&2
    figures+=("$figure")
done

sorted=($(printf '%s\n' "${figures[@]}" | sort -n))
echo "app_start_to_first_frame_ms_median: ${sorted[$(( ${#sorted[@]} / 2 ))]}"
echo "app_start_to_first_frame_ms_worst: ${sorted[-1]}"
