#!/usr/bin/env bash
# Builds the libFuzzer target over decode-and-analyse with clang and runs it on a seed corpus of
# small generated files. Usage: scripts/fuzz-decode-analyse.sh BUILD_DIR [SECONDS]
# CTest runs it for 20 s; run it longer by hand (e.g. 600) before a release.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mkdir -p "$1" && cd "$1" && pwd)"
seconds="${2:-20}"

cxx=$(command -v clang++-16 || command -v clang++-19 || true)
[[ -z "$cxx" ]] && { echo "fuzz: clang++-16 is not installed (scripts/install-deps.sh); skipped"; exit 77; }
cc="${cxx/clang++/clang}"

cmake -S "$root/Tests/fuzz/analysis" -B "$out" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" >/dev/null
cmake --build "$out" -j2

# Seeds: the first byte picks the extension (0 wav, 1 aiff, 2 flac, 3 ogg, 4 mp3).
seeds="$out/seeds"
mkdir -p "$seeds"
python3 - "$seeds" <<'PY'
import math, struct, sys
folder = sys.argv[1]
def tone(n, rate, channels):
    return [math.sin(2 * math.pi * 440 * i / rate) * 0.5 for i in range(n) for _ in range(channels)]
def wav(name, rate, channels, bits, fmt_tag, samples):
    if fmt_tag == 3:
        data = b''.join(struct.pack('<f', s) for s in samples)
    elif bits == 8:
        data = bytes(int(128 + 127 * s) for s in samples)
    elif bits == 16:
        data = b''.join(struct.pack('<h', int(32767 * s)) for s in samples)
    else:
        data = b''.join(struct.pack('<i', int(8388607 * s))[:3] for s in samples)
    block = channels * bits // 8
    fmt = struct.pack('<HHIIHH', fmt_tag, channels, rate, rate * block, block, bits)
    body = b'WAVE' + b'fmt ' + struct.pack('<I', len(fmt)) + fmt + b'data' + struct.pack('<I', len(data)) + data
    open(f'{folder}/{name}', 'wb').write(b'\x00' + b'RIFF' + struct.pack('<I', len(body)) + body)
wav('pcm16-mono', 8000, 1, 16, 1, tone(800, 8000, 1))
wav('pcm8-stereo', 11025, 2, 8, 1, tone(1100, 11025, 2))
wav('pcm24-mono', 22050, 1, 24, 1, tone(2205, 22050, 1))
wav('float-stereo', 16000, 2, 32, 3, tone(1600, 16000, 2))
samples = tone(441, 44100, 1)
data = b''.join(struct.pack('>h', int(32767 * s)) for s in samples)
rate80 = b'\x40\x0e\xac\x44' + b'\x00' * 6   # 44100 as an 80-bit extended float
comm = struct.pack('>hIh', 1, len(samples), 16) + rate80
ssnd = struct.pack('>II', 0, 0) + data
body = b'AIFF' + b'COMM' + struct.pack('>I', len(comm)) + comm + b'SSND' + struct.pack('>I', len(ssnd)) + ssnd
open(f'{folder}/pcm16-aiff', 'wb').write(b'\x01' + b'FORM' + struct.pack('>I', len(body)) + body)
PY
if command -v lame >/dev/null; then
    python3 -c "import sys; sys.stdout.buffer.write(open('$seeds/pcm16-mono','rb').read()[1:])" > "$out/seed.wav"
    lame --quiet "$out/seed.wav" "$out/seed.mp3" && { printf '\x04'; cat "$out/seed.mp3"; } > "$seeds/mp3"
fi

# The CTest run is short and seeded (fixed seed, fixed number of inputs, fresh corpus); libFuzzer
# still varies a little between machines. Longer exploratory runs: FUZZ_RUNS=-1 and a larger time.
rm -rf "$out/found"
mkdir -p "$out/found"
cd "$out"
ASAN_OPTIONS=detect_leaks=1 ./fuzz_decode_analyse -seed=1 -runs="${FUZZ_RUNS:-1500}" \
    -max_total_time="$seconds" -max_len=65536 \
    -rss_limit_mb=2048 -print_final_stats=1 "$out/found" "$seeds"
