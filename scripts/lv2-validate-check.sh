#!/usr/bin/env bash
# Validates the LV2 bundle's data against the LV2 specification's own vocabulary (lv2_validate,
# from Debian's lv2-dev, which runs sord_validate over the installed spec and our .ttl files).
# Usage: scripts/lv2-validate-check.sh PATH/MusicMoodboard.lv2
# Exit 0 only when every .ttl file of the bundle was read and no error was found; warnings are
# printed but do not fail.
set -uo pipefail

bundle="${1:?usage: lv2-validate-check.sh PATH/MusicMoodboard.lv2}"
if ! command -v lv2_validate >/dev/null; then
    echo "lv2 validate: FAILED: lv2_validate is missing (scripts/install-deps.sh installs lv2-dev)"
    exit 1
fi

shopt -s nullglob
files=("$bundle"/*.ttl)
if ((${#files[@]} < 3)); then
    echo "lv2 validate: FAILED: expected manifest.ttl, dsp.ttl and ui.ttl in $bundle," \
         "found ${#files[@]} files"
    exit 1
fi

output=$(lv2_validate "${files[@]}" 2>&1)
status=$?
printf '%s\n' "$output" | grep -v '^Skipping file /usr/lib/lv2' | grep -v '^$'

# A file it skipped (unreadable or not Turtle) would pass silently, so a skip of ours fails too.
if printf '%s\n' "$output" | grep -q "^Skipping file $bundle"; then
    echo "lv2 validate: FAILED: lv2_validate skipped a file of the bundle"
    exit 1
fi
summary=$(printf '%s\n' "$output" | grep -E '^Found [0-9]+ errors' | tail -1)
if [[ $status -ne 0 || -z "$summary" || "$summary" != "Found 0 errors"* ]]; then
    echo "lv2 validate: FAILED: ${summary:-no summary} (exit $status)"
    exit 1
fi
echo "lv2 validate: ok: ${#files[@]} files, $summary"
