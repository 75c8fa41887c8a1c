#!/usr/bin/env bash
# Edits the playlist shown in the standalone app the way a person would, under a virtual X
# display: types a mood, removes the first track with Delete, moves a track with Alt+Down, moves
# the last track to the top with Alt+Up and locks it with L, then refines the mood ("more
# upbeat") and checks that the refined playlist still opens with the locked track and leaves the
# removed one out (the test library is small enough that it would otherwise return). Then it plays
# a track with Space: with no sound card, as in CI, the app must say that playback is not
# available. It then gives the check's own home ALSA's null output as a stand-in sound card and
# presses Space again: when that opens, each next track must follow to the end of the playlist
# (the null output runs faster than real time; with a real sound card, Space must pause). Last,
# it saves the edited playlist as XSPF through the save confirmation, checking the file's name
# and title (the playlist's name), its track count, its first track and that the removed track is
# not in it; saved a second time, it must go to "NAME (2).xspf" and leave the first file as it was.
# Last, with the table scrolled to its end, a new mood's playlist must open at its first row.
# Screenshots of each step go to OUT_DIR.
#
# Usage: Tests/gui/playlist-check.sh STANDALONE_BINARY OUT_DIR (MOODBOARD_CLI as in
# gui-session.sh). Needs: xvfb-run, xauth, xdotool, ImageMagick's import, python3.
set -euo pipefail
gui_name=playlist-check
source "$(dirname "$0")/gui-session.sh"

last_line() { grep -o -- "$1.*" "$log_file" | tail -n 1 | sed "s/^$1//"; }

if [[ "${1:-}" == "--inside-display" ]]; then
    gui_inside "$@"
    gui_start_app

    say_in_chat "I'm sleepy and need something relaxing"
    wait_for_log '\[ui\] playlist shown: [0-9]\+ tracks' 1 120 \
        || fail "no playlist was shown within 120 s of sending the mood"
    shown="$(last_line '\[ui\] playlist shown: ' | grep -o '^[0-9]\+')"
    (( shown >= 4 )) || fail "the playlist has $shown tracks, the check needs 4 or more"
    rows="$(last_line '\[ui\] playlist rows start at ')"
    row_x="$(echo "$rows" | cut -d, -f1)"
    row_y="$(echo "$rows" | cut -d, -f2)"
    row_h="$(echo "$rows" | grep -o ' [0-9]\+ px' | grep -o '[0-9]\+')"
    step "playlist of $shown tracks, rows from $row_x,$row_y, $row_h px each"

    # click_row N: clicks the title cell of row N (1 = first).
    click_row() {
        local y=$((row_y + row_h * ($1 - 1) + row_h / 2))
        xdotool mousemove --window "$window" $((row_x + 120)) "$y" click 1
        sleep 0.3
    }

    removed="$(last_line '\[ui\] playlist first track: ')"
    removed_title="${removed%% - *}"
    click_row 1
    xdotool key Delete
    n=$((shown - 1))
    wait_for_log "\[ui\] playlist edited: $n tracks (removed)" 1 10 \
        || fail "Delete on row 1 did not remove it (no 'playlist edited: $n tracks (removed)')"
    step "Delete removed row 1: $n tracks"
    screenshot 01-removed.png

    first="$(last_line '\[ui\] playlist first track: ')"
    xdotool key alt+Down
    wait_for_log "\[ui\] playlist edited: $n tracks (moved)" 1 10 \
        || fail "Alt+Down did not move the selected track"
    second="$(last_line '\[ui\] playlist first track: ')"
    [[ "$second" != "$first" ]] || fail "after Alt+Down the first track is still $first"
    step "Alt+Down moved '$first' to row 2"

    # The last track to the top, one Alt+Up at a time, then locked with L.
    click_row 1
    xdotool key End   # the last row, scrolled into view if needed
    for _ in $(seq $((n - 1))); do xdotool key alt+Up; sleep 0.05; done
    wait_for_log "\[ui\] playlist edited: $n tracks (moved)" "$n" 15 \
        || fail "Alt+Up did not move the last track to the top"
    moved="$(last_line '\[ui\] playlist first track: ')"
    xdotool key l
    wait_for_log "\[ui\] playlist edited: $n tracks (locked)" 1 10 \
        || fail "L did not lock the selected track"
    locked="$(last_line '\[ui\] playlist first track: ')"
    [[ "$locked" == "$moved (locked)" ]] \
        || fail "row 1 after locking is '$locked', not '$moved (locked)'"
    step "moved '$moved' to the top and locked it"
    screenshot 02-edited-locked.png

    say_in_chat "more upbeat"
    wait_for_log '\[ui\] playlist shown: [0-9]\+ tracks (refined)' 1 120 \
        || fail "'more upbeat' did not refine the playlist within 120 s"
    refined="$(last_line '\[ui\] playlist first track: ')"
    [[ "$refined" == "$moved (locked)" ]] \
        || fail "the refined playlist opens with '$refined', not the locked '$moved'"
    step "the refined playlist still opens with the locked '$moved'"
    screenshot 03-refined.png

    shown_now="$(last_line '\[ui\] playlist shown: ' | grep -o '^[0-9]\+')"
    click_row 2
    xdotool key space
    wait_for_log '\[ui\] playback \(started\|unavailable\): ' 1 15 \
        || fail "Space on row 2 neither started playback nor said why it cannot"
    step "$(grep -o '\[ui\] playback \(started\|unavailable\): .*' "$log_file" | tail -n 1)"
    screenshot 04-playback.png
    real_device=yes
    if ! grep -q '\[ui\] playback started: ' "$log_file"; then
        # ALSA's null output stands in for a sound card; the next Play looks for a device again.
        real_device=no
        printf 'pcm.!default { type null }\n' > "$HOME/.asoundrc"
        xdotool key space
        wait_for_log '\[ui\] playback \(started\|unavailable\): ' 2 15 \
            || fail "a second Space neither started playback nor said why it cannot"
        step "$(grep -o '\[ui\] playback \(started\|unavailable\): .*' "$log_file" | tail -n 1)"
    fi
    if grep -q '\[ui\] playback started: ' "$log_file"; then
        wait_for_log '\[ui\] playback started: ' 2 30 || fail "the next track did not follow"
        step "$(grep -o '\[ui\] playback started: .*' "$log_file" | tail -n 1) (followed)"
        screenshot 05-playing.png
        if [[ "$real_device" == yes ]]; then
            xdotool key space
            wait_for_log '\[ui\] playback paused' 1 10 || fail "Space did not pause playback"
        else
            # The null output takes samples as fast as they come, so rows 2 to the last play
            # one after the other within seconds, and then playback ends.
            wait_for_log '\[ui\] playback finished' 1 60 || fail "playback did not reach the end"
            played="$(count_lines '\[ui\] playback started: ')"
            (( played == shown_now - 1 )) \
                || fail "$played tracks played from row 2 on, the playlist has $shown_now"
            step "rows 2 to $shown_now played one after the other"
        fi
    fi

    # Save as XSPF: the overlay opens on its Save button; Shift+Tab reaches the format box
    # (Save, Cancel, Choose location, format), Down picks XSPF, Tab back to Save, Return.
    # save_xspf N: does that and waits for the Nth 'playlist saved'.
    tracks="$(last_line '\[ui\] playlist shown: ' | grep -o '^[0-9]\+')"
    save_xspf() {
        xdotool key ctrl+s
        wait_for_log '\[ui\] confirmation overlay opened: ' "$1" 10 \
            || fail "Ctrl+S did not open the overlay"
        xdotool key shift+Tab shift+Tab shift+Tab Down Tab Tab Tab
        sleep 0.3
        screenshot "06-save-xspf-$1.png"
        xdotool key Return
        wait_for_log '\[ui\] playlist saved: ' "$1" 30 || fail "Return in the overlay did not save"
    }
    save_xspf 1
    saved="$(last_line '\[ui\] playlist saved: ')"
    [[ "$saved" == *.xspf && -f "$saved" ]] \
        || fail "the playlist was saved as '$saved', not as XSPF"
    [[ "$(basename "$saved")" == "Sleepy Relaxing.xspf" ]] \
        || fail "the playlist 'Sleepy Relaxing' was saved as '$(basename "$saved")'"
    entries="$(grep -c '<track>' "$saved" || true)"
    (( entries == tracks )) || fail "$saved holds $entries tracks, the playlist shown had $tracks"
    title="${moved%% - *}"
    read_xspf='import sys, xml.etree.ElementTree as E
ns = {"x": "http://xspf.org/ns/0/"}
root = E.parse(sys.argv[1]).getroot()
print(root.find("x:title", ns).text)
for t in root.findall("x:trackList/x:track/x:title", ns): print(t.text)'
    mapfile -t xspf < <(python3 -c "$read_xspf" "$saved")
    [[ "${xspf[0]}" == "Sleepy Relaxing" ]] \
        || fail "$saved is titled '${xspf[0]}', not with the playlist's name 'Sleepy Relaxing'"
    [[ "${xspf[1]}" == "$title" ]] || fail "$saved opens with '${xspf[1]}', not '$title'"
    for t in "${xspf[@]:1}"; do
        [[ "$t" != "$removed_title" ]] \
            || fail "the removed '$removed_title' came back after the refinement"
    done
    step "saved as XSPF: $saved ($entries tracks, first '${xspf[1]}', no '$removed_title')"

    # The same save again: a new file beside the first, which stays as it was.
    before="$(sha256sum < "$saved")"
    save_xspf 2
    again="$(last_line '\[ui\] playlist saved: ')"
    [[ "$again" == "$(dirname "$saved")/Sleepy Relaxing (2).xspf" && -f "$again" ]] \
        || fail "saved again as '$again', not as 'Sleepy Relaxing (2).xspf' beside the first"
    [[ "$(sha256sum < "$saved")" == "$before" ]] || fail "saving again changed $saved"
    step "saved again as $(basename "$again"); $(basename "$saved") unchanged"

    # The table scrolled to its last row; a new mood's playlist opens at its first row.
    click_row 1
    xdotool key End
    shown_before="$(count_lines '\[ui\] playlist shown: ')"
    say_in_chat "rainy sunday, a bit melancholic"
    wait_for_log '\[ui\] playlist shown: ' $((shown_before + 1)) 120 \
        || fail "no playlist was shown for a new mood"
    top="$(last_line '\[ui\] playlist top row: ')"
    [[ "$top" =~ ^1\ \(was\ ([0-9]+)\)$ ]] || fail "the new playlist opens at row '$top', not 1"
    (( BASH_REMATCH[1] > 1 )) || fail "the table was not scrolled before the new mood ($top)"
    step "the new playlist opens at row 1 (the old one was scrolled to row ${BASH_REMATCH[1]})"
    screenshot 07-new-mood-top.png

    gui_stop_app
    exit 0
fi

gui_prepare "$@"
gui_enter_display "$0"
