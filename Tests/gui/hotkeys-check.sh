#!/usr/bin/env bash
# Drives the mood preset keys of the standalone app under a virtual X display, in three starts:
#  1. Default keys, the focus in the chat box: Ctrl+1 selects the first preset (Calm) and shows a
#     playlist, Ctrl+7 the seventh (Wake up), Ctrl+8 (which X delivers as DEL) the eighth
#     (Party); Return afterwards sends nothing (the box did not take the digits). Ctrl+K opens Moods & keys: Add, an emptied name is refused with its reason
#     on Save and nothing is written, a named one is saved (10 presets in mood-presets.json).
#  2. hotkeys.xml written beforehand moves preset 1 from Ctrl+1 to Ctrl+F5: Ctrl+F5 selects Calm,
#     Ctrl+1 selects nothing; the preset saved in the first start has number 10.
#  3. A damaged hotkeys.xml: the chat says so, the default Ctrl+1 works, the file is unchanged;
#     Ctrl+2 and Ctrl+3 pressed together give two playlists, the second after the first.
# Screenshots: 01-preset-1.png, 02-preset-7.png, 03-moods-and-keys.png, 04-moods-refused.png,
# 05-moods-saved.png, 06-remapped.png, 07-damaged-hotkeys.png.
#
# Usage: Tests/gui/hotkeys-check.sh STANDALONE_BINARY OUT_DIR
#   MOODBOARD_CLI may name the moodboard program, which fills the catalog before the app starts.
set -euo pipefail

gui_name=hotkeys-check
source "$(dirname "$0")/gui-session.sh"

# press KEY...: sends keys to the focused window (the app's, with the focus in the chat box).
press() {
    xdotool key "$@"
}

# focus_chat: clicks into the chat's text box (bottom left of the editor).
focus_chat() {
    xdotool mousemove --window "$window" 80 $((HEIGHT - 42)) click 1
    sleep 0.3
}

# click_at NAME: clicks the Moods & keys control NAME (add, save, name) where the app logged it.
click_at() {
    local position
    position=$(grep -o "moods and keys on screen: .*" "$log_file" | tail -n 1 \
        | grep -o "$1 [0-9]* [0-9]*" | cut -d' ' -f2-)
    [[ -n "$position" ]] || fail "the position of '$1' in Moods & keys was not logged"
    xdotool mousemove $position click 1
    sleep 0.3
}

presets_count() {
    python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["presets"]))' \
        "$MOODBOARD_HOME/config/mood-presets.json"
}

if [[ "${1:-}" == "--inside-display" ]]; then
    gui_inside "$@"
    hotkeys="$MOODBOARD_HOME/config/hotkeys.xml"

    # 1. The default keys.
    gui_start_app
    focus_chat
    press ctrl+1
    wait_for_log '\[ui\] mood preset selected: Calm$' 1 10 || fail "Ctrl+1 selected no preset"
    wait_for_log '\[ui\] playlist shown: [0-9]\+ tracks' 1 120 \
        || fail "no playlist was shown for preset 1"
    step "Ctrl+1: $(grep -o 'playlist shown: .*' "$log_file" | tail -n 1)"
    screenshot 01-preset-1.png

    press ctrl+7
    wait_for_log '\[ui\] mood preset selected: Wake up$' 1 10 || fail "Ctrl+7 selected no preset"
    wait_for_log '\[ui\] playlist shown: [0-9]\+ tracks' 2 120 \
        || fail "no playlist was shown for preset 7"
    step "Ctrl+7: $(grep -o 'playlist shown: .*' "$log_file" | tail -n 1)"

    # X turns Ctrl+8 into DEL: it still selects the eighth preset and types nothing.
    press ctrl+8
    wait_for_log '\[ui\] mood preset selected: Party$' 1 10 || fail "Ctrl+8 selected no preset"
    wait_for_log '\[ui\] playlist shown: [0-9]\+ tracks' 3 120 \
        || fail "no playlist was shown for preset 8"
    step "Ctrl+8: $(grep -o 'playlist shown: .*' "$log_file" | tail -n 1)"
    press Return
    sleep 1
    (( $(count_lines '\[ui\] mood sent: ') == 0 )) \
        || fail "the chat box took the keys as text: $(grep -o 'mood sent: .*' "$log_file")"
    screenshot 02-preset-7.png

    press ctrl+k
    wait_for_log '\[ui\] moods and keys opened' 1 10 || fail "Ctrl+K did not open Moods & keys"
    wait_for_log '\[ui\] moods and keys on screen: ' 1 10 || fail "Moods & keys was not painted"
    screenshot 03-moods-and-keys.png

    click_at add                           # "New preset", its name field focused
    xdotool key ctrl+a BackSpace
    click_at save
    wait_for_log '\[ui\] mood presets not saved: .*preset 10 has no name' 1 10 \
        || fail "an empty name was not refused"
    [[ "$(presets_count 2>/dev/null || echo none)" == none ]] \
        || fail "a refused save wrote mood-presets.json"
    screenshot 04-moods-refused.png

    click_at name
    xdotool key ctrl+a
    xdotool type --delay 20 "Late night"
    click_at save
    wait_for_log '\[ui\] mood presets saved: 10' 1 10 || fail "the tenth preset was not saved"
    [[ "$(presets_count)" == 10 ]] || fail "mood-presets.json holds $(presets_count) presets"
    screenshot 05-moods-saved.png
    gui_stop_app

    # 2. Preset 1 moved from Ctrl+1 to Ctrl+F5 in the stored keys.
    cat > "$hotkeys" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<KEYMAPPINGS basedOnDefaults="1">
  <UNMAPPING commandId="4d4d0001" description="Mood preset 1" key="ctrl + 1"/>
  <MAPPING commandId="4d4d0001" description="Mood preset 1" key="ctrl + F5"/>
</KEYMAPPINGS>
EOF
    selected=$(count_lines '\[ui\] mood preset selected: ')
    gui_start_app
    focus_chat
    press ctrl+F5
    wait_for_log '\[ui\] mood preset selected: Calm$' 2 10 || fail "Ctrl+F5 selected no preset"
    wait_for_log '\[ui\] playlist shown: [0-9]\+ tracks' 4 120 \
        || fail "no playlist was shown for Ctrl+F5"
    press ctrl+1
    sleep 2
    (( $(count_lines '\[ui\] mood preset selected: ') == selected + 1 )) \
        || fail "Ctrl+1 still selected a preset after it was moved to Ctrl+F5"
    step "Ctrl+F5 selects Calm, Ctrl+1 nothing"
    screenshot 06-remapped.png
    gui_stop_app

    # 3. A damaged hotkeys.xml is reported, the defaults are used and the file stays as it was.
    printf '<KEYMAPPINGS basedOnDefaults="1"><MAPPING commandId=' > "$hotkeys"
    cp "$hotkeys" "$out/damaged-hotkeys.xml"
    gui_start_app
    wait_for_log '\[ui\] mood presets problem shown: The hotkeys in .* cannot be read' 1 10 \
        || fail "the damaged hotkeys.xml was not reported"
    focus_chat
    press ctrl+1
    wait_for_log '\[ui\] mood preset selected: Calm$' 3 10 \
        || fail "Ctrl+1 did not work with the damaged hotkeys.xml"
    wait_for_log '\[ui\] playlist shown: [0-9]\+ tracks' 5 120 \
        || fail "no playlist was shown with the damaged hotkeys.xml"
    screenshot 07-damaged-hotkeys.png

    # Two keys in quick succession: the second waits for the first playlist, then follows it.
    press ctrl+2 ctrl+3
    wait_for_log '\[ui\] mood preset selected: Happy$' 1 20 || fail "the second of two keys was lost"
    wait_for_log '\[ui\] playlist shown: [0-9]\+ tracks' 7 120 \
        || fail "two quick keys did not give two playlists"
    step "Ctrl+2 then Ctrl+3: $(count_lines '\[ui\] mood preset waiting: ') waited"
    gui_stop_app
    cmp -s "$hotkeys" "$out/damaged-hotkeys.xml" || fail "the damaged hotkeys.xml was changed"
    step "damaged hotkeys.xml reported and kept; defaults used"
    exit 0
fi

gui_prepare "$@"
gui_enter_display "$0"
