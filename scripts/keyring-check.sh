#!/usr/bin/env bash
# Runs the keyring tests against a real Secret Service: gnome-keyring on a private D-Bus session
# bus, with a fresh keyring in a scratch HOME that is removed afterwards. The user's own session
# and keyring are never touched. Usage: scripts/keyring-check.sh TEST_BINARY
set -euo pipefail
tests="$1"

if ! command -v gnome-keyring-daemon >/dev/null || ! command -v dbus-run-session >/dev/null; then
    echo "keyring-check: gnome-keyring or dbus is not installed (scripts/install-deps.sh); skipped"
    exit 77
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -m 700 "$scratch/run"

# Inside the private bus: start the keyring with an empty password (it creates and unlocks the
# "login" keyring, which becomes the default collection), run the tests, stop the daemon.
HOME="$scratch" XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/run" \
    dbus-run-session -- bash -c '
        eval "$(printf "\n" | gnome-keyring-daemon --unlock --components=secrets)"
        status=0
        "$0" "[.keyring]" || status=$?
        [[ -n "${GNOME_KEYRING_PID:-}" ]] && kill "$GNOME_KEYRING_PID" 2>/dev/null
        exit $status
    ' "$tests"
