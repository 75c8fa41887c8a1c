#!/usr/bin/env bash
# Drives the Music Moodboard standalone app under a virtual X display, the way a person would:
# types a mood (the chat's assistant asks a fake language model on loopback, which refuses its
# tools, so the local rules answer), waits for the playlist, refines it ("more upbeat"), asks a
# question that the guides answer with their sources, signs in with the account
# button (when the OpenID Connect test peer is installed), opens the save confirmation with
# Ctrl+S, cancels it with Escape, opens it again and confirms with Return, then checks the
# written playlist. Then, with a stored Spotify sign-in and the fake Web API on loopback, it asks
# the chat to send the playlist to Spotify, cancels the confirmation overlay with Escape (nothing
# may be written), asks again and confirms with Return. It takes a screenshot at each step and reads the app's log for the UI state changes it waits on.
#
# Usage: scripts/gui-check.sh STANDALONE_BINARY OUT_DIR
#   OUT_DIR receives the screenshots (01-start.png ... 05-saved.png) and the app's log.
#   MOODBOARD_CLI may name the moodboard command-line program; it fills the catalog before the
#   app starts. Without it, the app scans the library folder itself when it starts.
# Needs: xvfb-run, xauth, xdotool, ImageMagick's import, python3.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
mood_text="I'm sleepy and need something relaxing"

# fail, step, count_lines, wait_for_log, screenshot, say_in_chat and gui_prepare.
gui_name=gui-check
source "$here/../Tests/gui/gui-session.sh"

# Inside the virtual display: everything that needs DISPLAY.
if [[ "${1:-}" == "--inside-display" ]]; then
    shift
    app="$1" out="$2" log_file="$3"

    gui_start_app
    screenshot 01-start.png

    # Give the chat box the keyboard: click into the text box, at the bottom left of the editor.
    xdotool mousemove --window "$window" 80 $((HEIGHT - 42)) click 1
    sleep 0.3
    xdotool type --delay 25 "$mood_text"
    xdotool key Return
    step "typed: $mood_text"

    wait_for_log '\[ui\] playlist shown: [0-9]\+ tracks' 1 120 \
        || fail "no playlist was shown within 120 s of sending the mood"
    tracks="$(grep -o '\[ui\] playlist shown: [0-9]\+' "$log_file" | tail -n 1 | grep -o '[0-9]\+$')"
    (( tracks > 0 )) || fail "the playlist shown is empty"
    step "playlist shown with $tracks tracks"
    # The fake's "valid" model knows only the mood-reading tool, so it refuses the assistant's
    # tools: the app must have asked it and then answered with its local rules.
    wait_for_log '\[llm\] language model not used: the model answered HTTP 400' 1 5 \
        || fail "the configured language model was not asked, or its refusal was not handled"
    step "the language model was asked; the local assistant answered when it refused"
    screenshot 02-playlist.png

    # A second message refines the first one instead of starting over.
    xdotool type --delay 25 "more upbeat"
    xdotool key Return
    wait_for_log '\[ui\] playlist shown: [0-9]\+ tracks (refined)' 1 120 \
        || fail "\"more upbeat\" did not refine the playlist within 120 s"
    tracks="$(grep -o '\[ui\] playlist shown: [0-9]\+' "$log_file" | tail -n 1 | grep -o '[0-9]\+$')"
    step "refined playlist shown with $tracks tracks"
    screenshot 02b-refined.png

    # A question is answered from the guides, with their sources, and changes no playlist.
    shown="$(count_lines '\[ui\] playlist shown: ')"
    xdotool type --delay 25 "what tempo helps me fall asleep?"
    xdotool key Return
    wait_for_log '\[ui\] assistant answered from guides: ' 1 60 \
        || fail "the question was not answered from the guides within 60 s"
    sources="$(grep -o 'assistant answered from guides: [0-9]\+' "$log_file" | tail -n 1 | grep -o '[0-9]\+$')"
    (( sources >= 1 )) || fail "the guides' answer cites no source"
    wait_for_log '\[ui\] assistant answer shown' 1 15 || fail "the guides' answer was not shown"
    (( $(count_lines '\[ui\] playlist shown: ') == shown )) || fail "the question changed the playlist"
    step "question answered from the guides with $sources sources"
    screenshot 02d-guides.png

    # The account button sits at the right end of the library bar, at the editor's top; the
    # editor fills the window's bottom (its default size is 1000 x 680).
    if [[ "$GUI_CHECK_SIGN_IN" == "1" ]]; then
        wait_for_log '\[ui\] account shown: signed out' 1 30 \
            || fail "the account button did not offer signing in"
        xdotool mousemove --window "$window" $((WIDTH - 105)) $((HEIGHT - 680 + 42)) click 1
        wait_for_log '\[ui\] account shown: signed in' 1 60 \
            || fail "signing in through the browser did not finish within 60 s"
        step "signed in from the account button"
        ! grep -E -i 'code=|access_token|refresh_token|id_token|verifier|bearer|test-key' "$log_file" \
            || fail "the app's log holds a sign-in secret (the lines above)"
        step "no code, token or verifier in the app's log"
        screenshot 02c-signed-in.png
        xdotool mousemove --window "$window" 80 $((HEIGHT - 42)) click 1
    fi

    xdotool key ctrl+s
    wait_for_log '\[ui\] confirmation overlay opened' 1 15 \
        || fail "Ctrl+S did not open the save confirmation"
    screenshot 03-overlay.png

    xdotool key Escape
    wait_for_log '\[ui\] confirmation overlay cancelled' 1 15 \
        || fail "Escape did not cancel the save confirmation"
    screenshot 04-cancelled.png

    sleep 1
    written="$(find "$MOODBOARD_HOME" -name '*.m3u8' | head -n 1)"
    [[ -z "$written" ]] || fail "a playlist was written although saving was cancelled: $written"
    step "no playlist written after cancelling"

    xdotool key ctrl+s
    wait_for_log '\[ui\] confirmation overlay opened' 2 15 \
        || fail "Ctrl+S did not open the save confirmation a second time"
    xdotool key Return
    wait_for_log '\[ui\] playlist saved: ' 1 30 \
        || fail "Return in the save confirmation did not save the playlist"
    screenshot 05-saved.png

    saved="$(grep -o '\[ui\] playlist saved: .*' "$log_file" | tail -n 1 | sed 's/^\[ui\] playlist saved: //')"
    [[ -f "$saved" ]] || fail "the log says the playlist was saved to $saved, but there is no such file"
    entries="$(grep -v '^#' "$saved" | grep -c -v '^[[:space:]]*$' || true)"
    [[ "$entries" == "$tracks" ]] \
        || fail "$saved holds $entries entries, the playlist shown had $tracks"
    head -n 1 "$saved" | grep -q '^#EXTM3U' || fail "$saved does not start with #EXTM3U"
    step "playlist written: $saved ($entries entries)"
    ! grep -q 'test-key' "$log_file" || fail "the app's log holds the language model's API key"

    gui_stop_app
    exit 0
fi

# Inside the virtual display, the Spotify part: a stored Spotify sign-in and the fake Web API on
# loopback. "send it to Spotify" in the chat opens the confirmation overlay; Escape must write
# nothing; the second time Return sends the playlist, which the fake then holds.
if [[ "${1:-}" == "--inside-display-spotify" ]]; then
    shift
    app="$1" out="$2" log_file="$3" fake="$4"

    playlists_on_fake() {
        curl -s "$fake/admin/playlists" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'
    }

    gui_start_app
    shown=$(count_lines '\[ui\] playlist shown: ')
    say_in_chat "$mood_text"
    wait_for_log '\[ui\] playlist shown: [0-9]\+ tracks' $((shown + 1)) 120 \
        || fail "no playlist was shown for the Spotify part"

    say_in_chat "send it to Spotify"
    wait_for_log '\[ui\] spotify overlay opened: ' 1 90 \
        || fail "\"send it to Spotify\" did not open the Spotify confirmation within 90 s"
    sleep 0.7; import -window root "$out/06-spotify-overlay.png" || true
    xdotool key Escape
    wait_for_log '\[ui\] spotify overlay cancelled' 1 15 \
        || fail "Escape did not cancel the Spotify confirmation"
    (( $(playlists_on_fake) == 0 )) || fail "a playlist reached Spotify although it was cancelled"
    step "Spotify overlay cancelled: nothing written"

    say_in_chat "send it to Spotify"
    wait_for_log '\[ui\] spotify overlay opened: ' 2 90 \
        || fail "the Spotify confirmation did not open a second time"
    xdotool key Return
    wait_for_log '\[ui\] spotify push confirmed' 1 15 || fail "Return did not confirm the push"
    wait_for_log '\[ui\] spotify push ended' 1 60 || fail "the push did not end within 60 s"
    sent=$(grep -o 'spotify overlay opened: [0-9]\+ tracks' "$log_file" | tail -n 1 | grep -o '[0-9]\+')
    on_fake=$(curl -s "$fake/admin/playlists" \
        | python3 -c 'import json,sys; p=json.load(sys.stdin); print(len(p), len(p[0]["items"]) if p else 0)')
    [[ "$on_fake" == "1 $sent" ]] || fail "Spotify holds '$on_fake' (playlists, tracks); expected '1 $sent'"
    import -window root "$out/07-spotify-sent.png" || true
    step "sent to Spotify after confirming: $sent tracks in one playlist"
    ! grep -q 'gui-spotify-token' "$log_file" || fail "the app's log holds the Spotify token"

    gui_stop_app
    exit 0
fi

# Outside: check the tools, prepare an isolated home with a small library, enter the display.
gui_prepare "$@"

# The first mood is read by a language model: the fake OpenAI-compatible server of the tests, on
# loopback, which prints its port first.
python3 "$here/../Tests/fakes/fake_openai_server.py" > "$work/model-port.txt" 2> "$work/model.log" &
model_pid=$!
trap 'kill "$model_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do [[ -s "$work/model-port.txt" ]] && break; sleep 0.2; done
model_port="$(head -n 1 "$work/model-port.txt")"
[[ "$model_port" =~ ^[0-9]+$ ]] || fail "the fake language model server did not start"
export MOODBOARD_LLM_URL="http://127.0.0.1:$model_port/v1" MOODBOARD_LLM_MODEL=valid
export MOODBOARD_LLM_API_KEY=test-key
step "fake language model on 127.0.0.1:$model_port (process $model_pid)"

# Sign-in against a real OpenID Connect provider on loopback, when the test peer is installed
# (Tests/peers/oidc/install.sh). The "browser" follows the redirects in the background, as a
# person's browser would, and lands on the app's loopback listener.
oidc="$here/../Tests/peers/oidc"
export GUI_CHECK_SIGN_IN=0
if command -v node > /dev/null && command -v curl > /dev/null \
        && [[ -d "$oidc/node_modules/oidc-provider" ]]; then
    coproc PROVIDER { exec node "$oidc/provider.mjs" 0 moodboard-test 2> "$work/provider.log"; }
    provider_pid=$PROVIDER_PID
    trap 'kill "$provider_pid" "$model_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
    read -r -t 20 -u "${PROVIDER[0]}" ready port || fail "the OpenID Connect provider did not start"
    [[ "$ready" == "listening" ]] || fail "the OpenID Connect provider said '$ready'"
    cat > "$work/browser.sh" <<'BROWSER'
#!/usr/bin/env bash
( curl -sSL -c "$0.cookies" -b "$0.cookies" -o /dev/null "$1" & )
BROWSER
    chmod +x "$work/browser.sh"
    export MOODBOARD_AUTH0_ISSUER="http://127.0.0.1:$port/" MOODBOARD_AUTH0_CLIENT_ID=moodboard-test
    export MOODBOARD_SECRET_STORE=file
    export MOODBOARD_BROWSER="$work/browser.sh" GUI_CHECK_SIGN_IN=1
    step "OpenID Connect provider on 127.0.0.1:$port (process $provider_pid)"
else
    step "no OpenID Connect test peer installed: the sign-in step is skipped"
fi

status=0
xvfb-run -a -s "-screen 0 1280x800x24" "$0" --inside-display "$app" "$out" "$log_file" || status=$?
cp "$log_file" "$out/moodboard.log" 2>/dev/null || true

if (( status != 0 )); then
    echo "gui-check: FAILED (see above); screenshots and log in $out" >&2
    exit "$status"
fi

# The Spotify part, with Spotify's own sign-in stored and the fake Web API on loopback, when node
# is installed: the fake's catalogue holds the test library's titles.
if command -v node > /dev/null && command -v curl > /dev/null; then
    unset MOODBOARD_AUTH0_ISSUER MOODBOARD_AUTH0_CLIENT_ID MOODBOARD_LLM_URL MOODBOARD_LLM_MODEL
    # Bash keeps one coprocess at a time: the sign-in provider's part is over.
    if [[ -n "${provider_pid:-}" ]]; then
        kill "$provider_pid" 2>/dev/null || true
        wait "$provider_pid" 2>/dev/null || true
    fi
    coproc SPOTIFY { exec node "$here/../Tests/fakes/spotify-fake.mjs" 2> "$work/spotify.log"; }
    spotify_pid=$SPOTIFY_PID
    trap 'kill "$spotify_pid" "${provider_pid:-}" "$model_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
    read -r -t 20 -u "${SPOTIFY[0]}" ready spotify_port || fail "the fake Spotify did not start"
    fake="http://127.0.0.1:$spotify_port"
    python3 - "$library" <<'CATALOG' | curl -s -X POST -H 'Content-Type: application/json'         --data-binary @- "$fake/admin/catalog" > /dev/null || fail "the fake Spotify took no catalogue"
import json, os, struct, sys, wave
tracks = []
for name in sorted(os.listdir(sys.argv[1])):
    data = open(os.path.join(sys.argv[1], name), "rb").read()
    def field(tag):
        at = data.find(tag)
        size = struct.unpack("<I", data[at + 4:at + 8])[0]
        return data[at + 8:at + 8 + size].rstrip(b"\0").decode()
    with wave.open(os.path.join(sys.argv[1], name)) as w:
        ms = int(1000 * w.getnframes() / w.getframerate())
    tracks.append({"name": field(b"INAM"), "artists": [field(b"IART")], "album": "Test",
                   "duration_ms": ms})
print(json.dumps({"tracks": tracks}))
CATALOG
    python3 - "$MOODBOARD_HOME/state/credentials.json" <<'SIGNIN'
import json, os, sys, time
path = sys.argv[1]
stored = json.load(open(path)) if os.path.exists(path) else {}
stored["spotify"] = json.dumps({"access_token": "gui-spotify-token", "refresh_token": "gui-refresh",
    "id_token": "", "token_type": "Bearer", "scope": "playlist-modify-private",
    "expires_at": int(time.time()) + 3600, "sub": "fake-user", "name": "Fake Listener"})
os.makedirs(os.path.dirname(path), exist_ok=True)
json.dump(stored, open(path, "w"))
os.chmod(path, 0o600)
SIGNIN
    export MOODBOARD_SECRET_STORE=file MOODBOARD_SPOTIFY_CLIENT_ID=gui-check
    export MOODBOARD_SPOTIFY_API_URL="$fake"
    step "fake Spotify on $fake (process $spotify_pid)"
    xvfb-run -a -s "-screen 0 1280x800x24" "$0" --inside-display-spotify "$app" "$out"         "$log_file" "$fake" || status=$?
    cp "$log_file" "$out/moodboard.log" 2>/dev/null || true
    if (( status != 0 )); then
        echo "gui-check: FAILED in the Spotify part (see above); screenshots and log in $out" >&2
        exit "$status"
    fi
else
    step "node or curl missing: the Spotify part is skipped"
fi
echo "gui-check: passed; screenshots and log in $out"
