#!/usr/bin/env bash
# Drives the settings page of the standalone app under a virtual X display: opens it with the
# library bar's "Settings" button and closes it with Escape, opens it again with Ctrl+, and adds a
# second library folder by typing its path (config/library.json, written by the GUI session in
# the one-folder form of earlier versions, must then list both and the library show both folders'
# tracks), removes it again with Delete in the list (its tracks leave the library), gives the
# language model a URL without http:// (an error is shown and nothing is saved), then a good one
# with a model name and an API key (saved; the key is in the secret store and never in the log),
# shows each tab and closes with Escape.
# Screenshots: 01-settings-library.png, 02-settings-two-folders.png, 03-settings-model-error.png,
# 04-settings-model-saved.png, 05-settings-account.png, 06-settings-moods.png, 07-closed.png.
#
# Usage: Tests/gui/settings-check.sh STANDALONE_BINARY OUT_DIR
#   MOODBOARD_CLI may name the moodboard program, which fills the catalog before the app starts.
set -euo pipefail

gui_name=settings-check
source "$(dirname "$0")/gui-session.sh"

secret_key="sk-settings-check-0123456789"

# json_value FILE EXPRESSION: prints a Python expression over the parsed JSON file `j`.
json_value() {
    python3 -c 'import json, sys; j = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' \
        "$1" "$2"
}

if [[ "${1:-}" == "--inside-display" ]]; then
    gui_inside "$@"
    work="$(dirname "$MOODBOARD_HOME")"
    config="$MOODBOARD_HOME/config"
    gui_start_app

    # The editor sits at the bottom right of the standalone window; it is 1000 x 680.
    editor_x=$((WIDTH - 1000)) editor_y=$((HEIGHT - 680))

    step "Settings button"
    xdotool mousemove --window "$window" $((editor_x + 761)) $((editor_y + 42)) click 1
    wait_for_log '\[ui\] settings opened' 1 10 || fail "the Settings button did not open the page"
    wait_for_log '\[ui\] settings tab shown: Library' 1 5 || fail "the Library tab was not shown"
    screenshot 01-settings-library.png
    xdotool key Escape
    wait_for_log '\[ui\] settings closed' 1 10 || fail "Escape did not close the settings"

    step "Ctrl+, and a second library folder typed into the path field"
    xdotool mousemove --window "$window" 80 $((HEIGHT - 42)) click 1
    sleep 0.3
    xdotool key ctrl+comma
    wait_for_log '\[ui\] settings opened' 2 10 || fail "Ctrl+, did not open the settings"
    sleep 0.3
    xdotool type --delay 15 "$work/nothing-here"
    xdotool key Return
    wait_for_log '\[ui\] settings: library folder refused: There is no folder' 1 10 \
        || fail "a folder that does not exist was not refused in words"
    xdotool key ctrl+a
    xdotool type --delay 15 "$work/library2"
    xdotool key Return
    wait_for_log '\[ui\] settings: library folder added: ' 1 10 || fail "the folder was not added"
    first_count=$(find "$work/library" -maxdepth 1 -name '*.wav' | wc -l)
    wait_for_log "\\[ui\\] library shown: $((first_count + 3)) tracks" 1 90 \
        || fail "the library did not show the $first_count + 3 tracks of both folders"
    folders="$(json_value "$config/library.json" 'j["libraryFolders"]')"
    [[ "$folders" == "['$work/library', '$work/library2']" ]] \
        || fail "config/library.json lists $folders, not both folders"
    step "library.json: $folders"
    screenshot 02-settings-two-folders.png

    step "the second folder removed from the list with the keyboard (Delete)"
    xdotool key shift+Tab shift+Tab shift+Tab
    xdotool key Down Down
    xdotool key Delete
    wait_for_log "\\[ui\\] settings: library folder removed: $work/library2" 1 10 \
        || fail "Delete in the folder list did not remove the second folder"
    wait_for_log "\\[ui\\] library shown: $first_count tracks" 2 30 \
        || fail "the second folder's tracks did not leave the library"
    folders="$(json_value "$config/library.json" 'j["libraryFolders"]')"
    [[ "$folders" == "['$work/library']" ]] \
        || fail "config/library.json lists $folders after the removal"
    step "library.json: $folders"

    step "language model: a URL without http:// is refused"
    xdotool key ctrl+Tab
    wait_for_log '\[ui\] settings tab shown: Language model' 1 5 \
        || fail "Ctrl+Tab did not show the Language model tab"
    sleep 0.3
    xdotool type --delay 15 "127.0.0.1:8080/v1"
    xdotool key Tab
    xdotool type --delay 15 "tiny-model"
    xdotool key Return
    wait_for_log '\[ui\] settings: language model not saved: The address must start with' 1 10 \
        || fail "the URL without http:// was not refused in words"
    [[ ! -e "$config/language-model.json" ]] || fail "a refused URL was saved"
    screenshot 03-settings-model-error.png

    step "language model: a good URL, a model and a key are saved"
    xdotool key shift+Tab
    xdotool key ctrl+a
    xdotool type --delay 15 "http://127.0.0.1:8080/v1"
    xdotool key Tab Tab
    xdotool type --delay 15 "$secret_key"
    xdotool key Return
    wait_for_log '\[ui\] settings: language model saved' 1 15 \
        || fail "the language model settings were not saved"
    [[ "$(json_value "$config/language-model.json" 'j["url"], j["model"], j["localRulesOnly"]')" \
        == "('http://127.0.0.1:8080/v1', 'tiny-model', False)" ]] \
        || fail "language-model.json holds $(cat "$config/language-model.json")"
    if [[ -n "${MOODBOARD_CLI:-}" && -x "$MOODBOARD_CLI" ]]; then
        "$MOODBOARD_CLI" llm-key status | grep -q "API key: stored in" \
            || fail "the API key is not in the secret store"
    fi
    ! grep -r -q "$secret_key" "$MOODBOARD_HOME/state/moodboard.log" "$config" \
        || fail "the API key is in the log or in the settings"
    screenshot 04-settings-model-saved.png

    step "account and moods tabs"
    xdotool key ctrl+Tab
    wait_for_log '\[ui\] settings tab shown: Account' 1 5 || fail "the Account tab was not shown"
    screenshot 05-settings-account.png
    xdotool key ctrl+Tab
    wait_for_log '\[ui\] settings tab shown: Moods' 1 5 || fail "the Moods & keys tab was not shown"
    screenshot 06-settings-moods.png

    xdotool key Escape
    wait_for_log '\[ui\] settings closed' 2 10 || fail "Escape did not close the settings"
    screenshot 07-closed.png
    gui_stop_app
    exit 0
fi

gui_prepare "$@"
# Three files of the test library again, in a second folder the check adds on the page.
mkdir -p "$work/library2"
find "$work/library" -maxdepth 1 -name '*.wav' | sort | head -n 3 | while read -r file; do
    cp "$file" "$work/library2/again $(basename "$file")"
done
export MOODBOARD_SECRET_STORE=file
unset MOODBOARD_LLM_URL MOODBOARD_LLM_MODEL MOODBOARD_LLM_API_KEY
gui_enter_display "$0"
