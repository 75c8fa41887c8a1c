#!/usr/bin/env bash
# Builds the libFuzzer target for the loopback request parser with clang and runs it on seed
# requests. Usage: Tests/fuzz/loopback/run-loopback-fuzz.sh BUILD_DIR [SECONDS]
# CTest runs it for 15 s; run it longer by hand before a release.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
out="$(mkdir -p "$1" && cd "$1" && pwd)"
seconds="${2:-15}"

# The parser needs no std::expected, so Debian's clang 14 is as good as a newer one.
cxx=$(command -v clang++-16 || command -v clang++ || true)
[[ -z "$cxx" ]] && { echo "loopback fuzz: clang is not installed (scripts/install-deps.sh)"; exit 1; }

"$cxx" -std=c++2b -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -I "$root/Source" "$here/FuzzLoopbackRequest.cpp" "$root/Source/Net/HttpRequestParser.cpp" \
    "$root/Source/Net/UrlCoding.cpp" -o "$out/fuzz_loopback_request"

seeds="$out/seeds"
mkdir -p "$seeds" "$out/corpus" "$out/found"
printf 'GET /callback?code=abc&state=xyz HTTP/1.1\r\nHost: 127.0.0.1:53682\r\n\r\n' > "$seeds/callback"
printf 'GET /favicon.ico HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: image/*\r\n\r\n' > "$seeds/favicon"
printf 'GET /callback?error=access_denied&error_description=User%%20said%%20no&state=s HTTP/1.0\n\n' > "$seeds/denied"
printf '\r\nPOST /callback?a=%%41+b HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc' > "$seeds/post"
printf 'GET /callback?code=%%zz HTTP/1.1\r\n folded: x\r\n\r\n' > "$seeds/broken"

cd "$out/found"
ASAN_OPTIONS=detect_leaks=1 "$out/fuzz_loopback_request" -max_total_time="$seconds" -max_len=10000 \
    -print_final_stats=1 "$out/corpus" "$seeds" 2>&1 | tail -n 12
