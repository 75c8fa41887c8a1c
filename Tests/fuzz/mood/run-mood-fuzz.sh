#!/usr/bin/env bash
# Builds the mood-language libFuzzer target with clang and runs it on a few seed requests.
# Usage: Tests/fuzz/mood/run-mood-fuzz.sh BUILD_DIR [SECONDS]
# CTest runs it for 15 s; run it longer by hand (e.g. 600) before a release.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mkdir -p "$1" && cd "$1" && pwd)"
seconds="${2:-15}"

cxx=$(command -v clang++-16 || command -v clang++-19 || true)
# 77 tells CTest the test was skipped, not passed.
if [[ -z "$cxx" ]]; then
    echo "mood fuzz: skipped, clang++-16 is not installed (scripts/install-deps.sh)"
    exit 77
fi

cmake -S "$here" -B "$out" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_CXX_COMPILER="$cxx" >/dev/null
cmake --build "$out" -j2

seeds="$out/seeds"
mkdir -p "$seeds" "$out/found"
i=0
while IFS= read -r line; do
    printf '%s' "$line" > "$seeds/seed-$i"
    i=$((i + 1))
done <<'SEEDS'
I'm sad, cheer me up
I can't sleep
not too sad but NOT Taylor Swift, 10 songs around 120 bpm
calm me down, I'm furious!!! no lyrics
Ugh, Monday morning. Wake me up!!
more upbeat
like the third one
{"valence": 0.5, "energy": 2, "arc": "rising", "start": {"valence": 0, "energy": 1}}
estoy triste 😭 ☀
SEEDS

cd "$out"
ASAN_OPTIONS=detect_leaks=1 ./fuzz_mood_parser -max_total_time="$seconds" -max_len=8192 \
    -rss_limit_mb=2048 -print_final_stats=1 "$out/found" "$seeds"
